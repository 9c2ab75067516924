"""Trends (policy staff): the EGDI, a sub-index or a component indicator over every edition or year, a country
against chosen peers, with markers where the method changed (`layouts.views.trends`). A missing edition or year stays
a gap: nothing is interpolated.
"""

from __future__ import annotations

from typing import NamedTuple

import dash
import plotly.graph_objects as go
from dash import dcc, html

from layouts import ids
from layouts.components import notice
from layouts.components.chart_block import ChartTable, chart_block
from layouts.components.timeline import range_props, range_timeline
from layouts.figures.trends import trends_figure
from layouts.i18n import t
from layouts.state import language
from layouts.views import trends as view
from layouts.views.about_data import indicators_about, survey_about
from layouts.views.choices import country_options
from layouts.views.labels import catalog_texts
from layouts.views.method_split import split_sentences
from layouts.views.snapshot import Snapshot, request_snapshot

dash.register_page(__name__, path="/trends", name="Trends", order=1)


class TrendsParts(NamedTuple):
    """What a change of the view redraws (a NamedTuple: Dash runs page modules outside sys.modules)."""

    subtitle: str
    figure: go.Figure
    summary: str
    table: ChartTable | None  # the chart block's table: the rows the chart shows
    details: list[object]
    timeline: dict[str, object]  # the timeline's min, max, marks and value


def trends_parts(
    entity: str, peers: list[str], series: str, lang: str, data: Snapshot | None = None, period: tuple[int, int] | None = None
) -> TrendsParts:
    """The subtitle, figure, table and details (notices, sources, method changes) of a view, and its timeline."""
    shown = view.trends_view(entity, peers, series, lang, data, period)
    no_values = shown.notice[1] if shown.notice and shown.notice[0] == "warning" else None
    figure = trends_figure(shown.lines, shown.markers, shown.axes, t("trends_method_change", lang), no_values)
    details: list[object] = [notice(shown.notice[1], shown.notice[0])] if shown.notice else []
    details.append(html.P(t("trends_gaps", lang), className="muted"))
    details.append(html.P(shown.source, className="source"))
    details += split_panel(entity, series, lang)
    details.append(changes_panel(shown, lang))
    table = ChartTable(shown.table_headers, shown.table) if shown.table is not None else None
    return TrendsParts(shown.subtitle, figure, shown.summary, table, details, range_props(shown.all_periods, shown.shown_periods, lang))


def split_panel(entity: str, series: str, lang: str) -> list[html.Div]:
    """Where the method of the series changed: the country's change split into method and data (none otherwise)."""
    sentences = split_sentences(entity, series, lang)
    if not sentences:
        return []
    children = [html.H2(t("trends_split_title", lang)), *(html.P(text, className="split-sentence") for text in sentences)]
    return [html.Div([*children, html.P(t("trends_split_how", lang), className="muted")], className="panel trends-split")]


def changes_panel(shown: view.TrendsView, lang: str) -> html.Div:
    children: list[object] = [html.H2(t("trends_changes_title", lang))]
    if shown.no_changes:
        children.append(html.P(shown.no_changes))
    for edition in shown.changes:
        children += [
            html.H3(edition.heading),
            html.Ul([html.Li(label) for label in edition.labels], className="change-list"),
            dcc.Link(edition.link, href=edition.href),
        ]
    children.append(html.P(shown.changes_scope, className="muted"))
    return html.Div(children, className="panel trends-changes")


def _control(label: str, control: object) -> html.Label:
    return html.Label([label, control], className="control")


def layout(
    lang: str = "en", entity: str = "KHM", peers: str | None = None, series: str | None = None, period: str | None = None, **_: str
) -> html.Div:
    lang = language(lang)
    data = request_snapshot()
    entity, chosen, series = view.requested_view(data, entity, peers, series)
    options = country_options(view.country_codes(data), lang)
    labels = catalog_texts("trends_dropdown_", lang)
    parts = trends_parts(entity, chosen, series, lang, data, view.requested_period(period))
    controls = html.Div(
        [
            _control(
                t("trends_country_label", lang),
                dcc.Dropdown(id=ids.TRENDS_ENTITY, options=options, value=entity, clearable=False, labels=labels),
            ),
            _control(
                t("trends_series_label", lang),
                dcc.Dropdown(
                    id=ids.TRENDS_SERIES,
                    options=[{"label": view.series_name(code, lang), "value": code} for code in view.series_codes()],
                    value=series,
                    clearable=False,
                    labels=labels,
                ),
            ),
            _control(
                t("trends_peers_label", lang),
                dcc.Dropdown(
                    id=ids.TRENDS_PEERS,
                    options=options,
                    value=chosen,
                    multi=True,
                    placeholder=t("trends_peers_placeholder", lang),
                    labels=labels,
                ),
            ),
        ],
        className="controls trends-controls",
    )
    return html.Div(
        [
            controls,
            dcc.Store(id=ids.TRENDS_LANG, data=lang),
            html.H1(t("trends_title", lang)),
            html.P(parts.subtitle, id=ids.TRENDS_SUBTITLE, className="subtitle"),
            chart_block(
                ids.TRENDS_BLOCK,
                lang,
                title=t("trends_chart_title", lang),
                summary=parts.summary,
                figure=parts.figure,
                table=parts.table,
                about=survey_about(lang) if series in view.INDEX_SERIES else indicators_about(lang),
                graph_id=ids.TRENDS_GRAPH,
                timeline=range_timeline(ids.TRENDS_TIMELINE, t("chart_timeline", lang), parts.timeline, lang),
                filename=f"trends-{series}-{entity.lower()}",
            ),
            html.Div(parts.details, id=ids.TRENDS_DETAILS),
        ],
        className="trends-page",
    )
