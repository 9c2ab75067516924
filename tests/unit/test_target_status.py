"""Target status on hand-computed cases: survey and yearly series, ranks, bounded indices, missing data, and the EGDI
a rank needs given the peers' own trends."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators.entities import load_countries
from indicators.method.results import published_table
from indicators.method.standing import standing
from indicators.outlook.progress import INSUFFICIENT_DATA, LIMITED_PROGRESS, NEEDS_ACCELERATION, ON_TRACK
from indicators.outlook.projection import Z_80, project, projected_field
from indicators.outlook.status import (
    STATUS_COLUMNS,
    egdi_needed_for_rank,
    evaluate_targets,
    rank_field,
    rank_targets_needed,
    target_series,
)
from indicators.outlook.targets import Target, TargetSet, load_targets
from tests.conftest import partial_field_store

ASEAN = sorted(load_countries().table.index[load_countries().table["asean"]])


def target(target_id: str, indicator: str, values: dict[int, float], baseline: tuple[int, float] | None = None) -> Target:
    return Target(
        id=target_id,
        indicator=indicator,
        name_en=target_id.title(),
        name_km="គោលដៅ",
        baseline_year=baseline[0] if baseline else None,
        baseline_value=baseline[1] if baseline else None,
        values=values,
        status="indicative",
        source="test",
    )


def standing_rows(rows: list[tuple[int, str, float, float, int]], complete: bool = False) -> pd.DataFrame:
    """edition, iso3, egdi, osi, world_rank rows in the shape of indicators.method.standing."""
    frame = pd.DataFrame(rows, columns=["edition", "iso3", "egdi", "osi", "world_rank"])
    return frame.assign(tii=np.nan, hci=np.nan, epi=np.nan, asean_rank=pd.NA, complete=complete)


TARGETS = TargetSet(
    id="test",
    title_en="Test",
    title_km="សាកល្បង",
    entity="KHM",
    milestones={2025: 2026, 2030: 2030},
    targets=(
        target("egdi", "egdi", {2025: 0.60, 2030: 0.70}, (2020, 0.50)),
        target("rank", "world_rank", {2025: 110, 2030: 100}, (2020, 130)),
        target("internet", "internet_users_pct", {2025: 70, 2030: 90}, (2019, 50)),
        target("osi", "osi", {2030: 0.99}),
        target("broadband", "mobile_broadband_per_100", {2025: 100}),
    ),
)
STANDING = standing_rows(
    [
        (2018, "KHM", 0.44, 0.80, 140),
        (2020, "KHM", 0.50, 0.90, 130),
        (2022, "KHM", 0.55, 0.98, 124),
        (2022, "LAO", 0.40, 0.30, 160),
    ]
)
OBSERVATIONS = pd.DataFrame(
    [
        ("KHM", 2019, "internet_users_pct", 50.0),
        ("KHM", 2020, "internet_users_pct", 52.0),
        ("KHM", 2021, "internet_users_pct", 55.0),
        ("LAO", 2021, "internet_users_pct", 99.0),
        ("KHM", 2021, "fixed_broadband_per_100", 3.0),
    ],
    columns=["entity", "year", "indicator", "value"],
)


@pytest.fixture(scope="module")
def status() -> pd.DataFrame:
    return evaluate_targets(TARGETS, STANDING, OBSERVATIONS).set_index(["target_id", "milestone"])


def test_one_row_per_target_and_milestone_with_the_contract_columns():
    frame = evaluate_targets(TARGETS, STANDING, OBSERVATIONS)
    assert list(frame.columns) == STATUS_COLUMNS
    assert list(zip(frame["target_id"], frame["milestone"], strict=True)) == [
        ("egdi", 2025),
        ("egdi", 2030),
        ("rank", 2025),
        ("rank", 2030),
        ("internet", 2025),
        ("internet", 2030),
        ("osi", 2030),
        ("broadband", 2025),
    ]
    assert set(frame["status"]) == {"indicative"} and frame.loc[0, "name_km"] == "គោលដៅ"


def test_survey_indicators_are_measured_in_the_milestones_survey_edition(status):
    assert status.loc[("egdi", 2025), "measured_in"] == 2026
    assert status.loc[("rank", 2030), "measured_in"] == 2030
    assert status.loc[("internet", 2025), "measured_in"] == 2025  # yearly: the policy year itself


def test_an_index_target_with_compound_growth(status):
    row = status.loc[("egdi", 2025)]
    # observed (0.55 / 0.50)^(1/2) − 1 = 0.048809; required (0.60 / 0.50)^(1/6) − 1 = 0.030853 (2020 → 2026)
    assert row["observed_rate"] == pytest.approx(0.048809, abs=1e-6)
    assert row["required_rate"] == pytest.approx(0.030853, abs=1e-6)
    assert row["ratio"] == pytest.approx(1.581964, abs=1e-6) and row["progress"] == ON_TRACK and row["method"] == "cagr"
    assert (row["baseline_year"], row["baseline_value"], row["latest_year"], row["latest_value"]) == (2020, 0.50, 2022, 0.55)
    assert row["gain_per_survey"] == pytest.approx((0.60 - 0.55) / 2)  # two surveys: 2024, 2026
    # projection: drift over 2018–2022 = (0.55 − 0.44) / 4; sd of the annual changes (0.03, 0.025)
    assert row["projected"] == pytest.approx(0.55 + 4 * 0.0275)
    assert row["projected_upper"] - row["projected"] == pytest.approx(Z_80 * 0.0035355339 * 2)
    assert not row["achieved"]
    assert status.loc[("egdi", 2030), "ratio"] == pytest.approx(0.048809 / 0.034220, abs=1e-4)


def test_a_rank_target_improves_downwards(status):
    row = status.loc[("rank", 2025)]
    # observed (124 / 130)^(1/2) − 1 = −0.023350; required (110 / 130)^(1/6) − 1 = −0.027458: both falling
    assert row["observed_rate"] == pytest.approx(-0.023350, abs=1e-6)
    assert row["required_rate"] == pytest.approx(-0.027458, abs=1e-6)
    assert row["ratio"] == pytest.approx(0.850362, abs=1e-6)
    assert row["gain_per_survey"] == pytest.approx(-7.0)  # 124 → 110 over two surveys
    assert row["projected"] == pytest.approx(124 - 4 * 4)  # drift −4 places a year
    assert row["progress"] == ON_TRACK  # the projected 108 reaches 110, whatever the ratio of two points says
    assert row["projected_lower"] < row["projected"] < row["projected_upper"]


def test_a_yearly_indicator_comes_from_the_observations_of_the_entity(status):
    series = target_series(TARGETS, TARGETS.target("internet"), STANDING, OBSERVATIONS)
    assert series.to_dict() == {2019: 50.0, 2020: 52.0, 2021: 55.0}  # not LAO's value, not another indicator
    row = status.loc[("internet", 2025)]
    # the ratio is fitted over 2019–2021: exp(slope of ln x) − 1 against (70 / 50)^(1/6) − 1
    assert row["ratio"] == pytest.approx(0.846187, abs=1e-6)
    assert row["gain_per_survey"] == pytest.approx((70 - 55) / 2)
    # projected 55 + 4 × 2.5 = 65, band ± 1.2816 × 0.7071 × 2 = 1.81: the band misses 70
    assert row["projected"] == pytest.approx(65.0) and row["projected_upper"] < 70
    assert row["progress"] == LIMITED_PROGRESS


def test_a_bounded_index_is_projected_within_its_range(status):
    row = status.loc[("osi", 2030)]
    assert row["projected"] == 1.0 and row["projected_upper"] == 1.0  # 0.98 + 8 × 0.045 would exceed 1
    # no baseline in the target: the first observation (2018) is the baseline
    assert row["baseline_year"] == 2018 and row["progress"] == ON_TRACK


def test_no_data_is_insufficient_data_with_nothing_made_up(status):
    row = status.loc[("broadband", 2025)]
    assert row["progress"] == INSUFFICIENT_DATA and not row["achieved"]
    assert all(math.isnan(row[c]) for c in ("ratio", "latest_value", "projected", "gain_per_survey"))
    assert pd.isna(row["latest_year"])


def test_the_bundled_targets_on_the_cambodia_and_asean_results(tmp_path):
    with partial_field_store(str(tmp_path / "egdi.sqlite")) as store:
        published = published_table(store.observations(kinds=["published"]))
    frame = evaluate_targets(load_targets(), standing(published), pd.DataFrame(columns=["entity", "year", "indicator", "value"]))
    rows = frame.set_index(["target_id", "milestone"])
    egdi = rows.loc[("egdi_very_high", 2030)]
    assert (egdi["latest_year"], egdi["latest_value"]) == (2024, 0.57536)
    assert egdi["ratio"] == pytest.approx(1.769010, abs=1e-6)  # fast growth since 2022 ...
    # ... but the projection drawn (0.6715 in 2030, 0.7355 in 2034) falls short: not on track, the band reaches
    assert egdi["projected"] == pytest.approx(0.67145) and egdi["progress"] == NEEDS_ACCELERATION
    last = rows.loc[("egdi_very_high", 2035)]
    assert last["projected"] == pytest.approx(0.73551) and last["progress"] == NEEDS_ACCELERATION
    assert rows.loc[("egdi_very_high", 2025), "progress"] == ON_TRACK  # projected 0.6074 ≥ 0.60
    world = rows.loc[("world_top_100", 2030)]
    assert world["ratio"] == pytest.approx(0.949531, abs=1e-6) and world["progress"] == NEEDS_ACCELERATION
    asean = rows.loc[("asean_median", 2030)]  # 8th in 2022 and in 2024: no movement
    assert asean["ratio"] == 0.0 and math.copysign(1, asean["ratio"]) == 1 and asean["progress"] == LIMITED_PROGRESS
    assert rows.loc[("services_online", 2030), "progress"] == INSUFFICIENT_DATA


def world_field(size: int) -> pd.DataFrame:
    """`size` countries besides KHM on straight lines through 2020 and 2022 (complete when size + 1 ≥ 190)."""
    codes = [c for c in load_countries().codes if c != "KHM"][:size]
    rng = np.random.default_rng(3)
    start = rng.uniform(0.1, 0.9, size)
    step = rng.uniform(-0.02, 0.04, size)
    rows = [
        (edition, code, s + k * (edition - 2020) / 2, 0.5, 0)
        for code, s, k in zip(codes, start, step, strict=True)
        for edition in (2020, 2022)
    ]
    rows += [(2020, "KHM", 0.45, 0.4, 0), (2022, "KHM", 0.5, 0.4, 0)]
    return standing_rows(rows, complete=size + 1 >= 190)


def test_the_egdi_a_world_rank_needs_given_the_peers_trends():
    field = world_field(192)
    last = field[field["edition"] == 2022].set_index("iso3")["egdi"]
    first = field[field["edition"] == 2020].set_index("iso3")["egdi"]
    projected = np.clip((last + 8 * (last - first) / 2).drop("KHM"), 0, 1)  # 2030: 8 years at the drift per year
    assert egdi_needed_for_rank(field, "KHM", "world_rank", 100, 2030) == pytest.approx(np.sort(projected.to_numpy())[::-1][99])
    assert egdi_needed_for_rank(world_field(120), "KHM", "world_rank", 100, 2030) is None  # not the whole field


def test_the_egdi_an_asean_rank_needs_and_the_rank_targets_table():
    rows = [(e, code, 0.3 + 0.05 * i + 0.01 * (e - 2022), 0.5, 0) for i, code in enumerate(ASEAN) for e in (2022, 2024)]
    field = standing_rows(rows)
    others = field[(field["iso3"] != "KHM") & (field["edition"] == 2024)].set_index("iso3")["egdi"] + 0.06  # +0.01/yr to 2030
    expected = float(np.sort(others.to_numpy())[::-1][5])
    assert egdi_needed_for_rank(field, "KHM", "asean_rank", 6, 2030) == pytest.approx(expected)
    assert rank_field(field[field["iso3"] != "SGP"], "asean_rank") is None
    assert egdi_needed_for_rank(field[field["iso3"] != "SGP"], "KHM", "asean_rank", 6, 2030) is None

    targets = TargetSet("t", "T", "T", "KHM", {2030: 2030}, (target("asean", "asean_rank", {2030: 6}), target("egdi", "egdi", {2030: 0.7})))
    table = rank_targets_needed(targets, field)
    assert table[["target_id", "measured_in", "rank", "peers"]].values.tolist() == [["asean", 2030, 6, 10]]
    assert table.loc[0, "egdi_needed"] == pytest.approx(expected)
    with pytest.raises(ValueError, match="not a rank indicator"):
        rank_field(field, "egdi")


def test_the_field_projection_agrees_with_the_projection_of_each_country():
    rng = np.random.default_rng(11)
    rows = [
        (edition, f"C{i:02d}", float(rng.uniform(0, 1)))
        for i in range(30)
        for edition in sorted(rng.choice([2010, 2012, 2014, 2016, 2018, 2020, 2022], size=1 + i % 5, replace=False))
    ]
    history = pd.DataFrame(rows, columns=["edition", "iso3", "egdi"])
    field = projected_field(history, 2030, exclude="C00")
    for iso3, group in history[history["iso3"] != "C00"].groupby("iso3"):
        one = project(group.set_index("edition")["egdi"], [2030], (0.0, 1.0))
        assert (iso3 in field.index) == (one is not None)
        if one is not None:
            assert field[iso3] == pytest.approx(one.values[0])
