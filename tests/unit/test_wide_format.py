from pathlib import Path

import openpyxl
import pytest

from indicators.entities import load_countries
from indicators.ingest.loaders import load_file
from indicators.ingest.result import LoadOptions
from indicators.ingest.wide_format import header_year
from tests.conftest import FIXTURES

WIDE = FIXTURES / "wide"


def test_a_world_bank_download_is_read_below_its_metadata_lines():
    result = load_file(WIDE / "wdi_internet_users.csv")
    assert result.ok and (result.format, result.layout, result.entity_kind) == ("worldbank", "worldbank_bulk", "country")
    rows = result.tidy.set_index(["entity", "year"])
    assert rows.loc[("KHM", 2019), ["indicator", "value", "row", "column", "sheet"]].tolist() == ["internet_users_pct", 52.3, 8, "2019", ""]
    assert rows.loc[("KHM", 2022), "value"] == 56.7
    assert rows.loc[("THA", 2022), "value"] == 88.0
    assert sorted(result.tidy["entity"].unique()) == ["KHM", "THA", "VNM"]
    assert set(result.tidy["source"]) == {"World Development Indicators"}  # the "Data Source" line above the header
    assert len(result.tidy) == 7
    # aggregates and territories are skipped with one note each, not refused
    assert [(i.severity, i.code) for i in result.issues] == [("info", "territories_skipped"), ("info", "aggregates_skipped")]
    assert result.issues[0].message == "2 territories that are not UN Member States (3 rows) were skipped: Aruba, Kosovo."
    assert result.issues[1].message == "2 regional or income aggregates (4 rows) were skipped: Africa Eastern and Southern, World."


def test_a_databank_download_maps_series_and_notes_the_other_series_once():
    result = load_file(WIDE / "databank.csv")
    assert result.ok
    got = {(r.entity, r.indicator, int(r.year)): r.value for r in result.tidy.itertuples()}
    assert got[("KHM", "mobile_subscriptions_per_100", 2021)] == 120.2
    assert ("KHM", "mobile_subscriptions_per_100", 2022) not in got  # ".." is missing, not an error
    assert got[("THA", "fixed_broadband_per_100", 2022)] == 17.9
    assert len(got) == 10
    column = result.tidy.query("entity == 'THA' and year == 2019").iloc[0]["column"]
    assert column == "2019 [YR2019]"
    assert [(i.code, i.row, i.column) for i in result.issues] == [("series_not_used", 4, "Series Code")]
    assert result.issues[0].message == "1 series that the tool does not use (8 rows) were skipped: Population, total (SP.POP.TOTL) (8)."


# One defect per fixture file: (file, code, row, column, value, text in the English message)
DEFECTS = [
    ("unknown_entity.csv", "unknown_entity", 3, "Country Name", "Cambodai", "Unknown country 'Cambodai'. Did you mean: Cambodia"),
    ("text_in_number.csv", "not_a_number", 3, "2022", "eighty", "'eighty' is not a number."),
    ("out_of_range.csv", "out_of_range", 2, "2022", "160", "160 is outside the valid range 0–100 of Internet users."),
    (
        "duplicate_conflict.csv",
        "duplicate_conflict",
        3,
        "2022",
        "57",
        "KHM has different values for internet_users_pct in 2022: 56.7 (row 2), 57 (row 3).",
    ),
    ("missing_indicator.csv", "missing_value", 3, "Indicator Name", "", "The value is empty."),
]


@pytest.mark.parametrize(("name", "code", "row", "column", "value", "text"), DEFECTS)
def test_each_wide_defect_is_reported_where_a_person_would_look(name, code, row, column, value, text):
    result = load_file(WIDE / name)
    errors = [i for i in result.issues if i.severity == "error"]
    assert [(i.code, i.file, i.row, i.column, i.value) for i in errors] == [(code, name, row, column, value)]
    assert text in errors[0].message
    assert errors[0].message_km and errors[0].message_km != errors[0].message
    assert result.tidy.empty and not result.ok and result.format == "wide"


def test_missing_values_are_not_errors():
    result = load_file(WIDE / "text_in_number.csv")
    assert [i.code for i in result.issues] == ["not_a_number"]  # "n/a" and ".." in the same file are not reported


