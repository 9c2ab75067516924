"""Overview: a change of country or edition redraws the page and is written into the URL."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from layouts import ids
from layouts.pages.overview import overview_content
from layouts.state import with_changes


@dash.callback(
    Output(ids.OVERVIEW_CARDS, "children"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.OVERVIEW_ENTITY, "value"),
    Input(ids.OVERVIEW_EDITION, "value"),
    State("overview-lang", "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_overview(entity: str, edition: int, lang: str, search: str | None) -> tuple[list[object], str]:
    return overview_content(entity, edition, lang), with_changes(search, entity=entity, edition=edition)
