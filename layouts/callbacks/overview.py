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
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.OVERVIEW_STATE, "data"),
    Input(ids.OVERVIEW_ENTITY, "value"),
    Input(ids.OVERVIEW_EDITION, "value"),
    State(ids.OVERVIEW_STATE, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_overview(entity: str, edition: int, shown: dict[str, object], search: str | None) -> tuple[object, object, object]:
    """Redraw for a new country or edition (only what differs, for another edition of the same country) and write it
    into the URL. Dash also calls this when the page loads (the URL lives outside the page); then the controls show
    what is drawn, and nothing changes."""
    if not entity or (entity, edition) == (shown["entity"], shown["edition"]):  # no country: an unknown one was asked for
        return dash.no_update, dash.no_update, dash.no_update
    lang = str(shown["lang"])
    patch = page.edition_change(shown, edition) if entity == shown["entity"] else None
    return (
        patch if patch is not None else page.overview_content(entity, edition, lang),
        with_changes(search, entity=entity, edition=edition),
        page.drawn(lang, entity, edition),
    )


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
