"""Shared pieces of the report tests (no tests here): a seeded store, a tiny PNG, a fake chart renderer, and PDF
text, fonts and pages through poppler."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from indicators.report import ReportContent, gather
from indicators.report.charts import CHARTS
from indicators.store import Store
from tests.conftest import partial_field_store


def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding part of the field only (Cambodia every edition, ASEAN 2018–2024, national indicators: see
    tests.conftest.partial_field_store), so the reports' notes on a partial field show; for module fixtures:
    `yield from seeded_store(tmp_path_factory)`."""
    store = partial_field_store(str(tmp_path_factory.mktemp("report") / "egdi.sqlite"))
    yield store
    store.close()


def cambodia_2024(store: Store) -> ReportContent:
    return gather(store, "KHM", 2024)


def tiny_png(width: int = 4, height: int = 2) -> bytes:
    """A valid PNG of a few grey pixels (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def fake_renderer(content: ReportContent, lang: str, fmt: str = "png") -> Mapping[str, bytes]:
    """A ChartRenderer without a browser: a tiny PNG per chart."""
    return {name: tiny_png() for name in CHARTS}


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} not found: install the Debian package poppler-utils")
    return path


def pdf_text(path: Path) -> str:
    return subprocess.run([poppler("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(path: Path) -> str:
    return subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
