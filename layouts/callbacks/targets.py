"""Targets: choosing a target to edit (written into the URL), and saving an edit as a dataset version of the store."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.pages import targets as page
from layouts.state import parse_query, with_changes
from layouts.user import request_user
from layouts.views import target_edits
from layouts.views import targets as view


@dash.callback(
    Output(ids.TARGETS_EDIT_FIELDS, "children"),
    Output(ids.TARGETS_EDIT_MESSAGE, "children", allow_duplicate=True),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.TARGETS_EDIT_TARGET, "value"),
    State(ids.TARGETS_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def choose_target(target_id: str, lang: str, search: str | None) -> tuple[list[object], None, str]:
    targets = view.targets_view().targets
    if view.chosen_target(targets, parse_query(search).get("target")) == target_id:
        raise PreventUpdate  # the editor shows it already (Dash calls this when it inserts the page): keep what is typed
    return page.edit_fields(targets, target_id, lang), None, with_changes(search, target=target_id)


@dash.callback(
    Output(ids.TARGETS_EDIT_MESSAGE, "children"),
    Output(ids.TARGETS_CONTENT, "children"),
    Input(ids.TARGETS_EDIT_SAVE, "n_clicks"),
    State(ids.TARGETS_EDIT_TARGET, "value"),
    State(ids.TARGETS_EDIT_BASELINE_YEAR, "value"),
    State(ids.TARGETS_EDIT_BASELINE_VALUE, "value"),
    State({"type": ids.TARGETS_EDIT_VALUE, "year": ALL}, "value"),
    State({"type": ids.TARGETS_EDIT_VALUE, "year": ALL}, "id"),
    State(ids.TARGETS_EDIT_STATUS, "value"),
    State(ids.TARGETS_EDIT_SOURCE, "value"),
    State(ids.TARGETS_LANG, "data"),
    prevent_initial_call=True,
)
def save_target(
    clicks: int,
    target_id: str,
    baseline_year: str | None,
    baseline_value: str | None,
    values: list[str | None],
    value_ids: list[dict[str, int]],
    status: str,
    source: str | None,
    lang: str,
) -> tuple[object, object]:
    typed = {int(i["year"]): value for i, value in zip(value_ids, values, strict=True)}
    outcome = target_edits.save_edit(target_id, baseline_year, baseline_value, typed, status, source, request_user(), lang)
    return page.edit_message(outcome), page.current_content(lang) if outcome.kind == "saved" else dash.no_update
