"""Project series to milestone years, and what reaching a target takes.

Projection (a random walk with drift):
    drift      d = (x_last − x_first) / (t_last − t_first)          over the last `recent` observations
    projection x(t) = x_last + d·(t − t_last)
    band       x(t) ± z·σ·√(t − t_last)                              σ = sd of the annual changes over all history
with z = 1.2816 (an 80 % band), everything clipped to the indicator's valid range (indices [0, 1], ranks ≥ 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

Z_80 = 1.2816
SURVEY_INTERVAL = 2  # the E-Government Survey is biennial


@dataclass(frozen=True)
class Projection:
    years: list[int]
    values: list[float]
    lower: list[float]
    upper: list[float]
    drift: float  # change per year
    sigma: float  # sd of annual changes, 0 when unknown


def annual_changes(series: pd.Series) -> np.ndarray:
    """Change per year between consecutive observations."""
    observed = series.dropna().sort_index()
    years = observed.index.to_numpy(dtype=float)
    values = observed.to_numpy(dtype=float)
    return np.diff(values) / np.diff(years) if len(values) > 1 else np.array([])


def project(series: pd.Series, years: list[int], bounds: tuple[float, float], recent: int = 3) -> Projection | None:
    """The series (values indexed by year) projected to `years`; None with fewer than two observations."""
    observed = series.dropna().sort_index()
    if len(observed) < 2:
        return None
    tail = observed.iloc[-recent:]
    last_year, last_value = int(tail.index[-1]), float(tail.iloc[-1])
    drift = (last_value - float(tail.iloc[0])) / (last_year - int(tail.index[0]))
    changes = annual_changes(observed)
    sigma = float(np.std(changes, ddof=1)) if len(changes) > 1 else 0.0
    low, high = bounds
    values, lower, upper = [], [], []
    for year in years:
        steps = max(year - last_year, 0)
        centre = last_value + drift * steps
        spread = Z_80 * sigma * math.sqrt(steps)
        values.append(min(max(centre, low), high))
        lower.append(min(max(centre - spread, low), high))
        upper.append(min(max(centre + spread, low), high))
    return Projection(list(years), values, lower, upper, drift, sigma)


def gain_per_survey(latest_value: float, latest_edition: int, target_value: float, target_edition: int) -> float | None:
    """The change needed at each biennial survey from the latest edition to reach the target on time."""
    surveys = (target_edition - latest_edition) / SURVEY_INTERVAL
    if surveys <= 0:
        return None
    return (target_value - latest_value) / surveys


def projected_field(history: pd.DataFrame, edition: int, recent: int = 3, exclude: str | None = None) -> pd.Series:
    """Every country's EGDI projected to `edition` as `project` does it (the drift over its last `recent` editions,
    clipped to [0, 1]), computed for the whole field at once; countries with fewer than two values are left out.
    `history` has columns edition, iso3, egdi; the result is indexed by iso3."""
    rows = history.dropna(subset=["egdi"])
    if exclude is not None:
        rows = rows[rows["iso3"] != exclude]
    rows = rows.sort_values(["iso3", "edition"], kind="stable")
    tail = rows.groupby("iso3", sort=True).tail(recent)
    grouped = tail.groupby("iso3", sort=True)
    count = grouped["egdi"].size()
    first_year, last_year = grouped["edition"].first().astype(float), grouped["edition"].last().astype(float)
    first_value, last_value = grouped["egdi"].first().astype(float), grouped["egdi"].last().astype(float)
    usable = count >= 2
    drift = (last_value[usable] - first_value[usable]) / (last_year[usable] - first_year[usable])
    steps = (edition - last_year[usable]).clip(lower=0)
    return (last_value[usable] + drift * steps).clip(0.0, 1.0)


def score_needed_for_rank(history: pd.DataFrame, entity: str, rank: int, edition: int, recent: int = 3) -> float | None:
    """The EGDI `entity` needs in `edition` to be ranked `rank` or better, if every other country follows its own
    trend: the `rank`-th highest projected EGDI among the others (ties share the better rank, so equalling it is
    enough). `history` has columns edition, iso3, egdi for the whole field; None when fewer than `rank` others
    can be projected.
    """
    projected = projected_field(history, edition, recent, exclude=entity)
    if len(projected) < rank:
        return None
    return float(np.sort(projected.to_numpy())[::-1][rank - 1])
