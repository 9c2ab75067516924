"""Each damaged file that used to be stored wrong without a word, generated here, one defect per file: it is now read
right, or refused with a located message and the store left exactly as it was."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from indicators.ingest.imports import import_files
from indicators.ingest.loaders import load_file
from indicators.report.writers import write_table
from indicators.store import Store, open_store
from tests.store.conftest import dump

HEADER = "entity,year,indicator,value,source\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(str(tmp_path / "store.sqlite"))
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "Cambodia,2021,internet_users_pct,55.6,ITU\n", encoding="utf-8")
    assert import_files([str(good)], opened)[1]
    return opened


def refused_without_a_trace(store: Store, path: Path, code: str) -> list[object]:
    """Import `path`: it must be refused with one error `code`, and the store must not change. The error's place."""
    before = dump(store)
    results, landed = import_files([str(path)], store)
    errors = [issue for issue in results[0].issues if issue.severity == "error"]
    assert not landed and [issue.code for issue in errors] == [code], errors
    assert errors[0].message_km and errors[0].message_km != errors[0].message
    assert dump(store) == before
    return [errors[0].sheet, errors[0].row, errors[0].column, errors[0].value]


def _values(path: Path) -> dict[tuple[str, int], float]:
    result = load_file(path)
    assert result.ok, result.issues
    return {(row.entity, int(row.year)): row.value for row in result.tidy.itertuples()}


# Decimal commas ------------------------------------------------------------------------------------------------


def test_decimal_commas_are_read_right_when_the_file_is_unambiguous(tmp_path: Path):
    path = tmp_path / "semicolons.csv"
    path.write_text("entity;year;indicator;value\nKHM;2021;internet_users_pct;0,226\nKHM;2022;internet_users_pct;52,5\n")
    assert _values(path) == {("KHM", 2021): 0.226, ("KHM", 2022): 52.5}


def test_decimal_commas_beside_decimal_points_are_refused_at_their_cell(store: Store, tmp_path: Path):
    path = tmp_path / "mixed.csv"
    path.write_text("entity;year;indicator;value\nKHM;2021;internet_users_pct;12.5\nKHM;2022;internet_users_pct;0,226\n")
    assert refused_without_a_trace(store, path, "ambiguous_decimal") == ["", 3, "value", "0,226"]


def test_a_lone_thousands_like_comma_in_a_semicolon_file_is_refused(store: Store, tmp_path: Path):
    path = tmp_path / "ambiguous.csv"
    path.write_text("entity;year;indicator;value\nKHM;2021;osi_score;1,234\n")  # 1234 points, or 1.234?
    assert refused_without_a_trace(store, path, "ambiguous_decimal") == ["", 2, "value", "1,234"]


# Damaged text --------------------------------------------------------------------------------------------------


def test_an_unclosed_quote_that_swallows_rows_is_refused(store: Store, tmp_path: Path):
    path = tmp_path / "quote.csv"
    rows = [f"Cambodia,{year},internet_users_pct,{40 + year % 10},ITU" for year in range(2018, 2023)]
    rows[1] = rows[1].replace(",ITU", ',"ITU estimate')  # the quote opened here swallows the next three rows
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    assert refused_without_a_trace(store, path, "unclosed_quote") == ["", 3, "", ""]
    rows[3] = rows[3].replace(",ITU", ',"ITU"')  # now a later quote closes it: rows 4 and 5 are still swallowed
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    assert refused_without_a_trace(store, path, "unclosed_quote") == ["", 3, "source", "ITU estimate"]


def test_one_windows_1252_byte_in_a_utf8_file_is_refused_at_its_line(store: Store, tmp_path: Path):
    path = tmp_path / "mixed.csv"
    text = HEADER + "Cambodia,2022,internet_users_pct,56.7,ក្រសួងប្រៃសណីយ៍\nThailand,2022,internet_users_pct,88,ITU \x93estimate\x94\n"
    path.write_bytes(text.encode("utf-8").replace("\x93".encode(), b"\x93").replace("\x94".encode(), b"\x94"))
    assert refused_without_a_trace(store, path, "mixed_encoding") == ["", 3, "", "0x93"]


def test_a_windows_1252_file_is_read_as_such(tmp_path: Path):
    path = tmp_path / "latin.csv"
    path.write_bytes((HEADER + "Côte d'Ivoire,2022,internet_users_pct,38.4,ITU\n").encode("cp1252"))
    assert _values(path) == {("CIV", 2022): 38.4}


