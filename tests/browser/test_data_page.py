"""The data page in a real browser, on its own server and database (imports here never touch `dashboard_url`):
located errors in English and Khmer, the preview of an import, confirming it and seeing the Overview change, the
history and a rollback, the signed-in user, the size limit, the template download, and no console errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import FileChooser, Page, expect

from tests.browser.conftest import _serve, watch
from tests.conftest import FIXTURES, partial_field_store

UPLOAD_INPUT = "#data-upload input[type=file]"
PUBLISHED_HEADER = (
    "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,Online Service Index,"
    "Human Capital Index,Telecommunication Infrastructure Index\n"
)


@pytest.fixture(scope="module")
def data_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A dashboard of its own on a store of two versions (Cambodia and ASEAN results, national indicators: see
    tests.conftest.partial_field_store): these tests import and roll back. Its reverse proxy (for the single sign-on
    test) is the browser's own address, 127.0.0.1."""
    database = str(tmp_path_factory.mktemp("datapage") / "egdi.sqlite")
    partial_field_store(database).close()
    sso = {"EGDI_SSO_HEADER": "X-Remote-User", "EGDI_PROXIES": "127.0.0.1", "EGDI_SSO_GROUPS_HEADER": "X-Remote-Groups"}
    yield from _serve(database, **sso, EGDI_SSO_ROLES="egdi-editors=editor")


def cells(page: Page, grid: str, column: str) -> list[str]:
    """The displayed texts of one column of an AG Grid (rows in display order)."""
    return page.locator(f"#{grid} .ag-center-cols-container .ag-row .ag-cell[col-id='{column}']").all_inner_texts()


def problems(page: Page) -> list[str]:
    """The grouped problems of the check, one line of text each."""
    return [" ".join(text.split()) for text in page.locator("#data-issues li").all_inner_texts()]


def overview_egdi(page: Page, url: str, edition: int) -> None:
    page.goto(f"{url}/?edition={edition}")
    expect(page.locator("h1")).to_have_text("E-Government Readiness")


def test_a_bad_upload_shows_every_located_error_in_the_page_language(page, data_url, errors, tmp_path):
    bad = [str(FIXTURES / "long" / "unknown_entity.csv"), str(FIXTURES / "published" / "text_in_number.csv")]
    page.goto(f"{data_url}/data")
    expect(page.locator("h1")).to_have_text("Data")
    page.set_input_files(UPLOAD_INPUT, bad)

    expect(page.locator("#data-check .notice-error")).to_contain_text("2 of 2 files have errors")
    expect(page.locator("#data-issues li")).to_have_count(2)  # one item per kind of problem and file
    assert problems(page) == [
        "Error text_in_number.csv · 1 times 'high' is not a number. Where: row 3, column ‘Online Service Index’",
        "Error unknown_entity.csv · 1 times Unknown country 'Cambodai'. Did you mean: Cambodia, Samoa? Where: row 3, column ‘entity’",
    ]
    expect(page.locator(".read-as li")).to_have_count(2)
    expect(page.locator(".files-table tbody tr")).to_have_count(2)
    expect(page.locator(".files-table tbody tr").first).to_contain_text("Has errors")
    expect(page.locator("#data-confirm")).to_be_disabled()
    page.screenshot(path="/tmp/data-page-errors-en.png", full_page=True)

    page.get_by_text("ខ្មែរ").click()
    expect(page.locator("h1")).to_have_text("ទិន្នន័យ")
    page.set_input_files(UPLOAD_INPUT, bad)
    expect(page.locator("#data-issues li")).to_have_count(2)
    assert problems(page) == [
        "កំហុស text_in_number.csv · ១ ដង 'high' មិនមែនជាលេខទេ។ ទីតាំង៖ ជួរដេក ៣, ជួរឈរ ‘Online Service Index’",
        "កំហុស unknown_entity.csv · ១ ដង មិនស្គាល់ប្រទេស 'Cambodai'។ តើអ្នកចង់សំដៅលើ៖ Cambodia, Samoa? ទីតាំង៖ ជួរដេក ៣, ជួរឈរ ‘entity’",
    ]
    expect(page.locator("#data-check .notice-error")).to_contain_text("ឯកសារ ២ ក្នុងចំណោម ២ មានកំហុស")
    assert page.evaluate("document.documentElement.lang") == "km"
    page.screenshot(path="/tmp/data-page-errors-km.png", full_page=True)


