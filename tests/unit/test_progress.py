"""Progress status on hand-computed cases (Statistics Canada / Open SDG method)."""

import pandas as pd
import pytest

from indicators.outlook.progress import (
    DETERIORATION,
    INSUFFICIENT_DATA,
    LIMITED_PROGRESS,
    NEEDS_ACCELERATION,
    ON_TRACK,
    band,
    progress_status,
)


def series(**points: float) -> pd.Series:
    return pd.Series({int(year[1:]): value for year, value in points.items()})


@pytest.mark.parametrize(
    ("latest", "observed", "ratio", "status"),
    [
        (115, 0.028347, 1.034565, ON_TRACK),  # 1.15^(1/5) − 1 against 1.5^(1/15) − 1 = 0.027400
        (110, 0.019245, 0.702376, NEEDS_ACCELERATION),
        (103, 0.005929, 0.216399, LIMITED_PROGRESS),
        (95, -0.010206, -0.372488, DETERIORATION),
    ],
)
def test_bands_of_compound_growth(latest, observed, ratio, status):
    result = progress_status(series(y2015=100, y2020=latest), 2030, 150)
    assert result.method == "cagr" and result.status == status
    assert result.observed_rate == pytest.approx(observed, abs=1e-6)
    assert result.required_rate == pytest.approx(0.027400, abs=1e-6)
    assert result.ratio == pytest.approx(ratio, abs=1e-5)
    assert (result.baseline_year, result.latest_year, result.observations) == (2015, 2020, 2)


def test_band_edges():
    assert [band(r) for r in (0.95, 0.9499, 0.60, 0.5999, 0.0, -0.0001)] == [
        ON_TRACK,
        NEEDS_ACCELERATION,
        NEEDS_ACCELERATION,
        LIMITED_PROGRESS,
        LIMITED_PROGRESS,
        DETERIORATION,
    ]


def test_a_rank_target_improves_downwards():
    # world rank 127 (2022) -> 120 (2024), target 100 by 2030: (120/127)^(1/2) − 1 over (100/127)^(1/8) − 1
    result = progress_status(series(y2022=127, y2024=120), 2030, 100, lower_is_better=True)
    assert result.observed_rate == pytest.approx(-0.027950, abs=1e-6)
    assert result.required_rate == pytest.approx(-0.029435, abs=1e-6)
    assert result.ratio == pytest.approx(0.949531, abs=1e-6) and result.status == NEEDS_ACCELERATION
    worse = progress_status(series(y2022=127, y2024=130), 2030, 100, lower_is_better=True)
    assert worse.ratio < 0 and worse.status == DETERIORATION


def test_a_rank_target_already_reached_is_on_track():
    result = progress_status(series(y2022=127, y2024=98), 2030, 100, lower_is_better=True)
    assert result.achieved and result.status == ON_TRACK


def test_an_index_from_zero_uses_linear_rates():
    # Cambodia's EPI: 0.0 in 2012, 0.19607 in 2014; compound growth from 0 is undefined
    result = progress_status(series(y2012=0.0, y2014=0.196), 2030, 0.8)
    assert result.method == "linear"
    assert result.observed_rate == pytest.approx(0.098) and result.required_rate == pytest.approx(0.8 / 18)
    assert result.ratio == pytest.approx(2.205) and result.status == ON_TRACK


def test_a_bounded_index_near_its_ceiling():
    result = progress_status(series(y2020=0.90, y2022=0.91), 2030, 0.98)
    assert result.required_rate == pytest.approx((0.98 / 0.90) ** (1 / 10) - 1)
    assert result.status == NEEDS_ACCELERATION


def test_the_given_baseline_is_used_and_earlier_values_ignored():
    result = progress_status(series(y2010=50, y2015=100, y2020=115), 2030, 150, baseline_year=2015, baseline_value=100)
    assert (result.baseline_value, result.observations, result.status) == (100, 2, ON_TRACK)


@pytest.mark.parametrize("points", [{}, {"y2022": 0.5}, {"y2018": 0.3}])
def test_fewer_than_two_observations_is_insufficient_data(points):
    result = progress_status(
        series(**points), 2030, 0.8, baseline_year=2022 if points.get("y2022") else None, baseline_value=points.get("y2022")
    )
    assert result.status == INSUFFICIENT_DATA and result.ratio is None


def test_falling_back_from_a_target_the_baseline_met():
    result = progress_status(series(y2020=0.8, y2022=0.7), 2030, 0.8)
    assert result.status == DETERIORATION and not result.achieved
