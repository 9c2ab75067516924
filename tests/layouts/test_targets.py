"""The Targets page without a browser: its layout in both languages on the bundled data, the editor's callbacks
called directly on a store of their own (refused edits, saved edits as versions with the signed-in user), and the
overview's panel of status lights."""

from __future__ import annotations

import hashlib
import re

import pytest
from dash import html
from dash.exceptions import PreventUpdate

import app  # noqa: F401  (registers the pages)
import layouts.views.snapshot
from indicators.outlook.targets import load_targets, stored_targets, targets_to_tidy, with_edit
from layouts import ids
from layouts.callbacks import targets as callbacks
from layouts.i18n import catalog
from layouts.pages import overview
from layouts.pages import targets as page
from layouts.views import targets as view
from tests.layouts.signing import signed_in
from tests.layouts.trees import children_of, figure_of, find, texts

KHMER = re.compile("[\u1780-\u17ff]")


def form(target_id: str, lang: str = "en") -> dict[str, object]:
    """The editor's values for a target, as the page fills them in."""
    fields = html.Div(page.edit_fields(view.targets_view().targets, target_id, lang))
    values = {year: find(fields, {"type": ids.TARGETS_EDIT_VALUE, "year": year}).value for year in (2025, 2030, 2035)}
    return {
        "target_id": target_id,
        "baseline_year": find(fields, ids.TARGETS_EDIT_BASELINE_YEAR).value,
        "baseline_value": find(fields, ids.TARGETS_EDIT_BASELINE_VALUE).value,
        "values": values,
        "status": find(fields, ids.TARGETS_EDIT_STATUS).value,
        "source": find(fields, ids.TARGETS_EDIT_SOURCE).value,
    }


def save(entry: dict[str, object], lang: str = "en", user: str | None = None) -> tuple[object, object]:
    values = entry["values"]
    args = (
        1,
        entry["target_id"],
        entry["baseline_year"],
        entry["baseline_value"],
        list(values.values()),
        [{"type": ids.TARGETS_EDIT_VALUE, "year": year} for year in values],
        entry["status"],
        entry["source"],
        lang,
    )
    if user is None:
        return callbacks.save_target(*args)  # outside a request: the local operator "dashboard"
    with signed_in(user, "editor"):
        return callbacks.save_target(*args)


def test_every_targets_key_has_english_and_khmer_and_the_khmer_is_khmer():
    keys = {key: pair for key, pair in catalog().items() if key.startswith("targets_")}
    assert len(keys) > 80
    for key, pair in keys.items():
        assert set(pair) == {"en", "km"} and pair["en"] and pair["km"], key
        if any(c.isalpha() for c in re.sub(r"\{\w+\}", "", pair["en"])):
            assert KHMER.search(pair["km"]), key


def test_the_page_shows_every_target_with_its_light_and_label(fresh):
    tree = page.layout()
    table = find(tree, ids.TARGETS_TABLE)
    rows = children_of(children_of(table)[1])
    assert len(rows) == 8 and texts(rows).count("Indicative") == 8
    egdi = texts(rows[0])
    # the projection reaches 0.60 by 2026 but not 0.68 by 2030 nor 0.76 by 2034 (the chart draws 0.6715 and 0.7355)
    assert egdi.startswith(
        "EGDI in the Very High group by 2034 Indicative 0.6000 ✔ On track 0.6800 ▲ Needs acceleration 0.7600 ▲ Needs acceleration"
    )
    assert "100 ▲ Needs acceleration" in texts(rows[1])  # world top 100 by 2030: ratio 0.95 < 0.95
    assert "? Insufficient data" in texts(rows[7])  # no national series of services online yet
    assert "8 of the 8 targets are indicative" in texts(tree)


