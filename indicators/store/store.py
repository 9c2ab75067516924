"""The versioned store: imports, current values, versions, diffs and rollbacks (SQLAlchemy Core, no ORM).

- **An import is one transaction** under the store's write lock: the dataset's current values are read, compared
  with the new frame in pandas (`diff.compare`), and the version, the retired values and the new values are written
  together, or nothing is (a refused or failed import, or a killed process, leaves the store as it was).
  `import_many` does the same for several frames in one transaction: all land or none.
- **A version** records who, when (UTC), the file, its checksum and the counts of values added, changed and removed
  against the previous state of the same dataset. Re-importing identical values writes nothing and says so.
- **Values are never updated in place.** Each stored value carries the version that wrote it and its cell
  (file, sheet, row, column); a later version that changes or removes it sets `removed_in_version`. The diff of a
  version is what it wrote against what it retired, so `diff()` needs no separate change log.
- **A rollback** of version V restores V's dataset to its state just before V (undoing V and every later version of
  that dataset) by writing that state as a new version with action `rollback`; the history stays complete, and a
  rollback can itself be rolled back.
- **Every write names who acts** (`user`: an `access.Actor`, or the name of a local operator) and is refused, before
  anything is written, when that role does not allow it. It is recorded in the audit trail in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from indicators.store import audit, writes
from indicators.store.access import Actor, action_for_kind, require
from indicators.store.database import (
    BUSY_TIMEOUT,
    create_engine,
    describe,
    display_url,
    read_transaction,
    resolve_url,
    translated_errors,
    write_transaction,
)
from indicators.store.diff import CHANGE_COLUMNS, KEY, compare
from indicators.store.errors import StoreError, store_error
from indicators.store.frames import prepare_tidy
from indicators.store.migrations import migrate
from indicators.store.schema import datasets, observations, versions

OBSERVATION_OUTPUT = [
    "entity",
    "year",
    "indicator",
    "value",
    "source",
    "file",
    "sheet",
    "row",
    "column",
    "flags",
    "version_id",
    "dataset",
    "kind",
]
VERSION_OUTPUT = [
    "version_id",
    "dataset",
    "kind",
    "action",
    "user",
    "created_at",
    "file_name",
    "checksum",
    "added",
    "changed",
    "removed",
    "n_values",
    "rolled_back_version",
]
TEXT_OUTPUT = frozenset(
    [
        "entity",
        "indicator",
        "source",
        "file",
        "sheet",
        "column",
        "flags",
        "dataset",
        "kind",
        "action",
        "user",
        "created_at",
        "file_name",
        "checksum",
    ]
)
NULLABLE_INT_OUTPUT = ("year", "row", "rolled_back_version")
_STATE_COLUMNS = [
    observations.c.id,
    observations.c.entity,
    observations.c.year,
    observations.c.indicator,
    observations.c.value,
    observations.c.source,
    observations.c.file,
    observations.c.sheet,
    observations.c.row,
    observations.c.column_name.label("column"),
    observations.c.flags,
]
_STATE_NAMES = [column.name for column in _STATE_COLUMNS]
_datasets = datasets  # `Store.observations` has a parameter named `datasets`


@dataclass(frozen=True)
class ImportOutcome:
    """What an import or rollback did. `identical`: nothing changed, no version was written, and `version_id` is the
    dataset's current version."""

    version_id: int | None
    dataset: str
    added: int
    changed: int
    removed: int
    unchanged: int
    identical: bool


@dataclass(frozen=True)
class ImportRequest:
    """The arguments of one `Store.import_tidy`, for `Store.import_many`."""

    tidy: pd.DataFrame
    dataset: str
    kind: str
    file_name: str
    checksum: str
    user: Actor | str = "cli"
    entity_kind: str = "country"


def _one_object_each(values: Sequence[object]) -> np.ndarray:
    """The values with each distinct one held once: the database driver makes a new string for every row, and a
    column of tens of thousands of rows repeats a few hundred names (sources, files, codes). Shared, they take a few
    kilobytes instead of megabytes, and a long-running server's heap stays compact when they are freed."""
    codes, distinct = pd.factorize(np.array(values, dtype=object), use_na_sentinel=False)
    return np.asarray(distinct, dtype=object).take(codes)


