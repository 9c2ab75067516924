"""The raw shape every reader produces: a file's sheets of cells, with the row numbers a person sees in Excel, and
the helpers that find a header in them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from indicators.ingest.issues import Issue

HEADER_SCAN_ROWS = 30
CellKey = tuple[int, int]  # (row as Excel shows it, 0-based column)


@dataclass(frozen=True)
class Sheet:
    """One table of a file: `header` as written, `rows` with one column per header position, indexed by the row
    number as Excel (or a text editor, for CSV) shows it; `header_row` is the header's. `delimiter`: the separator
    of a CSV file ("" for a workbook). `linked`: cells whose formula links to another file, with the formula."""

    name: str
    header: list[str]
    rows: pd.DataFrame
    header_row: int = 1
    delimiter: str = ""
    linked: dict[CellKey, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RawFile:
    """A file as read: its sheets, its checksum, and notes about what was not read (hidden sheets, …)."""

    path: Path
    checksum: str
    sheets: list[Sheet]
    notes: list[Issue] = field(default_factory=list)


@lru_cache(maxsize=65536)
def _normalised(text: str) -> str:
    return re.sub(r"[^0-9a-z%]+", " ", text.casefold()).strip()


def normalise_header(text: object) -> str:
    """Header comparison key: lower case, punctuation and repeated spaces folded ("Country-Code" = "country code")."""
    return _normalised(str(text))


def match_columns(header: list[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Position of each field in a header: the first of the field's aliases found, on normalised names."""
    keys = [normalise_header(h) for h in header]
    found: dict[str, int] = {}
    for field_name, names in aliases.items():
        for name in names:
            if name in keys:
                found[field_name] = keys.index(name)
                break
    return found


def cell_text(cell: object) -> str:
    """A cell as header text: stripped; whole numbers without ".0" (a year typed as 2000 reads "2000")."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cells_to_sheet(name: str, cells: Sequence[Sequence[object]], linked: dict[CellKey, str] | None = None) -> Sheet | None:
    """First non-empty row is the header; data rows keep their 1-based row numbers; empty rows drop."""
    numbered: list[tuple[int, Sequence[object]]] = []
    for number, row in enumerate(cells, start=1):
        if all(isinstance(c, str) for c in row):
            if "".join(row).strip():  # type: ignore[arg-type]  # all str, checked above
                numbered.append((number, row))
        elif not all(_blank(c) for c in row):
            numbered.append((number, row))
    if not numbered:
        return None
    (header_row, header_cells), body = numbered[0], numbered[1:]
    width = max(len(row) for _, row in numbered)
    header = [cell_text(c) for c in header_cells] + [""] * (width - len(header_cells))
    rows = pd.DataFrame(
        [row if len(row) == width else list(row) + [None] * (width - len(row)) for _, row in body],
        index=pd.Index([n for n, _ in body], dtype="int64", name="row"),
        columns=range(width),
        dtype=object,
    )
    return Sheet(name, header, rows, header_row, linked=dict(linked or {}))


def split_at_header(sheet: Sheet, is_header: Callable[[list[str]], bool], max_scan: int = HEADER_SCAN_ROWS) -> Sheet | None:
    """The sheet re-split at its first row (of the first `max_scan`) that `is_header` accepts; None if none does.

    Rows above the new header are dropped (for example the "Data Source", "Last Updated Date" lines above a
    World Bank download's header); every row keeps its row number as Excel shows it.
    """
    if is_header(sheet.header):
        return sheet
    top = sheet.rows.iloc[:max_scan]
    for position, (number, cells) in enumerate(zip(top.index, top.to_numpy(), strict=True)):
        header = [cell_text(c) for c in cells]
        if is_header(header):
            return Sheet(sheet.name, header, sheet.rows.iloc[position + 1 :], int(number), sheet.delimiter, sheet.linked)
    return None


def preamble(sheet: Sheet, header_row: int) -> list[list[str]]:
    """The non-empty rows of `sheet` (its own header included) above row `header_row`, as text."""
    above = [list(sheet.header)] if sheet.header_row < header_row else []
    top = sheet.rows[sheet.rows.index < header_row]
    for cells in top.to_numpy():
        above.append([cell_text(c) for c in cells])
    return above
