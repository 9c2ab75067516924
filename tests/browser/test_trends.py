"""The Trends page in a real browser: the chart and its method-change markers, keyboard choice of a series, the
peer multi-select, the URL round trip, the language switch, and no console errors."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

WAIT = 20_000  # ms for each expectation: a busy test machine can take longer than Playwright's default 5 s

LINES = "#trends-graph .scatterlayer .trace"


def query(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlparse(page.url).query)


def expect_query(page, expected: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    """The URL's query becomes `expected` (the URL is written by the same callback that redraws the page)."""
    deadline = time.monotonic() + WAIT / 1000
    while query(page) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert query(page) == expected


def test_trends_draws_cambodia_against_asean_and_a_series_is_chosen_with_the_keyboard(page, partial_dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(f"{partial_dashboard_url}/trends")
    expect(page.locator("h1")).to_have_text("Trends", timeout=WAIT)
    expect(page.locator("#trends-subtitle")).to_have_text(
        "EGDI, Cambodia and the countries chosen for comparison, by survey edition", timeout=WAIT
    )
    expect(page.locator(LINES)).to_have_count(12, timeout=WAIT)  # Cambodia, 10 ASEAN peers, the method-change markers
    expect(page.locator("#trends-graph .legendtext")).to_contain_text(["Cambodia", "Brunei Darussalam"], timeout=WAIT)
    expect(page.locator("#trends-graph .shapelayer path")).to_have_count(3, timeout=WAIT)  # the 2020, 2022 and 2024 method changes
    expect(page.locator(".trends-changes")).to_contain_text("TII: Fixed-telephone subscriptions removed", timeout=WAIT)
    page.locator("#trends-block .cb-tab[data-view=table]").click()
    expect(page.locator("#trends-block .cb-data tbody tr").first).to_have_text(
        "Cambodia20030.2637UN DESA, UN E-Government Survey 2003", timeout=WAIT
    )
    page.locator("#trends-block .cb-tab[data-view=chart]").click()  # back to the chart

    # hover over Cambodia's 2020 point: value, edition and source
    cambodia = page.locator(LINES).first.locator(".points path")
    expect(cambodia).to_have_count(12, timeout=WAIT)
    box = cambodia.nth(9).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".hoverlayer")).to_contain_text("Edition 2020: 0.5113", timeout=WAIT)
    expect(page.locator(".hoverlayer")).to_contain_text("Source: UN DESA, UN E-Government Survey 2020", timeout=WAIT)

    # choose a component indicator with the keyboard only
    page.locator("#trends-series").focus()
    page.keyboard.press("Enter")
    option = page.get_by_role("option", name="Internet users (% of population)")
    expect(option).to_be_visible(timeout=WAIT)
    page.wait_for_function("() => document.activeElement.value === 'egdi'")  # focus is on the chosen option
    for code in ("osi", "tii", "hci", "epi", "internet_users_pct"):  # down the list: the indices, then the indicators
        page.keyboard.press("ArrowDown")
        page.wait_for_function(f"() => document.activeElement.value === '{code}'")
    page.keyboard.press("Enter")
    expect(page.locator("#trends-subtitle")).to_have_text(
        "Internet users (% of population), Cambodia and the countries chosen for comparison, by year", timeout=WAIT
    )
    expect_query(page, {"series": ["internet_users_pct"]})
    expect(page.locator(LINES)).to_have_count(2, timeout=WAIT)  # Cambodia 2019–2022 and the 2020 marker (TII cap)
    expect(page.locator(".notice")).to_contain_text("No values of this series are stored for Brunei Darussalam", timeout=WAIT)
    page.screenshot(path=str(tmp_path / "trends-en.png"), full_page=True)
    assert errors == []
    assert page.blocked_requests == []