def test_a_nul_byte_never_reaches_the_store_and_exports_keep_working(store: Store, tmp_path: Path):
    path = tmp_path / "nul.csv"
    codes = ["internet_users_pct", "mobile_subscriptions_per_100", "fixed_telephone_per_100"]
    body = "".join(f"Cambodia,{year},{code},{year - 1980},ITU\n" for code in codes for year in range(1990, 2100))
    path.write_bytes((HEADER + body).encode() + b"Thailand,2022,internet_users_pct,88,IT\x00U\n")
    assert len(body) > 8192  # a NUL early in a file means a binary file; later, damage at a line
    assert refused_without_a_trace(store, path, "nul_byte") == ["", 332, "", ""]
    write_table(store.observations(), tmp_path / "out.xlsx")  # an XLSX export still works


def test_a_control_character_in_a_workbook_cell_is_refused(store: Store, tmp_path: Path):
    path = _workbook(
        tmp_path / "control.xlsx", [["entity", "year", "indicator", "value", "source"], ["KHM", 2022, "internet_users_pct", 56.7, "MARKER"]]
    )
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"MARKER", b"IT_x0001_U"))
    assert refused_without_a_trace(store, path, "control_character")[:3] == ["Data", 2, "value"]


# Workbooks -----------------------------------------------------------------------------------------------------


def _workbook(path: Path, rows: list[list[object]], *more: tuple[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data"
    for row in rows:
        sheet.append(row)
    for title, other in more:
        extra = book.create_sheet(title)
        for row in other:
            extra.append(row)
    book.save(path)
    return path


def _rewrite(path: Path, member: str, change: Callable[[bytes], bytes], add: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(path) as old:
        contents = {info.filename: old.read(info.filename) for info in old.infolist()}
    contents[member] = change(contents[member])
    contents |= add or {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in contents.items():
            new.writestr(name, data)


ROWS = [["entity", "year", "indicator", "value"], ["KHM", 2022, "internet_users_pct", 56.7]]


def test_two_sheets_with_one_name_are_refused(store: Store, tmp_path: Path):
    path = _workbook(tmp_path / "twice.xlsx", ROWS, ("Data2", [ROWS[0], ["THA", 2022, "internet_users_pct", 88.0]]))
    _rewrite(path, "xl/workbook.xml", lambda xml: xml.replace(b'name="Data2"', b'name="Data"'))
    assert refused_without_a_trace(store, path, "duplicate_sheet_name") == ["Data", None, "", "Data"]


def test_hidden_and_very_hidden_sheets_are_skipped_with_a_note(tmp_path: Path):
    path = _workbook(
        tmp_path / "drafts.xlsx",
        ROWS,
        ("Draft", [ROWS[0], ["THA", 2022, "internet_users_pct", 1.0]]),
        ("Old", [ROWS[0], ["VNM", 2022, "internet_users_pct", 2.0]]),
    )
    book = openpyxl.load_workbook(path)
    book["Draft"].sheet_state = "hidden"
    book["Old"].sheet_state = "veryHidden"
    book.save(path)
    result = load_file(path)
    assert result.ok and result.tidy["entity"].tolist() == ["KHM"]
    notes = [(issue.code, issue.sheet) for issue in result.issues if issue.code == "hidden_sheet"]
    assert notes == [("hidden_sheet", "Draft"), ("hidden_sheet", "Old")]
    assert "very hidden" in result.issues[1].message


def test_a_cached_value_of_a_formula_linked_to_another_file_is_refused(store: Store, tmp_path: Path):
    path = _workbook(tmp_path / "linked.xlsx", [ROWS[0], ["KHM", 2022, "internet_users_pct", 12345.0]])
    linked = b'<c r="D2"><f>[1]Sheet1!A1</f><v>56.7</v></c>'
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<c r="D2"[^>]*>.*?</c>', linked, xml),
        add={"xl/externalLinks/externalLink1.xml": b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'},
    )
    assert refused_without_a_trace(store, path, "linked_cell") == ["Data", 2, "value", "56.7"]


def test_a_formula_error_is_named_as_such(store: Store, tmp_path: Path):
    path = _workbook(tmp_path / "error.xlsx", [ROWS[0], ["KHM", 2022, "internet_users_pct", "#DIV/0!"]])
    assert refused_without_a_trace(store, path, "formula_error") == ["Data", 2, "value", "#DIV/0!"]


# Exports -------------------------------------------------------------------------------------------------------


def test_a_semicolon_separated_source_is_exported_so_that_no_locale_makes_a_formula(store: Store, tmp_path: Path):
    path = tmp_path / "source.csv"
    path.write_text(HEADER + 'Cambodia,2022,internet_users_pct,56.7,"ITU;=1+1"\n', encoding="utf-8")
    assert import_files([str(path)], store)[1]
    write_table(store.observations(), tmp_path / "out.csv")
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "ITU;'=1+1" in text and ";=1+1" not in text
