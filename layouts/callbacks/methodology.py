"""Methodology: choosing an edition redraws the page from that edition's file and writes it into the URL."""

from __future__ import annotations

import dash
from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.pages import methodology as page
from layouts.state import parse_query, with_changes
from layouts.views import methodology as view


@dash.callback(
    Output(ids.METHODOLOGY_CONTENT, "children"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.METHODOLOGY_EDITION, "value"),
    State(ids.METHODOLOGY_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_methodology(edition: int, lang: str, search: str | None) -> tuple[list[object], str]:
    chosen = view.shown_edition(edition)
    if chosen == view.shown_edition(parse_query(search).get("edition")):
        raise PreventUpdate  # the page was drawn from this very URL (Dash calls back when it inserts the controls)
    return page.methodology_content(chosen, lang), with_changes(search, edition=chosen)
