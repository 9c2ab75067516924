"""Web imports in the background: submit the uploaded files as a job of the store (`indicators.store.jobs`), and the
runner that takes waiting jobs and imports them, reporting progress as it goes.

    job_id = submit_import(store, actor, [(name, bytes), ...], datasets)  # returns at once
    job(store, job_id).progress / .stage / .state;  job_report(job(store, job_id))  # outcomes and issues when finished
    JobRunner(lambda: store).start()  # one per server process: polls for waiting jobs

A job reads and checks its files (progress 0 → 0.8, stage "reading i/n"), then imports them in one transaction that
also marks the job done (0.9, "writing"). Files with errors fail the job with their issues, and nothing is stored.
Each file's dataset is derived from the file itself, as the preview derived it; the datasets given when the job was
queued (the preview's, which hold the one-job-per-dataset lock) must include them, else the job fails and nothing is
stored: a request cannot make files land in a dataset of its choosing.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from sqlalchemy.engine import Connection

from indicators.i18n import message
from indicators.ingest.imports import FileImport, import_files
from indicators.ingest.issues import Issue, has_errors
from indicators.store import ImportOutcome, Store, StoreError
from indicators.store.access import Actor
from indicators.store.errors import store_error
from indicators.store.jobs import Job, claim_job, files_of, finish_job, job, report_progress, submit_job, this_process

BACKGROUND_BYTES = 2 * 2**20  # uploads larger than this in all are imported in the background (a few seconds' work)
POLL_SECONDS = 2.0
READING_SHARE = 0.8  # of the progress bar
WRITING_AT = 0.9
log = logging.getLogger(__name__)

__all__ = ["BACKGROUND_BYTES", "JobRunner", "job", "job_report", "needs_background", "run_next_job", "submit_import"]


def needs_background(sizes: Sequence[int]) -> bool:
    """True when uploads of these sizes (bytes) are better imported as a background job than inside the request."""
    return sum(sizes) > BACKGROUND_BYTES


def submit_import(
    store: Store, user: Actor | str, uploads: Sequence[tuple[str, bytes]], datasets: Sequence[str], entity_kind: str = "auto"
) -> int:
    """Queue the import of `uploads` (file name, bytes), whose datasets the preview found; the job's id at once."""
    return submit_job(store, user, uploads, datasets, entity_kind)


def job_report(finished: Job) -> tuple[list[ImportOutcome], list[Issue], dict[str, str]]:
    """What a finished job did: the import's outcomes (one per file), the issues of its files, and the reason it
    failed ({"en": ..., "km": ...}; empty when it did not)."""
    result = finished.result
    outcomes = [ImportOutcome(**item) for item in result.get("outcomes", [])]  # type: ignore[attr-defined]
    issues = [Issue(**item) for item in result.get("issues", [])]  # type: ignore[attr-defined]
    return outcomes, issues, dict(result.get("error", {}))  # type: ignore[call-overload]


def _reason(code: str, **params: object) -> dict[str, str]:
    return {lang: message(code, lang, **params) for lang in ("en", "km")}


def issue_rows(files: Sequence[FileImport]) -> list[dict[str, object]]:
    return [asdict(issue) for item in files for issue in item.issues]


def run_job(store: Store, taken: Job, owner: str) -> None:
    """Import the files of a claimed job; the job ends done or failed, never with part of its data stored."""

    def progress(done: int, total: int) -> None:
        if done >= total:
            report_progress(store, taken.id, owner, WRITING_AT, "writing")
        else:
            report_progress(store, taken.id, owner, READING_SHARE * done / max(total, 1), f"reading {done + 1}/{total}")

    def finish(connection: Connection, landed: list[FileImport]) -> None:
        found = [item.dataset for item in landed]
        if taken.datasets and not set(found) <= set(taken.datasets):  # rolls the import back
            raise store_error("job_datasets_differ", found=", ".join(found), expected=", ".join(taken.datasets))
        outcomes = [asdict(item.outcome) for item in landed if item.outcome is not None]
        finish_job(connection, taken.id, owner, "done", {"outcomes": outcomes, "issues": issue_rows(landed)})

    with tempfile.TemporaryDirectory(prefix=f"egdi-job-{taken.id}-") as folder:
        paths = []
        for position, (name, content) in enumerate(files_of(store, taken.id)):
            path = Path(folder) / str(position) / name  # one folder per file: two files may share a name
            path.parent.mkdir()
            path.write_bytes(content)
            paths.append(str(path))
        try:
            results, landed = import_files(
                paths,
                store,
                user=taken.actor,
                entity_kind=taken.entity_kind,
                progress=progress,
                then=finish,
            )
        except StoreError as error:
            _fail(store, taken, owner, {"error": {"en": error.text("en"), "km": error.text("km")}})
            return
    if not landed:
        refused = sum(has_errors(item.issues) for item in results)
        _fail(store, taken, owner, {"issues": issue_rows(results), "error": _reason("job_refused", count=refused)})


def _fail(store: Store, taken: Job, owner: str, result: dict[str, object]) -> None:
    with store.writing() as connection:
        finish_job(connection, taken.id, owner, "failed", result)


def run_next_job(store: Store, owner: str | None = None) -> int | None:
    """Claim and run the oldest waiting job; its id, or None when no job waits."""
    owner = owner or this_process()
    taken = claim_job(store, owner)
    if taken is None:
        return None
    report_progress(store, taken.id, owner, 0.0, "reading 1/?")
    run_job(store, taken, owner)
    return taken.id


class JobRunner(threading.Thread):
    """A daemon thread that runs waiting jobs, one at a time, looking for one every POLL_SECONDS."""

    def __init__(self, store: Callable[[], Store], poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__(name="egdi-job-runner", daemon=True)
        self._store = store
        self._poll = poll_seconds
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                ran = run_next_job(self._store())
            except StoreError as error:  # the database is away or busy: try again later
                log.warning("background jobs: %s", error)
                ran = None
            except Exception:  # a bug in one job must not stop the runner; the job's lease runs out and it is retried
                log.exception("background job runner")
                ran = None
            if ran is None:
                self._stopping.wait(self._poll)

    def stop(self) -> None:
        self._stopping.set()
