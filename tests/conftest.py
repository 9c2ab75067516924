"""Shared fixtures: the reference UN DESA files and the publishers' downloads (read from ../shared, never copied),
and small tidy builders."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
REFERENCE_DIR = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT_DIR.parent / "shared" / "reference" / "undesa"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


SOURCES_DIR = Path(os.environ.get("EGDI_SOURCES_DIR", PROJECT_DIR.parent / "shared" / "reference" / "sources"))


@pytest.fixture(scope="session", autouse=True)
def pieces_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pieces the servers share (layouts/views/shared_pieces.py) go to a folder of the test session, not to var/
    (the servers the browser tests start inherit it)."""
    folder = tmp_path_factory.mktemp("pieces")
    os.environ["EGDI_PIECE_CACHE"] = str(folder)
    return folder


def source_files() -> list[Path]:
    """The publishers' downloads in ../shared/reference/sources (every file but SOURCES.md), or none."""
    return sorted(p for p in SOURCES_DIR.rglob("*") if p.is_file() and p.name != "SOURCES.md") if SOURCES_DIR.is_dir() else []


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    if not source_files():
        pytest.skip(f"publishers' downloads not found in {SOURCES_DIR} (set EGDI_SOURCES_DIR to their folder)")
    return SOURCES_DIR


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


def partial_field_store(path: str):  # type: ignore[no-untyped-def]
    """A store holding only part of the field, as the bundle held before it carried the whole world: the UN's results for
    Cambodia in every edition and for the ASEAN members in 2018–2024 (taken from the bundled results, one dataset), and
    Cambodia's national indicators. No edition has all countries, so world ranks and classes must stay honest."""
    from indicators.entities import load_countries
    from indicators.ingest.imports import BUNDLED_NATIONAL, BUNDLED_PUBLISHED, BUNDLED_USER
    from indicators.ingest.loaders import load_file
    from indicators.store import ImportRequest, open_store

    asean = set(load_countries().table.query("asean").index)
    bundled = pd.read_csv(BUNDLED_PUBLISHED, keep_default_na=False, na_values={"value": [""]})
    keep = (bundled["entity"] == "KHM") | (bundled["entity"].isin(asean) & (bundled["year"] >= 2018))
    national = load_file(BUNDLED_NATIONAL, "country")
    store = open_store(path)
    store.import_many(
        [
            ImportRequest(bundled[keep], "bundled:undesa-cambodia-asean", "published", "undesa-cambodia-asean.csv", "-", BUNDLED_USER),
            ImportRequest(
                national.tidy, "bundled:cambodia-indicators", national.format, BUNDLED_NATIONAL.name, national.checksum, BUNDLED_USER
            ),
        ]
    )
    return store


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new store seeded with the bundled data (published results, component data, national file); read-only."""
    from indicators.ingest.imports import open_seeded_store

    path = str(tmp_path_factory.mktemp("seeded") / "egdi.sqlite")
    open_seeded_store(path).close()
    return path
