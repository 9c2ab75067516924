"""The one data shape every loader returns: long rows of `entity, year, indicator, value, source`.

Optional provenance columns travel with the values: `sheet`, `row`, `column` (as a person sees them in Excel)
and `flags` (semicolon-separated codes such as `source_anomaly`).
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
