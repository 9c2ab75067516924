"""Read a CSV file's bytes into one sheet of text cells, in a single streaming pass, or say why it cannot be read.

- **Encoding.** UTF-16 (by its byte-order mark), else UTF-8 (with or without BOM), else Windows-1252 (Latin-1 for
  the few bytes Windows-1252 leaves undefined). A file that is UTF-8 except for a few bytes (one Windows-1252
  character pasted into a UTF-8 file) is refused with the line of the first bad byte: decoding all of it as
  Windows-1252 would turn its other text into mojibake.
- **Damage.** A NUL byte is refused with its line. A quotation mark that is never closed swallows the following
  lines into one cell (the `csv` module accepts that silently): a cell whose later lines look like rows of the
  table is refused with its row.
- **Separator.** Comma, unless the first lines clearly use semicolons or tabs (as Excel writes in some locales).
- **Rows.** Each row keeps its number as a spreadsheet shows it (one per record); empty rows are dropped.
- **Memory.** The bytes are decoded as they are parsed, in blocks of rows; equal texts of a column share one
  string, so a million-row table costs little more than a pointer per cell and its distinct texts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.ingest.issues import Issue, Location, make_issue, unreadable_file

BLOCK_ROWS = 50_000
SNIFF_BYTES = 65_536
SNIFF_LINES = 20
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class CsvRefusal(Exception):
    """Why a CSV file cannot be read: the issue to report."""

    def __init__(self, issue: Issue):
        super().__init__(issue.message)
        self.issue = issue


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's cells: its first non-empty row (`first`, at row `first_row`), the rows below it, the separator."""

    first: list[str]
    rows: pd.DataFrame
    first_row: int
    delimiter: str


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def encoding_of(raw: bytes, display: str) -> str:
    """The codec of a CSV file (see the module docstring); CsvRefusal for a file that mixes encodings or holds NUL."""
    if raw.startswith(UTF16_BOMS):
        return "utf-16"
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise CsvRefusal(make_issue("error", "nul_byte", Location(display, "", _line_of(raw, nul))))
    if raw.isascii():
        return "utf-8"
    try:
        raw.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as error:
        lenient = raw.decode("utf-8", errors="replace")
        if any(ord(ch) > 127 and ch != "\ufffd" for ch in lenient):
            bad = raw[error.start : error.start + 1].hex().upper()
            at = Location(display, "", _line_of(raw, error.start))
            raise CsvRefusal(make_issue("error", "mixed_encoding", at, value=f"0x{bad}")) from error
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def delimiter_of(sample: str) -> str:
    """Comma, unless the first lines clearly use semicolons or tabs (as Excel writes in some locales)."""
    lines = "\n".join(sample.splitlines()[:SNIFF_LINES])
    counts = {d: lines.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _blocks(records: Iterator[list[str]]) -> Iterator[tuple[list[int], list[list[str]]]]:
    """Non-empty records in blocks of BLOCK_ROWS, with their record numbers (1-based)."""
    numbers: list[int] = []
    rows: list[list[str]] = []
    for number, record in enumerate(records, start=1):
        if not record or not "".join(record).strip():
            continue
        numbers.append(number)
        rows.append(record)
        if len(rows) >= BLOCK_ROWS:
            yield numbers, rows
            numbers, rows = [], []
    if rows:
        yield numbers, rows


class _Columns:
    """Cells of a table built block by block: one object array per block and column. Texts of a column are shared
    while the column repeats itself (codes, names, years); a column of mostly distinct texts keeps them as read."""

    def __init__(self) -> None:
        self.parts: list[list[np.ndarray]] = []
        self.pools: list[dict[str, str] | None] = []
        self.numbers: list[np.ndarray] = []
        self.count = 0

    @property
    def width(self) -> int:
        return len(self.parts)

    def add(self, numbers: list[int], block: list[list[str]]) -> None:
        width = max(self.width, max(map(len, block)))
        while self.width < width:
            self.parts.append([np.full(self.count, "", dtype=object)] if self.count else [])
            self.pools.append({})
        padded = [row + [""] * (width - len(row)) if len(row) < width else row for row in block]
        for position, values in enumerate(zip(*padded, strict=True)):
            pool = self.pools[position]
            if pool is None:
                self.parts[position].append(np.array(values, dtype=object))
                continue
            self.parts[position].append(np.array([pool.setdefault(v, v) for v in values], dtype=object))
            if len(pool) > len(values) // 2 and len(pool) > 1000:
                self.pools[position] = None  # mostly distinct: sharing would only cost a dictionary
        self.numbers.append(np.asarray(numbers, dtype=np.int64))
        self.count += len(numbers)

    def frame(self, width: int) -> pd.DataFrame:
        index = pd.Index(np.concatenate(self.numbers) if self.numbers else np.zeros(0, dtype=np.int64), dtype="int64", name="row")
        data = {}
        for position in range(width):
            parts = self.parts[position] if position < self.width else []
            data[position] = np.concatenate(parts) if parts else np.full(self.count, "", dtype=object)
        return pd.DataFrame(data, index=index, columns=range(width), dtype=object)


def read_csv_bytes(raw: bytes, display: str, max_cells: int) -> CsvTable:
    """The cells of a CSV file (see the module docstring); CsvRefusal when it cannot be read."""
    codec = encoding_of(raw, display)
    delimiter = delimiter_of(raw[:SNIFF_BYTES].decode(codec, errors="ignore"))
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding=codec, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    columns = _Columns()
    first: list[str] | None = None
    first_row = 1
    records = 0
    try:
        for numbers, block in _blocks(reader):
            records = numbers[-1]
            if first is None:
                first, first_row = block[0], numbers[0]
                numbers, block = numbers[1:], block[1:]
            if columns.count * max(columns.width, len(first)) + sum(map(len, block)) > max_cells:
                size = {"rows": numbers[-1], "columns": max(columns.width, len(first)), "limit": f"{max_cells:,}"}
                raise CsvRefusal(_unreadable(display, "file_reason_too_many_cells", **size))
            if block:
                columns.add(numbers, block)
    except csv.Error as error:
        raise CsvRefusal(_unreadable(display, "file_reason_bad_csv", detail=error)) from error
    header = list(first or [])
    width = max(columns.width, len(header))
    rows = columns.frame(width)
    if reader.line_num > records:  # some cell spans lines: make sure no quote swallowed rows
        _check_swallowed(header, rows, delimiter, display, first_row)
    return CsvTable(header + [""] * (width - len(header)), rows, first_row, delimiter)


def _check_swallowed(header: list[str], rows: pd.DataFrame, delimiter: str, display: str, first_row: int) -> None:
    """CsvRefusal at the first cell whose later lines hold at least as many separators as a row of the table."""
    needed = max(1, len([h for h in header if h]) - 1)
    cells: list[tuple[int, int, str]] = [(first_row, position, text) for position, text in enumerate(header)]
    for key in rows.columns:
        column = rows[key].to_numpy(dtype=object)
        for index in (i for i, text in enumerate(column) if "\n" in text or "\r" in text):
            cells.append((int(rows.index[index]), int(key), str(column[index])))
    found = [(row, position, text.splitlines()[0]) for row, position, text in cells if _swallows(text, delimiter, needed)]
    if found:
        row, position, start = min(found)
        name = header[position] if position < len(header) and header[position] else str(position + 1)
        raise CsvRefusal(make_issue("error", "unclosed_quote", Location(display, "", row, name), value=start[:40]))


def _swallows(text: str, delimiter: str, needed: int) -> bool:
    return any(line.count(delimiter) >= needed for line in text.splitlines()[1:])


def _unreadable(display: str, reason: str, **params: object) -> Issue:
    return unreadable_file(display, "CSV", reason, **params)
