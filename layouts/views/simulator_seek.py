"""Goal seek on the Simulator page: from the published (or stored) value, the smallest value of one indicator that reaches a goal
(a better EGDI group or rating class, a world rank, an EGDI value), searched on the indicator's input grid with
`indicators.outlook.goal_seek`; each step re-scores the whole field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from indicators.method.methodology import Methodology
from indicators.outlook.goal_seek import (
    component_evaluator,
    goal_better_class,
    goal_better_group,
    goal_rank,
    goal_seek_on_grid,
    goal_value,
    published_evaluator,
)
from indicators.outlook.scenarios import PUBLISHED_MODE
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.labels import group_text
from layouts.views.simulator import (
    Context,
    bounds_of,
    changes_from,
    code_label,
    components_field,
    decimals_of,
    method_for,
    published_field,
    step_of,
)

GOALS = ("group", "class", "rank", "egdi")
DEFAULT_GOAL = "group"
DEFAULT_RANK_GOAL = 100
DEFAULT_EGDI_GOAL = 0.75
SEEK_STEPS = 48  # the scan of indicators.outlook.goal_seek


def needs_field(field: str, goal: object) -> bool:
    """Whether the goal field `field` ('rank' or 'egdi') is asked for: only for its own goal."""
    return field == goal


def reached_goal(goal: str, current: pd.Series, method: Methodology, rank: object, egdi: object) -> Callable[[pd.Series], bool]:
    """The goal as a predicate on the entity's result row."""
    if goal == "class":
        return goal_better_class(current, [c for level in method.groups for c in level.classes])
    if goal == "rank":
        return goal_rank(int(rank or DEFAULT_RANK_GOAL))  # type: ignore[call-overload]
    if goal == "egdi":
        return goal_value("egdi", float(egdi if egdi is not None else DEFAULT_EGDI_GOAL))  # type: ignore[arg-type]
    return goal_better_group(current, [level.label for level in method.groups])


def best_of(goal: str, method: Methodology) -> tuple[str, ...]:
    """The best group (or rating class): nothing is above it."""
    return (method.groups[0].label,) if goal == "group" else method.groups[0].classes[:1]


def outcome_text(row: pd.Series, lang: str) -> str:
    klass = row["rating_class"] if isinstance(row["rating_class"], str) else "–"
    return t(
        "simulator_seek_outcome",
        lang,
        egdi=fmt_number(row["egdi"], lang),
        rank=fmt_int(row["rank"], lang),
        group=group_text(row["group"], lang),
        klass=klass,
    )


@dataclass(frozen=True)
class SeekOutcome:
    """What goal seek found, in words (`kind`: '' when the goal needs no change, `warning` when out of reach,
    `success` when found), how it searched (`note`), and the value found ({code, value}) or None."""

    kind: str
    text: str
    note: str | None
    found: dict[str, object] | None


def seek(context: Context, code: str, goal: str, rank: object, egdi: object, values: Sequence[object], lang: str) -> SeekOutcome:
    """Goal seek of one indicator from its published (or stored) value, the other indicators as the current scenario
    sets them (the page's context and the values of its inputs)."""
    mode, edition, entity = str(context["mode"]), int(context["edition"]), str(context["entity"])
    codes, baseline = list(context["codes"]), dict(context["baseline"])
    changes = changes_from(values, codes, baseline)
    method = method_for(mode, edition)
    fixed = {k: v for k, v in changes.items() if k != code}
    low, high = bounds_of(code)
    start = baseline.get(code)  # from the published (or stored) value, whatever the scenario set it to
    start = low if start is None else float(start)
    if mode == PUBLISHED_MODE:
        field = published_field(edition)
        assert field is not None
        evaluate = published_evaluator(field, method, entity, code, fixed=fixed)
        count = len(field)
    else:
        data, _ = components_field(edition)
        evaluate = component_evaluator(data, method, entity, code, fixed=fixed)
        count = int(data["entity"].nunique())
    current = evaluate(start)
    if goal in ("group", "class") and current["group" if goal == "group" else "rating_class"] in best_of(goal, method):
        return SeekOutcome("", t(f"simulator_seek_best_{goal}", lang, outcome=outcome_text(current, lang)), None, None)
    reached = reached_goal(goal, current, method, rank, egdi)
    tolerance = step_of(code)
    found = goal_seek_on_grid(evaluate, reached, start, high, tolerance, steps=SEEK_STEPS)
    places = decimals_of(code)
    label = code_label(code, lang)
    steps, counted = fmt_int(SEEK_STEPS, lang), fmt_int(count, lang)
    note = t("simulator_seek_tolerance", lang, tolerance=fmt_number(tolerance, lang, places), steps=steps, count=counted)
    if found is None:
        outcome = outcome_text(evaluate(high), lang)
        text = t("simulator_seek_out_of_reach", lang, indicator=label, value=fmt_number(high, lang, places), outcome=outcome)
        return SeekOutcome("warning", text, note, None)
    if found == start:
        outcome = outcome_text(current, lang)
        return SeekOutcome(
            "", t("simulator_seek_already", lang, indicator=label, value=fmt_number(start, lang, places), outcome=outcome), note, None
        )
    text = t(
        "simulator_seek_found",
        lang,
        indicator=label,
        start=fmt_number(start, lang, places),
        value=fmt_number(found, lang, places),
        change=fmt_number(found - start, lang, places, signed=True),
        outcome=outcome_text(evaluate(found), lang),
    )
    return SeekOutcome("success", text, note, {"code": code, "value": found})
