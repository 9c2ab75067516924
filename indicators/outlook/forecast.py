"""The point estimates of a nowcast: every country's sub-indices, EGDI, rank, group and class in a Survey not yet
published (or replayed as if it were not), from what was known at a given time.

For edition E, with data known by the end of year Y (`until`; None: everything stored now):

    method  E's own file; an edition with no file (the next Survey) reads the latest file's method, its data years
            moved by the years between them (indicators.method.shift), and says so
    field   the countries of the last Survey published by Y (before E)
    TII,HCI computed for the whole field from the component data E's data years allow, each series as released by
            the end of Y (indicators.method.vintages, field.score_field; international series only, as the UN reads)
    OSI,EPI carried from the last Survey: the UN's own assessment, not public before the Survey. Carrying forward beat
            a trend of the last two Surveys and a regression on them in the replays of 2020, 2022 and 2024
            (median |error| of the OSI 0.072, 0.054, 0.039 carried against 0.105, 0.069, 0.051 on half the last trend)
    EGDI    Σ_S v_S·S over E's EGDI weights; rank, group and rating class over the field (method.classify)

The min-max scale of a computed sub-index is set by the field's ends as the data of the time show them: the 2024
replay (data until 2023) scores Somalia, the HCI's lowest country, without the schooling years the UNDP first
published for it in 2024, so every other HCI is high (median +0.065; the back-test, reading them, +0.021). A scale
taken from the last Survey instead was no better over 2016–2024 (README, The next Survey).

A country whose TII or HCI cannot be computed (too little data for its data year) keeps its last published value,
and `how` says so for each figure: `computed`, or `carried:<edition>`. No nowcast is made without the last Survey's
whole field (world ranks and min-max need every country) or with component data for fewer than half of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.entities import load_countries
from indicators.i18n import message
from indicators.method.classify import classify
from indicators.method.field import Field, score_field
from indicators.method.methodology import Methodology
from indicators.method.shift import method_for_edition
from indicators.method.standing import WORLD_MINIMUM

FIGURES = ("tii", "hci", "osi", "epi", "egdi")
COMPUTED = ("tii", "hci")  # from public component data
CARRIED = ("osi", "epi")  # from the last Survey
FIRST_EDITION = 2014  # the first edition with a method file: nothing earlier can be computed
POINT_COLUMNS = ["iso3", *FIGURES, "rank", "group", "rating_class", "asean_rank", "how"]


class ForecastError(ValueError):
    """A nowcast that cannot be made (`key` and `params` name the message, see indicators.i18n)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(message(key, "en", **params))

    def message(self, lang: str = "en") -> str:
        return message(self.key, lang, **self.params)


@dataclass(frozen=True)
class Forecast:
    """Point estimates of `edition` (POINT_COLUMNS, one row per country of the field), what they were made from and
    how: `methodology` (own file or moved: `own_method`), `until` (data known by the end of that year; None: now),
    `carried_from` (the Survey the OSI and EPI come from), and `field`: the scored field, the carried OSI and EPI in
    place of raw points (what a lever or a what-if re-scores)."""

    edition: int
    until: int | None
    methodology: Methodology
    own_method: bool
    carried_from: int
    table: pd.DataFrame
    field: Field


def asean_ranks(iso3: pd.Series, egdi: np.ndarray) -> np.ndarray:
    """Each ASEAN member's rank by EGDI among the ASEAN members of the field (ties share the better rank); NaN for
    others and for a member without an EGDI."""
    members = set(load_countries().table.query("asean").index)
    inside = iso3.isin(members).to_numpy() & ~np.isnan(egdi)
    ranks = np.full(len(egdi), np.nan)
    values = egdi[inside]
    ranks[inside] = 1 + (values[None, :] > values[:, None] + 1e-12).sum(axis=1)
    return ranks


def known_editions(published: pd.DataFrame, edition: int, until: int | None) -> list[int]:
    """The Survey editions published by the end of `until` and before `edition`, oldest first."""
    editions = sorted({int(e) for e in published["edition"]})
    return [e for e in editions if e < edition and (until is None or e <= until)]


def predict(values: pd.DataFrame, published: pd.DataFrame, edition: int, until: int | None = None) -> Forecast:
    """The point nowcast of `edition` (module docstring). `values`: stored releases of the component data
    (method.stored.stored_components); `published`: the published-results table of every stored edition
    (method.stored.stored_published). ForecastError when it cannot be made."""
    if edition < FIRST_EDITION:
        raise ForecastError("nowcast_too_early", edition=edition, first=FIRST_EDITION)
    earlier = known_editions(published, edition, until)
    if not earlier:
        raise ForecastError("nowcast_no_survey", edition=edition, until="—" if until is None else until)
    last = earlier[-1]
    methodology, own = method_for_edition(edition)
    carried = published[published["edition"] == last]
    previous = carried.set_index("iso3")
    field = previous.index
    if len(field) < WORLD_MINIMUM:  # ranks, groups' classes and min-max need every country
        raise ForecastError("nowcast_needs_world", edition=edition, last=last, count=len(field), needed=WORLD_MINIMUM)
    if values["entity"].nunique() < WORLD_MINIMUM // 2:
        raise ForecastError("nowcast_needs_components", edition=edition, count=values["entity"].nunique())
    scored_field = score_field(values, methodology, field, national=False, as_of=until, until=until, published=carried)
    scored = scored_field.scores.set_index("entity")
    if scored[list(COMPUTED)].notna().sum().min() < WORLD_MINIMUM // 2:
        raise ForecastError("nowcast_needs_components", edition=edition, count=int(scored[list(COMPUTED)].notna().sum().min()))
    frame = pd.DataFrame(index=field)
    how: dict[str, pd.Series] = {}
    for code in COMPUTED:
        computed = scored[code].reindex(field)
        frame[code] = computed.fillna(previous[code])
        how[code] = pd.Series(np.where(computed.isna(), f"{code}=carried:{last}", f"{code}=computed"), index=field)
    for code in CARRIED:
        frame[code] = previous[code]
        how[code] = pd.Series(f"{code}=carried:{last}", index=field)
    weights = methodology.egdi_weights
    egdi = sum(frame[code].to_numpy(dtype=float) * weight for code, weight in weights.items())
    frame["egdi"] = egdi
    classes = classify(np.asarray(egdi, dtype=float), methodology.groups)
    table = pd.concat([frame.reset_index(names="iso3"), pd.DataFrame(classes)], axis=1)
    table["asean_rank"] = pd.array(asean_ranks(table["iso3"], table["egdi"].to_numpy(dtype=float)), dtype="Int64")
    table["how"] = [";".join(parts) for parts in zip(*(how[c].to_numpy() for c in (*COMPUTED, *CARRIED)), strict=True)]
    return Forecast(edition, until, methodology, own, last, table[POINT_COLUMNS], scored_field)
