"""Pieces one server process computed, read by the others: the Outlook's nowcast, levers and paths of one data version.

Under gunicorn every worker would otherwise compute the same pieces after a new version of the data lands: 2–4 s of
CPU each, which four workers on two cores spent while pages waited (benchmarks/load_test.py). `shared(stamp, name,
make)`: the first process to ask computes the piece and writes it to a folder; the others wait for it (a file lock)
and read it (a pickle: the Outlook of the bundled world is about 7 MiB, read in about 20 ms).

    folder   var/cache/pieces, or $EGDI_PIECE_CACHE ("off": every process computes its own)
    file     <sha256 of the stamp and the piece's name>.pickle; the stamp names the database and its data version
             with the time that version was made (Snapshot.data_stamp), so a database made again, whose versions
             start again, never reads another's pieces
    cleanup  writing a piece removes the files of the database's other stamps (older versions of its data) that were
             last written more than STALE_SECONDS ago (a request still finishing on an older version may write one)

The files are pickles, read back only by this app: the folder is made private to its user (mode 0700), as the
database and the session secret are; whoever can write there could change the data anyway.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from indicators.paths import PROJECT_DIR

T = TypeVar("T")
OFF = ("off", "0", "no", "false")
STALE_SECONDS = 600


def folder() -> Path | None:
    """Where the pieces are shared (None: not shared)."""
    setting = os.environ.get("EGDI_PIECE_CACHE", "")
    if setting.casefold() in OFF:
        return None
    return Path(setting) if setting else PROJECT_DIR / "var" / "cache" / "pieces"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _forget_other_stamps(place: Path, database: str, keep: str) -> None:
    """Remove the pieces and locks of the database's other stamps last written more than STALE_SECONDS ago."""
    now = time.time()
    for path in place.glob(f"{database}-*"):
        try:
            if not path.name.startswith(f"{database}-{keep}-") and now - path.stat().st_mtime > STALE_SECONDS:
                path.unlink(missing_ok=True)
        except OSError:  # removed by another process meanwhile
            continue


def shared(database: str, stamp: str, name: str, make: Callable[[], T]) -> T:
    """The piece `name` of data `stamp` in `database` (any text that names them): read from the folder when another
    process made it, else made here with `make()` and written there. A piece that cannot be read (a damaged file) is
    made again; `make`'s errors are raised and nothing is written."""
    place = folder()
    if place is None:
        return make()
    place.mkdir(parents=True, exist_ok=True, mode=0o700)
    owner, version = _digest(database), _digest(stamp)
    path = place / f"{owner}-{version}-{_digest(name)}.pickle"
    with _locked(path.with_suffix(".lock")):
        if path.exists():
            try:
                with path.open("rb") as handle:
                    return pickle.load(handle)  # type: ignore[no-any-return]
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
                path.unlink(missing_ok=True)
        piece = make()
        written = path.with_suffix(f".{os.getpid()}.tmp")
        with written.open("wb") as handle:
            pickle.dump(piece, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, path)
        _forget_other_stamps(place, owner, version)
        return piece
