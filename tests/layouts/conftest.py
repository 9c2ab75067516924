"""Databases for the layout tests. Read-only tests share them for the session; a module that writes (or needs
more data) defines its own fixture of the same name."""

from __future__ import annotations

import pytest

from tests.conftest import partial_field_store, reference_files


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
