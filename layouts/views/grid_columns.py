"""Columns of the tables of the data pages, AG Grid's (`column`) and those the browser sorts itself (`table_column`,
layouts/components/sortable_table.py): a cell shows the text formatted for the page language (`<field>_text`) while
the table sorts on the raw value."""

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


def table_column(
    key: str,
    label: str,
    *,
    numeric: bool = False,
    nowrap: bool = False,
    breaks_anywhere: bool = False,
    title: str | None = None,
    hidden: bool = False,
) -> dict[str, object]:
    """A column of a sortable table: `numeric` sorts as numbers and aligns right (on one line); `nowrap`, its short
    texts (dates, names) stay on one line on a wide screen, so the long ones of other columns wrap instead;
    `breaks_anywhere`, its long words (file names) may break anywhere; `title`, the heading's tooltip (a long name);
    `hidden`, written to the CSV only."""
    spec: dict[str, object] = {"key": key, "label": label}
    if numeric:
        spec["numeric"] = True
    if nowrap:
        spec["nowrap"] = True
    if breaks_anywhere:
        spec["breaks_anywhere"] = True
    if title:
        spec["title"] = title
    if hidden:
        spec["hidden"] = True
    return spec
