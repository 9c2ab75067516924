"""Outlook: a change of country redraws the page and is written into the URL; while the nowcast, levers or paths are
computed in the background, the poll asks again until the page is complete."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from layouts import ids
from layouts.pages import outlook as page
from layouts.state import with_changes


@dash.callback(
    Output(ids.OUTLOOK_CONTENT, "children"),
    Output(ids.OUTLOOK_POLL, "disabled"),
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.OUTLOOK_STATE, "data"),
    Input(ids.OUTLOOK_ENTITY, "value"),
    Input(ids.OUTLOOK_POLL, "n_intervals"),
    State(ids.OUTLOOK_STATE, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_outlook(
    entity: str | None, polls: int | None, shown: dict[str, str], search: str | None
) -> tuple[object, object, object, object]:
    """Redraw for a new country (written into the URL), or when the poll asks whether the page is complete now. Dash
    also calls this when the page loads (no poll yet); then the drop-down shows what is drawn, and nothing changes."""
    polled = bool(polls)
    if not entity or (entity == shown["entity"] and not polled):
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    content, computing = page.outlook_content(entity, shown["lang"])
    search_now = dash.no_update if entity == shown["entity"] else with_changes(search, entity=entity)
    return content, not computing, search_now, {**shown, "entity": entity}
