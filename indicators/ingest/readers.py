"""Read any accepted file safely into sheets of raw cells (`sheets.RawFile`), keeping the rows a person sees.

The file's first bytes decide how it is read, within what its extension allows:
- `.csv`: text (`text_tables`: encoding, separator, damage), one sheet named "";
- `.xlsx`, `.xlsm`, `.xls`: a workbook (`workbooks`, behind the zip guard for .xlsx); an old or encrypted workbook
  under an .xlsx name is read as .xls when it is one;
- `.zip` (the World Bank's bulk download): each CSV member is a sheet named after it, unpacked within the same
  limits as a workbook; other members are named in a note.
Files over MAX_FILE_BYTES are refused before they are read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from indicators.ingest.issues import Issue, Location, make_issue, unreadable_file
from indicators.ingest.sheets import RawFile, Sheet
from indicators.ingest.text_tables import CsvRefusal, read_csv_bytes
from indicators.ingest.workbook_guard import Refusal, read_member, unpack_limit, zip_members
from indicators.ingest.workbooks import read_workbook

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CSV_CELLS = 5_000_000
BINARY_SNIFF_BYTES = 8192  # a NUL this early: a binary file; later: damage, refused with its line
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
READABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".zip")


def size_texts(size: int, limit: int) -> tuple[str, str]:
    """A file size and a limit for a message, with as many decimals as it takes for them not to read the same
    ("51 MiB", "50 MiB"; "50.01 MiB", "50 MiB"), else in bytes."""
    for decimals in range(4):
        texts = (f"{size / 2**20:,.{decimals}f} MiB", f"{limit / 2**20:,.{decimals}f} MiB")
        if texts[0] != texts[1]:
            return texts
    return f"{size:,} bytes", f"{limit:,} bytes"


def oversized(display: str, size: int) -> Issue | None:
    """The refusal of a file of `size` bytes over MAX_FILE_BYTES; None within the limit."""
    if size <= MAX_FILE_BYTES:
        return None
    kind = Path(display).suffix[1:].upper() or "CSV"
    shown, limit = size_texts(size, MAX_FILE_BYTES)
    return unreadable_file(display, kind, "file_reason_too_large", size=shown, limit=limit)


def _csv_sheet(raw: bytes, display: str, name: str) -> Sheet | None:
    table = read_csv_bytes(raw, display, MAX_CSV_CELLS)
    if not table.first:
        return None
    return Sheet(name, table.first, table.rows, table.first_row, table.delimiter)


def _read_csv(display: str, raw: bytes) -> tuple[list[Sheet], list[Issue], list[Issue]]:
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    if raw[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0") or (not utf16 and b"\x00" in raw[:BINARY_SNIFF_BYTES]):
        return [], [unreadable_file(display, "CSV", "file_reason_binary")], []
    try:
        sheet = _csv_sheet(raw, display, "")
    except CsvRefusal as refusal:
        return [], [refusal.issue], []
    return ([sheet] if sheet else []), [], []


def _read_zip(path: Path, display: str) -> tuple[list[Sheet], list[Issue], list[Issue]]:
    infos = zip_members(path)
    if isinstance(infos, Refusal):
        return [], [unreadable_file(display, "ZIP", infos.reason, **infos.params)], []
    budget = unpack_limit(path.stat().st_size)
    sheets: list[Sheet] = []
    skipped = [info.filename for info in infos if not info.is_dir() and not info.filename.casefold().endswith(".csv")]
    for info in sorted((i for i in infos if i.filename.casefold().endswith(".csv")), key=lambda i: i.filename):
        data = read_member(path, info, budget)
        if isinstance(data, Refusal):
            return [], [unreadable_file(display, "ZIP", data.reason, **data.params)], []
        budget -= len(data)
        try:
            sheet = _csv_sheet(data, display, info.filename)
        except CsvRefusal as refusal:
            return [], [refusal.issue], []
        if sheet is not None:
            sheets.append(sheet)
    notes = [make_issue("info", "zip_members_skipped", Location(display), value=", ".join(skipped))] if skipped else []
    return sheets, [], notes


def read_file(path: str | Path) -> tuple[RawFile | None, list[Issue]]:
    """All non-empty sheets of a CSV, workbook or zip file, or the problems that stop it being read."""
    path = Path(path)
    display = path.name
    if not path.is_file():
        return None, [make_issue("error", "file_not_found", Location(display))]
    suffix = path.suffix.casefold()
    if suffix not in READABLE_SUFFIXES:
        return None, [make_issue("error", "unsupported_format", Location(display), value=path.suffix or path.name)]
    too_large = oversized(display, path.stat().st_size)
    if too_large is not None:
        return None, [too_large]
    raw = path.read_bytes()
    checksum = hashlib.sha256(raw).hexdigest()
    if suffix == ".csv":
        sheets, problems, notes = _read_csv(display, raw)
    elif suffix == ".zip":
        sheets, problems, notes = _read_zip(path, display)
    else:
        sheets, problems, notes = read_workbook(path, display, raw)
    del raw
    if problems:
        return None, problems
    if not sheets:
        return None, [*notes, make_issue("error", "empty_file", Location(display))]
    return RawFile(path, checksum, sheets, notes), []
