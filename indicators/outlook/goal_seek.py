"""Goal seek: the smallest change of one indicator that reaches a goal (a better group or class, a rank, a value),
each trial a full re-score of the field (`indicators.outlook.whatif`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from indicators.method.methodology import Methodology
from indicators.method.scoring import score
from indicators.outlook.whatif import entity_row, published_field, rescore_published, with_changes
from indicators.tidy import latest_values


def component_evaluator(
    components: pd.DataFrame, methodology: Methodology, entity: str, code: str, fixed: Mapping[str, float] | None = None
) -> Callable[[float], pd.Series]:
    """value -> the entity's result row after a full re-score with its `code` set to value (field prepared once);
    `fixed`: other values of the entity set as well (the rest of a scenario)."""
    data = with_changes(components, entity, fixed) if fixed else latest_values(components)[["entity", "indicator", "value"]]
    others = data[~((data["entity"] == entity) & (data["indicator"] == code))]

    def evaluate(value: float) -> pd.Series:
        changed = pd.DataFrame({"entity": [entity], "indicator": [code], "value": [float(value)]})
        return entity_row(score(pd.concat([others, changed], ignore_index=True), methodology).entities, entity)

    return evaluate


def published_evaluator(
    published: pd.DataFrame, methodology: Methodology, entity: str, code: str, fixed: Mapping[str, float] | None = None
) -> Callable[[float], pd.Series]:
    """value -> the entity's result row with its sub-index `code` set to value, ranked against the published field;
    `fixed`: other sub-indices of the entity set as well."""
    field = published_field(published)
    others = {k: v for k, v in (fixed or {}).items() if k != code}

    def evaluate(value: float) -> pd.Series:
        return entity_row(rescore_published(field, methodology, entity, {**others, code: value}), entity)

    return evaluate


def goal_seek(
    evaluate: Callable[[float], pd.Series],
    reached: Callable[[pd.Series], bool],
    start: float,
    stop: float,
    *,
    steps: int = 48,
    tolerance: float | None = None,
) -> float | None:
    """The value nearest to `start`, towards `stop`, at which `reached(evaluate(value))` first holds.

    The method is not monotone, so there is no bisection over the whole range: the range is scanned in `steps`
    equal steps, and only the first step that reaches the goal is bisected, down to `tolerance` (default: the
    range / 10,000). The answer is within `tolerance` above the true first crossing at that step's resolution.
    Returns `start` when the goal already holds there, None when no scanned value reaches it.
    """
    if reached(evaluate(start)):
        return start
    tolerance = abs(stop - start) / 10_000 if tolerance is None else tolerance
    grid = np.linspace(start, stop, steps + 1)
    previous = start
    for value in grid[1:]:
        if reached(evaluate(float(value))):
            low, high = previous, float(value)
            while abs(high - low) > tolerance:
                middle = (low + high) / 2
                if reached(evaluate(middle)):
                    high = middle
                else:
                    low = middle
            return high
        previous = float(value)
    return None


def goal_better_group(baseline: pd.Series, group_order: list[str]) -> Callable[[pd.Series], bool]:
    """Reached when the entity is in a better EGDI group than at baseline."""
    current = group_order.index(baseline["group"]) if baseline["group"] in group_order else len(group_order)
    return lambda row: row["group"] in group_order and group_order.index(row["group"]) < current


def goal_better_class(baseline: pd.Series, class_order: list[str]) -> Callable[[pd.Series], bool]:
    """Reached when the entity's rating class is better than at baseline (classes listed best first)."""
    current = class_order.index(baseline["rating_class"]) if baseline["rating_class"] in class_order else len(class_order)
    return lambda row: row["rating_class"] in class_order and class_order.index(row["rating_class"]) < current


def goal_rank(at_most: int) -> Callable[[pd.Series], bool]:
    """Reached when the entity's rank is `at_most` or better."""
    return lambda row: not pd.isna(row["rank"]) and int(row["rank"]) <= at_most


def goal_value(code: str, at_least: float) -> Callable[[pd.Series], bool]:
    """Reached when the entity's `code` (egdi, osi, tii, hci) is at least `at_least`."""
    return lambda row: not pd.isna(row[code]) and float(row[code]) >= at_least


def seek_tolerance(low: float, high: float) -> float:
    """The tolerance (and input step) of a goal seek over an indicator's valid range [low, high]: the largest power
    of ten not above a ten-thousandth of the range (0.0001 for an index, 0.01 for a percentage)."""
    return float(10.0 ** math.floor(math.log10((high - low) / 10_000) + 1e-9))


def goal_seek_on_grid(
    evaluate: Callable[[float], pd.Series], reached: Callable[[pd.Series], bool], start: float, stop: float, step: float, *, steps: int = 48
) -> float | None:
    """`goal_seek` with tolerance `step`, the answer snapped to the grid of multiples of `step` (as an input would
    hold it): the lower grid value when it reaches the goal, else the upper one. Within `step` above the first
    crossing goal_seek finds; `start` when the goal holds there already, None when out of reach."""
    found = goal_seek(evaluate, reached, start, stop, steps=steps, tolerance=step)
    if found is None or found == start:
        return found
    lower = max(round(math.floor(found / step + 1e-9) * step, 12), start)
    if lower < found and reached(evaluate(lower)):
        return lower
    return min(round(math.ceil(found / step - 1e-9) * step, 12), stop)
