"""Freed memory given back to the system by a long-running server process.

When a new version of the data lands, each worker builds its frames, nowcast and pages again and frees the old ones.
The C allocator keeps what was freed for later use instead of returning it, so a worker's memory stayed about 90 MiB
above what it holds (benchmarks/load_test.py, after an import and a rollback). `start_trimmer()` asks the allocator
to return its free memory every `every` seconds (glibc's malloc_trim, a few milliseconds), in a daemon thread; where
the C library has no malloc_trim (not glibc), it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
import time
from collections.abc import Callable

TRIM_EVERY_SECONDS = 30.0
_started: list[threading.Thread] = []


def malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim(pad), or None."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError, TypeError):
        return None


def _trim_forever(trim: Callable[[int], int], every: float) -> None:
    while True:
        time.sleep(every)
        trim(0)


def start_trimmer(every: float = TRIM_EVERY_SECONDS) -> threading.Thread | None:
    """This process's trimming thread, started on first call (None without malloc_trim)."""
    trim = malloc_trim()
    if trim is None:
        return None
    if not _started:
        thread = threading.Thread(target=_trim_forever, args=(trim, every), name="egdi-malloc-trim", daemon=True)
        thread.start()
        _started.append(thread)
    return _started[0]
