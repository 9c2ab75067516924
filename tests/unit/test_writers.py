import csv

import openpyxl
import pandas as pd
import pytest

from indicators.report.writers import neutralise, write_table


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x")'])
def test_formula_like_text_is_neutralised(text):
    assert neutralise(text) == "'" + text


def test_plain_text_and_numbers_are_unchanged():
    assert neutralise("Cambodia") == "Cambodia" and neutralise(-0.5) == -0.5


def test_csv_and_xlsx_never_hold_a_formula(tmp_path):
    frame = pd.DataFrame({"entity": ["=cmd|' /C calc'!A0", "Cambodia"], "value": [-1.5, 0.5]})
    write_table(frame, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == "'=cmd|' /C calc'!A0" and rows[1][1] == "-1.5"
    write_table(frame, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("'=")
    assert sheet["B2"].value == -1.5 and sheet["B2"].data_type == "n"


def test_a_semicolon_separated_text_cannot_become_a_formula_in_a_semicolon_locale(tmp_path):
    frame = pd.DataFrame({"entity": ["KHM"], "source": ["ITU;=1+1"], "value": [0.5]})
    write_table(frame, tmp_path / "out.csv")
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    for separator in (",", ";", "\t"):  # however a spreadsheet splits the line, no cell starts a formula
        for row in csv.reader(text.splitlines(), delimiter=separator):
            assert not [cell for cell in row if cell.startswith(("=", "+", "@"))]
    assert list(csv.reader(text.splitlines()))[1] == ["KHM", "ITU;'=1+1", "0.5"]


def test_unknown_output_type_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"use \.csv or \.xlsx"):
        write_table(pd.DataFrame(), tmp_path / "out.txt")
