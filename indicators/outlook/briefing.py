"""The Outlook as pages and reports use it: one store's nowcasts, track record and levers, each computed once.

`stored_outlook(store)` gives the `Outlook` of the store's latest version (kept until a new version lands):

    outlook.nowcast()                          the next Survey's nowcast (nowcast.Nowcast), kept per edition and data
    outlook.line("KHM", lang)                  "Next Survey (2026) nowcast: EGDI 0.54 (0.48–0.59), rank 131 (118–144)"
    outlook.peers("KHM", ["THA", …])           the nowcast rows of a country and its peers, with intervals
    outlook.track_record("KHM")                predicted against published, every edition replayed a year ahead
    outlook.basis("KHM", "world_rank")         a target status's figure from the nowcast (NowcastBasis), or None
    outlook.status_estimate                    status.Nowcast: the nowcast as a target status's evidence (`nowcast:2026`)
    outlook.notes(lang)                        what was computed, what carried, the method and the intervals, in words
    outlook.levers("KHM")                      the ranked levers (levers.levers), kept per country
    outlook.paths(targets)                     the cheapest path to each Policy milestone (paths.milestone_paths)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from indicators.i18n import digits, message
from indicators.method.stored import latest_version, stored_components, stored_published
from indicators.outlook.evaluation import Evaluation, evaluate
from indicators.outlook.levers import Lever, levers
from indicators.outlook.nowcast import DEFAULT_COVERAGE, Nowcast, nowcast
from indicators.outlook.paths import MilestonePath, milestone_paths
from indicators.outlook.record import Record
from indicators.outlook.status import Estimate
from indicators.outlook.targets import TargetSet
from indicators.store import Store

SURVEY_STEP = 2  # the Survey is biennial
NOWCAST_BASIS = "nowcast:"  # a target status's basis when the nowcast decided it: "nowcast:2026"
INDICATOR_COLUMNS = {code: code for code in ("egdi", "osi", "tii", "hci", "epi", "asean_rank")} | {"world_rank": "rank"}


@dataclass(frozen=True)
class NowcastBasis:
    """A survey indicator of one country in the nowcast's edition: the point, its interval, and how it was made
    (`how`: computed or carried, per the nowcast's `how` column), for a target status to use as its evidence."""

    indicator: str
    edition: int
    value: float
    lower: float
    upper: float
    how: str


@dataclass
class Outlook:
    """One store's outlook (module docstring); `record` holds its data and replays."""

    record: Record
    _nowcasts: dict[tuple[int, int | None, float], Nowcast] = field(default_factory=dict, repr=False)
    _levers: dict[tuple[str, int], list[Lever]] = field(default_factory=dict, repr=False)
    _evaluation: dict[tuple[float, int, str], Evaluation] = field(default_factory=dict, repr=False)
    _paths: dict[tuple[object, ...], list[MilestonePath]] = field(default_factory=dict, repr=False)

    def next_edition(self) -> int:
        """The Survey after the latest one stored."""
        return int(self.record.published["edition"].max()) + SURVEY_STEP

    def nowcast(self, edition: int | None = None, until: int | None = None, coverage: float = DEFAULT_COVERAGE) -> Nowcast:
        key = (edition or self.next_edition(), until, coverage)
        if key not in self._nowcasts:
            self._nowcasts[key] = nowcast(self.record, key[0], until, coverage)
        return self._nowcasts[key]

    def line(self, iso3: str, lang: str = "en") -> str:
        """The Overview's one line on the next Survey."""
        made = self.nowcast()
        row = made.row(iso3)
        if pd.isna(row["egdi_low"]) or pd.isna(row["rank_low"]):  # no earlier Survey could size an interval
            return digits(
                message("nowcast_line_point", lang, edition=made.edition, egdi=f"{float(row['egdi']):.2f}", rank=int(row["rank"])), lang
            )
        figures = {name: f"{float(row[name]):.2f}" for name in ("egdi", "egdi_low", "egdi_high")}
        ranks = {name: str(int(row[name])) for name in ("rank", "rank_low", "rank_high")}
        return digits(message("nowcast_line", lang, edition=made.edition, **figures, **ranks), lang)

    def peers(self, iso3: str, peers: Sequence[str]) -> pd.DataFrame:
        """The nowcast rows (nowcast.NOWCAST_COLUMNS) of `iso3` and `peers` in the field, best EGDI first."""
        table = self.nowcast().table
        return table[table["iso3"].isin([iso3, *peers])].reset_index(drop=True)

    def track_record(self, iso3: str | None = None) -> pd.DataFrame:
        """Predicted against published (record.ERROR_COLUMNS) for every edition replayed a year ahead; one country's
        rows with `iso3`."""
        rows = self.record.predicted_vs_published()
        return rows if iso3 is None else rows[rows["iso3"] == iso3].reset_index(drop=True)

    def evaluation(self, coverage: float = DEFAULT_COVERAGE, lead: int = 1, iso3: str = "KHM") -> Evaluation:
        """The evaluation of the replays of 2020, 2022 and 2024 with data until `lead` years before each
        (evaluation.evaluate; lead 0 is the lead of the next Survey's nowcast, made during its year)."""
        key = (coverage, lead, iso3)
        if key not in self._evaluation:
            self._evaluation[key] = evaluate(self.record, coverage=coverage, lead=lead, iso3=iso3)
        return self._evaluation[key]

    def basis(self, iso3: str, indicator: str, edition: int | None = None) -> NowcastBasis | None:
        """The nowcast of a survey indicator (egdi, osi, tii, hci, epi, world_rank, asean_rank) for `iso3`: what a
        target measured in the nowcast's edition can be judged by. None for any other indicator or country."""
        column = INDICATOR_COLUMNS.get(indicator)
        made = self.nowcast(edition)
        if column is None or iso3 not in set(made.table["iso3"]):
            return None
        row = made.row(iso3)
        low, high = float(row[f"{column}_low"]), float(row[f"{column}_high"])
        return NowcastBasis(indicator, made.edition, float(row[column]), low, high, str(row["how"]))

    def status_estimate(self, indicator: str, entity: str, year: int) -> Estimate | None:
        """status.Nowcast: for a survey indicator measured in the next Survey, the nowcast's figure and interval (an
        end without an interval is the point), its basis `nowcast:<edition>`; None for any other year or indicator,
        where the status keeps the trend. The nowcast is better evidence there than a trend of the last Surveys: it
        reads the component data published since, and its intervals come from its own replays."""
        if year != self.next_edition():
            return None
        found = self.basis(entity, indicator)
        if found is None or pd.isna(found.value):
            return None
        lower, upper = (found.value if pd.isna(end) else end for end in (found.lower, found.upper))
        return Estimate(found.value, lower, upper, f"{NOWCAST_BASIS}{found.edition}")

    def notes(self, lang: str = "en", edition: int | None = None, until: int | None = None) -> list[str]:
        """How the nowcast was made, in words: computed and carried figures, method, data, intervals."""
        made = self.nowcast(edition, until)
        forecast = made.forecast

        def number(value: object) -> str:
            return digits(str(value), lang)

        lines = [
            message("nowcast_how_computed", lang, codes="TII, HCI", edition=number(made.edition)),
            message("nowcast_how_carried", lang, codes="OSI, EPI", source=number(forecast.carried_from)),
        ]
        method = forecast.methodology.id
        if forecast.own_method:
            lines.append(message("nowcast_method_own", lang, edition=number(made.edition), method=method))
        else:
            lines.append(message("nowcast_method_moved", lang, edition=number(made.edition), base=method.split("@")[0], method=method))
        lines.append(message("nowcast_data_now", lang) if until is None else message("nowcast_data_until", lang, until=number(until)))
        if made.calibrated_on:
            editions = ", ".join(number(e) for e in made.calibrated_on)
            lines.append(message("nowcast_intervals", lang, coverage=number(round(made.coverage * 100)), editions=editions))
        else:
            lines.append(message("nowcast_no_intervals", lang))
        for subindex, end, before, now in self.anchor_changes(edition, until):
            lines.append(
                message(
                    f"nowcast_anchor_{end}", lang, subindex=subindex.upper(), before=before, now=now, source=number(forecast.carried_from)
                )
            )
        return lines

    def anchor_changes(self, edition: int | None = None, until: int | None = None) -> list[tuple[str, str, str, str]]:
        """(sub-index, lowest|highest, the country at that end in the last Survey, in the nowcast) wherever the
        country that anchors a min-max scale changes: every country's value then moves with it, ranks much less."""
        made = self.nowcast(edition, until)
        last = self.record.published[self.record.published["edition"] == made.forecast.carried_from].set_index("iso3")
        mine = made.table.set_index("iso3")
        changes = []
        for code in ("tii", "hci"):
            for end, pick in (("lowest", "idxmin"), ("highest", "idxmax")):
                before, now = str(getattr(last[code], pick)()), str(getattr(mine[code], pick)())
                if before != now:
                    changes.append((code, end, before, now))
        return changes

    def levers(self, iso3: str, edition: int | None = None) -> list[Lever]:
        """The ranked levers of `iso3` on the nowcast of `edition` (default: the next Survey)."""
        key = (iso3, edition or self.next_edition())
        if key not in self._levers:
            self._levers[key] = levers(self.record, iso3, self.nowcast(key[1]).forecast)
        return self._levers[key]

    def paths(self, targets: TargetSet) -> list[MilestonePath]:
        """The cheapest path to each milestone of `targets` on the next Survey's field, kept per target set."""
        milestones = tuple((t.id, t.indicator, tuple(sorted(t.values.items()))) for t in targets.targets)
        key = (targets.id, targets.entity, milestones, self.next_edition())
        if key not in self._paths:
            self._paths[key] = milestone_paths(self.nowcast().forecast, self.levers(targets.entity), targets)
        return self._paths[key]


def stored_outlook(store: Store) -> Outlook:
    """The outlook of the store's latest version, kept until a new version lands."""
    return _outlook(store, latest_version(store))


@lru_cache(maxsize=1)  # the latest version only (its record holds the replays of every edition)
def _outlook(store: Store, version: int) -> Outlook:
    return Outlook(Record(stored_components(store), stored_published(store)))
