from pathlib import Path

import pytest

from indicators.entities import load_countries, load_provinces
from indicators.long_format import read_long


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
        ("Cambodia,1850,internet_users_pct,10", "bad_year", 2, "year", "Year '1850' is not a year between 1990 and 2100."),
        ("Cambodai,2023,internet_users_pct,10", "unknown_entity", 2, "entity", "Did you mean: Cambodia"),
        ("Cambodia,2023,web_users,10", "unknown_indicator", 2, "indicator", "Unknown indicator code 'web_users'"),
        ("Cambodia,2023,internet_users_pct,", "missing_value", 2, "value", "The value is empty."),
    ],
)
def test_each_defect_names_row_column_and_value(tmp_path: Path, body, code, row, column, text):
    result = read_long(write(tmp_path, f"entity,year,indicator,value\n{body}\n"), load_countries())
    assert [(i.code, i.row, i.column) for i in result.issues] == [(code, row, column)]
    assert text in result.issues[0].message and result.tidy.empty


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