def test_each_card_shows_the_inputs_behind_its_status(fresh):
    tree = page.layout()
    egdi = texts(find(tree, ids.TARGETS_CARD_PREFIX + "egdi_very_high"))
    assert "Baseline: 0.5056 (2022) · Latest: 0.5754 (2024)" in egdi
    # (0.57536 / 0.5056)^(1/2) − 1 = 6.68 % a year observed; (0.68 / 0.5056)^(1/8) − 1 = 3.77 % needed by 2030
    assert "+6.68 % a year" in egdi and "+3.77 % a year" in egdi and "177 %" in egdi
    assert "compound annual growth" in egdi
    assert "+0.0349" in egdi  # (0.68 − 0.57536) / 3 surveys
    chart = figure_of(find(tree, ids.TARGETS_CHART_PREFIX + "egdi_very_high"))
    assert [trace.name for trace in chart.data if trace.name] == ["Observed", "80 % band", "Projection", "Target path"]
    assert list(chart.data[-1].x) == [2022, 2026, 2030, 2034] and list(chart.data[-1].y) == [0.5056, 0.6, 0.68, 0.76]
    world = texts(find(tree, ids.TARGETS_CARD_PREFIX + "world_top_100"))
    assert "rank 100 or better needs an EGDI of" in world and "(192 others projected)" in world  # the whole field is bundled
    asean = texts(find(tree, ids.TARGETS_CARD_PREFIX + "asean_median"))
    assert "Survey 2030: rank 6 or better needs an EGDI of 0.8440 (10 others projected)" in asean
    assert "-1.0 -0.7 -0.6" in asean  # places per survey: (7 − 8) / 1, (6 − 8) / 3, (5 − 8) / 5
    rank_chart = figure_of(find(tree, ids.TARGETS_CHART_PREFIX + "world_top_100"))
    assert rank_chart.layout.yaxis.autorange == "reversed"  # rank 1 at the top


def test_the_page_in_khmer_uses_khmer_words_and_digits(fresh):
    tree = page.layout(lang="km")
    assert texts(tree).strip().startswith("គោលដៅ ២០២២–២០៣៥")
    row = texts(children_of(children_of(find(tree, ids.TARGETS_TABLE))[1])[0])
    assert "ប៉ាន់ស្មាន" in row and "០.៦៨០០" in row and "ស្ថិតលើគន្លង" in row
    assert "+៦.៦៨% ក្នុងមួយឆ្នាំ" in texts(find(tree, ids.TARGETS_CARD_PREFIX + "egdi_very_high"))


def test_choosing_a_target_fills_the_editor_and_the_url(fresh):
    fields, message, search = callbacks.choose_target("world_top_100", "en", "?lang=en")
    tree = html.Div(fields)
    assert find(tree, {"type": ids.TARGETS_EDIT_VALUE, "year": 2030}).value == "100"
    assert find(tree, ids.TARGETS_EDIT_BASELINE_VALUE).value == "127"
    assert "valid ranks 1–193 (lower is better)" in texts(tree)
    assert (message, search) == (None, "?target=world_top_100")
    with pytest.raises(PreventUpdate):  # the editor shows it already: what was typed stays
        callbacks.choose_target("world_top_100", "en", "?target=world_top_100")
    with pytest.raises(PreventUpdate):  # no target in the URL: the page opened the first one
        callbacks.choose_target("egdi_very_high", "en", "")
    assert find(page.layout(target="osi"), ids.TARGETS_EDIT_TARGET).value == "osi"


def test_an_edit_with_problems_lists_each_and_saves_nothing(fresh):
    entry = form("world_top_100")
    entry["values"] = {2025: "115", 2030: "250", 2035: "x1"}
    entry["baseline_value"] = ""
    entry["source"] = "  "
    message, content = save(entry)
    assert content is not None and message.className == "notice notice-error"
    listed = [texts(li) for li in message.children[1].children]
    assert listed == [
        "Target for 2035: “x1” is not a number.",
        "Baseline: give both the year and the value, or neither.",
        "Target for 2030: 250 is outside the valid range 1–193.",
        "Source: say where the target comes from.",
    ]
    assert layouts.views.snapshot.store().versions()["kind"].tolist().count("targets") == 0
    khmer, _ = save({**entry, "values": {2025: "115", 2030: "២៥០", 2035: "85"}}, lang="km")
    assert [texts(li) for li in khmer.children[1].children][1] == "គោលដៅសម្រាប់ឆ្នាំ ២០៣០៖ ២៥០ នៅក្រៅចន្លោះត្រឹមត្រូវ ១–១៩៣។"


