"""The one data shape every loader returns: long rows of `entity, year, indicator, value, source`.

Optional provenance columns travel with the values: `sheet`, `row`, `column` (as a person sees them in Excel)
and `flags` (semicolon-separated codes such as `source_anomaly`, or `fictional` for demonstration data, whose source
text also begins with FICTIONAL: see `fictional_mask`).
"""

from __future__ import annotations

import pandas as pd

TIDY_COLUMNS = ["entity", "year", "indicator", "value", "source"]
PROVENANCE_COLUMNS = ["sheet", "row", "column", "flags"]


def empty_tidy() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "entity": pd.Series(dtype=object),
            "year": pd.Series(dtype="Int64"),
            "indicator": pd.Series(dtype=object),
            "value": pd.Series(dtype=float),
            "source": pd.Series(dtype=object),
        }
    )


def latest_values(tidy: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """One row per (entity, indicator): the latest year up to `year` (all years when None).

    The Survey uses each country's latest available data; rows without a year count as current.
    """
    if "year" not in tidy.columns:
        return tidy
    years = tidy["year"]
    selected = tidy if year is None else tidy[years.isna() | (years <= year)]
    order = selected.sort_values("year", na_position="last", kind="stable")
    return order.drop_duplicates(["entity", "indicator"], keep="last").sort_index()


FICTIONAL_FLAG = "fictional"
FICTIONAL_PREFIX = "FICTIONAL"  # how the source text of demonstration data begins


def fictional_mask(tidy: pd.DataFrame) -> pd.Series:
    """True for rows of demonstration data: flagged `fictional`, or with a source text that begins with FICTIONAL."""
    flags = tidy["flags"] if "flags" in tidy.columns else pd.Series("", index=tidy.index)
    sources = tidy["source"] if "source" in tidy.columns else pd.Series("", index=tidy.index)
    flagged = flags.fillna("").astype(str).str.split(";").map(lambda codes: FICTIONAL_FLAG in codes).astype(bool)
    labelled = sources.fillna("").astype(str).str.startswith(FICTIONAL_PREFIX)
    return flagged | labelled
