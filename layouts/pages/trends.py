"""Trends (policy staff): the EGDI, a sub-index or a component indicator over every edition or year, a country
against chosen peers, with markers where the method changed (`layouts.views.trends`). A missing edition or year stays
a gap: nothing is interpolated.
"""

from __future__ import annotations

import dash
import plotly.graph_objects as go
from dash import dcc, html

from layouts import ids
from layouts.components import data_table, notice
from layouts.figures.trends import trends_figure
from layouts.i18n import t
from layouts.state import language
from layouts.views import trends as view
from layouts.views.choices import country_options
from layouts.views.labels import catalog_texts
from layouts.views.snapshot import Snapshot, snapshot

dash.register_page(__name__, path="/trends", name="Trends", order=1)


def trends_parts(
    entity: str, peers: list[str], series: str, lang: str, data: Snapshot | None = None
) -> tuple[str, go.Figure, list[object]]:
    """The subtitle, the figure and the details (notices, table, sources, method changes) of a view."""
    shown = view.trends_view(entity, peers, series, lang, data)
    figure = trends_figure(shown.lines, shown.markers, shown.axes, t("trends_method_change", lang))
    details: list[object] = [notice(shown.notice[1], shown.notice[0])] if shown.notice else []
    details.append(html.P(t("trends_gaps", lang), className="muted"))
    if shown.table is not None:
        details.append(data_table(shown.table, shown.table_headers, lang))
    details += [html.P(shown.source, className="source"), changes_panel(shown, lang)]
    return shown.subtitle, figure, details


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


def layout(lang: str = "en", entity: str = "KHM", peers: str | None = None, series: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    data = snapshot()
    entity, chosen, series = view.requested_view(data, entity, peers, series)
    options = country_options(view.country_codes(data), lang)
    labels = catalog_texts("trends_dropdown_", lang)
    subtitle, figure, details = trends_parts(entity, chosen, series, lang, data)
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
            html.P(subtitle, id=ids.TRENDS_SUBTITLE, className="subtitle"),
            html.Div(dcc.Graph(id=ids.TRENDS_GRAPH, figure=figure, config={"displaylogo": False}), className="panel"),
            html.Div(details, id=ids.TRENDS_DETAILS),
        ],
        className="trends-page",
    )
