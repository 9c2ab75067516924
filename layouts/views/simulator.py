"""Simulator (analysts, ministers): what if a country's sub-indices or component indicators were different?

Every what-if re-scores the whole field with the edition's method (`indicators.outlook.whatif`): in `published` mode the
country's OSI, TII and HCI are set and its EGDI ranked against every other country's published EGDI (needs the whole
field of that edition); in `components` mode its component indicators are set and every country is re-scored from
the stored component data (needs component data for the whole field). Goal seek (`simulator_seek`) finds the smallest
change of one indicator that reaches a goal; scenarios (`simulator_scenarios`) are saved, compared and shared by URL:
`?edition=2022&entity=KHM&mode=published&set=osi:0.6,tii:0.7`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict

import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries
from indicators.method.methodology import Methodology, available_editions, load_methodology, methodology_for_classification
from indicators.method.standing import WORLD_MINIMUM
from indicators.method.stored import stored_field
from indicators.outlook.goal_seek import seek_tolerance
from indicators.outlook.scenarios import COMPONENTS_MODE, PUBLISHED_MODE
from indicators.outlook.whatif import SUBINDEX_CODES, Scenario, peer_rank, whatif_components, whatif_published
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.choices import asked_edition
from layouts.views.labels import country_name, group_text, index_label
from layouts.views.snapshot import request_snapshot, store
from layouts.views.version_cache import newest_version_cache

MODES = (PUBLISHED_MODE, COMPONENTS_MODE)
RESULT_CODES = ("tii", "hci", "osi", "egdi")  # the rows of the results table
FIGURE_CODES = ("osi", "tii", "hci", "egdi")  # the bars of the results figure


# The field: what a what-if re-scores --------------------------------------------------------------------------


def method_for(mode: str, edition: int) -> Methodology:
    return load_methodology(edition) if mode == COMPONENTS_MODE else methodology_for_classification(edition)


def published_field(edition: int) -> pd.DataFrame | None:
    """The published results of `edition` when the store has the whole field, else None."""
    data = request_snapshot()
    return data.edition(edition) if edition in data.world_editions else None


@newest_version_cache(maxsize=8)
def _components(version: int, edition: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    field = stored_field(store(), edition)  # as the edition reads it: data year, release; national values flagged
    return field.inputs, field.scores


def components_field(edition: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every country's component values as `edition` reads them (entity, indicator, value, year, source, national; see
    indicators.method.stored.stored_field) and their scores (cached per store version)."""
    return _components(request_snapshot().version, edition)


def clear_caches() -> None:
    """Forget the fields of earlier store versions (tests that switch databases)."""
    _components.cache_clear()


def editions_for(mode: str) -> list[int]:
    if mode == COMPONENTS_MODE:
        return available_editions()
    data = request_snapshot()
    return data.world_editions or data.editions


def default_edition(mode: str) -> int:
    editions = editions_for(mode)
    if mode == COMPONENTS_MODE:
        covered = [e for e in editions if int(components_field(e)[1]["egdi"].notna().sum()) >= WORLD_MINIMUM]
        return (covered or editions)[-1]
    return editions[-1] if editions else available_editions()[-1]


def choose_edition(mode: str, edition: object) -> int:
    asked = asked_edition(edition)
    return asked if asked is not None and asked in editions_for(mode) else default_edition(mode)


@dataclass(frozen=True)
class Unavailable:
    """Why a what-if cannot be run here; `data_link`: point to the import on the Data page."""

    text: str
    data_link: bool


def unavailable(mode: str, edition: int, entity: str, lang: str) -> Unavailable | None:
    """Why a what-if cannot be run here, or None when it can."""
    name = country_name(entity, lang)
    if mode == PUBLISHED_MODE:
        field = published_field(edition)
        if field is None:
            return Unavailable(t("needs_world_data", lang, edition=fmt_int(edition, lang)), True)
        if entity not in set(field["iso3"]) or field.loc[field["iso3"] == entity, "egdi"].isna().all():
            return Unavailable(t("simulator_no_entity", lang, country=name, edition=fmt_int(edition, lang)), False)
        return None
    _, baseline = components_field(edition)
    covered = int(baseline["egdi"].notna().sum())
    if covered < WORLD_MINIMUM:
        return Unavailable(t("simulator_components_missing", lang, count=fmt_int(covered, lang), edition=fmt_int(edition, lang)), True)
    if baseline.loc[baseline["entity"] == entity, "egdi"].isna().all():
        return Unavailable(t("simulator_no_entity_components", lang, country=name, edition=fmt_int(edition, lang)), False)
    return None


