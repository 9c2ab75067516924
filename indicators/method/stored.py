"""The store's data through the method: the published results as a table, and the stored component data scored."""

from __future__ import annotations

import pandas as pd

from indicators.entities import load_register
from indicators.method.methodology import load_methodology
from indicators.method.results import published_table
from indicators.method.scoring import RESULT_COLUMNS, score
from indicators.store import Store
from indicators.tidy import latest_values


def stored_published(store: Store, edition: int | None = None) -> pd.DataFrame:
    """The `published` table (as the `published` command writes it) from the published results in the store."""
    stored = store.observations(kinds=["published"])
    if edition is not None:
        stored = stored[stored["year"] == edition]
    return published_table(stored)


def stored_scores(store: Store, edition: int) -> pd.DataFrame:
    """Score the component data in the store with edition `edition`'s method (each entity's latest values up to
    that year). Empty when no component data is stored."""
    method = load_methodology(edition)
    stored = store.observations(indicators=list(method.input_codes()))
    stored = stored[stored["entity"].isin(load_register(method.entity_kind).codes)]
    data = latest_values(stored[["entity", "year", "indicator", "value"]], edition)
    if data.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    return score(data, method).entities[RESULT_COLUMNS]
