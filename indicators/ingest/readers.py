"""Read CSV and XLSX files safely into sheets of raw cells, keeping the row numbers a person sees in Excel.

Nothing is evaluated: workbooks are read with python-calamine, which returns the cached values of formulas
and ignores macros and external links. Before calamine sees a workbook, every member of the zip is
stream-decompressed here and counted (a zip's declared sizes can lie), and the cell references of its sheets
are scanned, so a zip bomb or a "cell bomb" (one stray cell at XFD1048576) is refused within a second instead
of filling memory. Files are checked against what their extension says and against size limits.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook, SheetTypeEnum

from indicators.i18n import message
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.workbook_guard import check_workbook

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CSV_CELLS = 5_000_000
HEADER_SCAN_ROWS = 30
MISSING_MARKERS = {"", "..", "...", "-", "–", "na", "n/a", "n.a.", "nan", "null", "none"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
KIND_KM = {"an Excel workbook": "សៀវភៅបញ្ជី Excel", "CSV": "ឯកសារ CSV", "XLSX": "សៀវភៅបញ្ជី Excel", "XLSM": "សៀវភៅបញ្ជី Excel"}
WORKBOOK = "an Excel workbook"


@dataclass(frozen=True)
class Sheet:
    """One table of a file: `header` as written, `rows` with one column per header position,
    indexed by the row number as Excel (or a text editor, for CSV) shows it; `header_row` is the header's."""

    name: str
    header: list[str]
    rows: pd.DataFrame
    header_row: int = 1


@dataclass(frozen=True)
class RawFile:
    path: Path
    checksum: str
    sheets: list[Sheet]


def file_checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def normalise_header(text: object) -> str:
    """Header comparison key: lower case, punctuation and repeated spaces folded ("Country-Code" = "country code")."""
    return re.sub(r"[^0-9a-z%]+", " ", str(text).casefold()).strip()


def match_columns(header: list[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Position of each field in a header: the first of the field's aliases found, on normalised names."""
    keys = [normalise_header(h) for h in header]
    found: dict[str, int] = {}
    for field, names in aliases.items():
        for name in names:
            if name in keys:
                found[field] = keys.index(name)
                break
    return found


def parse_number(value: object) -> float | None:
    """A number from a cell: None for an empty or missing marker ("..", "n/a"); ValueError for text."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueError(value)
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        if not math.isfinite(value):
            raise ValueError(value)
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.casefold() in MISSING_MARKERS:
        return None
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    result = float(text)
    if not math.isfinite(result):
        raise ValueError(value)
    return result


def cell_text(cell: object) -> str:
    """A cell as header text: stripped; whole numbers without ".0" (a year typed as 2000 reads "2000")."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _cells_to_sheet(name: str, cells: Sequence[Sequence[object]]) -> Sheet | None:
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
    return Sheet(name, header, rows, header_row)


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
            return Sheet(sheet.name, header, sheet.rows.iloc[position + 1 :], int(number))
    return None


def preamble(sheet: Sheet, header_row: int) -> list[list[str]]:
    """The non-empty rows of `sheet` (its own header included) above row `header_row`, as text."""
    above = [list(sheet.header)] if sheet.header_row < header_row else []
    top = sheet.rows[sheet.rows.index < header_row]
    for cells in top.to_numpy():
        above.append([cell_text(c) for c in cells])
    return above


def unreadable_file(display: str, kind: str, reason: str, **params: object) -> Issue:
    """An `unreadable_file` error whose reason (message code `reason`) is given in English and in Khmer."""
    issue = make_issue("error", "unreadable_file", Location(display), kind=kind, reason=message(reason, "en", **params))
    khmer = message("unreadable_file", "km", kind=KIND_KM.get(kind, kind), reason=message(reason, "km", **params))
    return replace(issue, message_km=khmer)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _delimiter(text: str) -> str:
    """Comma, unless the first lines clearly use semicolons or tabs (as Excel writes in some locales)."""
    sample = "\n".join(text.splitlines()[:20])
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _read_csv(path: Path, display: str, raw: bytes) -> tuple[list[Sheet], list[Issue]]:
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and (b"\x00" in raw[:8192] or raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))):
        return [], [unreadable_file(display, "CSV", "file_reason_binary")]
    try:
        text = _decode(raw)
    except UnicodeDecodeError:
        return [], [unreadable_file(display, "CSV", "file_reason_binary")]
    cells: list[list[str]] = []
    count = 0
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            count += len(record)
            if count > MAX_CSV_CELLS:
                size = {"rows": len(cells), "columns": len(record), "limit": f"{MAX_CSV_CELLS:,}"}
                return [], [unreadable_file(display, "CSV", "file_reason_too_many_cells", **size)]
            cells.append(record)
    except csv.Error as exc:
        return [], [unreadable_file(display, "CSV", "file_reason_bad_csv", detail=exc)]
    sheet = _cells_to_sheet("", cells)
    return ([sheet] if sheet else []), []


def _read_xlsx(path: Path, display: str, raw: bytes) -> tuple[list[Sheet], list[Issue]]:
    if raw[:4] != b"PK\x03\x04":
        reason = "file_reason_old_excel" if raw[:4] == b"\xd0\xcf\x11\xe0" else "file_reason_not_xlsx"
        return [], [unreadable_file(display, WORKBOOK, reason)]
    refusal = check_workbook(path)
    problems = [unreadable_file(display, WORKBOOK, refusal.reason, **refusal.params)] if refusal else []
    if problems:
        return [], problems
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            cells = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheet = _cells_to_sheet(meta.name, cells)
            if sheet is not None:
                sheets.append(sheet)
    except BaseException as exc:  # calamine raises several types for damaged workbooks, and pyo3 panics derive from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        return [], [unreadable_file(display, WORKBOOK, "file_reason_damaged", detail=f"{type(exc).__name__}: {exc}")]
    return sheets, []


def read_file(path: str | Path) -> tuple[RawFile | None, list[Issue]]:
    """All non-empty sheets of a CSV or XLSX file, or the problems that stop it being read."""
    path = Path(path)
    display = path.name
    if not path.is_file():
        return None, [make_issue("error", "file_not_found", Location(display))]
    suffix = path.suffix.casefold()
    if suffix not in XLSX_SUFFIXES | {".csv"}:
        return None, [make_issue("error", "unsupported_format", Location(display), value=path.suffix or path.name)]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [
            unreadable_file(
                display, suffix[1:].upper(), "file_reason_too_large", size=f"{size / 2**20:.0f}", limit=f"{MAX_FILE_BYTES / 2**20:.0f}"
            )
        ]
    raw = path.read_bytes()
    sheets, problems = (_read_csv if suffix == ".csv" else _read_xlsx)(path, display, raw)
    if problems:
        return None, problems
    if not sheets:
        return None, [make_issue("error", "empty_file", Location(display))]
    return RawFile(path, hashlib.sha256(raw).hexdigest(), sheets), []
