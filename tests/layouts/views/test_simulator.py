"""What the Simulator shows, without Dash: why a what-if cannot run on the bundled data, and on every UN DESA reference
file plus a synthetic component field of the 193 countries the inputs, the re-scored results, goal seek and scenarios."""

from __future__ import annotations

import numpy as np

from indicators.method.methodology import load_methodology
from indicators.outlook.whatif import whatif_components
from layouts.views import simulator as view
from layouts.views import simulator_scenarios as scenarios
from layouts.views import simulator_seek as seeking
from layouts.views.snapshot import store
from tests.layouts.fields import FIELD_2022

KHM_2022 = {"osi": 0.4181, "tii": 0.5605, "hci": 0.538}  # UN E-Government Survey 2022


def test_without_the_whole_field_the_simulator_says_what_to_import(partial_fresh):
    published = view.unavailable("published", view.choose_edition("published", None), "KHM", "en")
    assert published is not None and published.data_link
    assert published.text.startswith("This view needs the results of all 193 countries for 2024")
    components = view.unavailable("components", view.choose_edition("components", None), "KHM", "km")
    assert components is not None and components.data_link
    assert "ផ្តល់ EGDI សម្រាប់តែប្រទេស ០ ក្នុងចំណោម ១៩៣ តាមវិធីសាស្ត្រឆ្នាំ ២០២៤" in components.text


def test_the_inputs_start_from_the_baseline(components_world):
    context = view.context("published", 2022, "KHM")
    assert context["codes"] == ["osi", "tii", "hci"] and context["baseline"] == KHM_2022
    sliders = view.sliders(["osi", "tii", "hci"], KHM_2022, {"osi": 0.6}, "en")
    assert [(s.code, s.value, s.step) for s in sliders] == [("osi", 0.6, 0.0001), ("tii", 0.5605, 0.0001), ("hci", 0.538, 0.0001)]
    assert sliders[0].label == "Online Service Index" and sliders[0].hint == "now 0.4181 "
    assert sorted(view.input_codes("components", 2022)) == FIELD_2022
    assert view.choose_edition("components", None) == 2024 and view.choose_edition("published", "1999") == 2024
    assert view.choose_edition("published", "2014") == 2014 and 2014 in view.editions_for("components")


def test_only_values_beyond_half_a_step_from_the_baseline_are_changes():
    baseline = {"osi": 0.4181, "tii": 0.5605}
    assert view.changes_from([0.41814, 0.7], ["osi", "tii"], baseline) == {"tii": 0.7}
    assert view.changes_from([None, ""], ["osi", "tii"], baseline) == {}


def test_a_published_whatif_reranks_the_whole_field(components_world):
    shown = view.results("published", 2022, "KHM", {"osi": 0.6, "tii": 0.7}, "en")
    assert shown.rows == [
        ["TII", "0.5605", "0.7000", "+0.1395"],
        ["HCI", "0.5380", "0.5380", "+0.0000"],
        ["OSI", "0.4181", "0.6000", "+0.1819"],
        ["EGDI", "0.5056", "0.6127", "+0.1071"],
        ["World rank", "127", "99", "up 28"],
        ["ASEAN rank", "8", "8", "no change"],
        ["EGDI group", "High", "High", "no change"],
        ["Rating class", "H1", "H2", "moves to H2"],
    ]
    assert "all 193 countries re-scored" in shown.summary
    assert (round(shown.before["egdi"], 4), round(shown.after["egdi"], 4)) == (0.5056, 0.6127)
    assert [label for label, _ in shown.thresholds] == ["Very High", "High"]


def test_a_component_whatif_is_a_full_rescore_of_the_field(components_world):
    data, _ = view.components_field(2022)
    expected = whatif_components(data, load_methodology(2022), "KHM", {"internet_users_pct": 80.0})
    rows = view.results("components", 2022, "KHM", {"internet_users_pct": 80.0}, "en").rows
    assert rows[0][1:3] == [f"{expected.row('baseline')['tii']:.4f}", f"{expected.row('whatif')['tii']:.4f}"]


def test_goal_seek_finds_the_smallest_value_or_says_why_not(components_world):
    context = view.context("published", 2022, "KHM")
    field = view.published_field(2022)
    assert field is not None
    others = np.sort(field.loc[field["iso3"] != "KHM", "egdi"].to_numpy())[::-1]
    exact = KHM_2022["osi"] + 3 * (others[99] - 0.5056)  # the OSI that ties the 100th other country: EGDI 0.5056 + ΔOSI / 3
    values = list(KHM_2022.values())
    rank = seeking.seek(context, "osi", "rank", 100, None, values, "en")
    assert rank.kind == "success" and rank.found is not None and exact - 1e-12 <= float(rank.found["value"]) < exact + 0.0001  # type: ignore[arg-type]
    assert "Tolerance 0.0001" in str(rank.note) and "re-scores 193 countries" in str(rank.note)
    group = seeking.seek(context, "osi", "group", None, None, values, "en")
    assert group.kind == "warning" and group.found is None and group.text.startswith("Out of reach with the Online Service Index alone")
    top = seeking.seek(view.context("published", 2022, "DNK"), "osi", "group", None, None, [0.9, 0.9, 0.9], "en")
    assert (top.kind, top.note, top.found) == ("", None, None) and top.text.startswith("Already in the highest EGDI group")


def test_goal_seek_starts_from_the_published_value_whatever_the_scenario_set(components_world):
    """The scenario sets the OSI to 0.6000; the seek says how far the OSI must move from the published 0.4181."""
    context = view.context("published", 2022, "KHM")
    scenario = [0.6, KHM_2022["tii"], KHM_2022["hci"]]
    found = seeking.seek(context, "osi", "rank", 100, None, scenario, "en")
    published = f"{KHM_2022['osi']:.4f}"
    assert found.kind == "success" and f"Online Service Index from {published} to " in found.text
    assert "from 0.6000" not in found.text


def test_goal_seek_asks_only_for_the_field_its_goal_needs():
    assert [goal for goal in seeking.GOALS if seeking.needs_field("rank", goal)] == ["rank"]
    assert [goal for goal in seeking.GOALS if seeking.needs_field("egdi", goal)] == ["egdi"]
    assert not any(seeking.needs_field(field, "group") for field in ("rank", "egdi"))


def test_scenarios_are_saved_by_their_user_listed_and_compared(components_world):
    context = view.context("published", 2022, "KHM")
    codes = ["osi", "tii", "hci"]
    assert not scenarios.save_scenario("  ", context, [0.6, 0.5605, 0.538], codes, "dara", "en").saved
    assert not scenarios.save_scenario("Same", context, list(KHM_2022.values()), codes, "dara", "en").saved
    saved = scenarios.save_scenario(" OSI  push ", context, [0.6, 0.7, 0.538], codes, "dara", "en")
    assert saved.saved and saved.name == "OSI push" and saved.text.startswith("Saved the scenario “OSI push” (version")
    assert store().versions().iloc[0][["dataset", "user"]].tolist() == ["scenario:OSI push", "dara"]
    entry = scenarios.scenario_entries("en")[0]
    assert entry.href == "/simulator?edition=2022&mode=published&set=osi%3A0.6%2Ctii%3A0.7"
    assert entry.description == "Cambodia, 2022: Online Service Index 0.6000, Telecommunication Infrastructure Index 0.7000"
    rows = scenarios.compared(["OSI push"], "en")
    assert [row[0] for row in rows] == ["Baseline: Cambodia, 2022", "OSI push"]
    assert rows[1][2:] == ["0.7000", "0.5380", "0.6000", "0.6127", "99", "8", "High", "H2"]
