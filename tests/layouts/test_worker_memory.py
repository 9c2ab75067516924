"""What keeps a server worker's memory bounded: caches that keep the newest store version only, strings read from the
store held once each, the work done before gunicorn forks its workers shared with them, and freed memory returned."""

from __future__ import annotations

import gc
import os
import pickle
import signal
from collections.abc import Iterator

import pytest

from indicators.outlook.briefing import Outlook
from layouts.server.memory import malloc_trim, start_trimmer
from layouts.views import outlook_ready
from layouts.views.snapshot import snapshot, store
from layouts.views.version_cache import newest_version_cache
from tests.layouts.databases import use_views, using


@pytest.fixture(scope="module")
def bundled_views(bundled_db: str) -> Iterator[None]:
    with using(bundled_db, use_views):
        yield


def test_a_newer_version_empties_the_cache_and_an_older_one_is_answered_without_it():
    calls: list[tuple[int, str]] = []

    @newest_version_cache(maxsize=8)
    def shown(version: int, page: str) -> str:
        calls.append((version, page))
        return f"{page}@{version}"

    assert [shown(1, "overview"), shown(1, "trends"), shown(1, "overview")] == ["overview@1", "trends@1", "overview@1"]
    assert calls == [(1, "overview"), (1, "trends")] and shown.cache_info().currsize == 2
    assert shown(2, "overview") == "overview@2"
    assert shown.cache_info().currsize == 1  # version 1's pages are gone
    assert shown(1, "trends") == "trends@1"  # a request still finishing on version 1: answered, not kept
    assert shown(1, "trends") == "trends@1" and calls[-2:] == [(1, "trends"), (1, "trends")]
    assert shown.cache_info().currsize == 1
    shown.cache_clear()  # another database, whose versions start again
    shown(1, "overview")
    shown(1, "overview")
    assert calls[-1] == (1, "overview") and calls.count((1, "overview")) == 2 and shown.cache_info().currsize == 1


def test_each_distinct_text_read_from_the_store_is_one_object(bundled_views):
    observations = store().observations()
    for column in ("entity", "indicator", "source", "file", "dataset", "kind"):
        values = observations[column].dropna()
        assert len({id(value) for value in values}) == values.nunique(), column
    assert observations["value"].notna().all() and len(observations) > 50_000


def test_the_pieces_computed_before_a_fork_are_the_childs_and_it_computes_new_ones(bundled_views):
    """gunicorn's master computes the Outlook and forks: the worker finds it ready, computes what was not (its own
    thread pool: the parent's thread is not in the child) and reads the store on connections of its own."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    outlook_ready.warm_before_fork("KHM")
    gc.unfreeze()  # warm_before_fork froze what this test process holds: give it back to the collector
    made = outlook_ready.base(wait=True)
    assert isinstance(made, Outlook)
    parent_nowcast = made.nowcast().row("KHM")["egdi"]
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the worker
        try:
            signal.alarm(120)  # a child that hangs (no thread to compute in) ends, and the parent reads nothing
            os.close(reading)
            ready = outlook_ready.base()  # no wait: it must be there already
            levers = outlook_ready.levers("VNM", wait=True)  # not computed before the fork
            answer = (ready is made, float(ready.nowcast().row("KHM")["egdi"]) if ready else None, len(levers or []))
            answer += (int(snapshot().data_version),)
            os.write(writing, pickle.dumps(answer))
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        received = pipe.read()
    os.waitpid(child, 0)
    same, egdi, levers, version = pickle.loads(received)
    assert same is True and egdi == pytest.approx(float(parent_nowcast))
    assert levers > 0
    assert version == snapshot().data_version


def test_the_warm_up_keeps_what_it_made_out_of_full_collections(bundled_views):
    """A server's background warm-up (python app.py) ends with gc.freeze: the snapshot, the pieces and the pages it
    made are not walked again by the collector in the middle of a request."""
    gc.unfreeze()
    drawn: list[object] = []
    outlook_ready.warm("KHM", then=lambda: drawn.append([{"page": n} for n in range(5000)])).join(timeout=300)
    frozen = gc.get_freeze_count()
    gc.unfreeze()  # give this test process's objects back to the collector
    assert drawn and frozen > 5000  # the pages drawn (5,000 dicts here) and everything made before them


def test_freed_memory_is_returned_by_one_thread_per_process():
    if malloc_trim() is None:
        pytest.skip("this C library has no malloc_trim")
    assert malloc_trim()(0) in (0, 1)
    first = start_trimmer(every=3600)
    assert first is not None and first.is_alive() and first.daemon
    assert start_trimmer(every=3600) is first
