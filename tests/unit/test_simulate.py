from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.ingest.imports import BUNDLED_PUBLISHED
from indicators.ingest.published import read_published
from indicators.method.methodology import load_methodology
from indicators.method.results import published_table
from indicators.outlook.goal_seek import component_evaluator, goal_better_group, goal_rank, goal_seek, goal_value, published_evaluator
from indicators.outlook.whatif import Unreachable, whatif_components, whatif_published
from tests.unit.test_scoring import full_field

M2022 = load_methodology(2022)


@pytest.fixture(scope="module")
def published_2022(reference_dir: Path) -> pd.DataFrame:
    return published_table(read_published(str(reference_dir / "EGOV_DATA_2022.csv")).tidy)


def test_setting_subindices_reranks_against_the_published_field(published_2022):
    scenario = whatif_published(published_2022, M2022, "KHM", {"osi": 0.6, "tii": 0.7})
    base, new = scenario.row("baseline"), scenario.row("whatif")
    assert (base["rank"], base["group"], base["rating_class"], base["egdi"]) == (127, "High", "H1", 0.5056)
    khm = published_2022.set_index("iso3").loc["KHM"]
    egdi = 0.5056 + (0.6 - khm["osi"]) / 3 + (0.7 - khm["tii"]) / 3  # the published EGDI moved by the sub-indices' change
    assert new["egdi"] == pytest.approx(egdi, abs=1e-15) and egdi != pytest.approx((0.6 + 0.7 + 0.538) / 3, abs=1e-6)
    others = published_2022[published_2022["iso3"] != "KHM"]["egdi"]
    assert new["rank"] == 1 + int((others > egdi).sum()) == 99
    assert new["group"] == "High" and new["rating_class"] == "H2"
    unchanged = scenario.whatif.set_index("entity").drop("KHM")
    assert unchanged["egdi"].tolist() == scenario.baseline.set_index("entity").drop("KHM")["egdi"].tolist()


def test_only_subindices_can_be_set_on_published_results(published_2022):
    with pytest.raises(ValueError, match="only change"):
        whatif_published(published_2022, M2022, "KHM", {"internet_users_pct": 80})


def test_goal_seek_on_published_results_finds_the_exact_threshold(published_2022):
    """World top 100 through the OSI: the 100th highest other EGDI is the EGDI needed (ties share the rank)."""
    others = np.sort(published_2022[published_2022["iso3"] != "KHM"]["egdi"].to_numpy())[::-1]
    khm = published_2022.set_index("iso3").loc["KHM"]
    exact = khm["osi"] + 3 * (others[99] - khm["egdi"])  # EGDI' = EGDI + (OSI' - OSI) / 3 reaches the 100th other
    evaluate = published_evaluator(published_2022, M2022, "KHM", "osi")
    tolerance = 1e-5
    found = goal_seek(evaluate, goal_rank(100), khm["osi"], 1.0, tolerance=tolerance)
    assert exact - 1e-9 <= found <= exact + tolerance
    assert evaluate(found)["rank"] <= 100 and evaluate(found - tolerance)["rank"] > 100


def test_goal_seek_returns_none_when_out_of_reach_and_start_when_already_there(published_2022):
    evaluate = published_evaluator(published_2022, M2022, "KHM", "osi")
    start = published_2022.set_index("iso3").loc["KHM", "osi"]
    assert goal_seek(evaluate, goal_rank(1), start, 1.0) is None
    assert goal_seek(evaluate, goal_rank(150), start, 1.0) == start


def test_goal_seek_on_components_reaches_the_next_group_minimally():
    tidy = full_field(30, seed=3)
    baseline = whatif_components(tidy, M2022, "E05", {}).row("baseline")
    evaluate = component_evaluator(tidy, M2022, "E05", "osi_score")
    reached = goal_better_group(baseline, [g.label for g in M2022.groups])
    start = float(tidy[(tidy["entity"] == "E05") & (tidy["indicator"] == "osi_score")]["value"].iloc[0])
    tolerance = 1e-3
    found = goal_seek(evaluate, reached, start, 1000.0, tolerance=tolerance)
    if found is None:  # the seed makes E05 reachable; keep the test honest if the field changes
        pytest.fail("E05 should be able to reach the next group through its OSI")
    assert reached(evaluate(found)) and not reached(evaluate(found - tolerance))


def test_goal_value_and_rank_predicates():
    row = pd.Series({"egdi": 0.7, "rank": 101})
    assert goal_value("egdi", 0.7)(row) and not goal_value("egdi", 0.71)(row)
    assert goal_rank(101)(row) and not goal_rank(100)(row)


def test_a_no_op_leaves_the_published_egdi_exactly_and_an_unreachable_subindex_is_refused():
    """Cambodia 2024 as bundled (EGOV_DATA_2024.csv): EGDI 0.57536, TII 0.76094; the mean of the rounded sub-indices
    would be 0.57539."""
    bundled = pd.read_csv(BUNDLED_PUBLISHED, keep_default_na=False, na_values={"value": [""]})
    table = published_table(bundled[bundled["year"] == 2024])
    method = load_methodology(2024)
    for changes in ({}, {"tii": 0.76094}, {"osi": 0.45034, "hci": 0.51489}):
        row = whatif_published(table, method, "KHM", changes).row("whatif")
        assert (row["egdi"], row["rank"]) == (0.57536, 120), changes
    assert whatif_published(table, method, "KHM", {"tii": 0.86094}).row("whatif")["egdi"] == pytest.approx(0.57536 + 0.1 / 3, abs=1e-15)
    for value in (1.28, -0.01):
        with pytest.raises(Unreachable) as refused:
            whatif_published(table, method, "KHM", {"tii": value})
        assert "cannot be reached" in str(refused.value) and "មិនអាចសម្រេចបានទេ" in refused.value.message("km")
    with pytest.raises(Unreachable):
        published_evaluator(table, method, "KHM", "osi")(1.5)  # goal seek cannot try it either
