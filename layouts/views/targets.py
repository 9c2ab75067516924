"""Targets: where each target of the Digital Government Policy stands, for the Targets page and the overview's panel
of status lights (editing a target: `target_edits`).

The targets are the file `data/targets/*.yaml` with the edits made on the page overlaid
(`indicators.outlook.targets.stored_targets`). The status, projection and gains come from `indicators.outlook.status`.
Texts are in the page language; a status is a `Light`, which the page draws as an icon, words and a colour.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.outlook.briefing import NOWCAST_BASIS
from indicators.outlook.status import TREND, evaluate_targets, is_survey_indicator, rank_targets_needed, target_series
from indicators.outlook.targets import (
    RANK_INDICATORS,
    Target,
    TargetsError,
    TargetSet,
    bounds,
    load_targets,
    stored_targets,
)
from layouts.i18n import catalog, fmt_int, fmt_number, t
from layouts.views import outlook_ready
from layouts.views.labels import decimals, fmt_value, page_href
from layouts.views.snapshot import request_snapshot, store
from layouts.views.version_cache import newest_version_cache

PROGRESS_ORDER = ("on_track", "needs_acceleration", "limited_progress", "deterioration", "insufficient_data")


class TargetsView(NamedTuple):
    """Everything the page shows, for one store version."""

    targets: TargetSet
    status: pd.DataFrame  # indicators.outlook.status.STATUS_COLUMNS
    needed: pd.DataFrame  # indicators.outlook.status.NEEDED_COLUMNS
    series: dict[str, pd.Series]
    latest_edition: int | None
    error: str | None
    nowcast_edition: int | None = None  # the Survey whose nowcast decided the statuses measured in it (None: trends only)


@newest_version_cache(maxsize=4)
def _view(version: int, nowcast: bool) -> TargetsView:
    data = request_snapshot()
    outlook = outlook_ready.ready() if nowcast else None
    try:
        targets = stored_targets(store(), load_targets())
    except TargetsError as error:
        empty = TargetSet("", "", "", "KHM", {}, ())
        return TargetsView(empty, pd.DataFrame(), pd.DataFrame(), {}, None, "; ".join(error.problems))
    yearly = sorted({t.indicator for t in targets.targets if not is_survey_indicator(t.indicator)})
    observations = store().observations(indicators=yearly, entities=[targets.entity]) if yearly else pd.DataFrame()
    observations = observations[["entity", "year", "indicator", "value"]] if not observations.empty else observations
    status = evaluate_targets(targets, data.published, observations, outlook.status_estimate if outlook else None)
    series = {t.id: target_series(targets, t, data.published, observations) for t in targets.targets}
    history = data.history(targets.entity)
    latest = int(history["edition"].max()) if not history.empty else None
    used = bool(status["basis"].astype(str).str.startswith(NOWCAST_BASIS).any()) if outlook else False
    edition = outlook.next_edition() if outlook and used else None
    return TargetsView(targets, status, rank_targets_needed(targets, data.published), series, latest, None, edition)


def view_key() -> tuple[int, bool]:
    """What the targets' statuses depend on: the store version, and whether the next Survey's nowcast is ready to
    decide those measured in it (until it is, the trend decides them and says so). Pages key their caches on it."""
    return request_snapshot().version, outlook_ready.ready() is not None


def targets_view() -> TargetsView:
    """The targets and their status for the current store version (cached)."""
    return _view(*view_key())


def clear_caches() -> None:
    """Forget what was computed for earlier store versions (tests that switch databases)."""
    _view.cache_clear()


def file_error(view: TargetsView, lang: str) -> str | None:
    """What is wrong with the targets file, in words; None when it is readable."""
    return t("targets_file_error", lang, problems=view.error) if view.error else None


# Words and numbers ---------------------------------------------------------------------------------------------


def indicator_label(indicator: str, lang: str) -> str:
    if indicator in RANK_INDICATORS:
        return t(f"targets_indicator_{indicator}", lang)
    return load_catalogue()[indicator].name(lang)


def unit_label(indicator: str, lang: str) -> str:
    if indicator in RANK_INDICATORS:
        return t("targets_unit_rank", lang)
    return load_catalogue()[indicator].unit(lang)


def fmt_rate(rate: object, method: str, indicator: str, lang: str) -> str:
    """A growth rate: % a year for compound growth, units a year for linear change."""
    if rate is None or pd.isna(rate):  # type: ignore[arg-type]
        return "–"
    if method == "cagr":
        return t("targets_rate_percent", lang, rate=fmt_number(100 * float(rate), lang, 2, signed=True))  # type: ignore[arg-type]
    return t("targets_rate_units", lang, rate=fmt_number(rate, lang, decimals(indicator) or 2, signed=True))


def fmt_ratio(ratio: object, lang: str) -> str:
    if ratio is None or pd.isna(ratio):  # type: ignore[arg-type]
        return "–"
    return fmt_number(100 * float(ratio), lang, 0) + " %"  # type: ignore[arg-type]


def source_text(source: str, lang: str) -> str:
    """Where a target comes from, in the page language: the targets file's own sources from the catalog; a source
    typed on the Targets page as it was typed."""
    key = "target_source_" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
    return t(key, lang) if key in catalog() else source


def basis_label(basis: str, lang: str) -> str:
    """What a projection comes from: the trend, or the nowcast of a Survey (`nowcast:2026`)."""
    if not basis:
        return "–"
    if basis.startswith(NOWCAST_BASIS):
        return t("targets_basis_nowcast", lang, edition=fmt_int(basis.removeprefix(NOWCAST_BASIS), lang))
    return t("targets_basis_trend", lang) if basis == TREND else basis


def nowcast_note(view: TargetsView, lang: str) -> str | None:
    """Which statuses the nowcast decided ('The 2025 milestones ... based on the 2026 nowcast'); None if none."""
    if view.nowcast_edition is None:
        return None
    decided = view.status[view.status["basis"].astype(str).str.startswith(NOWCAST_BASIS)]
    years = ", ".join(fmt_int(year, lang) for year in sorted(set(decided["milestone"].astype(int))))
    return t("targets_nowcast_note", lang, years=years, edition=fmt_int(view.nowcast_edition, lang))


def fmt_observation(value: object, year: object, indicator: str, lang: str) -> str:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return "–"
    return t("targets_value_in", lang, value=fmt_value(value, indicator, lang), year=fmt_int(year, lang))


# The page ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Light:
    """A status light of `progress` (one of PROGRESS_ORDER); `short` in tables."""

    progress: str
    short: bool = False


@dataclass(frozen=True)
class RankNote:
    """Under a rank target: the EGDI each milestone needs given the peers' trends (`intro` and `lines`), or what is
    missing to say it (`missing`, with a link to the Data page)."""

    missing: str | None
    intro: str
    lines: list[str]


@dataclass(frozen=True)
class TargetCard:
    """One target's card: what it measures, its milestones, its chart and table, and the inputs behind its status."""

    target: Target
    indicator: str
    facts: str
    milestones: list[tuple[str, str, Light]]  # caption, the target value, its light
    series: pd.Series  # the observed values by year
    rows: pd.DataFrame  # the target's rows of the status table
    inputs_head: list[str]  # the milestones
    inputs: list[tuple[str, list[str | Light]]]  # one line per input: its label and one cell per milestone
    rank_note: RankNote | None
    chart_table: pd.DataFrame  # the chart's data: year, observed, target, projected, lower, upper
    source: str
    summary: str  # one sentence naming the chart, for screen readers


