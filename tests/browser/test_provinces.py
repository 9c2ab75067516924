"""The Provinces page in a real browser, on a new store (the FICTIONAL demonstration): the map of the 25 provinces drawn
from the geometry the app serves (nothing asked of any other server), a click on a province chooses it, a criterion
on the map, the PDF brief downloaded; both languages on a laptop and on a 390 px phone without sideways scroll."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WAIT = 30_000  # ms: a first load on a busy 2-core machine
SHAPES = "#provinces-map path.choroplethlocation"
PHONE = {"width": 390, "height": 844}
CENTRE_OF = """(code) => {
  const shape = [...document.querySelectorAll('#provinces-map path.choroplethlocation')].find(p => p.__data__ && p.__data__.loc === code);
  const box = shape.getBoundingClientRect();
  return [box.x + box.width / 2, box.y + box.height / 2];
}"""


def query(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlparse(page.url).query)


def wait_for_query(page, key: str, value: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + WAIT / 1000
    while query(page).get(key) != [value] and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert query(page).get(key) == [value]


def test_the_map_draws_every_province_locally_and_a_click_chooses_one(page, dashboard_url, errors, tmp_path):
    page.goto(f"{dashboard_url}/provinces")
    expect(page.locator("h1")).to_have_text("Provinces: online services of the provincial administrations", timeout=WAIT)
    expect(page.locator(".notice-fictional").first).to_contain_text("FICTIONAL DEMONSTRATION DATA", timeout=WAIT)
    expect(page.locator(SHAPES)).to_have_count(26, timeout=WAIT)  # 25 provinces and the chosen one's outline on top
    expect(page.locator("#provinces-map .legendtext")).to_contain_text(["Very high (above 0.75)", "High (above 0.50)"], timeout=WAIT)
    page.screenshot(path=str(tmp_path / "provinces-en.png"), full_page=True)

    x, y = page.evaluate(CENTRE_OF, "KH-11")  # Mondul Kiri
    page.mouse.move(x, y)
    expect(page.locator("#provinces-map .hoverlayer")).to_contain_text("Mondul Kiri: ", timeout=WAIT)
    page.mouse.click(x, y)
    wait_for_query(page, "province", "KH-11")
    expect(page.locator("#provinces-profile h2").first).to_have_text("Mondul Kiri, 2025", timeout=WAIT)
    expect(page.locator("#provinces-ranking tr.chosen")).to_contain_text("Mondul Kiri", timeout=WAIT)
    page.locator("#provinces-criteria").scroll_into_view_if_needed()  # drawn when scrolled to
    expect(page.locator("#provinces-criteria .trace.bars .point")).to_have_count(6, timeout=WAIT)

    page.locator("#provinces-part").click()
    page.get_by_role("option", name="Technology").click()
    wait_for_query(page, "part", "TE")
    expect(page.locator("#provinces-map-block-title")).to_have_text("Technology by province, 2025", timeout=WAIT)

    with page.expect_download(timeout=120_000) as download:
        page.locator("#provinces-brief-button").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "province-brief-KH-11-2025-en.pdf" and saved.read_bytes()[:5] == b"%PDF-"
    expect(page.locator("#provinces-brief-status")).to_contain_text("Ready: province-brief-KH-11-2025-en.pdf", timeout=WAIT)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("lang", ["en", "km"])
def test_both_languages_fit_the_screen(browser, dashboard_url, lang, viewport, tmp_path: Path):
    context = browser.new_context(viewport=viewport)
    shown = context.new_page()
    outside: list[str] = []
    shown.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("http://127.0.0.1") else (outside.append(route.request.url), route.abort())
        ),
    )
    shown.goto(f"{dashboard_url}/provinces?lang={lang}&province=KH-17&year=2023")
    shown.locator("#provinces-map").scroll_into_view_if_needed()  # on a phone the map is below the first screen
    expect(shown.locator(SHAPES)).to_have_count(26, timeout=WAIT)
    box, drawn, menu = shown.evaluate(
        """() => ['#provinces-map', '#provinces-map .main-svg', '#provinces-map-block .cb-actions']
            .map((s) => document.querySelector(s).getBoundingClientRect()).map((r) => [r.top, r.bottom])"""
    )
    assert drawn == box and menu[0] >= drawn[1]  # the map (its legend too) fills its box, above the download menu
    shown.locator("#provinces-criteria").scroll_into_view_if_needed()
    expect(shown.locator("#provinces-criteria .trace.bars .point")).to_have_count(6, timeout=WAIT)
    shown.wait_for_load_state("networkidle", timeout=WAIT)
    heading = "សៀមរាប ឆ្នាំ ២០២៣" if lang == "km" else "Siem Reap, 2023"
    expect(shown.locator("#provinces-profile h2").first).to_have_text(heading, timeout=WAIT)
    assert shown.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert outside == []
    shown.screenshot(path=str(tmp_path / f"provinces-{lang}-{viewport['width']}.png"), full_page=True)
    context.close()
