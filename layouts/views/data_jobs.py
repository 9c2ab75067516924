"""Background imports on the Data page (`indicators.ingest.jobs`): uploads larger than BACKGROUND_BYTES in all are
checked in the request as any upload, then imported by a job, so the confirm returns at once; the page polls the job
(`job_status`) for its progress and stage in words, then shows its result as an import's result; and the recent jobs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from indicators.ingest import issues_frame
from indicators.ingest.jobs import job, job_report, submit_import
from indicators.report.writers import csv_text
from indicators.store import StoreError
from indicators.store.access import Actor
from indicators.store.jobs import WAITING, recent_jobs
from indicators.store.names import dataset_name, user_name
from layouts.i18n import fmt_int, t
from layouts.views.data import Outcome, outcome_line
from layouts.views.data_history import when
from layouts.views.data_report import problem_rows
from layouts.views.grid_columns import column
from layouts.views.snapshot import store

READING = re.compile(r"^reading (?P<file>\d+)/(?P<files>\d+|\?)$")
RECENT = 10


def submit(paths: Sequence[str], user: Actor | str, datasets: Sequence[str], kind: str, lang: str) -> int | Outcome:
    """Queue the import of the files at `paths` (under the names the check read them by), whose datasets the check
    found: the job's id, or why it was refused (nothing queued)."""
    uploads = [(Path(path).name, Path(path).read_bytes()) for path in paths]
    try:
        return submit_import(store(), user, uploads, list(datasets), kind or "auto")
    except StoreError as error:
        return Outcome(False, t("data_import_failed", lang, message=error.text(lang)))


def stage_words(stage: str, lang: str) -> str:
    """What the runner is doing, in words: "reading 2/3" → "Reading and checking file 2 of 3"."""
    reading = READING.match(stage)
    if reading:
        if reading.group("files") == "?":
            return t("data_job_stage_started", lang)
        return t("data_job_stage_reading", lang, file=fmt_int(reading.group("file"), lang), files=fmt_int(reading.group("files"), lang))
    known = ("queued", "started", "writing", "done", "failed")
    return t(f"data_job_stage_{stage}", lang) if stage in known else stage


@dataclass(frozen=True)
class JobStatus:
    """A job as the page shows it: `running` (queued or running: keep polling), its progress (0 to 1) and stage in
    words; once finished, its result (`outcome`) and its problems grouped by kind, with how many in all."""

    job_id: int
    running: bool
    progress: float
    percent: str
    stage: str
    outcome: Outcome | None
    problems: list[dict[str, object]]
    issues_total: int


def job_status(job_id: int, lang: str) -> JobStatus:
    """The job `job_id` now; StoreError when there is none."""
    current = job(store(), job_id)
    percent = f"{fmt_int(round(current.progress * 100), lang)} %"
    stage = stage_words(current.stage, lang)
    if not current.finished:
        return JobStatus(job_id, True, current.progress, percent, stage, None, [], 0)
    outcomes, issues, error = job_report(current)
    if current.state == "failed":
        reason = error.get("km" if lang == "km" else "en", "")
        outcome = Outcome(False, t("data_job_failed", lang, job=fmt_int(job_id, lang), reason=reason))
    else:
        files = version_files()
        lines = tuple(outcome_line(files.get(o.version_id or 0, "") or dataset_name(o.dataset, lang), o, lang) for o in outcomes)
        outcome = Outcome(True, t("data_job_done", lang, job=fmt_int(job_id, lang)), lines)
    return JobStatus(job_id, False, 1.0, percent, stage, outcome, problem_rows(issues, lang), len(issues))


def version_files() -> dict[int, str]:
    """The file each version was imported from, by version id."""
    versions = store().versions()
    return dict(zip(versions["version_id"].astype(int), versions["file_name"].fillna("").astype(str), strict=True))


def job_problems_csv(job_id: int) -> str:
    """Every problem the job's files had, one row each, as the check's CSV (see `data_report.problems_csv`)."""
    return "\ufeff" + csv_text(issues_frame(job_report(job(store(), job_id))[1]))


def waiting_job(user: Actor) -> int | None:
    """The newest job of `user` that still waits or runs (the page picks up its progress after a reload)."""
    jobs = recent_jobs(store(), RECENT)
    mine = jobs[(jobs["user"] == user.name) & jobs["state"].isin(WAITING)]
    return int(mine.iloc[0]["job_id"]) if not mine.empty else None


def job_columns(lang: str) -> list[dict[str, object]]:
    return [
        column("job_id", t("data_col_job", lang), 80, formatted=True, numeric=True),
        column("state", t("data_col_status", lang), 150, formatted=True, wrap=True),
        column("datasets", t("data_col_dataset", lang), 200, grow=2, wrap=True),
        column("user", t("data_col_who", lang), 130, wrap=True),
        column("created_at", t("data_col_queued_at", lang), 150, formatted=True, wrap=True),
        column("finished_at", t("data_col_finished_at", lang), 150, formatted=True, wrap=True),
    ]


def job_rows(lang: str) -> list[dict[str, object]]:
    """The RECENT newest background imports, newest first."""
    rows = []
    for row in recent_jobs(store(), RECENT).itertuples(index=False):
        finished = str(row.finished_at) if row.finished_at else ""
        rows.append(
            {
                "job_id": int(row.job_id),
                "job_id_text": fmt_int(row.job_id, lang),
                "state": str(row.state),
                "state_text": t(f"data_job_state_{row.state}", lang),
                "datasets": ", ".join(dataset_name(code.strip(), lang) for code in str(row.datasets).split(",") if code.strip()),
                "user": user_name(str(row.user), lang),
                "created_at": str(row.created_at),
                "created_at_text": when(str(row.created_at), lang),
                "finished_at": finished,
                "finished_at_text": when(finished, lang) if finished else "–",
            }
        )
    return rows