def chosen_target(targets: TargetSet, requested: str | None) -> str | None:
    """The target open in the editor: the one the URL names, else the first."""
    known = [target.id for target in targets.targets]
    return requested if requested in known else (known[0] if known else None)


def subtitle(view: TargetsView, lang: str) -> str:
    return t("targets_subtitle", lang, title=view.targets.title_km if lang == "km" else view.targets.title_en)


def indicative_note(view: TargetsView, lang: str) -> str | None:
    """How many targets are only indicative; None when every target is confirmed."""
    targets = view.targets.targets
    indicative = sum(1 for target in targets if not target.confirmed)
    if not indicative:
        return None
    return t("targets_indicative_note", lang, count=fmt_int(indicative, lang), total=fmt_int(len(targets), lang))


def reporting_status(view: TargetsView, lang: str) -> str:
    """How many targets have data, and the statuses at the next milestone: 'Data for 6 of 8 targets. By 2025: 1 on
    track, 2 need acceleration, 3 limited progress, 2 insufficient data.'"""
    status = view.status
    if status.empty:
        return ""
    targets = status.groupby("target_id", sort=False)["progress"].apply(lambda p: (p != "insufficient_data").any())
    first = int(status["milestone"].min())
    counts = status[status["milestone"] == first]["progress"].value_counts()
    parts = [
        t("targets_reporting_count", lang, count=fmt_int(counts[p], lang), status=t(f"targets_progress_{p}", lang).lower())
        for p in PROGRESS_ORDER
        if p in counts
    ]
    return t(
        "targets_reporting_status",
        lang,
        with_data=fmt_int(int(targets.sum()), lang),
        total=fmt_int(len(targets), lang),
        year=fmt_int(first, lang),
        counts=t("targets_reporting_separator", lang).join(parts),
    )


