"""Columns of the AG Grids of the data pages: a cell shows the text formatted for the page language while the grid
sorts on the raw value (`<field>_text`)."""

from __future__ import annotations


def column(
    field: str, header: str, width: int, *, grow: int = 0, formatted: bool = False, numeric: bool = False, wrap: bool = False
) -> dict[str, object]:
    """A grid column `width` px wide (at least, when it may `grow` into free space); `formatted`: show `<field>_text`
    (formatted for the page language) while sorting on the raw `field`; `wrap`: long texts wrap onto more lines."""
    spec: dict[str, object] = {"field": field, "headerName": header, "minWidth": width}
    spec.update({"flex": grow} if grow else {"width": width})
    if formatted:
        spec["valueFormatter"] = {"function": f"params.data.{field}_text"}
    if numeric:
        spec["type"] = "rightAligned"
    if wrap:
        spec.update(wrapText=True, autoHeight=True)
    return spec
