from pathlib import Path

import openpyxl
import pytest

from indicators.catalogue import load_catalogue
from indicators.ingest.loaders import load_file
from indicators.ingest.template import DOMAIN_SHEETS, indicator_header, read_template, write_template

INTERNET = "Internet users (% of population) [internet_users_pct]"
MOBILE = "Mobile-cellular subscriptions (per 100 inhabitants) [mobile_subscriptions_per_100]"
TELECOM = "Telecom infrastructure"


def filled(
    tmp_path: Path,
    cells: dict[str, dict[str, object]],
    lang: str = "en",
    kind: str = "country",
    name: str = "filled.xlsx",
    sources: dict[str, tuple[str, str]] | None = None,
) -> Path:
    """Write a template, set {sheet: {cell: value}} and {code: (source, vintage)} with openpyxl (as a person would
    in Excel), save it."""
    path = write_template(tmp_path / f"template-{lang}-{kind}.xlsx", lang, kind)
    book = openpyxl.load_workbook(path)
    for sheet, values in cells.items():
        for ref, value in values.items():
            book[sheet][ref] = value
    sheet = book.worksheets[5]  # Sources, in either language
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in (sources or {}):
            row[2].value, row[3].value = (sources or {})[row[0].value]
    target = tmp_path / name
    book.save(target)
    return target


def test_the_template_has_a_readme_one_sheet_per_domain_sources_and_a_hidden_list(tmp_path: Path):
    book = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    assert book.sheetnames == [
        "README",
        "Online services",
        "Telecom infrastructure",
        "Human capital",
        "E-participation",
        "Sources",
        "Lists",
    ]
    assert book["Lists"].sheet_state == "hidden"
    assert [c.value for c in book["Lists"]["A"]][1:4] == ["Afghanistan", "Albania", "Algeria"]
    assert book["Lists"].max_row == 194
    readme = "\n".join(str(c.value) for c in book["README"]["A"] if c.value)
    assert "How to fill it in" in readme and "របៀបបំពេញ" in readme  # both languages, whatever `lang`
    telecom = book[TELECOM]
    assert [c.value for c in telecom[1]][:4] == ["Country", "Year", INTERNET, MOBILE]
    assert telecom.freeze_panes == "C2" and telecom["C1"].font.bold
    assert telecom.column_dimensions["A"].width == 30
    sources = book["Sources"]
    assert [c.value for c in sources[1]] == ["Indicator code", "Indicator", "Source", "Data vintage", "Notes"]
    in_sheet_order = [code for domain in DOMAIN_SHEETS for code, spec in load_catalogue().items() if spec.domain == domain]
    assert [c.value for c in sources["A"]][1:] == in_sheet_order
    assert in_sheet_order[0] == "osi_score" and len(in_sheet_order) == 23


def test_cells_are_validated_as_a_person_types(tmp_path: Path):
    sheet = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))[TELECOM]
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    entity, year, internet, mobile = rules["A2:A5000"], rules["B2:B5000"], rules["C2:C5000"], rules["D2:D5000"]
    assert (entity.type, entity.formula1, entity.showErrorMessage) == ("list", "'Lists'!$A$2:$A$194", True)
    assert "Choose a country from the drop-down list" in entity.error
    assert (year.type, year.operator, year.formula1, year.formula2) == ("whole", "between", "1990", "2100")
    assert (internet.type, internet.formula1, internet.formula2) == ("decimal", "0", "100")
    assert (mobile.type, mobile.formula1, mobile.formula2) == ("decimal", "0", "1000")
    assert "Internet users: type a number from 0 to 100 (% of population)" in internet.error


def test_khmer_template_for_provinces(tmp_path: Path):
    book = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang="km", entity_kind="province"))
    assert book.sheetnames[1:5] == [names["km"] for names in DOMAIN_SHEETS.values()]
    assert book.sheetnames[5] == "ប្រភព"
    telecom = book["ហេដ្ឋារចនាសម្ព័ន្ធទូរគមនាគមន៍"]
    assert [c.value for c in telecom[1]][:3] == ["ខេត្ត", "ឆ្នាំ", "អ្នកប្រើប្រាស់អ៊ីនធឺណិត (% នៃប្រជាជន) [internet_users_pct]"]
    lists = [c.value for c in book["Lists"]["A"]][1:]
    assert len(lists) == 25 and "សៀមរាប" in lists and "ភ្នំពេញ" in lists
    rules = {str(v.sqref): v for v in telecom.data_validations.dataValidation}
    assert rules["A2:A5000"].formula1 == "'Lists'!$A$2:$A$26" and "ខេត្ត" in rules["A2:A5000"].error


