"""Data (analysts): upload files → the problems found (file, sheet, row, column, message) → what importing them would
change, per file → confirm; the version history with rollback; the national data template.

Tables are AG Grids (keyboard navigable, sortable): a cell shows the text formatted for the page language while the
grid sorts on the raw value (`<field>_text` columns, see `_column`).
"""

from __future__ import annotations

from collections.abc import Sequence

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries, load_provinces
from indicators.ingest.imports import BUNDLED_USER, FileImport
from indicators.ingest.issues import Issue, has_errors
from indicators.ingest.readers import MAX_FILE_BYTES
from layouts import ids
from layouts.components import notice
from layouts.i18n import digits, fmt_int, fmt_number, t
from layouts.state import language
from layouts.user import DASHBOARD_USER
from layouts.views.snapshot import store

dash.register_page(__name__, path="/data", name="Data", order=3)


USER_LABELS = {BUNDLED_USER: "data_user_bundled", DASHBOARD_USER: "data_user_dashboard"}
ROW_LIMIT = 2000  # rows sent to a grid; the rest are counted, not shown
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
GRID_THEME = {
    "function": "themeQuartz.withParams({fontFamily: 'inherit', fontSize: 14, spacing: 6, headerFontWeight: 600, "
    "foregroundColor: '#1d2733'})",
}


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
                    html.Button(confirm_label(1, lang), id=ids.DATA_CONFIRM, className="button primary", disabled=True),
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
    versions = store().versions()
    return html.Section(
        [
            html.H2(t("data_history_title", lang)),
            html.P(t("data_history_intro", lang), className="muted"),
            grid(ids.DATA_HISTORY, history_columns(lang), history_rows(versions, lang), lang),
            html.Label(
                [
                    t("data_version_label", lang),
                    dcc.Dropdown(
                        id=ids.DATA_VERSION,
                        options=version_options(versions, lang),
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


def _column(
    field: str, header: str, width: int, *, grow: int = 0, formatted: bool = False, numeric: bool = False, wrap: bool = False
) -> dict[str, object]:
    """A grid column `width` px wide (at least, when it may `grow` into free space); `formatted`: show `<field>_text`
    (formatted for the page language) while sorting on the raw `field`; `wrap`: long texts wrap onto more lines."""
    column: dict[str, object] = {"field": field, "headerName": header, "minWidth": width}
    column.update({"flex": grow} if grow else {"width": width})
    if formatted:
        column["valueFormatter"] = {"function": f"params.data.{field}_text"}
    if numeric:
        column["type"] = "rightAligned"
    if wrap:
        column.update(wrapText=True, autoHeight=True)
    return column


def grid(grid_id: str, columns: list[dict[str, object]], rows: list[dict[str, object]], lang: str) -> dag.AgGrid:
    """An accessible, sortable grid: short tables size to their rows, long ones scroll inside 480 px."""
    short = len(rows) <= 12
    options = {
        "theme": GRID_THEME,
        "domLayout": "autoHeight" if short else "normal",
        "ensureDomOrder": True,
        "enableCellTextSelection": True,
        "suppressColumnVirtualisation": True,
        "localeText": {"noRowsToShow": t("data_grid_no_rows", lang), "loadingOoo": t("data_grid_loading", lang)},
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


def _limited(shown: int, total: int, lang: str) -> list[object]:
    """A note under a grid that shows only the first `shown` of `total` rows."""
    if shown >= total:
        return []
    return [html.P(t("data_rows_limited", lang, shown=fmt_int(shown, lang), total=fmt_int(total, lang)), className="muted")]


def entity_name(code: str, lang: str) -> str:
    provinces = load_provinces()
    register = provinces if code in provinces.table.index else load_countries()
    name = register.name(code, lang)
    return name if name == code else f"{name} ({code})"


def indicator_name(code: str, lang: str) -> str:
    spec = load_catalogue().get(code)
    return f"{spec.name(lang)} ({code})" if spec else code


def value_text(indicator: str, value: float, lang: str) -> str:
    """A value as the page shows it: ranks as whole numbers, anything else with four decimals; '' when missing."""
    if pd.isna(value):
        return ""
    spec = load_catalogue().get(indicator)
    return fmt_int(value, lang) if spec is not None and spec.unit_en == "rank" else fmt_number(value, lang)


def when(created_at: str, lang: str) -> str:
    """`2026-05-01T09:30:00Z` → `1 May 2026, 09:30` (Khmer digits and month names in Khmer)."""
    stamp = pd.Timestamp(created_at)
    text = t(
        "data_datetime", lang, day=stamp.day, month=t(f"data_month_{stamp.month}", lang), year=stamp.year, time=stamp.strftime("%H:%M")
    )
    return digits(text, lang)


def issue_columns(lang: str) -> list[dict[str, object]]:
    return [
        _column("severity", t("data_col_severity", lang), 110, formatted=True),
        _column("file", t("data_col_file", lang), 140, grow=1, wrap=True),
        _column("sheet", t("data_col_sheet", lang), 110, wrap=True),
        _column("row", t("data_col_row", lang), 80, formatted=True, numeric=True),
        _column("column", t("data_col_column", lang), 140, grow=1, wrap=True),
        _column("value", t("data_col_value", lang), 120, wrap=True),
        _column("message", t("data_col_message", lang), 280, grow=3, wrap=True),
    ]


def issue_rows(issues: Sequence[Issue], lang: str) -> list[dict[str, object]]:
    ordered = sorted(issues, key=lambda i: (SEVERITY_ORDER.get(i.severity, 3), i.file, i.sheet, i.row or 0))
    return [
        {
            "severity": SEVERITY_ORDER.get(issue.severity, 3),
            "severity_text": t(f"data_severity_{issue.severity}", lang),
            "file": issue.file,
            "sheet": issue.sheet,
            "row": issue.row,
            "row_text": fmt_int(issue.row, lang) if issue.row is not None else "",
            "column": issue.column,
            "value": issue.value,
            "message": issue.message_km if lang == "km" else issue.message,
        }
        for issue in ordered
    ]


def change_columns(lang: str, with_file: bool) -> list[dict[str, object]]:
    columns = [
        _column("change", t("data_col_change", lang), 120, formatted=True),
        _column("entity", t("data_col_entity", lang), 170, grow=1, formatted=True, wrap=True),
        _column("year", t("data_col_year", lang), 80, formatted=True, numeric=True),
        _column("indicator", t("data_col_indicator", lang), 220, grow=2, formatted=True, wrap=True),
        _column("old_value", t("data_col_old", lang), 130, formatted=True, numeric=True),
        _column("new_value", t("data_col_new", lang), 130, formatted=True, numeric=True),
    ]
    return [_column("file", t("data_col_file", lang), 190, grow=1, wrap=True), *columns] if with_file else columns


def change_rows(changes: pd.DataFrame, lang: str, file: str | None = None) -> list[dict[str, object]]:
    """Rows for a changes grid from a frame with the columns of `Store.diff`."""
    order = {"added": 0, "changed": 1, "removed": 2}
    rows = []
    for change, entity, year, indicator, old, new in changes[
        ["change", "entity", "year", "indicator", "old_value", "new_value"]
    ].itertuples(index=False):
        row: dict[str, object] = {
            "change": order[change],
            "change_text": t(f"data_change_{change}", lang),
            "entity": entity,
            "entity_text": entity_name(entity, lang),
            "year": None if pd.isna(year) else int(year),
            "year_text": fmt_int(year, lang) if not pd.isna(year) else "",
            "indicator": indicator,
            "indicator_text": indicator_name(indicator, lang),
            "old_value": None if pd.isna(old) else float(old),
            "old_value_text": value_text(indicator, old, lang),
            "new_value": None if pd.isna(new) else float(new),
            "new_value_text": value_text(indicator, new, lang),
        }
        if file is not None:
            row["file"] = file
        rows.append(row)
    return rows


def history_columns(lang: str) -> list[dict[str, object]]:
    return [
        _column("version_id", t("data_col_version", lang), 90, formatted=True, numeric=True),
        _column("created_at", t("data_col_when", lang), 140, formatted=True, wrap=True),
        _column("user", t("data_col_user", lang), 110, formatted=True, wrap=True),
        _column("action", t("data_col_action", lang), 140, formatted=True, wrap=True),
        _column("dataset", t("data_col_dataset", lang), 140, grow=1, wrap=True),
        _column("file_name", t("data_col_file", lang), 140, grow=1, wrap=True),
        _column("added", t("data_col_added", lang), 90, formatted=True, numeric=True),
        _column("changed", t("data_col_changed", lang), 90, formatted=True, numeric=True),
        _column("removed", t("data_col_removed", lang), 90, formatted=True, numeric=True),
        _column("n_values", t("data_col_values", lang), 90, formatted=True, numeric=True),
    ]


def history_rows(versions: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    rows = []
    for version in versions.itertuples(index=False):
        rolled_back = version.rolled_back_version
        action = (
            t("data_action_import", lang)
            if version.action == "import"
            else t("data_action_rollback", lang, version=fmt_int(rolled_back, lang))
        )
        row: dict[str, object] = {
            "version_id": int(version.version_id),
            "created_at": version.created_at,
            "created_at_text": when(version.created_at, lang),
            "user": version.user,
            "user_text": t(USER_LABELS[version.user], lang) if version.user in USER_LABELS else version.user,
            "action": version.action,
            "action_text": action,
            "dataset": version.dataset,
            "file_name": version.file_name,
        }
        for count in ("version_id", "added", "changed", "removed", "n_values"):
            row[count] = int(getattr(version, count))
            row[f"{count}_text"] = fmt_int(row[count], lang)
        rows.append(row)
    return rows


def version_options(versions: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    return [
        {
            "label": t(
                "data_version_option",
                lang,
                version=fmt_int(v.version_id, lang),
                dataset=v.dataset,
                file=v.file_name or "–",
                when=when(v.created_at, lang),
            ),
            "value": int(v.version_id),
        }
        for v in versions.itertuples(index=False)
    ]


# ---- the check of an upload -------------------------------------------------------------------------------------


def _format_name(format: str, lang: str) -> str:
    return t(f"data_format_{format}" if format in ("published", "template", "long", "wide") else "data_format_unknown", lang)


def files_table(prepared: Sequence[FileImport], previews: Sequence[pd.DataFrame | None], lang: str) -> html.Table:
    """One row per file: format, dataset, values read, problems, and what importing it would change."""
    headers = ["file", "format", "dataset", "values", "errors", "warnings", "added", "changed", "removed", "status"]
    body = []
    for item, preview in zip(prepared, previews, strict=True):
        errors = sum(issue.severity == "error" for issue in item.issues)
        counts = preview["change"].value_counts() if preview is not None else pd.Series(dtype=int)
        status = "errors" if preview is None else "identical" if preview.empty else "ready"
        cells = [
            item.loaded.file,
            _format_name(item.loaded.format, lang),
            item.dataset,
            fmt_int(len(item.loaded.tidy), lang),
            fmt_int(errors, lang),
            fmt_int(len(item.issues) - errors, lang),
            *(fmt_int(counts.get(kind, 0), lang) if preview is not None else "–" for kind in ("added", "changed", "removed")),
            t(f"data_status_{status}", lang),
        ]
        body.append(html.Tr([html.Td(cell) for cell in cells], className=f"status-{status}"))
    head = html.Thead(html.Tr([html.Th(t(f"data_col_{h}", lang), scope="col") for h in headers]))
    return html.Table([head, html.Tbody(body)], className="data-table files-table")


def counted(key: str, count: int, lang: str, **params: object) -> str:
    """Text `key`, or `key_one` when `count` is 1 (English needs the singular; the Khmer texts are the same)."""
    return t(f"{key}_one", lang, **params) if count == 1 else t(key, lang, total=fmt_int(count, lang), **params)


def confirm_label(count: int, lang: str) -> str:
    return t("data_confirm_one", lang) if count == 1 else t("data_confirm", lang, count=fmt_int(count, lang))


def check_summary(prepared: Sequence[FileImport], previews: Sequence[pd.DataFrame | None], lang: str) -> list[html.Div]:
    total = len(prepared)
    bad = sum(has_errors(item.issues) for item in prepared)
    if bad:
        return [notice(counted("data_summary_errors", total, lang, bad=fmt_int(bad, lang)), "error")]
    changes = pd.concat([p for p in previews if p is not None], ignore_index=True)
    counts = changes["change"].value_counts()
    if changes.empty:
        messages = [notice(counted("data_summary_identical", total, lang))]
    else:
        numbers = {kind: fmt_int(counts.get(kind, 0), lang) for kind in ("added", "changed", "removed")}
        messages = [notice(counted("data_summary_ready", total, lang, **numbers), "success")]
    remarks = sum(len(item.issues) for item in prepared)
    if remarks:
        messages.append(notice(t("data_summary_warnings", lang, count=fmt_int(remarks, lang)), "warning"))
    return messages


def check_content(prepared: Sequence[FileImport], previews: Sequence[pd.DataFrame | None], lang: str) -> list[object]:
    """The result of checking an upload: summary, files, problems and the changes an import would make."""
    issues = issue_rows([issue for item in prepared for issue in item.issues], lang)
    total_changes = sum(len(preview) for preview in previews if preview is not None)
    changes: list[dict[str, object]] = []
    for item, preview in zip(prepared, previews, strict=True):
        if preview is not None and len(changes) < ROW_LIMIT:
            changes += change_rows(preview.head(ROW_LIMIT - len(changes)), lang, item.loaded.file)
    content: list[object] = [
        *check_summary(prepared, previews, lang),
        html.H3(t("data_files_title", lang)),
        files_table(prepared, previews, lang),
        html.H3(t("data_issues_title", lang, count=fmt_int(len(issues), lang))),
    ]
    if issues:
        content += [grid(ids.DATA_ISSUES, issue_columns(lang), issues[:ROW_LIMIT], lang), *_limited(ROW_LIMIT, len(issues), lang)]
    else:
        content.append(html.P(t("data_issues_none", lang), className="muted"))
    if any(preview is not None for preview in previews):
        content.append(html.H3(t("data_changes_title", lang, count=fmt_int(total_changes, lang))))
        if changes:
            content += [
                grid(ids.DATA_CHANGES, change_columns(lang, with_file=True), changes, lang),
                *_limited(len(changes), total_changes, lang),
            ]
        else:
            content.append(html.P(t("data_changes_none", lang), className="muted"))
    return content


def importable(prepared: Sequence[FileImport], previews: Sequence[pd.DataFrame | None]) -> bool:
    """True when every file is clean and importing them would change something."""
    return bool(prepared) and all(p is not None for p in previews) and any(p is not None and not p.empty for p in previews)


def import_result(results: Sequence[FileImport], lang: str) -> html.Div:
    lines = []
    for item in results:
        outcome = item.outcome
        assert outcome is not None
        if outcome.identical:
            lines.append(html.Li(t("data_imported_identical", lang, file=item.loaded.file, dataset=outcome.dataset)))
        else:
            numbers = {k: fmt_int(getattr(outcome, k), lang) for k in ("added", "changed", "removed")}
            version = fmt_int(outcome.version_id, lang)
            lines.append(html.Li(t("data_imported_file", lang, file=item.loaded.file, version=version, dataset=outcome.dataset, **numbers)))
    link = dcc.Link(t("data_see_overview", lang), href="/" + ("?lang=km" if lang == "km" else ""))
    return html.Div([html.P(t("data_imported", lang)), html.Ul(lines), link], className="notice notice-success", role="status")


def version_detail(version: pd.Series, changes: pd.DataFrame, lang: str) -> list[object]:
    """What a version changed."""
    numbers = {k: fmt_int(version[k], lang) for k in ("added", "changed", "removed")}
    rows = change_rows(changes.head(ROW_LIMIT), lang)
    return [
        html.P(t("data_version_changes", lang, version=fmt_int(version["version_id"], lang), **numbers)),
        grid(ids.DATA_VERSION_CHANGES, change_columns(lang, with_file=False), rows, lang),
        *_limited(len(rows), len(changes), lang),
    ]