def summary_help(view: TargetsView, lang: str) -> str:
    return t("targets_summary_help", lang, edition=fmt_int(view.latest_edition, lang))


def milestone_caption(target: Target, row: pd.Series, lang: str) -> str:
    year, measured = int(row["milestone"]), int(row["measured_in"])
    if is_survey_indicator(target.indicator) and measured != year:
        return t("targets_milestone_survey", lang, year=fmt_int(year, lang), edition=fmt_int(measured, lang))
    return t("targets_milestone_year", lang, year=fmt_int(year, lang))


def target_card(view: TargetsView, target: Target, lang: str) -> TargetCard:
    rows = view.status[view.status["target_id"] == target.id]
    series = view.series.get(target.id, pd.Series(dtype=float))
    low, high = bounds(target.indicator)
    milestones = [
        (
            milestone_caption(target, row, lang),
            t("targets_target_is", lang, value=fmt_value(row["target_value"], target.indicator, lang)),
            Light(str(row["progress"])),
        )
        for _, row in rows.iterrows()
    ]
    first = rows.iloc[0] if not rows.empty else None
    facts = [
        t("targets_baseline_is", lang, value=fmt_observation(target.baseline_value, target.baseline_year, target.indicator, lang))
        if target.baseline_value is not None
        else t("targets_no_baseline", lang),
        t("targets_latest_is", lang, value=fmt_observation(first["latest_value"], first["latest_year"], target.indicator, lang))
        if first is not None and not pd.isna(first["latest_value"])
        else t("targets_no_data", lang),
    ]
    indicator = t("targets_indicator_is", lang, indicator=indicator_label(target.indicator, lang), unit=unit_label(target.indicator, lang))
    source = t(
        "targets_source_is",
        lang,
        source=source_text(target.source, lang),
        low=fmt_value(low, target.indicator, lang),
        high=fmt_value(high, target.indicator, lang),
    )
    return TargetCard(
        target,
        indicator,
        " · ".join(facts),
        milestones,
        series,
        rows,
        [fmt_int(r.milestone, lang) for r in rows.itertuples(index=False)],
        inputs_lines(view, target, rows, lang),
        rank_note(view, target, lang),
        chart_rows(series, rows, target.indicator, lang),
        source,
        chart_summary(target, series, rows, lang),
    )


def chart_summary(target: Target, series: pd.Series, rows: pd.DataFrame, lang: str) -> str:
    """'Internet users: observed 52.30 (2019) to 56.70 (2022); target 95.00 by 2035, projected 76.20.'"""
    name = target.name(lang)
    if rows.empty:
        return name
    last = rows.iloc[-1]
    target_part = t(
        "targets_chart_summary_target",
        lang,
        value=fmt_value(last["target_value"], target.indicator, lang),
        year=fmt_int(last["measured_in"], lang),
        projected=fmt_value(last["projected"], target.indicator, lang),
    )
    if len(series) == 0:
        return t("targets_chart_summary_empty", lang, name=name, target=target_part)
    return t(
        "targets_chart_summary",
        lang,
        name=name,
        first=fmt_observation(series.iloc[0], series.index[0], target.indicator, lang),
        last=fmt_observation(series.iloc[-1], series.index[-1], target.indicator, lang),
        target=target_part,
    )


