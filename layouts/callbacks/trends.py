"""Trends: a change of country, peers, series or timeline redraws the chart, its table and details in one round trip
and is written into the URL. A new country brings its own peers (`peers_for_new_country`) in the same answer."""

from __future__ import annotations

import dash
from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.components.chart_block import table_view
from layouts.components.plotly_config import figure_data
from layouts.pages import trends as page
from layouts.state import parse_query, with_changes
from layouts.views import trends as view
from layouts.views.snapshot import request_snapshot


@dash.callback(
    Output(ids.TRENDS_SUBTITLE, "children"),
    Output(ids.TRENDS_GRAPH, "data-figure"),
    Output(ids.TRENDS_GRAPH + "-frame", "aria-label"),
    Output(ids.TRENDS_BLOCK + "-rows", "children"),
    Output(ids.TRENDS_DETAILS, "children"),
    Output(ids.TRENDS_PEERS, "value"),
    Output(ids.TRENDS_TIMELINE, "min"),
    Output(ids.TRENDS_TIMELINE, "max"),
    Output(ids.TRENDS_TIMELINE, "marks"),
    Output(ids.TRENDS_TIMELINE, "value"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.TRENDS_ENTITY, "value"),
    Input(ids.TRENDS_PEERS, "value"),
    Input(ids.TRENDS_SERIES, "value"),
    Input(ids.TRENDS_TIMELINE, "value"),
    State(ids.TRENDS_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_trends(
    entity: str, peers: list[str] | None, series: str, timeline: list[int] | None, lang: str, search: str | None
) -> tuple[object, ...]:
    data = request_snapshot()
    query = parse_query(search)
    previous, previous_peers, previous_series = view.requested_view(data, **query)
    previous_period = view.requested_period(query.get("period"))
    chosen = peers or []
    peers = view.peers_for_new_country(data, entity, chosen, previous)
    period = None  # a new series has periods of its own: all of them
    if series == previous_series:
        period = view.period_choice(timeline, view.trends_view(entity, peers, series, lang, data).all_periods)
    if (entity, peers, series, period) == (previous, previous_peers, previous_series, previous_period):
        raise PreventUpdate  # the page was drawn from this very URL (Dash calls back when it inserts the controls)
    parts = page.trends_parts(entity, peers, series, lang, data, period)
    same = dash.no_update  # what the page shows already is not sent again (nor drawn again)
    new_periods = series != previous_series or entity != previous
    timeline_props = [parts.timeline[key] if new_periods else same for key in ("min", "max", "marks")]
    return (
        parts.subtitle,
        figure_data(parts.figure),
        parts.summary,
        table_view(parts.table, lang),
        parts.details,
        peers if peers != chosen else same,
        *timeline_props,
        parts.timeline["value"] if parts.timeline["value"] != timeline else same,
        with_changes(search, **view.url_state(entity, peers, series, data, period)),
    )
