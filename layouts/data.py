"""What the pages show: read from the store once per store version, shaped once, cached.

A world rank or a rating class is only meaningful against the whole field: for an edition with fewer than
`WORLD_MINIMUM` countries stored (e.g. only the bundled Cambodia and ASEAN rows), the world rank is the
published one and the rating class is left empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from indicators.entities import load_countries
from indicators.ingest import open_seeded_store, stored_published
from indicators.methodology import load_methodology
from indicators.store import Store

WORLD_MINIMUM = 190  # the UN assessed 191–193 countries in every edition
VIEW_COLUMNS = [
    "edition",
    "iso3",
    "country",
    "egdi",
    "osi",
    "tii",
    "hci",
    "epi",
    "world_rank",
    "asean_rank",
    "group",
    "rating_class",
    "complete",
]

_database_url: str | None = None


def configure(database_url: str | None) -> None:
    """Use this database (None: $EGDI_DATABASE_URL, else the default file)."""
    global _database_url
    _database_url = database_url
    _store.cache_clear()


@lru_cache(maxsize=1)
def _store() -> Store:
    return open_seeded_store(_database_url)


def store() -> Store:
    return _store()


@dataclass(frozen=True)
class Snapshot:
    """The store's content as the pages use it, for one store version."""

    version: int
    published: pd.DataFrame  # VIEW_COLUMNS, one row per edition and country
    observations: pd.DataFrame  # component indicators with provenance (entity, year, indicator, value, source, ...)

    @property
    def world_editions(self) -> list[int]:
        complete = self.published[self.published["complete"]]
        return sorted(complete["edition"].unique().tolist())

    @property
    def editions(self) -> list[int]:
        return sorted(self.published["edition"].unique().tolist())

    def history(self, iso3: str) -> pd.DataFrame:
        rows = self.published[self.published["iso3"] == iso3]
        return rows.sort_values("edition").reset_index(drop=True)

    def edition(self, edition: int) -> pd.DataFrame:
        return self.published[self.published["edition"] == edition].sort_values("egdi", ascending=False).reset_index(drop=True)


def _view(published: pd.DataFrame) -> pd.DataFrame:
    """Add world_rank, asean_rank and completeness to the `published` table (see the module docstring)."""
    if published.empty:
        return pd.DataFrame(columns=VIEW_COLUMNS)
    countries = load_countries().table
    asean = set(countries.index[countries["asean"]])
    sizes = published.groupby("edition")["iso3"].transform("size")
    view = published.assign(complete=sizes >= WORLD_MINIMUM)
    view["world_rank"] = view["rank"].where(view["complete"], view["rank_published"]).astype("Int64")
    view["rating_class"] = view["rating_class"].where(view["complete"], None)
    in_asean = view["iso3"].isin(asean)
    members_present = view[in_asean].groupby("edition")["iso3"].transform("size")
    asean_rank = view[in_asean].groupby("edition")["egdi"].rank(ascending=False, method="min")
    view["asean_rank"] = asean_rank.where(members_present == len(asean)).reindex(view.index).astype("Int64")
    return view[VIEW_COLUMNS].reset_index(drop=True)


@lru_cache(maxsize=4)
def _snapshot(version: int) -> Snapshot:
    current = store()
    component_codes = sorted({code for e in (2014, 2024) for code in load_methodology(e).input_codes()})
    return Snapshot(version, _view(stored_published(current)), current.observations(indicators=component_codes))


def snapshot() -> Snapshot:
    """The current snapshot; rebuilt only when a new version has landed in the store."""
    versions = store().versions()
    return _snapshot(int(versions["version_id"].max()) if not versions.empty else 0)