def _column(name: str, values: Sequence[object]) -> pd.Series:
    if name in NULLABLE_INT_OUTPUT:
        return pd.Series(values, dtype="Int64")
    if name == "value":
        return pd.Series(np.array(values, dtype=float))
    if name in TEXT_OUTPUT:
        return pd.Series(_one_object_each(values), dtype="str")
    return pd.Series(np.array(values, dtype=np.int64))


def _frame(result: sa.CursorResult[Any], columns: list[str]) -> pd.DataFrame:
    """The result as a frame with the store's dtypes (built column by column: pandas would otherwise probe every
    SQLAlchemy Row for namedtuple fields, which is slow)."""
    rows = result.all()
    values: list[Sequence[object]] = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pd.DataFrame({name: _column(name, column) for name, column in zip(columns, values, strict=True)}, columns=columns)


def _state(connection: Connection, dataset: int, before: int | None = None, provenance: bool = False) -> pd.DataFrame:
    """The values of `dataset` now, or just before version `before`: `id`, KEY, `value` (and the cell provenance)."""
    where = [observations.c.dataset_id == dataset]
    if before is None:
        where.append(observations.c.removed_in_version.is_(None))
    else:
        where += [
            observations.c.version_id < before,
            sa.or_(observations.c.removed_in_version.is_(None), observations.c.removed_in_version >= before),
        ]
    columns = _STATE_COLUMNS if provenance else _STATE_COLUMNS[:5]
    return _frame(connection.execute(sa.select(*columns).where(*where)), [column.name for column in columns])


