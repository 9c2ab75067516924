"""The reports' Outlook section on a new store: the workbook's Outlook sheet and the brief's Outlook page hold the
nowcast with its intervals, the top three levers and the track record, in English and Khmer, and every export credits
the bundled sources with their licences."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from indicators.ingest.imports import open_seeded_store
from indicators.outlook.briefing import stored_outlook
from indicators.report import build_workbook, gather, table_csv
from indicators.report import tables as report_tables
from indicators.report.brief import brief_html


@pytest.fixture(scope="module")
def store(seeded_db: str):  # type: ignore[no-untyped-def]
    with open_seeded_store(seeded_db) as opened:
        yield opened


@pytest.fixture(scope="module")
def content(store):  # type: ignore[no-untyped-def]
    return gather(store, "KHM")


def cells(sheet) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_outlook_sheet_holds_the_nowcast_levers_and_record(store, content, tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(build_workbook(content, "en"))
    sheet = cells(load_workbook(path)["Outlook"])
    row = stored_outlook(store).nowcast().row("KHM")
    assert sheet[0][0] == "Outlook: the 2026 Survey, nowcast" and sheet[1][0].startswith("Next Survey (2026) nowcast: EGDI ")
    egdi = next(r for r in sheet if r[0] == "E-Government Development Index")
    assert egdi[1:4] == [pytest.approx(row["egdi"]), pytest.approx(row["egdi_low"]), pytest.approx(row["egdi_high"])]
    world = next(r for r in sheet if r[0] == "World rank")
    assert world[1:4] == [row["rank"], row["rank_low"], row["rank_high"]]
    levers = content.outlook.levers
    assert len(levers) == 3 and len({lever.code for lever in levers}) == 3
    assert [lever.delta_egdi for lever in levers] == sorted((lever.delta_egdi for lever in levers), reverse=True)
    record = [r for r in sheet if r[0] in (2020, 2022, 2024)]
    assert len(record) == 3 and all(0 < r[3] < 0.05 for r in record)  # EGDI median |error| of each replay
    assert any(isinstance(r[0], str) and r[0].startswith("Scale: the lowest HCI was SOM's in 2024") for r in sheet)


def test_the_khmer_outlook_and_the_sources_sheet_credit_every_source(content, tmp_path):
    path = tmp_path / "report-km.xlsx"
    path.write_bytes(build_workbook(content, "km"))
    book = load_workbook(path)
    outlook = cells(book["ទស្សនវិស័យ"])
    assert outlook[1][0].startswith("ការព្យាករណ៍ការស្ទង់មតិបន្ទាប់ (២០២៦)")
    sources = " ".join(str(v) for r in cells(book["ប្រភព និងវិធីសាស្ត្រ"]) for v in r if v)
    assert "អាជ្ញាបណ្ណ៖" in sources and "CC BY 4.0" in sources and "https://hdr.undp.org/data-center" in sources


def test_the_brief_has_an_outlook_page_in_both_languages(content):
    english = brief_html(content, "en", {})
    assert "Outlook: the 2026 Survey, nowcast" in english and "Top three levers" in english
    assert "How well the nowcast predicted past Surveys" in english and "Creative Commons Attribution 4.0" in english
    khmer = brief_html(content, "km", {})
    assert "ទស្សនវិស័យ៖ ការស្ទង់មតិឆ្នាំ ២០២៦" in khmer and "កត្តាជំរុញសំខាន់ៗបី" in khmer


def test_the_main_table_as_csv_credits_the_bundled_sources_in_its_last_column(content):
    parsed = list(csv.reader(io.StringIO(table_csv(report_tables.history(content, "en")).decode("utf-8-sig"))))
    assert parsed[0][-1] == "Sources and licences"
    assert "ITU (International Telecommunication Union)" in parsed[1][-1] and all(r[-1] == "" for r in parsed[2:])
    khmer = list(csv.reader(io.StringIO(table_csv(report_tables.history(content, "km")).decode("utf-8-sig"))))
    assert khmer[0][-1] == "ប្រភព និងអាជ្ញាបណ្ណ" and "អាជ្ញាបណ្ណ៖" in khmer[1][-1]


def test_the_reports_next_survey_milestones_are_decided_on_the_nowcast_as_on_the_targets_page(store, content):
    row = stored_outlook(store).nowcast().row("KHM")
    status = content.targets.set_index(["target_id", "milestone"])
    egdi = status.loc[("egdi_very_high", 2025)]  # measured in the 2026 Survey
    assert egdi["basis"] == "nowcast:2026"
    assert (egdi["projected"], egdi["projected_lower"], egdi["projected_upper"]) == (row["egdi"], row["egdi_low"], row["egdi_high"])
    assert row["egdi_high"] < 0.60 and egdi["progress"] in ("limited_progress", "deterioration")
    assert status.loc[("egdi_very_high", 2030), "basis"] == "trend"
    past = gather(store, "KHM", 2022).targets.set_index(["target_id", "milestone"])  # a report on a past Survey: trends only
    assert past.loc[("egdi_very_high", 2025), "basis"] == "trend"
    alone = gather(store, "KHM", with_outlook=False).targets.set_index(["target_id", "milestone"])
    assert alone.loc[("egdi_very_high", 2025), "basis"] == "trend"


def test_the_workbook_and_the_brief_say_which_statuses_the_nowcast_decided(store, content, tmp_path):
    said = "The statuses of the 2025 milestones of survey indicators are based on the 2026 nowcast"
    path = tmp_path / "report.xlsx"
    path.write_bytes(build_workbook(content, "en"))
    sheet = [v for row in cells(load_workbook(path)["Targets and status"]) for v in row if isinstance(v, str)]
    assert any(v.startswith(said) for v in sheet)
    assert said in brief_html(content, "en", {})
    assert "ផ្អែកលើការព្យាករណ៍ឆ្នាំ ២០២៦" in brief_html(content, "km", {})
    past = gather(store, "KHM", 2022)  # the trends decided every status: nothing to say
    assert "based on the 2026 nowcast" not in brief_html(past, "en", {})
