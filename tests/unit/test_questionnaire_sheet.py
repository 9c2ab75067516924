from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicators.ingest.imports import import_files
from indicators.ingest.loaders import load_file
from indicators.ingest.questionnaire_sheet import SHEET_NAME
from indicators.ingest.template import write_template
from indicators.method.losi import losi_scores
from indicators.questionnaire import load_questionnaire
from indicators.store import open_store

Q = load_questionnaire("kh-losi-2022")
SHEET = SHEET_NAME["en"]
FIRST_ROW = 7  # IF01; rows follow the questionnaire's order


def row_of(code: str) -> int:
    return FIRST_ROW + [item.code for item in Q.indicators].index(code)


def filled(tmp_path: Path, cells: dict[str, object], lang: str = "en", name: str = "answers.xlsx") -> Path:
    """The province template in `lang`, with {cell: value} set on the portal assessment sheet, as a person would."""
    book = openpyxl.load_workbook(write_template(tmp_path / f"template-{lang}.xlsx", lang, "province"))
    sheet = book[SHEET_NAME[lang]]
    for ref, value in cells.items():
        sheet[ref] = value
    target = tmp_path / name
    book.save(target)
    return target


def test_the_province_template_has_a_questionnaire_sheet_with_a_column_per_province(tmp_path: Path):
    book = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", "en", "province"))
    assert book.sheetnames[5:] == ["Sources", SHEET, "Lists"]
    sheet = book[SHEET]
    assert (sheet["A2"].value, sheet["B2"].value) == ("Questionnaire [questionnaire]", "kh-losi-2022")
    assert sheet["A3"].value == "Assessment year [year]"
    header = [cell.value for cell in sheet[6]]
    assert header[:5] == [
        "Criterion [criterion]",
        "Indicator [indicator]",
        "Question [question]",
        "Banteay Meanchey [KH-1]",
        "Banteay Meanchey: source [KH-1 source]",
    ]
    assert len(header) == 3 + 2 * 25 and header[-2:] == ["Tboung Khmum [KH-25]", "Tboung Khmum: source [KH-25 source]"]
    assert [sheet.cell(row, 2).value for row in range(FIRST_ROW, sheet.max_row + 1)] == [item.code for item in Q.indicators]
    assert sheet["C7"].value == Q.indicators[0].text_en
    rules = {v.type: v for v in sheet.data_validations.dataValidation}
    assert rules["list"].formula1 == '"yes,no"' and "D7:D92" in str(rules["list"].sqref) and "E7" not in str(rules["list"].sqref)
    assert (rules["whole"].formula1, rules["whole"].formula2, str(rules["whole"].sqref)) == ("1990", "2100", "B3")


def test_the_country_template_has_no_questionnaire_sheet(tmp_path: Path):
    assert SHEET not in openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", "en", "country")).sheetnames


def test_answers_and_their_sources_round_trip_and_score(tmp_path: Path):
    cells: dict[str, object] = {"B3": 2025, "D7": "yes", "E7": "https://bmc.gov.kh/plan", "D8": "no", "F7": "Yes"}
    cells.update({"AZ92": "no", "BA92": "checked 2025-03-01"})  # Tboung Khmum, the last indicator
    for code in [item.code for item in Q.criterion("IF").indicators][2:]:
        cells[f"D{row_of(code)}"] = "yes"
    result = load_file(filled(tmp_path, cells))
    assert result.ok, result.issues
    assert (result.format, result.entity_kind) == ("template", "province")
    got = {(r.entity, int(r.year), r.indicator): (r.value, r.source, int(r.row), r.column) for r in result.tidy.itertuples()}
    assert got[("KH-1", 2025, "losi:kh-losi-2022:IF01")] == (1.0, "https://bmc.gov.kh/plan", 7, "Banteay Meanchey [KH-1]")
    assert got[("KH-1", 2025, "losi:kh-losi-2022:IF02")] == (0.0, "answers.xlsx", 8, "Banteay Meanchey [KH-1]")
    assert got[("KH-2", 2025, "losi:kh-losi-2022:IF01")] == (1.0, "answers.xlsx", 7, "Battambang [KH-2]")
    assert got[("KH-25", 2025, "losi:kh-losi-2022:TE18")] == (0.0, "checked 2025-03-01", 92, "Tboung Khmum [KH-25]")
    assert len(got) == 8 + 2
    scores = losi_scores(result.tidy, Q).set_index(["entity", "part"])
    assert scores.loc[("KH-1", "IF"), "score"] == pytest.approx(7 / 8)
    assert scores.loc[("KH-1", "IF"), "level"] == "very_high"
    assert pd.isna(scores.loc[("KH-1", "overall"), "score"])  # the other criteria were not assessed


