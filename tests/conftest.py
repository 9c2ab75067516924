"""Shared fixtures: the reference UN DESA files (read from ../shared, never copied) and small tidy builders."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
REFERENCE_DIR = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT_DIR.parent / "shared" / "reference" / "undesa"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def reference_files() -> list[Path]:
    return sorted(REFERENCE_DIR.glob("EGOV_DATA_*.csv"))


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    if not reference_files():
        pytest.skip(f"UN DESA reference files not found in {REFERENCE_DIR} (set EGDI_REFERENCE_DIR to their folder)")
    return REFERENCE_DIR


def tidy_from(values: dict[str, dict[str, float]]) -> pd.DataFrame:
    """A tidy frame from {entity: {indicator: value}}."""
    rows = [(entity, code, value) for entity, items in values.items() for code, value in items.items()]
    return pd.DataFrame(rows, columns=["entity", "indicator", "value"])
