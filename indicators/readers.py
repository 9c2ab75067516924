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
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook, SheetTypeEnum

from indicators.i18n import message
from indicators.issues import Issue, Location, make_issue

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
RATIO_FLOOR_BYTES = 16 * 1024 * 1024  # a workbook may always expand to this much, whatever its compression ratio
MAX_ZIP_MEMBERS = 10_000
MAX_CELLS = 2_000_000  # cells from A1 to the last used cell, summed over a workbook's sheets
MAX_CSV_CELLS = 5_000_000
HEADER_SCAN_ROWS = 30
MISSING_MARKERS = {"", "..", "...", "-", "–", "na", "n/a", "n.a.", "nan", "null", "none"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
KIND_KM = {"an Excel workbook": "សៀវភៅបញ្ជី Excel", "CSV": "ឯកសារ CSV", "XLSX": "សៀវភៅបញ្ជី Excel", "XLSM": "សៀវភៅបញ្ជី Excel"}
WORKBOOK = "an Excel workbook"

_CHUNK = 64 * 1024
_OVERLAP = 1024
# Cell and row references in their usual form (` r="B7"`, ` r="7"`) are read with a fast literal search; when a
# piece of XML holds any other spelling that XML allows (quotes, spaces, namespace prefixes, cells without `r`),
# that piece is read again with the slower, general patterns.
_REF = re.compile(rb' r="([A-Za-z]*)(\d+)"')
_REF_ANY = re.compile(rb"\sr\s*=\s*[\"']([A-Za-z]*)(\d+)[\"']")
_UNUSUAL = (b"='", b" =", b"= ", b"\tr=", b"\nr=", b"\rr=", b":c")
_CELL_TAG_ANY = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_CELL_WITHOUT_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c(?=[\s>/])(?![^>]*\sr\s*=)[^>]*>")
_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_PIECE = 1024 * 1024


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


def _unreadable(display: str, kind: str, reason: str, **params: object) -> Issue:
    """An `unreadable_file` error whose reason (message code `reason`) is given in English and in Khmer."""
    issue = make_issue("error", "unreadable_file", Location(display), kind=kind, reason=message(reason, "en", **params))
    khmer = message("unreadable_file", "km", kind=KIND_KM.get(kind, kind), reason=message(reason, "km", **params))
    return replace(issue, message_km=khmer)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


@dataclass
class _MemberScan:
    """Running bounds over one zip member's decompressed XML: the furthest row and column a reader would lay out.

    Cells and rows normally carry their reference (`r="B7"`); a reader places those without one after the previous
    cell or row, so those are counted too: per row for cells (the widest row), in total for rows."""

    max_row: int = 0
    max_column: int = 0
    rows_without_ref: int = 0
    cells_without_ref: int = 0
    widest_row_without_refs: int = 0  # most cells without a reference in one row
    current_row_without_refs: int = 0

    def feed(self, text: bytes) -> None:
        if b"<" not in text:
            return
        unusual = (
            text.count(b"=") != text.count(b'="')  # ='…' or "= "
            or b" =" in text
            or b":c" in text  # namespace-prefixed cells
            or (any(text.count(space) for space in (b"\t", b"\n", b"\r")) and any(m in text for m in _UNUSUAL))
        )
        refs = (_REF_ANY if unusual else _REF).findall(text)
        columns = set(map(itemgetter(0), refs))
        cell_refs = sum(map(bool, map(itemgetter(0), refs))) if columns - {b""} else 0
        columns.discard(b"")
        if columns:
            self.max_column = max(self.max_column, *map(_column_number, columns))
        if refs:
            self.max_row = max(self.max_row, *map(int, set(map(itemgetter(1), refs))))
        row_starts = len(_ROW_START.findall(text)) if unusual else text.count(b"<row ") + text.count(b"<row>") + text.count(b"<row/")
        self.rows_without_ref += max(0, row_starts - (len(refs) - cell_refs))
        tags = len(_CELL_TAG_ANY.findall(text)) if unusual else text.count(b"<c")
        if tags > cell_refs and not unusual:  # "<c" also starts <col>, <cfRule>…: count the cells themselves
            tags = len(_CELL_TAG_ANY.findall(text))
        if tags <= cell_refs:
            if row_starts:
                self.current_row_without_refs = 0
            return
        # some cells have no reference: count them per row (their row is the last row start before them)
        starts = np.fromiter((m.start() for m in _ROW_START.finditer(text)), dtype=np.int64)
        cells = np.fromiter((m.start() for m in _CELL_WITHOUT_REF.finditer(text)), dtype=np.int64)
        per_row = np.bincount(np.searchsorted(starts, cells, side="right"), minlength=len(starts) + 1)
        per_row[0] += self.current_row_without_refs
        self.widest_row_without_refs = max(self.widest_row_without_refs, int(per_row.max()))
        self.current_row_without_refs = int(per_row[-1])
        self.cells_without_ref += len(cells)

    def extent(self) -> tuple[int, int]:
        """(rows, columns) from A1 that a reader could lay out, erring on the large side."""
        return self.max_row + self.rows_without_ref, self.max_column + self.widest_row_without_refs


def _pieces(handle: io.BufferedReader, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """The decompressed bytes of one member, read from its local header and ignoring its declared sizes, in pieces
    of at most _PIECE bytes; stops once more than `budget` bytes came out. ValueError for what cannot be inflated."""
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise ValueError(f"bad local header for {info.filename}")
    fields = struct.unpack("<4s2B4HL2L2H", header)
    handle.seek(info.header_offset + 30 + fields[10] + fields[11])
    if info.flag_bits & 0x1:
        raise PermissionError(info.filename)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ValueError(f"unsupported compression method {info.compress_type} for {info.filename}")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
    produced, left = 0, info.compress_size
    while left > 0:
        chunk = handle.read(min(_CHUNK, left))
        if not chunk:
            raise ValueError(f"{info.filename} is cut short")
        left -= len(chunk)
        while chunk:
            piece = inflater.decompress(chunk, _PIECE) if inflater is not None else chunk
            chunk = inflater.unconsumed_tail if inflater is not None else b""
            produced += len(piece)
            yield piece
            if produced > budget:
                return
    if inflater is not None and not inflater.eof:
        raise ValueError(f"{info.filename} is cut short")


def _scan_member(handle: io.BufferedReader, info: zipfile.ZipInfo, budget: int) -> tuple[int, _MemberScan]:
    """(bytes the member inflates to, up to just over `budget`; its cell counts)."""
    scan = _MemberScan()
    produced, tail = 0, b""
    for piece in _pieces(handle, info, budget):
        produced += len(piece)
        text = tail + piece
        cut = max(0, len(text) - _OVERLAP)
        # A tag holds no "<", so every tag that starts before the last "<" also ends before it: feed up to there.
        boundary = text.rfind(b"<", 0, cut) if cut else -1
        split = boundary if boundary > 0 else cut
        scan.feed(text[:split])
        tail = text[split:]
        rows, columns = scan.extent()
        if rows * columns > MAX_CELLS:
            return produced, scan  # refused already; the tail may hold a cut tag
    scan.feed(tail)
    return produced, scan


def _check_zip(path: Path, display: str) -> list[Issue]:
    """Refuse a workbook whose contents would decompress beyond the limits (a zip bomb) or lay out more cells
    than MAX_CELLS, before any library reads it; and a zip that holds no workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        return [_unreadable(display, WORKBOOK, "file_reason_damaged", detail=exc)]
    packed = max(1, path.stat().st_size)
    limit = min(MAX_UNCOMPRESSED_BYTES, max(RATIO_FLOOR_BYTES, MAX_COMPRESSION_RATIO * packed))
    declared = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_MEMBERS or declared > limit:
        return [_unreadable(display, WORKBOOK, "file_reason_unsafe", size=f"{declared / 2**20:.0f}", ratio=f"{declared / packed:.0f}")]
    total, cells = 0, 0
    try:
        with path.open("rb") as handle:
            for info in infos:
                produced, scan = _scan_member(handle, info, limit - total)
                total += produced
                if total > limit:
                    size = f"more than {total / 2**20:.0f}"
                    return [_unreadable(display, WORKBOOK, "file_reason_unsafe", size=size, ratio=f"{total / packed:.0f}")]
                rows, columns = scan.extent()
                cells += rows * columns
                if cells > MAX_CELLS:
                    return [
                        _unreadable(display, WORKBOOK, "file_reason_too_many_cells", rows=rows, columns=columns, limit=f"{MAX_CELLS:,}")
                    ]
    except PermissionError:
        return [_unreadable(display, WORKBOOK, "file_reason_encrypted")]
    except (OSError, ValueError, zlib.error, struct.error) as exc:
        return [_unreadable(display, WORKBOOK, "file_reason_damaged", detail=exc)]
    if not any(info.filename.endswith("workbook.xml") for info in infos):
        return [_unreadable(display, WORKBOOK, "file_reason_zip_not_workbook")]
    return []


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
        return [], [_unreadable(display, "CSV", "file_reason_binary")]
    try:
        text = _decode(raw)
    except UnicodeDecodeError:
        return [], [_unreadable(display, "CSV", "file_reason_binary")]
    cells: list[list[str]] = []
    count = 0
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            count += len(record)
            if count > MAX_CSV_CELLS:
                limit = f"{MAX_CSV_CELLS:,}"
                return [], [_unreadable(display, "CSV", "file_reason_too_many_cells", rows=len(cells), columns=len(record), limit=limit)]
            cells.append(record)
    except csv.Error as exc:
        return [], [_unreadable(display, "CSV", "file_reason_bad_csv", detail=exc)]
    sheet = _cells_to_sheet("", cells)
    return ([sheet] if sheet else []), []


def _read_xlsx(path: Path, display: str, raw: bytes) -> tuple[list[Sheet], list[Issue]]:
    if raw[:4] != b"PK\x03\x04":
        reason = "file_reason_old_excel" if raw[:4] == b"\xd0\xcf\x11\xe0" else "file_reason_not_xlsx"
        return [], [_unreadable(display, WORKBOOK, reason)]
    problems = _check_zip(path, display)
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
        return [], [_unreadable(display, WORKBOOK, "file_reason_damaged", detail=f"{type(exc).__name__}: {exc}")]
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
            _unreadable(
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
