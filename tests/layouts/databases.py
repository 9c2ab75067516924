"""Pointing the views (and pages) at a test database. Their caches are keyed on the store version, which two databases
share, so what was cached for the previous database is forgotten."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from layouts.views import (
    about_data,
    compare,
    method_backtest,
    method_split,
    outlook_ready,
    province_profile,
    provinces,
    reports,
    simulator,
    simulator_scenarios,
    snapshot,
    targets,
    trends,
)

CACHING_VIEWS = (about_data, compare, method_backtest, method_split, outlook_ready, province_profile, provinces, reports)
CACHING_VIEWS += (simulator, simulator_scenarios, targets, trends)


def use_views(database: str | None) -> None:
    snapshot.configure(database)
    for view in CACHING_VIEWS:
        view.clear_caches()


def use_pages(database: str | None) -> None:
    """The views and the pages (import the app first: pages register themselves with it)."""
    from layouts.pages import compare as compare_page
    from layouts.pages import methodology, outlook, overview
    from layouts.pages import provinces as provinces_page
    from layouts.pages import targets as targets_page

    use_views(database)
    overview.clear_caches()
    compare_page.clear_caches()
    provinces_page.clear_caches()
    targets_page.clear_caches()
    methodology.clear_caches()
    outlook.clear_caches()


@contextmanager
def using(database: str | None, use: Callable[[str | None], None] = use_views) -> Iterator[None]:
    """`database` during the block (its store closed after it), then the previous one again."""
    previous = snapshot._database_url
    use(database)
    yield
    snapshot.store().close()
    use(previous)