def test_an_import_is_previewed_confirmed_shown_everywhere_and_rolled_back(page, data_url, errors, tmp_path):
    upload = tmp_path / "cambodia-2022-revised.csv"
    upload.write_text(PUBLISHED_HEADER + "2022,Cambodia,120,0.61230,0.30000,0.45000,0.53800,0.56050\n", encoding="utf-8")
    overview_egdi(page, data_url, 2022)
    expect(page.locator(".card-value").first).to_have_text("0.5056")

    page.goto(f"{data_url}/data")
    page.set_input_files(UPLOAD_INPUT, str(upload))
    expect(page.locator("#data-check .notice-success")).to_have_text(
        "No errors in the file. Importing it will change the stored values: 6 added, 0 changed, 0 removed."
    )
    row = page.locator(".files-table tbody tr")
    expect(row).to_contain_text("cambodia-2022-revised.csv")
    expect(page.locator(".read-as")).to_contain_text("UN DESA published results")
    expect(row).to_contain_text("UN E-Government Survey 2022")
    expect(row).to_contain_text("Ready to import")
    expect(page.locator("#data-changes .ag-row")).to_have_count(6)
    assert set(cells(page, "data-changes", "change")) == {"added"}
    assert set(cells(page, "data-changes", "entity")) == {"Cambodia"}
    new_values = dict(zip(cells(page, "data-changes", "indicator"), cells(page, "data-changes", "new_value"), strict=True))
    assert new_values["E-Government Development Index"] == "0.6123"
    assert new_values["Online Service Index"] == "0.4500"
    assert new_values["E-Government rank (published)"] == "120"
    page.screenshot(path="/tmp/data-page-preview-en.png", full_page=True)

    page.locator("#data-confirm").click()
    expect(page.locator("#data-check .notice-success")).to_contain_text("Imported. The other pages now show the new data.")
    expect(page.locator("#data-check .notice-success")).to_contain_text(
        "cambodia-2022-revised.csv: version 3 of UN E-Government Survey 2022: 6 added, 0 changed, 0 removed."
    )
    expect(page.locator("#data-actions")).to_be_hidden()
    expect(page.locator("#data-history tbody tr")).to_have_count(3)
    newest = page.locator("#data-history tbody tr:first-child")
    expect(newest.locator("[data-column='version_id']")).to_have_text("3")
    expect(newest.locator("[data-column='user']")).to_have_text("tester")
    expect(newest.locator("[data-column='file_name']")).to_have_text("cambodia-2022-revised.csv")
    expect(newest.locator("[data-column='added']")).to_have_text("6")

    overview_egdi(page, data_url, 2022)
    expect(page.locator(".card-value").first).to_have_text("0.6123")
    expect(page.locator(".card-value").nth(1)).to_have_text("120")  # the published rank of the new file

    page.goto(f"{data_url}/data")
    page.locator("#data-version").click()
    page.get_by_role("option", name="Version 3 · UN E-Government Survey 2022").click()
    expect(page.locator("#data-version-detail")).to_contain_text("Version 3 added 6, changed 0 and removed 0 values.")
    expect(page.locator("#data-version-changes .ag-row")).to_have_count(6)
    page.locator("#data-rollback").click()
    restores = "restores the dataset UN E-Government Survey 2022 to its state before that version"
    expect(page.locator("#data-rollback-panel")).to_contain_text(restores)
    page.screenshot(path="/tmp/data-page-rollback-en.png", full_page=True)
    page.locator("#data-rollback-confirm").click()
    expect(page.locator("#data-rollback-message")).to_have_text(
        "Rolled back version 3 of UN E-Government Survey 2022 as version 4: 0 restored, 0 changed back, 6 removed. "
        "The other pages now show this data."
    )
    expect(page.locator("#data-rollback-panel")).to_be_hidden()
    expect(page.locator("#data-history tbody tr")).to_have_count(4)
    expect(page.locator("#data-history tbody tr:first-child [data-column='action']")).to_have_text("Rollback of version 3")
    page.locator("#data-history .st-sort[data-key='version_id']").click()  # the history sorts in the browser: oldest first
    expect(page.locator("#data-history tbody tr [data-column='version_id']")).to_have_text(["1", "2", "3", "4"])
    expect(page.locator("#data-history thead th[data-column='version_id']")).to_have_attribute("aria-sort", "ascending")

    overview_egdi(page, data_url, 2022)
    expect(page.locator(".card-value").first).to_have_text("0.5056")