def test_a_khmer_template_answered_in_khmer(tmp_path: Path):
    sheet_cells = {"B3": "2024", "D7": "មាន", "D8": "គ្មាន"}
    result = load_file(filled(tmp_path, sheet_cells, lang="km"))
    assert result.ok, result.issues
    assert result.tidy.sort_values("indicator")["value"].tolist() == [1.0, 0.0]
    assert set(result.tidy["column"]) == {"បន្ទាយមានជ័យ [KH-1]"}


def test_every_problem_of_the_sheet_is_located_and_nothing_is_imported(tmp_path: Path):
    cells = {"B3": 2025, "D7": "maybe", "F9": "yes", "B9": "IF99", "B10": None, "D10": "no"}
    result = load_file(filled(tmp_path, cells))
    assert not result.ok and result.tidy.empty
    found = {(i.code, i.sheet, i.row, i.column, i.value) for i in result.issues}
    assert found == {
        ("answer_not_yes_no", SHEET, 7, "Banteay Meanchey [KH-1]", "maybe"),
        ("unknown_questionnaire_indicator", SHEET, 9, "Indicator [indicator]", "IF99"),
        ("missing_questionnaire_indicator", SHEET, 10, "Indicator [indicator]", ""),
    }
    bad = next(i for i in result.issues if i.code == "answer_not_yes_no")
    assert "choose yes or no" in bad.message and "មាន ឬ គ្មាន" in bad.message_km


def test_a_missing_year_an_unknown_questionnaire_and_an_unknown_province_are_refused(tmp_path: Path):
    path = filled(tmp_path, {"B2": "kh-losi-1999", "D7": "yes", "F6": "Atlantis [KH-99]"})
    result = load_file(path)
    found = {(i.code, i.row, i.column) for i in result.issues}
    assert found == {
        ("questionnaire_unknown", 2, "Questionnaire [questionnaire]"),
        ("questionnaire_sheet_no_year", 6, "[year]"),
        ("unknown_entity_no_suggestion", 6, "Atlantis [KH-99]"),
    }
    assert result.tidy.empty


def test_conflicting_answers_for_the_same_indicator_are_refused(tmp_path: Path):
    result = load_file(filled(tmp_path, {"B3": 2025, "D7": "yes", "B8": "IF01", "D8": "no"}))
    assert [i.code for i in result.issues] == ["duplicate_conflict"]


def test_enrolment_ratios_may_exceed_100_but_not_250(tmp_path: Path):
    book = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", "en", "province"))
    sheet = book["Human capital"]
    header = [cell.value for cell in sheet[1]]
    column = {h.rsplit("[", 1)[1].rstrip("]"): i + 1 for i, h in enumerate(header) if "[" in h}
    sheet.cell(2, 1, "Kampot")
    sheet.cell(2, 2, 2022)
    sheet.cell(2, column["gross_enrolment_primary_pct"], 112.4)
    sheet.cell(3, 1, "Kep")
    sheet.cell(3, 2, 2022)
    sheet.cell(3, column["gross_enrolment_pct"], 260)
    book.save(tmp_path / "ger.xlsx")
    result = load_file(tmp_path / "ger.xlsx")
    assert [(i.code, i.row, i.value) for i in result.issues] == [("out_of_range", 3, "260")]
    sheet.delete_rows(3)
    book.save(tmp_path / "ger.xlsx")
    accepted = load_file(tmp_path / "ger.xlsx")
    assert accepted.ok and accepted.tidy[["entity", "indicator", "value"]].values.tolist() == [
        ["KH-7", "gross_enrolment_primary_pct", 112.4]
    ]


def test_answers_import_into_the_store_and_a_changed_answer_is_no_jump_warning(tmp_path: Path):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    first = filled(tmp_path, {"B3": 2023, "D7": "no"}, name="2023.xlsx")
    second = filled(tmp_path, {"B3": 2025, "D7": "yes"}, name="2025.xlsx")
    for path in (first, second):
        results, landed = import_files([str(path)], store, entity_kind="auto")
        assert landed and results[0].issues == []
    stored = store.observations(indicators=["losi:kh-losi-2022:IF01"])
    rows = stored[["entity", "year", "value", "sheet", "row"]].values.tolist()
    assert rows == [["KH-1", 2023, 0.0, SHEET, 7], ["KH-1", 2025, 1.0, SHEET, 7]]
