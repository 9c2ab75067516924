"""Overview: a change of country or edition redraws the page and is written into the URL."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from layouts import ids
from layouts.pages import overview as page
from layouts.state import with_changes
from layouts.views import outlook as outlook_view


@dash.callback(
    Output(ids.OVERVIEW_CARDS, "children"),
    Output(ids.OVERVIEW_HISTORY, "children"),
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.OVERVIEW_STATE, "data"),
    Input(ids.OVERVIEW_ENTITY, "value"),
    Input(ids.OVERVIEW_EDITION, "value"),
    State(ids.OVERVIEW_STATE, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_overview(entity: str, edition: int, shown: dict[str, object], search: str | None) -> tuple[object, ...]:
    """Redraw for a new country or edition and write it into the URL; another edition of the same country (the store
    unchanged) redraws only what differs between editions (`page.overview_content`). Dash also calls this when the
    page loads (the URL lives outside the page); then the controls show what is drawn, and nothing changes."""
    if not entity or (entity, edition) == (shown["entity"], shown["edition"]):  # no country: an unknown one was asked for
        return dash.no_update, dash.no_update, dash.no_update, dash.no_update
    lang = str(shown["lang"])
    now = page.drawn(lang, entity, edition)
    cards, history = page.overview_content(entity, edition, lang)
    same_history = (entity, now["version"]) == (shown["entity"], shown.get("version")) and history
    return cards, dash.no_update if same_history else history, with_changes(search, entity=entity, edition=edition), now


@dash.callback(
    Output(ids.OVERVIEW_NOWCAST, "children"),
    Output(ids.OVERVIEW_NOWCAST_POLL, "disabled"),
    Input(ids.OVERVIEW_NOWCAST_POLL, "n_intervals"),
    State(ids.OVERVIEW_STATE, "data"),
    prevent_initial_call=True,
)
def update_nowcast(_: int, shown: dict[str, object]) -> tuple[object, bool]:
    """While the nowcast is computed: ask again, and draw its line once it is ready."""
    entity, lang = str(shown["entity"]), str(shown["lang"])
    line, computing = outlook_view.nowcast_line(entity, lang)
    return page.nowcast_children(line, computing, entity, lang), not computing
