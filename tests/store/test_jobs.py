"""Background imports: queued by an editor only, one at a time per dataset, run by a runner that reports progress,
and never half-applied: a runner killed mid-import leaves nothing stored, and its job is taken up again or failed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from indicators.ingest.jobs import job, job_report, needs_background, run_next_job, submit_import
from indicators.store import StoreError, writes
from indicators.store.access import Actor
from indicators.store.audit import audit_trail
from indicators.store.jobs import MAX_ATTEMPTS, claim_job, files_of, recent_jobs
from tests.conftest import PROJECT_DIR
from tests.store.conftest import dump

EDITOR = Actor("Sokha Chan", "editor", "10.0.0.5")
GOOD = ("national-2024.csv", b"entity,year,indicator,value\nCambodia,2024,internet_users_pct,61.5\nThailand,2024,internet_users_pct,88\n")
BAD = ("typo.csv", b"entity,year,indicator,value\nCambodai,2024,internet_users_pct,61.5\n")


def test_only_large_uploads_go_to_the_background():
    assert needs_background([3 * 2**20]) and needs_background([2**20, 2**20 + 1])
    assert not needs_background([2**20, 2**20])


def test_a_viewer_cannot_queue_an_import_and_the_store_is_unchanged(store):
    before = dump(store)
    with pytest.raises(StoreError) as refused:
        submit_import(store, Actor("vanna", "viewer", "10.0.0.9"), [GOOD], ["long:national-2024"])
    assert refused.value.code == "access_refused"
    assert dump(store) == before


def test_a_queued_import_runs_in_the_background_and_lands_with_its_job_marked_done(store):
    job_id = submit_import(store, EDITOR, [GOOD], ["long:national-2024"])
    queued = job(store, job_id)
    assert (queued.state, queued.progress, queued.datasets, queued.actor) == ("queued", 0.0, ["long:national-2024"], EDITOR)
    with pytest.raises(StoreError) as busy:
        submit_import(store, EDITOR, [GOOD, BAD], ["long:national-2024", "long:typo"])
    assert busy.value.code == "job_dataset_busy" and f"(job {job_id})" in str(busy.value)

    assert run_next_job(store, "host-a:1") == job_id
    assert run_next_job(store, "host-a:1") is None

    done = job(store, job_id)
    assert (done.state, done.progress, done.stage, done.attempts) == ("done", 1.0, "done", 1)
    outcomes, issues, error = job_report(done)
    assert [(o.dataset, o.added, o.identical) for o in outcomes] == [("long:national-2024", 2, False)]
    assert error == {} and [i.severity for i in issues if i.severity == "error"] == []
    newest = store.versions().iloc[0]
    assert (newest["version_id"], newest["dataset"], newest["user"], newest["file_name"]) == (
        outcomes[0].version_id,
        "long:national-2024",
        "Sokha Chan",
        "national-2024.csv",
    )
    assert audit_trail(store)[["action", "user", "address"]].values.tolist() == [
        ["import", "Sokha Chan", "10.0.0.5"],
        ["confirm", "Sokha Chan", "10.0.0.5"],
    ]
    assert files_of(store, job_id) == []  # the uploaded bytes are not kept once the job is over
    assert recent_jobs(store)[["job_id", "state", "datasets", "user"]].values.tolist() == [
        [job_id, "done", "long:national-2024", "Sokha Chan"]
    ]
    submit_import(store, EDITOR, [GOOD], ["long:national-2024"])  # the dataset is free again


def test_files_with_errors_fail_the_job_with_their_issues_and_store_nothing(store):
    versions = store.versions()
    job_id = submit_import(store, EDITOR, [GOOD, BAD], ["long:national-2024", "long:typo"])
    run_next_job(store, "host-a:1")

    failed = job(store, job_id)
    outcomes, issues, error = job_report(failed)
    assert (failed.state, outcomes) == ("failed", [])
    assert error["en"] == "1 of the files have errors: nothing was imported." and "គ្មានអ្វីត្រូវបាននាំចូលទេ" in error["km"]
    assert [(i.file, i.row, i.value) for i in issues if i.severity == "error"] == [("typo.csv", 2, "Cambodai")]
    assert store.versions().equals(versions)


def run_in_child(url: str, pause_flag: str) -> subprocess.Popen[bytes]:
    """A separate process that takes the next job and stops inside the import's transaction (see writes.PAUSE_ENV)."""
    code = "import sys; from indicators.store import open_store; from indicators.ingest.jobs import run_next_job; "
    code += "run_next_job(open_store(sys.argv[1]))"
    env = {**os.environ, writes.PAUSE_ENV: pause_flag}
    return subprocess.Popen([sys.executable, "-c", code, url], cwd=PROJECT_DIR, env=env)


