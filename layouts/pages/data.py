"""Data (analysts): upload files → what each was read as, its problems grouped by kind, and what importing them would
change, per file → confirm (large uploads are imported in the background, with a progress bar); the version history
with rollback; who changed what (the audit trail); the national data template (`layouts.views.data`, `data_report`,
`data_jobs`, `data_history`, `data_audit`). Drawing is shared with the callbacks in `layouts.components.data_results`.

Write controls are shown only to those who may use them (`layouts.user`): the upload to editors and administrators,
rollback to administrators; others read who may, and how to sign in, in their place. The server refuses a forged
write anyway (`layouts.server.guard`).
"""

from __future__ import annotations

import dash
from dash import dcc, html

from indicators.ingest.readers import MAX_FILE_BYTES
from layouts import ids
from layouts.components.data_results import audit_content, history_table, jobs_content
from layouts.components.write_note import write_note
from layouts.i18n import fmt_int, t
from layouts.state import language
from layouts.user import acting_user
from layouts.views import data as view
from layouts.views import data_audit as audit
from layouts.views import data_history as history
from layouts.views import data_jobs as jobs
from layouts.views.labels import page_href
from layouts.views.write_access import note_for

dash.register_page(__name__, path="/data", name="Data", order=8)


def layout(lang: str = "en", **_: str) -> html.Div:
    lang = language(lang)
    here = page_href(dash.get_relative_path("/data"), lang)
    actor = acting_user()
    return html.Div(
        [
            dcc.Store(id=ids.DATA_LANG, data=lang),
            dcc.Store(id=ids.DATA_REVISION),
            html.H1(t("data_title", lang)),
            html.P(t("data_subtitle", lang), className="subtitle"),
            upload_section(lang, here),
            history_section(lang, here),
            audit_section(lang, full=actor.may("manage_users")),
            template_section(lang),
        ],
        className="data-page",
    )


def upload_section(lang: str, here: str) -> html.Section:
    """The upload, for those who may import; for others, who may and how to sign in."""
    title = html.H2(t("data_upload_title", lang))
    refused = note_for("import", here, lang)
    if refused is not None:
        return html.Section([title, write_note(refused, ids.DATA_UPLOAD_NOTE)], className="panel")
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
    running = jobs.waiting_job(acting_user())
    return html.Section(
        [
            title,
            dcc.Store(id=ids.DATA_UPLOAD_FILES),
            dcc.Store(id=ids.DATA_CHECKED),
            dcc.Store(id=ids.DATA_JOB, data=running),
            dcc.Interval(id=ids.DATA_JOB_POLL, interval=1000, disabled=running is None),
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
            dcc.Download(id=ids.DATA_ISSUES_CSV),
            html.Div(
                [
                    html.Button(view.confirm_label(1, lang), id=ids.DATA_CONFIRM, className="button primary", disabled=True),
                    html.Button(t("data_cancel", lang), id=ids.DATA_CANCEL, className="button"),
                ],
                id=ids.DATA_ACTIONS,
                className="actions",
                hidden=True,
            ),
            html.Div(id=ids.DATA_JOB_STATUS, **{"aria-live": "polite"}),
            dcc.Download(id=ids.DATA_JOB_CSV),
            html.H3(t("data_jobs_title", lang)),
            html.Div(jobs_content(jobs.job_rows(lang), lang), id=ids.DATA_JOBS),
        ],
        className="panel",
    )


def history_section(lang: str, here: str) -> html.Section:
    versions = history.versions()
    refused = note_for("rollback", here, lang)
    rollback: list[object] = [write_note(refused, ids.DATA_ROLLBACK_NOTE)] if refused is not None else rollback_controls(lang)
    return html.Section(
        [
            html.H2(t("data_history_title", lang)),
            html.P(t("data_history_intro", lang), className="muted"),
            history_table(versions, lang),
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
            *rollback,
        ],
        className="panel",
    )


def rollback_controls(lang: str) -> list[object]:
    """The rollback button (shown once a version is chosen) and its confirmation, for administrators."""
    return [
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
    ]


def audit_section(lang: str, full: bool) -> html.Section:
    """Who changed what and when (`full`, for administrators: with addresses and account changes)."""
    shown = html.Div(audit_content(audit.audit_view(lang, full), lang, full), id=ids.DATA_AUDIT)
    intro = html.P(t("data_audit_intro", lang), className="muted")
    return html.Section([html.H2(t("data_audit_title", lang)), intro, shown], className="panel")


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
