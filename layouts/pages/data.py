"""Data (analysts): upload files → the problems found (file, sheet, row, column, message) → what importing them would
change, per file → confirm; the version history with rollback; the national data template (`layouts.views.data`,
`data_history`). Tables are AG Grids: keyboard navigable and sortable.
"""

from __future__ import annotations

import dash
import dash_ag_grid as dag
from dash import dcc, html

from indicators.ingest.readers import MAX_FILE_BYTES
from layouts import ids
from layouts.components import notice, scroll_box
from layouts.i18n import fmt_int, t
from layouts.state import language
from layouts.views import data as view
from layouts.views import data_history as history
from layouts.views.labels import catalog_texts, page_href

dash.register_page(__name__, path="/data", name="Data", order=3)

GRID_THEME = {
    "function": "themeQuartz.withParams({fontFamily: 'inherit', fontSize: 14, spacing: 6, headerFontWeight: 600, "
    "foregroundColor: '#1d2733'})",
}
FILE_HEADERS = ("file", "format", "dataset", "values", "errors", "warnings", "added", "changed", "removed", "status")


def layout(lang: str = "en", **_: str) -> html.Div:
    lang = language(lang)
    return html.Div(
        [
            dcc.Store(id=ids.DATA_LANG, data=lang),
            dcc.Store(id=ids.DATA_UPLOAD_FILES),
            dcc.Store(id=ids.DATA_REVISION),
            html.H1(t("data_title", lang)),
            html.P(t("data_subtitle", lang), className="subtitle"),
            upload_section(lang),
            history_section(lang),
            template_section(lang),
        ],
        className="data-page",
    )


