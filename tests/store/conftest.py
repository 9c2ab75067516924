"""Store fixtures: every store test runs on SQLite (a fresh file) and, when EGDI_TEST_POSTGRES_URL names a server
(see scripts/test-postgres.sh), on PostgreSQL in a fresh schema that is dropped afterwards."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from indicators.store import Store, open_store
from indicators.store.database import resolve_url
from indicators.store.schema import metadata
from tests.store.schemas import fresh_schema

POSTGRES_ENV = "EGDI_TEST_POSTGRES_URL"
POSTGRES_SKIP = "EGDI_TEST_POSTGRES_URL not set: PostgreSQL tests need a server"


@dataclass(frozen=True)
class Backend:
    name: str  # "sqlite" or "postgresql"
    url: str  # what open_store takes: a file path for SQLite, a URL for PostgreSQL


def postgres_base_url() -> sa.URL:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(POSTGRES_SKIP)
    return resolve_url(url)


def fresh_postgres_schema() -> AbstractContextManager[str]:
    """A new, empty schema on the test server (tests.store.schemas.fresh_schema)."""
    return fresh_schema(postgres_base_url(), "egdi_test")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        yield Backend("sqlite", str(tmp_path / "store.sqlite"))
        return
    with fresh_postgres_schema() as url:
        yield Backend("postgresql", url)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL schema only (for tests about PostgreSQL itself)."""
    with fresh_postgres_schema() as url:
        yield url


@pytest.fixture
def open_test_store(backend: Backend) -> Iterator[Callable[..., Store]]:
    """Opens stores on the test's database (keyword arguments go to open_store) and closes them afterwards."""
    opened: list[Store] = []

    def opener(**options: object) -> Store:
        store = open_store(backend.url, **options)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(open_test_store: Callable[..., Store]) -> Store:
    return open_test_store()


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the store, in primary-key order: two equal dumps mean an unchanged store."""
    with store.engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(sa.select(table).order_by(*table.primary_key.columns))]
            for table in metadata.sorted_tables
        }
