"""The store's data through the method: the published results as a table, the component data with its releases, and the
stored component data scored."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from indicators.entities import load_countries
from indicators.method.field import score_field
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


def stored_scores(store: Store, edition: int) -> pd.DataFrame:
    """Score the component data in the store with edition `edition`'s method: every country's values as the edition reads
    them (its data year), national values in place of the international series' (flagged `<sub>_national`; see
    field.score_field). Empty when no component data is stored."""
    method = load_methodology(edition)
    values = stored_components(store, method.input_codes())
    if values.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return score_field(values, method, national=True).scores


def stored_components(store: Store, codes: Sequence[str] | None = None) -> pd.DataFrame:
    """The component data of the UN Member States in the store, every release of every value (`vintages.RELEASE_COLUMNS`:
    when it came out and whether it is national), for `vintages.choose_releases` and `published_by`; `codes`: these
    indicators only (default: every input of every edition's method)."""
    wanted = list(codes) if codes is not None else sorted({c for e in available_editions() for c in load_methodology(e).input_codes()})
    stored = store.observations(indicators=wanted, entities=load_countries().codes, resolve=False)
    return released_values(stored, store.versions())
