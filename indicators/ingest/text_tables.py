"""Read a CSV file's bytes into one sheet of text cells, or say why it cannot be read.

- **Encoding.** UTF-16 (by its byte-order mark), else UTF-8 (with or without BOM), else Windows-1252 (Latin-1 for
  the few bytes Windows-1252 leaves undefined). A file that is UTF-8 except for a few bytes (one Windows-1252
  character pasted into a UTF-8 file) is refused with the line of the first bad byte: decoding all of it as
  Windows-1252 would turn its other text into mojibake.
- **Damage.** A NUL byte is refused with its line. A quotation mark that is never closed is refused with the row
  where it opens, whether it runs to the end of the file or swallows the following lines into one cell until a
  later quote closes it (a cell whose later lines look like rows of the table).
- **Separator.** Comma, unless the first lines clearly use semicolons or tabs (as Excel writes in some locales).
- **Rows.** Each row keeps its number as a spreadsheet shows it (one per record); empty rows are dropped.
- **Speed and memory.** pandas' C parser reads blocks of rows; in a table of more than one block each column is
  kept as categories, so a million-row table costs a small integer per cell and one string per distinct text.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from indicators.ingest.issues import Issue, Location, make_issue, unreadable_file

BLOCK_ROWS = 100_000
SNIFF_BYTES = 65_536
SNIFF_LINES = 20
WIDTH_LINES = 200  # rows read to size the table; a wider row later makes a second pass
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UNCLOSED = re.compile(r"EOF inside string starting at row (\d+)")
_WIDER = re.compile(r"Expected \d+ fields in line \d+, saw \d+")


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
        if not raw.decode("utf-8", errors="replace").replace("\ufffd", "").isascii():  # some text is UTF-8
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


def _width(raw: bytes, codec: str, delimiter: str, lines: int | None) -> int:
    """The most fields of a record among the first `lines` records (all when None)."""
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding=codec, newline="")
    try:
        return max((len(record) for record in itertools.islice(csv.reader(stream, delimiter=delimiter), lines)), default=0)
    except csv.Error:
        return 0  # the parser below says what is wrong


def _parse(raw: bytes, codec: str, delimiter: str, width: int) -> pd.DataFrame:
    """Every cell as text, block by block; a table of more than one block keeps each column as categories (the
    text of each distinct cell once)."""
    chunks = pd.read_csv(
        io.BytesIO(raw),
        sep=delimiter,
        header=None,
        names=range(max(width, 1)),
        dtype=object,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        encoding=codec,
        engine="c",
        chunksize=BLOCK_ROWS,
    )
    first = next(chunks, None)
    if first is None:
        raise pd.errors.EmptyDataError("no rows")
    if len(first) < BLOCK_ROWS:
        return first
    parts: dict[int, list[pd.Categorical]] = {p: [pd.Categorical(first[p].to_numpy(dtype=object))] for p in range(first.shape[1])}
    for chunk in chunks:
        for position in parts:
            parts[position].append(pd.Categorical(chunk[position].to_numpy(dtype=object)))
    return pd.DataFrame({position: union_categoricals(found) for position, found in parts.items()})


def _distinct(column: pd.Series) -> np.ndarray:
    """The distinct texts of a column (its categories, when it has them)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return np.asarray(column.cat.categories, dtype=object)
    return np.asarray(pd.unique(column.to_numpy(dtype=object)), dtype=object)


def _filled(table: pd.DataFrame) -> np.ndarray:
    """True for each row with some non-empty cell."""
    filled = np.zeros(len(table), dtype=bool)
    for position in table.columns:
        column = table[position]
        if isinstance(column.dtype, pd.CategoricalDtype):
            texts = np.asarray(column.cat.categories, dtype=object)
            filled |= np.isin(column.cat.codes.to_numpy(), np.flatnonzero([bool(str(t).strip()) for t in texts]))
        else:
            filled |= column.to_numpy(dtype=object) != ""
    return filled


def read_csv_bytes(raw: bytes, display: str, max_cells: int) -> CsvTable:
    """The cells of a CSV file (see the module docstring); CsvRefusal when it cannot be read."""
    codec = encoding_of(raw, display)
    delimiter = delimiter_of(raw[:SNIFF_BYTES].decode(codec, errors="ignore"))
    width = _width(raw, codec, delimiter, WIDTH_LINES)
    try:
        try:
            table = _parse(raw, codec, delimiter, width)
        except pd.errors.ParserError as error:
            if not _WIDER.search(str(error)):
                raise
            table = _parse(raw, codec, delimiter, _width(raw, codec, delimiter, None))
    except pd.errors.ParserError as error:
        unclosed = _UNCLOSED.search(str(error))
        if unclosed:
            raise CsvRefusal(make_issue("error", "unclosed_quote", Location(display, "", int(unclosed.group(1)) + 1))) from error
        raise CsvRefusal(unreadable_file(display, "CSV", "file_reason_bad_csv", detail=str(error).splitlines()[-1])) from error
    except pd.errors.EmptyDataError:
        return CsvTable([], pd.DataFrame(), 1, delimiter)
    if table.size > max_cells:
        size = {"rows": len(table), "columns": table.shape[1], "limit": f"{max_cells:,}"}
        raise CsvRefusal(unreadable_file(display, "CSV", "file_reason_too_many_cells", **size))
    table.index = pd.RangeIndex(1, len(table) + 1, name="row")
    multiline = max(raw.count(b"\n"), raw.count(b"\r")) > len(table) + 1  # some cell spans lines
    table = table[_filled(table)]
    if table.empty:
        return CsvTable([], table, 1, delimiter)
    first = [str(cell) for cell in table.iloc[0].tolist()]
    rows = table.iloc[1:]
    if multiline:
        _check_swallowed(first, rows, delimiter, display, int(table.index[0]))
    return CsvTable(first, rows, int(table.index[0]), delimiter)


def _check_swallowed(header: list[str], rows: pd.DataFrame, delimiter: str, display: str, first_row: int) -> None:
    """CsvRefusal at the first cell whose later lines hold at least as many separators as a row of the table (a
    quote opened there swallowed the following rows until another quote closed it)."""
    needed = max(1, len([h for h in header if h]) - 1)
    found: list[tuple[int, int, str]] = []
    for position, text in enumerate(header):
        if _swallows(text, delimiter, needed):
            found.append((first_row, position, text))
    for key in rows.columns:
        for text in (str(text) for text in _distinct(rows[key]) if _swallows(str(text), delimiter, needed)):
            where = np.flatnonzero((rows[key] == text).to_numpy())
            found.append((int(rows.index.to_numpy()[where[0]]), int(key), text))
    if found:
        row, position, text = min(found)
        name = header[position] if position < len(header) and header[position] else str(position + 1)
        raise CsvRefusal(make_issue("error", "unclosed_quote", Location(display, "", row, name), value=text.splitlines()[0][:40]))


def _swallows(text: str, delimiter: str, needed: int) -> bool:
    return ("\n" in text or "\r" in text) and any(line.count(delimiter) >= needed for line in text.splitlines()[1:])
