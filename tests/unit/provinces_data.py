"""Builders shared by the Provinces page and province brief tests: small stores with filled portal assessments."""

from pathlib import Path

import openpyxl

from indicators.ingest.imports import import_files
from indicators.ingest.questionnaire_sheet import SHEET_NAME
from indicators.ingest.template import write_template
from indicators.paths import DATA_DIR
from indicators.questionnaire import load_questionnaire
from indicators.store import Store, open_store

Q = load_questionnaire("kh-losi-2022")
NATIONAL = DATA_DIR / "national" / "cambodia-indicators.csv"


def empty_store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")


def assessment(tmp_path: Path, year: int, yes: dict[str, list[str]], name: str) -> Path:
    """A filled portal assessment sheet: for each province column letter, the indicators answered yes; all others no."""
    book = openpyxl.load_workbook(write_template(tmp_path / f"{name}-template.xlsx", "en", "province"))
    sheet = book[SHEET_NAME["en"]]
    sheet["B3"] = year
    for column, codes in yes.items():
        for row, item in enumerate(Q.indicators, start=7):
            sheet[f"{column}{row}"] = "yes" if item.code in codes else "no"
    path = tmp_path / f"{name}.xlsx"
    book.save(path)
    return path


def imported(store: Store, *paths: Path) -> Store:
    results, landed = import_files([str(p) for p in paths], store)
    assert landed, [issue.message for r in results for issue in r.issues]
    return store