def inputs_lines(view: TargetsView, target: Target, rows: pd.DataFrame, lang: str) -> list[tuple[str, list[str | Light]]]:
    """The inputs behind each milestone's status: one line per input, one cell per milestone."""
    indicator = target.indicator
    columns = list(rows.itertuples(index=False))
    needed = view.needed[view.needed["target_id"] == target.id].set_index("milestone") if not view.needed.empty else pd.DataFrame()

    lines: list[tuple[str, list[str | Light]]] = [
        ("targets_in_target", [fmt_value(r.target_value, indicator, lang) for r in columns]),
        ("targets_in_measured", [fmt_int(r.measured_in, lang) for r in columns]),
        ("targets_in_baseline", [fmt_observation(r.baseline_value, r.baseline_year, indicator, lang) for r in columns]),
        ("targets_in_latest", [fmt_observation(r.latest_value, r.latest_year, indicator, lang) for r in columns]),
        ("targets_in_observed", [fmt_rate(r.observed_rate, r.method, indicator, lang) for r in columns]),
        ("targets_in_required", [fmt_rate(r.required_rate, r.method, indicator, lang) for r in columns]),
        ("targets_in_ratio", [fmt_ratio(r.ratio, lang) for r in columns]),
        ("targets_in_method", [t(f"targets_method_{r.method or 'none'}", lang) for r in columns]),
        ("targets_in_status", [Light(str(r.progress), short=True) for r in columns]),
        (
            "targets_in_projection",
            [
                t(
                    "targets_projection_band",
                    lang,
                    value=fmt_value(r.projected, indicator, lang),
                    low=fmt_value(min(r.projected_lower, r.projected_upper), indicator, lang),
                    high=fmt_value(max(r.projected_lower, r.projected_upper), indicator, lang),
                )
                if not pd.isna(r.projected)
                else "–"
                for r in columns
            ],
        ),
        ("targets_in_basis", [basis_label(str(r.basis), lang) for r in columns]),
        ("targets_in_gain", [fmt_number(r.gain_per_survey, lang, decimals(indicator) or 1, signed=True) for r in columns]),
    ]
    if indicator in RANK_INDICATORS and not needed.empty:
        lines.append(("targets_in_needed", [fmt_number(needed.loc[r.milestone, "egdi_needed"], lang) for r in columns]))
    return [(t(key, lang), cells) for key, cells in lines]


def rank_note(view: TargetsView, target: Target, lang: str) -> RankNote | None:
    """For a rank target: the EGDI needed given the peers' own trends, or what is missing to say it."""
    if target.indicator not in RANK_INDICATORS:
        return None
    needed = view.needed[view.needed["target_id"] == target.id]
    if needed.empty:
        return None
    if needed["egdi_needed"].isna().all():
        key = "targets_needed_world_missing" if target.indicator == "world_rank" else "targets_needed_asean_missing"
        return RankNote(t(key, lang), "", [])
    history = request_snapshot().history(view.targets.entity)
    current = float(history["egdi"].iloc[-1]) if not history.empty else None
    lines = [
        t(
            "targets_needed_line",
            lang,
            edition=fmt_int(row.measured_in, lang),
            rank=fmt_int(row.rank, lang),
            egdi=fmt_number(row.egdi_needed, lang),
            peers=fmt_int(row.peers, lang),
        )
        for row in needed.itertuples(index=False)
    ]
    intro = t("targets_needed_intro", lang, egdi=fmt_number(current, lang), edition=fmt_int(view.latest_edition, lang))
    return RankNote(None, intro, lines)


def chart_rows(series: pd.Series, rows: pd.DataFrame, indicator: str, lang: str) -> pd.DataFrame:
    """The data of a target's chart as table rows: year, observed, target, projection and its band."""
    years = sorted({*series.index.astype(int).tolist(), *rows["measured_in"].astype(int).tolist()})
    by_year = rows.set_index(rows["measured_in"].astype(int))
    table = []
    for year in years:
        row = by_year.loc[year] if year in by_year.index else None
        table.append(
            [
                fmt_int(year, lang),
                fmt_value(series.get(year), indicator, lang),
                fmt_value(row["target_value"], indicator, lang) if row is not None else "–",
                fmt_value(row["projected"], indicator, lang) if row is not None else "–",
                fmt_value(row["projected_lower"], indicator, lang) if row is not None else "–",
                fmt_value(row["projected_upper"], indicator, lang) if row is not None else "–",
            ]
        )
    return pd.DataFrame(table, columns=["year", "observed", "target", "projected", "lower", "upper"])


# The overview's panel ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetsPanel:
    """The overview's panel: the file's problem (`error`), or the lights of the targets of `entity` (`other_country`
    when the targets belong to another one)."""

    error: str | None
    other_country: bool
    help: str
    reporting: str  # how many targets have data, and the next milestone's statuses
    link: str  # the Targets page
    nowcast: str | None = None  # which statuses the nowcast decided


def targets_panel(entity: str, lang: str) -> TargetsPanel:
    view = targets_view()
    help_text = t("overview_targets_help", lang, edition=fmt_int(view.latest_edition, lang))
    link = page_href("/targets", lang)
    return TargetsPanel(
        file_error(view, lang), entity != view.targets.entity, help_text, reporting_status(view, lang), link, nowcast_note(view, lang)
    )