class Store:
    """A versioned store of tidy values in one database; open it with `open_store`."""

    def __init__(self, engine: Engine, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self._engine = engine
        self._busy_timeout = busy_timeout

    @property
    def url_for_display(self) -> str:
        """The database URL with any password masked."""
        return display_url(self._engine.url)

    @property
    def engine(self) -> Engine:
        return self._engine

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction under the store's write lock (database errors become a StoreError)."""
        with translated_errors(describe(self._engine.url)), write_transaction(self._engine, self._busy_timeout) as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """One read-only snapshot (database errors become a StoreError)."""
        with translated_errors(describe(self._engine.url)), read_transaction(self._engine) as connection:
            yield connection

    def is_empty(self) -> bool:
        """True when no version was ever recorded."""
        with self.reading() as connection:
            return connection.execute(sa.select(versions.c.id).limit(1)).first() is None

    def import_tidy(
        self,
        tidy: pd.DataFrame,
        *,
        dataset: str,
        kind: str,
        file_name: str,
        checksum: str,
        user: Actor | str = "cli",
        entity_kind: str = "country",
    ) -> ImportOutcome:
        """Make `tidy` the content of `dataset` as a new version (none when identical); see the module docstring."""
        return self.import_many([ImportRequest(tidy, dataset, kind, file_name, checksum, user, entity_kind)])[0]

    def import_many(
        self, requests: Sequence[ImportRequest], then: Callable[[Connection, list[ImportOutcome]], None] | None = None
    ) -> list[ImportOutcome]:
        """Import several frames in one transaction: every one lands, or none does. A later request for the same
        dataset is compared with the state the earlier one left. `then`, when given, runs in the same transaction
        with the outcomes (e.g. to mark a background job done together with its import)."""
        actors = [require(request.user, action_for_kind(request.kind)) for request in requests]
        prepared = [(request, prepare_tidy(request.tidy, request.dataset).assign(file=request.file_name)) for request in requests]
        with self.writing() as connection:
            outcomes = [_import(connection, request, new, actor) for (request, new), actor in zip(prepared, actors, strict=True)]
            if then is not None:
                then(connection, outcomes)
            return outcomes

    def preview_import(self, tidy: pd.DataFrame, *, dataset: str) -> pd.DataFrame:
        """The values importing `tidy` into `dataset` would add, change and remove (columns CHANGE_COLUMNS, as `diff`
        gives them for the version it would write); writes nothing."""
        return self.preview_many([(tidy, dataset)])[0]

    def preview_many(self, imports: Sequence[tuple[pd.DataFrame, str]]) -> list[pd.DataFrame]:
        """`preview_import` for several (tidy, dataset) pairs as `import_many` would take them: one read of the store,
        and a later frame for the same dataset compared with the earlier one. StoreError as `import_many` would."""
        prepared = [(prepare_tidy(tidy, dataset), dataset) for tidy, dataset in imports]
        states: dict[str, pd.DataFrame] = {}
        with self.reading() as connection:
            for dataset in dict.fromkeys(dataset for _, dataset in prepared):
                found = connection.execute(sa.select(datasets.c.id).where(datasets.c.key == dataset)).scalar()
                states[dataset] = _state(connection, found) if found is not None else pd.DataFrame(columns=_STATE_NAMES[:5])
        changes = []
        for new, dataset in prepared:
            changes.append(compare(states[dataset], new).changes()[CHANGE_COLUMNS])
            states[dataset] = new[[*KEY, "value"]].assign(id=np.arange(len(new)))
        return changes

    def rollback(self, version_id: int, user: Actor | str = "cli") -> ImportOutcome:
        """Restore the dataset of `version_id` to its state just before that version, as a new 'rollback' version."""
        actor = require(user, "rollback")
        with self.writing() as connection:
            target = connection.execute(
                sa.select(versions.c.dataset_id, versions.c.kind, datasets.c.key)
                .join(datasets, datasets.c.id == versions.c.dataset_id)
                .where(versions.c.id == version_id)
            ).first()
            if target is None:
                raise store_error("store_no_version", version=version_id)
            dataset_id = int(target.dataset_id)
            current = _state(connection, dataset_id)
            restored = _state(connection, dataset_id, before=version_id, provenance=True)
            comparison = compare(current, restored.drop(columns="id"))
            if comparison.identical:
                raise store_error("store_nothing_to_undo", version=version_id, dataset=target.key)
            previous = connection.execute(
                sa.select(versions.c.kind, versions.c.file_name, versions.c.checksum)
                .where(versions.c.dataset_id == dataset_id, versions.c.id < version_id)
                .order_by(versions.c.id.desc())
                .limit(1)
            ).first()
            kind, file_name, checksum = (previous.kind, previous.file_name, previous.checksum) if previous else (target.kind, "", "")
            counts = (len(comparison.added), len(comparison.changed), len(comparison.removed_ids))
            record = writes.VersionRecord(dataset_id, kind, "rollback", actor.name, file_name, checksum, *counts, len(restored), version_id)
            new_version = writes.insert_version(connection, record)
            audit.record(connection, actor, "rollback", str(target.key), f"version {version_id}", new_version)
            retired = comparison.retired_ids
            writes.retire(connection, retired, new_version, dataset_id, everything=len(retired) == len(current))
            writes.insert_observations(connection, comparison.written, new_version, dataset_id)
        return ImportOutcome(new_version, str(target.key), *counts, comparison.unchanged, False)

    def observations(
        self,
        *,
        indicators: Sequence[str] | None = None,
        entities: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        datasets: Sequence[str] | None = None,
        resolve: bool = True,
    ) -> pd.DataFrame:
        """The current values (columns OBSERVATION_OUTPUT), optionally only those of some indicators, entities, kinds
        (the `kind` of the import that wrote the value) or datasets. `resolve`: one value per (entity, year, indicator),
        the one written by the most recent version (newest import wins); otherwise one per dataset holding it."""
        query = (
            sa.select(
                *[c for c in _STATE_COLUMNS if c.name != "id"],
                observations.c.version_id,
                _datasets.c.key.label("dataset"),
                versions.c.kind,
            )
            .join(versions, versions.c.id == observations.c.version_id)
            .join(_datasets, _datasets.c.id == observations.c.dataset_id)
            .where(observations.c.removed_in_version.is_(None))
        )
        for column, wanted in (
            (observations.c.indicator, indicators),
            (observations.c.entity, entities),
            (versions.c.kind, kinds),
            (_datasets.c.key, datasets),
        ):
            if wanted is not None:
                query = query.where(column.in_(list(wanted)))
        with self.reading() as connection:
            frame = _frame(connection.execute(query), OBSERVATION_OUTPUT)
        if resolve:
            frame = frame.sort_values("version_id", ascending=False, kind="stable").drop_duplicates(["entity", "year", "indicator"])
        order = ["entity", "indicator", "year", "version_id"]
        return frame.sort_values(order, kind="stable", na_position="first").reset_index(drop=True)

    def versions(self) -> pd.DataFrame:
        """One row per version, newest first (columns VERSION_OUTPUT)."""
        query = (
            sa.select(
                versions.c.id,
                datasets.c.key,
                versions.c.kind,
                versions.c.action,
                versions.c.user_name,
                versions.c.created_at,
                versions.c.file_name,
                versions.c.checksum,
                versions.c.added,
                versions.c.changed,
                versions.c.removed,
                versions.c.n_values,
                versions.c.rolled_back_version,
            )
            .join(datasets, datasets.c.id == versions.c.dataset_id)
            .order_by(versions.c.id.desc())
        )
        with self.reading() as connection:
            return _frame(connection.execute(query), VERSION_OUTPUT)

    def diff(self, version_id: int) -> pd.DataFrame:
        """The values version `version_id` added, changed and removed (columns CHANGE_COLUMNS)."""
        with self.reading() as connection:
            if connection.execute(sa.select(versions.c.id).where(versions.c.id == version_id)).first() is None:
                raise store_error("store_no_version", version=version_id)
            columns = [observations.c.id, observations.c.entity, observations.c.year, observations.c.indicator, observations.c.value]
            names = ["id", "entity", "year", "indicator", "value"]
            written = _frame(connection.execute(sa.select(*columns).where(observations.c.version_id == version_id)), names)
            retired = _frame(connection.execute(sa.select(*columns).where(observations.c.removed_in_version == version_id)), names)
        table = compare(retired, written).changes()
        return table[CHANGE_COLUMNS]

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()


def _import(connection: Connection, request: ImportRequest, new: pd.DataFrame, actor: Actor) -> ImportOutcome:
    """One import inside the caller's write transaction; `new` is the prepared frame (with `file`)."""
    found = connection.execute(sa.select(datasets.c.id).where(datasets.c.key == request.dataset)).scalar()
    current = _state(connection, found) if found is not None else pd.DataFrame(columns=_STATE_NAMES[:5])
    comparison = compare(current, new)
    if comparison.identical:
        return ImportOutcome(_latest_version(connection, found), request.dataset, 0, 0, 0, comparison.unchanged, True)
    dataset_id = writes.dataset_id(connection, request.dataset, request.kind, request.entity_kind)
    counts = (len(comparison.added), len(comparison.changed), len(comparison.removed_ids))
    record = writes.VersionRecord(dataset_id, request.kind, "import", actor.name, request.file_name, request.checksum, *counts, len(new))
    version_id = writes.insert_version(connection, record)
    action = audit.KIND_AUDIT_ACTIONS.get(request.kind, "import")
    audit.record(connection, actor, action, request.dataset, f"{request.file_name}: +{counts[0]} ~{counts[1]} -{counts[2]}", version_id)
    retired = comparison.retired_ids
    writes.retire(connection, retired, version_id, dataset_id, everything=len(retired) == len(current))
    writes.insert_observations(connection, comparison.written, version_id, dataset_id)
    return ImportOutcome(version_id, request.dataset, *counts, comparison.unchanged, False)


def _latest_version(connection: Connection, dataset: int | None) -> int | None:
    if dataset is None:
        return None
    latest = connection.execute(sa.select(sa.func.max(versions.c.id)).where(versions.c.dataset_id == dataset)).scalar()
    return None if latest is None else int(latest)


def open_store(url: str | None = None, *, busy_timeout: float = BUSY_TIMEOUT) -> Store:
    """Open (and create or upgrade) the store at `url`: a URL, a path to an SQLite file, else `EGDI_DATABASE_URL`,
    else `<project>/var/egdi.sqlite`. `busy_timeout`: seconds a write waits for another writer before giving up."""
    resolved = resolve_url(url)
    engine = create_engine(resolved, busy_timeout)
    try:
        with translated_errors(describe(resolved), opening=True):
            migrate(engine, busy_timeout=busy_timeout)
    except StoreError:
        engine.dispose()
        raise
    return Store(engine, busy_timeout)
