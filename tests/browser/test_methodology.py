"""The Methodology page in a real browser: an edition chosen with the mouse or the keyboard redraws the page and goes
into the URL, a URL opens the edition it names, both languages, and no console errors."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

WAIT = 20_000  # ms for each expectation: a busy test machine can take longer than Playwright's default 5 s


def query(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlparse(page.url).query)


def expect_query(page, expected: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    """The URL's query becomes `expected` (the URL is written by the same callback that redraws the page)."""
    deadline = time.monotonic() + WAIT / 1000
    while query(page) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert query(page) == expected


def test_choosing_an_edition_shows_its_method_badges_and_changes(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/methodology")
    expect(page.locator("h1")).to_have_text("Methodology", timeout=WAIT)
    expect(page.get_by_role("radio", name="2024")).to_be_checked(timeout=WAIT)
    expect(page.locator(".notice-warning")).to_contain_text("not confirmed by a source yet", timeout=WAIT)
    expect(page.locator(".file-status .method-badge")).to_have_text("?Not confirmed", timeout=WAIT)  # the sign, then the words
    page.wait_for_load_state("networkidle")  # the callback Dash makes when it inserts the radio items has answered
    assert query(page) == {}  # ... and left the URL alone: the page already shows what it asks for

    page.get_by_role("radio", name="2020").check()
    expect(page.locator(".subtitle")).to_contain_text("How the 2020 edition is computed", timeout=WAIT)
    expect_query(page, {"edition": ["2020"]})
    expect(page.locator(".file-status .method-badge")).to_have_text("✓Confirmed", timeout=WAIT)
    expect(page.locator(".notice-warning")).to_have_count(0, timeout=WAIT)
    expect(page.locator("#methodology-changes")).to_contain_text("Changes from 2018", timeout=WAIT)
    expect(page.locator("#methodology-changes li").first).to_have_text("TII: Fixed-telephone subscriptions removed", timeout=WAIT)
    tii = page.locator("table", has_text="Components of the Telecommunication Infrastructure Index")
    expect(tii.locator("tbody tr")).to_have_count(4, timeout=WAIT)
    expect(tii.locator("tbody tr").first).to_have_text("Internet users% of population1/4120", timeout=WAIT)
    origins = page.locator(".origin-table tbody tr")
    # the quartile rule's boundary treatment is this project's reading: no stored annex text confirms it
    expect(origins.filter(has_text="Rating classes").locator(".method-badge")).to_have_text("?Not confirmed", timeout=WAIT)

    # the keyboard moves between editions (arrow keys in the radio group)
    page.get_by_role("radio", name="2020").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="2022")).to_be_checked(timeout=WAIT)
    expect(page.locator("#methodology-changes li").first).to_contain_text(
        "OSI: can now also be computed from its sub-indices", timeout=WAIT
    )
    expect_query(page, {"edition": ["2022"]})
    expect(origins.filter(has_text="OSI, from its sub-indices").locator(".method-badge")).to_have_text("?Not confirmed", timeout=WAIT)
    page.screenshot(path=str(tmp_path / "methodology-en.png"), full_page=True)
    assert errors == []
    assert page.blocked_requests == []


def test_a_url_opens_its_edition_and_the_language_switch_keeps_it(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/methodology?edition=2018")
    expect(page.get_by_role("radio", name="2018")).to_be_checked(timeout=WAIT)
    expect(page.locator("table", has_text="Components of the Telecommunication Infrastructure Index").locator("tbody tr")).to_have_count(
        5, timeout=WAIT
    )
    page.get_by_text("ខ្មែរ").click()
    expect(page.locator("h1")).to_have_text("វិធីសាស្ត្រ", timeout=WAIT)
    expect(page.get_by_role("radio", name="២០១៨")).to_be_checked(timeout=WAIT)
    expect(page.locator("#methodology-changes h2")).to_have_text("ការផ្លាស់ប្តូរធៀបនឹងឆ្នាំ ២០១៦", timeout=WAIT)
    expect(page.locator(".file-status .method-badge")).to_have_text("✓បានបញ្ជាក់", timeout=WAIT)
    expect(page.locator(".formula code")).to_have_text("EGDI = (OSI + TII + HCI) / ៣", timeout=WAIT)
    assert page.evaluate("document.documentElement.lang") == "km"
    expect_query(page, {"edition": ["2018"], "lang": ["km"]})
    page.screenshot(path=str(tmp_path / "methodology-km.png"), full_page=True)
    assert errors == []


def test_an_edition_without_a_file_says_so(page, dashboard_url):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/methodology?edition=2012")
    expect(page.get_by_role("radio", name="2024")).to_be_checked(timeout=WAIT)
    expect(page.locator(".notice-info")).to_have_text(
        "There is no methodology file for the 2012 edition, so the 2024 edition is shown. Files exist for 2014–2024.", timeout=WAIT
    )
    assert errors == []
