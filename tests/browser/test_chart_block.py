"""The chart block in a real browser: its tabs, the downloads (PNG, SVG, and a CSV whose rows are the table shown,
with the source, licence and retrieval rows), "Copy link" reproducing the view; and the statuses of the Overview
agreeing with the Targets page, whose link lands on the target's card."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WAIT = 30_000  # ms: a first load on a busy 2-core machine
BLOCK = "#trends-block"


def shown_rows(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return page.locator(f"{BLOCK} .cb-data tr").evaluate_all("rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))")


def download(page, button: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    page.locator(f"{BLOCK} .cb-download > summary").click()
    with page.expect_download(timeout=WAIT) as info:
        page.locator(f"{BLOCK} {button}").click()
    saved = info.value
    return saved.suggested_filename, open(saved.path(), "rb").read()


def test_tabs_downloads_and_the_csv_of_exactly_the_rows_shown(page, dashboard_url):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/trends?peers=VNM&period=2010-2020")
    expect(page.locator(f"{BLOCK} .js-plotly-plot .main-svg").first).to_be_visible(timeout=WAIT)
    table_tab = page.locator(f"{BLOCK} .cb-tab[data-view=table]")
    table_tab.click()
    expect(page.locator(f"{BLOCK}-table")).to_be_visible()
    expect(page.locator(f"{BLOCK}-chart")).to_be_hidden()
    expect(table_tab).to_have_attribute("aria-selected", "true")
    rows = shown_rows(page)
    assert rows[0] == ["Country", "Edition", "Value", "Source"] and len(rows) == 1 + 6 + 6  # the editions 2010–2020 of both countries

    name, data = download(page, ".cb-download-csv")
    assert name == "trends-egdi-khm.csv"
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    blank = lines.index([])
    assert lines[:blank] == rows  # the rows shown, no more, no fewer
    about = {line[0]: line[1] for line in lines[blank + 1 :]}
    assert about["Source"].startswith("UN E-Government Survey") and about["Licence"].startswith("United Nations terms of use")
    assert about["Last updated"][:2] == "20" and about["Link"].endswith("period=2010-2020#trends-block")

    page.locator(f"{BLOCK} .cb-tab[data-view=chart]").press("Enter")
    name, png = download(page, ".cb-download-image[data-format=png]")
    assert name == "trends-egdi-khm.png" and png.startswith(b"\x89PNG")
    name, svg = download(page, ".cb-download-image[data-format=svg]")
    assert name == "trends-egdi-khm.svg" and b"<svg" in svg[:400] and b"Cambodia" in svg
    assert errors == []


def test_copy_link_reproduces_the_view(browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{dashboard_url}/trends?lang=km&entity=THA&peers=KHM&series=tii&period=2012-2022")
    expect(page.locator(f"{BLOCK} .js-plotly-plot .main-svg").first).to_be_visible(timeout=WAIT)
    page.locator(f"{BLOCK} .cb-copy-link").click()
    expect(page.locator(f"{BLOCK} .cb-status")).to_have_text("បានចម្លងតំណ។")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.endswith("#trends-block") and "period=2012-2022" in link and "entity=THA" in link
    shown = page.locator(f"{BLOCK} .cb-table").get_attribute("data-table")  # the rows the chart shows
    other = context.new_page()
    other.goto(link)
    expect(other.locator(f"{BLOCK} .js-plotly-plot .main-svg").first).to_be_visible(timeout=WAIT)
    assert other.locator(f"{BLOCK} .cb-table").get_attribute("data-table") == shown
    assert other.locator("#trends-subtitle").inner_text() == page.locator("#trends-subtitle").inner_text()
    context.close()


def lights(page, scope: str) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(f"{scope} .tg-light").evaluate_all("spans => spans.map(s => s.className.split(' ')[1])")


def test_the_overview_statuses_are_the_targets_page_statuses_and_a_link_lands_on_the_card(page, dashboard_url):
    errors = page.console_errors
    page.goto(dashboard_url + "/")
    expect(page.locator("#overview-targets .tg-light").first).to_be_visible(timeout=WAIT)
    overview = lights(page, "#overview-targets")
    assert len(overview) == 24 and "tg-on_track" in overview
    page.get_by_role("link", name="Internet users").click()
    card = page.locator("#target-internet_users")
    expect(card).to_be_visible(timeout=WAIT)
    expect(card).to_be_in_viewport(timeout=WAIT)  # the page lands on the card, not at its top
    assert page.evaluate("window.scrollY") > 300
    assert lights(page, "#targets-table") == overview
    assert errors == []


def test_charts_below_the_window_are_drawn_when_scrolled_to_and_download_before(page, dashboard_url):
    """Targets holds eight charts, all below the first screen: none is drawn (plotly.js is not even run) until one is
    scrolled to, and a chart never shown still downloads as an image (drawn for it)."""
    errors = page.console_errors
    page.set_viewport_size({"width": 1280, "height": 700})  # the first card starts about 1,070 px down: surely below
    page.goto(dashboard_url + "/targets")
    expect(page.locator(".tg-card .lazy-graph")).to_have_count(8, timeout=WAIT)
    page.wait_for_load_state("networkidle")
    assert page.locator(".tg-card .lazy-graph").first.bounding_box()["y"] > 700
    assert page.locator(".tg-card .js-plotly-plot").count() == 0 and page.evaluate("typeof window.Plotly") == "undefined"

    last = page.locator("#target-services_online")
    last.locator(".lazy-graph").scroll_into_view_if_needed()
    expect(last.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=WAIT)
    assert page.locator(".tg-card .js-plotly-plot").count() < 8  # only those scrolled near

    first = "#tg-block-egdi_very_high"
    page.locator(f"{first} .cb-tab[data-view=table]").evaluate("tab => tab.click()")  # not scrolled to: never drawn
    assert page.locator(f"{first} .js-plotly-plot").count() == 0
    page.locator(f"{first} .cb-download > summary").click()
    with page.expect_download(timeout=WAIT) as info:
        page.locator(f"{first} .cb-download-image[data-format=svg]").click()
    svg = info.value.path().read_bytes()
    assert info.value.suggested_filename == "target-egdi_very_high.svg" and b"<svg" in svg[:400] and b"Target path" in svg
    page.locator(f"{first} .cb-tab[data-view=chart]").click()
    expect(page.locator(f"{first} .js-plotly-plot .main-svg").first).to_be_visible()
    assert errors == []