def kill_mid_import(backend, tmp_path, name: str) -> None:
    flag = tmp_path / name
    child = run_in_child(backend.url, str(flag))
    deadline = time.monotonic() + 60
    while not flag.exists() and time.monotonic() < deadline:
        assert child.poll() is None, "the runner ended before it wrote its values"
        time.sleep(0.05)
    assert flag.exists()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)


def test_a_runner_killed_mid_import_stores_nothing_and_its_job_is_taken_up_again_then_failed(backend, open_test_store, tmp_path):
    store = open_test_store()
    versions = store.versions()
    job_id = submit_import(store, EDITOR, [GOOD], ["long:national-2024"])

    kill_mid_import(backend, tmp_path, "first.flag")
    assert store.versions().equals(versions)  # not half-applied
    assert job(store, job_id).state == "running"  # until someone notices the runner is gone

    taken = claim_job(store, "host-b:2")  # the dead runner was on this machine: its job goes back to the queue at once
    assert taken is not None and (taken.id, taken.attempts, taken.owner) == (job_id, 2, "host-b:2")
    with store.writing() as connection:  # make host-b's claim look like this machine's dead child's, then kill again
        connection.exec_driver_sql(f"UPDATE jobs SET state = 'queued', attempts = {MAX_ATTEMPTS - 1} WHERE id = {job_id}")
    kill_mid_import(backend, tmp_path, "second.flag")

    assert claim_job(store, "host-c:3") is None  # the last attempt died too: the job is failed, not retried for ever
    failed = job(store, job_id)
    assert failed.state == "failed"
    assert job_report(failed)[2]["en"].startswith(f"The server process running this import stopped {MAX_ATTEMPTS} times")
    assert store.versions().equals(versions)
    assert audit_trail(store)["action"].tolist() == ["confirm"]


def test_a_job_left_by_a_killed_runner_is_imported_by_the_next_one(backend, open_test_store, tmp_path):
    store = open_test_store()
    job_id = submit_import(store, EDITOR, [GOOD], ["long:national-2024"])
    kill_mid_import(backend, tmp_path, "killed.flag")

    assert run_next_job(store, "host-b:2") == job_id
    done = job(store, job_id)
    assert (done.state, done.attempts) == ("done", 2)
    assert store.versions().iloc[0]["dataset"] == "long:national-2024"
    assert store.observations(indicators=["internet_users_pct"], entities=["KHM"])["value"].tolist() == [61.5]


def test_a_job_queued_for_other_datasets_than_its_files_hold_fails_and_stores_nothing(store):
    versions = store.versions()
    job_id = submit_import(store, EDITOR, [GOOD], ["bundled:undesa-2024"])  # a forged request naming another dataset
    run_next_job(store, "host-a:1")

    failed = job(store, job_id)
    error = job_report(failed)[2]
    assert failed.state == "failed" and "(long:national-2024)" in error["en"] and "(bundled:undesa-2024)" in error["en"]
    assert store.versions().equals(versions)


def test_a_job_reports_reading_each_file_then_writing(store, monkeypatch):
    import indicators.ingest.jobs as jobs_module

    seen: list[tuple[float, str]] = []
    report = jobs_module.report_progress
    monkeypatch.setattr(jobs_module, "report_progress", lambda s, i, o, p, stage: (seen.append((p, stage)), report(s, i, o, p, stage)))
    other = ("national-2023.csv", GOOD[1].replace(b"2024", b"2023"))
    submit_import(store, EDITOR, [GOOD, other], ["long:national-2024", "long:national-2023"])
    run_next_job(store, "host-a:1")
    assert seen == [(0.0, "reading 1/?"), (0.0, "reading 1/2"), (0.4, "reading 2/2"), (0.9, "writing")]
