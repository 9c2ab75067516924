"""The store's data through the method: the published results as a table, the component data with its releases, and the
stored component data scored."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import pandas as pd

from indicators.entities import load_countries
from indicators.method.field import Field, score_field
from indicators.method.methodology import available_editions, load_methodology
from indicators.method.results import published_table
from indicators.method.scoring import RESULT_COLUMNS
from indicators.method.vintages import released_values
from indicators.store import Store


def stored_published(store: Store, edition: int | None = None) -> pd.DataFrame:
    """The `published` table (as the `published` command writes it) from the published results in the store."""
    stored = store.observations(kinds=["published"])
    if edition is not None:
        stored = stored[stored["year"] == edition]
    return published_table(stored)


def stored_field(store: Store, edition: int, national: bool = True) -> Field:
    """The field edition `edition`'s method scores from the component data in the store: every country's values as the
    edition reads them (its data year; each series from the release out by the end of the edition's year, else the
    earliest held, as the back-test reads it), with `national` the national values in place of the international
    series' of their years (`Field.inputs['national']`, flags `<sub>_national`), and the stored published OSI and EPI
    of the edition for the raw scores the UN does not publish (flags `<sub>_published`; see field.score_field). What
    the Simulator's components mode re-scores. Kept for the store's latest version (see `stored_components`)."""
    return _field(store, latest_version(store), edition, national)


@lru_cache(maxsize=16)
def _field(store: Store, version: int, edition: int, national: bool) -> Field:
    method = load_methodology(edition)
    values = stored_components(store, method.input_codes())
    return score_field(values, method, national=national, as_of=edition, published=stored_published(store, edition))


def stored_scores(store: Store, edition: int) -> pd.DataFrame:
    """The scores of `stored_field` (RESULT_COLUMNS); empty when no component data is stored."""
    scores = stored_field(store, edition).scores
    return scores if not scores.empty else pd.DataFrame(columns=RESULT_COLUMNS)


def latest_version(store: Store) -> int:
    """The store's newest version id (0 when empty): every write makes a new one, so what is read at a version never
    changes and can be kept."""
    versions = store.versions()
    return int(versions["version_id"].max()) if not versions.empty else 0


def stored_components(store: Store, codes: Sequence[str] | None = None) -> pd.DataFrame:
    """The component data of the UN Member States in the store, every release of every value (`vintages.RELEASE_COLUMNS`:
    when it came out and whether it is national), for `vintages.choose_releases` and `published_by`; `codes`: these
    indicators only (default: every input of every edition's method). Read once per store version: callers must not
    change the frame in place."""
    every = _components(store, latest_version(store))
    return every if codes is None else every[every["indicator"].isin(list(codes))]


@lru_cache(maxsize=1)  # the latest version only: the frame of every release of every component is large
def _components(store: Store, version: int) -> pd.DataFrame:
    codes = sorted({c for e in available_editions() for c in load_methodology(e).input_codes()})
    stored = store.observations(indicators=codes, entities=load_countries().codes, resolve=False)
    return released_values(stored, store.versions())
