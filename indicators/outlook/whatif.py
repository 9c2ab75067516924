"""What if: change one entity's inputs and re-score the whole field with the edition's method.

Z-scores and min-max normalisation depend on every entity, so a what-if is always a full re-score (never a local
shortcut); see README "A property of the method worth knowing": the score is not monotone in a component.

Two kinds of input:
- components (tidy indicator data of the whole field): set component indicators, re-score everything;
- published results (osi, tii, hci per country): set sub-indices directly; the entity's EGDI moves by the change of
  the sub-indices set, EGDI' = EGDI + Σ_S v_S·(S' − S) (the published EGDI, not the mean of the rounded published
  sub-indices: a no-op leaves Cambodia 2024 at 0.57536, not 0.57539), and is ranked against the other countries'
  published EGDI.

A sub-index outside [0, 1] is refused (`Unreachable`, with its message in English and Khmer): min-max normalised over
the field, it runs from 0 (the lowest country) to 1 (the highest), so no country can have it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.i18n import message
from indicators.method.classify import classify
from indicators.method.methodology import Methodology
from indicators.method.scoring import RESULT_COLUMNS, score
from indicators.tidy import latest_values

SUBINDEX_CODES = ("osi", "tii", "hci")


class Unreachable(ValueError):
    """A sub-index value no country can have; `message(lang)` says why."""

    def __init__(self, code: str, value: float) -> None:
        self.code, self.value = code, value
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return message("whatif_subindex_unreachable", lang, indicator=self.code, value=f"{self.value:g}")


def check_reachable(changes: Mapping[str, float]) -> None:
    """Unreachable for the first sub-index (OSI, TII, HCI) set outside [0, 1]."""
    for code, value in changes.items():
        if code in SUBINDEX_CODES and not 0.0 <= float(value) <= 1.0:
            raise Unreachable(code, float(value))


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
    """The field with `entity`'s sub-indices changed: its EGDI' = EGDI + Σ_S v_S·(S' − S) over the sub-indices changed
    (v: the edition's EGDI weights), every other country keeps its published EGDI; rank, group and class follow for
    all. Unreachable for a sub-index outside [0, 1]."""
    check_reachable(changes)
    values = {code: field[code].to_numpy(dtype=float).copy() for code in ("tii", "hci", "osi", "epi", "egdi")}
    at = (field["entity"] == entity).to_numpy()
    for code, value in changes.items():
        delta = float(value) - values[code][at]
        if code in methodology.egdi_weights:
            values["egdi"][at] = values["egdi"][at] + methodology.egdi_weights[code] * delta
        values[code][at] = float(value)
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