def test_bad_arguments_are_programmer_errors(tmp_path: Path):
    with pytest.raises(ValueError, match="lang"):
        write_template(tmp_path / "t.xlsx", lang="fr")
    with pytest.raises(ValueError, match="entity_kind"):
        write_template(tmp_path / "t.xlsx", entity_kind="district")


def test_round_trip_values_and_provenance(tmp_path: Path):
    path = filled(
        tmp_path,
        {
            TELECOM: {"A2": "Cambodia", "B2": 2023, "C2": 60.5, "D2": 120.25, "A4": "Thailand", "B4": 2022, "C4": "88.1"},
            "Human capital": {"A2": "Cambodia", "B2": 2020, "C2": 82.5, "I2": 5.1},
            "Online services": {"A7": "Viet Nam", "B7": "2022", "C7": 512},
        },
        sources={"internet_users_pct": ("ITU World Telecommunication/ICT Indicators", "2024")},
    )
    result = load_file(path)
    assert result.ok, result.issues
    assert (result.format, result.entity_kind, result.file) == ("template", "country", "filled.xlsx")
    got = {(r.entity, int(r.year), r.indicator): (r.value, r.sheet, int(r.row), r.column, r.source) for r in result.tidy.itertuples()}
    itu = "ITU World Telecommunication/ICT Indicators (2024)"
    assert got == {
        ("KHM", 2023, "internet_users_pct"): (60.5, TELECOM, 2, INTERNET, itu),
        ("KHM", 2023, "mobile_subscriptions_per_100"): (120.25, TELECOM, 2, MOBILE, "filled.xlsx"),
        ("THA", 2022, "internet_users_pct"): (88.1, TELECOM, 4, INTERNET, itu),
        ("KHM", 2020, "adult_literacy_pct"): (
            82.5,
            "Human capital",
            2,
            "Adult literacy rate (% of people aged 15 and over) [adult_literacy_pct]",
            "filled.xlsx",
        ),
        ("KHM", 2020, "mean_schooling_years"): (
            5.1,
            "Human capital",
            2,
            "Mean years of schooling (years) [mean_schooling_years]",
            "filled.xlsx",
        ),
        ("VNM", 2022, "osi_score"): (
            512.0,
            "Online services",
            7,
            "Online Service Questionnaire raw score (points) [osi_score]",
            "filled.xlsx",
        ),
    }
    assert result.issues == []


def test_text_numbers_empty_rows_and_a_row_with_only_an_entity(tmp_path: Path):
    path = filled(
        tmp_path,
        {
            TELECOM: {
                "A2": "Cambodia",
                "B2": 2021,
                "C2": "55.6",
                "A3": "Thailand",
                "A6": "Cambodia",
                "B6": "2022",
                "C6": " 56.7 ",
                "E6": "..",
            }
        },
    )
    result = read_template(path)
    assert result.ok, result.issues
    assert result.tidy[["entity", "year", "value", "row"]].values.tolist() == [["KHM", 2021, 55.6, 2], ["KHM", 2022, 56.7, 6]]


def test_provinces_in_khmer_round_trip_with_automatic_entity_kind(tmp_path: Path):
    telecom = "ហេដ្ឋារចនាសម្ព័ន្ធទូរគមនាគមន៍"
    path = filled(
        tmp_path,
        {telecom: {"A2": "សៀមរាប", "B2": 2023, "C2": 48.5, "A3": "ភ្នំពេញ", "B3": 2023, "C3": "81"}},
        lang="km",
        kind="province",
        sources={"internet_users_pct": ("MPTC", "")},
    )
    result = load_file(path)
    assert result.ok, result.issues
    assert result.entity_kind == "province"
    rows = result.tidy.set_index("entity")
    assert rows.loc["KH-17", ["value", "sheet", "row", "source"]].tolist() == [48.5, telecom, 2, "MPTC"]
    assert rows.loc["KH-12", "value"] == 81.0


