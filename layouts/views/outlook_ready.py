"""The Outlook's heavy pieces (`indicators.outlook.briefing`), computed off the request, so that no page waits for them.

On the bundled store a first nowcast with its replays takes about 1.5 s, a country's levers 0.6 s and the cheapest
paths to the Policy milestones 2 s (README, "The dashboard"; benchmarks/bench_outlook.py). A page asks for a piece
(`base()`, `levers(iso3)`, `paths(targets)`): it gets it when it is ready, None while one background thread computes
it (the page then says "computing…" and asks again).
One thread, so the pieces share the Outlook's caches with one writer only; each piece is made once for all the
server's processes and read by the others (shared_pieces). Every piece is kept per data version of the
store (a new import makes a new one; a target edit or a saved scenario does not), those of older versions dropped.

    base       the Outlook with the next Survey's nowcast, its replays and the evaluation the page and reports show
    levers     a country's ranked levers on the nowcast's field
    paths      the cheapest path to each milestone of a target set

`warm()` asks for the default country's pieces (its nowcast, levers and paths) when a server starts (app.main,
gunicorn's post_worker_init), so the first visitor finds them ready; the pages are drawn once beside them
(`app.draw_pages`). Under gunicorn, `warm_before_fork()` computes and draws them once in the master process before it
forks the workers, which then start with them in memory they share. A piece that fails keeps its error (a
ForecastError says why in words) and raises it to the page each time, never computing it again in the same version.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import flask

from indicators.outlook.briefing import Outlook, stored_outlook
from indicators.outlook.forecast import ForecastError
from indicators.outlook.levers import Lever
from indicators.outlook.paths import MilestonePath
from indicators.outlook.record import ENTITY
from indicators.outlook.targets import TargetSet, load_targets, stored_targets
from indicators.report.outlook_content import RECORD_LEAD
from layouts.views.shared_pieces import shared
from layouts.views.snapshot import Snapshot, release_connections, request_snapshot, store

T = TypeVar("T")
_log = logging.getLogger(__name__)
_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="egdi-outlook")
_lock = threading.Lock()
_pieces: dict[tuple[object, ...], Future[object]] = {}
_outlooks: dict[int, Outlook] = {}  # written by the worker only
_background = [True]  # tests turn it off: then only `wait=True` computes a piece
_warming: list[threading.Thread] = []


def _ask(key: tuple[object, ...], make: Callable[[], T], wait: bool) -> T | None:
    version = key[1]
    with _lock:
        for old in [k for k in _pieces if k[1] != version]:
            del _pieces[old]
        future = _pieces.get(key)
        if future is None:
            if not (wait or _background[0]):
                return None
            future = _worker.submit(make)
            _pieces[key] = future  # type: ignore[assignment]
    if wait or future.done():
        return future.result()  # type: ignore[return-value]
    return None


def _shared(data: Snapshot, name: str, make: Callable[[], T]) -> T:
    """The piece made once for all the server's processes (shared_pieces)."""
    return shared(store().url_for_display, data.data_stamp, name, make)


def _computed_outlook() -> Outlook:
    outlook = stored_outlook(store())
    outlook.nowcast()
    outlook.evaluation(lead=RECORD_LEAD, iso3=ENTITY)
    outlook.record.predicted_vs_published(lead=RECORD_LEAD)
    return outlook


def _base(data: Snapshot) -> Outlook:
    """The Outlook of the snapshot's data version (in the worker): one object per data version, whatever targets or
    scenarios were saved since (they change the store's latest version, not its data)."""
    if data.data_version not in _outlooks:
        _outlooks.clear()
        _outlooks[data.data_version] = _shared(data, "base", _computed_outlook)
    return _outlooks[data.data_version]


def base(wait: bool = False) -> Outlook | None:
    """The Outlook with the next Survey's nowcast, the record of its replays and their evaluation computed; None while
    they are computed. A ForecastError when no nowcast can be made from the store."""
    data = request_snapshot()
    return _ask(("base", data.data_version), lambda: _base(data), wait)


