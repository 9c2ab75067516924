"""Provinces: a change of year, part or province (or a click on the map, which the chart writes into a store)
redraws the map, the ranking, the profile and the notices in one round trip and is written into the URL; the brief
button builds the province's PDF brief in the page language. A failure is a message in the page language, never a
traceback (unexpected errors are logged)."""

from __future__ import annotations

import logging

import dash
from dash import Input, Output, State, dcc
from dash.exceptions import PreventUpdate

from indicators.entities import load_provinces
from indicators.report import ChartRenderError, ReportError
from layouts import ids, render
from layouts.components import notice
from layouts.components.chart_block import table_view
from layouts.components.plotly_config import figure_data
from layouts.i18n import t
from layouts.pages import provinces as page
from layouts.state import language, parse_query, with_changes
from layouts.views import province_profile as one
from layouts.views import provinces as view

log = logging.getLogger(__name__)


@dash.callback(
    Output(ids.PROVINCES_PROVINCE, "value"),
    Input(ids.PROVINCES_MAP_CLICK, "data"),
    State(ids.PROVINCES_PROVINCE, "value"),
    prevent_initial_call=True,
)
def select_on_map(click: dict[str, list[dict[str, object]]] | None, current: str | None) -> str:
    """The province clicked on the map becomes the chosen one."""
    points = (click or {}).get("points") or [{}]
    code = points[0].get("location")
    if not isinstance(code, str) or code == current or code not in load_provinces().codes:
        raise PreventUpdate
    return code


@dash.callback(
    Output(ids.PROVINCES_MAP, "data-figure"),
    Output(ids.PROVINCES_MAP + "-frame", "aria-label"),
    Output(ids.PROVINCES_MAP_BLOCK + "-title", "children"),
    Output(ids.PROVINCES_MAP_BLOCK + "-rows", "children"),
    Output(ids.PROVINCES_RANKING, "children"),
    Output(ids.PROVINCES_PROFILE, "children"),
    Output(ids.PROVINCES_NOTICE, "children"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.PROVINCES_YEAR, "value"),
    Input(ids.PROVINCES_PART, "value"),
    Input(ids.PROVINCES_PROVINCE, "value"),
    State(ids.PROVINCES_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_provinces(year: int | None, part: str | None, province: str | None, lang: str, search: str | None) -> tuple[object, ...]:
    lang = language(lang)
    data = view.current()
    choice = view.choose(data, year, part, province)
    query = parse_query(search)
    if choice == view.choose(data, query.get("year"), query.get("part"), query.get("province")):
        raise PreventUpdate  # the page was drawn from this very URL
    shown = page.map_parts(choice, lang)
    return (
        figure_data(shown.figure),
        shown.summary,
        shown.title,
        table_view(shown.table, lang),
        page.ranking_section(choice, lang),
        page.profile_section(choice, lang),
        page.notices(lang),
        with_changes(search, year=choice.year, part=choice.part, province=choice.province),
    )


@dash.callback(
    Output(ids.PROVINCES_BRIEF_DOWNLOAD, "data"),
    Output(ids.PROVINCES_BRIEF_STATUS, "children"),
    Input(ids.PROVINCES_BRIEF_BUTTON, "n_clicks"),
    State(ids.PROVINCES_PROVINCE, "value"),
    State(ids.PROVINCES_YEAR, "value"),
    State(ids.PROVINCES_LANG, "data"),
    prevent_initial_call=True,
    running=[
        (Output(ids.PROVINCES_BRIEF_BUTTON, "disabled"), True, False),
        (Output(ids.PROVINCES_BRIEF_PROGRESS, "hidden"), False, True),
        (Output(ids.PROVINCES_BRIEF_STATUS, "hidden"), True, False),
    ],
)
def download_brief(clicks: int | None, province: str | None, year: int | None, lang: str) -> tuple[object, object]:
    lang = language(lang)
    if not clicks or not province:
        return dash.no_update, dash.no_update
    try:
        pdf, name = one.build_brief(province, year, lang, render.province_charts)
    except ReportError as exc:
        return dash.no_update, notice(t("provinces_brief_failed", lang, reason=exc.message(lang)), "error")
    except ChartRenderError as exc:
        return dash.no_update, notice(t("provinces_brief_charts_failed", lang, reason=str(exc)), "error")
    except Exception:  # a bug: logged for the maintainers, a plain message for the user
        log.exception("province brief %s %s %s failed", province, year, lang)
        return dash.no_update, notice(t("provinces_brief_internal", lang), "error")
    size = max(1, round(len(pdf) / 1024))
    return dcc.send_bytes(pdf, name), notice(t("provinces_brief_ready", lang, file=name, size=size))
