"""Data, background imports: follow the job the page queued (a dcc.Interval that runs only while the job waits or
runs), show its progress and then its result, refresh the list of recent jobs, download the job's problems."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc

from indicators.store import StoreError
from layouts import ids
from layouts.components import data_results as draw
from layouts.components import notice
from layouts.i18n import t
from layouts.views import data_history as history
from layouts.views import data_jobs as jobs


@dash.callback(
    Output(ids.DATA_JOB_STATUS, "children"),
    Output(ids.DATA_JOB_POLL, "disabled"),
    Output(ids.DATA_REVISION, "data", allow_duplicate=True),
    Output(ids.DATA_JOBS, "children"),
    Input(ids.DATA_JOB_POLL, "n_intervals"),
    Input(ids.DATA_JOB, "data"),
    State(ids.DATA_LANG, "data"),
    prevent_initial_call="initial_duplicate",
)
def follow_job(ticks: int | None, job_id: object, lang: str) -> tuple[object, bool, object, object]:
    """The job's progress while it runs (the poll goes on); its result once finished (the poll stops, and the
    history, the audit trail and the other pages see the new version)."""
    if not isinstance(job_id, int):
        return dash.no_update, True, dash.no_update, dash.no_update
    try:
        status = jobs.job_status(job_id, lang)
    except StoreError as error:
        return [notice(t("data_job_gone", lang, message=error.text(lang)), "error")], True, dash.no_update, dash.no_update
    revision = dash.no_update if status.running else history.latest_version()
    return draw.job_status(status, lang), not status.running, revision, draw.jobs_content(jobs.job_rows(lang), lang)


@dash.callback(
    Output(ids.DATA_JOB_CSV, "data"),
    Input(ids.DATA_JOB_CSV_BUTTON, "n_clicks"),
    State(ids.DATA_JOB, "data"),
    prevent_initial_call=True,
)
def download_job_problems(clicks: int | None, job_id: object) -> object:
    """Every problem the job's files had, one row each, as CSV."""
    if not clicks or not isinstance(job_id, int):
        return dash.no_update
    try:
        text = jobs.job_problems_csv(job_id)
    except StoreError:
        return dash.no_update
    return dcc.send_string(text, f"problems-import-{job_id}.csv")
