"""The Reports page in a real browser: download the Excel workbook and the Khmer PDF brief, see the progress while the
brief builds, and the notes on what a report cannot show; nothing is loaded from outside."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.unit.test_report_helpers import pdf_fonts, pdf_text

pytestmark = pytest.mark.browser


def test_the_workbook_downloads_with_the_stored_figures(page, dashboard_url, errors, tmp_path):
    page.goto(f"{dashboard_url}/reports")
    expect(page.locator("h1")).to_have_text("Reports", timeout=30_000)
    expect(page.locator("#reports-notes")).to_contain_text("The method of the 2024 Survey is marked unconfirmed")
    expect(page.locator("#reports-notes")).not_to_contain_text("countries are stored for")  # the whole field is bundled
    page.get_by_label("Excel workbook (.xlsx)", exact=False).check()
    expect(page.locator("#reports-cli")).to_contain_text("--format xlsx")
    with page.expect_download() as download_info:
        page.locator("#reports-button").click()
    download = download_info.value
    assert download.suggested_filename == "egdi-report-KHM-2024-en.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    book = load_workbook(saved)
    assert book.sheetnames[:3] == ["Cover", "Summary", "Sub-indices by edition"]
    assert book["Summary"]["B2"].value == 0.57536
    expect(page.locator("#reports-status")).to_contain_text("Ready: egdi-report-KHM-2024-en.xlsx")


def test_the_khmer_brief_downloads_with_visible_progress(page, dashboard_url, errors, tmp_path):
    page.goto(f"{dashboard_url}/reports?lang=km")
    expect(page.locator("h1")).to_have_text("របាយការណ៍")
    expect(page.get_by_label("សេចក្តីសង្ខេប PDF (.pdf)", exact=False)).to_be_checked()
    expect(page.get_by_label("ខ្មែរ", exact=True)).to_be_checked()
    with page.expect_download(timeout=60_000) as download_info:
        page.locator("#reports-button").click()
        expect(page.locator("#reports-progress")).to_be_visible()
        expect(page.locator("#reports-button")).to_be_disabled()
    download = download_info.value
    assert download.suggested_filename == "egdi-brief-KHM-2024-km.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert "០.៥៧៥៤" in pdf_text(saved) and "Khmer" in pdf_fonts(saved)
    expect(page.locator("#reports-progress")).to_be_hidden()
    expect(page.locator("#reports-button")).to_be_enabled()


def test_another_country_and_edition_say_what_is_missing(page, dashboard_url, errors):
    page.goto(f"{dashboard_url}/reports?entity=SGP&edition=2018")
    expect(page.locator("#reports-edition")).to_contain_text("2018")
    notes = page.locator("#reports-notes")
    expect(notes).to_contain_text("No targets apply to Singapore")
    expect(notes).not_to_contain_text("countries are stored for")
    page.get_by_label("Table (.csv)", exact=False).check()
    with page.expect_download() as download_info:
        page.locator("#reports-button").click()
    assert download_info.value.suggested_filename == "egdi-by-edition-SGP-2018-en.csv"
