"""Who may write, in a real browser, on a server and database of its own: a visitor sees no upload and no rollback
but how to sign in (in English and Khmer); signed in as an editor they import a file, see it in the history and the
audit trail, and after signing out the upload is gone again. A large upload is imported in the background with a
progress bar while the page stays responsive. No console errors throughout."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from indicators.entities import load_countries
from tests.browser.conftest import TEST_PASSWORD, _serve
from tests.conftest import partial_field_store
from tests.layouts.fields import LARGE_SERIES, LARGE_YEARS, large_long_table

UPLOAD_INPUT = "#data-upload input[type=file]"
NATIONAL = "entity,year,indicator,value,source\nCambodia,2024,internet_users_pct,61.5,TRC\nThailand,2024,internet_users_pct,88,ITU\n"


@pytest.fixture(scope="module")
def access_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = str(tmp_path_factory.mktemp("dataaccess") / "egdi.sqlite")
    partial_field_store(database).close()
    yield from _serve(database)


def test_a_visitor_signs_in_as_an_editor_imports_sees_the_audit_line_and_after_signing_out_the_upload_is_gone(
    signed_out_page, access_url, tmp_path
):
    page = signed_out_page
    upload = tmp_path / "national-2024.csv"
    upload.write_text(NATIONAL, encoding="utf-8")

    page.goto(f"{access_url}/data")
    expect(page.locator("#data-history tbody tr").first).to_be_visible()
    expect(page.locator("#data-upload")).to_have_count(0)
    expect(page.locator("#data-rollback")).to_have_count(0)
    note = page.locator("#data-upload-note")
    expect(note).to_contain_text("To import data, sign in with an account that has the editor role (or a higher one).")
    page.locator("#data-version").click()  # a visitor reads a version's changes; its rollback is not there to offer
    page.get_by_role("option").first.click()
    expect(page.locator("#data-version-detail")).to_contain_text("Version 2 added 12, changed 0 and removed 0 values.")
    page.screenshot(path="/tmp/data-access-visitor-en.png", full_page=True)
    assert page.console_errors == []  # the rollback's callback, whose outputs are not in this page, is not run

    note.locator("a.sign-in-link").click()
    expect(page.locator("h1")).to_have_text("Sign in")
    page.fill("#sign-in-name", "editor")
    page.fill("#sign-in-password", TEST_PASSWORD)
    page.locator("#sign-in-submit").click()

    expect(page.locator("h1")).to_have_text("Data")  # back on the Data page
    expect(page.locator("#data-upload")).to_have_count(1)
    expect(page.locator("#data-upload-note")).to_have_count(0)
    expect(page.locator("#data-rollback-note")).to_contain_text("Only the administrator role (or a higher one) may roll back a version")
    page.set_input_files(UPLOAD_INPUT, str(upload))
    expect(page.locator(".read-as")).to_contain_text(
        "national-2024.csv: Long table, 1 series: internet_users_pct; 2 values of 2 countries, 2024"
    )
    page.locator("#data-confirm").click()
    expect(page.locator("#data-check .notice-success")).to_contain_text("national-2024.csv: version 3 of Indicator table “national-2024”")
    expect(page.locator("#data-history tbody tr:first-child [data-column='user']")).to_have_text("editor")
    newest = page.locator("#data-audit-grid tbody tr:first-child")
    expect(newest.locator("[data-column='who']")).to_have_text("editor (editor)")
    expect(newest.locator("[data-column='what']")).to_have_text(
        "Imported Indicator table “national-2024” from national-2024.csv as version 3: 2 added, 0 changed, 0 removed"
    )
    expect(page.locator("#data-audit-grid [data-column='address']")).to_have_count(0)  # addresses are for administrators
    page.screenshot(path="/tmp/data-access-editor-en.png", full_page=True)

    page.locator("#sign-out-button").click()
    page.goto(f"{access_url}/data?lang=km")
    expect(page.locator("#data-upload")).to_have_count(0)
    note = page.locator("#data-upload-note")
    expect(note).to_contain_text("ដើម្បីនាំចូលទិន្នន័យ សូមចូលគណនីដែលមានតួនាទីអ្នកកែសម្រួល")
    expect(note.locator("a.sign-in-link")).to_have_attribute("href", "/sign-in?lang=km&next=%2Fdata%3Flang%3Dkm")
    expect(page.locator("#data-audit-grid tbody tr:first-child [data-column='what']")).to_contain_text("បាននាំចូល")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/data-access-visitor-km-phone.png", full_page=True)
    assert page.console_errors == [] and page.blocked_requests == []


def test_a_large_upload_is_imported_in_the_background_with_a_progress_bar_and_the_page_stays_responsive(page, access_url, tmp_path):
    big = tmp_path / "internet-users-big.csv"
    values = len(LARGE_SERIES) * len(LARGE_YEARS) * len(load_countries().codes)  # one row each
    big.write_text(large_long_table("synthetic series for the background import test of the data page", seed=7), encoding="utf-8")
    size = big.stat().st_size
    assert size > 9 * 2**20

    page.goto(f"{access_url}/data")
    expect(page.locator("#data-history tbody tr").first).to_be_visible()
    started = time.perf_counter()
    page.set_input_files(UPLOAD_INPUT, str(big))
    expect(page.locator("#data-confirm")).to_have_text("Import in the background", timeout=60_000)
    checked = time.perf_counter() - started
    expect(page.locator("#data-check")).to_contain_text(f"These files are large ({size / 2**20:.1f} MiB in all)")
    page.screenshot(path="/tmp/data-background-preview.png", full_page=True)

    clicked = time.perf_counter()
    page.locator("#data-confirm").click()
    expect(page.locator("#data-job-status h3")).to_have_text("Background import 1", timeout=10_000)
    queued = time.perf_counter() - clicked
    # while the job runs, the page answers: open a version's details
    responsive = time.perf_counter()
    page.locator("#data-version").click()
    page.get_by_role("option").first.click()
    expect(page.locator("#data-version-detail")).to_contain_text("Version", timeout=10_000)
    answered = time.perf_counter() - responsive
    page.screenshot(path="/tmp/data-background-running.png", full_page=True)

    expect(page.locator("#data-job-status .notice-success")).to_contain_text("Background import 1 is finished", timeout=120_000)
    finished = time.perf_counter() - clicked
    added = f"of Indicator table “internet-users-big”: {values} added, 0 changed, 0 removed."
    expect(page.locator("#data-job-status")).to_contain_text(added)  # every value of the file is new
    expect(page.locator("#data-jobs-grid .ag-row[row-index='0'] [col-id='state']")).to_have_text("Done")
    expect(page.locator("#data-history tbody tr:first-child [data-column='file_name']")).to_have_text("internet-users-big.csv")
    assert page.evaluate("document.querySelector('#data-job-status progress') === null")  # the bar made way for the result
    page.screenshot(path="/tmp/data-background-done.png", full_page=True)
    print(
        f"\nbackground import of {size / 2**20:.1f} MiB ({values} rows): check {checked:.1f} s, queued in {queued:.2f} s, "
        f"another callback answered in {answered:.2f} s while it ran, finished {finished:.1f} s after the click"
    )
