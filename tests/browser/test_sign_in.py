"""Signing in and out in a real browser, on a server and database of its own: an editor signs in with the form,
imports a file, signs out; a visitor who is not signed in gets no upload but how to sign in, in the page language,
and nothing is stored. The Content-Security-Policy is in force throughout (a violation is a console error)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from indicators.store import open_store
from tests.browser.conftest import TEST_PASSWORD, _serve

UPLOAD_INPUT = "#data-upload input[type=file]"
NATIONAL = "entity,year,indicator,value,source\nCambodia,2024,internet_users_pct,61.5,TRC\n"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("signin") / "egdi.sqlite")


@pytest.fixture(scope="module")
def url(database: str) -> Iterator[str]:
    yield from _serve(database)


def versions(database: str) -> list[int]:
    with open_store(database) as store:
        return store.versions()["version_id"].tolist()


def test_an_editor_signs_in_imports_and_signs_out(signed_out_page, url, database, tmp_path):
    page = signed_out_page
    upload = tmp_path / "national-2024.csv"
    upload.write_text(NATIONAL, encoding="utf-8")
    page.goto(f"{url}/data")
    page.locator("#sign-in-link").click()
    expect(page.locator("h1")).to_have_text("Sign in")
    page.fill("#sign-in-name", "editor")
    page.fill("#sign-in-password", "not the password")
    page.locator("#sign-in-submit").click()
    expect(page.locator(".notice-error")).to_have_text("The name or the password is wrong.")
    page.fill("#sign-in-password", TEST_PASSWORD)
    page.locator("#sign-in-submit").click()

    expect(page.locator("h1")).to_have_text("Data")  # back where the sign-in started
    expect(page.locator(".account-name")).to_have_text("editor (editor)")
    page.set_input_files(UPLOAD_INPUT, str(upload))
    expect(page.locator("#data-changes .ag-row")).to_have_count(1)
    page.locator("#data-confirm").click()
    expect(page.locator("#data-check .notice-success")).to_contain_text("national-2024.csv")
    expect(page.locator("#data-history tbody tr:first-child [data-column='user']")).to_have_text("editor")
    page.screenshot(path="/tmp/sign-in-imported.png", full_page=True)

    page.locator("#sign-out-button").click()
    expect(page.locator("#sign-in-link")).to_be_visible()
    expect(page.locator(".account-name")).to_have_count(0)
    assert page.console_errors == [] and page.blocked_requests == []


def test_a_visitor_who_is_not_signed_in_gets_no_upload_but_how_to_sign_in_in_their_language(signed_out_page, url, database):
    """The upload is not there to use (a forged request is refused on the server: tests/layouts/test_write_guard.py)."""
    page = signed_out_page
    before = versions(database)
    page.goto(f"{url}/data?lang=km")
    expect(page.locator("#sign-in-link")).to_have_text("ចូលគណនី")
    expect(page.locator(UPLOAD_INPUT)).to_have_count(0)
    note = page.locator("#data-upload-note")
    expect(note).to_contain_text("ដើម្បីនាំចូលទិន្នន័យ សូមចូលគណនីដែលមានតួនាទីអ្នកកែសម្រួល (ឬខ្ពស់ជាងនេះ)។")
    expect(note.locator("a")).to_have_text("ចូលគណនី")
    page.screenshot(path="/tmp/sign-in-refused-km.png", full_page=True)
    assert versions(database) == before
    assert page.console_errors == [] and page.blocked_requests == []
