"""What if: change one entity's inputs and re-score the whole field with the edition's method.

Z-scores and min-max normalisation depend on every entity, so a what-if is always a full re-score (never a local
shortcut); see README "A property of the method worth knowing": the score is not monotone in a component.

Two kinds of input:
- components (tidy indicator data of the whole field): set component indicators, re-score everything;
- published results (osi, tii, hci per country): set sub-indices directly; the entity's EGDI is recomputed and
  ranked against the other countries' published EGDI.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.method.classify import classify
from indicators.method.methodology import Methodology
from indicators.method.scoring import RESULT_COLUMNS, score
from indicators.tidy import latest_values

SUBINDEX_CODES = ("osi", "tii", "hci")


@dataclass(frozen=True)
class Scenario:
    """Results of the whole field (one row per entity, RESULT_COLUMNS) before and after the change."""

    baseline: pd.DataFrame
    whatif: pd.DataFrame
    entity: str
    changes: dict[str, float]

    def row(self, which: str = "whatif") -> pd.Series:
        return entity_row(self.whatif if which == "whatif" else self.baseline, self.entity)


def with_changes(components: pd.DataFrame, entity: str, changes: Mapping[str, float]) -> pd.DataFrame:
    """The field's latest component values with `entity`'s values replaced or added for the changed codes."""
    data = latest_values(components)[["entity", "indicator", "value"]]
    keep = ~((data["entity"] == entity) & data["indicator"].isin(list(changes)))
    added = pd.DataFrame({"entity": entity, "indicator": list(changes), "value": [float(v) for v in changes.values()]})
    return pd.concat([data[keep], added], ignore_index=True)


def whatif_components(
    components: pd.DataFrame, methodology: Methodology, entity: str, changes: Mapping[str, float], baseline: pd.DataFrame | None = None
) -> Scenario:
    """Re-score the field with `entity`'s component indicators changed (codes of the methodology). `baseline`: the
    field's results without the change, when already computed (the same `score` of the same data)."""
    if baseline is None:
        baseline = score(latest_values(components)[["entity", "indicator", "value"]], methodology).entities
    whatif = score(with_changes(components, entity, changes), methodology).entities
    return Scenario(baseline, whatif, entity, dict(changes))


def published_field(published: pd.DataFrame) -> pd.DataFrame:
    """One edition's published results (columns iso3, osi, tii, hci, egdi, epi) as a field of RESULT_COLUMNS."""
    return pd.DataFrame(
        {
            "entity": published["iso3"].to_numpy(),
            **{code: published[code].to_numpy(dtype=float) for code in ("tii", "hci", "osi", "epi", "egdi")},
        }
    )


def rescore_published(field: pd.DataFrame, methodology: Methodology, entity: str, changes: Mapping[str, float]) -> pd.DataFrame:
    """The field with `entity`'s sub-indices changed: its EGDI = Σ_S v_S·S over the edition's EGDI weights, every
    other country keeps its published EGDI; rank, group and class follow for all."""
    values = {code: field[code].to_numpy(dtype=float).copy() for code in ("tii", "hci", "osi", "epi", "egdi")}
    at = (field["entity"] == entity).to_numpy()
    for code, value in changes.items():
        values[code][at] = float(value)
    if changes:
        values["egdi"][at] = sum(values[code][at] * weight for code, weight in methodology.egdi_weights.items())
    classes = classify(values["egdi"], methodology.groups)
    return pd.DataFrame({"entity": field["entity"].to_numpy(), **values, **classes, "flags": ""})[RESULT_COLUMNS]


def entity_row(frame: pd.DataFrame, entity: str) -> pd.Series:
    """The result row of one entity."""
    return frame[frame["entity"] == entity].iloc[0]


def whatif_published(published: pd.DataFrame, methodology: Methodology, entity: str, changes: Mapping[str, float]) -> Scenario:
    """Set `entity`'s OSI, TII or HCI directly and re-rank it against the other countries' published EGDI."""
    unknown = set(changes) - set(SUBINDEX_CODES)
    if unknown:
        raise ValueError(f"published results can only change {list(SUBINDEX_CODES)}, not {sorted(unknown)}")
    field = published_field(published)
    return Scenario(
        rescore_published(field, methodology, entity, {}), rescore_published(field, methodology, entity, changes), entity, dict(changes)
    )