def upload_section(lang: str) -> html.Section:
    limit = fmt_int(MAX_FILE_BYTES // 2**20, lang)
    zone = html.Div(
        [
            html.Strong(t("data_upload_drop", lang)),
            html.Span(f" {t('data_upload_or', lang)} "),
            html.Button(t("data_upload_choose", lang), type="button", className="button"),
            html.P(t("data_upload_hint", lang, limit=limit), className="muted"),
        ]
    )
    kinds = [{"label": t(f"data_entities_{kind}", lang), "value": kind} for kind in ("auto", "country", "province")]
    return html.Section(
        [
            html.H2(t("data_upload_title", lang)),
            dcc.Upload(
                zone, id=ids.DATA_UPLOAD, multiple=True, max_size=MAX_FILE_BYTES, className="upload-zone", className_active="active"
            ),
            html.Fieldset(
                [
                    html.Legend(t("data_entities_label", lang)),
                    dcc.RadioItems(kinds, "auto", id=ids.DATA_ENTITY_KIND, inline=True, className="radios"),
                ],
                className="control-row",
            ),
            html.Div(id=ids.DATA_REFUSED),
            dcc.Loading(html.Div(id=ids.DATA_CHECK), type="dot"),
            html.Div(
                [
                    html.Button(view.confirm_label(1, lang), id=ids.DATA_CONFIRM, className="button primary", disabled=True),
                    html.Button(t("data_cancel", lang), id=ids.DATA_CANCEL, className="button"),
                ],
                id=ids.DATA_ACTIONS,
                className="actions",
                hidden=True,
            ),
        ],
        className="panel",
    )


def history_section(lang: str) -> html.Section:
    versions = history.versions()
    return html.Section(
        [
            html.H2(t("data_history_title", lang)),
            html.P(t("data_history_intro", lang), className="muted"),
            grid(ids.DATA_HISTORY, history.history_columns(lang), history.history_rows(versions, lang), lang),
            html.Label(
                [
                    t("data_version_label", lang),
                    dcc.Dropdown(
                        id=ids.DATA_VERSION,
                        options=history.version_options(versions, lang),
                        placeholder=t("data_version_placeholder", lang),
                        clearable=True,
                    ),
                ],
                className="control wide",
            ),
            html.Div(id=ids.DATA_VERSION_DETAIL),
            html.Button(id=ids.DATA_ROLLBACK, className="button danger", hidden=True),
            html.Div(
                [
                    html.P(id=ids.DATA_ROLLBACK_EXPLAIN),
                    html.Button(t("data_rollback_confirm", lang), id=ids.DATA_ROLLBACK_CONFIRM, className="button danger"),
                    html.Button(t("data_cancel", lang), id=ids.DATA_ROLLBACK_CANCEL, className="button"),
                ],
                id=ids.DATA_ROLLBACK_PANEL,
                className="confirm-panel",
                hidden=True,
                role="region",
                **{"aria-labelledby": ids.DATA_ROLLBACK_EXPLAIN},
            ),
            html.Div(id=ids.DATA_ROLLBACK_MESSAGE),
        ],
        className="panel",
    )


def template_section(lang: str) -> html.Section:
    languages = [{"label": t(f"data_language_{code}", lang), "value": code} for code in ("en", "km")]
    entities = [{"label": t(f"data_template_{kind}", lang), "value": kind} for kind in ("country", "province")]
    return html.Section(
        [
            html.H2(t("data_template_title", lang)),
            html.P(t("data_template_intro", lang)),
            html.Fieldset(
                [
                    html.Legend(t("data_template_language", lang)),
                    dcc.RadioItems(languages, lang, id=ids.DATA_TEMPLATE_LANG, inline=True, className="radios"),
                ],
                className="control-row",
            ),
            html.Fieldset(
                [
                    html.Legend(t("data_template_entities", lang)),
                    dcc.RadioItems(entities, "country", id=ids.DATA_TEMPLATE_ENTITIES, inline=True, className="radios"),
                ],
                className="control-row",
            ),
            html.Button(t("data_template_download", lang), id=ids.DATA_TEMPLATE_BUTTON, className="button primary"),
            dcc.Download(id=ids.DATA_TEMPLATE_DOWNLOAD),
        ],
        className="panel",
    )


# ---- tables -----------------------------------------------------------------------------------------------------


def grid(grid_id: str, columns: list[dict[str, object]], rows: list[dict[str, object]], lang: str) -> dag.AgGrid:
    """An accessible, sortable grid: short tables size to their rows, long ones scroll inside 480 px."""
    short = len(rows) <= 12
    options = {
        "theme": GRID_THEME,
        "domLayout": "autoHeight" if short else "normal",
        "ensureDomOrder": True,
        "enableCellTextSelection": True,
        "suppressColumnVirtualisation": True,
        "localeText": catalog_texts("grid_", lang),
    }
    return dag.AgGrid(
        id=grid_id,
        columnDefs=columns,
        rowData=rows,
        defaultColDef={"sortable": True, "resizable": True, "wrapHeaderText": True, "autoHeaderHeight": True},
        dashGridOptions=options,
        style={"height": None if short else "480px", "width": "100%"},
        className="data-grid",
    )


def limited(shown: int, total: int, lang: str) -> list[object]:
    """A note under a grid that shows only the first `shown` of `total` rows."""
    note = view.limited(shown, total, lang)
    return [html.P(note, className="muted")] if note else []


def files_table(files: list[tuple[list[str], str]], lang: str) -> html.Table:
    """One row per file: format, dataset, values read, problems, and what importing it would change."""
    body = [html.Tr([html.Td(cell) for cell in cells], className=f"status-{status}") for cells, status in files]
    head = html.Thead(html.Tr([html.Th(t(f"data_col_{h}", lang), scope="col") for h in FILE_HEADERS]))
    return html.Table([head, html.Tbody(body)], className="data-table files-table")


def check_content(check: view.Check, lang: str) -> list[object]:
    """The result of checking an upload: summary, files, problems and the changes an import would make."""
    content: list[object] = [
        *(notice(text, kind) for kind, text in check.summary),
        html.H3(t("data_files_title", lang)),
        scroll_box(files_table(check.files, lang), lang),
        html.H3(t("data_issues_title", lang, count=fmt_int(check.issues_total, lang))),
    ]
    if check.issues:
        content += [
            grid(ids.DATA_ISSUES, view.issue_columns(lang), check.issues, lang),
            *limited(len(check.issues), check.issues_total, lang),
        ]
    else:
        content.append(html.P(t("data_issues_none", lang), className="muted"))
    if check.changes is not None:
        content.append(html.H3(t("data_changes_title", lang, count=fmt_int(check.changes_total, lang))))
        if check.changes:
            content += [
                grid(ids.DATA_CHANGES, view.change_columns(lang, with_file=True), check.changes, lang),
                *limited(len(check.changes), check.changes_total, lang),
            ]
        else:
            content.append(html.P(t("data_changes_none", lang), className="muted"))
    return content


def import_result(outcome: view.Outcome, lang: str) -> html.Div:
    """What the import did, with a link to the overview; an import refused or failed is an error notice."""
    if not outcome.ok:
        return notice(outcome.text, "error")
    link = dcc.Link(t("data_see_overview", lang), href=page_href("/", lang))
    lines = html.Ul([html.Li(line) for line in outcome.lines])
    return html.Div([html.P(outcome.text), lines, link], className="notice notice-success", role="status")


def version_detail(detail: history.VersionDetail, lang: str) -> list[object]:
    """What a version changed."""
    return [
        html.P(detail.text),
        grid(ids.DATA_VERSION_CHANGES, view.change_columns(lang, with_file=False), detail.rows, lang),
        *limited(len(detail.rows), detail.total, lang),
        html.Details([html.Summary(t("technical_details", lang)), html.P(detail.technical, className="source")], className="tech-details"),
    ]
