"""Levers: which component moves a country's EGDI and rank most in the next Survey, for a realistic step.

On the nowcast's field (forecast.Forecast.field: every country's components as the next Survey reads them, the OSI
carried from the last one), for each component k of the TII and HCI (a part of a combination is its own lever: the
two price baskets, the three enrolment levels) and for the OSI, three realistic steps, each ending at

    trend         x_k + (x_k(d) − x_k(d − 4)) / 2   the country's own pace per Survey over the last two Surveys
                                                    (d: the component's data year; the OSI: its last two published values)
    asean_median  the median of k over the ASEAN members of the field
    next_group    the median of k over the countries nowcast in the next better EGDI group

(only a step that improves k, lower being better for a price; within k's valid range). Each step is scored by a full
re-score of the whole field with that one change (whatif.whatif_components): never a local slope, since z-scores and
min-max depend on every country. ΔEGDI, the world rank and the ASEAN rank before and after; levers ranked by ΔEGDI.

`changes` is what the Simulator presets for a lever (its mode is components, its edition the nowcast's).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.method.classify import classify
from indicators.method.components import LOWER
from indicators.method.inputs import method_inputs
from indicators.method.methodology import Methodology
from indicators.method.normalise import FloatArray
from indicators.method.shift import shift_data_years
from indicators.method.vintages import choose_releases, published_by
from indicators.outlook.forecast import Forecast, asean_ranks
from indicators.outlook.record import Record
from indicators.outlook.whatif import whatif_components

STEPS = ("trend", "asean_median", "next_group")
OSI_CODE = "osi_score"  # the carried OSI stands in for the raw points: a lever of the ministry's own


@dataclass(frozen=True)
class Lever:
    """One realistic step of one component and what a full re-score gives (module docstring)."""

    code: str
    subindex: str
    step: str
    start: float
    target: float
    egdi_before: float
    egdi_after: float
    rank_before: int
    rank_after: int
    asean_before: int | None
    asean_after: int | None

    @property
    def delta_egdi(self) -> float:
        return self.egdi_after - self.egdi_before

    @property
    def changes(self) -> dict[str, float]:
        """The Simulator preset: set `code` to `target`."""
        return {self.code: self.target}


def lever_codes(methodology: Methodology) -> dict[str, tuple[str, bool]]:
    """Each lever's input code → (sub-index, lower is better): the TII and HCI components and parts, and the OSI."""
    codes: dict[str, tuple[str, bool]] = {}
    for code in ("tii", "hci"):
        for component in methodology.subindices[code].forms[0].components:
            if component.combine is None:
                codes[component.code] = (code, component.direction == LOWER)
            else:
                for part in component.combine.parts:
                    codes[part.code] = (code, (part.direction if component.combine.how == "mean_z" else component.direction) == LOWER)
    codes[OSI_CODE] = ("osi", False)
    return codes


def ranked(scores: pd.DataFrame, fallback: pd.Series, methodology: Methodology) -> pd.DataFrame:
    """scores (entity, egdi) with world rank and ASEAN rank; a country without a re-scored EGDI keeps the nowcast's
    (`fallback`, by iso3: its TII or HCI was carried)."""
    egdi: FloatArray = np.asarray(scores["egdi"].astype(float).fillna(scores["entity"].map(fallback)), dtype=np.float64)
    classes = classify(egdi, methodology.groups)
    return pd.DataFrame(
        {"entity": scores["entity"].to_numpy(), "egdi": egdi, "rank": classes["rank"], "asean_rank": asean_ranks(scores["entity"], egdi)}
    )