def input_codes(mode: str, edition: int) -> list[str]:
    """The indicators that can be set: OSI, TII and HCI, or the method's components the stored field has."""
    if mode == PUBLISHED_MODE:
        return list(SUBINDEX_CODES)
    data, _ = components_field(edition)
    present = set(data["indicator"])
    return [code for code in load_methodology(edition).input_codes() if code in present]


def baseline_values(mode: str, edition: int, entity: str) -> dict[str, float | None]:
    codes = input_codes(mode, edition)
    if mode == PUBLISHED_MODE:
        field = published_field(edition)
        row = field[field["iso3"] == entity].iloc[0] if field is not None and entity in set(field["iso3"]) else None
        return {code: (float(row[code]) if row is not None and not pd.isna(row[code]) else None) for code in codes}
    data, _ = components_field(edition)
    own = data[data["entity"] == entity].set_index("indicator")["value"]
    return {code: (float(own[code]) if code in own.index else None) for code in codes}


class Context(TypedDict):
    """What the page keeps for its callbacks (in the browser, as JSON): the what-if's mode, edition and entity, the
    indicators that can be set and their baseline values."""

    mode: str
    edition: int
    entity: str
    codes: list[str]
    baseline: dict[str, float | None]


def context(mode: str, edition: int, entity: str) -> Context:
    codes = input_codes(mode, edition)
    return Context(mode=mode, edition=edition, entity=entity, codes=codes, baseline=baseline_values(mode, edition, entity))


def simulate(mode: str, edition: int, entity: str, changes: Mapping[str, float]) -> Scenario:
    """The what-if (a full re-score of the field); call only when `unavailable` is None."""
    method = method_for(mode, edition)
    if mode == PUBLISHED_MODE:
        field = published_field(edition)
        assert field is not None
        return whatif_published(field, method, entity, {k: v for k, v in changes.items() if k in SUBINDEX_CODES})
    data, baseline = components_field(edition)
    return whatif_components(data, method, entity, dict(changes), baseline=baseline)


# The inputs ----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def asean_members() -> list[str]:
    table = load_countries().table
    return sorted(table.index[table["asean"]])


def bounds_of(code: str) -> tuple[float, float]:
    spec = load_catalogue()[code]
    return float(spec.min), float(spec.max)


def step_of(code: str) -> float:
    """The input step of an indicator, also the tolerance of a goal seek on it."""
    return seek_tolerance(*bounds_of(code))


def decimals_of(code: str) -> int:
    return max(0, -math.floor(math.log10(step_of(code)) + 1e-9))


def code_label(code: str, lang: str) -> str:
    if code in SUBINDEX_CODES:
        return t(code, lang)
    return load_catalogue()[code].name(lang)


def input_value(code: str, value: float | None) -> float | None:
    """A value as an input holds it: on the grid of the indicator's step."""
    return None if value is None else round(value, decimals_of(code))


def changes_from(values: Sequence[object], codes: list[str], baseline: Mapping[str, float | None]) -> dict[str, float]:
    """The values that differ from the baseline (a value within half a step of it is no change: the inputs show
    the baseline rounded to the step)."""
    changes = {}
    for code, value in zip(codes, values, strict=True):
        if value is None or value == "":
            continue
        number = float(value)  # type: ignore[arg-type]
        base = baseline.get(code)
        if base is None or abs(number - base) > step_of(code) / 2:
            changes[code] = number
    return changes


def changes_text(changes: Mapping[str, float], lang: str) -> str:
    """'Online Service Index 0.6000, Telecommunication Infrastructure Index 0.7000'."""
    return ", ".join(f"{code_label(c, lang)} {fmt_number(v, lang, decimals_of(c))}" for c, v in sorted(changes.items()))


@dataclass(frozen=True)
class Slider:
    """One indicator's input: its label, the baseline in words, its range and step, and the value it shows."""

    code: str
    label: str
    hint: str
    low: float
    high: float
    step: float
    value: float | None


