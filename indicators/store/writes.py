"""The writes of one import or rollback, all inside the caller's transaction: a version row, the values it
retires and the values it stores. Values go in bulk: PostgreSQL's COPY through psycopg, elsewhere one DBAPI
executemany; retired values are marked with a few `UPDATE ... WHERE id IN (...)` statements.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import UpdateBase

from indicators.store.frames import python_values
from indicators.store.schema import datasets, observations, versions

# Test only: when this names a file, an import touches it after writing its values and then sleeps inside the
# open transaction, so a test can kill the process mid-import. Never set outside tests.
PAUSE_ENV = "EGDI_STORE_TEST_PAUSE_AFTER_INSERT"
PAUSE_SECONDS = 600.0
IN_CHUNK = 900  # ids per `IN (...)` list, under SQLite's oldest limit of 999 parameters
INSERT_CHUNK = 50_000  # values per bulk insert

OBSERVATION_COLUMNS = {
    "entity": "entity",
    "year": "year",
    "indicator": "indicator",
    "value": "value",
    "source": "source",
    "file": "file",
    "sheet": "sheet",
    "row": "row",
    "column": "column_name",
    "flags": "flags",
}


@dataclass(frozen=True)
class VersionRecord:
    dataset_id: int
    kind: str
    action: str
    user: str
    file_name: str
    checksum: str
    added: int
    changed: int
    removed: int
    n_values: int
    rolled_back_version: int | None = None


def now() -> str:
    """The current UTC time as ISO 8601 text, e.g. 2024-05-01T09:30:00Z."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def dataset_id(connection: Connection, key: str, kind: str, entity_kind: str) -> int:
    """The id of dataset `key`, created when new; its kind and entity kind follow the latest import."""
    found = connection.execute(sa.select(datasets.c.id, datasets.c.kind, datasets.c.entity_kind).where(datasets.c.key == key)).first()
    if found is None:
        inserted = connection.execute(datasets.insert().values(key=key, kind=kind, entity_kind=entity_kind, created_at=now()))
        return _new_id(inserted)
    if (found.kind, found.entity_kind) != (kind, entity_kind):
        connection.execute(datasets.update().where(datasets.c.id == found.id).values(kind=kind, entity_kind=entity_kind))
    return int(found.id)


def _new_id(result: sa.CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def insert_version(connection: Connection, version: VersionRecord) -> int:
    result = connection.execute(
        versions.insert().values(
            dataset_id=version.dataset_id,
            kind=version.kind,
            action=version.action,
            user_name=version.user,
            created_at=now(),
            file_name=version.file_name,
            checksum=version.checksum,
            added=version.added,
            changed=version.changed,
            removed=version.removed,
            n_values=version.n_values,
            rolled_back_version=version.rolled_back_version,
        )
    )
    return _new_id(result)


def executemany(connection: Connection, statement: UpdateBase, columns: dict[str, list[object]]) -> None:
    """Run `statement` once per row of `columns` (bind name -> values) as one DBAPI executemany.

    SQLAlchemy compiles the statement once for the connection's dialect; the driver then binds plain tuples (or
    dicts for named parameter styles), without SQLAlchemy's per-row parameter processing, which costs more than the
    database's own work for tens of thousands of rows. Only for types the driver binds natively (int, float, str).
    """
    compiled = statement.compile(dialect=connection.dialect, column_keys=list(columns))
    size = len(next(iter(columns.values())))
    defaults = compiled.params
    names = list(compiled.positiontup or []) if compiled.positional else list(compiled.bind_names.values())
    values = [columns[name] if name in columns else [defaults[name]] * size for name in names]
    if compiled.positional:
        parameters: list[Any] = list(zip(*values, strict=True))
    else:
        parameters = [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]
    connection.exec_driver_sql(str(compiled), parameters)


def retire(connection: Connection, ids: list[int], version_id: int, dataset: int, everything: bool) -> None:
    """Mark the values `ids` as replaced or removed by `version_id` (`everything`: all current values of `dataset`)."""
    if not ids:
        return
    if everything:
        connection.execute(
            observations.update()
            .where(observations.c.dataset_id == dataset, observations.c.removed_in_version.is_(None))
            .values(removed_in_version=version_id)
        )
        return
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        connection.execute(observations.update().where(observations.c.id.in_(chunk)).values(removed_in_version=version_id))


def insert_observations(connection: Connection, rows: pd.DataFrame, version_id: int, dataset: int) -> None:
    """Store `rows` (STORED_COLUMNS plus `file`) as values written by `version_id`, INSERT_CHUNK rows at a time (the
    driver's Python objects for a whole large import would cost more memory than the frame itself)."""
    if rows.empty:
        return
    for start in range(0, len(rows), INSERT_CHUNK):
        chunk = rows.iloc[start : start + INSERT_CHUNK]
        size = len(chunk)
        columns: dict[str, list[object]] = {"version_id": [version_id] * size, "dataset_id": [dataset] * size}
        for source, target in OBSERVATION_COLUMNS.items():
            columns[target] = python_values(chunk[source])
        if connection.dialect.driver == "psycopg":
            copy_rows(connection, observations, columns)
        else:
            executemany(connection, observations.insert(), columns)
    pause_for_tests()


def copy_rows(connection: Connection, table: sa.Table, columns: dict[str, list[object]]) -> None:
    """Insert rows with PostgreSQL's COPY through psycopg, in the connection's open transaction (several times
    faster than an executemany of INSERTs)."""
    quote = connection.dialect.identifier_preparer
    names = ", ".join(quote.quote(name) for name in columns)
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy:
        for row in zip(*columns.values(), strict=True):
            copy.write_row(row)


def pause_for_tests() -> None:
    """Test only (see PAUSE_ENV): signal that values are written and wait, inside the transaction, to be killed."""
    flag = os.environ.get(PAUSE_ENV)
    if flag:
        Path(flag).touch()
        time.sleep(PAUSE_SECONDS)
