"""What the reports' Outlook section says: the next Survey's nowcast of the country with intervals, its ASEAN peers, the
top three levers and the nowcast's track record (outlook_tables puts it in tables in the report language).

Everything comes from `indicators.outlook.briefing` (computed once per store version). The track record is the
replays of 2020, 2022 and 2024 with the data out by the end of each Survey's year, the lead at which the next Survey's
nowcast is made; the README and benchmarks/bench_nowcast.py give the stricter replays a year ahead too.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.method.peers import peer_set
from indicators.outlook.briefing import Outlook
from indicators.outlook.evaluation import ENTITY_COLUMNS, SUMMARY_COLUMNS
from indicators.outlook.forecast import ForecastError
from indicators.outlook.levers import Lever

TOP_LEVERS = 3
RECORD_LEAD = 0  # the nowcast of the next Survey is made during its year


@dataclass(frozen=True)
class ReportOutlook:
    """row: the country's nowcast (nowcast.NOWCAST_COLUMNS); peers: the ASEAN members' rows, best EGDI first; levers:
    the top three, one per component; record: evaluation summary lines (EGDI and rank, nowcast and naive); entity:
    the country's replayed EGDI and rank against the published; notes: how it was made, by language."""

    edition: int
    coverage: float
    row: pd.Series
    peers: pd.DataFrame
    levers: tuple[Lever, ...]
    record: pd.DataFrame
    entity: pd.DataFrame
    notes: dict[str, list[str]]
    line: dict[str, str]


def top_levers(found: list[Lever], count: int = TOP_LEVERS) -> tuple[Lever, ...]:
    """The `count` levers with the largest ΔEGDI, one per component."""
    chosen: list[Lever] = []
    for lever in found:
        if lever.code not in {c.code for c in chosen}:
            chosen.append(lever)
        if len(chosen) == count:
            break
    return tuple(chosen)


def outlook_of(outlook: Outlook, iso3: str) -> ReportOutlook | None:
    """The Outlook section of `iso3` from `outlook`; None when no nowcast can be made or the country is not in it."""
    try:
        made = outlook.nowcast()
    except ForecastError:
        return None
    if iso3 not in set(made.table["iso3"]):
        return None
    try:
        evaluation = outlook.evaluation(lead=RECORD_LEAD, iso3=iso3)
    except ForecastError:  # a past Survey the store cannot replay: the section goes without its record
        evaluation = None
    summary = pd.DataFrame(columns=SUMMARY_COLUMNS) if evaluation is None else evaluation.summary
    entity = pd.DataFrame(columns=ENTITY_COLUMNS) if evaluation is None else evaluation.entity
    members = peer_set("asean", iso3).members
    return ReportOutlook(
        edition=made.edition,
        coverage=made.coverage,
        row=made.row(iso3),
        peers=outlook.peers(iso3, [m for m in members if m != iso3]),
        levers=top_levers(outlook.levers(iso3)),
        record=summary[summary["figure"].isin(["egdi", "rank"])].reset_index(drop=True),
        entity=entity[entity["figure"].isin(["egdi", "rank"])].reset_index(drop=True),
        notes={lang: outlook.notes(lang) for lang in ("en", "km")},
        line={lang: outlook.line(iso3, lang) for lang in ("en", "km")},
    )
