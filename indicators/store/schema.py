"""The store's tables as they are after every migration has run, for building queries.

The tables are created and changed only by `indicators.store.migrations`; a test checks that a migrated database
has exactly these columns.

- `datasets`: one row per dataset key ("the same data", e.g. `undesa:EGOV_DATA_2022`).
- `versions`: one row per import or rollback that changed a dataset: who, when (UTC, ISO 8601 text), which file,
  its checksum, the counts of the change and the dataset's size after it.
- `observations`: every value ever stored, with its cell provenance (file, sheet, row, column). A value is written
  once, by the version in `version_id`, and is current until a later version of its dataset replaces or removes it
  (`removed_in_version`). Nothing is updated in place, so the state of a dataset at any version can be rebuilt and
  the diff of a version is the values it wrote against the values it retired.
- `accounts`: who may sign in, with a role (viewer, editor, admin) and an argon2 password hash; `session_epoch` grows
  when the password, role or state changes, which ends the account's open sessions.
- `sign_in_failures`: failed sign-ins (name, address, when), for the rate limit shared by every server process.
- `audit`: every change, who (name and role), when, from where (address) and what (action, target, detail, and
  the version it wrote); written in the same transaction as the change.
- `jobs` and `job_files`: web imports run in the background: the files, the datasets they hold (one job at a time
  per dataset), state, progress, the lease of the process running it, and the result.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# SQLite makes an INTEGER PRIMARY KEY the rowid; elsewhere the ids of values are 64-bit.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

datasets = sa.Table(
    "datasets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("entity_kind", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
)

versions = sa.Table(
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
    sqlite_autoincrement=True,
)

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("id", BigId, primary_key=True),
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

accounts = sa.Table(
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

sign_in_failures = sa.Table(
    "sign_in_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name_key", sa.Text, nullable=False),
    sa.Column("address", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),
)

audit = sa.Table(
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

jobs = sa.Table(
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
)

job_files = sa.Table(
    "job_files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("job_id", sa.Integer, sa.ForeignKey("jobs.id"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
)

STORE_TABLES = ("datasets", "versions", "observations")
