"""Outlook (ministers, analysts): the next Survey before the UN publishes it, for one country.

Everything comes from `indicators.outlook.briefing` (computed off the request: `outlook_ready`), put into words and
display rows in the page language:

- the nowcast of the country and its ASEAN peers: EGDI, TII, HCI, OSI, EPI and world rank, each with its interval
  (x ± h, h sized from the replays of past Surveys), what was computed and what carried (`how`), and the notes;
- the track record: the country's predicted against published EGDI and rank in every replayed Survey, and the
  evaluation of 2020–2024 (median and 90th-percentile |error|, interval coverage, against the naive forecast), both
  at the lead the nowcast is made at (data out by the end of each Survey's year, as the reports show it);
- the ranked levers (a realistic step of one component, the whole field re-scored), each with the Simulator's
  address preset with that change;
- the cheapest path to each Policy milestone (for the targets' country).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries
from indicators.method.methodology import available_editions
from indicators.method.peers import peer_set
from indicators.outlook.briefing import Outlook
from indicators.outlook.forecast import ForecastError
from indicators.outlook.levers import OSI_CODE, Lever
from indicators.outlook.paths import MilestonePath
from indicators.outlook.record import ENTITY
from indicators.outlook.scenarios import COMPONENTS_MODE, format_changes
from indicators.outlook.targets import TargetsError, load_targets, stored_targets
from indicators.report.outlook_content import RECORD_LEAD
from layouts.i18n import fmt_int, fmt_number, t
from layouts.state import make_query
from layouts.views import outlook_ready
from layouts.views.labels import country_name, decimals, index_label
from layouts.views.snapshot import store

FIGURES = ("egdi", "tii", "hci", "osi", "epi")
RECORD_FIGURES = ("egdi", "tii", "hci", "osi", "epi", "rank")
PEER_HEADERS = (
    "outlook_col_country",
    "egdi",
    "outlook_col_interval",
    "tii_short",
    "hci_short",
    "osi_short",
    "epi_short",
    "overview_world_rank",
    "outlook_col_rank_range",
)
RECORD_HEADERS = (
    "edition",
    "outlook_col_egdi_predicted",
    "outlook_col_egdi_published",
    "outlook_col_rank_predicted",
    "outlook_col_rank_published",
)
LEVER_HEADERS = (
    "outlook_col_component",
    "outlook_col_subindex",
    "outlook_col_step",
    "outlook_col_change",
    "outlook_col_egdi_change",
    "outlook_col_world",
    "outlook_col_asean",
    "outlook_col_simulator",
)
EVALUATION_HEADERS = ("edition", "outlook_col_figure", "outlook_col_median", "outlook_col_p90", "outlook_col_naive", "outlook_col_coverage")


@dataclass(frozen=True)
class Figure:
    """One figure of the country's nowcast: its label, value, interval and how it was made, as displayed."""

    label: str
    value: str
    interval: str
    how: str


@dataclass(frozen=True)
class LeverRow:
    """One lever as displayed, with the Simulator's address preset with its change (`href`)."""

    component: str
    subindex: str
    step: str
    change: str  # from → to
    egdi: str  # ΔEGDI, signed
    world: str  # rank before → after
    asean: str
    href: str


@dataclass(frozen=True)
class PathRow:
    """The cheapest path to one milestone as displayed; `href` opens the Simulator with its changes (None: none)."""

    target: str
    outcome: str
    changes: list[str]
    href: str | None


