"""Which database the store uses, how it connects, and how writers take turns.

- **Where.** An explicit URL or path, else `EGDI_DATABASE_URL`, else the SQLite file `<project>/var/egdi.sqlite`.
  A value without `://` is a path to an SQLite file; `postgresql://` and `postgres://` mean the psycopg driver.
- **SQLite.** WAL journal (readers never block the writer), a busy timeout, foreign keys on. SQLAlchemy emits
  BEGIN itself: `BEGIN IMMEDIATE` for a write, so the write lock is taken before the first read of a change and
  the diff is computed on a state no other writer can alter; a plain deferred `BEGIN` for reads.
- **PostgreSQL.** A write takes `pg_advisory_xact_lock` (one key for the whole store) as its first statement,
  with `lock_timeout` set to the busy timeout; the lock ends with the transaction, even when the client dies.
- **Errors.** Database errors become a `StoreError` with a message a person can act on (busy, cannot open, not a
  database); the chained exception keeps the details for developers. A damaged SQLite file can look healthy until
  a damaged page is read, so every write first runs `PRAGMA quick_check` and refuses a file that fails it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import ConnectionPoolEntry

from indicators.paths import PROJECT_DIR
from indicators.store.errors import StoreError, store_error

ENV_URL = "EGDI_DATABASE_URL"
DEFAULT_PATH = PROJECT_DIR / "var" / "egdi.sqlite"
BUSY_TIMEOUT = 10.0  # seconds a writer waits for another writer before giving up
CONNECT_TIMEOUT = 10  # seconds to reach a database server
ADVISORY_LOCK_KEY = 0x45474449  # "EGDI": the PostgreSQL advisory lock every writer of the store takes
WRITE_OPTION = "egdi_write"


def resolve_url(url: str | None = None) -> URL:
    """The database URL: `url`, else `EGDI_DATABASE_URL`, else the default SQLite file (its folder is created)."""
    text = url if url is not None else (os.environ.get(ENV_URL) or None)
    if text is None:
        DEFAULT_PATH.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(DEFAULT_PATH))
    text = text.strip()
    if not text:
        raise store_error("store_bad_url", url=text, reason="empty")
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    try:
        parsed = sa.make_url(text)
        parsed.port  # noqa: B018 (a port that is not a number fails only here)
    except (sa.exc.ArgumentError, ValueError) as error:
        raise store_error("store_bad_url", url=_mask(text), reason=_first_line(error)) from error
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def display_url(url: URL) -> str:
    """The URL with any password masked."""
    return url.render_as_string(hide_password=True)


def describe(url: URL) -> str:
    """How messages name the database: an SQLite file by its path, anything else by its masked URL."""
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return str(url.database)
    return display_url(url)


def create_engine(url: URL, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """An engine for `url`, set up for the store's transactions (see the module docstring)."""
    where = describe(url)
    try:
        if url.get_backend_name() == "sqlite":
            engine = sa.create_engine(url, connect_args={"timeout": busy_timeout})
            _set_up_sqlite(engine, busy_timeout)
        elif url.get_backend_name() == "postgresql" and url.get_driver_name() in ("psycopg", "psycopg2"):
            engine = sa.create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT}, pool_pre_ping=True)
        else:
            engine = sa.create_engine(url, pool_pre_ping=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as error:
        raise store_error("store_bad_url", url=where, reason=_first_line(error)) from error
    return engine


def _set_up_sqlite(engine: Engine, busy_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # SQLAlchemy, not the sqlite3 module, emits BEGIN (see `_on_begin`).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def write_transaction(engine: Engine, busy_timeout: float = BUSY_TIMEOUT) -> Iterator[Connection]:
    """One transaction holding the store's write lock: committed when the block ends, rolled back on any error.
    An SQLite file that fails its quick integrity check is refused before anything is written."""
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SET LOCAL lock_timeout = {int(busy_timeout * 1000)}")
                connection.execute(sa.select(sa.func.pg_advisory_xact_lock(ADVISORY_LOCK_KEY)))
            elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
                found = connection.exec_driver_sql("PRAGMA quick_check(1)").scalar()
                if found != "ok":
                    raise store_error("store_not_a_database", url=describe(engine.url))
            yield connection


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """One read-only snapshot (SQLite: deferred BEGIN; no write lock is taken)."""
    with engine.connect() as connection, connection.begin():
        yield connection


@contextmanager
def translated_errors(where: str, opening: bool = False) -> Iterator[None]:
    """Turn database errors into a `StoreError` a person can read; `opening` when the database is first reached."""
    try:
        yield
    except sa.exc.DBAPIError as error:
        raise _translate(error, where, opening) from error
    except sa.exc.SQLAlchemyError as error:
        raise store_error("store_database_error", url=where, reason=_first_line(error)) from error


def _translate(error: sa.exc.DBAPIError, where: str, opening: bool) -> StoreError:
    reason = _first_line(error.orig) if error.orig is not None else _first_line(error)
    lowered = reason.lower()
    sqlstate = getattr(error.orig, "sqlstate", None)
    if "database is locked" in lowered or "database is busy" in lowered or sqlstate == "55P03":
        return store_error("store_busy", url=where)
    if "file is not a database" in lowered or "disk image is malformed" in lowered:
        return store_error("store_not_a_database", url=where)
    if opening or error.connection_invalidated or isinstance(error, sa.exc.InterfaceError):
        return store_error("store_cannot_open", url=where, reason=reason)
    return store_error("store_database_error", url=where, reason=reason)


def _first_line(error: object) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _mask(text: str) -> str:
    """`text` with the password of a `scheme://user:password@host` URL replaced by ***."""
    scheme, _, rest = text.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return text
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"