def sliders(codes: list[str], baseline: Mapping[str, float | None], changes: Mapping[str, float], lang: str) -> list[Slider]:
    found = []
    for code in codes:
        low, high = bounds_of(code)
        base = baseline.get(code)
        unit = "" if code in SUBINDEX_CODES else load_catalogue()[code].unit(lang)
        hint = (
            t("simulator_input_baseline", lang, value=fmt_number(base, lang, decimals_of(code)), unit=unit)
            if base is not None
            else t("simulator_input_no_value", lang)
        )
        found.append(Slider(code, code_label(code, lang), hint, low, high, step_of(code), changes.get(code, input_value(code, base))))
    return found


# The results ---------------------------------------------------------------------------------------------------


def result_values(scenario: Scenario) -> tuple[pd.Series, pd.Series, int | None, int | None]:
    members = asean_members()
    return (
        scenario.row("baseline"),
        scenario.row("whatif"),
        peer_rank(scenario.baseline, scenario.entity, members),
        peer_rank(scenario.whatif, scenario.entity, members),
    )


def rank_change(before: object, after: object, lang: str) -> str:
    if before is None or after is None or pd.isna(before) or pd.isna(after):  # type: ignore[arg-type]
        return "–"
    places = int(before) - int(after)  # type: ignore[call-overload]
    if places == 0:
        return t("simulator_no_change", lang)
    key = "simulator_rank_up" if places > 0 else "simulator_rank_down"
    return t(key, lang, places=fmt_int(abs(places), lang))


def label_change(before: object, after: object, shown: str, lang: str) -> str:
    """`no change`, or `moves to <shown>` (the new group or class as displayed)."""
    return t("simulator_no_change", lang) if before == after else t("simulator_moves_to", lang, value=shown)


@dataclass(frozen=True)
class Results:
    """A what-if's results: the table rows (indicator, baseline, what-if, change), the bars of the figure, the
    EGDI group thresholds drawn on it, and a summary line."""

    headers: list[str]
    rows: list[list[str]]
    before: dict[str, float]
    after: dict[str, float]
    thresholds: list[tuple[str, float]]
    summary: str


def results(mode: str, edition: int, entity: str, changes: Mapping[str, float], lang: str) -> Results:
    scenario = simulate(mode, edition, entity, changes)
    before, after, asean_before, asean_after = result_values(scenario)
    rows = [
        [
            index_label(code, lang),
            fmt_number(before[code], lang),
            fmt_number(after[code], lang),
            fmt_number(after[code] - before[code], lang, signed=True),
        ]
        for code in RESULT_CODES
    ]
    before_class, after_class = str(before["rating_class"] or "–"), str(after["rating_class"] or "–")
    rows += [
        [
            t("simulator_world_rank", lang),
            fmt_int(before["rank"], lang),
            fmt_int(after["rank"], lang),
            rank_change(before["rank"], after["rank"], lang),
        ],
        [
            t("simulator_asean_rank", lang),
            fmt_int(asean_before, lang),
            fmt_int(asean_after, lang),
            rank_change(asean_before, asean_after, lang),
        ],
        [
            t("simulator_group", lang),
            group_text(before["group"], lang),
            group_text(after["group"], lang),
            label_change(before["group"], after["group"], group_text(after["group"], lang), lang),
        ],
        [
            t("simulator_class", lang),
            before_class,
            after_class,
            label_change(before["rating_class"], after["rating_class"], after_class, lang),
        ],
    ]
    headers = [t(key, lang) for key in ("simulator_col_indicator", "simulator_baseline", "simulator_whatif", "simulator_col_change")]
    method = method_for(mode, edition)
    thresholds = [(level.label, float(level.above)) for level in method.groups if level.above is not None and level.above > 0.25]
    summary = t(
        "simulator_summary_changed" if changes else "simulator_summary_baseline",
        lang,
        country=country_name(entity, lang),
        edition=fmt_int(edition, lang),
        count=fmt_int(len(scenario.whatif), lang),
        changes=changes_text(changes, lang),
    )
    return Results(
        headers,
        rows,
        {code: float(before[code]) for code in FIGURE_CODES},
        {code: float(after[code]) for code in FIGURE_CODES},
        thresholds,
        summary,
    )