@dataclass(frozen=True)
class OutlookPage:
    """The page below its controls. `message` instead of the rest when there is nothing to show (`computing`: the
    page asks again shortly; `data_link`: point to the Data page)."""

    message: str | None = None
    computing: bool = False
    data_link: bool = False
    title: str = ""
    line: str = ""
    figures: list[Figure] = field(default_factory=list)
    peers: pd.DataFrame | None = None  # iso3, name, egdi, egdi_low, egdi_high, rank, rank_low, rank_high (numbers)
    peer_rows: pd.DataFrame | None = None  # PEER_HEADERS, as displayed
    peers_summary: str = ""
    notes: list[str] = field(default_factory=list)
    record: pd.DataFrame | None = None  # edition, predicted and published EGDI and rank (numbers)
    record_rows: pd.DataFrame | None = None  # RECORD_HEADERS + published rank, as displayed
    record_summary: str = ""
    evaluation_rows: list[list[str]] = field(default_factory=list)
    levers: list[LeverRow] | None = None  # None while computed
    paths: list[PathRow] | None = None  # None while computed or for another country than the targets'
    paths_note: str = ""
    edition: int = 0


def still_computing(shown: OutlookPage) -> bool:
    """Whether a part of the page waits for the background: the nowcast, the levers or the paths."""
    return shown.computing or (shown.message is None and (shown.levers is None or shown.paths is None))


def known_country(entity: str) -> bool:
    return entity in set(load_countries().codes)


def how_text(how: str, code: str, lang: str) -> str:
    """`computed`, or `carried from the 2024 Survey`, for one sub-index of a nowcast's `how` ('tii=computed;...')."""
    if code == "egdi":
        return t("outlook_how_egdi", lang)
    made = dict(part.split("=", 1) for part in how.split(";")).get(code, "computed")
    if made == "computed":
        return t("outlook_how_computed", lang)
    return t("outlook_how_carried", lang, edition=fmt_int(made.split(":", 1)[1], lang))


def interval(low: object, high: object, lang: str, places: int = 4) -> str:
    """'0.4834–0.5939' ('–' without an interval); ranks with `places` 0."""
    if pd.isna(low) or pd.isna(high):  # type: ignore[call-overload]
        return "–"
    if places == 0:
        return f"{fmt_int(low, lang)}–{fmt_int(high, lang)}"
    return f"{fmt_number(low, lang, places)}–{fmt_number(high, lang, places)}"


def component_label(code: str, lang: str) -> str:
    return t("osi", lang) if code == OSI_CODE else load_catalogue()[code].name(lang)


def simulator_href(entity: str, changes: dict[str, float], lang: str) -> str:
    """The Simulator in components mode on the latest method's edition, `changes` set (its `set=` query)."""
    state = {"lang": lang, "entity": entity, "mode": COMPONENTS_MODE, "edition": available_editions()[-1], "set": format_changes(changes)}
    return "/simulator" + make_query(state)


def nowcast_figures(row: pd.Series, lang: str) -> list[Figure]:
    figures = [
        Figure(
            index_label(code, lang),
            fmt_number(row[code], lang),
            interval(row[f"{code}_low"], row[f"{code}_high"], lang),
            how_text(str(row["how"]), code, lang),
        )
        for code in FIGURES
    ]
    for code, key in (("rank", "overview_world_rank"), ("asean_rank", "overview_asean_rank")):
        figures.append(
            Figure(
                t(key, lang),
                fmt_int(row[code], lang),
                interval(row[f"{code}_low"], row[f"{code}_high"], lang, 0),
                t("outlook_how_ranked", lang),
            )
        )
    return figures