def _pace(record: Record, forecast: Forecast, iso3: str, code: str) -> float | None:
    """The change of `code` per Survey over the last two Surveys (module docstring), or None."""
    if code == OSI_CODE:
        history = record.published[record.published["iso3"] == iso3].set_index("edition")["osi"].astype(float).dropna()
        history = history[history.index <= forecast.carried_from]
        return float(history.iloc[-1] - history.iloc[-2]) if len(history) > 1 else None
    values = record.values if forecast.until is None else published_by(record.values, forecast.until)
    chosen = choose_releases(values[values["entity"] == iso3], as_of=forecast.until)
    now = method_inputs(chosen, forecast.methodology).set_index("indicator")["value"]
    before = method_inputs(chosen, shift_data_years(forecast.methodology, -4)).set_index("indicator")["value"]
    return float(now[code] - before[code]) / 2 if code in now.index and code in before.index else None


def step_targets(record: Record, forecast: Forecast, iso3: str, code: str, lower: bool) -> dict[str, float]:
    """The end of each realistic step of `code` for `iso3` that improves it, within the valid range."""
    inputs = forecast.field.inputs
    values = inputs[inputs["indicator"] == code].set_index("entity")["value"].astype(float)
    if iso3 not in values.index:
        return {}
    start = float(values[iso3])
    table = forecast.table.set_index("iso3")
    asean = table.index[table["asean_rank"].notna()]
    groups = [level.label for level in forecast.methodology.groups]
    group = str(table.loc[[iso3], "group"].iloc[0])
    own = groups.index(group) if group in groups else None
    better = table.index[table["group"] == groups[own - 1]] if own else pd.Index([])
    pace = _pace(record, forecast, iso3, code)
    ends = {
        "trend": None if pace is None else start + pace,
        "asean_median": float(values.reindex(asean).median()) if len(asean) else None,
        "next_group": float(values.reindex(better).median()) if len(better) else None,
    }
    low, high = (0.0, 1.0) if code == OSI_CODE else (load_catalogue()[code].min, load_catalogue()[code].max)
    found = {}
    for step, end in ends.items():
        if end is not None and not np.isnan(end) and ((end < start) if lower else (end > start)):
            found[step] = float(min(max(end, low), high))
    return found


def _value(frame: pd.DataFrame, iso3: str, column: str) -> float:
    return float(frame.loc[[iso3], column].to_numpy(dtype=float, na_value=np.nan)[0])


def _whole(frame: pd.DataFrame, iso3: str, column: str) -> int | None:
    value = _value(frame, iso3, column)
    return None if np.isnan(value) else int(value)


def levers(record: Record, iso3: str, forecast: Forecast) -> list[Lever]:
    """Every realistic step of every component of `iso3`, each scored by a full re-score of the field of `forecast`
    (the nowcast's), best ΔEGDI first (module docstring)."""
    method = forecast.methodology
    data = forecast.field.data
    fallback = forecast.table.set_index("iso3")["egdi"]
    baseline = ranked(forecast.field.scores, fallback, method).set_index("entity")
    if iso3 not in baseline.index or np.isnan(_value(baseline, iso3, "egdi")):
        return []
    found = []
    for code, (subindex, lower) in lever_codes(method).items():
        for step, target in step_targets(record, forecast, iso3, code, lower).items():
            scenario = whatif_components(data, method, iso3, {code: target}, baseline=forecast.field.scores)
            after = ranked(scenario.whatif, fallback, method).set_index("entity")
            found.append(
                Lever(
                    code=code,
                    subindex=subindex,
                    step=step,
                    start=float(data[(data["entity"] == iso3) & (data["indicator"] == code)]["value"].iloc[0]),
                    target=target,
                    egdi_before=_value(baseline, iso3, "egdi"),
                    egdi_after=_value(after, iso3, "egdi"),
                    rank_before=int(_value(baseline, iso3, "rank")),
                    rank_after=int(_value(after, iso3, "rank")),
                    asean_before=_whole(baseline, iso3, "asean_rank"),
                    asean_after=_whole(after, iso3, "asean_rank"),
                )
            )
    return sorted(found, key=lambda lever: (-lever.delta_egdi, lever.rank_after, lever.code, STEPS.index(lever.step)))
