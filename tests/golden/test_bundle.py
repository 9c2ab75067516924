"""The bundled published results (data/bundled/, built by scripts/build_bundle.py) against the UN DESA files they come
from, read here with the csv module alone: every bundled value is the number in the cell its provenance names, and
every published value is bundled. Skipped with a reason where ../shared/reference/undesa is absent."""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.ingest.imports import BUNDLED_PUBLISHED, BUNDLED_PUBLISHED_FILES
from indicators.paths import DATA_DIR

INDEX_COLUMNS = (
    "E-Government Index",
    "E-Participation Index",
    "Online Service Index",
    "Human Capital Index",
    "Telecommunication Infrastructure Index",
)
RANK = "E-Government Rank"


def plain(name: str) -> str:
    """A country name without accents, case, punctuation or repeated spaces."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w ]", " ", stripped.casefold()).split())


@pytest.fixture(scope="module")
def bundle() -> pd.DataFrame:
    return pd.read_csv(BUNDLED_PUBLISHED, keep_default_na=False, na_values={"value": [""]})


@pytest.fixture(scope="module")
def files() -> pd.DataFrame:
    return pd.read_csv(BUNDLED_PUBLISHED_FILES)


@pytest.fixture(scope="module")
def sheets(reference_dir: Path, files: pd.DataFrame) -> dict[str, list[dict[str, str]]]:
    """Each UN file's rows as the csv module reads them; row n of a spreadsheet (header = row 1) is item n - 2."""
    read = {}
    for name in files["file"]:
        with (reference_dir / name).open(encoding="utf-8-sig", newline="") as handle:
            read[name] = list(csv.DictReader(handle))
    return read


def test_the_bundle_names_each_file_it_comes_from_by_checksum(reference_dir: Path, files: pd.DataFrame):
    assert sorted(files["edition"]) == [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]
    for row in files.itertuples():
        assert hashlib.sha256((reference_dir / row.file).read_bytes()).hexdigest() == row.sha256, row.file


def test_every_bundled_value_is_the_number_in_the_cell_it_names(bundle: pd.DataFrame, sheets: dict[str, list[dict[str, str]]]):
    names = pd.read_csv(DATA_DIR / "country_names.csv").assign(plain=lambda t: t["name"].map(plain))
    known = names.groupby("iso3")["plain"].agg(set).to_dict()
    for row in bundle.itertuples():
        cells = sheets[row.source][row.row - 2]
        assert int(cells["Survey Year"]) == row.year
        assert float(cells[row.column]) == row.value, (row.source, row.row, row.column)
        assert plain(cells["Country Name"]) in known[row.entity], (row.source, row.row, cells["Country Name"], row.entity)


def test_every_published_value_is_bundled_once(bundle: pd.DataFrame, sheets: dict[str, list[dict[str, str]]]):
    for source, rows in sheets.items():
        expected = set()
        for number, cells in enumerate(rows, start=2):
            assessed = cells[RANK].strip() != "" or any(float(cells[c] or 0) != 0 for c in INDEX_COLUMNS)
            if assessed:  # members not yet admitted have all-zero rows without a rank: not assessed, not bundled
                expected |= {(number, column) for column in (*INDEX_COLUMNS, RANK)}
        bundled = bundle[bundle["source"] == source]
        assert set(zip(bundled["row"], bundled["column"], strict=True)) == expected, source
        assert not bundled.duplicated(["entity", "indicator"]).any()


def test_cambodia_2024_class_from_the_quartiles_of_the_high_group(sheets: dict[str, list[dict[str, str]]]):
    """The class a new store shows for Cambodia in 2024, worked out from the UN file with numpy alone: the High group is
    0.50 < EGDI <= 0.75; its quartiles by linear interpolation; a value on a boundary takes the lower class."""
    rows = sheets["EGOV_DATA_2024.csv"]
    egdi = np.array([float(r["E-Government Index"]) for r in rows])
    high = egdi[(egdi > 0.5) & (egdi <= 0.75)]
    q1, q2 = np.quantile(high, [0.25, 0.5])
    cambodia = next(float(r["E-Government Index"]) for r in rows if r["Country Name"].strip() == "Cambodia")
    assert q1 < cambodia <= q2  # the second-lowest quartile of the High group: class H2
    assert int(next(r[RANK] for r in rows if r["Country Name"].strip() == "Cambodia")) == 120
