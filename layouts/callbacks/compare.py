"""Compare: a change of country, edition, peer set or axes redraws the view and is written into the URL."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from layouts import ids
from layouts.pages import compare as page
from layouts.state import with_changes
from layouts.views import compare as view
from layouts.views.snapshot import snapshot


@dash.callback(
    Output(ids.COMPARE_EDITION, "options"),
    Output(ids.COMPARE_EDITION, "value"),
    Output(ids.COMPARE_PEERS, "options"),
    Output(ids.COMPARE_CUSTOM, "options"),
    Input(ids.COMPARE_ENTITY, "value"),
    State(ids.COMPARE_EDITION, "value"),
    State(ids.COMPARE_LANG, "data"),
    prevent_initial_call=True,
)
def update_entity_controls(entity: str, edition: int | None, lang: str) -> tuple[object, ...]:
    """A new country: its editions (keeping the chosen one when it has results), its region names, the others to pick."""
    data = snapshot()
    others = [option for option in view.country_options(data, lang) if option["value"] != entity]
    return view.edition_options(data, entity, lang), view.choose_edition(data, entity, edition), view.peer_options(entity, lang), others


@dash.callback(
    Output(ids.COMPARE_HEADING, "children"),
    Output(ids.COMPARE_COVERAGE, "children"),
    Output(ids.COMPARE_GRID, "rowData"),
    Output(ids.COMPARE_GRID, "csvExportParams"),
    Output(ids.COMPARE_CLASS_NOTE, "children"),
    Output(ids.COMPARE_SCATTER, "figure"),
    Output(ids.COMPARE_GAPS, "figure"),
    Output(ids.COMPARE_GAPS_TABLE, "children"),
    Output(ids.COMPARE_CUSTOM_BOX, "style"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.COMPARE_ENTITY, "value"),
    Input(ids.COMPARE_EDITION, "value"),
    Input(ids.COMPARE_PEERS, "value"),
    Input(ids.COMPARE_CUSTOM, "value"),
    Input(ids.COMPARE_X, "value"),
    Input(ids.COMPARE_Y, "value"),
    State(ids.COMPARE_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_peers(
    entity: str, edition: int | None, peers: str, custom: list[str] | None, x: str, y: str, lang: str, search: str | None
) -> tuple[object, ...]:
    data = snapshot()
    entity, kind, chosen, x, y = view.normalise(entity, peers, custom, x, y)
    edition = view.choose_edition(data, entity, edition)
    query = with_changes(
        search,
        entity=entity,
        edition=edition,
        peers=None if kind == view.DEFAULTS["peers"] else kind,
        custom=",".join(chosen) if kind == "custom" and chosen else None,
        x=None if x == view.DEFAULTS["x"] else x,
        y=None if y == view.DEFAULTS["y"] else y,
    )
    return (*page.peer_view(data, entity, edition, kind, chosen, x, y, lang), query)


@dash.callback(
    Output(ids.COMPARE_MAP_BOX, "children"),
    Input(ids.COMPARE_ENTITY, "value"),
    Input(ids.COMPARE_EDITION, "value"),
    State(ids.COMPARE_LANG, "data"),
    prevent_initial_call=True,
)
def update_map(entity: str, edition: int | None, lang: str) -> list[object]:
    data = snapshot()
    entity = view.normalise(entity, None, None, None, None)[0]
    return page.map_view(data, entity, view.choose_edition(data, entity, edition), lang)


@dash.callback(
    Output(ids.COMPARE_MAP_TABLE, "children"),
    Input(ids.COMPARE_EDITION, "value"),
    State(ids.COMPARE_LANG, "data"),
    prevent_initial_call=True,
)
def update_map_table(edition: int | None, lang: str) -> list[object]:
    return page.map_table_view(snapshot(), edition, lang)


@dash.callback(Output(ids.COMPARE_GRID, "exportDataAsCsv"), Input(ids.COMPARE_DOWNLOAD, "n_clicks"), prevent_initial_call=True)
def download_csv(_: int) -> bool:
    """The grid writes its rows (all columns, raw values) to a CSV file in the browser."""
    return True
