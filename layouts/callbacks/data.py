"""Data: check an upload and preview it, import it, show a version and roll it back, download the template.

Uploaded bytes are written under their (sanitised) original names to a temporary directory that is removed when the
callback returns, so the core's messages name the files. Nothing is kept on the server between callbacks: the confirm
sends the files again (the browser still holds them), so any worker of a multi-process server can import them.
"""

from __future__ import annotations

import base64
import binascii
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import dash
from dash import Input, Output, State, dcc, html

from indicators.ingest.imports import import_files, load_for_import, oversized_file, preview_files
from indicators.ingest.template import write_template
from indicators.store import StoreError
from layouts import ids
from layouts.components import notice
from layouts.i18n import fmt_int, t
from layouts.pages import data as page
from layouts.state import language
from layouts.user import request_user
from layouts.views.snapshot import store

UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


# ---- helpers ----------------------------------------------------------------------------------------------------


def safe_file_name(name: object) -> str:
    """The last part of an uploaded file's name, without characters a file system refuses or a leading dot."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = UNSAFE_NAME.sub("_", base).strip().lstrip(".").strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:120].strip() or "upload"
    return f"{stem}.{suffix[:12]}" if dot else stem


def _decode(content: str | None) -> bytes:
    """The bytes of a `data:...;base64,...` URL as dcc.Upload gives them (nothing when it is not one)."""
    payload = (content or "").partition(",")[2]
    try:
        return base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        return b""


@contextmanager
def uploaded_files(contents: Sequence[str], names: Sequence[str]) -> Iterator[list[str]]:
    """The uploads written to a temporary directory under their sanitised names (made unique), removed afterwards;
    in the order of their names (the browser hands them over in the order it finished reading them), so the check
    and the import take them in the same order."""
    uploads = sorted(zip(contents, names, strict=True), key=lambda upload: safe_file_name(upload[1]))
    with tempfile.TemporaryDirectory(prefix="egdi-upload-") as folder:
        paths: list[str] = []
        for content, name in uploads:
            safe = safe_file_name(name)
            path, number = Path(folder) / safe, 1
            while path.exists():
                number += 1
                stem, dot, suffix = safe.rpartition(".")
                path = Path(folder) / (f"{stem} ({number}).{suffix}" if dot else f"{safe} ({number})")
            path.write_bytes(_decode(content))
            paths.append(str(path))
        yield paths


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


# ---- callbacks --------------------------------------------------------------------------------------------------


@dash.callback(
    Output(ids.DATA_CHECK, "children"),
    Output(ids.DATA_ACTIONS, "hidden"),
    Output(ids.DATA_CONFIRM, "disabled"),
    Output(ids.DATA_CONFIRM, "children"),
    Input(ids.DATA_UPLOAD, "contents"),
    Input(ids.DATA_ENTITY_KIND, "value"),
    State(ids.DATA_UPLOAD, "filename"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def check_upload(contents: object, kind: str, names: object, lang: str) -> tuple[object, bool, bool, object]:
    files = _as_list(contents)
    if not files:  # cleared by a confirm or a cancel, which say what to show
        return dash.no_update, True, True, dash.no_update
    with uploaded_files(files, _as_list(names)) as paths:
        try:
            prepared = load_for_import(paths, store(), kind or "auto")
            previews = preview_files(prepared, store())
        except StoreError as error:
            return [notice(t("data_store_problem", lang, message=error.text(lang)), "error")], True, True, ""
    return (
        page.check_content(prepared, previews, lang),
        False,
        not page.importable(prepared, previews),
        page.confirm_label(len(files), lang),
    )


@dash.callback(
    Output(ids.DATA_CHECK, "children", allow_duplicate=True),
    Output(ids.DATA_ACTIONS, "hidden", allow_duplicate=True),
    Output(ids.DATA_REVISION, "data", allow_duplicate=True),
    Output(ids.DATA_UPLOAD, "contents", allow_duplicate=True),
    Input(ids.DATA_CONFIRM, "n_clicks"),
    State(ids.DATA_UPLOAD, "contents"),
    State(ids.DATA_UPLOAD, "filename"),
    State(ids.DATA_ENTITY_KIND, "value"),
    State(ids.DATA_LANG, "data"),
    running=[(Output(ids.DATA_CONFIRM, "disabled"), True, False)],
    prevent_initial_call=True,
)
def confirm_import(clicks: int | None, contents: object, names: object, kind: str, lang: str) -> tuple[object, bool, object, object]:
    if not _as_list(contents):
        return dash.no_update, True, dash.no_update, dash.no_update
    with uploaded_files(_as_list(contents), _as_list(names)) as paths:
        try:
            results, landed = import_files(paths, store(), user=request_user(), entity_kind=kind or "auto")
        except StoreError as error:
            return [notice(t("data_import_failed", lang, message=error.text(lang)), "error")], True, dash.no_update, dash.no_update
    if not landed:
        return [notice(t("data_import_refused", lang), "error")], True, dash.no_update, dash.no_update
    return [page.import_result(results, lang)], True, _latest_version(), None


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
    Output(ids.DATA_REFUSED, "children"),
    Input(ids.DATA_UPLOAD_FILES, "data"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def refuse_oversized(chosen: dict[str, object] | None, lang: str) -> list[object]:
    """Files over the size limit are refused by the browser (dcc.Upload max_size) and never sent; assets/data.js
    reports the name and size of every chosen file, and this says which were refused and why."""
    files = chosen.get("files") if isinstance(chosen, dict) else None
    sizes = [(str(f.get("name", "")), int(f.get("size") or 0)) for f in files or [] if isinstance(f, dict)]
    refused = [issue for issue in (oversized_file(name, size) for name, size in sizes) if issue is not None]
    if not refused:
        return []
    items = [html.Li(f"{issue.file}: {issue.message_km if lang == 'km' else issue.message}") for issue in refused]
    return [html.Div([html.P(t("data_refused_title", lang)), html.Ul(items)], className="notice notice-error", role="alert")]


@dash.callback(
    Output(ids.DATA_HISTORY, "rowData"),
    Output(ids.DATA_VERSION, "options"),
    Output(ids.DATA_VERSION, "value"),
    Input(ids.DATA_REVISION, "data"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def refresh_history(revision: object, lang: str) -> tuple[list[dict[str, object]], list[dict[str, object]], None]:
    versions = store().versions()
    return page.history_rows(versions, lang), page.version_options(versions, lang), None


@dash.callback(
    Output(ids.DATA_VERSION_DETAIL, "children"),
    Output(ids.DATA_ROLLBACK, "children"),
    Output(ids.DATA_ROLLBACK, "hidden"),
    Output(ids.DATA_ROLLBACK_PANEL, "hidden"),
    Input(ids.DATA_VERSION, "value"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def show_version(version_id: int | None, lang: str) -> tuple[list[object], str, bool, bool]:
    versions = store().versions()
    chosen = versions[versions["version_id"] == version_id]
    if version_id is None or chosen.empty:
        return [], "", True, True
    version = chosen.iloc[0]
    label = t("data_rollback", lang, version=fmt_int(version_id, lang))
    return page.version_detail(version, store().diff(int(version_id)), lang), label, False, True


@dash.callback(
    Output(ids.DATA_ROLLBACK_PANEL, "hidden", allow_duplicate=True),
    Output(ids.DATA_ROLLBACK_EXPLAIN, "children"),
    Input(ids.DATA_ROLLBACK, "n_clicks"),
    State(ids.DATA_VERSION, "value"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call=True,
)
def ask_rollback(clicks: int | None, version_id: int | None, lang: str) -> tuple[bool, str]:
    versions = store().versions()
    chosen = versions[versions["version_id"] == version_id]
    if chosen.empty:
        return True, ""
    return False, t("data_rollback_explain", lang, version=fmt_int(version_id, lang), dataset=chosen.iloc[0]["dataset"])


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
    try:
        outcome = store().rollback(int(version_id), user=request_user())
    except StoreError as error:
        return [notice(t("data_rollback_failed", lang, message=error.text(lang)), "error")], True, dash.no_update
    numbers = {k: fmt_int(getattr(outcome, k), lang) for k in ("added", "changed", "removed")}
    text = t(
        "data_rolled_back",
        lang,
        version=fmt_int(version_id, lang),
        dataset=outcome.dataset,
        new=fmt_int(outcome.version_id, lang),
        **numbers,
    )
    return [notice(text, "success")], True, _latest_version()


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


def _latest_version() -> int:
    versions = store().versions()
    return int(versions["version_id"].max()) if not versions.empty else 0
