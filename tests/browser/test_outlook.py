"""The Outlook page in a real browser, on a new store (the bundled world and components): Cambodia's nowcast with its
real figures and intervals, the peers' chart with interval bars, the track record, the levers opening the Simulator
with the change preset; in Khmer with Khmer digits; on a 390 px phone without sideways scroll. The Overview's line
links to it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_compare import FIRST_LOAD

NOWCAST = 60_000  # ms: the server computes the nowcast at start (about 5 s alone, longer beside a first page load)
PHONE = {"width": 390, "height": 844}


def test_the_outlook_shows_the_nowcast_record_and_levers_in_english_and_khmer(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(dashboard_url + "/outlook")
    expect(page.locator("h1")).to_have_text("Outlook: the next Survey", timeout=FIRST_LOAD)
    # the real figures of the bundled store: EGDI 0.5386 (0.4834–0.5939), world rank 131 (118–144)
    expect(page.locator("#outlook-line")).to_have_text(
        "Next Survey (2026) nowcast: EGDI 0.54 (0.48–0.59), rank 131 (118–144)", timeout=NOWCAST
    )
    figures = page.locator("#outlook-figures tbody tr")
    expect(figures.nth(0)).to_contain_text("0.5386")
    expect(figures.nth(0)).to_contain_text("0.4834–0.5939")
    expect(figures.nth(3)).to_contain_text("carried from the 2024 Survey")  # OSI: not public before the Survey
    expect(page.locator("#outlook-peers .scatterlayer .point")).to_have_count(11, timeout=FIRST_LOAD)
    expect(page.locator("#outlook-peers .errorbar")).to_have_count(11)
    page.locator("#outlook-record").scroll_into_view_if_needed()  # drawn when scrolled to
    expect(page.locator("#outlook-record .scatterlayer .trace")).to_have_count(4)
    levers = page.locator("#outlook-levers-top tbody tr")
    expect(levers.first).to_contain_text("+0.1302", timeout=NOWCAST)  # OSI to the next group's typical value
    expect(levers).to_have_count(10)
    page.locator("#outlook-levers summary").click()  # the smaller ones
    expect(page.locator("#outlook-levers tbody tr").nth(10)).to_be_visible()
    expect(page.locator("#outlook-paths tbody tr")).to_have_count(12, timeout=NOWCAST)
    page.screenshot(path=str(tmp_path / "outlook-en.png"), full_page=True)

    page.get_by_text("ខ្មែរ").click()
    expect(page.locator("h1")).to_have_text("ទស្សនវិស័យ៖ ការស្ទង់មតិបន្ទាប់")
    expect(page.locator("#outlook-line")).to_have_text("ការព្យាករណ៍ការស្ទង់មតិបន្ទាប់ (២០២៦)៖ EGDI ០.៥៤ (០.៤៨–០.៥៩) ចំណាត់ថ្នាក់ ១៣១ (១១៨–១៤៤)")
    assert not re.search("[0-9]", page.locator("#outlook-figures").inner_text())
    page.screenshot(path=str(tmp_path / "outlook-km.png"), full_page=True)
    assert page.blocked_requests == [] and errors == []


def test_a_lever_opens_the_simulator_with_its_change_preset(page, dashboard_url):
    page.goto(dashboard_url + "/outlook")
    first = page.locator("#outlook-levers tbody tr").first
    expect(first).to_contain_text("Online Service Index", timeout=NOWCAST)
    page.evaluate("window.samePage = true")
    first.get_by_role("link", name="Try it").click()  # a link in a table the browser draws (layouts/components/inert.py)
    expect(page).to_have_url(re.compile(r"/simulator\?edition=2024&mode=components&set=osi_score%3A0\.8408$"))
    expect(page.locator("#simulator-summary")).to_be_visible(timeout=FIRST_LOAD)
    assert page.evaluate("window.samePage") is True  # followed in the page, as dcc.Link does: no new load
    osi = page.locator(".sim-input").first
    expect(osi).to_contain_text("Online Service")
    expect(osi.get_by_role("slider")).to_have_attribute("aria-valuenow", "0.8408")  # the lever's target, set


def test_the_overview_links_to_the_outlook_and_a_phone_does_not_scroll_sideways(browser, dashboard_url, tmp_path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(dashboard_url + "/?lang=km")
    line = page.locator("#overview-nowcast")
    expect(line).to_contain_text("ការព្យាករណ៍ការស្ទង់មតិបន្ទាប់ (២០២៦)", timeout=NOWCAST)
    line.get_by_role("link").click()
    expect(page.locator("#outlook-line")).to_contain_text("(២០២៦)", timeout=NOWCAST)
    expect(page.locator("#outlook-paths tbody tr")).to_have_count(12, timeout=NOWCAST)
    page.wait_for_timeout(400)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "outlook-km-phone.png"), full_page=True)
    page.goto(dashboard_url + "/outlook?entity=THA")
    expect(page.locator("#outlook-levers tbody tr").first).to_be_visible(timeout=NOWCAST)  # computed, then polled in
    expect(page.locator("#outlook-line")).to_contain_text("Next Survey (2026) nowcast")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
