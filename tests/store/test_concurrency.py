"""Two writers at once: both land, or one is cleanly refused as busy; the store is never left half-written."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time

import pytest

from indicators.store import StoreError
from indicators.store.database import ADVISORY_LOCK_KEY, write_transaction
from tests.conftest import PROJECT_DIR
from tests.store.builders import big_tidy, tidy

SIZE = 20000


def test_two_processes_importing_at_the_same_moment(backend, open_test_store, tmp_path):
    go = tmp_path / "go"
    workers = {}
    for seed, dataset in ((1, "first"), (2, "second")):
        ready = tmp_path / f"ready-{dataset}"
        command = [sys.executable, "-m", "tests.store.worker", backend.url, dataset, str(SIZE), str(seed), str(ready), str(go)]
        workers[dataset] = (
            seed,
            ready,
            subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        )
    deadline = time.monotonic() + 60
    while not all(ready.exists() for _, ready, _ in workers.values()) and time.monotonic() < deadline:
        assert all(process.poll() is None for _, _, process in workers.values()), "a worker died before the start"
        time.sleep(0.01)
    go.touch()  # both workers were waiting for this: their imports start together
    reports = {}
    for dataset, (_, _, process) in workers.items():
        out, err = process.communicate(timeout=120)
        assert out.strip(), err
        reports[dataset] = json.loads(out.strip().splitlines()[-1])

    landed = [dataset for dataset, report in reports.items() if report["ok"]]
    for report in reports.values():
        if not report["ok"]:
            assert report["code"] == "store_busy" and "busy" in report["message"], report
    assert landed, reports  # with a 10 s busy timeout, at most one may be turned away
    store = open_test_store()
    versions = store.versions()
    assert sorted(versions["dataset"]) == sorted(landed)
    assert (versions["added"] == SIZE).all() and (versions["n_values"] == SIZE).all()
    for dataset in landed:
        seed = workers[dataset][0]
        stored = store.observations(datasets=[dataset]).sort_values(["year", "entity"]).reset_index(drop=True)
        expected = big_tidy(SIZE, seed).sort_values(["year", "entity"]).reset_index(drop=True)
        assert stored["value"].tolist() == expected["value"].tolist()
        assert (stored["version_id"] == reports[dataset]["version_id"]).all()
    assert len(store.observations(resolve=False)) == SIZE * len(landed)


def test_a_writer_that_cannot_get_the_lock_in_time_is_refused_as_busy(store, open_test_store):
    impatient = open_test_store(busy_timeout=0.2)
    store.import_tidy(tidy([("KHM", 2022, "egdi", 0.5)]), dataset="d", kind="long", file_name="a.csv", checksum="a")

    with write_transaction(store.engine):  # another writer holds the lock
        started = time.monotonic()
        with pytest.raises(StoreError) as refused:
            impatient.import_tidy(tidy([("KHM", 2022, "egdi", 0.6)]), dataset="d", kind="long", file_name="b.csv", checksum="b")
        waited = time.monotonic() - started
        with pytest.raises(StoreError):
            impatient.rollback(1)
        # Readers are not blocked by a writer.
        assert impatient.observations()["value"].tolist() == [0.5]

    assert refused.value.code == "store_busy"
    assert "busy" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert refused.value.message_km != str(refused.value)
    assert 0.1 <= waited < 5
    outcome = impatient.import_tidy(tidy([("KHM", 2022, "egdi", 0.6)]), dataset="d", kind="long", file_name="b.csv", checksum="b")
    assert outcome.changed == 1
    assert len(store.versions()) == 2


def test_a_write_transaction_holds_the_lock_before_its_first_write(backend, store):
    """The diff is computed on a state no other writer can change: the lock comes with BEGIN, not the first INSERT."""
    with write_transaction(store.engine):
        if backend.name == "sqlite":
            other = sqlite3.connect(backend.url, timeout=0, isolation_level=None)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
                assert other.execute("SELECT count(*) FROM versions").fetchone() == (0,)  # readers still read
            finally:
                other.close()
        else:
            with store.engine.connect() as other:
                held = other.exec_driver_sql(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %(key)s", {"key": ADVISORY_LOCK_KEY}
                )
                assert held.scalar() == 1
    with write_transaction(store.engine, busy_timeout=0.1):  # released at the end of the transaction
        pass
