"""Where each target stands: its progress status, the inputs behind it, its projection and the gain it needs.

One row per target and milestone (`evaluate_targets`):

- the series: survey indicators (EGDI, OSI, TII, HCI, EPI, world and ASEAN rank) from the entity's rows of the
  standing table, one value per survey edition; any other indicator from the observations, one value per year;
- the milestone is measured in the survey edition the target file maps it to (2025 → 2026, 2030 → 2030,
  2035 → 2034) for survey indicators, in the policy year itself for yearly indicators;
- projection: `indicators.outlook.projection.project` to that year, with its 80 % band, within the indicator's bounds
  (the line the Targets page draws), or a nowcast's estimate where one is given (`Nowcast`; `basis` names it);
- ratio: `indicators.outlook.progress.progress_status` (Statistics Canada / Open SDG), the observed growth over the
  whole series since the target's baseline against the growth the target requires;
- progress: `milestone_status`, one rule that agrees with the projection drawn beside it:
    on track            the latest value already meets the target, or the projected value reaches it;
    deterioration       otherwise, when the series moves away from the target (ratio < 0);
    needs acceleration  otherwise, when the band's favourable edge reaches the target and the ratio is ≥ 0.60;
    limited progress    otherwise (the band misses, or the growth since the baseline is under 0.60 of the pace);
    insufficient data   with fewer than two observations.
  So a milestone is never on track while the projection drawn falls short of it, and the ratio breaks the tie
  when the target lies within the band;
- gain per survey: the change needed at each biennial survey from the latest value to the target value.

For rank targets, `egdi_needed_for_rank` gives the EGDI needed for the rank if every peer follows its own trend
(`indicators.outlook.projection.score_needed_for_rank`); it needs the complete field (all countries for a world rank,
every ASEAN member for an ASEAN rank) and is None otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from indicators.entities import load_countries
from indicators.outlook.progress import (
    ACCELERATION_RATIO,
    DETERIORATION,
    INSUFFICIENT_DATA,
    LIMITED_PROGRESS,
    NEEDS_ACCELERATION,
    ON_TRACK,
    Progress,
    progress_status,
)
from indicators.outlook.projection import gain_per_survey, project, score_needed_for_rank
from indicators.outlook.targets import Target, TargetSet, bounds

SURVEY_INDICATORS = ("egdi", "osi", "tii", "hci", "epi", "world_rank", "asean_rank")
RANK_FIELDS = {"world_rank": "world", "asean_rank": "asean"}
STATUS_COLUMNS = [
    "target_id",
    "indicator",
    "name_en",
    "name_km",
    "status",
    "source",
    "milestone",
    "measured_in",
    "target_value",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "progress",
    "basis",
    "ratio",
    "observed_rate",
    "required_rate",
    "method",
    "achieved",
    "projected",
    "projected_lower",
    "projected_upper",
    "gain_per_survey",
]
NEEDED_COLUMNS = ["target_id", "indicator", "milestone", "measured_in", "rank", "egdi_needed", "peers"]
_INTEGER_COLUMNS = ("milestone", "measured_in", "baseline_year", "latest_year")
_FLOAT_COLUMNS = (
    "target_value",
    "baseline_value",
    "latest_value",
    "ratio",
    "observed_rate",
    "required_rate",
    "projected",
    "projected_lower",
    "projected_upper",
    "gain_per_survey",
)


TREND = "trend"  # the basis of a projection from the series' own trend


@dataclass(frozen=True)
class Estimate:
    """The value expected at a milestone year with its 80 % band, and what it comes from: `basis` is TREND for
    `indicators.outlook.projection.project`, else the name of the nowcast that made it."""

    value: float
    lower: float
    upper: float
    basis: str


class Nowcast(Protocol):
    """Better evidence than a trend for some milestones (the next Survey's nowcast): an Estimate of `indicator`
    for `entity` in `year`, or None where it has none (the trend is used there)."""

    def __call__(self, indicator: str, entity: str, year: int) -> Estimate | None: ...


def milestone_status(progress: Progress, estimate: Estimate | None, lower_is_better: bool) -> str:
    """The status of a milestone from its estimate (projection or nowcast) and the ratio (see the module docstring)."""
    if progress.observations < 2 or estimate is None:
        return ON_TRACK if progress.achieved and progress.observations >= 2 else INSUFFICIENT_DATA
    target = progress.target_value

    def reaches(value: float) -> bool:
        return value <= target if lower_is_better else value >= target

    if progress.achieved or reaches(estimate.value):
        return ON_TRACK
    if progress.status == DETERIORATION or (progress.ratio is not None and progress.ratio < 0):
        return DETERIORATION
    favourable = min(estimate.lower, estimate.upper) if lower_is_better else max(estimate.lower, estimate.upper)
    if reaches(favourable) and (progress.ratio is None or progress.ratio >= ACCELERATION_RATIO):
        return NEEDS_ACCELERATION
    return LIMITED_PROGRESS


def is_survey_indicator(indicator: str) -> bool:
    """Measured by the biennial E-Government Survey (one value per edition) rather than yearly."""
    return indicator in SURVEY_INDICATORS


def measured_in(targets: TargetSet, target: Target, milestone: int) -> int:
    """The year a milestone is measured in: its survey edition for survey indicators, else the policy year."""
    return targets.milestones[milestone] if is_survey_indicator(target.indicator) else milestone


def target_series(targets: TargetSet, target: Target, standing: pd.DataFrame, observations: pd.DataFrame) -> pd.Series:
    """The observed values of a target's indicator for the target set's entity, indexed by year (or edition)."""
    if is_survey_indicator(target.indicator):
        if standing.empty or target.indicator not in standing.columns:
            return pd.Series(dtype=float)
        rows = standing[standing["iso3"] == targets.entity]
        series = pd.Series(rows[target.indicator].to_numpy(dtype=float, na_value=np.nan), index=rows["edition"].astype(int).to_numpy())
    else:
        if observations.empty:
            return pd.Series(dtype=float)
        rows = observations[(observations["entity"] == targets.entity) & (observations["indicator"] == target.indicator)]
        rows = rows[rows["year"].notna()]
        series = pd.Series(rows["value"].to_numpy(dtype=float), index=rows["year"].astype(int).to_numpy())
    series = series.dropna()
    return series.groupby(level=0).last().sort_index().astype(float)


def estimate(series: pd.Series, indicator: str, entity: str, year: int, nowcast: Nowcast | None = None) -> Estimate | None:
    """The nowcast's estimate where it has one, else the trend projection (None with fewer than two observations)."""
    if nowcast is not None:
        cast = nowcast(indicator, entity, year)
        if cast is not None:
            return cast
    projection = project(series, [year], bounds(indicator))
    if projection is None:
        return None
    return Estimate(projection.values[0], projection.lower[0], projection.upper[0], TREND)


def _row(targets: TargetSet, target: Target, milestone: int, series: pd.Series, nowcast: Nowcast | None) -> dict[str, object]:
    year = measured_in(targets, target, milestone)
    value = target.values[milestone]
    progress = progress_status(
        series,
        year,
        value,
        baseline_year=target.baseline_year,
        baseline_value=target.baseline_value,
        lower_is_better=target.lower_is_better,
    )
    expected = estimate(series, target.indicator, targets.entity, year, nowcast)
    gain = None
    if progress.latest_year is not None and progress.latest_value is not None:
        gain = gain_per_survey(progress.latest_value, progress.latest_year, value, year)
    return {
        "target_id": target.id,
        "indicator": target.indicator,
        "name_en": target.name_en,
        "name_km": target.name_km,
        "status": target.status,
        "source": target.source,
        "milestone": milestone,
        "measured_in": year,
        "target_value": value,
        "baseline_year": progress.baseline_year,
        "baseline_value": progress.baseline_value,
        "latest_year": progress.latest_year,
        "latest_value": progress.latest_value,
        "progress": milestone_status(progress, expected, target.lower_is_better),
        "basis": expected.basis if expected else "",
        "ratio": progress.ratio,
        "observed_rate": progress.observed_rate,
        "required_rate": progress.required_rate,
        "method": progress.method,
        "achieved": progress.achieved,
        "projected": expected.value if expected else None,
        "projected_lower": expected.lower if expected else None,
        "projected_upper": expected.upper if expected else None,
        "gain_per_survey": gain,
    }


def evaluate_targets(
    targets: TargetSet, standing: pd.DataFrame, observations: pd.DataFrame, nowcast: Nowcast | None = None
) -> pd.DataFrame:
    """One row per target and milestone (columns STATUS_COLUMNS), in the file's order; see the module docstring.

    `standing`: indicators.method.standing.standing (edition, iso3, egdi, osi, tii, hci, epi, world_rank, asean_rank, ...).
    `observations`: tidy rows (entity, year, indicator, value) of the yearly indicators; other rows are ignored.
    `nowcast`: estimates that replace the trend projection where they exist (`basis` then names them).
    Missing numbers are NaN (years <NA>); `progress` is `insufficient_data` with fewer than two observations.
    """
    rows = []
    for target in targets.targets:
        series = target_series(targets, target, standing, observations)
        rows += [_row(targets, target, milestone, series, nowcast) for milestone in target.values]
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    for column in _INTEGER_COLUMNS:
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    for column in _FLOAT_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame["ratio"] = frame["ratio"] + 0.0  # no −0.0 when nothing moved
    frame["achieved"] = frame["achieved"].astype(bool)
    for column in ("target_id", "indicator", "name_en", "name_km", "status", "source", "progress", "basis", "method"):
        frame[column] = frame[column].astype(object)
    return frame


# Rank targets: the EGDI needed given the peers' own trends ---------------------------------------------------


def rank_field(standing: pd.DataFrame, indicator: str) -> pd.DataFrame | None:
    """The EGDI history (edition, iso3, egdi) of the field a rank is taken in, or None when that field is not
    complete in any edition: for the world rank, the countries of the latest edition with the whole field; for the
    ASEAN rank, the ASEAN members, when every member is present in at least one edition."""
    if standing.empty:
        return None
    if RANK_FIELDS.get(indicator) == "world":
        complete = standing[standing["complete"].astype(bool)]
        if complete.empty:
            return None
        members = set(complete.loc[complete["edition"] == complete["edition"].max(), "iso3"])
    elif RANK_FIELDS.get(indicator) == "asean":
        table = load_countries().table
        members = set(table.index[table["asean"]])
        per_edition = standing[standing["iso3"].isin(members)].groupby("edition")["iso3"].nunique()
        if per_edition.empty or per_edition.max() < len(members):
            return None
    else:
        raise ValueError(f"{indicator!r} is not a rank indicator ({sorted(RANK_FIELDS)})")
    history = standing.loc[standing["iso3"].isin(members), ["edition", "iso3", "egdi"]]
    return history.dropna(subset=["egdi"]).astype({"edition": int, "egdi": float}).reset_index(drop=True)


def egdi_needed_for_rank(standing: pd.DataFrame, entity: str, indicator: str, rank: float, edition: int) -> float | None:
    """The EGDI `entity` needs in `edition` for a `indicator` (world_rank or asean_rank) of `rank` or better if every
    other member of the field follows its own trend; None without the complete field or enough projected peers."""
    history = rank_field(standing, indicator)
    if history is None:
        return None
    return score_needed_for_rank(history, entity, round(rank), edition)


def rank_targets_needed(targets: TargetSet, standing: pd.DataFrame) -> pd.DataFrame:
    """For each rank target and milestone: the EGDI needed in the measuring edition given the peers' trends
    (NaN without the complete field), and the number of peers projected (0 without the field)."""
    rows = []
    for target in targets.targets:
        if target.indicator not in RANK_FIELDS:
            continue
        history = rank_field(standing, target.indicator)
        peers = 0 if history is None else int(history.loc[history["iso3"] != targets.entity, "iso3"].nunique())
        for milestone, value in target.values.items():
            edition = measured_in(targets, target, milestone)
            needed = None if history is None else score_needed_for_rank(history, targets.entity, round(value), edition)
            rows.append((target.id, target.indicator, milestone, edition, round(value), needed, peers))
    frame = pd.DataFrame(rows, columns=NEEDED_COLUMNS)
    frame["egdi_needed"] = pd.to_numeric(frame["egdi_needed"], errors="coerce").astype(float)
    return frame
