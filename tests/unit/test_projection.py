import math
import statistics

import pandas as pd
import pytest

from indicators.outlook.projection import Z_80, gain_per_survey, project, score_needed_for_rank

CAMBODIA_EGDI = pd.Series({2016: 0.25927, 2018: 0.3753, 2020: 0.5113, 2022: 0.5056, 2024: 0.57536})


def test_projection_follows_the_recent_drift_with_an_80_percent_band():
    result = project(CAMBODIA_EGDI, [2026, 2030], (0.0, 1.0))
    drift = (0.57536 - 0.5113) / 4  # the last three editions, 2020–2024
    assert result.drift == pytest.approx(drift)
    assert result.values == pytest.approx([0.57536 + 2 * drift, 0.57536 + 6 * drift])
    changes = [(b - a) / 2 for a, b in zip(CAMBODIA_EGDI.iloc[:-1], CAMBODIA_EGDI.iloc[1:], strict=True)]
    sigma = statistics.stdev(changes)
    assert result.sigma == pytest.approx(sigma)
    assert result.upper[1] - result.values[1] == pytest.approx(Z_80 * sigma * math.sqrt(6))
    assert result.lower[0] < result.values[0] < result.upper[0]


def test_projections_stay_within_the_valid_range():
    fast = pd.Series({2018: 0.5, 2020: 0.8, 2022: 0.95})
    result = project(fast, [2030], (0.0, 1.0))
    assert result.values == [1.0] and result.upper == [1.0]
    ranks = project(pd.Series({2020: 40, 2022: 20, 2024: 5}), [2030], (1.0, 193.0))
    assert ranks.values == [1.0]


def test_one_observation_cannot_be_projected():
    assert project(pd.Series({2024: 0.5}), [2030], (0.0, 1.0)) is None


def test_gain_needed_per_biennial_survey():
    assert gain_per_survey(0.57536, 2024, 0.76, 2034) == pytest.approx((0.76 - 0.57536) / 5)
    assert gain_per_survey(0.6, 2024, 0.7, 2024) is None


def test_score_needed_for_a_rank_given_the_others_trends():
    rows = []
    for iso3, start, step in [("AAA", 0.70, 0.02), ("BBB", 0.60, 0.03), ("CCC", 0.65, 0.0), ("DDD", 0.40, 0.01), ("KHM", 0.5, 0.0)]:
        rows += [(edition, iso3, start + step * (edition - 2020) / 2) for edition in (2020, 2022, 2024)]
    history = pd.DataFrame(rows, columns=["edition", "iso3", "egdi"])
    # in 2030 the others are at AAA 0.80, BBB 0.75, CCC 0.65, DDD 0.45: rank 2 needs 0.75, rank 3 needs 0.65
    assert score_needed_for_rank(history, "KHM", 2, 2030) == pytest.approx(0.75)
    assert score_needed_for_rank(history, "KHM", 3, 2030) == pytest.approx(0.65)
    assert score_needed_for_rank(history, "KHM", 5, 2030) is None
