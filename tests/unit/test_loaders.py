from pathlib import Path

import openpyxl
import pytest

from indicators.ingest.loaders import FORMATS, detect_format, load_file
from indicators.ingest.readers import read_file
from indicators.ingest.template import write_template
from indicators.ingest.validate import LONG_COLUMNS
from tests.conftest import FIXTURES


def _template(tmp_path: Path) -> Path:
    path = write_template(tmp_path / "template.xlsx")
    book = openpyxl.load_workbook(path)
    book["Telecom infrastructure"]["A2"], book["Telecom infrastructure"]["B2"], book["Telecom infrastructure"]["C2"] = "Cambodia", 2023, 60
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("path", "format"),
    [
        (FIXTURES / "published" / "variant_header_iso3.csv", "published"),
        (FIXTURES / "long" / "clean.csv", "long"),
        (FIXTURES / "long" / "title_rows.csv", "long"),
        (FIXTURES / "wide" / "wdi_internet_users.csv", "worldbank"),
        (FIXTURES / "wide" / "databank.csv", "worldbank"),
        (FIXTURES / "wide" / "unknown_entity.csv", "wide"),
    ],
)
def test_each_format_is_recognised(path: Path, format: str):
    raw, _ = read_file(path)
    assert raw is not None and detect_format(raw) == format
    result = load_file(path)
    if format != "wide":
        assert result.ok, result.issues
        assert not result.tidy.empty
    assert result.format == format
    assert list(result.tidy.columns) == LONG_COLUMNS
    assert len(result.checksum) == 64 and result.file == path.name


def test_the_template_is_recognised(tmp_path: Path):
    result = load_file(_template(tmp_path))
    assert (result.format, result.entity_kind, result.ok, len(result.tidy)) == ("template", "country", True, 1)


def test_published_results_are_countries_and_keep_their_flags():
    result = load_file(FIXTURES / "published" / "variant_header_iso3.csv", entity_kind="auto")
    assert result.entity_kind == "country" and set(result.tidy["indicator"]) >= {"egdi", "osi", "tii", "hci"}


def test_an_unknown_layout_lists_the_accepted_ones(tmp_path: Path):
    path = tmp_path / "notes.csv"
    path.write_text("Name,Comment\nCambodia,good progress\n", encoding="utf-8")
    result = load_file(path)
    assert [(i.code, i.row, i.file) for i in result.issues] == [("unknown_format", 1, "notes.csv")]
    message = result.issues[0].message
    assert "columns found: Name, Comment" in message
    for expected in ("UN DESA and UNU-EGOV results", "the national data template", "World Bank bulk", "ITU DataHub", "UNDP HDR"):
        assert expected in message
    assert "long tables (entity, indicator, value) and wide tables by year" in message
    assert "UN DESA" in result.issues[0].message_km and "README" in result.issues[0].message_km
    assert result.format == "" and result.tidy.empty and list(result.tidy.columns) == LONG_COLUMNS


def test_entity_kind_auto_picks_provinces_when_most_names_are_provinces(tmp_path: Path):
    path = tmp_path / "provinces.csv"
    path.write_text(
        "entity,year,indicator,value\n"
        "Siem Reap,2022,internet_users_pct,45\nBattambang,2022,internet_users_pct,40\nKandal,2022,internet_users_pct,50\n"
    )
    auto = load_file(path)
    assert auto.ok and auto.entity_kind == "province" and sorted(auto.tidy["entity"]) == ["KH-17", "KH-2", "KH-8"]
    forced = load_file(path, entity_kind="country")
    assert forced.entity_kind == "country" and not forced.ok
    assert [(i.code.startswith("unknown_entity"), i.row) for i in forced.issues] == [(True, 2), (True, 3), (True, 4)]


def test_entity_kind_auto_stays_with_countries_for_a_mixed_file(tmp_path: Path):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "entity,indicator,value\nCambodia,internet_users_pct,56\nThailand,internet_users_pct,88\nSiem Reap,internet_users_pct,45\n"
    )
    result = load_file(path)
    assert result.entity_kind == "country"
    assert [(i.code[:14], i.row, i.value) for i in result.issues] == [("unknown_entity", 4, "Siem Reap")]


def test_unreadable_files_come_back_as_a_result_with_the_reason(tmp_path: Path):
    missing = load_file(tmp_path / "nothere.xlsx")
    assert [i.code for i in missing.issues] == ["file_not_found"] and missing.file == "nothere.xlsx"
    wrong = load_file(FIXTURES / "long" / "not_a_workbook.xlsx")
    assert [i.code for i in wrong.issues] == ["unreadable_file"] and "not an Excel workbook" in wrong.issues[0].message
    assert list(wrong.tidy.columns) == LONG_COLUMNS


def test_a_bad_entity_kind_is_a_programmer_error(tmp_path: Path):
    with pytest.raises(ValueError, match="entity_kind"):
        load_file(FIXTURES / "long" / "clean.csv", entity_kind="district")


def test_formats_are_tried_in_a_fixed_order():
    publishers = ["itu_datahub", "sdmx", "uis", "undp", "itu_baskets", "itu_legacy", "worldbank", "nis"]
    assert list(FORMATS) == ["published", "template", *publishers, "long", "wide"]  # the most specific first
