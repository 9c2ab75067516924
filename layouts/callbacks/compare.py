"""Compare: any change of country, edition (drop-down or the map's timeline), peer set or axes answers in ONE round
trip: the controls that depend on the country, the ranking (drawn, sorted and downloaded in the browser,
assets/ranking_table.js), both charts with their tables, the map, and the URL.
The charts and the map are drawn on demand (their `data-figure`, assets/lazy_graph.js): a chart below the window is
drawn when it is scrolled to. The map's table and title change only with the edition; a new country only moves its
outline."""

from __future__ import annotations

import dash
from dash import Input, Output, State

from layouts import ids
from layouts.components.chart_block import table_view
from layouts.components.plotly_config import figure_data
from layouts.components.ranking_table import ranking_data
from layouts.i18n import fmt_int, t
from layouts.pages import compare as page
from layouts.state import with_changes
from layouts.views import compare as view
from layouts.views.snapshot import request_snapshot

NAMES = (  # the outputs by name, for tests and readers
    "edition_options", "edition", "peer_options", "custom_options", "heading", "coverage", "ranking", "class_note",
    "scatter", "scatter_summary", "scatter_rows", "gaps", "gaps_summary", "gaps_rows", "custom_style",
    "map_notice", "map_hidden", "map", "map_summary", "map_note", "map_rows", "map_title", "map_timeline", "map_state",
    "search",
)  # fmt: skip
OUTPUTS = (
    Output(ids.COMPARE_EDITION, "options"),
    Output(ids.COMPARE_EDITION, "value"),
    Output(ids.COMPARE_PEERS, "options"),
    Output(ids.COMPARE_CUSTOM, "options"),
    Output(ids.COMPARE_HEADING, "children"),
    Output(ids.COMPARE_COVERAGE, "children"),
    Output(ids.COMPARE_GRID, "data-sortable"),
    Output(ids.COMPARE_CLASS_NOTE, "children"),
    Output(ids.COMPARE_SCATTER, "data-figure"),
    Output(ids.COMPARE_SCATTER + "-frame", "aria-label"),
    Output(ids.COMPARE_SCATTER_BLOCK + "-rows", "children"),
    Output(ids.COMPARE_GAPS, "data-figure"),
    Output(ids.COMPARE_GAPS + "-frame", "aria-label"),
    Output(ids.COMPARE_GAPS_BLOCK + "-rows", "children"),
    Output(ids.COMPARE_CUSTOM_BOX, "style"),
    Output(ids.COMPARE_MAP_NOTICE, "children"),
    Output(ids.COMPARE_MAP_BOX, "hidden"),
    Output(ids.COMPARE_MAP, "data-figure"),
    Output(ids.COMPARE_MAP + "-frame", "aria-label"),
    Output(ids.COMPARE_MAP_NOTE, "children"),
    Output(ids.COMPARE_MAP_BLOCK + "-rows", "children"),
    Output(ids.COMPARE_MAP_BLOCK + "-title", "children"),
    Output(ids.COMPARE_MAP_TIMELINE, "value"),
    Output(ids.COMPARE_MAP_STATE, "data"),
    Output(ids.URL, "search", allow_duplicate=True),
)


@dash.callback(
    *OUTPUTS,
    Input(ids.COMPARE_ENTITY, "value"),
    Input(ids.COMPARE_EDITION, "value"),
    Input(ids.COMPARE_MAP_TIMELINE, "value"),
    Input(ids.COMPARE_PEERS, "value"),
    Input(ids.COMPARE_CUSTOM, "value"),
    Input(ids.COMPARE_X, "value"),
    Input(ids.COMPARE_Y, "value"),
    State(ids.COMPARE_LANG, "data"),
    State(ids.COMPARE_MAP_STATE, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_compare(
    entity: str,
    edition: int | None,
    timeline: int | None,
    peers: str,
    custom: list[str] | None,
    x: str,
    y: str,
    lang: str,
    drawn: dict[str, object] | None,
    search: str | None,
) -> tuple[object, ...]:
    data = request_snapshot()
    if timeline is not None and timeline != edition and edition == (drawn or {}).get("edition"):
        edition = timeline  # the map's timeline moved (the drop-down still shows the edition drawn)
    entity, kind, chosen, x, y = view.normalise(entity, peers, custom, x, y)
    edition = view.choose_edition(data, entity, edition)
    shown = view.shown(entity, edition, kind, chosen, x, y)
    if (drawn or {}).get("shown") == shown:  # the page load: what the page drew, nothing to send
        return (dash.no_update,) * len(OUTPUTS)
    others = [option for option in view.country_options(data, lang) if option["value"] != entity]
    peer = page.peer_view(data, entity, edition, kind, chosen, x, y, lang)
    query = with_changes(
        search,
        entity=entity,
        edition=edition,
        peers=None if kind == view.DEFAULTS["peers"] else kind,
        custom=",".join(chosen) if kind == "custom" and chosen else None,
        x=None if x == view.DEFAULTS["x"] else x,
        y=None if y == view.DEFAULTS["y"] else y,
    )
    return (
        view.edition_options(data, entity, lang),
        edition,
        view.peer_options(entity, lang),
        others,
        peer.heading,
        peer.coverage,
        ranking_data(peer.rows, peer.csv_name, lang),
        peer.class_note,
        figure_data(peer.scatter),
        peer.scatter_summary,
        table_view(peer.scatter_table, lang),
        figure_data(peer.gaps),
        peer.gaps_summary,
        table_view(peer.gaps_table, lang),
        peer.custom_style,
        *map_outputs(entity, edition, lang, drawn or {}, shown),
        query,
    )


def map_outputs(entity: str, edition: int | None, lang: str, drawn: dict[str, object], shown: list[object]) -> tuple[object, ...]:
    """The map's outputs: everything when the edition changes; only the figure (its new outline), the sentence and
    the note when the country alone changes; nothing when neither does. Its state keeps the view `shown` too (`view.shown`)."""
    data = request_snapshot()
    same = dash.no_update
    if drawn.get("edition") == edition and edition is not None:
        if drawn.get("entity") == entity:
            return (same,) * 8 + ({"edition": edition, "entity": entity, "shown": shown},)
        drawn_map = page.map_view(data, entity, edition, lang)
        state = {"edition": edition, "entity": entity, "shown": shown}
        return (same, same, figure_data(drawn_map.figure), drawn_map.summary, drawn_map.note, same, same, same, state)
    drawn_map = page.map_view(data, entity, edition, lang)
    title = t("compare_map_title", lang, edition=fmt_int(edition, lang))
    state = {"edition": None if drawn_map.hidden else edition, "entity": entity, "shown": shown}
    return (
        drawn_map.notice,
        drawn_map.hidden,
        figure_data(drawn_map.figure),
        drawn_map.summary,
        drawn_map.note,
        table_view(drawn_map.table, lang),
        title,
        edition if not drawn_map.hidden else same,
        state,
    )
