import csv
import math

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries, load_provinces
from indicators.ingest.cells import blank_mask, parse_numbers
from indicators.ingest.entity_match import guess_register, is_other_entity
from indicators.ingest.finish import conflict_issues
from indicators.ingest.jumps import jump_warnings
from indicators.ingest.mappings import alias_key, is_rate_unit, resolve_indicator, series_table
from indicators.ingest.sheets import Sheet
from indicators.ingest.validate import Candidates, check_candidates
from indicators.paths import DATA_DIR


def test_parse_numbers_matches_the_cell_rules():
    cells = [1, 2.5, "3", " 4.5 ", "1,234.5", "..", "", None, "n/a", "abc", True, "inf", float("nan"), "៥៦.៧", "-0"]
    values, bad = parse_numbers(np.array(cells, dtype=object))
    expected = [1, 2.5, 3, 4.5, 1234.5, None, None, None, None, "bad", "bad", "bad", None, 56.7, 0]
    for value, is_bad, want in zip(values, bad, expected, strict=True):
        if want == "bad":
            assert is_bad and math.isnan(value)
        elif want is None:
            assert not is_bad and math.isnan(value)
        else:
            assert not is_bad and value == pytest.approx(want)


def test_blank_mask():
    cells = np.array(["", None, " ", "..", "N/A", 0, "0", "x", float("nan")], dtype=object)
    assert blank_mask(cells).tolist() == [True, True, True, True, True, False, False, False, True]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("internet_users_pct", "internet_users_pct"),
        ("IT.NET.USER.ZS", "internet_users_pct"),
        ("it.net.user.zs", "internet_users_pct"),
        ("Individuals using the Internet (% of population)", "internet_users_pct"),
        ("Individuals using the Internet", None),  # a name without its unit never maps to a % code
        ("Mobile cellular subscriptions", None),  # the World Bank's name of the count
        ("IT.CEL.SETS.P2", "mobile_subscriptions_per_100"),
        ("Active mobile-broadband subscriptions per 100 inhabitants", "mobile_broadband_per_100"),
        ("IT.NET.BBND.P2", "fixed_broadband_per_100"),
        ("IT.MLT.MAIN.P2", "fixed_telephone_per_100"),
        ("SE.ADT.LITR.ZS", "adult_literacy_pct"),
        ("Literacy rate, adult total (% of people ages 15 and above)", "adult_literacy_pct"),
        ("Expected years of schooling (years)", "expected_schooling_years"),
        ("Mean years of schooling", "mean_schooling_years"),
        ("Gross enrolment ratio, primary to tertiary, both sexes (%)", "gross_enrolment_pct"),
        ("អ្នកប្រើប្រាស់អ៊ីនធឺណិត (% នៃប្រជាជន)", "internet_users_pct"),
        ("អ្នកប្រើប្រាស់អ៊ីនធឺណិត", None),
        ("i911mw", "mobile_broadband_per_100"),  # by code: the export's seriesUnits says "count"
        ("i4213tfbb", None),  # the count, though its seriesUnits says "per 100 people"
        ("ITU_DH_ACT_MOB_PER_100", "mobile_broadband_per_100"),
        ("eys", "expected_schooling_years"),
        ("SE.PRM.ENRR", "gross_enrolment_primary_pct"),
        ("Internet users (% of population)", "internet_users_pct"),
        ("internet_users", None),
        ("IT.CEL.SETS", None),  # the count, not per 100 people
        ("Population, total", None),
    ],
)
def test_indicator_aliases(text, code):
    assert resolve_indicator(text) == code


def test_no_name_without_its_unit_maps_to_a_rate():
    rates = {code for code, spec in load_catalogue().items() if is_rate_unit(spec.unit_en)}
    units = ("%", "per 100", "percent", "ratio", "share", "១០០")  # ១០០: 100 in Khmer digits
    names = [s for s in series_table().values() if " " in s.key.strip() and s.indicator in rates]
    assert names and [s.key for s in names if not any(unit in s.key.casefold() for unit in units)] == []


