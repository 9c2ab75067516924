"""The Simulator page in a real browser: a shared scenario URL reproduces the scenario, inputs from mouse and keyboard
re-score the field and rewrite the URL, goal seek, saving and comparing scenarios, both languages; with part of the
field only the page says what to import. Runs on a store of its own: every UN DESA reference file and a synthetic
component field of the 193 countries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _serve
from tests.conftest import reference_files
from tests.layouts.fields import synthetic_components

SHARED = "/simulator?edition=2022&mode=published&set=osi:0.6,tii:0.7"


@pytest.fixture(scope="module")
def simulator_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = reference_files()
    if not files:
        pytest.skip("UN DESA reference files not found (set EGDI_REFERENCE_DIR): the simulator needs the whole field")
    from indicators.ingest.imports import import_files, open_seeded_store

    database = str(tmp_path_factory.mktemp("simulator-browser") / "egdi.sqlite")
    store = open_seeded_store(database)
    _, landed = import_files([str(f) for f in files], store)
    store.import_tidy(synthetic_components(), dataset="long:components", kind="long", file_name="components.csv", checksum="c")
    store.close()
    assert landed
    yield from _serve(database)


def row(page, label: str):  # type: ignore[no-untyped-def]
    return page.locator("#simulator-results-table tbody tr", has_text=label)


def query(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(parse_qsl(urlparse(page.url).query))


def test_a_shared_scenario_is_reproduced_then_changed_by_mouse_keyboard_and_goal_seek(page, simulator_url, tmp_path):
    errors = page.console_errors
    page.goto(simulator_url + SHARED)
    expect(row(page, "EGDI").first.locator("td")).to_have_text(["0.5056", "0.6127", "+0.1071"])
    expect(row(page, "World rank").locator("td")).to_have_text(["127", "99", "up 28"])
    expect(row(page, "Rating class").locator("td")).to_have_text(["H1", "H2", "moves to H2"])
    expect(page.locator("#simulator-figure .barlayer .trace")).to_have_count(2)
    page.screenshot(path=str(tmp_path / "simulator-en.png"), full_page=True)

    hci = page.locator(".sim-input").nth(2).locator("input[type=number]")
    hci.fill("0.6")
    hci.press("Enter")  # Enter applies the value (as leaving the box does), and the focus stays in the box
    expect(row(page, "HCI").locator("td")).to_have_text(["0.5380", "0.6000", "+0.0620"])
    assert page.evaluate("document.activeElement.type") == "number"
    expect(page).to_have_url(re.compile("hci%3A0.6"))
    assert query(page)["set"] == "hci:0.6,osi:0.6,tii:0.7"

    page.locator(".sim-input").nth(0).get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")  # one step of 0.0001 from the keyboard
    expect(row(page, "OSI").locator("td").nth(1)).to_have_text("0.6001")

    page.get_by_role("button", name="Back to the baseline").click()
    expect(row(page, "EGDI").first.locator("td")).to_have_text(["0.5056", "0.5056", "+0.0000"])
    expect(page.locator("#simulator-seek-rank")).to_be_hidden()  # the goal "a better group" needs no number
    expect(page.locator("#simulator-seek-egdi")).to_be_hidden()
    page.locator("#simulator-seek-goal").click()
    page.get_by_role("option", name="A world rank (e.g. top 100)").click()
    expect(page.locator("#simulator-seek-rank")).to_be_visible()
    expect(page.locator("#simulator-seek-egdi")).to_be_hidden()
    page.get_by_role("button", name="Find the smallest change").click()
    result = page.locator("#simulator-seek-result")
    expect(result).to_contain_text("Online Service Index from 0.4181 to 0.7256 (+0.3075) reaches the goal")
    expect(result).to_contain_text("Tolerance 0.0001")
    page.get_by_role("button", name="Use this value above").click()
    expect(row(page, "World rank").locator("td")).to_have_text(["127", "100", "up 27"])
    assert query(page)["set"] == "osi:0.7256"  # EGDI 0.5056 + 0.3075 / 3 = 0.6081, equal to Jordan's, the 100th other country (2022)
    assert errors == [] and page.blocked_requests == []


def test_scenarios_are_saved_compared_opened_and_shown_in_khmer(page, simulator_url, tmp_path):
    errors = page.console_errors
    page.goto(simulator_url + SHARED)
    expect(row(page, "World rank").locator("td")).to_have_text(["127", "99", "up 28"])
    page.get_by_label("Scenario name").fill("OSI and TII push")
    page.get_by_role("button", name="Save the scenario").click()
    expect(page.locator("#simulator-scenario-message")).to_contain_text("Saved the scenario “OSI and TII push”", timeout=30_000)
    page.goto(simulator_url + "/simulator?edition=2022&mode=published&set=hci:0.7")
    page.get_by_label("Scenario name").fill("Schools")
    page.get_by_role("button", name="Save the scenario").click()
    expect(page.locator("#simulator-scenario-message")).to_contain_text("Saved the scenario “Schools”", timeout=30_000)
    page.get_by_text("OSI and TII push", exact=True).click()  # tick the first one too
    table = page.locator("#simulator-compare table tbody tr")
    expect(table).to_have_count(3)
    expect(table.nth(0).locator("th")).to_have_text("Baseline: Cambodia, 2022")
    expect(table.nth(1)).to_contain_text("0.6127")
    expect(table.nth(2)).to_contain_text("Schools")

    page.locator("#simulator-scenario-list label", has_text="OSI and TII push").get_by_role("link", name="open").click()
    expect(row(page, "World rank").locator("td")).to_have_text(["127", "99", "up 28"])
    assert query(page)["set"] == "osi:0.6,tii:0.7"

    page.get_by_text("ខ្មែរ").click()
    expect(page.locator("h1")).to_have_text("ការធ្វើត្រាប់តាម «ចុះបើ»")
    expect(row(page, "EGDI").first.locator("td")).to_have_text(["០.៥០៥៦", "០.៦១២៧", "+០.១០៧១"])
    expect(row(page, "ចំណាត់ថ្នាក់ពិភពលោក").locator("td").nth(2)).to_have_text("ឡើង ២៨ ថ្នាក់")
    assert query(page)["lang"] == "km" and query(page)["set"] == "osi:0.6,tii:0.7"
    page.screenshot(path=str(tmp_path / "simulator-km.png"), full_page=True)
    assert errors == [] and page.blocked_requests == []


def test_component_what_ifs_rescore_the_field(page, simulator_url):
    errors = page.console_errors
    page.goto(simulator_url + "/simulator?edition=2022&mode=components&set=internet_users_pct:80")
    # the OSI and EPI raw scores, 4 TII components, literacy, enrolment by 3 levels and 2 schooling years (2022 method);
    # the first re-scoring of the field reads its data
    expect(page.locator(".sim-input")).to_have_count(12, timeout=30_000)
    expect(page.locator("#simulator-summary")).to_contain_text("with Internet users 80.00: all 193 countries re-scored")
    expect(row(page, "TII").locator("td").nth(2)).not_to_have_text("+0.0000")
    page.get_by_text("The sub-indices OSI, TII and HCI").click()
    expect(page.locator(".sim-input")).to_have_count(3)
    assert query(page) == {"edition": "2022", "mode": "published"}
    assert errors == []


def test_with_part_of_the_field_the_page_says_what_to_import(page, partial_dashboard_url):
    errors = page.console_errors
    page.goto(partial_dashboard_url + "/simulator")
    expect(page.locator("#simulator-body")).to_contain_text("This view needs the results of all 193 countries for 2024")
    page.get_by_text("The component indicators").click()
    expect(page.locator("#simulator-body")).to_contain_text("gives an EGDI for 0 of the 193 countries")
    expect(page.locator("#simulator-body").get_by_role("link", name="Open the Data page")).to_be_visible()
    assert errors == []
