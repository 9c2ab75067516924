"""The cheapest path to each Policy milestone: the combination of component changes, within plausible bounds, that
reaches it on the next Survey's field with the least effort.

    bounds   each component may move from its nowcast value as far as its most ambitious realistic step
             (levers.step_targets: its own pace, the ASEAN median, the next group's typical value), no further
    effort   measured in those steps: moving a component the whole way costs 1, half-way 0.5; a path's effort is the
             sum over its components
    path     components taken in the order of their ΔEGDI for the whole step (the most EGDI per unit of effort
             first, each ΔEGDI a full re-score), each moved the whole way, until the milestone is reached; the last
             one only as far as needed (goal_seek over its share of the step, every try a full re-score of the field)

Milestones of survey indicators only (EGDI, OSI, world and ASEAN rank), each judged on the next Survey's field with
the other countries at their nowcast (also for later milestones, 2030 and 2034: what it would take now). A milestone
the nowcast already meets needs no change; one that even every component at its bound does not reach is out of reach
(`reachable` False, with the best that bound gives).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.method.scoring import RESULT_COLUMNS
from indicators.outlook.forecast import Forecast
from indicators.outlook.goal_seek import goal_seek
from indicators.outlook.levers import Lever, ranked
from indicators.outlook.targets import TargetSet
from indicators.outlook.whatif import whatif_components

GOALS = ("egdi", "osi", "world_rank", "asean_rank")
COLUMN = {"egdi": "egdi", "osi": "osi", "world_rank": "rank", "asean_rank": "asean_rank"}
SHARE_TOLERANCE = 0.01  # the last component's share of its step is found to 1 %


@dataclass(frozen=True)
class MilestonePath:
    """The cheapest path to one milestone (module docstring); `changes` is the Simulator preset."""

    target_id: str
    indicator: str
    milestone: int
    target_value: float
    reached_now: bool
    reachable: bool
    changes: dict[str, float]
    effort: float
    egdi: float
    rank: int
    asean_rank: int | None


def _reached(indicator: str, value: float, row: pd.Series) -> bool:
    found = row[COLUMN[indicator]]
    if pd.isna(found):
        return False
    return float(found) <= value if indicator.endswith("_rank") else float(found) >= value - 1e-12


class _Field:
    """The nowcast's field, re-scored with a country's components changed: its row with EGDI, OSI and ranks."""

    def __init__(self, forecast: Forecast, iso3: str) -> None:
        self.forecast, self.iso3 = forecast, iso3
        self.fallback = forecast.table.set_index("iso3")["egdi"]

    def row(self, changes: dict[str, float]) -> pd.Series:
        field = self.forecast.field
        method = self.forecast.methodology
        whatif = whatif_components(field.data, method, self.iso3, changes, baseline=field.scores).whatif if changes else field.scores
        scored = ranked(whatif[RESULT_COLUMNS], self.fallback, method)
        row = scored[scored["entity"] == self.iso3].iloc[0].copy()
        row["osi"] = float(whatif.loc[whatif["entity"] == self.iso3, "osi"].iloc[0])
        return row


def _path(
    target_id: str, indicator: str, milestone: int, value: float, chain: list[tuple[Lever, pd.Series]], field: _Field
) -> MilestonePath:
    baseline = field.row({})
    if _reached(indicator, value, baseline):
        return _made(target_id, indicator, milestone, value, True, True, {}, 0.0, baseline)
    changes: dict[str, float] = {}
    for position, (lever, row) in enumerate(chain):
        if _reached(indicator, value, row):
            before = dict(changes)

            def evaluate(share: float, lever: Lever = lever, before: dict[str, float] = before) -> pd.Series:
                return field.row({**before, lever.code: lever.start + share * (lever.target - lever.start)})

            share = goal_seek(evaluate, lambda r: _reached(indicator, value, r), 0.0, 1.0, steps=4, tolerance=SHARE_TOLERANCE)
            share = 1.0 if share is None else share
            changes[lever.code] = lever.start + share * (lever.target - lever.start)
            return _made(target_id, indicator, milestone, value, False, True, changes, position + share, field.row(changes))
        changes[lever.code] = lever.target
    last = chain[-1][1] if chain else baseline
    return _made(target_id, indicator, milestone, value, False, False, changes, float(len(chain)), last)


def _made(
    target_id: str,
    indicator: str,
    milestone: int,
    value: float,
    now: bool,
    reachable: bool,
    changes: dict[str, float],
    effort: float,
    row: pd.Series,
) -> MilestonePath:
    asean = row["asean_rank"]
    return MilestonePath(
        target_id,
        indicator,
        milestone,
        value,
        now,
        reachable,
        changes,
        round(effort, 4),
        float(row["egdi"]),
        int(row["rank"]),
        None if pd.isna(asean) else int(asean),
    )


def milestone_paths(forecast: Forecast, found_levers: list[Lever], targets: TargetSet) -> list[MilestonePath]:
    """The cheapest path to every milestone of the survey-indicator targets of `targets` for its entity (module
    docstring), from the entity's levers on `forecast` (levers.levers)."""
    field = _Field(forecast, targets.entity)
    biggest: dict[str, Lever] = {}
    for lever in found_levers:
        known = biggest.get(lever.code)
        if known is None or abs(lever.target - lever.start) > abs(known.target - known.start):
            biggest[lever.code] = lever
    order = sorted(biggest.values(), key=lambda lever: -lever.delta_egdi)
    chain: list[tuple[Lever, pd.Series]] = []
    changes: dict[str, float] = {}
    for lever in order:
        changes[lever.code] = lever.target
        chain.append((lever, field.row(dict(changes))))
    paths = []
    for target in targets.targets:
        if target.indicator in GOALS:
            for milestone, value in target.values.items():
                paths.append(_path(target.id, target.indicator, milestone, value, chain, field))
    return paths
