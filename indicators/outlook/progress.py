"""Progress ratio of a target, as SDG progress trackers compute it (Statistics Canada's method, used by Open SDG),
over the whole series since the baseline rather than two points:

    observed rate  r_obs = exp(b) − 1, b the least-squares slope of ln x over every observation since the baseline
                   (the baseline included; with two points, (x_latest / x_base)^(1 / (t_latest − t_base)) − 1)
    required rate  r_req = (x_target / x_base)^(1 / (t_target − t_base)) − 1
    ratio          = r_obs / r_req

Bands: on track (ratio ≥ 0.95), needs acceleration (0.60 ≤ ratio < 0.95), limited progress (0 ≤ ratio < 0.60),
deterioration (ratio < 0). When fewer than two observations lie from the baseline on (the baseline is the latest
year), the whole series is used, so every series with two observations has a ratio; insufficient data otherwise.
The milestone status shown to people combines this ratio with the projection (`indicators.outlook.status`).

- Ranks (lower is better) need no special case: both rates are negative when improving, so the ratio is positive.
- A target already reached is on track, whatever the rates.
- Compound growth is undefined from a value of 0 (an index can be 0: Cambodia's EPI in 2012). There, and
  for any non-positive value, the linear rates (change per year; the observed one the least-squares slope of x)
  stand in: ratio = slope_obs / slope_req.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

ON_TRACK = "on_track"
NEEDS_ACCELERATION = "needs_acceleration"
LIMITED_PROGRESS = "limited_progress"
DETERIORATION = "deterioration"
INSUFFICIENT_DATA = "insufficient_data"
STATUSES = (ON_TRACK, NEEDS_ACCELERATION, LIMITED_PROGRESS, DETERIORATION, INSUFFICIENT_DATA)
ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.60


@dataclass(frozen=True)
class Progress:
    """A status with every input behind it."""

    status: str
    ratio: float | None
    observed_rate: float | None
    required_rate: float | None
    method: str  # "cagr", "linear", or "" when no rate applies
    baseline_year: int | None
    baseline_value: float | None
    latest_year: int | None
    latest_value: float | None
    target_year: int
    target_value: float
    observations: int
    achieved: bool


def band(ratio: float) -> str:
    """The status band of a ratio of observed to required growth."""
    if ratio >= ON_TRACK_RATIO:
        return ON_TRACK
    if ratio >= ACCELERATION_RATIO:
        return NEEDS_ACCELERATION
    if ratio >= 0:
        return LIMITED_PROGRESS
    return DETERIORATION


def slope(years: pd.Index, values: np.ndarray) -> float:
    """Least-squares slope of `values` on `years` (two points: the difference quotient)."""
    x = np.asarray(years, dtype=float)
    x = x - x.mean()
    return float((x * (values - values.mean())).sum() / (x * x).sum())


def _rates(points: pd.Series, base: float, target: float, remaining: float) -> tuple[float, float, str]:
    values = points.to_numpy(dtype=float)
    if (values > 0).all() and base > 0 and target > 0:
        return math.expm1(slope(points.index, np.log(values))), (target / base) ** (1 / remaining) - 1, "cagr"
    return slope(points.index, values), (target - base) / remaining, "linear"


def trend_points(observed: pd.Series, baseline_year: int, baseline_value: float) -> pd.Series:
    """The observations a ratio is fitted over: the baseline and every observation after it, or, when that leaves
    fewer than two, the whole series with the baseline in place of its own year's value."""
    points = pd.concat([pd.Series({baseline_year: baseline_value}), observed[observed.index > baseline_year]])
    if len(points) < 2:
        points = pd.concat([observed[observed.index != baseline_year], pd.Series({baseline_year: baseline_value})])
    ordered: pd.Series = points.sort_index().astype(float)
    return ordered


def progress_status(
    series: pd.Series,
    target_year: int,
    target_value: float,
    *,
    baseline_year: int | None = None,
    baseline_value: float | None = None,
    lower_is_better: bool = False,
) -> Progress:
    """Status of `series` (values indexed by year) against reaching `target_value` by `target_year`.

    The baseline is the given (year, value), else the first observation; the observations counted are those
    the ratio is fitted over (`trend_points`).
    """
    observed = series.dropna().sort_index()
    if baseline_year is None or baseline_value is None:
        if observed.empty:
            return Progress(INSUFFICIENT_DATA, None, None, None, "", None, None, None, None, target_year, target_value, 0, False)
        baseline_year, baseline_value = int(observed.index[0]), float(observed.iloc[0])
    after = observed[observed.index > baseline_year]
    points = trend_points(observed, baseline_year, baseline_value)
    count = len(points)
    latest_year = int(after.index[-1]) if len(after) else baseline_year
    latest_value = float(after.iloc[-1]) if len(after) else baseline_value
    achieved = latest_value <= target_value if lower_is_better else latest_value >= target_value

    def result(status: str, ratio: float | None = None, obs: float | None = None, req: float | None = None, method: str = "") -> Progress:
        return Progress(
            status,
            ratio,
            obs,
            req,
            method,
            baseline_year,
            baseline_value,
            latest_year,
            latest_value,
            target_year,
            target_value,
            count,
            achieved,
        )

    if count < 2:
        return result(INSUFFICIENT_DATA)
    if achieved:
        return result(ON_TRACK)
    observed_rate, required_rate, method = _rates(points, baseline_value, target_value, max(target_year - baseline_year, 1))
    if required_rate == 0:  # the baseline met the target and the latest value no longer does
        return result(DETERIORATION, None, observed_rate, required_rate, method)
    ratio = observed_rate / required_rate
    return result(band(ratio), ratio, observed_rate, required_rate, method)
