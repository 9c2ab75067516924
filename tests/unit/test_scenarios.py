"""Saved and shared what-if scenarios: the URL form, the stored form, and the ASEAN rank and goal-seek helpers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.ingest.imports import open_seeded_store
from indicators.method.methodology import load_methodology
from indicators.outlook.goal_seek import component_evaluator, goal_rank, goal_seek_on_grid, published_evaluator, seek_tolerance
from indicators.outlook.scenarios import (
    COMPONENTS_MODE,
    PUBLISHED_MODE,
    SavedScenario,
    format_changes,
    mode_of,
    parse_changes,
    scenario_dataset,
    scenario_name,
    scenario_to_tidy,
    scenarios_from_tidy,
)
from indicators.outlook.whatif import peer_rank, whatif_components, whatif_published
from tests.unit.test_scoring import full_field

M2022 = load_methodology(2022)


def test_changes_round_trip_through_the_url_form():
    changes = {"tii": 0.7, "osi": 0.6123456789, "internet_users_pct": 80.0}
    text = format_changes(changes)
    assert text == "internet_users_pct:80,osi:0.6123456789,tii:0.7"
    assert parse_changes(text) == changes
    assert parse_changes("osi:0.6,,tii:x,:3,hci:nan,epi:inf, hci : 0.5") == {"osi": 0.6, "hci": 0.5}
    assert parse_changes(None) == {} and format_changes({}) == ""


def test_the_mode_follows_the_codes():
    assert mode_of({"osi": 0.6, "tii": 0.7}) == PUBLISHED_MODE
    assert mode_of({"osi_score": 300}) == COMPONENTS_MODE
    assert SavedScenario("a", "KHM", 2022, {"internet_users_pct": 80}).mode == COMPONENTS_MODE


def test_names_are_tidied():
    assert scenario_name("  Faster   broadband ") == "Faster broadband"
    assert len(scenario_name("x" * 100)) == 60 and scenario_name(None) == ""
    assert scenario_dataset(" OSI  push ") == "scenario:OSI push"


def test_a_saved_scenario_comes_back_and_never_stands_in_for_measured_values(tmp_path: Path):
    store = open_seeded_store(str(tmp_path / "egdi.sqlite"))
    measured = store.observations(indicators=["internet_users_pct"], entities=["KHM"])
    scenario = SavedScenario("Internet for all", "KHM", 2022, {"internet_users_pct": 95.0, "mobile_broadband_per_100": 120.0})
    tidy = scenario_to_tidy(scenario)
    assert tidy["indicator"].tolist() == ["scenario:internet_users_pct", "scenario:mobile_broadband_per_100"]
    store.import_tidy(tidy, dataset=scenario_dataset(scenario.name), kind="scenario", file_name="simulator page", checksum="c")
    other = SavedScenario("OSI push", "KHM", 2022, {"osi": 0.6})
    store.import_tidy(scenario_to_tidy(other), dataset=scenario_dataset(other.name), kind="scenario", file_name="s", checksum="d")
    assert scenarios_from_tidy(store.observations(kinds=["scenario"])) == [scenario, other]
    after = store.observations(indicators=["internet_users_pct"], entities=["KHM"])
    assert after["value"].tolist() == measured["value"].tolist() and 95.0 not in after["value"].tolist()
    store.close()


def test_the_asean_rank_in_a_result_frame():
    frame = pd.DataFrame({"entity": ["A", "B", "C", "D"], "egdi": [0.5, 0.7, 0.5, 0.9]})
    assert peer_rank(frame, "A", ["A", "B", "C"]) == 2  # B above; C equal shares the better rank
    assert peer_rank(frame, "D", ["A", "B", "C"]) is None  # not a member
    assert peer_rank(frame, "A", ["A", "B", "E"]) is None  # a member is missing


def test_evaluators_keep_the_rest_of_the_scenario():
    field = full_field(12)
    fixed = {"internet_users_pct": 99.0}
    evaluate = component_evaluator(field, M2022, "E03", "osi_score", fixed=fixed)
    expected = whatif_components(field, M2022, "E03", {**fixed, "osi_score": 150.0}).row()
    assert evaluate(150.0)["egdi"] == pytest.approx(expected["egdi"])
    published = pd.DataFrame(
        {"iso3": ["A", "B", "C"], "osi": [0.2, 0.5, 0.9], "tii": [0.3, 0.5, 0.8], "hci": [0.4, 0.6, 0.9], "epi": 0.5}
    ).assign(egdi=lambda f: (f["osi"] + f["tii"] + f["hci"]) / 3)
    evaluate = published_evaluator(published, M2022, "A", "osi", fixed={"tii": 0.9, "osi": 0.1})
    row = evaluate(0.6)
    assert row["egdi"] == pytest.approx((0.6 + 0.9 + 0.4) / 3)
    assert row["egdi"] == pytest.approx(whatif_published(published, M2022, "A", {"osi": 0.6, "tii": 0.9}).row()["egdi"])
    assert seek_tolerance(0, 1) == 0.0001 and seek_tolerance(0, 100) == 0.01


def test_goal_seek_on_the_input_grid_returns_the_smallest_grid_value_reaching_the_goal():
    rng = np.random.default_rng(4)
    size = 200
    published = pd.DataFrame(
        {"iso3": [f"C{i:03d}" for i in range(size)], **{code: rng.uniform(0.1, 0.9, size) for code in ("osi", "tii", "hci", "epi")}}
    ).assign(egdi=lambda f: (f["osi"] + f["tii"] + f["hci"]) / 3)
    entity = published.sort_values("egdi").iloc[120]  # ranked about 80th
    others = np.sort(published.loc[published["iso3"] != entity["iso3"], "egdi"].to_numpy())[::-1]
    exact = 3 * others[49] - entity["tii"] - entity["hci"]  # the OSI that ties the 50th other country
    assert entity["osi"] < exact < 1
    evaluate = published_evaluator(published, M2022, entity["iso3"], "osi")
    step = seek_tolerance(0, 1)
    found = goal_seek_on_grid(evaluate, goal_rank(50), float(entity["osi"]), 1.0, step)
    assert found == pytest.approx(round(found / step) * step, abs=1e-12)  # on the grid of the inputs
    assert exact - 1e-12 <= found < exact + step
    assert evaluate(found)["rank"] <= 50 and evaluate(found - step)["rank"] > 50
    assert goal_seek_on_grid(evaluate, goal_rank(1), 0.0, 0.05, step) is None
