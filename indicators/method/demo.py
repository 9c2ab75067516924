"""The FICTIONAL demonstration data of the Provinces page (data/demo/, built by scripts/build_demo_provinces.py).

It is never written into the store. `indicators.method.provinces.province_data` shows it only while the store holds no
portal assessment at all (and its panel values only while the store holds no provincial panel value), so it is never
mixed with real data of the same kind; every row it gives carries the `fictional` flag and a source text that begins
with FICTIONAL, and the page labels it.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from indicators.ingest.loaders import load_file
from indicators.ingest.result import LoadResult
from indicators.paths import DATA_DIR
from indicators.tidy import FICTIONAL_FLAG

DEMO_DIR = DATA_DIR / "demo"
ANSWER_FILES = ("FICTIONAL-portal-assessment-2023.csv", "FICTIONAL-portal-assessment-2025.csv")
PANEL_FILE = "FICTIONAL-provincial-panels.csv"
DATASET = "demo:FICTIONAL-provinces"


def _load(name: str) -> pd.DataFrame:
    loaded: LoadResult = load_file(DEMO_DIR / name, entity_kind="province")
    if not loaded.ok:  # a programmer error: the bundled files are built by a script and tested
        raise ValueError(f"data/demo/{name} does not load: {[issue.message for issue in loaded.issues]}")
    return loaded.tidy.assign(flags=FICTIONAL_FLAG, dataset=DATASET)


@lru_cache(maxsize=1)
def demo_answers() -> pd.DataFrame:
    """The fictional portal assessment answers (two years), as tidy rows flagged `fictional`."""
    return pd.concat([_load(name) for name in ANSWER_FILES], ignore_index=True)


@lru_cache(maxsize=1)
def demo_observations() -> pd.DataFrame:
    """The fictional provincial panel values, as tidy rows flagged `fictional`."""
    return _load(PANEL_FILE)