def test_a_saved_edit_is_a_version_with_the_user_and_updates_every_status(fresh):
    entry = form("world_top_100")
    entry["values"] = {2025: "112", 2030: "៩០", 2035: "80"}  # Khmer digits are read too
    entry["status"] = "confirmed"
    entry["source"] = "Digital Government Policy 2022–2035, section 4.2"
    message, content = save(entry, user="  sokha  chan ")
    assert "Saved “World top 100 by 2030” as version 31 of the data history (by sokha chan)." in texts(message)
    newest = layouts.views.snapshot.store().versions().iloc[0]
    assert (newest["dataset"], newest["kind"], newest["user"], newest["file_name"]) == (
        "targets:digital-government-policy",
        "targets",
        "sokha chan",
        "targets page",
    )
    edited = stored_targets(layouts.views.snapshot.store()).target("world_top_100")
    assert (edited.values, edited.status, edited.source) == ({2025: 112.0, 2030: 90.0, 2035: 80.0}, "confirmed", entry["source"])
    _, expected = with_edit(load_targets(), edited, [])
    assert newest["checksum"] == hashlib.sha256(expected.to_csv(index=False).encode()).hexdigest()
    stored = set(layouts.views.snapshot.store().observations(kinds=["targets"])["indicator"])
    assert stored == {"target:world_top_100", "target-meta:world_top_100"}
    row = texts(children_of(children_of(find(html.Div(content), ids.TARGETS_TABLE))[1])[1])
    assert row.startswith("World top 100 by 2030 Confirmed 112") and "90 ◆ Limited progress" in row
    assert "Confirmed" in texts(overview.targets_panel("KHM", "en"))

    again, unchanged = save(entry)
    assert "Nothing to save" in texts(again) and unchanged is not None
    status_only, _ = save({**entry, "status": "indicative"})
    assert "version 32" in texts(status_only)
    assert stored_targets(layouts.views.snapshot.store()).target("world_top_100").status == "indicative"
    assert len(targets_to_tidy(load_targets())) > 0


def test_the_overview_shows_the_lights_for_cambodia_only(fresh):
    panel = overview.targets_panel("KHM", "en")
    table = next(c.children for c in panel if getattr(c, "className", "") == "table-scroll")  # the table in its scroll box
    rows = children_of(children_of(table)[1])
    assert len(rows) == 8
    assert children_of(children_of(rows[0])[0])[0].href == "/targets#target-egdi_very_high"
    assert "Status of each milestone with the results up to 2024." in texts(panel)
    other = texts(overview.targets_panel("LAO", "km"))
    assert "កម្ពុជា" in other
    whole = overview.layout()
    assert "Progress against targets" in texts(whole) and "On track" in texts(whole)


def lights(component: object) -> list[str]:
    """The statuses of every light in a component tree, in order (class `tg-light tg-<status>`)."""
    if isinstance(component, list | tuple):
        return [light for child in component for light in lights(child)]
    found: list[str] = []
    class_name = getattr(component, "className", "") or ""
    if class_name.startswith("tg-light "):
        found.append(class_name.split()[1].removeprefix("tg-"))
    return found + lights(children_of(component))


@pytest.mark.parametrize("lang", ["en", "km"])
def test_the_overview_lights_are_the_targets_page_lights_for_every_target(bundled, lang):
    status = view.targets_view().status
    expected = status["progress"].tolist()
    assert len(expected) == 24 and "insufficient_data" in expected and "on_track" in expected
    panel = lights(overview.targets_panel("KHM", lang))
    content = html.Div(page.current_content(lang))
    summary = lights(find(content, ids.TARGETS_TABLE))
    cards = [light for card in find(content, ids.TARGETS_CARDS).children for light in lights(children_of(card)[2])]
    assert panel == summary == cards == expected
