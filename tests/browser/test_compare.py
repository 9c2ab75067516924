"""The Compare page in a real browser: peer sets, the ranking table (sorted by its headings) and its CSV, the URL
state, both languages, keyboard use, the world map drawn from the app's own geometry, no console errors and nothing
loaded from outside."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GRID_ROWS = "#compare-grid tbody tr"
FIRST_LOAD = 30_000  # ms: the first page load fetches Plotly, slow on a busy 2-core machine


def query(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {key: values[0] for key, values in parse_qs(urlparse(page.url).query).items()}


def grid_countries(page) -> list[str]:  # type: ignore[no-untyped-def]
    cells = page.locator("#compare-grid tbody th[data-column=country]")
    return cells.all_inner_texts()


def choose(page, dropdown: str, option: str) -> None:  # type: ignore[no-untyped-def]
    page.click(f"#{dropdown}")
    page.get_by_role("option", name=option, exact=True).click()


@pytest.fixture(scope="session")
def dashboard_url(partial_dashboard_url: str) -> str:
    """These tests were written for part of the field (Cambodia, ASEAN 2018–2024): peer-set coverage notes and a map that
    says what it needs. The whole world on a new store is tested in test_overview.py."""
    return partial_dashboard_url


def test_peer_sets_redraw_the_grid_charts_and_url(page, dashboard_url):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/compare")
    expect(page.locator("#compare-heading h1")).to_have_text("Compare")
    expect(page.locator("#compare-heading .subtitle")).to_have_text("Cambodia among the ASEAN members, UN E-Government Survey 2024")
    expect(page.locator(GRID_ROWS)).to_have_count(11, timeout=FIRST_LOAD)
    cambodia = page.locator("#compare-grid tbody tr.compare-entity-row")
    expect(cambodia.locator("[data-column=egdi]")).to_have_text("0.5754")
    expect(cambodia.locator("[data-column=peer_rank]")).to_have_text("8")
    expect(cambodia.locator("[data-column=world_rank]")).to_have_text("120")
    page.locator("#compare-gaps").scroll_into_view_if_needed()  # the charts are drawn when scrolled to
    expect(page.locator("#compare-scatter .scatterlayer .point")).to_have_count(11)
    expect(page.locator("#compare-gaps .bars .point")).to_have_count(5)
    expect(page.locator("#compare-map-notice .notice")).to_contain_text("This view needs the results of all 193 countries for 2024")
    expect(page.locator("#compare-map-notice a")).to_have_attribute("href", "/data")

    page.get_by_text("Least developed countries", exact=True).click()
    expect(page.locator(GRID_ROWS)).to_have_count(4)
    assert sorted(grid_countries(page)) == ["Cambodia", "Lao People's Democratic Republic", "Myanmar", "Timor-Leste"]
    expect(page.locator("#compare-coverage")).to_contain_text("4 of the 44 countries of this set have results for 2024.")
    expect(page.locator("#compare-scatter .scatterlayer .point")).to_have_count(4)
    assert query(page) == {"edition": "2024", "peers": "ldc"}

    page.locator("#compare-grid .st-sort[data-key=egdi]").click()  # sort by EGDI, lowest first
    expect(page.locator("#compare-grid thead th[data-column=egdi]")).to_have_attribute("aria-sort", "ascending")
    assert grid_countries(page) == ["Timor-Leste", "Lao People's Democratic Republic", "Myanmar", "Cambodia"]
    page.locator("#compare-grid .st-sort[data-key=egdi]").click()  # highest first
    assert grid_countries(page) == ["Cambodia", "Myanmar", "Lao People's Democratic Republic", "Timor-Leste"]
    page.locator("#compare-grid .st-sort[data-key=country]").click()  # by name, in the page's language
    assert grid_countries(page) == ["Cambodia", "Lao People's Democratic Republic", "Myanmar", "Timor-Leste"]
    expect(page.locator("#compare-grid thead th[data-column=egdi]")).not_to_have_attribute("aria-sort", re.compile("."))
    page.locator("#compare-grid .st-sort[data-key=peer_rank]").click()
    page.locator("#compare-grid .st-sort[data-key=peer_rank]").click()
    page.locator("#compare-grid .st-sort[data-key=peer_rank]").click()  # a third time: the order received, by EGDI
    assert grid_countries(page) == ["Cambodia", "Myanmar", "Lao People's Democratic Republic", "Timor-Leste"]
    expect(page.locator("#compare-grid thead th[aria-sort]")).to_have_count(0)
    assert errors == []
    assert page.blocked_requests == []


def test_url_query_sets_the_controls_and_controls_write_the_query(page, dashboard_url):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/compare?entity=THA&edition=2022&peers=custom&custom=KHM,VNM&x=hci&y=epi")
    expect(page.locator("#compare-entity")).to_contain_text("Thailand", timeout=FIRST_LOAD)
    expect(page.locator("#compare-edition")).to_contain_text("2022")
    expect(page.locator("#compare-peers input[value=custom]")).to_be_checked()
    expect(page.locator("#compare-custom .dash-dropdown-value-item")).to_have_text(["Cambodia", "Viet Nam"])
    expect(page.locator("#compare-x")).to_contain_text("Human Capital Index")
    expect(page.locator("#compare-y")).to_contain_text("E-Participation Index")
    expect(page.locator(GRID_ROWS)).to_have_count(3)
    expect(page.locator("#compare-scatter .xtitle")).to_have_text("Human Capital Index")

    choose(page, "compare-y", "Online Service Index")
    expect(page.locator("#compare-scatter .ytitle")).to_have_text("Online Service Index")
    choose(page, "compare-x", "Telecommunication Infrastructure Index")  # longer than its box: cut, its chevron kept
    cut = "v => [v.clientWidth < v.scrollWidth, getComputedStyle(v).textOverflow]"
    assert page.locator("#compare-x .dash-dropdown-value").evaluate(cut) == [True, "ellipsis"]
    chevron = page.locator("#compare-x .dash-dropdown-trigger-icon")  # turned while its list closes: its laid-out width
    assert chevron.evaluate("icon => getComputedStyle(icon).width") == "15px"
    choose(page, "compare-x", "Human Capital Index")
    expect(page.locator("#compare-scatter .xtitle")).to_have_text("Human Capital Index")
    assert query(page) == {"entity": "THA", "edition": "2022", "peers": "custom", "custom": "KHM,VNM", "x": "hci"}

    choose(page, "compare-entity", "Singapore")
    expect(page.locator("#compare-heading .subtitle")).to_contain_text("Singapore among the countries chosen, UN E-Government Survey 2022")
    page.locator("#compare-peers input[value=subregion]").click()
    expect(page.locator(GRID_ROWS)).to_have_count(11)
    assert query(page) == {"entity": "SGP", "edition": "2022", "peers": "subregion", "x": "hci"}

    page.reload()  # the URL alone brings the view back
    expect(page.locator("#compare-peers input[value=subregion]")).to_be_checked()
    expect(page.locator("#compare-entity")).to_contain_text("Singapore")
    expect(page.locator(GRID_ROWS)).to_have_count(11)
    assert errors == []
    assert page.blocked_requests == []


def test_keyboard_changes_the_peer_set(page, dashboard_url):
    page.goto(f"{dashboard_url}/compare")
    expect(page.locator(GRID_ROWS)).to_have_count(11, timeout=FIRST_LOAD)
    page.locator("#compare-peers input[value=asean]").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#compare-peers input[value=region]")).to_be_checked()
    expect(page.locator("#compare-heading .subtitle")).to_have_text("Cambodia among the countries of Asia, UN E-Government Survey 2024")
    assert query(page)["peers"] == "region"
    page.keyboard.press("Tab")  # on to the link of the coverage notice (the hidden custom list is skipped) ...
    assert page.evaluate("document.activeElement.textContent") == "Open the Data page"
    page.keyboard.press("Tab")  # ... and to the download button
    assert page.evaluate("document.activeElement.id") == "compare-download"
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "egdi-KHM-2024-region.csv"
    page.keyboard.press("Tab")  # the table is one tab stop: its first heading ...
    assert page.evaluate("document.activeElement.dataset.key") == "country"
    page.keyboard.press("ArrowRight")  # ... and the arrow keys move along the headings
    assert page.evaluate("document.activeElement.dataset.key") == "egdi"
    page.keyboard.press("Enter")
    expect(page.locator("#compare-grid thead th[data-column=egdi]")).to_have_attribute("aria-sort", "ascending")
    assert grid_countries(page)[0] == "Timor-Leste"
    assert page.evaluate("document.activeElement.dataset.key") == "egdi"  # the focus stays on the heading sorted
    page.keyboard.press("Tab")  # and one Tab leaves the table
    assert page.evaluate("document.activeElement.closest('#compare-grid')") is None


def test_khmer_page_shows_khmer_text_and_digits(page, dashboard_url, tmp_path):
    errors = page.console_errors
    page.goto(f"{dashboard_url}/compare")
    expect(page.locator(GRID_ROWS)).to_have_count(11, timeout=FIRST_LOAD)
    page.locator("#lang-link").click()
    expect(page.locator("#compare-heading h1")).to_have_text("ប្រៀបធៀប")
    expect(page.locator("#compare-heading .subtitle")).to_have_text(
        "កម្ពុជា ក្នុងចំណោមសមាជិកអាស៊ាន ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ ឆ្នាំ ២០២៤"
    )
    cambodia = page.locator("#compare-grid tbody tr.compare-entity-row")
    expect(cambodia.locator("[data-column=egdi]")).to_have_text("០.៥៧៥៤")
    expect(page.locator("#compare-grid thead th[data-column=peer_rank]")).to_contain_text("ចំណាត់ថ្នាក់ក្នុងក្រុម")
    page.locator("#compare-gaps").scroll_into_view_if_needed()
    expect(page.locator("#compare-scatter .xtick").first).to_have_text(re.compile("^[០-៩.]+$"))
    expect(page.locator("#compare-gaps .bars .point text").last).to_contain_text("នាំមុខ៖ សិង្ហបុរី")
    expect(page.locator("#compare-map-notice .notice")).to_contain_text("ទិដ្ឋភាពនេះត្រូវការលទ្ធផលនៃប្រទេសទាំង ១៩៣")
    assert page.evaluate("document.documentElement.lang") == "km"
    assert query(page)["lang"] == "km"
    page.screenshot(path=str(tmp_path / "compare-km.png"), full_page=True)
    assert errors == []
    assert page.blocked_requests == []


def test_a_country_without_results_shows_the_notice_and_no_empty_table(page, dashboard_url):
    page.goto(f"{dashboard_url}/compare?entity=FRA")
    expect(page.locator("#compare-coverage")).to_have_text("No published results are stored for France.", timeout=FIRST_LOAD)
    expect(page.locator("#compare-grid table")).to_have_count(0)
    choose(page, "compare-entity", "Cambodia")  # a country with results: its table is drawn in the same box
    expect(page.locator(GRID_ROWS)).to_have_count(11)
    assert page.console_errors == []


def test_csv_download_holds_the_grid_rows(page, dashboard_url):
    page.goto(f"{dashboard_url}/compare?peers=ldc")
    expect(page.locator(GRID_ROWS)).to_have_count(4, timeout=FIRST_LOAD)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the table (CSV)").click()
    assert download.value.suggested_filename == "egdi-KHM-2024-ldc.csv"
    text = download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["ISO3 code"] for row in rows] == ["KHM", "MMR", "LAO", "TLS"]
    assert rows[0]["Country"] == "Cambodia" and float(rows[0]["EGDI"]) == pytest.approx(0.5754, abs=1e-4)
    assert rows[0]["World rank"] == "120" and rows[0]["Rank in set"] == "1"


def test_world_map_renders_from_local_geometry(page, world_dashboard_url, tmp_path):
    errors = page.console_errors
    geometry: list[tuple[int, str]] = []
    page.on("response", lambda response: geometry.append((response.status, response.url)) if "topojson" in response.url else None)
    page.goto(f"{world_dashboard_url}/compare?edition=2022&peers=neighbours")
    expect(page.locator(GRID_ROWS)).to_have_count(11, timeout=FIRST_LOAD)
    page.locator("#compare-map").scroll_into_view_if_needed()  # drawn, and its geometry fetched, when scrolled to
    expect(page.locator("#compare-map .choroplethlocation")).to_have_count(165, timeout=FIRST_LOAD)
    expect(page.locator("#compare-map .scattergeo .point")).to_have_count(28)
    assert geometry == [(200, f"{world_dashboard_url}/assets/topojson/world_110m.json")]
    expect(page.locator(GRID_ROWS)).to_have_count(11)
    expect(page.locator("#compare-grid .compare-entity-row [data-column=rating_class]").first).to_have_text("H1")
    page.screenshot(path=str(tmp_path / "compare-world-en.png"), full_page=True)

    page.locator("#lang-link").click()
    expect(page.locator("#compare-map-block-title")).to_have_text("EGDI ទូទាំងពិភពលោក ឆ្នាំ ២០២២")
    expect(page.locator(GRID_ROWS)).to_have_count(11, timeout=FIRST_LOAD)
    page.locator("#compare-map").scroll_into_view_if_needed()  # drawn, and its geometry fetched, when scrolled to
    expect(page.locator("#compare-map .choroplethlocation")).to_have_count(165, timeout=FIRST_LOAD)
    expect(page.locator("#compare-map .cbaxis text").first).to_have_text(re.compile("^[០-៩.]+$"))
    page.screenshot(path=str(tmp_path / "compare-world-km.png"), full_page=True)

    choose(page, "compare-edition", "២០២៤")  # the 2024 file holds the whole field too
    expect(page.locator("#compare-map-block-title")).to_have_text("EGDI ទូទាំងពិភពលោក ឆ្នាំ ២០២៤")
    expect(page.locator(GRID_ROWS)).to_have_count(11, timeout=FIRST_LOAD)
    page.locator("#compare-map").scroll_into_view_if_needed()  # drawn, and its geometry fetched, when scrolled to
    expect(page.locator("#compare-map .choroplethlocation")).to_have_count(165, timeout=FIRST_LOAD)
    assert errors == []
    assert page.blocked_requests == []


def test_charts_changed_out_of_view_show_the_new_view_when_scrolled_to(page, dashboard_url):
    """The charts are drawn when scrolled to: one changed while out of view (a new edition) shows the new figures."""
    errors = page.console_errors
    page.set_viewport_size({"width": 1280, "height": 600})  # at 900 px the gap chart's top can peek into the first screen
    page.goto(f"{dashboard_url}/compare")
    expect(page.locator(GRID_ROWS)).to_have_count(11, timeout=FIRST_LOAD)
    assert page.locator("#compare-gaps").bounding_box()["y"] > 600
    assert page.locator("#compare-gaps .js-plotly-plot").count() == 0  # below the first screen: not drawn yet
    choose(page, "compare-edition", "2020")
    expect(page.locator("#compare-heading .subtitle")).to_have_text("Cambodia among the ASEAN members, UN E-Government Survey 2020")
    page.locator("#compare-gaps").scroll_into_view_if_needed()
    # 2020: Singapore 0.9150, Cambodia 0.5113 (2024 would say 0.3937, Singapore 0.9691)
    expect(page.locator("#compare-gaps .bars .point text").last).to_have_text("0.4037 · leader: Singapore (0.9150)")
    assert errors == []
