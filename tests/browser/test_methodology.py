"""The Methodology page in a real browser: an edition chosen with the mouse or the keyboard redraws the page and goes
into the URL, a URL opens the edition it names, both languages, and no console errors."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
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
    # the 2020 file reads internet users of 2017, a year before its other data: said in the row's last cell
    expect(tii.locator("tbody tr").first).to_have_text("Internet users% of population1/4120data of 2017 or before", timeout=WAIT)
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


SHOTS = Path(os.environ.get("EGDI_SCREENSHOTS", "")) if os.environ.get("EGDI_SCREENSHOTS") else None


def shoot(page, tmp_path, name: str) -> None:  # type: ignore[no-untyped-def]
    """A full-page screenshot (into $EGDI_SCREENSHOTS when set, to be looked at)."""
    page.screenshot(path=str((SHOTS or tmp_path) / name), full_page=True)


def test_the_back_test_proves_the_2024_method_and_the_sources_are_credited(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/methodology")
    section = page.locator("#methodology-backtest")
    expect(section.locator("h2")).to_have_text("Does the method rebuild the published values? The back-test", timeout=WAIT)
    rows = section.locator(".backtest-table tbody tr")
    expect(rows).to_have_count(2, timeout=WAIT)
    expect(rows.first.locator("td").nth(0)).to_have_text("TII")
    expect(rows.first.locator("td").nth(1)).to_have_text("193")
    expect(rows.first.locator("td").nth(2)).to_have_text("0.010")  # the 2024 file's note: median |error| 0.0103
    expect(rows.first.locator("td").nth(5)).to_have_text("0.764 / 0.761")  # Cambodia rebuilt / published
    expect(section.locator(".backtest-findings li").first).to_contain_text(
        "the 2022 method, fed the same data, misses them by a median 0.073", timeout=WAIT
    )
    block = section.locator(".chart-block")
    block.locator(".lazy-graph").scroll_into_view_if_needed()  # drawn when scrolled to
    expect(block.locator(".js-plotly-plot")).to_have_count(1, timeout=WAIT)
    expect(block.locator(".scatterlayer .trace")).to_have_count(4, timeout=WAIT)  # the agreement line, TII, HCI, Cambodia
    block.get_by_role("tab", name="Table").click()
    expect(block.locator(".cb-table tbody tr")).to_have_count(2 * 193, timeout=WAIT)
    sources = page.locator("#methodology-sources .sources-table tbody tr")
    expect(sources).to_have_count(6, timeout=WAIT)
    expect(sources.filter(has_text="World Development Indicators")).to_contain_text("CC BY 4.0")
    shoot(page, tmp_path, "methodology-2024-en.png")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(section.locator(".backtest-table tbody tr")).to_have_count(2, timeout=WAIT)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page never scrolls sideways on a phone
    shoot(page, tmp_path, "methodology-2024-en-phone.png")
    assert errors == []


def test_the_back_test_and_the_sources_in_khmer(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/methodology?lang=km&edition=2020")
    section = page.locator("#methodology-backtest")
    expect(section.locator("h2")).to_contain_text("ការធ្វើតេស្តត្រឡប់ក្រោយ", timeout=WAIT)
    rows = section.locator(".backtest-table tbody tr")
    expect(rows.first.locator("td").nth(1)).to_have_text("១៩៣", timeout=WAIT)
    expect(section.locator(".backtest-findings li").first).to_contain_text("វិធីសាស្ត្រឆ្នាំ ២០១៨", timeout=WAIT)
    sources = page.locator("#methodology-sources .sources-table tbody tr")
    expect(sources.filter(has_text="CC BY 4.0")).to_contain_text("អាជ្ញាបណ្ណ Creative Commons", timeout=WAIT)
    body = page.locator("main").inner_text() if page.locator("main").count() else page.locator("body").inner_text()
    words = re.findall(r"[A-Za-z]{4,}", body.split("ប្រភពទិន្នន័យ និងការបញ្ជាក់ប្រភព")[0])
    allowed = {"EGDI", "DESA", "UNDP", "minmax"}  # names of the UN and UNDP; the formulas' minmax(…)
    assert [w for w in words if w not in allowed] == []  # no English left above the sources (their names are proper names)
    shoot(page, tmp_path, "methodology-2020-km.png")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(section.locator(".backtest-table tbody tr")).to_have_count(2, timeout=WAIT)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, tmp_path, "methodology-2020-km-phone.png")
    assert errors == []
