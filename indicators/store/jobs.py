"""Background jobs in the store: a web import too large for one request waits here, with its files, until a runner
(`indicators.ingest.jobs`) in any server process takes it.

- **One job at a time per dataset**: a job names the datasets its files hold; submitting one while another job of
  the same dataset waits or runs is refused.
- **Claiming** takes the oldest waiting job under the store's write lock, so two processes never take the same one.
  The runner holds a *lease* (LEASE) that it renews as it reports progress.
- **Never half-applied**: the import and the job's `done` are one transaction (`finish_job` runs inside the import's
  transaction, and refuses when the job is no longer this runner's). A runner that dies leaves the job `running`
  with nothing stored; the next claim sees the expired lease (or, on the same machine, the dead process) and puts the
  job back in the queue, or marks it `failed` after MAX_ATTEMPTS.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indicators.i18n import message
from indicators.store import audit
from indicators.store.access import Actor, require
from indicators.store.errors import store_error
from indicators.store.schema import job_files, jobs
from indicators.store.store import Store
from indicators.store.writes import now

LEASE = timedelta(seconds=120)
MAX_ATTEMPTS = 2
WAITING = ("queued", "running")
JOB_COLUMNS = ["job_id", "state", "datasets", "user", "created_at", "finished_at", "attempts", "progress", "stage"]


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    state: str  # queued, running, done, failed
    datasets: list[str]
    entity_kind: str
    actor: Actor
    created_at: str
    started_at: str | None
    finished_at: str | None
    owner: str
    attempts: int
    progress: float  # 0 to 1
    stage: str  # what the runner is doing, e.g. "reading 2/3", "writing", "done"
    result: dict[str, object]  # what the runner reported (see indicators.ingest.jobs)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


def this_process() -> str:
    """The owner name of a runner in this process: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str) -> bool:
    """False only when `owner` is a process of this machine that no longer exists (another machine's: assumed alive,
    its lease decides)."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _later(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).isoformat(timespec="seconds").replace("+00:00", "Z")


def _job(row: sa.Row[tuple[object, ...]]) -> Job:
    return Job(
        id=int(row.id),
        kind=str(row.kind),
        state=str(row.state),
        datasets=list(json.loads(str(row.datasets))),
        entity_kind=str(row.entity_kind),
        actor=Actor(str(row.user_name), str(row.role) or None, str(row.address)),
        created_at=str(row.created_at),
        started_at=None if row.started_at is None else str(row.started_at),
        finished_at=None if row.finished_at is None else str(row.finished_at),
        owner=str(row.owner),
        attempts=int(str(row.attempts)),
        progress=float(str(row.progress)),
        stage=str(row.stage),
        result=dict(json.loads(str(row.result))),
    )


def submit_job(
    store: Store, user: Actor | str, files: Sequence[tuple[str, bytes]], datasets: Sequence[str], entity_kind: str = "auto"
) -> int:
    """Queue an import of `files` (name, bytes), whose datasets are `datasets`; its id. Refused (StoreError) when the
    role may not import or another job of one of these datasets waits or runs."""
    actor = require(user, "import")
    with store.writing() as connection:
        for row in connection.execute(sa.select(jobs.c.id, jobs.c.datasets).where(jobs.c.state.in_(WAITING))):
            busy = sorted(set(json.loads(row.datasets)) & set(datasets))
            if busy:
                raise store_error("job_dataset_busy", dataset=", ".join(busy), job=row.id)
        inserted = connection.execute(
            jobs.insert().values(
                kind="import",
                state="queued",
                datasets=json.dumps(list(datasets)),
                entity_kind=entity_kind,
                user_name=actor.name,
                role=actor.role or "",
                address=actor.address,
                created_at=now(),
                owner="",
                attempts=0,
                progress=0.0,
                stage="queued",
                result="{}",
            )
        )
        key = inserted.inserted_primary_key
        assert key is not None
        job_id = int(key[0])
        for position, (name, content) in enumerate(files):
            connection.execute(job_files.insert().values(job_id=job_id, position=position, name=name, content=content))
        audit.record(
            connection, actor, "confirm", ", ".join(datasets), f"job {job_id}: {len(files)} file(s), {', '.join(n for n, _ in files)}"
        )
    return job_id


def job(store: Store, job_id: int) -> Job:
    """The job `job_id` as it is now; StoreError when there is none."""
    with store.reading() as connection:
        row = connection.execute(sa.select(jobs).where(jobs.c.id == job_id)).first()
    if row is None:
        raise store_error("job_unknown", job=job_id)
    return _job(row)


def files_of(store: Store, job_id: int) -> list[tuple[str, bytes]]:
    """The files of a job, in the order they were given."""
    with store.reading() as connection:
        rows = connection.execute(
            sa.select(job_files.c.name, job_files.c.content).where(job_files.c.job_id == job_id).order_by(job_files.c.position)
        )
        return [(str(name), bytes(content)) for name, content in rows]


def _recover_stale(connection: Connection) -> None:
    """Put back in the queue, or fail after MAX_ATTEMPTS, the running jobs whose runner is gone."""
    stamp = now()
    for row in connection.execute(
        sa.select(jobs.c.id, jobs.c.owner, jobs.c.lease_until, jobs.c.attempts).where(jobs.c.state == "running")
    ).all():
        if (row.lease_until or "") >= stamp and owner_alive(str(row.owner)):
            continue
        if int(row.attempts) >= MAX_ATTEMPTS:
            reason = {lang: message("job_abandoned", lang, attempts=row.attempts) for lang in ("en", "km")}
            values: dict[str, object] = {
                "state": "failed",
                "finished_at": stamp,
                "stage": "failed",
                "result": json.dumps({"error": reason}),
            }
        else:
            values = {"state": "queued", "owner": "", "lease_until": None, "progress": 0.0, "stage": "queued"}
        connection.execute(jobs.update().where(jobs.c.id == row.id, jobs.c.state == "running").values(**values))


def claim_job(store: Store, owner: str) -> Job | None:
    """Take the oldest waiting job for `owner` (after recovering the jobs of runners that are gone); None when none.
    Runners ask often: the write lock is taken only when some job waits or runs."""
    with store.reading() as connection:
        if connection.execute(sa.select(jobs.c.id).where(jobs.c.state.in_(WAITING)).limit(1)).first() is None:
            return None
    with store.writing() as connection:
        _recover_stale(connection)
        row = connection.execute(sa.select(jobs.c.id).where(jobs.c.state == "queued").order_by(jobs.c.id).limit(1)).first()
        if row is None:
            return None
        connection.execute(
            jobs.update()
            .where(jobs.c.id == row.id)
            .values(
                state="running", owner=owner, lease_until=_later(LEASE), started_at=now(), attempts=jobs.c.attempts + 1, stage="started"
            )
        )
        claimed = connection.execute(sa.select(jobs).where(jobs.c.id == row.id)).first()
    assert claimed is not None
    return _job(claimed)


def report_progress(store: Store, job_id: int, owner: str, progress: float, stage: str) -> None:
    """Record how far the job is, and renew its lease (only while `owner` holds it)."""
    with store.writing() as connection:
        connection.execute(
            jobs.update()
            .where(jobs.c.id == job_id, jobs.c.owner == owner, jobs.c.state == "running")
            .values(progress=min(max(progress, 0.0), 1.0), stage=stage, lease_until=_later(LEASE))
        )


def finish_job(connection: Connection, job_id: int, owner: str, state: str, result: dict[str, object]) -> None:
    """Mark the job done or failed in the caller's transaction; StoreError (so the transaction rolls back) when the
    job is no longer `owner`'s: another runner took it over."""
    changed = connection.execute(
        jobs.update()
        .where(jobs.c.id == job_id, jobs.c.owner == owner, jobs.c.state == "running")
        .values(state=state, progress=1.0, stage=state, finished_at=now(), lease_until=None, result=json.dumps(result))
    )
    if changed.rowcount != 1:
        raise store_error("job_unknown", job=job_id)
    connection.execute(job_files.delete().where(job_files.c.job_id == job_id))


def recent_jobs(store: Store, limit: int = 50) -> pd.DataFrame:
    """The newest jobs, newest first: JOB_COLUMNS."""
    query = sa.select(
        jobs.c.id,
        jobs.c.state,
        jobs.c.datasets,
        jobs.c.user_name,
        jobs.c.created_at,
        jobs.c.finished_at,
        jobs.c.attempts,
        jobs.c.progress,
        jobs.c.stage,
    )
    with store.reading() as connection:
        rows = [tuple(row) for row in connection.execute(query.order_by(jobs.c.id.desc()).limit(limit))]
    frame = pd.DataFrame(rows, columns=JOB_COLUMNS)
    frame["datasets"] = [", ".join(json.loads(text)) for text in frame["datasets"]]
    return frame
