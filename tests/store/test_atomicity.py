"""All or nothing: an import that fails inside its transaction, or whose process is killed mid-import, leaves the
store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from indicators.store import ImportRequest, StoreError, writes
from indicators.store.store import Store
from tests.conftest import PROJECT_DIR
from tests.store.builders import big_tidy, tidy
from tests.store.conftest import dump

BASE = [("KHM", 2022, "egdi", 0.5), ("THA", 2022, "egdi", 0.77), ("LAO", 2022, "egdi", 0.47)]


def changed_frame(size: int):
    """`size` values: two of them replace BASE's KHM and THA values, LAO's is left out, the rest are new."""
    frame = big_tidy(size, seed=3)
    frame.loc[0:1, ["entity", "year"]] = ["KHM", 2022]
    frame.loc[1, "entity"] = "THA"
    return frame


def test_a_failure_after_some_rows_are_written_leaves_every_table_unchanged(store, monkeypatch):
    store.import_tidy(tidy(BASE), dataset="d", kind="long", file_name="base.csv", checksum="a")
    before = dump(store)
    real_insert = writes.insert_observations

    def insert_half_then_fail(connection, rows, version_id, dataset):
        real_insert(connection, rows.iloc[: len(rows) // 2], version_id, dataset)
        written = connection.execute(sa.select(sa.func.count()).select_from(writes.observations)).scalar()
        assert written > len(BASE)  # the half really is in the transaction
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writes, "insert_observations", insert_half_then_fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.import_tidy(changed_frame(2000), dataset="d", kind="long", file_name="new.csv", checksum="b")

    assert dump(store) == before
    monkeypatch.undo()
    outcome = store.import_tidy(changed_frame(2000), dataset="d", kind="long", file_name="new.csv", checksum="b")
    assert (outcome.changed, outcome.removed, outcome.added) == (2, 1, 1998)


def test_a_database_error_mid_import_is_a_store_error_and_changes_nothing(store, monkeypatch):
    store.import_tidy(tidy(BASE), dataset="d", kind="long", file_name="base.csv", checksum="a")
    before = dump(store)
    real_insert = writes.insert_observations

    def insert_then_break_a_constraint(connection, rows, version_id, dataset):
        real_insert(connection, rows, version_id, dataset)
        connection.execute(writes.versions.insert().values(dataset_id=dataset))  # NOT NULL columns left empty

    monkeypatch.setattr(writes, "insert_observations", insert_then_break_a_constraint)
    with pytest.raises(StoreError) as refused:
        store.import_tidy(changed_frame(100), dataset="d", kind="long", file_name="new.csv", checksum="b")

    assert refused.value.code == "store_database_error"
    assert "Nothing was changed" in str(refused.value)
    assert dump(store) == before


def test_a_process_killed_mid_import_leaves_no_partial_data(backend, open_test_store, tmp_path):
    store: Store = open_test_store()
    store.import_tidy(tidy(BASE), dataset="d", kind="long", file_name="base.csv", checksum="a")
    before = dump(store)
    wal = Path(f"{backend.url}-wal")
    wal_before = wal.stat().st_size if backend.name == "sqlite" else 0
    flag = tmp_path / "inserted.flag"
    env = {**os.environ, writes.PAUSE_ENV: str(flag)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", backend.url, "d", "30000", "5"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists() and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert flag.exists(), f"the worker never reached its pause: {worker.communicate(timeout=5)}"
        if backend.name == "sqlite":  # uncommitted pages did reach the disk: the kill has something to leave behind
            assert wal.stat().st_size > wal_before
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL

    reopened: Store = open_test_store(busy_timeout=30)
    assert dump(reopened) == before
    if backend.name == "sqlite":
        with reopened.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # The write lock died with the process: the next import goes through.
    outcome = reopened.import_tidy(big_tidy(30000, seed=5), dataset="d", kind="long", file_name="d.csv", checksum="5")
    assert (outcome.added, outcome.removed) == (30000, 3)


def test_several_imports_in_one_transaction_all_land_or_none(store, monkeypatch):
    store.import_tidy(tidy(BASE), dataset="d", kind="long", file_name="base.csv", checksum="a")
    before = dump(store)
    requests = [
        ImportRequest(tidy([("KHM", 2022, "osi", 0.4)]), "e", "long", "e.csv", "e", user="ana"),
        ImportRequest(tidy([("KHM", 2022, "egdi", 0.6)]), "d", "long", "d2.csv", "d2"),
        ImportRequest(tidy([("KHM", 2022, "egdi", 0.7)]), "d", "long", "d3.csv", "d3"),
    ]
    real_insert = writes.insert_observations
    calls = []

    def fail_on_the_third(connection, rows, version_id, dataset):
        calls.append(version_id)
        if len(calls) == 3:
            raise RuntimeError("third file breaks")
        real_insert(connection, rows, version_id, dataset)

    monkeypatch.setattr(writes, "insert_observations", fail_on_the_third)
    with pytest.raises(RuntimeError):
        store.import_many(requests)
    assert len(calls) == 3
    assert dump(store) == before

    monkeypatch.undo()
    outcomes = store.import_many(requests)
    assert [(o.dataset, o.added, o.changed, o.removed) for o in outcomes] == [("e", 1, 0, 0), ("d", 0, 1, 2), ("d", 0, 1, 0)]
    assert store.observations(datasets=["d"])["value"].tolist() == [0.7]
    assert store.versions()["file_name"].tolist() == ["d3.csv", "d2.csv", "e.csv", "base.csv"]
