"""Read CSV and XLSX files safely into sheets of raw cells, keeping the row numbers a person sees in Excel.

Nothing is evaluated: workbooks are read with python-calamine, which returns the cached values of formulas
and ignores macros and external links. Files are checked against what their extension says, and against
size limits before anything is decompressed.
"""

from __future__ import annotations

import hashlib
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from indicators.issues import Issue, Location, make_issue

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MISSING_MARKERS = {"", "..", "...", "-", "–", "na", "n/a", "n.a.", "nan", "null", "none"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class Sheet:
    """One table of a file: `header` as written, `rows` with one column per header position,
    indexed by the row number as Excel (or a text editor, for CSV) shows it."""

    name: str
    header: list[str]
    rows: pd.DataFrame


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


def _cells_to_sheet(name: str, cells: Sequence[Sequence[object]]) -> Sheet | None:
    """First non-empty row is the header; data rows keep their 1-based row numbers; empty rows drop."""

    def blank(cell: object) -> bool:
        return cell is None or (isinstance(cell, str) and not cell.strip())

    numbered = [(i + 1, row) for i, row in enumerate(cells) if not all(blank(c) for c in row)]
    if not numbered:
        return None
    (_, header_cells), body = numbered[0], numbered[1:]
    width = max(len(row) for _, row in numbered)
    header = [("" if blank(c) else str(c).strip()) for c in header_cells] + [""] * (width - len(header_cells))
    rows = pd.DataFrame(
        [list(row) + [None] * (width - len(row)) for _, row in body],
        index=pd.Index([n for n, _ in body], name="row"),
        columns=range(width),
        dtype=object,
    )
    return Sheet(name, header, rows)


def _check_zip(path: Path, display: str) -> list[Issue]:
    """Refuse a workbook whose contents would decompress beyond the limits (a zip bomb), before reading it."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        return [
            make_issue(
                "error", "unreadable_file", Location(display), kind="an Excel workbook", reason=f"the file is damaged or truncated ({exc})."
            )
        ]
    total = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        reason = f"it would expand to {total / 2**20:.0f} MiB ({total / packed:.0f}× its size); refused as unsafe."
        return [make_issue("error", "unreadable_file", Location(display), kind="an Excel workbook", reason=reason)]
    return []


def _read_csv(path: Path, display: str) -> tuple[list[Sheet], list[Issue]]:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192] or raw.startswith(b"PK\x03\x04"):
        return [], [make_issue("error", "unreadable_file", Location(display), kind="CSV", reason="it is a binary file, not text.")]
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    import csv
    import io

    try:
        cells: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        return [], [make_issue("error", "unreadable_file", Location(display), kind="CSV", reason=str(exc))]
    sheet = _cells_to_sheet("", cells)
    return ([sheet] if sheet else []), []


def _read_xlsx(path: Path, display: str) -> tuple[list[Sheet], list[Issue]]:
    if path.read_bytes()[:4] != b"PK\x03\x04":
        return [], [
            make_issue(
                "error",
                "unreadable_file",
                Location(display),
                kind="an Excel workbook",
                reason="it is not an .xlsx workbook (wrong content for its extension).",
            )
        ]
    problems = _check_zip(path, display)
    if problems:
        return [], problems
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in workbook.sheet_names:
            cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheet = _cells_to_sheet(name, cells)
            if sheet is not None:
                sheets.append(sheet)
    except Exception as exc:  # calamine raises several types for damaged workbooks
        reason = f"the workbook is damaged or truncated ({type(exc).__name__}: {exc})."
        return [], [make_issue("error", "unreadable_file", Location(display), kind="an Excel workbook", reason=reason)]
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
        reason = f"it is {size / 2**20:.0f} MiB; the limit is {MAX_FILE_BYTES / 2**20:.0f} MiB."
        return None, [make_issue("error", "unreadable_file", Location(display), kind=suffix[1:].upper(), reason=reason)]
    sheets, problems = (_read_csv if suffix == ".csv" else _read_xlsx)(path, display)
    if problems:
        return None, problems
    if not sheets:
        return None, [make_issue("error", "empty_file", Location(display))]
    return RawFile(path, file_checksum(path), sheets), []
