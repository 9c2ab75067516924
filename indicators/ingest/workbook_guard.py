"""Guard against hostile workbooks before any parser sees them.

An .xlsx file is a zip archive: its members are
decompressed here in pieces, counting the bytes actually produced (declared sizes can lie), and the cell
references are scanned so that a workbook claiming a cell far out (XFD1048576) cannot make the parser allocate
the whole grid. Limits: unpacked size, compression ratio, number of members, number of cells.

The same pass notes what the cell values alone would hide: sheets with formula-error cells (`t="e"`, which
calamine reads as empty) and parts that link to other workbooks (`xl/externalLinks/`), so that the reader can
locate those cells (`workbook_cells`).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Refusal:
    """Why a workbook is refused: a message code (`file_reason_*`) and its parameters."""

    reason: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Inspection:
    """A workbook that passed the guard: the zip members (sheets) holding formula-error cells, and whether it links
    to other workbooks."""

    error_members: frozenset[str] = frozenset()
    external_links: bool = False


MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
RATIO_FLOOR_BYTES = 16 * 1024 * 1024  # a workbook may always expand to this much, whatever its compression ratio
MAX_ZIP_MEMBERS = 10_000
MAX_CELLS = 2_000_000  # cells from A1 to the last used cell, summed over a workbook's sheets
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
    error_cells: bool = False

    def feed(self, text: bytes) -> None:
        if b"<" not in text:
            return
        self.error_cells = self.error_cells or b't="e"' in text or b"t='e'" in text
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


def zip_members(path: Path) -> list[zipfile.ZipInfo] | Refusal:
    """The members of a zip file, or why it cannot be opened or is unsafe to unpack (too many members, or declared
    sizes beyond the limits)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        return Refusal("file_reason_damaged", dict(detail=exc))
    if len(infos) > MAX_ZIP_MEMBERS:
        return Refusal("file_reason_too_many_members", dict(count=f"{len(infos):,}", limit=f"{MAX_ZIP_MEMBERS:,}"))
    packed = max(1, path.stat().st_size)
    declared = sum(info.file_size for info in infos)
    if declared > unpack_limit(packed):
        return Refusal("file_reason_unsafe", dict(size=f"{declared / 2**20:,.1f}", ratio=f"{declared / packed:,.0f}"))
    return infos


def unpack_limit(packed: int) -> int:
    """How many bytes a zip of `packed` bytes may unpack to."""
    return min(MAX_UNCOMPRESSED_BYTES, max(RATIO_FLOOR_BYTES, MAX_COMPRESSION_RATIO * max(1, packed)))


def read_member(path: Path, info: zipfile.ZipInfo, budget: int) -> bytes | Refusal:
    """The bytes of one zip member, decompressed in pieces and counted (declared sizes can lie): a Refusal once
    more than `budget` bytes come out, or when the member is encrypted or damaged."""
    pieces: list[bytes] = []
    produced = 0
    try:
        with path.open("rb") as handle:
            for piece in _pieces(handle, info, budget):
                produced += len(piece)
                if produced > budget:
                    size = f"more than {produced / 2**20:,.1f}"
                    return Refusal("file_reason_unsafe", dict(size=size, ratio=f"{produced / max(1, info.compress_size):,.0f}"))
                pieces.append(piece)
    except PermissionError:
        return Refusal("file_reason_encrypted", {})
    except (OSError, ValueError, EOFError, NotImplementedError, zlib.error, struct.error) as exc:
        return Refusal("file_reason_damaged", dict(detail=exc))
    return b"".join(pieces)


def check_workbook(path: Path) -> Refusal | Inspection:
    """Refuse a workbook whose contents would decompress beyond the limits (a zip bomb) or lay out more cells
    than MAX_CELLS, before any library reads it; and a zip that holds no workbook. Otherwise, what the pass noticed
    (see `Inspection`)."""
    infos = zip_members(path)
    if isinstance(infos, Refusal):
        return infos
    packed = max(1, path.stat().st_size)
    limit = unpack_limit(packed)
    total, cells = 0, 0
    error_members: set[str] = set()
    try:
        with path.open("rb") as handle:
            for info in infos:
                produced, scan = _scan_member(handle, info, limit - total)
                total += produced
                if total > limit:
                    size = f"more than {total / 2**20:,.1f}"
                    return Refusal("file_reason_unsafe", dict(size=size, ratio=f"{total / packed:,.0f}"))
                rows, columns = scan.extent()
                cells += rows * columns
                if cells > MAX_CELLS:
                    return Refusal("file_reason_too_many_cells", dict(rows=rows, columns=columns, limit=f"{MAX_CELLS:,}"))
                if scan.error_cells:
                    error_members.add(info.filename)
    except PermissionError:
        return Refusal("file_reason_encrypted", {})
    # NotImplementedError: a zip version or compression method the zipfile module cannot read
    except (OSError, ValueError, EOFError, NotImplementedError, zlib.error, struct.error) as exc:
        return Refusal("file_reason_damaged", dict(detail=exc))
    if not any(info.filename.endswith("workbook.xml") for info in infos):
        return Refusal("file_reason_zip_not_workbook", {})
    linked = any(info.filename.startswith("xl/externalLinks/") for info in infos)
    return Inspection(frozenset(error_members), linked)
