"""Reports: the editions of the chosen country, the notes on what a report cannot show, and the download itself.

While a report builds, the button is disabled and a progress line shows (`running`); a failure is a message in the
page language, never a traceback (unexpected errors are logged on the server).
"""

from __future__ import annotations

import logging

import dash
from dash import Input, Output, State, dcc

from indicators.report import ChartRenderError, ReportError
from layouts import ids, render
from layouts.components import notice
from layouts.i18n import t
from layouts.pages import reports as page
from layouts.state import language, with_changes
from layouts.views import reports as view

log = logging.getLogger(__name__)


@dash.callback(
    Output(ids.REPORTS_EDITION, "options"),
    Output(ids.REPORTS_EDITION, "value"),
    Input(ids.REPORTS_ENTITY, "value"),
    State(ids.REPORTS_EDITION, "value"),
    State(ids.REPORTS_LANG, "data"),
    prevent_initial_call=True,
)
def update_editions(entity: str | None, current: int | None, lang: str) -> tuple[list[dict[str, object]], int | None]:
    options, latest = view.edition_options(entity, language(lang))
    return options, current if current in {o["value"] for o in options} else latest


@dash.callback(
    Output(ids.REPORTS_NOTES, "children"),
    Output(ids.REPORTS_CLI, "children"),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.REPORTS_ENTITY, "value"),
    Input(ids.REPORTS_EDITION, "value"),
    Input(ids.REPORTS_REPORT_LANG, "value"),
    Input(ids.REPORTS_FORMAT, "value"),
    State(ids.REPORTS_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def update_notes(
    entity: str | None, edition: int | None, report_lang: str, fmt: str, lang: str, search: str | None
) -> tuple[object, str, str]:
    if fmt in ("pdf", "png"):
        render.warm_up()  # start the chart browser now, so the download does not wait for it
    notes = page.report_notes(entity, edition, language(report_lang))
    command = view.cli_command(entity, edition, language(report_lang), fmt or "pdf")
    return notes, command, with_changes(search, entity=entity, edition=edition)


@dash.callback(
    Output(ids.REPORTS_DOWNLOAD, "data"),
    Output(ids.REPORTS_STATUS, "children"),
    Input(ids.REPORTS_BUTTON, "n_clicks"),
    State(ids.REPORTS_ENTITY, "value"),
    State(ids.REPORTS_EDITION, "value"),
    State(ids.REPORTS_REPORT_LANG, "value"),
    State(ids.REPORTS_FORMAT, "value"),
    State(ids.REPORTS_LANG, "data"),
    prevent_initial_call=True,
    running=[
        (Output(ids.REPORTS_BUTTON, "disabled"), True, False),
        (Output(ids.REPORTS_PROGRESS, "hidden"), False, True),
        (Output(ids.REPORTS_STATUS, "hidden"), True, False),  # no "Ready: …" of the last report while this one builds
    ],
)
def download(clicks: int | None, entity: str | None, edition: int | None, report_lang: str, fmt: str, lang: str) -> tuple[object, object]:
    lang = language(lang)
    if not clicks or not entity:
        return dash.no_update, dash.no_update
    try:
        data, name = view.build_download(entity, edition, language(report_lang), fmt, render.report_charts)
    except ReportError as exc:
        return dash.no_update, notice(t("reports_failed", lang, reason=exc.message(lang)), "error")
    except ChartRenderError as exc:
        return dash.no_update, notice(t("reports_charts_failed", lang, reason=str(exc)), "error")
    except Exception:  # a bug: logged for the maintainers, a plain message for the user
        log.exception("report %s %s %s %s failed", entity, edition, report_lang, fmt)
        return dash.no_update, notice(t("reports_internal_error", lang), "error")
    size = max(1, round(len(data) / 1024))
    return dcc.send_bytes(data, name), notice(t("reports_ready", lang, file=name, size=size))
