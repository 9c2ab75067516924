"""The one data shape every loader returns: long rows of `entity, year, indicator, value, source`.

Optional provenance columns travel with the values: `sheet`, `row`, `column` (as a person sees them in Excel)
and `flags` (semicolon-separated codes such as `source_anomaly`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.ingest.issues import Issue, has_errors

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


@dataclass(frozen=True)
class LoadResult:
    """What a loader returns: tidy rows with provenance, every problem found, and the file's checksum.
    When any problem is an error, `tidy` is empty: a refused file contributes nothing.
    `format` names the layout read (published, template, long, wide); `entity_kind` the register used
    (country or province; empty when entities were kept as written)."""

    tidy: pd.DataFrame
    issues: list[Issue]
    file: str = ""
    checksum: str = ""
    format: str = ""
    entity_kind: str = ""

    @property
    def ok(self) -> bool:
        return not has_errors(self.issues)