def test_an_english_template_filled_with_khmer_digits_and_moved_columns(tmp_path: Path):
    path = write_template(tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book[TELECOM]
    sheet.move_range("C1:C5000", cols=5)  # the Internet column moved to the far right
    sheet["A2"], sheet["B2"], sheet["H2"] = "Cambodia", "២០២២", "៥៦.៧"
    book.save(path)
    result = load_file(path)
    assert result.ok, result.issues
    assert result.tidy[["year", "indicator", "value", "column"]].values.tolist() == [[2022, "internet_users_pct", 56.7, INTERNET]]


TEMPLATE_DEFECTS = [
    (
        {"A2": "Cambodai", "B2": 2022, "C2": 50},
        "unknown_entity",
        2,
        "Country",
        "Cambodai",
        "Unknown country 'Cambodai'. Did you mean: Cambodia",
    ),
    ({"A2": "Cambodia", "B2": 2022, "C2": "sixty"}, "not_a_number", 2, INTERNET, "sixty", "'sixty' is not a number."),
    (
        {"A2": "Cambodia", "B2": 2022, "C2": 160},
        "out_of_range",
        2,
        INTERNET,
        "160",
        "160 is outside the valid range 0–100 of Internet users.",
    ),
    ({"A2": "Cambodia", "B2": 1850, "C2": 50}, "bad_year", 2, "Year", "1850", "Year '1850' is not a year between 1900 and 2100."),
    ({"A2": "Cambodia", "C2": 50}, "missing_year", 2, "Year", "", "This row has values but no year."),
    ({"B2": 2022, "C2": 50}, "missing_entity", 2, "Country", "", "This row has values but no country."),
    (
        {"A2": "Cambodia", "B2": 2022, "C2": 50, "A3": "KHM", "B3": 2022, "C3": 51},
        "duplicate_conflict",
        3,
        INTERNET,
        "51",
        "KHM has different values for internet_users_pct in 2022: 50 (row 2), 51 (row 3).",
    ),
    (
        {"A2": "Cambodia", "B2": 2022, "C2": 50, "D1": "Mobile [mobile_subscription_per_100]"},
        "unknown_indicator",
        1,
        "Mobile [mobile_subscription_per_100]",
        "mobile_subscription_per_100",
        "Unknown indicator code 'mobile_subscription_per_100'",
    ),
    ({"A1": "Name", "A2": "Cambodia", "B2": 2022, "C2": 50}, "missing_column", 1, "Country", "", "Required column 'Country' is missing."),
]


@pytest.mark.parametrize(("edits", "code", "row", "column", "value", "text"), TEMPLATE_DEFECTS)
def test_each_template_defect_names_its_sheet_row_column_and_value(tmp_path: Path, edits, code, row, column, value, text):
    result = load_file(filled(tmp_path, {TELECOM: edits}), entity_kind="country")
    errors = [i for i in result.issues if i.severity == "error"]
    assert [(i.code, i.sheet, i.row, i.column, i.value) for i in errors] == [(code, TELECOM, row, column, value)]
    assert text in errors[0].message
    assert errors[0].message_km and errors[0].message_km != errors[0].message
    assert result.tidy.empty and not result.ok


def test_all_problems_of_a_template_are_reported_in_one_pass(tmp_path: Path):
    edits = {
        TELECOM: {"A2": "Cambodai", "B2": 2022, "C2": 50, "A3": "Thailand", "B3": 2022, "C3": "lots", "D3": 1400},
        "Human capital": {"A5": "Laos", "B5": 3000, "C5": 70},
    }
    result = load_file(filled(tmp_path, edits))
    assert [(i.code, i.sheet, i.row, i.column[:10]) for i in result.issues] == [
        ("unknown_entity", TELECOM, 2, "Country"),
        ("not_a_number", TELECOM, 3, "Internet u"),
        ("out_of_range", TELECOM, 3, "Mobile-cel"),
        ("bad_year", "Human capital", 5, "Year"),
    ]


def test_an_empty_template_has_no_data(tmp_path: Path):
    result = load_file(write_template(tmp_path / "t.xlsx"))
    assert (result.format, [i.code for i in result.issues]) == ("template", ["empty_file"])


def test_headers_are_built_from_the_catalogue():
    spec = load_catalogue()["mean_schooling_years"]
    assert indicator_header(spec) == "Mean years of schooling (years) [mean_schooling_years]"
    assert indicator_header(spec, "km") == "ចំនួនឆ្នាំសិក្សាជាមធ្យម (ឆ្នាំ) [mean_schooling_years]"