def test_the_alias_file_maps_only_to_known_codes_and_lists_our_own_codes():
    with (DATA_DIR / "mappings" / "indicator-aliases.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    catalogue = load_catalogue()
    assert rows and all(row["code"] in catalogue and row["note"] for row in rows)
    assert {row["alias"] for row in rows} >= {code for code, spec in catalogue.items() if spec.domain != "published"}
    keys = [alias_key(row["alias"]) for row in rows]
    assert len(keys) == len(set(keys))


def test_alias_keys_fold_case_and_punctuation_but_keep_khmer_and_underscores():
    assert alias_key("Individuals using the Internet (% of population)") == "individuals using the internet % of population"
    assert alias_key("ខេត្ត") == "ខេត្ត"
    assert alias_key("internet_users") != alias_key("Internet users")


def test_other_entities_and_register_guess():
    assert is_other_entity("World") and is_other_entity("Anything", "WLD") and is_other_entity("Hong Kong SAR, China")
    assert not is_other_entity("Cambodia", "KHM") or load_countries().resolve("Cambodia") == "KHM"
    assert guess_register(["Siem Reap", "Kandal", "Cambodia", ""]).kind == "province"
    assert guess_register(["Cambodia", "Thailand", "Siem Reap"]).kind == "country"
    assert guess_register([]).kind == "country"


def _candidates(rows: list[tuple[object, ...]], header: list[str] | None = None) -> Candidates:
    header = header or ["entity", "year", "indicator", "value"]
    frame = pd.DataFrame(rows, columns=["row", "entity", "year", "indicator", "value"])
    frame["code"] = None
    frame["value_pos"] = 3
    frame["source"] = ""
    sheet = Sheet("Data", header, pd.DataFrame())
    return Candidates(sheet, frame, entity_pos=0, year_pos=1, indicator_pos=2, own_codes=True)


def test_check_candidates_reports_every_problem_sorted_by_row_then_column():
    rows = [
        (9, "Thailand", 2022, "internet_users_pct", "x"),
        (2, "Cambodai", 1800, "internet_user_pct", 500),
        (5, "Cambodia", 2022, "internet_users_pct", 60),
        (7, "Cambodia", 2022, "Population, total", 16_000_000),
    ]
    checked = check_candidates(_candidates(rows), "f.csv", load_countries())
    assert [(i.row, i.column, i.code) for i in checked.issues] == [
        (2, "entity", "unknown_entity"),
        (2, "year", "bad_year"),
        (2, "indicator", "unknown_indicator"),
        (9, "value", "not_a_number"),
    ]
    assert "internet_users_pct" in checked.issues[2].message  # the closest of our codes
    tidy = checked.tidy
    assert tidy[["entity", "year", "value", "sheet", "row", "column"]].values.tolist() == [["KHM", 2022, 60.0, "Data", 5, "value"]]
    assert {label: counted.rows for label, counted in checked.tally.unused.items()} == {"Population, total": 1}


def test_rows_of_aggregates_and_unused_series_are_dropped_before_their_values_are_checked():
    rows = [
        (2, "Macao SAR, China", 2022, "mobile_subscriptions_per_100", 1304),  # a territory: its value is never checked
        (3, "World", 2022, "internet_users_pct", "n/a"),
        (4, "Cambodia", 2022, "Mobile cellular subscriptions", 21_000_000),  # the count, not per 100
        (5, "Cambodia", 1985, "internet_users_pct", 0.1),  # before 1990: counted, not used
        (6, "Cambodia", 2022, "internet_users_pct", "n/a"),
    ]
    checked = check_candidates(_candidates(rows), "f.csv", load_countries())
    assert checked.issues == [] and checked.tidy.empty
    tally = checked.tally
    assert {kind: sorted(names) for kind, names in tally.skipped.items()} == {"territory": ["Macao SAR, China"], "aggregate": ["World"]}
    assert list(tally.unused) == ["Mobile cellular subscriptions: " + tally_note("Mobile cellular subscriptions")]
    assert (list(tally.early_years), list(tally.no_value)) == (["1985"], ["n/a"])


def tally_note(name: str) -> str:
    with (DATA_DIR / "sources" / "series.csv").open(encoding="utf-8", newline="") as handle:
        return next(row["note"] for row in csv.DictReader(handle) if row["series"] == name)


def test_out_of_range_names_the_indicator_in_each_language():
    issues = check_candidates(_candidates([(2, "Cambodia", 2022, "adult_literacy_pct", 101)]), "f.csv", load_countries()).issues
    assert "of Adult literacy rate" in issues[0].message
    assert "អត្រាអក្ខរកម្មមនុស្សពេញវ័យ" in issues[0].message_km


def test_a_conflict_across_sheets_names_both_sheets():
    tidy = pd.DataFrame(
        {
            "entity": ["KHM", "KHM"],
            "year": pd.array([2022, 2022], dtype="Int64"),
            "indicator": ["internet_users_pct"] * 2,
            "value": [56.7, 57.0],
            "sheet": ["A", "B"],
            "row": [2, 7],
            "column": ["value", "value"],
        }
    )
    issue = conflict_issues(tidy, "f.xlsx")[0]
    assert (issue.sheet, issue.row) == ("B", 7)
    assert "56.7 (sheet A, row 2), 57 (sheet B, row 7)" in issue.message


def _tidy(rows: list[tuple[str, int, str, float, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["entity", "year", "indicator", "value", "row"])
    frame["sheet"] = "Telecom"
    frame["column"] = "Internet users"
    return frame


def test_jump_warnings_within_a_file_name_the_newer_value_and_both_years():
    tidy = _tidy(
        [
            ("KHM", 2019, "internet_users_pct", 40.0, 2),
            ("KHM", 2021, "internet_users_pct", 70.0, 3),  # +75% since 2019 (no 2020 given)
            ("KHM", 2022, "internet_users_pct", 72.0, 4),
            ("THA", 2021, "internet_users_pct", 80.0, 5),
            ("THA", 2022, "internet_users_pct", 39.0, 6),  # -51%
            ("VNM", 2022, "internet_users_pct", 79.0, 7),
        ]
    )
    issues = jump_warnings(tidy, file="f.xlsx")
    assert [(i.severity, i.code, i.file, i.sheet, i.row, i.column, i.value) for i in issues] == [
        ("warning", "value_jump", "f.xlsx", "Telecom", 3, "Internet users", "70"),
        ("warning", "value_jump", "f.xlsx", "Telecom", 6, "Internet users", "39"),
    ]
    assert issues[0].message == (
        "Internet users of Cambodia moved from 40 in 2019 to 70 in 2021 (+75%): more than 50% and more than 5 (% of population) "
        "in one step. Please check it."
    )
    assert "អ្នកប្រើប្រាស់អ៊ីនធឺណិត របស់ កម្ពុជា" in issues[0].message_km
    assert "(-51%)" in issues[1].message


def test_jump_warnings_look_at_stored_rows_and_let_new_rows_replace_them():
    tidy = _tidy([("KHM", 2023, "internet_users_pct", 90.0, 2), ("KHM", 2022, "internet_users_pct", 58.0, 3)])
    previous = pd.DataFrame(
        {"entity": ["KHM", "KHM"], "year": [2021, 2022], "indicator": ["internet_users_pct"] * 2, "value": [55.6, 20.0]}
    )
    issues = jump_warnings(tidy, previous)
    # 2022 is replaced by the file's 58 (not the stored 20): 55.6 -> 58 is small; 58 -> 90 is +55%
    assert [(i.row, i.value) for i in issues] == [(2, "90")]
    assert "from 58 in 2022 to 90 in 2023" in issues[0].message
    assert jump_warnings(tidy, previous, max_change=0.6) == []


def test_jump_warnings_need_a_large_move_in_the_indicators_unit_as_well():
    tidy = _tidy([("KHM", 2021, "fixed_broadband_per_100", 0.0, 2), ("KHM", 2022, "fixed_broadband_per_100", 8.0, 3)])
    assert [(i.row, "from 0" in i.message) for i in jump_warnings(tidy)] == [(3, True)]
    take_off = _tidy([("KHM", 1995, "internet_users_pct", 0.001, 2), ("KHM", 1996, "internet_users_pct", 0.004, 3)])
    assert jump_warnings(take_off) == []  # +300 %, but 0.003 percentage points
    assert jump_warnings(tidy.assign(year=pd.array([None, None], dtype="Int64"))) == []
    assert jump_warnings(tidy.iloc[0:0]) == []


def test_provinces_resolve_by_code_and_khmer_name():
    frame = [(2, "KH-12", 2022, "internet_users_pct", 80), (3, "សៀមរាប", 2022, "internet_users_pct", 45)]
    checked = check_candidates(_candidates(frame), "f.csv", load_provinces())
    assert checked.issues == [] and checked.tidy["entity"].tolist() == ["KH-12", "KH-17"]


@pytest.mark.parametrize("name", ["ខេត្តសៀមរាប", "រាជធានីភ្នំពេញ", "ខេត្ត\u200bសៀមរាប", "Siem\u200b Reap", "Kandal Province"])
def test_khmer_prefixes_and_zero_width_spaces_are_folded(name):
    checked = check_candidates(_candidates([(2, name, 2022, "internet_users_pct", 50)]), "f.csv", load_provinces())
    assert checked.issues == [] and checked.tidy["entity"].str.startswith("KH-").all()
    assert guess_register([name, "Kandal", "កណ្ដាល"]).kind == "province"
