"""The store as the views read it: the published results and component data, read from the store once per store
version, shaped once, cached (see indicators.method.standing for how ranks and classes stay honest when only part of
the field is stored); `request_snapshot` reads it once per request."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache

import flask
import pandas as pd

from indicators.ingest.imports import open_seeded_store
from indicators.method.methodology import load_methodology
from indicators.method.standing import standing
from indicators.method.stored import stored_published
from indicators.store import Store
from layouts.views.shared_pieces import shared
from layouts.views.version_cache import newest_version_cache

_database_url: str | None = None


def configure(database_url: str | None) -> None:
    """Use this database (None: $EGDI_DATABASE_URL, else the default file)."""
    global _database_url
    _database_url = database_url
    _store.cache_clear()
    _snapshot.cache_clear()


@lru_cache(maxsize=1)
def _store() -> Store:
    return open_seeded_store(_database_url)


def store() -> Store:
    return _store()


def release_connections(close: bool = True) -> None:
    """Empty the store's pool of connections, if it was opened: closing them (`close`), or, in a forked child (a
    gunicorn worker), only forgetting them: the parent's connections are never used or closed by a child
    (SQLAlchemy's rule for forks); the child opens its own."""
    if _store.cache_info().currsize:
        _store().engine.dispose(close=close)


os.register_at_fork(after_in_child=lambda: release_connections(close=False))


@dataclass(frozen=True)
class Snapshot:
    """The store's content as the pages use it, for one store version."""

    version: int
    published: pd.DataFrame  # indicators.method.standing.STANDING_COLUMNS, one row per edition and country
    observations: pd.DataFrame  # component indicators with provenance (entity, year, indicator, value, source, ...)
    data_version: int = 0  # the latest version of data (not of targets or scenarios): what these frames were read at
    data_stamp: str = ""  # that version with the time it was made: a database made again never shares another's

    @property
    def world_editions(self) -> list[int]:
        complete = self.published[self.published["complete"]]
        return sorted(complete["edition"].unique().tolist())

    @property
    def editions(self) -> list[int]:
        return sorted(self.published["edition"].unique().tolist())

    def history(self, iso3: str) -> pd.DataFrame:
        rows = self.published[self.published["iso3"] == iso3]
        return rows.sort_values("edition").reset_index(drop=True)

    def edition(self, edition: int) -> pd.DataFrame:
        return self.published[self.published["edition"] == edition].sort_values("egdi", ascending=False).reset_index(drop=True)


@newest_version_cache(maxsize=4)
def _snapshot(version: int, stamp: str) -> Snapshot:
    """The frames of data version `version`, read from the store by one of the server's processes (shared_pieces)."""
    current = store()

    def read() -> Snapshot:
        component_codes = sorted({code for e in (2014, 2024) for code in load_methodology(e).input_codes()})
        observations = current.observations(indicators=component_codes)
        return Snapshot(version, standing(stored_published(current)), observations, version, stamp)

    return shared(current.url_for_display, stamp, "snapshot", read)


NOT_DATA_KINDS = ("targets", "scenario")  # versions of these do not change what the snapshot holds


def snapshot() -> Snapshot:
    """The current snapshot. Its frames are rebuilt only when a new version of data (not of targets or scenarios)
    has landed; its `version` is the store's latest, so what depends on targets or scenarios sees their edits."""
    versions = store().versions()
    data_versions = versions[~versions["kind"].isin(NOT_DATA_KINDS)]
    newest = data_versions.loc[data_versions["version_id"].idxmax()] if not data_versions.empty else None
    version = int(newest["version_id"]) if newest is not None else 0
    frames = _snapshot(version, f"{version}@{newest['created_at']}" if newest is not None else "0")
    latest = int(versions["version_id"].max()) if not versions.empty else 0
    return frames if frames.version == latest else replace(frames, version=latest)


def request_snapshot() -> Snapshot:
    """`snapshot()`, read once per request: every call of it reads the store's list of versions, and a callback asks
    for it several times. Outside a request (tests, scripts) it is read on every call."""
    if not flask.has_request_context():
        return snapshot()
    if "egdi_snapshot" not in flask.g:
        flask.g.egdi_snapshot = snapshot()
    return flask.g.egdi_snapshot  # type: ignore[no-any-return]


def forget_request_snapshot() -> None:
    """After a write in this request: the next `request_snapshot()` reads the store again."""
    if flask.has_request_context():
        flask.g.pop("egdi_snapshot", None)
