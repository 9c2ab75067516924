from pathlib import Path

import pytest

from indicators.entities import load_countries, load_provinces
from indicators.ingest.loaders import load_file
from indicators.ingest.long_format import read_long
from tests.conftest import FIXTURES


def write(tmp_path: Path, text: str, name: str = "data.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_clean_file_becomes_tidy_with_provenance(tmp_path: Path):
    path = write(
        tmp_path, "Country,Year,Indicator,Value,Source\nCambodia,2023,internet_users_pct,60.7,ITU\nThailand,2023,internet_users_pct,88,\n"
    )
    result = read_long(path, load_countries())
    assert result.ok
    rows = result.tidy.set_index("entity")
    assert rows.loc["KHM", ["year", "value", "source", "row", "column"]].tolist() == [2023, 60.7, "ITU", 2, "Value"]
    assert rows.loc["THA", "source"] == "data.csv"


@pytest.mark.parametrize(
    ("body", "code", "row", "column", "text"),
    [
        ("Cambodia,2023,internet_users_pct,sixty", "not_a_number", 2, "value", "'sixty' is not a number."),
        ("Cambodia,2023,internet_users_pct,160", "out_of_range", 2, "value", "160 is outside the valid range 0–100 of Internet users."),
        ("Cambodia,2023,mean_schooling_years,31", "out_of_range", 2, "value", "outside the valid range 0–25"),
        ("Cambodia,1850,internet_users_pct,10", "bad_year", 2, "year", "Year '1850' is not a year between 1900 and 2100."),
        ("Cambodai,2023,internet_users_pct,10", "unknown_entity", 2, "entity", "Did you mean: Cambodia"),
        ("Cambodia,2023,web_users,10", "unknown_indicator", 2, "indicator", "Unknown indicator code 'web_users'"),
        ("Cambodia,2023,internet_users_pct,#DIV/0!", "formula_error", 2, "value", "spreadsheet formula error (division by zero)"),
        ("Cambodia,2023,internet_users_pct,", "no_values", None, "", "None of this file's cells of the series the tool uses holds a value"),
    ],
)
def test_each_defect_names_row_column_and_value(tmp_path: Path, body, code, row, column, text):
    result = read_long(write(tmp_path, f"entity,year,indicator,value\n{body}\n"), load_countries())
    errors = [i for i in result.issues if i.severity == "error"]
    assert [(i.code, i.row, i.column) for i in errors] == [(code, row, column)]
    assert text in errors[0].message and result.tidy.empty


@pytest.mark.parametrize("marker", ["", "..", "n/a", "NaN", "#N/A", "-"])
def test_a_cell_without_a_value_is_counted_and_named_not_refused(tmp_path: Path, marker: str):
    body = f"entity,year,indicator,value\nCambodia,2022,internet_users_pct,56.7\nCambodia,2023,internet_users_pct,{marker}\n"
    result = read_long(write(tmp_path, body), load_countries())
    assert result.ok and result.tidy["year"].tolist() == [2022]
    assert [(i.severity, i.code, i.row, i.column) for i in result.issues] == [("info", "values_missing", 3, "value")]
    named = f"'{marker}'" if marker else "empty"
    assert result.issues[0].message == f"1 cells hold no value ({named}) and were skipped."


def test_all_problems_are_reported_in_one_pass(tmp_path: Path):
    body = (
        "entity,year,indicator,value\n"
        "Cambodai,2023,internet_users_pct,10\n"
        "Thailand,2023,internet_users_pct,abc\n"
        "Laos,3000,internet_users_pct,10\n"
    )
    result = read_long(write(tmp_path, body), load_countries())
    assert [(i.code, i.row) for i in result.issues] == [("unknown_entity", 2), ("not_a_number", 3), ("bad_year", 4)]


def test_conflicting_duplicates_are_errors_identical_ones_are_kept_once(tmp_path: Path):
    body = "entity,year,indicator,value\nKHM,2023,internet_users_pct,60\nCambodia,2023,internet_users_pct,61\n"
    result = read_long(write(tmp_path, body), load_countries())
    assert [i.code for i in result.issues] == ["duplicate_conflict"]
    assert "KHM has different values for internet_users_pct in 2023: 60 (row 2), 61 (row 3)." in result.issues[0].message
    same = read_long(
        write(tmp_path, "entity,year,indicator,value\nKHM,2023,internet_users_pct,60\nCambodia,2023,internet_users_pct,60\n"),
        load_countries(),
    )
    assert same.ok and len(same.tidy) == 1


def test_missing_columns_are_named(tmp_path: Path):
    result = read_long(write(tmp_path, "entity,indicator\nKHM,internet_users_pct\n"))
    assert [(i.code, i.column) for i in result.issues] == [("missing_column", "value")]
    assert "Columns found: entity, indicator" in result.issues[0].message


def test_provinces_resolve_with_their_register(tmp_path: Path):
    result = read_long(
        write(tmp_path, "province,indicator,value\nSiem Reap,internet_users_pct,55\nភ្នំពេញ,internet_users_pct,80\n"), load_provinces()
    )
    assert result.ok and sorted(result.tidy["entity"]) == ["KH-12", "KH-17"]


def test_without_a_register_entities_are_kept_as_written(tmp_path: Path):
    result = read_long(write(tmp_path, "entity,indicator,value\n  Region A ,internet_users_pct,55\n"))
    assert result.ok and result.tidy["entity"].tolist() == ["Region A"]


# One defect per fixture file in tests/fixtures/long: (file, code, row, column, value, text in the English message)
LONG = FIXTURES / "long"
FIXTURE_DEFECTS = [
    ("unknown_entity.csv", "unknown_entity", 3, "entity", "Cambodai", "Unknown country 'Cambodai'. Did you mean: Cambodia"),
    ("text_in_number.csv", "not_a_number", 3, "value", "fifty-six", "'fifty-six' is not a number."),
    ("out_of_range.csv", "out_of_range", 3, "value", "156.7", "156.7 is outside the valid range 0–100 of Internet users."),
    ("bad_year.csv", "bad_year", 3, "year", "20222", "Year '20222' is not a year between 1900 and 2100."),
    ("missing_year.csv", "missing_year", 3, "year", "", "This row has values but no year."),
    ("unknown_indicator.csv", "unknown_indicator", 3, "indicator", "internet_use", "Unknown indicator code 'internet_use'"),
    ("missing_value.csv", "missing_value", 3, "indicator", "", "The value is empty."),
    ("missing_entity.csv", "missing_entity", 3, "entity", "", "This row has values but no country."),
    (
        "duplicate_conflict.csv",
        "duplicate_conflict",
        4,
        "value",
        "57",
        "KHM has different values for internet_users_pct in 2022: 56.7 (row 2), 57 (row 4).",
    ),
    ("header_only.csv", "empty_file", None, "", "", "The file has no data rows."),
    ("binary_named_csv.csv", "unreadable_file", None, "", "", "it is a binary file, not text."),
    ("not_a_workbook.xlsx", "unreadable_file", None, "", "", "it is not an Excel workbook"),
]


@pytest.mark.parametrize(("name", "code", "row", "column", "value", "text"), FIXTURE_DEFECTS)
def test_each_fixture_defect_names_its_row_column_and_value(name, code, row, column, value, text):
    for result in (read_long(str(LONG / name), load_countries()), load_file(LONG / name)):
        errors = [i for i in result.issues if i.severity == "error"]
        assert [(i.code, i.file, i.row, i.column, i.value) for i in errors] == [(code, name, row, column, value)]
        assert text in errors[0].message
        assert errors[0].message_km and errors[0].message_km != errors[0].message
        assert result.tidy.empty and not result.ok


def test_a_missing_column_is_named_by_the_long_reader():
    result = read_long(str(LONG / "missing_column.csv"))
    assert [(i.code, i.row, i.column) for i in result.issues] == [("missing_column", 1, "value")]


def test_aliases_sources_and_aggregates_in_a_clean_file():
    result = load_file(LONG / "clean.csv")
    assert result.ok and result.format == "long"
    rows = result.tidy.set_index("indicator")
    assert rows.loc["mobile_subscriptions_per_100", ["entity", "value", "source", "row"]].tolist() == [
        "KHM",
        120.2,
        "ITU, via World Bank",
        3,
    ]
    assert sorted(result.tidy["entity"]) == ["KHM", "KHM", "THA"]
    assert [(i.severity, i.code) for i in result.issues] == [("info", "aggregates_skipped")]


def test_a_header_below_title_lines(tmp_path: Path):
    result = load_file(LONG / "title_rows.csv")
    assert result.ok and result.tidy[["year", "value", "row", "column"]].values.tolist() == [
        [2021, 55.6, 5, "Value"],
        [2022, 56.7, 6, "Value"],
    ]


def test_every_bad_row_of_a_large_file_is_reported_with_its_own_row(tmp_path: Path):
    lines = ["entity,year,indicator,value"]
    for i in range(3000):
        lines.append(f"Cambodia,{1990 + i % 30},internet_users_pct,{'x' if i % 100 == 7 else i % 100}")
    path = write(tmp_path, "\n".join(lines) + "\n")
    result = read_long(path, load_countries())
    assert [i.row for i in result.issues if i.code == "not_a_number"] == [9 + 100 * k for k in range(30)]
