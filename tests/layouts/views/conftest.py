"""The views read the layout tests' databases without Dash: the same fixtures, pointing the views only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import partial_field_store
from tests.layouts.databases import use_views, using


@pytest.fixture
def bundled(bundled_db: str) -> Iterator[None]:
    with using(bundled_db, use_views):
        yield


@pytest.fixture
def world(world_db: str) -> Iterator[None]:
    with using(world_db, use_views):
        yield


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[None]:
    with using(str(tmp_path / "egdi.sqlite"), use_views):
        yield


@pytest.fixture
def components_world(components_world_db: str, tmp_path: Path) -> Iterator[None]:
    """A copy of the world store with a component field, for one test (what it saves stays in its copy)."""
    copy = tmp_path / "egdi.sqlite"
    copy.write_bytes(Path(components_world_db).read_bytes())
    with using(str(copy), use_views):
        yield


@pytest.fixture
def partial(partial_db: str) -> Iterator[None]:
    """Part of the field only (Cambodia every edition, ASEAN 2018–2024): no edition has all countries."""
    with using(partial_db, use_views):
        yield


@pytest.fixture
def partial_fresh(tmp_path: Path) -> Iterator[None]:
    """A new partial-field store of the test's own, for tests that write."""
    database = str(tmp_path / "egdi.sqlite")
    partial_field_store(database).close()
    with using(database, use_views):
        yield
