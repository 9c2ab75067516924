import math
import statistics

import numpy as np
import pytest

from indicators.method.aggregate import weighted_mean
from indicators.method.normalise import cap, minmax, zscore


def test_cap_limits_each_column_and_keeps_missing():
    values = np.array([[150.0, 10.0], [90.0, np.nan]])
    capped = cap(values, np.array([120.0, np.inf]))
    assert capped[0].tolist() == [120.0, 10.0]
    assert capped[1, 0] == 90.0 and math.isnan(capped[1, 1])


def test_zscore_uses_population_sd_over_present_values():
    column = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]  # mean 5, population sd 2
    z = zscore(np.array([*column, np.nan])[:, None])[:, 0]
    assert z[:8].tolist() == pytest.approx([-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0])
    assert math.isnan(z[8])
    assert statistics.pstdev(column) == 2.0


def test_zscore_of_a_constant_column_is_zero():
    z = zscore(np.array([[3.0], [3.0], [np.nan]]))
    assert z[:2, 0].tolist() == [0.0, 0.0] and math.isnan(z[2, 0])


def test_minmax_spans_zero_to_one():
    result = minmax(np.array([2.0, 4.0, 10.0, np.nan]))
    assert result[:3].tolist() == pytest.approx([0.0, 0.25, 1.0])
    assert math.isnan(result[3])


def test_minmax_without_spread_gives_no_score():
    assert np.isnan(minmax(np.array([0.5, 0.5]))).all()
    assert np.isnan(minmax(np.array([np.nan, np.nan]))).all()


def test_weighted_mean_with_all_components_is_the_weighted_sum():
    values = np.array([[1.0, 2.0, 4.0]])
    composite, share = weighted_mean(values, np.array([0.5, 0.25, 0.25]), 0.5)
    assert composite[0] == pytest.approx(0.5 + 0.5 + 1.0)
    assert share[0] == 1.0


def test_weighted_mean_reweights_over_present_components():
    values = np.array([[1.0, np.nan, 4.0]])
    composite, share = weighted_mean(values, np.array([0.5, 0.25, 0.25]), 0.5)
    assert composite[0] == pytest.approx((0.5 * 1 + 0.25 * 4) / 0.75)
    assert share[0] == pytest.approx(0.75)


def test_weighted_mean_gives_no_score_when_more_than_half_the_weight_is_missing():
    values = np.array([[np.nan, 2.0, 4.0], [1.0, np.nan, np.nan], [np.nan, np.nan, np.nan]])
    composite, share = weighted_mean(values, np.array([0.6, 0.2, 0.2]), 0.5)
    assert math.isnan(composite[0]) and share[0] == pytest.approx(0.4)
    assert composite[1] == pytest.approx(1.0) and share[1] == pytest.approx(0.6)
    assert math.isnan(composite[2]) and share[2] == 0.0


def test_weighted_mean_at_exactly_half_the_weight_still_scores():
    composite, share = weighted_mean(np.array([[np.nan, 3.0]]), np.array([0.5, 0.5]), 0.5)
    assert composite[0] == 3.0 and share[0] == 0.5
