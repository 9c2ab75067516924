"""The overview page in a real browser: Cambodia's figures, both languages, nothing loaded from outside; on a new
store the world rank, the rating class and the world map show with no import."""

import os
import re

from playwright.sync_api import expect

from tests.browser.test_compare import FIRST_LOAD, GRID_ROWS
from tests.conftest import PROJECT_DIR

SCREENSHOTS = {"en": PROJECT_DIR / "docs" / "screenshot-overview.png", "km": PROJECT_DIR / "docs" / "screenshot-overview-km.png"}
REFRESH = os.environ.get("EGDI_REFRESH_SCREENSHOTS") == "1"  # rewrite the README's screenshots


def test_overview_shows_cambodia_in_english_and_khmer(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(dashboard_url)
    expect(page.locator("h1")).to_have_text("E-Government Readiness", timeout=FIRST_LOAD)  # beside the nowcast's warm-up
    cards = page.locator(".card-value")
    expect(cards).to_have_text(["0.5754", "120", "8", "High", "0.4503", "0.7609", "0.5149", "0.3151"])
    expect(page.locator(".summary")).to_contain_text("Since 2022, the Telecommunication Infrastructure Index moved most (+0.2004)")
    # under the headline, the next Survey's nowcast (computed at server start; "computing…" until then)
    expect(page.locator("#overview-nowcast")).to_contain_text(
        "Next Survey (2026) nowcast: EGDI 0.54 (0.48–0.59), rank 131 (118–144)", timeout=60_000
    )
    page.locator("#overview-trend").scroll_into_view_if_needed()  # drawn when scrolled to
    expect(page.locator("#overview-trend .scatterlayer .trace")).to_have_count(4)
    if REFRESH:
        page.screenshot(path=str(SCREENSHOTS["en"]), full_page=True)

    page.get_by_text("ខ្មែរ").click()
    expect(page.locator("h1")).to_have_text("ការត្រៀមខ្លួនរដ្ឋាភិបាលអេឡិចត្រូនិក")
    expect(cards.nth(0)).to_have_text("០.៥៧៥៤")
    expect(cards.nth(3)).to_have_text("ខ្ពស់")
    assert page.evaluate("document.documentElement.lang") == "km"
    page.locator("#overview-trend").scroll_into_view_if_needed()
    expect(page.locator("#overview-trend .scatterlayer .trace")).to_have_count(4)
    page.screenshot(path=str(SCREENSHOTS["km"] if REFRESH else tmp_path / "overview-km.png"), full_page=True)
    assert page.blocked_requests == [] and errors == []


def test_the_url_keeps_the_view_and_a_plain_load_leaves_it_alone(page, dashboard_url):
    page.goto(dashboard_url + "/?lang=km&edition=2020")
    expect(page.locator(".card-value").nth(0)).to_have_text("០.៥១១៣")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/?lang=km&edition=2020")
    page.goto(dashboard_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.url == dashboard_url + "/"
    page.locator("#overview-edition").click()
    page.get_by_role("option", name="2018", exact=True).first.click()
    expect(page.locator(".card-value").nth(0)).to_have_text("0.3753")
    expect(page).to_have_url(dashboard_url + "/?edition=2018")
    page.locator("#overview-edition").click()
    page.get_by_role("option", name="2024", exact=True).first.click()
    expect(page.locator(".card-value").nth(0)).to_have_text("0.5754")


def test_a_new_store_shows_world_rank_class_and_map(page, dashboard_url):
    errors = page.console_errors
    page.goto(dashboard_url)
    expect(page.locator(".card-value").nth(1)).to_have_text("120", timeout=FIRST_LOAD)  # world rank
    expect(page.locator(".card").nth(3).locator(".card-detail")).to_have_text("H2")  # group card: the rating class
    page.goto(f"{dashboard_url}/compare")
    expect(page.locator(GRID_ROWS)).to_have_count(11, timeout=FIRST_LOAD)
    cambodia = page.locator("#compare-grid tbody tr.compare-entity-row")
    expect(cambodia.locator("[data-column=world_rank]")).to_have_text("120")
    expect(page.locator("#compare-grid .compare-entity-row [data-column=rating_class]").first).to_have_text("H2")
    page.locator("#compare-map").scroll_into_view_if_needed()  # the map is drawn when scrolled to
    expect(page.locator("#compare-map .choroplethlocation")).to_have_count(165, timeout=FIRST_LOAD)
    expect(page.locator("#compare-map .scattergeo .point")).to_have_count(28)
    assert errors == []
    assert page.blocked_requests == []


def test_after_a_change_the_header_links_keep_the_view_without_asking_the_server(signed_out_page, dashboard_url):
    """Choosing an edition writes it into the URL; the nav links, the language switch and the sign-in link take it in
    the browser (no second request), and following one keeps the view."""
    page = signed_out_page
    page.goto(dashboard_url + "/")
    expect(page.locator(".card-value").nth(0)).to_have_text("0.5754", timeout=FIRST_LOAD)
    page.wait_for_load_state("networkidle")
    asked: list[str] = []

    def callback(request) -> None:  # type: ignore[no-untyped-def]
        if "_dash-update" in request.url:
            asked.append(str((request.post_data_json or {}).get("output")))

    page.on("request", callback)
    page.locator("#overview-edition").click()
    page.get_by_role("option", name="2020", exact=True).first.click()
    expect(page.locator(".card-value").nth(0)).to_have_text("0.5113")
    expect(page.locator("#nav a", has_text="Trends")).to_have_attribute("href", "/trends?edition=2020")
    expect(page.locator("#lang-link")).to_have_attribute("href", "/?edition=2020&lang=km")
    expect(page.locator("#sign-in-link")).to_have_attribute("href", re.compile(r"&next=%2F%3Fedition%3D2020$"))
    page.wait_for_load_state("networkidle")
    assert len(asked) == 1 and asked[0].startswith("..overview-cards.children")
    page.locator("#lang-link").click()
    expect(page.locator(".card-value").nth(0)).to_have_text("០.៥១១៣")
    expect(page.locator("#nav a").first).to_have_attribute("href", "/?edition=2020&lang=km")
    expect(page.locator("#lang-link")).to_have_attribute("href", "/?edition=2020")