def test_unused_series_are_a_note_not_an_error():
    result = load_file(WIDE / "unmapped_indicator.csv")
    assert result.ok and len(result.tidy) == 4
    assert [(i.severity, i.code, i.row) for i in result.issues] == [("info", "series_not_used", 3)]
    assert "GDP per capita (current US$) (NY.GDP.PCAP.CD) (4)" in result.issues[0].message


def test_values_of_years_before_1990_are_set_aside_with_one_note():
    result = load_file(WIDE / "years_before_1990.csv")
    assert result.ok and sorted(result.tidy["year"].tolist()) == [1990, 1991]
    assert [(i.code, i.row, i.column) for i in result.issues] == [("years_ignored", 2, "1988")]
    assert result.issues[0].message == "2 values of years before 1990 (1988–1989) were not used."


def test_an_earlier_first_year_keeps_older_values_and_the_note_names_the_year_asked():
    """The bundle keeps every year of adult literacy: the Survey reads a country's latest value however old."""
    every = load_file(WIDE / "years_before_1990.csv", options=LoadOptions(earliest_year=1900))
    assert every.ok and sorted(every.tidy["year"].tolist()) == [1988, 1989, 1990, 1991] and every.issues == []
    some = load_file(WIDE / "years_before_1990.csv", options=LoadOptions(earliest_year=1989))
    assert sorted(some.tidy["year"].tolist()) == [1989, 1990, 1991]
    assert [i.message for i in some.issues] == ["1 values of years before 1989 (1988–1988) were not used."]
    assert "មុនឆ្នាំ 1989" in some.issues[0].message_km
    with pytest.raises(ValueError, match="earliest_year must lie in 1900–1990"):
        LoadOptions(earliest_year=1995)


def test_an_itu_style_workbook_with_numeric_year_headers(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Active mobile-broadband subscriptions per 100 inhabitants"])
    sheet.append([])
    sheet.append(["Economy", "Indicator", 2021, 2022, "Notes"])
    sheet.append(["Cambodia", "Active mobile-broadband subscriptions per 100 inhabitants", 102.5, "104.1", "estimate"])
    sheet.append(["Lao P.D.R.", "Active mobile-broadband subscriptions per 100 inhabitants", None, 63.0, ""])
    book.save(tmp_path / "itu.xlsx")
    result = load_file(tmp_path / "itu.xlsx")
    assert result.ok, result.issues
    assert result.tidy[["entity", "year", "indicator", "value", "sheet", "row", "column"]].values.tolist() == [
        ["KHM", 2021, "mobile_broadband_per_100", 102.5, "Data", 4, "2021"],
        ["KHM", 2022, "mobile_broadband_per_100", 104.1, "Data", 4, "2022"],
        ["LAO", 2022, "mobile_broadband_per_100", 63.0, "Data", 5, "2022"],
    ]


def test_a_provincial_wide_table_uses_the_province_register(tmp_path: Path):
    path = tmp_path / "provinces.csv"
    path.write_text(
        "Province,Indicator,2021,2022\n"
        "Siem Reap,internet_users_pct,40,45\nKampong Cham,internet_users_pct,30,\nCambodia,internet_users_pct,55.6,56.7\n"
    )
    result = load_file(path)
    assert result.ok and result.entity_kind == "province"
    assert sorted(result.tidy["entity"].unique()) == ["KH-17", "KH-3"]
    assert [i.code for i in result.issues] == ["totals_skipped"]  # the national total row


def test_country_codes_win_over_names(tmp_path: Path):
    path = tmp_path / "codes.csv"
    path.write_text("Country Name,Country Code,Indicator Code,2022\nSome local spelling,KHM,IT.NET.USER.ZS,56.7\n")
    result = load_file(path, entity_kind="country")
    assert result.ok and result.tidy["entity"].tolist() == ["KHM"]


def test_register_can_be_given():
    result = load_file(WIDE / "databank.csv", options=LoadOptions(entity_kind="country"))
    assert result.ok and len(result.tidy) == 10 and result.entity_kind == load_countries().kind


@pytest.mark.parametrize(
    ("text", "year"), [("2000", 2000), ("2000.0", 2000), ("2000 [YR2000]", 2000), ("YR2019", 2019), ("Year", None), ("20000", None)]
)
def test_year_headers(text, year):
    assert header_year(text) == year