def test_the_user_signed_in_by_the_trusted_proxy_is_recorded(browser, data_url, tmp_path):
    proxy_headers = {"X-Remote-User": "sokha.chan", "X-Remote-Groups": "staff, egdi-editors"}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, extra_http_headers=proxy_headers)
    page = context.new_page()
    problems = watch(page)
    national = tmp_path / "national-2024.csv"
    national.write_text("entity,year,indicator,value,source\nCambodia,2024,internet_users_pct,61.5,TRC\n", encoding="utf-8")
    try:
        page.goto(f"{data_url}/data?lang=km")
        page.set_input_files(UPLOAD_INPUT, str(national))
        expect(page.locator("#data-changes .ag-row")).to_have_count(1)
        assert cells(page, "data-changes", "indicator") == ["អ្នកប្រើប្រាស់អ៊ីនធឺណិត"]
        assert cells(page, "data-changes", "new_value") == ["៦១.៥០០០"]
        assert cells(page, "data-changes", "entity") == ["កម្ពុជា"]
        page.screenshot(path="/tmp/data-page-preview-km.png", full_page=True)
        page.locator("#data-confirm").click()
        expect(page.locator("#data-check .notice-success")).to_contain_text("national-2024.csv")
        newest = page.locator("#data-history tbody tr:first-child")
        expect(newest.locator("[data-column='user']")).to_have_text("sokha.chan")
        expect(newest.locator("[data-column='dataset']")).to_have_text("តារាងសូចនាករ “national-2024”")
        expect(newest.locator("[data-column='action']")).to_have_text("ការនាំចូល")
        page.screenshot(path="/tmp/data-page-imported-km.png", full_page=True)
        assert problems == []
    finally:
        context.close()


def test_files_over_the_size_limit_are_refused_before_upload(page, data_url, errors, tmp_path):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(51 * 2**20)  # sparse: 51 MiB on paper, nothing written
    page.goto(f"{data_url}/data")
    page.set_input_files(UPLOAD_INPUT, [str(huge), str(FIXTURES / "long" / "clean.csv")])
    expect(page.locator("#data-refused")).to_have_text(
        "These files were not uploaded:huge.csv: The file cannot be read as CSV: it is 51 MiB; the limit is 50 MiB."
    )
    expect(page.locator(".files-table tbody tr")).to_have_count(1)  # the other file is checked
    expect(page.locator(".files-table tbody tr")).to_contain_text("clean.csv")


def test_the_template_downloads_in_the_chosen_language_and_for_provinces(page, data_url, errors, tmp_path):
    page.goto(f"{data_url}/data?lang=km")
    page.get_by_label("ខេត្តរាជធានីនីមួយៗនៃប្រទេសកម្ពុជា").check()
    with page.expect_download() as download_info:
        page.locator("#data-template-button").click()
    download = download_info.value
    assert download.suggested_filename == "egdi-data-template-province-km.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = load_workbook(saved)
    assert "សេវាអនឡាញ" in workbook.sheetnames
    assert workbook["សេវាអនឡាញ"]["A1"].value == "ខេត្ត"

    page.get_by_label("អង់គ្លេស").check()
    page.get_by_label("ប្រទេសនីមួយៗ").check()
    with page.expect_download() as download_info:
        page.locator("#data-template-button").click()
    assert download_info.value.suggested_filename == "egdi-data-template-country-en.xlsx"


def test_the_upload_zone_opens_the_file_chooser_from_the_keyboard(page, data_url, errors):
    choosers: list[FileChooser] = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))  # listen from the start: interception is on before the key
    page.goto(f"{data_url}/data")
    expect(page.locator("#data-history tbody tr").first).to_be_visible()  # the page has settled
    page.locator("#data-upload button").focus()
    page.keyboard.press("Enter")
    for _ in range(50):
        if choosers:
            break
        page.wait_for_timeout(100)
    assert len(choosers) == 1 and choosers[0].is_multiple()
    if os.environ.get("EGDI_KEEP_SCREENSHOTS"):
        Path("/tmp/data-page-empty.png").write_bytes(page.screenshot(full_page=True))


def test_files_dropped_on_the_upload_zone_are_checked_and_big_ones_refused(page, data_url, errors):
    page.goto(f"{data_url}/data")
    expect(page.locator("#data-history tbody tr").first).to_be_visible()
    content = (FIXTURES / "long" / "missing_value.csv").read_text(encoding="utf-8")
    transfer = page.evaluate_handle(
        """([name, text]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], name, {type: "text/csv"}));
            transfer.items.add(new File([new ArrayBuffer(60 * 2 ** 20)], "too-big.xlsx"));
            return transfer;
        }""",
        ["missing_value.csv", content],
    )
    for event in ("dragenter", "dragover", "drop"):
        page.dispatch_event("#data-upload .upload-zone", event, {"dataTransfer": transfer})
    expect(page.locator("#data-refused li")).to_have_text(
        "too-big.xlsx: The file cannot be read as XLSX: it is 60 MiB; the limit is 50 MiB."
    )
    expect(page.locator(".files-table tbody tr")).to_have_count(1)
    expect(page.locator(".files-table tbody tr")).to_contain_text("missing_value.csv")
    expect(page.locator("#data-issues li")).to_have_count(1)
    assert "Where: row 3" in problems(page)[0]
