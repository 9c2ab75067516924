"""Databases for the layout tests. Read-only tests share them for the session (`bundled`, `world`); a test that writes
gets a new store of its own (`fresh`); a module that needs more data defines its own fixture of the same name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import partial_field_store, reference_files
from tests.layouts.databases import use_pages, using
from tests.layouts.fields import synthetic_components


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new store: seeded with the bundled data (the whole world, every edition) when a page first opens it."""
    return str(tmp_path_factory.mktemp("layouts-bundled") / "egdi.sqlite")


@pytest.fixture(scope="session")
def partial_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with part of the field only: Cambodia every edition, ASEAN 2018–2024, national indicators."""
    database = str(tmp_path_factory.mktemp("layouts-partial") / "egdi.sqlite")
    partial_field_store(database).close()
    return database


@pytest.fixture(scope="session")
def world_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with every UN DESA reference file imported (all 193 countries, 2003–2022)."""
    files = reference_files()
    if not files:
        pytest.skip("UN DESA reference files not found (set EGDI_REFERENCE_DIR): the world views need them")
    from indicators.ingest.imports import import_files, open_seeded_store

    database = str(tmp_path_factory.mktemp("layouts-world") / "egdi.sqlite")
    store = open_seeded_store(database)
    _, landed = import_files([str(f) for f in files], store)
    store.close()
    assert landed
    return database


@pytest.fixture(scope="session")
def components_world_db(world_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The world store and a synthetic component field of the 193 countries (tests/layouts/fields.py)."""
    from indicators.ingest.imports import open_seeded_store

    database = tmp_path_factory.mktemp("layouts-components") / "egdi.sqlite"
    database.write_bytes(Path(world_db).read_bytes())
    store = open_seeded_store(str(database))
    store.import_tidy(synthetic_components(), dataset="long:components", kind="long", file_name="components.csv", checksum="c")
    store.close()
    return str(database)


@pytest.fixture
def bundled(bundled_db: str) -> Iterator[None]:
    """The pages read the shared bundled store during the test."""
    with using(bundled_db, use_pages):
        yield


@pytest.fixture
def world(world_db: str) -> Iterator[None]:
    """The pages read the shared world store during the test."""
    with using(world_db, use_pages):
        yield


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[None]:
    """The pages read a new store of the test's own (the bundled data only), for tests that write."""
    with using(str(tmp_path / "egdi.sqlite"), use_pages):
        yield


@pytest.fixture
def partial(partial_db: str) -> Iterator[None]:
    """The pages read the shared partial-field store during the test (no edition has all countries)."""
    with using(partial_db, use_pages):
        yield


@pytest.fixture
def partial_fresh(tmp_path: Path) -> Iterator[None]:
    """The pages read a new partial-field store of the test's own, for tests that write."""
    database = str(tmp_path / "egdi.sqlite")
    partial_field_store(database).close()
    with using(database, use_pages):
        yield


@pytest.fixture(autouse=True, scope="session")
def _outlook_on_request_only() -> None:
    """No background computation of the Outlook in these tests: a page sees the nowcast only where a test computed it
    (`outlook_ready.base(wait=True)`), so what it shows does not depend on a thread's timing."""
    from layouts.views import outlook_ready

    outlook_ready.compute_in_background(False)