def ready() -> Outlook | None:
    """`base()` when it is ready, else None (also when no nowcast can be made: ForecastError), answered once per
    request so that the parts of a page agree (the targets' statuses and the lights drawn from them)."""
    if flask.has_request_context() and "egdi_outlook_ready" in flask.g:
        return flask.g.egdi_outlook_ready  # type: ignore[no-any-return]
    try:
        found = base()
    except ForecastError:
        found = None
    if flask.has_request_context():
        flask.g.egdi_outlook_ready = found
    return found


def levers(iso3: str, wait: bool = False) -> list[Lever] | None:
    """The ranked levers of `iso3` (briefing.Outlook.levers), or None while they are computed."""
    data = request_snapshot()
    return _ask(("levers", data.data_version, iso3), lambda: _shared(data, f"levers {iso3}", lambda: _base(data).levers(iso3)), wait)


def paths(targets: TargetSet, wait: bool = False) -> list[MilestonePath] | None:
    """The cheapest path to each milestone of `targets` (briefing.Outlook.paths), or None while they are computed."""
    data = request_snapshot()
    milestones = tuple((t.id, t.indicator, tuple(sorted(t.values.items()))) for t in targets.targets)
    key = ("paths", data.data_version, targets.id, targets.entity, milestones)
    return _ask(key, lambda: _shared(data, repr(key[2:]), lambda: _base(data).paths(targets)), wait)


def _warm(iso3: str, first: Callable[[], object] | None, then: Callable[[], object] | None) -> None:
    try:
        if first is not None:
            first()
        base(wait=True)
        levers(iso3, wait=True)
        targets = stored_targets(store(), load_targets())
        if targets.entity == iso3:
            paths(targets, wait=True)
        if then is not None:
            then()
    except Exception:  # a store that cannot make a nowcast: the pages say why when asked
        _log.info("outlook not warmed", exc_info=True)


def _warm_and_keep(iso3: str, first: Callable[[], object] | None, then: Callable[[], object] | None) -> None:
    """`_warm`, then what it made (the snapshot, the pieces, the pages drawn: they live as long as the data version)
    kept out of the garbage collector's full collections (gc.freeze), which would otherwise walk all of it again in
    the middle of a request, adding 10–80 ms to some page loads."""
    _warm(iso3, first, then)
    gc.freeze()


def warm(iso3: str = ENTITY, first: Callable[[], object] | None = None, then: Callable[[], object] | None = None) -> threading.Thread:
    """Compute the pieces of `iso3` in the background now (at server start), so the first visitor finds them; `first`
    before them (the pages drawn once: they take a second where the pieces take several), `then` afterwards (the
    pages that show the pieces), so that the first visitor of a page does not pay for its first drawing either."""
    thread = threading.Thread(target=_warm_and_keep, args=(iso3, first, then), name="egdi-outlook-warm", daemon=True)
    thread.start()
    _warming.append(thread)
    return thread


def warming() -> bool:
    """Whether a `warm()` started in this process is still running (the health check says so)."""
    return any(thread.is_alive() for thread in _warming)


def warm_before_fork(iso3: str = ENTITY, first: Callable[[], object] | None = None, then: Callable[[], object] | None = None) -> None:
    """`warm()` in this thread, waited for (gunicorn's master, before it forks the workers): the workers start with
    the pieces, the pages drawn and the store's frames, shared copy-on-write, instead of each computing its own copy at
    start. Then the store's connections are closed (no child may share one) and what was made is kept out of the
    garbage collector's full collections (gc.freeze), which would otherwise touch, and so copy, every shared page."""
    _warm(iso3, first, then)
    release_connections()
    gc.freeze()


def _after_fork_in_child() -> None:
    """A forked child has none of its parent's threads: a new pool (and lock) for the pieces still to compute; those
    computed before the fork are kept."""
    global _worker, _lock
    _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="egdi-outlook")
    _lock = threading.Lock()


os.register_at_fork(after_in_child=_after_fork_in_child)


def compute_in_background(on: bool) -> None:
    """Whether asking for a piece starts its computation (the server: yes); off, a piece is computed only when asked
    with `wait=True` (tests that must see the same pieces from start to end)."""
    _background[0] = on


def clear_caches() -> None:
    """Forget every piece (tests that switch databases)."""
    with _lock:
        _pieces.clear()
    _worker.submit(_outlooks.clear).result()
