"""Targets (policy staff, analysts): where each target of the Digital Government Policy stands.

The targets are the file `data/targets/*.yaml` with the edits made here overlaid (`indicators.outlook.targets.stored_targets`);
an edit is saved in the store as a dataset version, with its user, so it has a history and can be rolled back on the
Data page. The status, projection and gains come from `indicators.outlook.status`; every status can show its inputs.
The view state in the URL: `lang`, and `target` (the one open in the editor).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import dash
import flask
import pandas as pd
from dash import dcc, html

from indicators.catalogue import load_catalogue
from indicators.outlook.status import evaluate_targets, is_survey_indicator, rank_targets_needed, target_series
from indicators.outlook.targets import RANK_INDICATORS, Target, TargetsError, TargetSet, bounds, load_targets, stored_targets
from layouts import ids
from layouts.components import data_table, notice
from layouts.figures.targets import chart_rows, decimals, fmt_value, lights_table, status_badge, status_light, target_figure
from layouts.i18n import KHMER_DIGITS, fmt_int, fmt_number, t
from layouts.state import language
from layouts.views.snapshot import Snapshot, snapshot, store

dash.register_page(__name__, path="/targets", name="Targets", order=5)


PROGRESS_ORDER = ("on_track", "needs_acceleration", "limited_progress", "deterioration", "insufficient_data")
WESTERN_DIGITS = {v: k for k, v in KHMER_DIGITS.items()}


class TargetsView(NamedTuple):
    """Everything the page shows, for one store version."""

    targets: TargetSet
    status: pd.DataFrame  # indicators.outlook.status.STATUS_COLUMNS
    needed: pd.DataFrame  # indicators.outlook.status.NEEDED_COLUMNS
    series: dict[str, pd.Series]
    latest_edition: int | None
    error: str | None


def request_snapshot() -> Snapshot:
    """`layouts.views.snapshot.snapshot()`, read once per request: every call of it reads the store's list of versions, and
    a callback asks for it several times. Outside a request (tests, scripts) it is read on every call."""
    if not flask.has_request_context():
        return snapshot()
    if "egdi_snapshot" not in flask.g:
        flask.g.egdi_snapshot = snapshot()
    return flask.g.egdi_snapshot  # type: ignore[no-any-return]


def forget_request_snapshot() -> None:
    """After a write in this request: the next `request_snapshot()` reads the store again."""
    if flask.has_request_context():
        flask.g.pop("egdi_snapshot", None)


@lru_cache(maxsize=4)
def _view(version: int) -> TargetsView:
    data = request_snapshot()
    try:
        targets = stored_targets(store(), load_targets())
    except TargetsError as error:
        empty = TargetSet("", "", "", "KHM", {}, ())
        return TargetsView(empty, pd.DataFrame(), pd.DataFrame(), {}, None, "; ".join(error.problems))
    yearly = sorted({t.indicator for t in targets.targets if not is_survey_indicator(t.indicator)})
    observations = store().observations(indicators=yearly, entities=[targets.entity]) if yearly else pd.DataFrame()
    observations = observations[["entity", "year", "indicator", "value"]] if not observations.empty else observations
    status = evaluate_targets(targets, data.published, observations)
    series = {t.id: target_series(targets, t, data.published, observations) for t in targets.targets}
    history = data.history(targets.entity)
    latest = int(history["edition"].max()) if not history.empty else None
    return TargetsView(targets, status, rank_targets_needed(targets, data.published), series, latest, None)


def targets_view() -> TargetsView:
    """The targets and their status for the current store version (cached)."""
    return _view(request_snapshot().version)


@lru_cache(maxsize=8)
def _content(version: int, lang: str) -> list[object]:
    return targets_content(_view(version), lang)


@lru_cache(maxsize=8)
def _lights(version: int, lang: str) -> html.Table:
    view = _view(version)
    return lights_table(view.status, view.targets.milestones, lang, link="/targets" + ("?lang=km" if lang == "km" else ""))


def current_content(lang: str) -> list[object]:
    """The page's content for the current store version (cached per version and language)."""
    return _content(request_snapshot().version, lang)


def clear_caches() -> None:
    """Forget what was computed for earlier store versions (tests that switch databases)."""
    for cached in (_view, _content, _lights):
        cached.cache_clear()


# Formatting ----------------------------------------------------------------------------------------------------


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


def fmt_observation(value: object, year: object, indicator: str, lang: str) -> str:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return "–"
    return t("targets_value_in", lang, value=fmt_value(value, indicator, lang), year=fmt_int(year, lang))


# The page ------------------------------------------------------------------------------------------------------


