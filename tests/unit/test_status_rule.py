"""The status rule: a milestone's light agrees with the projection drawn beside it, on hand-made cases and on every
bundled target; every series with two observations gets a status; a nowcast replaces the trend where it exists."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.ingest.bundled import BUNDLED_PUBLISHED
from indicators.method.results import published_table
from indicators.method.standing import standing
from indicators.outlook.progress import (
    DETERIORATION,
    INSUFFICIENT_DATA,
    LIMITED_PROGRESS,
    NEEDS_ACCELERATION,
    ON_TRACK,
    progress_status,
)
from indicators.outlook.status import TREND, Estimate, evaluate_targets, milestone_status, target_series
from indicators.outlook.targets import DATA_DIR, load_targets


def rising(ratio_end: float) -> pd.Series:
    """0.50 in 2020 to `ratio_end` in 2024, through a straight middle point."""
    return pd.Series({2020: 0.50, 2022: (0.50 + ratio_end) / 2, 2024: ratio_end})


@pytest.mark.parametrize(
    ("series", "estimate", "expected"),
    [
        (rising(0.60), Estimate(0.71, 0.65, 0.77, TREND), ON_TRACK),  # the projected value reaches 0.70
        (rising(0.60), Estimate(0.66, 0.60, 0.72, TREND), NEEDS_ACCELERATION),  # only the band reaches it
        (rising(0.51), Estimate(0.66, 0.60, 0.72, TREND), LIMITED_PROGRESS),  # band reaches, growth too slow
        (rising(0.60), Estimate(0.66, 0.64, 0.68, TREND), LIMITED_PROGRESS),  # the band misses
        (rising(0.45), Estimate(0.40, 0.30, 0.75, TREND), DETERIORATION),  # moving away from the target
        (rising(0.72), Estimate(0.69, 0.60, 0.72, TREND), ON_TRACK),  # already reached
        (pd.Series({2024: 0.6}), None, INSUFFICIENT_DATA),
    ],
)
def test_the_rule_on_hand_made_cases(series, estimate, expected):
    progress = progress_status(series, 2030, 0.70)
    assert milestone_status(progress, estimate, lower_is_better=False) == expected


def test_a_rank_reaches_its_target_downwards():
    progress = progress_status(pd.Series({2020: 130.0, 2022: 125.0, 2024: 120.0}), 2030, 100, lower_is_better=True)
    assert milestone_status(progress, Estimate(99, 90, 110, TREND), lower_is_better=True) == ON_TRACK
    assert milestone_status(progress, Estimate(105, 95, 115, TREND), lower_is_better=True) == NEEDS_ACCELERATION


def bundled() -> tuple[pd.DataFrame, pd.DataFrame]:
    published = published_table(pd.read_csv(BUNDLED_PUBLISHED, keep_default_na=False, na_values={"value": [""]}))
    observations = pd.read_csv(DATA_DIR / "national" / "cambodia-indicators.csv").assign(entity="KHM")
    return standing(published), observations


def test_every_bundled_milestone_agrees_with_its_projection():
    table, observations = bundled()
    targets = load_targets()
    frame = evaluate_targets(targets, table, observations)
    assert len(frame) == sum(len(target.values) for target in targets.targets) == 24
    checked = 0
    for row in frame.itertuples(index=False):
        target = targets.target(row.target_id)
        series = target_series(targets, target, table, observations)
        if len(series) < 2:
            assert row.progress == INSUFFICIENT_DATA and pd.isna(row.projected)
            continue
        checked += 1
        assert row.progress != INSUFFICIENT_DATA and row.basis == TREND
        reaches = row.projected <= row.target_value if target.lower_is_better else row.projected >= row.target_value
        assert (row.progress == ON_TRACK) == (reaches or bool(row.achieved)), row.target_id
    assert checked == 18  # EGDI, world and ASEAN rank, OSI, internet users, fixed broadband: three milestones each


def test_a_baseline_in_the_latest_year_still_gets_a_status_from_the_whole_series():
    table, observations = bundled()
    frame = evaluate_targets(load_targets(), table, observations).set_index(["target_id", "milestone"])
    internet = frame.loc[("internet_users", 2030)]
    assert (internet["baseline_year"], internet["latest_year"]) == (2022, 2022)
    # 2019–2022: 52.3, 53.7, 55.6, 56.7; the projection 56.7 + 8 × (56.7 − 53.7) / 2 = 68.7 misses 85
    assert internet["projected"] == pytest.approx(68.7) and internet["progress"] == LIMITED_PROGRESS
    assert internet["ratio"] > 0


def test_a_nowcast_replaces_the_trend_where_it_exists_and_is_named():
    table, observations = bundled()

    def nowcast(indicator: str, entity: str, year: int) -> Estimate | None:
        if (indicator, entity, year) == ("egdi", "KHM", 2026):
            return Estimate(0.59, 0.57, 0.61, "nowcast 2026")
        return None

    frame = evaluate_targets(load_targets(), table, observations, nowcast).set_index(["target_id", "milestone"])
    next_survey = frame.loc[("egdi_very_high", 2025)]
    assert (next_survey["projected"], next_survey["basis"]) == (0.59, "nowcast 2026")
    assert next_survey["progress"] == NEEDS_ACCELERATION  # the band reaches 0.60, the centre does not
    assert frame.loc[("egdi_very_high", 2030), "basis"] == TREND