# Goal seek ---------------------------------------------------------------------------------------------------


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


# Scenarios: saved in the store, shared by URL ------------------------------------------------------------------

PUBLISHED_MODE = "published"
COMPONENTS_MODE = "components"
SCENARIO_KIND = "scenario"
SCENARIO_PREFIX = "scenario:"  # of the dataset key and of the stored indicator codes
SCENARIO_NAME_LIMIT = 60


@dataclass(frozen=True)
class SavedScenario:
    """A named what-if: the entity, the survey edition, and the values set (codes of one mode)."""

    name: str
    entity: str
    edition: int
    changes: dict[str, float]

    @property
    def mode(self) -> str:
        return mode_of(self.changes)


def mode_of(changes: Mapping[str, float]) -> str:
    """`published` when only sub-indices are set (osi, tii, hci), else `components`."""
    return PUBLISHED_MODE if set(changes) <= set(SUBINDEX_CODES) else COMPONENTS_MODE


def scenario_name(name: object) -> str:
    """A scenario name as stored: spaces collapsed, at most SCENARIO_NAME_LIMIT characters ('' when blank)."""
    return " ".join(str(name or "").split())[:SCENARIO_NAME_LIMIT]


def scenario_dataset(name: str) -> str:
    return SCENARIO_PREFIX + scenario_name(name)


def scenario_to_tidy(scenario: SavedScenario) -> pd.DataFrame:
    """The rows a scenario is stored as: entity, year = edition, indicator = `scenario:<code>`, value. The codes are
    prefixed so that a scenario never stands in for a measured value of the same entity, year and indicator."""
    codes = sorted(scenario.changes)
    return pd.DataFrame(
        {
            "entity": scenario.entity,
            "year": pd.array([scenario.edition] * len(codes), dtype="Int64"),
            "indicator": [SCENARIO_PREFIX + code for code in codes],
            "value": [float(scenario.changes[code]) for code in codes],
            "source": f"{SCENARIO_KIND}: {scenario.name}",
        }
    )


def scenarios_from_tidy(stored: pd.DataFrame) -> list[SavedScenario]:
    """The scenarios in rows read from the store (columns dataset, entity, year, indicator, value; read with
    `resolve=False`, so that scenarios setting the same values all come back), by name."""
    found = []
    ours = stored["dataset"].astype(str).str.startswith(SCENARIO_PREFIX) & stored["indicator"].astype(str).str.startswith(SCENARIO_PREFIX)
    rows = stored[ours]
    for dataset, group in rows.groupby("dataset", sort=True):
        first = group.iloc[0]
        changes = {str(code)[len(SCENARIO_PREFIX) :]: float(value) for code, value in zip(group["indicator"], group["value"], strict=True)}
        found.append(SavedScenario(str(dataset)[len(SCENARIO_PREFIX) :], str(first["entity"]), int(first["year"]), changes))
    return found


def parse_changes(text: str | None) -> dict[str, float]:
    """`osi:0.6,tii:0.7` (as in a shared URL) into {code: value}; malformed or non-finite parts are left out."""
    changes: dict[str, float] = {}
    for part in (text or "").split(","):
        code, sep, raw = part.partition(":")
        try:
            value = float(raw)
        except ValueError:
            continue
        if sep and code.strip() and np.isfinite(value):
            changes[code.strip()] = value
    return changes


def format_changes(changes: Mapping[str, float]) -> str:
    """{code: value} as `code:value,...` (codes sorted, values to 10 significant digits); '' when empty."""
    return ",".join(f"{code}:{float(changes[code]):.10g}" for code in sorted(changes))


def peer_rank(frame: pd.DataFrame, entity: str, members: Collection[str]) -> int | None:
    """The entity's rank by EGDI among `members` in a result frame (ties share the better rank); None when the
    entity is not a member, has no EGDI, or a member is missing from the frame."""
    wanted = set(members)
    entities = frame["entity"].to_numpy(dtype=object)
    inside = np.fromiter((e in wanted for e in entities), dtype=bool, count=len(entities))
    if entity not in wanted or len(set(entities[inside])) < len(wanted):
        return None
    egdi = frame["egdi"].to_numpy(dtype=float)
    own = egdi[entities == entity]
    if not len(own) or np.isnan(own[0]):
        return None
    return 1 + int((egdi[inside] > own[0] + 1e-12).sum())


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
