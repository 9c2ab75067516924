"""Read Excel workbooks (.xlsx, .xlsm and legacy .xls) into sheets of raw cells, with python-calamine.

Nothing is evaluated: calamine returns the cached values of formulas and ignores macros. An .xlsx passes the zip
guard first (`workbook_guard`). What the cell values alone would hide is made visible:
- hidden and very hidden sheets (drafts, lookup lists) are not read, with a note naming them;
- two sheets with the same name (Excel forbids it; another program made the file) are refused: a place
  "sheet 'Data', row 7" would be ambiguous;
- formula-error cells are read as their error text, and cells whose formula links to another file are listed
  (`workbook_cells`), so the checks can name them;
- a legacy .xls sheet larger than the cell limit is refused before it is laid out.
The format is told by the file's first bytes, not its extension (an .xls that is really .xlsx is read as such).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from indicators.ingest.issues import Issue, Location, make_issue, unreadable_file
from indicators.ingest.sheets import Sheet, cells_to_sheet
from indicators.ingest.workbook_cells import SheetCells, special_cells
from indicators.ingest.workbook_guard import MAX_CELLS, Inspection, Refusal, check_workbook

WORKBOOK = "an Excel workbook"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _refused(display: str, refusal: Refusal) -> list[Issue]:
    return [unreadable_file(display, WORKBOOK, refusal.reason, **refusal.params)]


def _duplicates(display: str, names: Sequence[str]) -> list[Issue]:
    seen: dict[str, int] = {}
    issues = []
    for position, name in enumerate(names, start=1):
        key = name.casefold()
        if key in seen:
            at = Location(display, name)
            issues.append(make_issue("error", "duplicate_sheet_name", at, value=name, first=seen[key], second=position))
        seen.setdefault(key, position)
    return issues


def read_workbook(path: Path, display: str, raw: bytes) -> tuple[list[Sheet], list[Issue], list[Issue]]:
    """(sheets, problems, notes) of a workbook: the visible worksheets with any rows, or the problems that stop it."""
    inspection: Inspection | None = None
    if raw[:4] == ZIP_MAGIC:
        checked = check_workbook(path)
        if isinstance(checked, Refusal):
            return [], _refused(display, checked), []
        inspection = checked
    elif raw[:4] != OLE_MAGIC:
        return [], [unreadable_file(display, WORKBOOK, "file_reason_not_workbook")], []
    try:
        special = special_cells(path, inspection.error_members, inspection.external_links) if inspection else {}
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        metas = list(workbook.sheets_metadata)
        problems = _duplicates(display, [meta.name for meta in metas])
        if problems:
            return [], problems, []
        sheets: list[Sheet] = []
        notes: list[Issue] = []
        for index, meta in enumerate(metas):
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            if meta.visible != SheetVisibleEnum.Visible:
                notes.append(
                    make_issue(
                        "info",
                        "hidden_sheet",
                        Location(display, meta.name),
                        value=meta.name,
                        state="very hidden" if meta.visible == SheetVisibleEnum.VeryHidden else "hidden",
                    )
                )
                continue
            sheet = workbook.get_sheet_by_index(index)
            if raw[:4] == OLE_MAGIC and sheet.total_height * sheet.total_width > MAX_CELLS:
                size = {"rows": sheet.total_height, "columns": sheet.total_width, "limit": f"{MAX_CELLS:,}"}
                return [], [unreadable_file(display, WORKBOOK, "file_reason_too_many_cells", **size)], []
            cells = sheet.to_python(skip_empty_area=False)
            found = special.get(meta.name, SheetCells())
            for (row, column), text in found.errors.items():
                if row - 1 < len(cells) and column < len(cells[row - 1]):
                    cells[row - 1][column] = text or "#ERROR"
            made = cells_to_sheet(meta.name, cells, linked=found.links)
            if made is not None:
                sheets.append(made)
    except BaseException as exc:  # calamine raises several types for damaged workbooks, and pyo3 panics derive from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        reason = "file_reason_encrypted_or_old" if raw[:4] == OLE_MAGIC else "file_reason_damaged"
        return [], [unreadable_file(display, WORKBOOK, reason, detail=f"{type(exc).__name__}: {exc}")], []
    return sheets, [], notes
