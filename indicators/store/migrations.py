"""Schema migrations: an ordered list, each applied once and recorded in `schema_migrations`.

Opening a store applies the pending ones, in order, in one transaction under the store's write lock, so two
processes opening a new database at once do the work once. A migration is never edited after release: it builds
its own table definitions (not those of `schema.py`, which describe the latest state), and a change of schema is
a new migration appended to `MIGRATIONS`. A database that records a migration this code does not know was made
by a newer version of the tool and is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from indicators.store.database import BUSY_TIMEOUT, read_transaction, write_transaction
from indicators.store.errors import store_error
from indicators.store.schema import schema_migrations


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _create_tables(connection: Connection) -> None:
    """Version 1: datasets, versions and observations with cell provenance."""
    metadata = sa.MetaData()
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    sa.Table(
        "datasets",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("entity_kind", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    sa.Table(
        "versions",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dataset_id", sa.Integer, sa.ForeignKey("datasets.id"), nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("user_name", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("checksum", sa.Text, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("changed", sa.Integer, nullable=False),
        sa.Column("removed", sa.Integer, nullable=False),
        sa.Column("n_values", sa.Integer, nullable=False),
        sa.Column("rolled_back_version", sa.Integer, sa.ForeignKey("versions.id"), nullable=True),
        sqlite_autoincrement=True,  # version ids only ever grow: the state before a version is "ids below it"
    )
    sa.Table(
        "observations",
        metadata,
        sa.Column("id", big_id, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("dataset_id", sa.Integer, sa.ForeignKey("datasets.id"), nullable=False),
        sa.Column("entity", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("indicator", sa.Text, nullable=False),
        sa.Column("value", sa.Double, nullable=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("sheet", sa.Text, nullable=False),
        sa.Column("row", sa.Integer, nullable=True),
        sa.Column("column_name", sa.Text, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("removed_in_version", sa.Integer, sa.ForeignKey("versions.id"), nullable=True),
    )
    metadata.create_all(connection)


def _create_indexes(connection: Connection) -> None:
    """Version 2: indexes for a dataset's current values, a version's diff and lookups by indicator and entity."""
    for statement in (
        "CREATE INDEX ix_observations_current ON observations (dataset_id, removed_in_version)",
        "CREATE INDEX ix_observations_version ON observations (version_id)",
        "CREATE INDEX ix_observations_removed ON observations (removed_in_version)",
        "CREATE INDEX ix_observations_lookup ON observations (indicator, entity)",
        "CREATE INDEX ix_versions_dataset ON versions (dataset_id)",
    ):
        connection.exec_driver_sql(statement)


def _create_access_tables(connection: Connection) -> None:
    """Version 3: accounts, failed sign-ins, the audit trail, and background jobs with their files."""
    metadata = sa.MetaData()
    sa.Table("versions", metadata, sa.Column("id", sa.Integer, primary_key=True))  # for the audit's foreign key only
    sa.Table(
        "accounts",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False, unique=True),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("session_epoch", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("changed_at", sa.Text, nullable=False),
    )
    sa.Table(
        "sign_in_failures",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Index("ix_sign_in_failures_at", "at"),
    )
    sa.Table(
        "audit",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("user_name", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=True),
    )
    sa.Table(
        "jobs",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("datasets", sa.Text, nullable=False),
        sa.Column("entity_kind", sa.Text, nullable=False),
        sa.Column("user_name", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("started_at", sa.Text, nullable=True),
        sa.Column("finished_at", sa.Text, nullable=True),
        sa.Column("lease_until", sa.Text, nullable=True),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("progress", sa.Double, nullable=False),
        sa.Column("stage", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Index("ix_jobs_state", "state"),
    )
    sa.Table(
        "job_files",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("job_id", sa.Integer, sa.ForeignKey("jobs.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Index("ix_job_files_job", "job_id"),
    )
    for name in ("accounts", "sign_in_failures", "audit", "jobs", "job_files"):
        metadata.tables[name].create(connection)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "datasets, versions and observations", _create_tables),
    Migration(2, "indexes for current values, diffs and lookups", _create_indexes),
    Migration(3, "accounts, sign-in failures, audit trail and background jobs", _create_access_tables),
)


def applied_versions(connection: Connection) -> list[int]:
    """The migrations recorded in the database, in order (none when the table does not exist yet)."""
    if not sa.inspect(connection).has_table(schema_migrations.name):
        return []
    rows = connection.execute(sa.select(schema_migrations.c.version).order_by(schema_migrations.c.version))
    return [int(version) for version in rows.scalars()]


def _pending(applied: list[int], migrations: tuple[Migration, ...], upto: int | None) -> list[Migration]:
    known = {m.version for m in migrations}
    unknown = sorted(set(applied) - known)
    if unknown:
        raise store_error("store_newer_schema", found=max(unknown), known=max(known))
    return [m for m in migrations if m.version not in applied and (upto is None or m.version <= upto)]


def migrate(
    engine: Engine, *, upto: int | None = None, migrations: tuple[Migration, ...] = MIGRATIONS, busy_timeout: float = BUSY_TIMEOUT
) -> list[int]:
    """Apply the pending migrations (up to version `upto`, all when None); return the versions applied now."""
    with read_transaction(engine) as connection:
        if not _pending(applied_versions(connection), migrations, upto):
            return []
    with write_transaction(engine, busy_timeout) as connection:
        schema_migrations.create(connection, checkfirst=True)
        done = []
        for migration in _pending(applied_versions(connection), migrations, upto):  # again: another process may have won
            migration.apply(connection)
            connection.execute(
                schema_migrations.insert().values(
                    version=migration.version, name=migration.name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
                )
            )
            done.append(migration.version)
        return done
