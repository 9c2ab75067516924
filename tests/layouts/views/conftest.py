"""The views read the layout tests' databases without Dash: the same fixtures, pointing the views only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
