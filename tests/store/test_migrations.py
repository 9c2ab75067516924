"""Schema migrations: recorded once, idempotent, an older database is upgraded on open, a newer one is refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from indicators.store import StoreError
from indicators.store.database import create_engine, resolve_url
from indicators.store.migrations import MIGRATIONS, applied_versions, migrate
from indicators.store.schema import metadata, schema_migrations
from tests.store.builders import tidy

ALL = [m.version for m in MIGRATIONS]


def recorded(store) -> list[tuple[int, str]]:
    with store.engine.connect() as connection:
        return [(row.version, row.name) for row in connection.execute(sa.select(schema_migrations).order_by(schema_migrations.c.version))]


def index_names(engine, table: str) -> set[str]:
    with engine.connect() as connection:
        return {index["name"] for index in sa.inspect(connection).get_indexes(table)}


def test_the_migrations_are_numbered_in_order_from_one():
    assert list(range(1, len(MIGRATIONS) + 1)) == ALL
    assert len(MIGRATIONS) >= 2


def test_opening_twice_applies_each_migration_once(open_test_store):
    first = open_test_store()
    first.import_tidy(tidy([("KHM", 2022, "egdi", 0.5)]), dataset="d", kind="long", file_name="a.csv", checksum="a")
    assert recorded(first) == [(m.version, m.name) for m in MIGRATIONS]

    second = open_test_store()
    assert recorded(second) == [(m.version, m.name) for m in MIGRATIONS]
    assert migrate(second.engine) == []
    assert second.observations()["value"].tolist() == [0.5]


def test_a_migrated_database_has_exactly_the_tables_of_schema_py(store):
    with store.engine.connect() as connection:
        inspector = sa.inspect(connection)
        for table in metadata.sorted_tables:
            found = {column["name"]: column["nullable"] for column in inspector.get_columns(table.name)}
            assert found == {column.name: column.nullable for column in table.columns}, table.name


def test_a_database_made_by_the_first_migration_is_upgraded_on_open(backend, open_test_store):
    engine = create_engine(resolve_url(backend.url))
    try:
        assert migrate(engine, upto=1) == [1]
        with engine.connect() as connection:
            assert applied_versions(connection) == [1]
        assert "ix_observations_current" not in index_names(engine, "observations")
    finally:
        engine.dispose()

    store = open_test_store()

    assert [version for version, _ in recorded(store)] == ALL
    assert {"ix_observations_current", "ix_observations_version", "ix_observations_lookup"} <= index_names(store.engine, "observations")
    outcome = store.import_tidy(tidy([("KHM", 2022, "egdi", 0.5)]), dataset="d", kind="long", file_name="a.csv", checksum="a")
    assert outcome.added == 1


def test_a_database_from_a_newer_version_of_the_tool_is_refused(store, open_test_store):
    with store.engine.begin() as connection:
        connection.execute(schema_migrations.insert().values(version=999, name="from the future", applied_at="2099-01-01T00:00:00Z"))

    with pytest.raises(StoreError) as refused:
        open_test_store()
    assert refused.value.code == "store_newer_schema"
    assert "999" in str(refused.value) and str(len(MIGRATIONS)) in str(refused.value)


def test_a_failing_migration_leaves_nothing_behind(backend):
    engine = create_engine(resolve_url(backend.url))

    def broken(connection):
        connection.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("migration bug")

    try:
        with pytest.raises(RuntimeError):
            migrate(engine, migrations=(*MIGRATIONS, type(MIGRATIONS[0])(len(MIGRATIONS) + 1, "broken", broken)))
        with engine.connect() as connection:
            assert applied_versions(connection) == []
            assert not sa.inspect(connection).has_table("half_done")
            assert not sa.inspect(connection).has_table("observations")
    finally:
        engine.dispose()
