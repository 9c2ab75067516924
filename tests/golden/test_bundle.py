"""The bundled data (data/bundled/, built by scripts/build_bundle.py) against the files it comes from: the UN DESA
results read here with the csv module alone, the component data with the independent readers of
tests/golden/source_values.py. Every bundled value is the number in the cell its provenance names, every value of a
source is bundled (a `gaps` dataset: every value its primary lacks), and every publisher is credited. Skipped with a
reason where ../shared/reference is absent."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from indicators.ingest.bundled import BUNDLED_COMPONENTS, attribution_lines, attributions, component_files
from indicators.ingest.imports import BUNDLED_PUBLISHED, BUNDLED_PUBLISHED_FILES
from indicators.paths import DATA_DIR
from tests.golden.source_values import reader_for

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


# --- the bundled component data ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def component_bundle() -> pd.DataFrame:
    return pd.read_csv(BUNDLED_COMPONENTS, keep_default_na=False, dtype={"source": str, "column": str})


def source_values(sources_dir: Path, row: pd.Series) -> dict[tuple[str, int, str], float]:
    """The meaningful values of a bundled dataset's file, read independently (tests/golden/source_values.py)."""
    path = sources_dir / row["file"]
    _, read = reader_for(path)
    since = int(row["earliest_year"])
    return read(path, since) if since != 1990 else read(path)  # type: ignore[operator,no-any-return]


def test_each_bundled_dataset_names_its_file_by_checksum_and_publisher(sources_dir: Path):
    files = component_files()
    publishers = {a.publisher for a in attributions()}
    for row in files.itertuples():
        assert hashlib.sha256((sources_dir / row.file).read_bytes()).hexdigest() == row.sha256, row.file
        assert row.publisher in publishers and row.role in ("primary", "gaps", "vintage")


def test_the_bundle_equals_its_sources_and_gaps_only_fill_gaps(sources_dir: Path, component_bundle: pd.DataFrame):
    files = component_files().set_index("dataset")
    bundled = {name: group for name, group in component_bundle.groupby("dataset")}
    for dataset, row in files.iterrows():
        mine = bundled[dataset]
        got = {(r.entity, int(r.year), r.indicator): r.value for r in mine.itertuples()}
        expected = source_values(sources_dir, row)
        if row["role"] == "gaps":
            primary = set(
                zip(bundled[row["fills"]]["entity"], bundled[row["fills"]]["year"], bundled[row["fills"]]["indicator"], strict=True)
            )
            expected = {key: value for key, value in expected.items() if key not in primary}
        assert len(got) == len(mine) == row["values"] > 0, dataset
        assert got == expected, dataset


def test_every_bundled_component_value_is_the_number_in_the_cell_it_names(sources_dir: Path, component_bundle: pd.DataFrame):
    """Row and column as a spreadsheet shows them: the row number in the file (or sheet), the column's header."""
    files = component_files().set_index("dataset")
    for dataset, mine in component_bundle.groupby("dataset"):
        grid = cells_of(sources_dir / files.loc[dataset, "file"], files.loc[dataset, "sheet"])
        headers: dict[str, int] = {}
        for r in mine.itertuples():
            if r.column not in headers:
                header_row = next(i for i, cells in enumerate(grid) if r.column in cells)
                headers[r.column] = grid[header_row].index(r.column)
            assert float(grid[r.row - 1][headers[r.column]]) == r.value, (dataset, r.row, r.column)


def cells_of(path: Path, sheet: str) -> list[list[str]]:
    """Every row of a file as text cells: a CSV (UTF-8, else Latin-1), the CSV in a zip, or a workbook's sheet."""
    if path.suffix == ".xlsx":  # a whole number is shown as Excel shows it: the header 2019, not 2019.0
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
        return [[str(int(c)) if isinstance(c, float) and c.is_integer() else str(c) for c in row] for row in rows]
    raw = zipfile.ZipFile(path).read(sheet) if path.suffix == ".zip" else path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_publisher_is_attributed_in_both_languages_with_its_licence():
    for lang in ("en", "km"):
        credits = attributions(lang)
        assert [a.publisher for a in credits] == ["undesa", "itu", "itu-baskets", "worldbank", "data360", "undp"]
        assert all(a.name and a.attribution and a.licence and a.url.startswith("https://") and a.files for a in credits)
    english = {a.publisher: a for a in attributions("en")}
    assert "CC BY 4.0" in english["worldbank"].licence and "World Development Indicators" in english["worldbank"].attribution
    assert english["undesa"].files == tuple(
        f"EGOV_DATA_{e}.csv" for e in (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
    )
    assert "Licence: Creative Commons Attribution 4.0 (CC BY 4.0)." in " ".join(attribution_lines("en"))
    assert "អាជ្ញាបណ្ណ៖" in " ".join(attribution_lines("km"))


def test_the_whole_bundle_stays_small():
    assert sum(p.stat().st_size for p in BUNDLED_COMPONENTS.parent.iterdir()) < 10 * 2**20
