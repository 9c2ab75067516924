"""Data the pages show, read once through the core and cached (the inputs are files that do not change while running)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from indicators.paths import DATA_DIR
from indicators.published import published_table, read_published

BUNDLED_PUBLISHED = DATA_DIR / "published" / "undesa-cambodia-asean.csv"


@lru_cache(maxsize=1)
def bundled_published() -> pd.DataFrame:
    """The bundled published results (Cambodia every edition, ASEAN 2018–2024) as the `published` table."""
    result = read_published(str(BUNDLED_PUBLISHED))
    if not result.ok:
        raise RuntimeError(f"bundled data {BUNDLED_PUBLISHED} is invalid: {[i.message for i in result.issues]}")
    return published_table(result.tidy)


def entity_history(iso3: str) -> pd.DataFrame:
    table = bundled_published()
    return table[table["iso3"] == iso3].sort_values("edition").reset_index(drop=True)