def test_the_url_sets_the_controls_and_a_change_of_peers_goes_back_into_the_url(page, dashboard_url):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/trends?entity=THA&peers=KHM,VNM&series=tii")
    expect(page.locator("#trends-entity")).to_contain_text("Thailand", timeout=WAIT)
    expect(page.locator("#trends-series")).to_contain_text("Telecommunication Infrastructure Index", timeout=WAIT)
    expect(page.locator("#trends-peers")).to_contain_text("Cambodia", timeout=WAIT)
    expect(page.locator("#trends-peers")).to_contain_text("Viet Nam", timeout=WAIT)
    expect(page.locator("#trends-graph .legendtext")).to_have_text(["Thailand", "Cambodia", "Viet Nam", "Method change"], timeout=WAIT)

    page.locator("#trends-peers").click()
    page.get_by_role("option", name="Viet Nam").click()
    page.keyboard.press("Escape")
    expect(page.locator("#trends-graph .legendtext")).to_have_text(["Thailand", "Cambodia", "Method change"], timeout=WAIT)
    expect_query(page, {"entity": ["THA"], "peers": ["KHM"], "series": ["tii"]})

    page.reload()
    expect(page.locator("#trends-graph .legendtext")).to_have_text(["Thailand", "Cambodia", "Method change"], timeout=WAIT)
    assert errors == []


def test_the_language_switch_shows_khmer_with_khmer_digits(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/trends?series=tii&peers=THA,VNM,LAO")
    expect(page.locator(LINES)).to_have_count(5, timeout=WAIT)
    page.get_by_text("ខ្មែរ").click()
    expect(page.locator("h1")).to_have_text("និន្នាការ", timeout=WAIT)
    expect(page.locator("#trends-subtitle")).to_contain_text("សន្ទស្សន៍ហេដ្ឋារចនាសម្ព័ន្ធទូរគមនាគមន៍ នៃកម្ពុជា", timeout=WAIT)
    expect(page.locator("#trends-graph .xtick text").last).to_have_text("២០២៤", timeout=WAIT)
    expect(page.locator("#trends-graph .legendtext")).to_contain_text(["កម្ពុជា", "ថៃ"], timeout=WAIT)
    expect(page.locator(".trends-changes")).to_contain_text("TII៖ បានដកការជាវទូរស័ព្ទលើតុចេញ", timeout=WAIT)
    assert page.evaluate("document.documentElement.lang") == "km"
    expect_query(page, {"lang": ["km"], "peers": ["THA,VNM,LAO"], "series": ["tii"]})
    page.screenshot(path=str(tmp_path / "trends-km.png"), full_page=True)
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_with_the_world_loaded_every_edition_of_the_peers_is_drawn(page, world_dashboard_url, lang):
    errors = page.console_errors
    page.goto(f"{world_dashboard_url}/trends?peers=SGP&lang={lang}")
    expect(page.locator(LINES)).to_have_count(3, timeout=WAIT)
    expect(page.locator(LINES).nth(1).locator(".points path")).to_have_count(12, timeout=WAIT)  # Singapore 2003–2024
    assert errors == []


def test_the_tii_says_how_much_of_its_2024_jump_is_the_change_of_method(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/trends?series=tii")
    split = page.locator(".trends-split .split-sentence")
    expect(split).to_have_count(2, timeout=WAIT)
    expect(split.nth(1)).to_have_text(
        "TII of Cambodia +0.200 from 2022 to 2024: about +0.107 from the change of method (TII: ICT affordability (mobile "
        "data-and-voice and fixed-broadband baskets) replaced Fixed (wired) broadband subscriptions), +0.093 from the data.",
        timeout=WAIT,
    )
    page.screenshot(path=str(tmp_path / "trends-split-en.png"), full_page=True)
    page.goto(f"{dashboard_url}/trends?series=tii&lang=km")
    expect(split.nth(1)).to_contain_text("TII នៃកម្ពុជា +០.២០០ ពីឆ្នាំ ២០២២ ដល់ឆ្នាំ ២០២៤", timeout=WAIT)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(split).to_have_count(2, timeout=WAIT)
    page.screenshot(path=str(tmp_path / "trends-split-km-phone.png"), full_page=True)
    page.goto(f"{dashboard_url}/trends?series=osi")
    expect(page.locator(".trends-changes")).to_be_visible(timeout=WAIT)
    expect(page.locator(".trends-split")).to_have_count(0)
    assert errors == []
