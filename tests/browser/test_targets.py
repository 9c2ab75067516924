"""The Targets page in a real browser: status lights and labels, charts, the inputs behind a status, both languages,
and an edit saved through the editor (on a store of its own), refused then recorded, surviving a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _serve


@pytest.fixture
def own_dashboard(tmp_path):  # type: ignore[no-untyped-def]
    """The dashboard on a store of its own (bundled data): edits made here reach no other test."""
    server = _serve(str(tmp_path / "egdi.sqlite"))
    yield next(server)
    next(server, None)


def test_the_targets_page_shows_status_lights_and_their_inputs_in_both_languages(page, dashboard_url, tmp_path):
    errors = page.console_errors
    # the server computes the 2026 nowcast at start; until it is ready the 2025 milestones are judged on the trend
    page.goto(dashboard_url + "/outlook")
    expect(page.locator("#outlook-line")).to_be_visible(timeout=60_000)
    page.goto(dashboard_url + "/targets")
    expect(page.locator("h1")).to_have_text("Targets 2022–2035")
    rows = page.locator("#targets-table tbody tr")
    expect(rows).to_have_count(8)
    expect(rows.nth(0)).to_contain_text("EGDI in the Very High group by 2034")
    expect(page.locator(".tg-nowcast").first).to_contain_text("based on the 2026 nowcast")
    # 0.60 by 2025 is measured in the 2026 Survey: its nowcast, 0.5386 (0.4834–0.5939), falls short and so does its
    # interval: limited progress. Later milestones: on track where the projection drawn reaches the target, not where
    # it falls short (the band reaching it and the pace being enough: needs acceleration)
    expect(rows.nth(0).locator(".tg-light")).to_have_text(["◆Limited progress", "▲Needs acceleration", "▲Needs acceleration"])
    expect(rows.nth(1).locator(".tg-light").nth(1)).to_have_text("▲Needs acceleration")
    expect(page.locator("#targets-table .tg-badge")).to_have_text(["Indicative"] * 8)
    card = page.locator("#target-egdi_very_high")
    expect(card.locator(".tg-badge")).to_have_text("Indicative")
    card.locator(".lazy-graph").scroll_into_view_if_needed()  # the charts are drawn when scrolled to
    expect(card.locator(".scatterlayer .trace")).to_have_count(5)  # observed, band (2), projection, target path
    summary = card.get_by_text("How each status is worked out")
    summary.focus()
    page.keyboard.press("Enter")  # the details open from the keyboard
    inputs = card.locator(".tg-inputs")
    expect(inputs).to_be_visible()
    expect(inputs.get_by_role("row", name=re.compile("^Ratio"))).to_contain_text("177 %")
    expect(inputs.locator("tr", has_text="Observed growth")).to_contain_text("+6.68 % a year")
    expect(page.locator("#target-world_top_100")).to_contain_text("(192 others projected)")  # the whole field is bundled
    expect(page.locator("#target-asean_median")).to_contain_text("rank 6 or better needs an EGDI of 0.8440")
    page.screenshot(path=str(tmp_path / "targets-en.png"), full_page=True)

    page.get_by_text("ខ្មែរ").click()
    expect(page.locator("h1")).to_have_text("គោលដៅ ២០២២–២០៣៥")
    expect(rows.nth(0).locator(".tg-light").first).to_have_text("◆វឌ្ឍនភាពមានកម្រិត")
    expect(rows.nth(0)).to_contain_text("០.៦៨០០")
    expect(page.locator("#targets-table .tg-badge").first).to_have_text("ប៉ាន់ស្មាន")
    assert page.evaluate("document.documentElement.lang") == "km"
    page.screenshot(path=str(tmp_path / "targets-km.png"), full_page=True)
    assert errors == [] and page.blocked_requests == []


def test_an_edit_is_checked_then_recorded_and_kept(page, own_dashboard):
    errors = page.console_errors
    page.goto(own_dashboard + "/targets?target=world_top_100")
    editor = page.locator("#targets-editor")
    # the first load of a new store seeds it and projects all 193 countries for the rank targets: allow for a busy machine
    expect(editor.locator("#targets-edit-target")).to_contain_text("World top 100 by 2030", timeout=30_000)
    milestone = editor.locator("input[id*='targets-edit-value'][id*='2030']")
    expect(milestone).to_have_value("100")
    milestone.fill("250")
    editor.get_by_role("button", name="Save the target").click()
    alert = editor.get_by_role("alert")
    expect(alert).to_contain_text("Target for 2030: 250 is outside the valid range 1–193.")

    milestone.fill("90")
    editor.get_by_text("Confirmed", exact=True).click()
    editor.locator("#targets-edit-source").fill("Digital Government Policy 2022–2035, section 4.2")
    editor.get_by_role("button", name="Save the target").click()
    saved = "Saved “World top 100 by 2030” as version 31 of the data history (by tester)."
    expect(editor.locator("#targets-edit-message")).to_contain_text(saved, timeout=30_000)  # a write, then every status again
    row = page.locator("#targets-table tbody tr").nth(1)
    expect(row.locator(".tg-badge")).to_have_text("Confirmed")
    expect(row).to_contain_text("90")

    page.reload()
    expect(page.locator("#targets-table tbody tr").nth(1).locator(".tg-badge")).to_have_text("Confirmed")
    page.goto(own_dashboard + "/?lang=km")
    expect(page.locator("#overview-targets .tg-badge").nth(1)).to_have_text("បានបញ្ជាក់")
    page.goto(own_dashboard + "/targets?lang=km&target=osi")
    editor = page.locator("#targets-editor")
    editor.locator("input[id*='targets-edit-value'][id*='2030']").fill("១.៥")
    editor.get_by_role("button", name="រក្សាទុកគោលដៅ").click()
    expect(editor.get_by_role("alert")).to_contain_text("គោលដៅសម្រាប់ឆ្នាំ ២០៣០៖ ១.៥០០០ នៅក្រៅចន្លោះត្រឹមត្រូវ ០.០០០០–១.០០០០។")
    assert re.search(r"target=osi", page.url)
    assert errors == [] and page.blocked_requests == []
