"""Data: check an upload and preview it, import it (in the background when large: `data_jobs`), download its problems,
show a version and roll it back, refresh the history and the audit trail, download the template. The uploads live
in a temporary folder for the length of a callback (`layouts.views.uploads`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import dash
from dash import Input, Output, State, dcc, html

from indicators.ingest.jobs import needs_background
from indicators.ingest.template import write_template
from indicators.store import StoreError
from layouts import ids
from layouts.components import data_results as draw
from layouts.components import notice
from layouts.i18n import fmt_int, t
from layouts.state import language
from layouts.user import acting_user, request_user
from layouts.views import data as view
from layouts.views import data_audit as audit
from layouts.views import data_history as history
from layouts.views import data_jobs as jobs
from layouts.views.data_report import problems_csv, problems_file_name
from layouts.views.uploads import as_list, uploaded_files


def _sizes(paths: list[str]) -> list[int]:
    return [Path(path).stat().st_size for path in paths]


@dash.callback(
    Output(ids.DATA_CHECK, "children"),
    Output(ids.DATA_ACTIONS, "hidden"),
    Output(ids.DATA_CONFIRM, "disabled"),
    Output(ids.DATA_CONFIRM, "children"),
    Output(ids.DATA_CHECKED, "data"),
    Input(ids.DATA_UPLOAD, "contents"),
    Input(ids.DATA_ENTITY_KIND, "value"),
    State(ids.DATA_UPLOAD, "filename"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def check_upload(contents: object, kind: str, names: object, lang: str) -> tuple[object, bool, bool, object, object]:
    files = as_list(contents)
    if not files:  # cleared by a confirm or a cancel, which say what to show
        return dash.no_update, True, True, dash.no_update, None
    with uploaded_files(files, as_list(names)) as paths:
        try:
            prepared, previews = view.check(paths, kind)
        except StoreError as error:
            return [notice(t("data_store_problem", lang, message=error.text(lang)), "error")], True, True, "", None
        sizes = _sizes(paths)
    check = view.check_view(prepared, previews, lang)
    background = needs_background(sizes)
    note = t("data_background_note", lang, size=view.mib(sum(sizes), lang)) if background else None
    label = t("data_confirm_background", lang) if background else view.confirm_label(len(files), lang)
    return draw.check_content(check, note, lang), False, not check.importable, label, {"datasets": check.datasets}


@dash.callback(
    Output(ids.DATA_CHECK, "children", allow_duplicate=True),
    Output(ids.DATA_ACTIONS, "hidden", allow_duplicate=True),
    Output(ids.DATA_REVISION, "data", allow_duplicate=True),
    Output(ids.DATA_UPLOAD, "contents", allow_duplicate=True),
    Output(ids.DATA_JOB, "data"),
    Input(ids.DATA_CONFIRM, "n_clicks"),
    State(ids.DATA_UPLOAD, "contents"),
    State(ids.DATA_UPLOAD, "filename"),
    State(ids.DATA_ENTITY_KIND, "value"),
    State(ids.DATA_CHECKED, "data"),
    State(ids.DATA_LANG, "data"),
    running=[(Output(ids.DATA_CONFIRM, "disabled"), True, False)],
    prevent_initial_call=True,
)
def confirm_import(
    clicks: int | None, contents: object, names: object, kind: str, checked: object, lang: str
) -> tuple[object, bool, object, object, object]:
    files = as_list(contents)
    if not files:
        return dash.no_update, True, dash.no_update, dash.no_update, dash.no_update
    with uploaded_files(files, as_list(names)) as paths:
        if needs_background(_sizes(paths)):
            datasets = checked.get("datasets") if isinstance(checked, dict) else None
            if not isinstance(datasets, list) or len(datasets) != len(paths):
                return [notice(t("data_check_again", lang), "error")], True, dash.no_update, dash.no_update, dash.no_update
            queued = jobs.submit(paths, request_user(), [str(d) for d in datasets], kind, lang)
            if not isinstance(queued, int):
                return [draw.import_result(queued, lang)], True, dash.no_update, dash.no_update, dash.no_update
            return [], True, dash.no_update, None, queued  # its progress, then its result, follow (`data_jobs`)
        outcome = view.import_uploads(paths, request_user(), kind, lang)
    if not outcome.ok:
        return [draw.import_result(outcome, lang)], True, dash.no_update, dash.no_update, dash.no_update
    return [draw.import_result(outcome, lang)], True, history.latest_version(), None, dash.no_update


@dash.callback(
    Output(ids.DATA_CHECK, "children", allow_duplicate=True),
    Output(ids.DATA_ACTIONS, "hidden", allow_duplicate=True),
    Output(ids.DATA_UPLOAD, "contents", allow_duplicate=True),
    Input(ids.DATA_CANCEL, "n_clicks"),
    prevent_initial_call=True,
)
def cancel_upload(clicks: int | None) -> tuple[list[object], bool, None]:
    return [], True, None


@dash.callback(
    Output(ids.DATA_ISSUES_CSV, "data"),
    Input(ids.DATA_ISSUES_CSV_BUTTON, "n_clicks"),
    State(ids.DATA_UPLOAD, "contents"),
    State(ids.DATA_UPLOAD, "filename"),
    State(ids.DATA_ENTITY_KIND, "value"),
    prevent_initial_call=True,
)
def download_problems(clicks: int | None, contents: object, names: object, kind: str) -> object:
    """Every problem of the uploaded files, one row each, as CSV: the files are read again (nothing is kept between
    callbacks, so any worker can answer)."""
    files = as_list(contents)
    if not clicks or not files:
        return dash.no_update
    with uploaded_files(files, as_list(names)) as paths:
        try:
            prepared, _ = view.check(paths, kind)
        except StoreError:
            return dash.no_update
    return dcc.send_string(problems_csv(prepared), problems_file_name(prepared))


@dash.callback(
    Output(ids.DATA_REFUSED, "children"),
    Input(ids.DATA_UPLOAD_FILES, "data"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def refuse_oversized(chosen: dict[str, object] | None, lang: str) -> list[object]:
    """Files over the size limit are refused by the browser (dcc.Upload max_size) and never sent; assets/data.js
    reports the name and size of every chosen file, and this says which were refused and why."""
    refused = view.refused_uploads(chosen, lang)
    if not refused:
        return []
    items = [html.Li(line) for line in refused]
    return [html.Div([html.P(t("data_refused_title", lang)), html.Ul(items)], className="notice notice-error", role="alert")]


@dash.callback(
    Output(ids.DATA_HISTORY, "data-sortable"),
    Output(ids.DATA_VERSION, "options"),
    Output(ids.DATA_VERSION, "value"),
    Input(ids.DATA_REVISION, "data"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def refresh_history(revision: object, lang: str) -> tuple[str, list[dict[str, object]], None]:
    versions = history.versions()
    return draw.history_data(versions, lang), history.version_options(versions, lang), None


@dash.callback(
    Output(ids.DATA_AUDIT, "children"),
    Input(ids.DATA_REVISION, "data"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def refresh_audit(revision: object, lang: str) -> object:
    full = acting_user().may("manage_users")
    return draw.audit_content(audit.audit_view(lang, full), lang, full)


@dash.callback(
    Output(ids.DATA_VERSION_DETAIL, "children"),
    Input(ids.DATA_VERSION, "value"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def show_version(version_id: int | None, lang: str) -> list[object]:
    detail = history.version_detail(version_id, lang) if version_id is not None else None
    return [] if detail is None else draw.version_detail(detail, lang)


@dash.callback(
    Output(ids.DATA_ROLLBACK, "children"),
    Output(ids.DATA_ROLLBACK, "hidden"),
    Output(ids.DATA_ROLLBACK_PANEL, "hidden"),
    Input(ids.DATA_VERSION, "value"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def offer_rollback(version_id: int | None, lang: str) -> tuple[str, bool, bool]:
    """The rollback button of the chosen version (only in an administrator's page: elsewhere it is not there)."""
    explained = history.rollback_explained(version_id, lang) if version_id is not None else None
    if explained is None:
        return "", True, True
    return t("data_rollback", lang, version=fmt_int(version_id, lang)), False, True


@dash.callback(
    Output(ids.DATA_ROLLBACK_PANEL, "hidden", allow_duplicate=True),
    Output(ids.DATA_ROLLBACK_EXPLAIN, "children"),
    Input(ids.DATA_ROLLBACK, "n_clicks"),
    State(ids.DATA_VERSION, "value"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def ask_rollback(clicks: int | None, version_id: int | None, lang: str) -> tuple[bool, str]:
    explained = history.rollback_explained(version_id, lang)
    return (True, "") if explained is None else (False, explained)


@dash.callback(
    Output(ids.DATA_ROLLBACK_PANEL, "hidden", allow_duplicate=True),
    Input(ids.DATA_ROLLBACK_CANCEL, "n_clicks"),
    prevent_initial_call=True,
)
def cancel_rollback(clicks: int | None) -> bool:
    return True


@dash.callback(
    Output(ids.DATA_ROLLBACK_MESSAGE, "children"),
    Output(ids.DATA_ROLLBACK_PANEL, "hidden", allow_duplicate=True),
    Output(ids.DATA_REVISION, "data", allow_duplicate=True),
    Input(ids.DATA_ROLLBACK_CONFIRM, "n_clicks"),
    State(ids.DATA_VERSION, "value"),
    State(ids.DATA_LANG, "data"),
    running=[(Output(ids.DATA_ROLLBACK_CONFIRM, "disabled"), True, False)],
    prevent_initial_call=True,
)
def confirm_rollback(clicks: int | None, version_id: int | None, lang: str) -> tuple[list[object], bool, object]:
    if version_id is None:
        return [], True, dash.no_update
    outcome = history.rollback(int(version_id), request_user(), lang)
    if not outcome.ok:
        return [notice(outcome.text, "error")], True, dash.no_update
    return [notice(outcome.text, "success")], True, history.latest_version()


@dash.callback(
    Output(ids.DATA_TEMPLATE_DOWNLOAD, "data"),
    Input(ids.DATA_TEMPLATE_BUTTON, "n_clicks"),
    State(ids.DATA_TEMPLATE_LANG, "value"),
    State(ids.DATA_TEMPLATE_ENTITIES, "value"),
    prevent_initial_call=True,
)
def download_template(clicks: int | None, lang: str, entities: str) -> dict[str, object]:
    lang, entities = language(lang), "province" if entities == "province" else "country"
    name = f"egdi-data-template-{entities}-{lang}.xlsx"
    with tempfile.TemporaryDirectory(prefix="egdi-template-") as folder:
        path = write_template(Path(folder) / name, lang=lang, entity_kind=entities)
        return dcc.send_bytes(path.read_bytes(), name)