def peer_table(outlook: Outlook, entity: str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(numbers, display rows) of the country and its ASEAN peers in the nowcast, best EGDI first."""
    members = [m for m in peer_set("asean", entity).members if m != entity]
    rows = outlook.peers(entity, members)
    numbers = rows[["iso3", "egdi", "egdi_low", "egdi_high", "rank", "rank_low", "rank_high"]].copy()
    numbers.insert(1, "name", [country_name(code, lang) for code in numbers["iso3"]])
    shown = pd.DataFrame(
        {
            "country": numbers["name"],
            "egdi": [fmt_number(v, lang) for v in rows["egdi"]],
            "interval": [interval(lo, hi, lang) for lo, hi in zip(rows["egdi_low"], rows["egdi_high"], strict=True)],
            **{code: [fmt_number(v, lang) for v in rows[code]] for code in ("tii", "hci", "osi", "epi")},
            "rank": [fmt_int(v, lang) for v in rows["rank"]],
            "rank_range": [interval(lo, hi, lang, 0) for lo, hi in zip(rows["rank_low"], rows["rank_high"], strict=True)],
        }
    )
    return numbers.reset_index(drop=True), shown


def record_table(outlook: Outlook, entity: str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(numbers, display rows): the country's predicted and published EGDI and world rank in each replayed Survey."""
    errors = outlook.record.predicted_vs_published(lead=RECORD_LEAD)
    mine = errors[(errors["iso3"] == entity) & errors["figure"].isin(["egdi", "rank"])]
    numbers = mine.pivot_table(index="edition", columns="figure", values=["predicted", "published"], aggfunc="first")
    numbers.columns = [f"{figure}_{kind}" for kind, figure in numbers.columns]
    numbers = numbers.reset_index().reindex(columns=["edition", "egdi_predicted", "egdi_published", "rank_predicted", "rank_published"])
    shown = pd.DataFrame(
        {
            "edition": [fmt_int(e, lang) for e in numbers["edition"]],
            **{c: [fmt_number(v, lang) for v in numbers[c]] for c in ("egdi_predicted", "egdi_published")},
            **{c: [fmt_int(v, lang) for v in numbers[c]] for c in ("rank_predicted", "rank_published")},
        }
    )
    return numbers, shown


def evaluation_rows(outlook: Outlook, lang: str) -> list[list[str]]:
    """Per evaluated Survey and figure: median and 90th-percentile |error| of the nowcast, the share of published
    values inside its intervals, and the naive forecast's median |error| (ranks in places)."""
    summary = outlook.evaluation(lead=RECORD_LEAD, iso3=ENTITY).summary
    rows = []
    for (edition, figure), lines in summary[summary["figure"].isin(RECORD_FIGURES)].groupby(["edition", "figure"]):
        made = lines.set_index("forecast")
        places = 1 if figure == "rank" else 3
        label = t("overview_world_rank", lang) if figure == "rank" else index_label(str(figure), lang)
        cells = [
            fmt_int(edition, lang),
            label,
            fmt_number(made.at["nowcast", "median_abs_error"], lang, places),
            fmt_number(made.at["nowcast", "p90_abs_error"], lang, places),
            fmt_number(made.at["naive", "median_abs_error"], lang, places),
            fmt_number(100 * float(made.at["nowcast", "coverage"]), lang, 0) + " %",
        ]
        rows.append((int(edition), RECORD_FIGURES.index(str(figure)), cells))
    return [cells for _, _, cells in sorted(rows, key=lambda row: row[:2])]


def lever_rows(found: list[Lever], entity: str, lang: str) -> list[LeverRow]:
    """The levers in the core's order (largest ΔEGDI first), as displayed."""

    def value(code: str, number: float) -> str:
        return fmt_number(number, lang, 4 if code == OSI_CODE else decimals(code))

    return [
        LeverRow(
            component_label(lever.code, lang),
            index_label(lever.subindex, lang),
            t(f"outlook_step_{lever.step}", lang),
            f"{value(lever.code, lever.start)} → {value(lever.code, lever.target)}",
            fmt_number(lever.delta_egdi, lang, 4, signed=True),
            f"{fmt_int(lever.rank_before, lang)} → {fmt_int(lever.rank_after, lang)}",
            f"{fmt_int(lever.asean_before, lang)} → {fmt_int(lever.asean_after, lang)}",
            simulator_href(entity, lever.changes, lang),
        )
        for lever in found
    ]


def path_rows(found: list[MilestonePath], entity: str, lang: str) -> list[PathRow]:
    rows = []
    targets = {target.id: target for target in stored_targets(store(), load_targets()).targets}
    for path in found:
        name = targets[path.target_id].name(lang) if path.target_id in targets else path.target_id
        value = fmt_int(path.target_value, lang) if path.indicator.endswith("_rank") else fmt_number(path.target_value, lang, 2)
        target = t("outlook_path_target", lang, name=name, value=value, year=fmt_int(path.milestone, lang))
        after = {"egdi": fmt_number(path.egdi, lang), "rank": fmt_int(path.rank, lang), "asean": fmt_int(path.asean_rank, lang)}
        if path.reached_now:
            outcome = t("outlook_path_reached", lang, **after)
        elif path.reachable:
            outcome = t("outlook_path_reachable", lang, effort=fmt_number(path.effort, lang, 2), **after)
        else:
            outcome = t("outlook_path_out_of_reach", lang, **after)
        changes = [
            t(
                "outlook_change_item",
                lang,
                component=component_label(code, lang),
                value=fmt_number(v, lang, 4 if code == OSI_CODE else decimals(code)),
            )
            for code, v in path.changes.items()
        ]
        rows.append(PathRow(target, outcome, changes, simulator_href(entity, path.changes, lang) if path.changes else None))
    return rows


def _paths(entity: str, lang: str) -> tuple[list[PathRow] | None, str]:
    try:
        targets = stored_targets(store(), load_targets())
    except TargetsError as error:
        return [], t("outlook_paths_file_error", lang, problems="; ".join(error.problems))
    if targets.entity != entity:
        return [], t("outlook_paths_other_country", lang, country=country_name(targets.entity, lang))
    found = outlook_ready.paths(targets)
    return (None, "") if found is None else (path_rows(found, entity, lang), "")


def outlook_page(entity: str, lang: str) -> OutlookPage:
    """What the page shows of `entity` (module docstring); a message while the nowcast is computed or when none can
    be made."""
    if not known_country(entity):
        return OutlookPage(t("outlook_unknown_country", lang, code=entity))
    try:
        outlook = outlook_ready.base()
    except ForecastError as error:
        return OutlookPage(t("outlook_no_nowcast", lang, reason=error.message(lang)), data_link=True)
    if outlook is None:
        return OutlookPage(t("outlook_computing", lang), computing=True)
    made = outlook.nowcast()
    name = country_name(entity, lang)
    if entity not in set(made.table["iso3"]):
        return OutlookPage(t("outlook_not_in_field", lang, country=name, edition=fmt_int(made.edition, lang)), data_link=True)
    row = made.row(entity)
    peers, peer_rows = peer_table(outlook, entity, lang)
    record, record_rows = record_table(outlook, entity, lang)
    found = outlook_ready.levers(entity)
    paths, paths_note = _paths(entity, lang)
    edition = fmt_int(made.edition, lang)
    return OutlookPage(
        title=t("outlook_subtitle", lang, country=name, edition=edition),
        line=outlook.line(entity, lang),
        figures=nowcast_figures(row, lang),
        peers=peers,
        peer_rows=peer_rows,
        peers_summary=t(
            "outlook_peers_summary",
            lang,
            country=name,
            edition=edition,
            egdi=fmt_number(row["egdi"], lang, 2),
            interval=interval(row["egdi_low"], row["egdi_high"], lang, 2),
            coverage=fmt_int(round(made.coverage * 100), lang),
        ),
        notes=outlook.notes(lang),
        record=record,
        record_rows=record_rows,
        record_summary=t("outlook_record_summary", lang, country=name, editions=fmt_int(len(record), lang)),
        evaluation_rows=evaluation_rows(outlook, lang),
        levers=None if found is None else lever_rows(found, entity, lang),
        paths=paths,
        paths_note=paths_note,
        edition=made.edition,
    )


def nowcast_line(entity: str, lang: str) -> tuple[str | None, bool]:
    """(the Overview's line on the next Survey, computing): the line when the nowcast is ready and has `entity`;
    (None, True) while it is computed; (None, False) when there is none to give."""
    try:
        outlook = outlook_ready.base()
    except ForecastError:
        return None, False
    if outlook is None:
        return None, True
    if entity not in set(outlook.nowcast().table["iso3"]):
        return None, False
    return outlook.line(entity, lang), False
