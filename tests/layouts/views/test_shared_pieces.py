"""Pieces made once for all the server's processes: read back equal, made again for another database or version, for
a damaged file, and by every process when sharing is off; a process that asks while another makes it waits and reads."""

from __future__ import annotations

import os
import pickle
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

from layouts.views import shared_pieces
from layouts.views.shared_pieces import shared


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EGDI_PIECE_CACHE", str(tmp_path))
    return tmp_path


def counting(value: object, calls: list[object]):
    def make() -> object:
        calls.append(value)
        return value

    return make


def test_a_piece_is_made_once_and_read_back_equal(folder: Path):
    calls: list[object] = []
    frame = pd.DataFrame({"iso3": ["KHM", "VNM"], "egdi": [0.5754, 0.6787]})
    first = shared("sqlite:///a", "7@2026-11-30 10:00", "base", counting(frame, calls))
    again = shared("sqlite:///a", "7@2026-11-30 10:00", "base", counting(frame.assign(egdi=0.0), calls))
    assert len(calls) == 1 and first is frame
    pd.testing.assert_frame_equal(again, frame)
    assert len(list(folder.glob("*.pickle"))) == 1


def test_another_database_version_or_piece_is_made_again(folder: Path):
    calls: list[object] = []
    assert shared("sqlite:///a", "7@t1", "base", counting(1, calls)) == 1
    assert shared("sqlite:///b", "7@t1", "base", counting(2, calls)) == 2  # another database, same version
    assert shared("sqlite:///a", "7@t2", "base", counting(3, calls)) == 3  # the database made again: same number
    assert shared("sqlite:///a", "7@t2", "levers KHM", counting(4, calls)) == 4
    assert shared("sqlite:///a", "7@t1", "base", counting(5, calls)) == 1  # still there: written less than 10 min ago
    assert calls == [1, 2, 3, 4]


def test_older_versions_files_go_once_stale(folder: Path):
    shared("sqlite:///a", "7@t1", "base", lambda: "old")
    for path in folder.iterdir():
        os.utime(path, (time.time() - shared_pieces.STALE_SECONDS - 5,) * 2)
    shared("sqlite:///b", "1@t1", "base", lambda: "other database")  # another database's files are not its to remove
    assert len(list(folder.glob("*.pickle"))) == 2
    shared("sqlite:///a", "8@t3", "base", lambda: "new")
    assert sorted(pickle.loads(p.read_bytes()) for p in folder.glob("*.pickle")) == ["new", "other database"]


def test_a_damaged_file_is_made_again_and_an_error_writes_nothing(folder: Path):
    shared("sqlite:///a", "7@t1", "base", lambda: {"egdi": 0.5754})
    (piece,) = folder.glob("*.pickle")
    piece.write_bytes(b"not a pickle")
    assert shared("sqlite:///a", "7@t1", "base", lambda: {"egdi": 0.6}) == {"egdi": 0.6}

    def fails() -> object:
        raise ValueError("no nowcast")

    with pytest.raises(ValueError, match="no nowcast"):
        shared("sqlite:///a", "7@t1", "levers KHM", fails)
    assert len(list(folder.glob("*.pickle"))) == 1


def test_off_every_call_makes_its_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("EGDI_PIECE_CACHE", "off")
    calls: list[object] = []
    shared("sqlite:///a", "7@t1", "base", counting(1, calls))
    shared("sqlite:///a", "7@t1", "base", counting(1, calls))
    assert calls == [1, 1] and shared_pieces.folder() is None


def test_a_process_that_asks_while_another_makes_it_waits_and_reads_it(folder: Path):
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # another worker: makes the piece slowly
        try:
            signal.alarm(60)
            os.close(reading)

            def slow() -> str:
                os.write(writing, b"started")
                time.sleep(1.0)
                return "made by the other worker"

            shared("sqlite:///a", "7@t1", "base", slow)
        finally:
            os._exit(0)
    os.close(writing)
    assert os.read(reading, 7) == b"started"  # the other worker holds the lock now
    calls: list[object] = []
    found = shared("sqlite:///a", "7@t1", "base", counting("made here", calls))
    os.waitpid(child, 0)
    os.close(reading)
    assert found == "made by the other worker" and calls == []