def layout(lang: str = "en", target: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    view = targets_view()
    chosen = chosen_target(view.targets, target)
    return html.Div(
        [
            dcc.Store(id=ids.TARGETS_LANG, data=lang),
            html.Div(current_content(lang), id=ids.TARGETS_CONTENT),
            edit_panel(view, chosen, lang),
        ],
        className="targets-page",
    )


def chosen_target(targets: TargetSet, requested: str | None) -> str | None:
    """The target open in the editor: the one the URL names, else the first."""
    known = [target.id for target in targets.targets]
    return requested if requested in known else (known[0] if known else None)


def legend(lang: str) -> html.Div:
    items = [html.Li([status_light(p, lang), " ", t(f"targets_band_{p}", lang)]) for p in PROGRESS_ORDER]
    return html.Details([html.Summary(t("targets_legend_title", lang)), html.Ul(items, className="tg-legend")], className="tg-method")


def targets_content(view: TargetsView, lang: str) -> list[object]:
    if view.error:
        return [html.H1(t("targets_title", lang)), notice(t("targets_file_error", lang, problems=view.error), "error")]
    targets = view.targets
    title = targets.title_km if lang == "km" else targets.title_en
    indicative = sum(1 for target in targets.targets if not target.confirmed)
    parts: list[object] = [
        html.H1(t("targets_title", lang)),
        html.P(t("targets_subtitle", lang, title=title), className="subtitle"),
    ]
    if indicative:
        parts.append(
            notice(
                t("targets_indicative_note", lang, count=fmt_int(indicative, lang), total=fmt_int(len(targets.targets), lang)), "warning"
            )
        )
    parts += [
        html.Div(
            [
                html.H2(t("targets_summary_title", lang)),
                html.P(
                    t("targets_summary_help", lang, edition=fmt_int(view.latest_edition, lang)),
                    className="muted",
                ),
                lights_table(view.status, targets.milestones, lang, ids.TARGETS_TABLE),
                legend(lang),
            ],
            className="panel",
        ),
        html.Div([target_card(view, target, lang) for target in targets.targets], className="tg-cards", id=ids.TARGETS_CARDS),
        html.P(t("targets_method_note", lang), className="source"),
        html.P(t("source_undesa", lang), className="source"),
    ]
    return parts


def milestone_caption(view: TargetsView, target: Target, row: pd.Series, lang: str) -> str:
    year, measured = int(row["milestone"]), int(row["measured_in"])
    if is_survey_indicator(target.indicator) and measured != year:
        return t("targets_milestone_survey", lang, year=fmt_int(year, lang), edition=fmt_int(measured, lang))
    return t("targets_milestone_year", lang, year=fmt_int(year, lang))


def target_card(view: TargetsView, target: Target, lang: str) -> html.Section:
    rows = view.status[view.status["target_id"] == target.id]
    series = view.series.get(target.id, pd.Series(dtype=float))
    low, high = bounds(target.indicator)
    milestone_lights = html.Ul(
        [
            html.Li(
                [
                    html.Span(milestone_caption(view, target, row, lang), className="tg-ms-year"),
                    html.Span(
                        t("targets_target_is", lang, value=fmt_value(row["target_value"], target.indicator, lang)), className="tg-ms-target"
                    ),
                    status_light(str(row["progress"]), lang),
                ]
            )
            for _, row in rows.iterrows()
        ],
        className="tg-milestones",
    )
    first = rows.iloc[0] if not rows.empty else None
    facts = [
        t("targets_baseline_is", lang, value=fmt_observation(target.baseline_value, target.baseline_year, target.indicator, lang))
        if target.baseline_value is not None
        else t("targets_no_baseline", lang),
        t("targets_latest_is", lang, value=fmt_observation(first["latest_value"], first["latest_year"], target.indicator, lang))
        if first is not None and not pd.isna(first["latest_value"])
        else t("targets_no_data", lang),
    ]
    headers = [
        t(k, lang)
        for k in (
            "year",
            "targets_chart_observed",
            "targets_chart_target",
            "targets_chart_projection",
            "targets_col_lower",
            "targets_col_upper",
        )
    ]
    return html.Section(
        [
            html.H3([html.Span(target.name(lang)), " ", status_badge(target.status, lang)]),
            html.P(
                [
                    html.Span(
                        t(
                            "targets_indicator_is",
                            lang,
                            indicator=indicator_label(target.indicator, lang),
                            unit=unit_label(target.indicator, lang),
                        )
                    ),
                    html.Br(),
                    html.Span(" · ".join(facts)),
                ],
                className="tg-facts",
            ),
            milestone_lights,
            dcc.Graph(
                figure=target_figure(series, rows, target.indicator, lang),
                config={"displayModeBar": False},
                className="tg-chart",
                id=ids.TARGETS_CHART_PREFIX + target.id,
            ),
            inputs_details(view, target, rows, lang),
            rank_note(view, target, lang),
            data_table(chart_rows(series, rows, target.indicator, lang), headers, lang),
            html.P(
                t(
                    "targets_source_is",
                    lang,
                    source=target.source,
                    low=fmt_value(low, target.indicator, lang),
                    high=fmt_value(high, target.indicator, lang),
                ),
                className="source",
            ),
        ],
        className="panel tg-card",
        id=ids.TARGETS_CARD_PREFIX + target.id,
    )


def inputs_details(view: TargetsView, target: Target, rows: pd.DataFrame, lang: str) -> html.Details:
    """The inputs behind each milestone's status, one column per milestone."""
    indicator = target.indicator
    columns = list(rows.itertuples(index=False))

    def line(key: str, cells: list[object]) -> html.Tr:
        return html.Tr([html.Th(t(key, lang), scope="row"), *[html.Td(c) for c in cells]])

    needed = view.needed[view.needed["target_id"] == target.id].set_index("milestone") if not view.needed.empty else pd.DataFrame()
    body = [
        line("targets_in_target", [fmt_value(r.target_value, indicator, lang) for r in columns]),
        line("targets_in_measured", [fmt_int(r.measured_in, lang) for r in columns]),
        line("targets_in_baseline", [fmt_observation(r.baseline_value, r.baseline_year, indicator, lang) for r in columns]),
        line("targets_in_latest", [fmt_observation(r.latest_value, r.latest_year, indicator, lang) for r in columns]),
        line("targets_in_observed", [fmt_rate(r.observed_rate, r.method, indicator, lang) for r in columns]),
        line("targets_in_required", [fmt_rate(r.required_rate, r.method, indicator, lang) for r in columns]),
        line("targets_in_ratio", [fmt_ratio(r.ratio, lang) for r in columns]),
        line("targets_in_method", [t(f"targets_method_{r.method or 'none'}", lang) for r in columns]),
        line("targets_in_status", [status_light(str(r.progress), lang, True) for r in columns]),
        line(
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
        line("targets_in_gain", [fmt_number(r.gain_per_survey, lang, decimals(indicator) or 1, signed=True) for r in columns]),
    ]
    if indicator in RANK_INDICATORS and not needed.empty:
        body.append(line("targets_in_needed", [fmt_number(needed.loc[r.milestone, "egdi_needed"], lang) for r in columns]))
    head = html.Tr(
        [html.Th(t("targets_in_milestone", lang), scope="col"), *[html.Th(fmt_int(r.milestone, lang), scope="col") for r in columns]]
    )
    return html.Details(
        [html.Summary(t("targets_inputs_title", lang)), html.Table([html.Thead(head), html.Tbody(body)], className="data-table tg-inputs")],
        className="tg-details",
    )


def rank_note(view: TargetsView, target: Target, lang: str) -> html.Div | None:
    """For a rank target: the EGDI needed given the peers' own trends, or what is missing to say it."""
    if target.indicator not in RANK_INDICATORS:
        return None
    needed = view.needed[view.needed["target_id"] == target.id]
    if needed.empty:
        return None
    if needed["egdi_needed"].isna().all():
        key = "targets_needed_world_missing" if target.indicator == "world_rank" else "targets_needed_asean_missing"
        return html.Div(
            [t(key, lang), " ", dcc.Link(t("targets_data_link", lang), href=f"/data?lang={lang}" if lang == "km" else "/data")],
            className="notice notice-info tg-rank-note",
        )
    history = request_snapshot().history(view.targets.entity)
    current = float(history["egdi"].iloc[-1]) if not history.empty else None
    items = [
        html.Li(
            t(
                "targets_needed_line",
                lang,
                edition=fmt_int(row.measured_in, lang),
                rank=fmt_int(row.rank, lang),
                egdi=fmt_number(row.egdi_needed, lang),
                peers=fmt_int(row.peers, lang),
            )
        )
        for row in needed.itertuples(index=False)
    ]
    intro = t("targets_needed_intro", lang, egdi=fmt_number(current, lang), edition=fmt_int(view.latest_edition, lang))
    return html.Div([html.P(intro), html.Ul(items)], className="tg-rank-note")


# The editor ----------------------------------------------------------------------------------------------------


def edit_panel(view: TargetsView, chosen: str | None, lang: str) -> html.Section:
    targets = view.targets
    options = [{"label": target.name(lang), "value": target.id} for target in targets.targets]
    return html.Section(
        [
            html.H2(t("targets_edit_title", lang)),
            html.P(t("targets_edit_help", lang), className="muted"),
            html.Label(
                [t("targets_edit_choose", lang), dcc.Dropdown(id=ids.TARGETS_EDIT_TARGET, options=options, value=chosen, clearable=False)],
                className="control tg-edit-choose",
            ),
            html.Div(edit_fields(targets, chosen, lang), id=ids.TARGETS_EDIT_FIELDS),
            html.Button(t("targets_edit_save", lang), id=ids.TARGETS_EDIT_SAVE, n_clicks=0, className="tg-button tg-primary"),
            html.Div(id=ids.TARGETS_EDIT_MESSAGE, role="status", **{"aria-live": "polite"}),
        ],
        className="panel tg-edit",
        id=ids.TARGETS_EDITOR,
    )


def edit_fields(targets: TargetSet, chosen: str | None, lang: str) -> list[object]:
    """The form of one target: baseline year and value, a value per milestone, status and source."""
    if chosen is None or chosen not in {t.id for t in targets.targets}:
        return []
    target = targets.target(chosen)
    low, high = bounds(target.indicator)
    places = decimals(target.indicator)

    def number_text(value: float | None) -> str:
        if value is None:
            return ""
        return f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"

    def field(label: str, component: object, hint: str | None = None) -> html.Label:
        children = [html.Span(label, className="tg-field-label"), component]
        if hint:
            children.append(html.Span(hint, className="tg-field-hint"))
        return html.Label(children, className="tg-field")

    milestone_inputs = [
        field(
            t("targets_edit_milestone", lang, year=fmt_int(year, lang)),
            dcc.Input(
                id={"type": ids.TARGETS_EDIT_VALUE, "year": year},
                value=number_text(target.values.get(year)),
                type="text",
                inputMode="decimal",
                debounce=True,
                className="tg-input",
            ),
        )
        for year in targets.milestones
    ]
    range_hint = t(
        "targets_edit_range_rank" if target.lower_is_better else "targets_edit_range",
        lang,
        low=fmt_value(low, target.indicator, lang),
        high=fmt_value(high, target.indicator, lang),
        unit=unit_label(target.indicator, lang),
    )
    return [
        html.P(
            [html.Strong(indicator_label(target.indicator, lang)), " · ", range_hint, " · ", t("targets_edit_blank", lang)],
            className="tg-field-hint",
        ),
        html.Div(
            [
                field(
                    t("targets_edit_baseline_year", lang),
                    dcc.Input(
                        id=ids.TARGETS_EDIT_BASELINE_YEAR,
                        value="" if target.baseline_year is None else str(target.baseline_year),
                        type="text",
                        inputMode="numeric",
                        debounce=True,
                        className="tg-input",
                    ),
                ),
                field(
                    t("targets_edit_baseline_value", lang),
                    dcc.Input(
                        id=ids.TARGETS_EDIT_BASELINE_VALUE,
                        value=number_text(target.baseline_value),
                        type="text",
                        inputMode="decimal",
                        debounce=True,
                        className="tg-input",
                    ),
                ),
                *milestone_inputs,
            ],
            className="tg-fields",
        ),
        html.Fieldset(
            [
                html.Legend(t("targets_edit_status", lang)),
                dcc.RadioItems(
                    id=ids.TARGETS_EDIT_STATUS,
                    options=[{"label": t(f"targets_status_{s}", lang), "value": s} for s in ("indicative", "confirmed")],
                    value=target.status,
                    inline=True,
                    className="tg-radios",
                ),
            ],
            className="tg-fieldset",
        ),
        html.Label(
            [
                html.Span(t("targets_edit_source", lang), className="tg-field-label"),
                dcc.Textarea(id=ids.TARGETS_EDIT_SOURCE, value=target.source, className="tg-textarea", rows=2),
            ],
            className="tg-field tg-field-wide",
        ),
    ]


def parse_number(text: object) -> float | str | None:
    """A typed number (Western or Khmer digits): the float, None when blank, the text itself when not a number."""
    raw = str(text if text is not None else "").strip().translate(str.maketrans(WESTERN_DIGITS))
    if not raw:
        return None
    try:
        value = float(raw.replace(" ", ""))
    except ValueError:
        return str(text).strip()
    return value


# The overview's panel ------------------------------------------------------------------------------------------


def overview_targets_panel(entity: str, lang: str) -> list[object]:
    """The status lights of the targets for the overview page (targets belong to one entity: Cambodia)."""
    view = targets_view()
    if view.error:
        return [notice(t("targets_file_error", lang, problems=view.error), "error")]
    href = "/targets" + ("?lang=km" if lang == "km" else "")
    if entity != view.targets.entity:
        return [html.P(t("overview_targets_other_country", lang), className="muted"), dcc.Link(t("overview_targets_link", lang), href=href)]
    return [
        html.P(t("overview_targets_help", lang, edition=fmt_int(view.latest_edition, lang)), className="muted"),
        _lights(request_snapshot().version, lang),
        dcc.Link(t("overview_targets_link", lang), href=href, className="tg-more"),
    ]
