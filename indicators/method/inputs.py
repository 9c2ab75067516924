"""The component data an edition reads: for every entity and input code, the latest value the edition's data year
allows.

The Survey of year N is fed by data of an earlier year (its `data_year`, e.g. 2022 for the 2024 Survey; a component can
state its own). An entity's value for a code is its latest with `year <= data year` (and `<= until` when replaying the
past: data known by then), however old; rows without a year count as current. No value is interpolated or carried
across codes.
"""

from __future__ import annotations

import pandas as pd

from indicators.method.methodology import Methodology

INPUT_COLUMNS = ["entity", "indicator", "value", "year"]


def data_year(methodology: Methodology, code: str, data_from: Methodology | None = None) -> int:
    """The data year for `code`: `data_from`'s (default: `methodology`'s own) year for the codes it reads, else the
    file year of `data_from` (so a method can be fed the data of another edition, see split)."""
    source = data_from or methodology
    if code in source.input_codes():
        return source.data_year_of(code)
    return source.data_year if source.data_year is not None else source.edition


def method_inputs(
    tidy: pd.DataFrame, methodology: Methodology, until: int | None = None, data_from: Methodology | None = None
) -> pd.DataFrame:
    """One row per (entity, input code of `methodology`): the latest value with year <= its data year (and <= `until`).
    `tidy` has entity, indicator, value and year (and any other columns, e.g. source, which are kept)."""
    codes = list(methodology.input_codes())
    rows = tidy[tidy["indicator"].isin(codes)]
    limit = rows["indicator"].map({code: data_year(methodology, code, data_from) for code in codes})
    if until is not None:
        limit = limit.clip(upper=until)
    years = rows["year"]
    chosen = rows[years.isna() | (years <= limit)]
    latest = chosen.sort_values("year", na_position="last", kind="stable").drop_duplicates(["entity", "indicator"], keep="last")
    columns = [*INPUT_COLUMNS, *[c for c in tidy.columns if c not in INPUT_COLUMNS]]
    return latest.sort_values(["entity", "indicator"], kind="stable").reset_index(drop=True)[columns]
