"""What changes between two states of a dataset, computed with one pandas merge (never a query per row).

A dataset's content is a map `(entity, year, indicator) -> value`. Against the current state, a key of the new
state is *added* when it is new, *changed* when its value differs (exact float equality; two missing values are
equal), *unchanged* otherwise; a key of the current state missing from the new one is *removed*. Provenance (file,
sheet, row, column, source, flags) is not compared: an unchanged value keeps the provenance it was stored with.

A missing year is a key like any other: it is replaced by a sentinel before merging, since NULL never equals NULL.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

KEY = ["entity", "year", "indicator"]
NO_YEAR = -(2**62)  # stands for a missing year in merge keys
CHANGE_COLUMNS = ["change", "entity", "year", "indicator", "old_value", "new_value"]
CHANGE_ORDER = {"added": 0, "changed": 1, "removed": 2}


@dataclass(frozen=True)
class Comparison:
    """The change from `old` (rows with an `id`) to `new`: rows of `new` to write, ids of `old` to retire."""

    added: pd.DataFrame
    changed: pd.DataFrame
    changed_ids: list[int]
    removed_ids: list[int]
    unchanged: int
    merged: pd.DataFrame  # the outer merge of old and new on the key, with `_merge` saying where each key is

    @property
    def identical(self) -> bool:
        return self.added.empty and self.changed.empty and not self.removed_ids

    @property
    def written(self) -> pd.DataFrame:
        """The rows of the new state to store: added and changed."""
        return pd.concat([self.added, self.changed], ignore_index=True) if not self.changed.empty else self.added

    @property
    def retired_ids(self) -> list[int]:
        """The ids of the old rows the new state replaces or removes."""
        return self.changed_ids + self.removed_ids

    def changes(self) -> pd.DataFrame:
        """One row per added, changed or removed key: CHANGE_COLUMNS, in reading order."""
        merged = self.merged
        old_value = merged["value_old"].to_numpy(dtype=float)
        new_value = merged["value_new"].to_numpy(dtype=float)
        where = merged["_merge"].to_numpy()
        same = (where == "both") & ((old_value == new_value) | (np.isnan(old_value) & np.isnan(new_value)))
        rows = merged[~same]
        status = rows["_merge"].to_numpy()
        year = pd.Series(rows["_year"].to_numpy(), dtype="Int64")
        table = pd.DataFrame(
            {
                "change": np.where(status == "right_only", "added", np.where(status == "left_only", "removed", "changed")),
                "entity": rows["entity"].to_numpy(dtype=object),
                "year": year.mask(year == NO_YEAR),
                "indicator": rows["indicator"].to_numpy(dtype=object),
                "old_value": rows["value_old"].to_numpy(dtype=float),
                "new_value": rows["value_new"].to_numpy(dtype=float),
            },
            columns=CHANGE_COLUMNS,
        )
        return sort_changes(table)


def as_int(series: pd.Series) -> pd.Series:
    """A column of whole numbers with missing values, whatever the database driver returned."""
    if series.dtype == "Int64":
        return series
    return pd.to_numeric(series, errors="raise").astype("Int64")


def _keyed(frame: pd.DataFrame, position: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            position: np.arange(len(frame)),
            "entity": frame["entity"].to_numpy(dtype=object),
            "_year": as_int(frame["year"]).fillna(NO_YEAR).to_numpy(dtype=np.int64),
            "indicator": frame["indicator"].to_numpy(dtype=object),
            "value": frame["value"].to_numpy(dtype=float),
        }
    )


def compare(old: pd.DataFrame, new: pd.DataFrame) -> Comparison:
    """Compare the current rows `old` (columns `id` + KEY + `value`) with the rows `new` (KEY + `value` + any)."""
    old = old.reset_index(drop=True)
    new = new.reset_index(drop=True)
    merged = _keyed(old, "_old").merge(
        _keyed(new, "_new"), on=["entity", "_year", "indicator"], how="outer", suffixes=("_old", "_new"), indicator=True, sort=False
    )
    where = merged["_merge"].to_numpy()
    old_value = merged["value_old"].to_numpy(dtype=float)
    new_value = merged["value_new"].to_numpy(dtype=float)
    same = (old_value == new_value) | (np.isnan(old_value) & np.isnan(new_value))
    both = where == "both"
    is_added = where == "right_only"
    is_changed = both & ~same
    is_removed = where == "left_only"

    def new_rows(mask: np.ndarray) -> pd.DataFrame:
        rows: pd.DataFrame = new.iloc[merged.loc[mask, "_new"].to_numpy(dtype=np.int64)]
        return rows.reset_index(drop=True)

    def old_ids(mask: np.ndarray) -> list[int]:
        positions = merged.loc[mask, "_old"].to_numpy(dtype=np.int64)
        return [int(i) for i in old["id"].to_numpy()[positions]]

    return Comparison(
        added=new_rows(is_added),
        changed=new_rows(is_changed),
        changed_ids=old_ids(is_changed),
        removed_ids=old_ids(is_removed),
        unchanged=int((both & same).sum()),
        merged=merged,
    )


def sort_changes(table: pd.DataFrame) -> pd.DataFrame:
    """Changes in reading order: added, changed, removed; then entity, indicator, year."""
    order = table["change"].map(CHANGE_ORDER)
    ordered = table.assign(_order=order).sort_values(["_order", "entity", "indicator", "year"], kind="stable", na_position="first")
    return ordered.drop(columns="_order").reset_index(drop=True)
