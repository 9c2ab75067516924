"""The background job runner of a server process (see `indicators.ingest.jobs`): started by `python app.py` and by
each gunicorn worker (gunicorn.conf.py), never on import, so tests and scripts that import the app poll nothing."""

from __future__ import annotations

from indicators.ingest.jobs import JobRunner
from layouts.views.snapshot import store

_runner: list[JobRunner] = []


def start_job_runner() -> JobRunner:
    """This process's runner, started on first call."""
    if not _runner:
        runner = JobRunner(store)
        runner.start()
        _runner.append(runner)
    return _runner[0]
