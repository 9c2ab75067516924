"""Golden tests over every publisher's download in ../shared/reference/sources (skipped with a reason where absent).

Each file goes in as downloaded; the values that land are exactly the meaningful values of the file, counted and
read independently (tests/golden/source_values.py); five spot values, Cambodia's latest among them, are named.
The two files that hold no series the EGDI uses are refused, saying what they hold and what the tool reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.ingest.describe import describe
from indicators.ingest.imports import import_files
from indicators.ingest.loaders import load_file
from indicators.ingest.result import LoadOptions
from indicators.report.writers import write_table
from indicators.store import open_store
from tests.conftest import SOURCES_DIR, source_files
from tests.golden.source_values import Values, reader_for

FILES = source_files()
NOTHING_USED = {"Data_Extract_From_World_Development_Indicators_Data.csv": "NY.GDP.MKTP.CN", "EDULIT_DS_11052020130401190.csv": "20060"}
NIS_YEAR = 2008  # the census of literacy_rate_province.csv


def options_for(path: Path) -> LoadOptions:
    return LoadOptions(year=NIS_YEAR) if path.parent.name == "cambodia-nis" else LoadOptions()


def spot_keys(expected: Values) -> list[tuple[str, int, str]]:
    """Five keys: Cambodia's latest value, and four spread over the file's values."""
    keys = sorted(expected)
    cambodia = max((k for k in keys if k[0] in ("KHM", "KH-12")), key=lambda k: k[1])
    return [cambodia, *(keys[int(i * (len(keys) - 1) / 3)] for i in range(4))]


@pytest.mark.parametrize("path", FILES or [SOURCES_DIR], ids=lambda p: str(p.relative_to(SOURCES_DIR)) if p != SOURCES_DIR else "none")
def test_every_download_goes_in_as_published(path: Path, sources_dir: Path):
    how, read = reader_for(path)
    expected: Values = read(path)  # type: ignore[operator]
    loaded = load_file(path, options=options_for(path))
    errors = [issue for issue in loaded.issues if issue.severity == "error"]
    if path.name in NOTHING_USED:
        assert expected == {} and [issue.code for issue in errors] == ["no_used_series"]
        assert NOTHING_USED[path.name] in errors[0].message and "The tool reads:" in errors[0].message
        return
    assert errors == [], errors[:5]
    got = {(row.entity, int(row.year), row.indicator): row.value for row in loaded.tidy.itertuples()}
    assert len(got) == len(expected) > 0, how
    assert got == expected
    for key in spot_keys(expected):
        assert got[key] == expected[key], key
    assert describe(loaded) and describe(loaded, "km")


def test_the_whole_folder_goes_in_with_one_command(sources_dir: Path, tmp_path: Path):
    with open_store(str(tmp_path / "store.sqlite")) as store:
        results, landed = import_files([str(sources_dir)], store, options=LoadOptions(year=NIS_YEAR))
        assert landed
        set_aside = sorted(Path(item.path).name for item in results if item.set_aside)
        assert set_aside == sorted(NOTHING_USED)
        stored = store.observations(resolve=False)
    expected = {}
    for item in results:
        if not item.set_aside:
            expected[item.dataset] = reader_for(Path(item.path))[1](Path(item.path))  # type: ignore[operator]
    for dataset, values in expected.items():
        mine = stored[stored["dataset"] == dataset]
        assert {(r.entity, int(r.year), r.indicator): r.value for r in mine.itertuples()} == values, dataset


def test_export_then_reimport_of_every_download_gives_the_same_values(sources_dir: Path, tmp_path: Path):
    with open_store(str(tmp_path / "first.sqlite")) as store:
        assert import_files([str(sources_dir)], store, options=LoadOptions(year=NIS_YEAR))[1]
        first = store.observations()
    exports = []
    for kind, rows in first.groupby(first["entity"].str.startswith("KH-")):  # provinces and countries, one file each
        exports.append(tmp_path / f"{'provinces' if kind else 'countries'}.csv")
        write_table(rows, exports[-1])
    with open_store(str(tmp_path / "second.sqlite")) as store:
        assert import_files([str(p) for p in exports], store)[1]
        second = store.observations()
    keys = ["entity", "year", "indicator"]
    again = first[[*keys, "value"]].merge(second[[*keys, "value"]], on=keys, how="outer", suffixes=("", "_again"), indicator=True)
    assert len(second) == len(first) > 50_000 and (again["_merge"] == "both").all()
    assert (again["value"] == again["value_again"]).all()


def test_each_basket_value_keeps_the_definition_of_its_year(sources_dir: Path):
    loaded = load_file(sources_dir / "itu" / "ITU_ICTPriceBaskets_2008-2025.xlsx")
    source = loaded.tidy.set_index(["entity", "year", "indicator"])["source"]
    assert "(140 min, 70 SMS, 2 GB) (2021-2024)" in source[("KHM", 2022, "mobile_basket_gni_pct")]
    assert "1.5 GB" in source[("KHM", 2019, "mobile_basket_gni_pct")]
    assert "5 GB" in source[("KHM", 2025, "mobile_basket_gni_pct")] and "2 GB" not in source[("KHM", 2025, "mobile_basket_gni_pct")]
    assert "(1GB)" in source[("KHM", 2017, "fixed_broadband_basket_gni_pct")]
    assert "(5GB)" in source[("KHM", 2018, "fixed_broadband_basket_gni_pct")]
    outside = next(issue for issue in loaded.issues if issue.code == "outside_definition")
    assert "i271mb_high_2GB_GNI (2021–2024)" in outside.message  # its experimental 2025 values are not used
