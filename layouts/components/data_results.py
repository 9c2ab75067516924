"""What the Data page draws from its views' plain data, for its layout and its callbacks alike: grids, the version
history and the audit trail (sortable tables, drawn by the browser), the result of
checking an upload (what each file was read as, problems grouped by kind with the full table a download away, the
changes), an import's result, a background import's progress and result, and a version's changes."""

from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from indicators.ingest.jobs import BACKGROUND_BYTES
from layouts import ids
from layouts.components import notice, scroll_box
from layouts.components.inert import inert
from layouts.components.sortable_table import sortable_table, table_data
from layouts.i18n import fmt_int, t
from layouts.views import data as view
from layouts.views import data_history as history
from layouts.views.data_audit import audit_columns
from layouts.views.data_jobs import JobStatus, job_columns
from layouts.views.labels import catalog_texts, page_href

GRID_THEME = {
    "function": "themeQuartz.withParams({fontFamily: 'inherit', fontSize: 14, spacing: 6, headerFontWeight: 600, "
    "foregroundColor: '#1d2733'})",
}
TALL_ROWS = 12  # a table of more rows scrolls inside 480 px, as a long grid does
FILE_HEADERS = ("file", "dataset", "values", "errors", "warnings", "added", "changed", "removed", "status")


def grid(grid_id: str, columns: list[dict[str, object]], rows: list[dict[str, object]], lang: str) -> dag.AgGrid:
    """An accessible, sortable grid: short tables size to their rows, long ones scroll inside 480 px."""
    short = len(rows) <= TALL_ROWS
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
    """One row per file: dataset, values read, problems, and what importing it would change."""
    body = [html.Tr([html.Td(cell) for cell in cells], className=f"status-{status}") for cells, status in files]
    head = html.Thead(html.Tr([html.Th(t(f"data_col_{h}", lang), scope="col") for h in FILE_HEADERS]))
    return inert(html.Table([head, html.Tbody(body)], className="data-table files-table"))


def problem_list(rows: list[dict[str, object]], list_id: str, lang: str) -> html.Ul:
    """One item per kind of problem: severity, file and how many times, the message, and where the first ones are
    (a list, not a grid: it reads on a phone as on a desktop)."""
    items = [
        html.Li(
            [
                html.P(
                    [
                        html.Span(row["severity_text"], className="problem-severity"),
                        " ",
                        html.Strong(row["file"]),
                        f" · {t('data_problem_times', lang, count=row['count_text'])}",
                    ],
                    className="problem-head",
                ),
                html.P(row["message"], className="problem-message"),
                html.P(t("data_problem_where", lang, places=row["places"]), className="problem-places"),
            ],
            className=f"problem problem-{row['severity_key']}",
        )
        for row in rows
    ]
    return html.Ul(items, id=list_id, className="problem-list")


def problems(rows: list[dict[str, object]], total: int, list_id: str, csv_button: str, lang: str) -> list[object]:
    """The problems grouped by kind, and the button that downloads them all, one row each."""
    content: list[object] = [html.H3(t("data_issues_title", lang, count=fmt_int(total, lang)))]
    if not rows:
        return [*content, html.P(t("data_issues_none", lang), className="muted")]
    return [
        *content,
        html.P(t("data_problems_grouped", lang), className="muted"),
        problem_list(rows, list_id, lang),
        html.Button(t("data_problems_download", lang), id=csv_button, className="button"),
    ]


def check_content(check: view.Check, background_note: str | None, lang: str) -> list[object]:
    """The result of checking an upload: summary, what each file was read as, files, problems and the changes an
    import would make; `background_note` when the import will run in the background."""
    content: list[object] = [*(notice(text, kind) for kind, text in check.summary)]
    if background_note:
        content.append(notice(background_note, "info"))
    content += [
        html.H3(t("data_read_as_title", lang)),
        html.Ul([html.Li([html.Strong(f"{file}: "), words]) for file, words in check.read_as], className="read-as"),
        html.H3(t("data_files_title", lang)),
        scroll_box(files_table(check.files, lang), lang),
        *problems(check.problems, check.issues_total, ids.DATA_ISSUES, ids.DATA_ISSUES_CSV_BUTTON, lang),
    ]
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


def job_status(status: JobStatus, lang: str) -> list[object]:
    """A background import: a progress bar with its stage in words while it runs; then its result and problems."""
    title = html.H3(t("data_job_title", lang, job=fmt_int(status.job_id, lang)))
    if status.running:
        bar = html.Progress(
            value=f"{status.progress:.3f}", max="1", id="data-job-progress", **{"aria-label": t("data_job_progress_label", lang)}
        )
        return [title, html.Div([bar, html.Span(f" {status.percent} · {status.stage}", className="job-stage")], role="status")]
    assert status.outcome is not None
    result = [title, import_result(status.outcome, lang)]
    if not status.issues_total:
        return result
    return [*result, *problems(status.problems, status.issues_total, ids.DATA_JOB_ISSUES, ids.DATA_JOB_CSV_BUTTON, lang)]


def jobs_content(rows: list[dict[str, object]], lang: str) -> object:
    """The recent background imports, or a line saying there are none yet."""
    if not rows:
        return html.P(t("data_jobs_none", lang, limit=fmt_int(BACKGROUND_BYTES // 2**20, lang)), className="muted")
    return grid(ids.DATA_JOBS_GRID, job_columns(lang), rows, lang)


def audit_content(rows: list[dict[str, object]], lang: str, full: bool) -> object:
    """The audit trail's table (`full`: with the address column), or a line saying nothing is recorded yet."""
    if not rows:
        return html.P(t("data_audit_none", lang))
    data = table_data(audit_columns(lang, full), rows, lang)
    return sortable_table(ids.DATA_AUDIT_GRID, data, t("data_audit_title", lang), tall=len(rows) > TALL_ROWS)


def history_data(versions: pd.DataFrame, lang: str) -> str:
    """The version history's table data (a sortable table), newest first."""
    return table_data(history.history_columns(lang), history.history_rows(versions, lang), lang)


def history_table(versions: pd.DataFrame, lang: str) -> html.Div:
    return sortable_table(ids.DATA_HISTORY, history_data(versions, lang), t("data_history_title", lang), tall=len(versions) > TALL_ROWS)


def version_detail(detail: history.VersionDetail, lang: str) -> list[object]:
    """What a version changed."""
    return [
        html.P(detail.text),
        grid(ids.DATA_VERSION_CHANGES, view.change_columns(lang, with_file=False), detail.rows, lang),
        *limited(len(detail.rows), detail.total, lang),
        html.Details([html.Summary(t("technical_details", lang)), html.P(detail.technical, className="source")], className="tech-details"),
    ]
