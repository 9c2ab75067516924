"""Trends: a change of country, peers or series redraws the chart and its details and is written into the URL."""

from __future__ import annotations

import dash
from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.pages import trends as page
from layouts.state import parse_query, with_changes
from layouts.views import trends as view
from layouts.views.snapshot import snapshot


@dash.callback(
    Output(ids.TRENDS_SUBTITLE, "children"),
    Output(ids.TRENDS_GRAPH, "figure"),
    Output(ids.TRENDS_DETAILS, "children"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.TRENDS_ENTITY, "value"),
    Input(ids.TRENDS_PEERS, "value"),
    Input(ids.TRENDS_SERIES, "value"),
    State(ids.TRENDS_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_trends(
    entity: str, peers: list[str] | None, series: str, lang: str, search: str | None
) -> tuple[str, object, list[object], str]:
    data = snapshot()
    if (entity, peers or [], series) == view.requested_view(data, **parse_query(search)):
        raise PreventUpdate  # the page was drawn from this very URL (Dash calls back when it inserts the controls)
    subtitle, figure, details = page.trends_parts(entity, peers or [], series, lang, data)
    return subtitle, figure, details, with_changes(search, **view.url_state(entity, peers or [], series, data))
