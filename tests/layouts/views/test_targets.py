"""What the Targets page shows and what saving an edit does, without Dash, on a store of the test's own."""

from __future__ import annotations

import re
from collections import Counter

from indicators.outlook.targets import load_targets, stored_targets
from layouts.views import target_edits
from layouts.views import targets as view
from layouts.views.snapshot import store


def card(target_id: str, lang: str = "en") -> view.TargetCard:
    shown = view.targets_view()
    return view.target_card(shown, shown.targets.target(target_id), lang)


def cells(found: view.TargetCard) -> str:
    return " ".join(c for _, line in found.inputs for c in line if isinstance(c, str))


def test_a_card_shows_the_inputs_behind_its_status(fresh):
    egdi = card("egdi_very_high")
    assert egdi.facts == "Baseline: 0.5056 (2022) · Latest: 0.5754 (2024)"
    # (0.57536 / 0.5056)^(1/2) − 1 = 6.68 % a year observed; (0.68 / 0.5056)^(1/8) − 1 = 3.77 % needed by 2030
    assert "+6.68 % a year" in cells(egdi) and "+3.77 % a year" in cells(egdi) and "177 %" in cells(egdi)
    assert "compound annual growth" in cells(egdi) and "+0.0349" in cells(egdi)  # (0.68 − 0.57536) / 3 surveys
    status = dict(egdi.inputs)["Status"]
    assert status == [view.Light(p, short=True) for p in ("on_track", "needs_acceleration", "needs_acceleration")]
    assert [light.progress for _, _, light in egdi.milestones] == [light.progress for light in status]
    assert "the trend of the last three observations" in cells(egdi)  # what the projection comes from
    assert egdi.inputs_head == ["2025", "2030", "2035"] and egdi.rank_note is None
    assert list(egdi.chart_table.columns) == ["year", "observed", "target", "projected", "lower", "upper"]


def test_rank_targets_say_what_egdi_they_need_or_what_is_missing(partial_fresh):
    world = card("world_top_100").rank_note
    assert world is not None and "all 193 countries are imported" in str(world.missing)
    asean = card("asean_median")
    assert asean.rank_note is not None and asean.rank_note.missing is None
    assert "Survey 2030: rank 6 or better needs an EGDI of 0.8440 (10 others projected)" in asean.rank_note.lines
    assert dict(asean.inputs)["Change needed per biennial survey"] == ["-1.0", "-0.7", "-0.6"]  # (7 − 8) / 1, (6 − 8) / 3, (5 − 8) / 5


def test_the_words_follow_the_page_language(fresh):
    egdi = card("egdi_very_high", "km")
    assert "+៦.៦៨% ក្នុងមួយឆ្នាំ" in cells(egdi)
    shown = view.targets_view()
    assert str(view.indicative_note(shown, "en")).startswith("8 of the 8 targets are indicative: defaults of this project")


def test_the_editor_is_filled_with_the_target_as_text(fresh):
    targets = view.targets_view().targets
    form = target_edits.edit_form(targets, "world_top_100", "en")
    assert form is not None and dict((year, value) for year, _, value in form.milestones)[2030] == "100"
    assert (form.baseline_year, form.baseline_value) == ("2022", "127")
    assert "valid ranks 1–193 (lower is better)" in form.range_hint
    assert target_edits.edit_form(targets, "nonsense", "en") is None
    assert view.chosen_target(targets, "osi") == "osi" and view.chosen_target(targets, None) == "egdi_very_high"


def test_typed_numbers_are_read_in_western_or_khmer_digits():
    assert [target_edits.parse_number(text) for text in ("៩០", " 1 000 ", "", None, "x1")] == [90.0, 1000.0, None, None, "x1"]


def test_an_edit_with_problems_is_refused_with_each_problem_and_saves_nothing(fresh):
    outcome = target_edits.save_edit("world_top_100", "2022", "", {2025: "115", 2030: "250", 2035: "x1"}, "indicative", "  ", "dara", "en")
    assert outcome.kind == "refused" and outcome.problems == [
        "Target for 2035: “x1” is not a number.",
        "Baseline: give both the year and the value, or neither.",
        "Target for 2030: 250 is outside the valid range 1–193.",
        "Source: say where the target comes from.",
    ]
    assert store().versions()["kind"].tolist().count("targets") == 0


def test_a_saved_edit_is_a_version_by_its_user_and_saving_it_again_changes_nothing(partial_fresh):
    values = {2025: "112", 2030: "៩០", 2035: "80"}
    saved = target_edits.save_edit("world_top_100", "2022", "127", values, "confirmed", "Policy, section 4.2", "sokha", "en")
    assert saved.kind == "saved" and saved.text.startswith("Saved “World top 100 by 2030” as version 3 of the data history (by sokha).")
    assert stored_targets(store()).target("world_top_100").values == {2025: 112.0, 2030: 90.0, 2035: 80.0}
    assert view.targets_view().status.set_index(["target_id", "milestone"]).at[("world_top_100", 2030), "target_value"] == 90.0
    again = target_edits.save_edit("world_top_100", "2022", "127", values, "confirmed", "Policy, section 4.2", "sokha", "en")
    assert (again.kind, again.text) == ("unchanged", "Nothing to save: these are the values already in effect.")


def test_the_overview_panel_is_for_the_country_of_the_targets(fresh):
    panel = view.targets_panel("KHM", "en")
    assert (panel.error, panel.other_country, panel.link) == (None, False, "/targets")
    assert panel.help == "Status of each milestone with the results up to 2024."
    assert view.targets_panel("LAO", "km").other_country and view.targets_panel("LAO", "km").link == "/targets?lang=km"


def test_every_source_of_the_targets_file_is_in_khmer_and_a_typed_one_is_kept():
    khmer = re.compile("[\u1780-\u17ff]")
    sources = {target.source for target in load_targets().targets}
    assert len(sources) == 7 and all(khmer.search(view.source_text(source, "km")) for source in sources)
    assert all(view.source_text(source, "en") == source for source in sources)
    assert view.source_text("Policy text, section 4.2", "km") == "Policy text, section 4.2"


def test_the_reporting_status_says_how_many_targets_have_data(fresh):
    shown = view.targets_view()
    rows = shown.status.to_dict("records")
    with_data = {r["target_id"] for r in rows if r["progress"] != "insufficient_data"}
    first = min(r["milestone"] for r in rows)
    counts = Counter(r["progress"] for r in rows if r["milestone"] == first)
    words = {"on_track": "on track", "needs_acceleration": "needs acceleration", "limited_progress": "limited progress"}
    words |= {"deterioration": "deterioration", "insufficient_data": "insufficient data", "achieved": "achieved"}
    listed = [f"{counts[p]} {words[p]}" for p in view.PROGRESS_ORDER if counts[p]]
    targets = len({r["target_id"] for r in rows})
    assert (targets, first) == (8, 2025) and len(with_data) == 7  # every target but one has a series with two values
    assert view.reporting_status(shown, "en") == f"Data for 7 of 8 targets. By 2025: {', '.join(listed)}."
    assert view.reporting_status(shown, "km").startswith("មានទិន្នន័យសម្រាប់គោលដៅ ៧ ក្នុងចំណោម ៨។")
