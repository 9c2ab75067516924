"""Simulator: a new country, edition or mode redraws the inputs; a changed input re-scores the field; goal seek;
saving and comparing scenarios. The view (entity, edition, mode and the values set) is written into the URL."""

from __future__ import annotations

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, clientside_callback
from dash.exceptions import PreventUpdate

from indicators.outlook.scenarios import format_changes
from layouts import ids
from layouts.components import notice
from layouts.pages import simulator as page
from layouts.state import parse_query, with_changes
from layouts.user import request_user
from layouts.views import simulator as view
from layouts.views import simulator_scenarios as scenarios
from layouts.views import simulator_seek as seeking

VALUES = {"type": ids.SIMULATOR_VALUE, "code": ALL}


@dash.callback(
    Output(ids.SIMULATOR_BODY, "children"),
    Output(ids.SIMULATOR_EDITION, "options"),
    Output(ids.SIMULATOR_EDITION, "value"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.SIMULATOR_ENTITY, "value"),
    Input(ids.SIMULATOR_EDITION, "value"),
    Input(ids.SIMULATOR_MODE, "value"),
    State(ids.SIMULATOR_CONTEXT, "data"),
    State(ids.SIMULATOR_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_view(
    entity: str, edition: int | None, mode: str, context: view.Context | None, lang: str, search: str | None
) -> tuple[object, ...]:
    chosen = view.choose_edition(mode, edition)
    if context and (context["mode"], context["edition"], context["entity"]) == (mode, chosen, entity):
        raise PreventUpdate  # the page was just drawn for these (Dash calls this when it inserts the page)
    search = with_changes(search, entity=entity, edition=chosen, mode=mode, set=None)
    return page.body(mode, chosen, entity, {}, lang), page.edition_options(mode, lang), chosen, search


@dash.callback(
    Output(ids.SIMULATOR_RESULTS, "children"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(VALUES, "value"),
    State(VALUES, "id"),
    State(ids.SIMULATOR_CONTEXT, "data"),
    State(ids.SIMULATOR_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_results(
    values: list[float | None], value_ids: list[dict[str, str]], context: view.Context, lang: str, search: str | None
) -> tuple[object, str]:
    changes = view.changes_from(values, [i["code"] for i in value_ids], context["baseline"])
    mode, edition, entity = context["mode"], context["edition"], context["entity"]
    new_search = with_changes(search, entity=entity, edition=edition, mode=mode, set=format_changes(changes) or None)
    if parse_query(new_search).get("set") == parse_query(search).get("set"):
        raise PreventUpdate  # the results shown are those of the URL's changes (Dash calls this when it inserts inputs)
    return page.results_view(mode, edition, entity, changes, lang), new_search


@dash.callback(
    Output(VALUES, "value", allow_duplicate=True),
    Input(ids.SIMULATOR_RESET, "n_clicks"),
    State(VALUES, "id"),
    State(ids.SIMULATOR_CONTEXT, "data"),
    prevent_initial_call=True,
)
def reset_values(clicks: int, value_ids: list[dict[str, str]], context: view.Context) -> list[object]:
    return [view.input_value(i["code"], context["baseline"].get(i["code"])) for i in value_ids]


clientside_callback(
    ClientsideFunction(namespace="simulator", function_name="goalFields"),
    Output(ids.SIMULATOR_SEEK_RANK_BOX, "hidden"),
    Output(ids.SIMULATOR_SEEK_EGDI_BOX, "hidden"),
    Input(ids.SIMULATOR_SEEK_GOAL, "value"),
)


@dash.callback(
    Output(ids.SIMULATOR_SEEK_RESULT, "children"),
    Output(ids.SIMULATOR_SEEK_FOUND, "data"),
    Output(ids.SIMULATOR_SEEK_APPLY, "hidden"),
    Input(ids.SIMULATOR_SEEK_RUN, "n_clicks"),
    State(ids.SIMULATOR_SEEK_CODE, "value"),
    State(ids.SIMULATOR_SEEK_GOAL, "value"),
    State(ids.SIMULATOR_SEEK_RANK, "value"),
    State(ids.SIMULATOR_SEEK_EGDI, "value"),
    State(VALUES, "value"),
    State(ids.SIMULATOR_CONTEXT, "data"),
    State(ids.SIMULATOR_LANG, "data"),
    prevent_initial_call=True,
)
def run_seek(
    clicks: int,
    code: str,
    goal: str,
    rank: int | None,
    egdi: float | None,
    values: list[float | None],
    context: view.Context,
    lang: str,
) -> tuple[object, object, bool]:
    outcome = seeking.seek(context, code, goal, rank, egdi, values, lang)
    return page.seek_message(outcome), outcome.found, outcome.found is None


@dash.callback(
    Output(VALUES, "value", allow_duplicate=True),
    Input(ids.SIMULATOR_SEEK_APPLY, "n_clicks"),
    State(ids.SIMULATOR_SEEK_FOUND, "data"),
    State(VALUES, "id"),
    State(VALUES, "value"),
    prevent_initial_call=True,
)
def apply_seek(clicks: int, found: dict[str, object] | None, value_ids: list[dict[str, str]], values: list[object]) -> list[object]:
    if not found:
        return values
    return [found["value"] if i["code"] == found["code"] else v for i, v in zip(value_ids, values, strict=True)]


@dash.callback(
    Output(ids.SIMULATOR_SCENARIO_MESSAGE, "children"),
    Output(ids.SIMULATOR_SCENARIO_LIST, "options"),
    Output(ids.SIMULATOR_SCENARIO_LIST, "value"),
    Input(ids.SIMULATOR_SCENARIO_SAVE, "n_clicks"),
    Input(ids.SIMULATOR_SCENARIO_NAME, "n_submit"),
    State(ids.SIMULATOR_SCENARIO_NAME, "value"),
    State(ids.SIMULATOR_CONTEXT, "data"),
    State(VALUES, "value"),
    State(VALUES, "id"),
    State(ids.SIMULATOR_SCENARIO_LIST, "value"),
    State(ids.SIMULATOR_LANG, "data"),
    prevent_initial_call=True,
)
def save_scenario(
    clicks: int,
    submitted: int,
    name: str | None,
    context: view.Context | None,
    values: list[float | None],
    value_ids: list[dict[str, str]],
    checked: list[str] | None,
    lang: str,
) -> tuple[object, object, object]:
    outcome = scenarios.save_scenario(name, context, values, [i["code"] for i in value_ids], request_user(), lang)
    if not outcome.saved:
        return notice(outcome.text, "error"), dash.no_update, dash.no_update
    checked = [*(checked or []), outcome.name] if outcome.name not in (checked or []) else checked
    return notice(outcome.text, "success"), page.scenario_options(lang), checked


@dash.callback(
    Output(ids.SIMULATOR_COMPARE, "children"),
    Input(ids.SIMULATOR_SCENARIO_LIST, "value"),
    State(ids.SIMULATOR_LANG, "data"),
    prevent_initial_call=True,
)
def compare_scenarios(names: list[str] | None, lang: str) -> list[object]:
    return page.compare_view(list(names or []), lang)
