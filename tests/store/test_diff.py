"""The pure comparison behind every import, rollback and diff: keys with and without a year, exact values."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.store.diff import compare


def frame(rows, with_ids: bool = False) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["entity", "year", "indicator", "value"]).astype({"year": "Int64", "value": float})
    if with_ids:
        table.insert(0, "id", range(100, 100 + len(table)))
    return table


def test_each_key_is_added_changed_removed_or_unchanged():
    old = frame([("A", 2020, "x", 1.0), ("A", None, "x", 2.0), ("B", 2020, "x", 3.0), ("C", None, "y", np.nan)], with_ids=True)
    new = frame([("A", 2020, "x", 1.0), ("A", None, "x", 2.5), ("D", None, "x", 4.0), ("C", None, "y", np.nan)])

    result = compare(old, new)

    assert result.added[["entity", "value"]].values.tolist() == [["D", 4.0]]
    assert result.changed[["entity", "value"]].values.tolist() == [["A", 2.5]]
    assert result.changed_ids == [101] and result.removed_ids == [102] and result.retired_ids == [101, 102]
    assert result.unchanged == 2  # two missing values are equal
    assert not result.identical
    table = result.changes()
    assert table["change"].tolist() == ["added", "changed", "removed"]
    assert table["year"].isna().tolist() == [True, True, False]


def test_the_same_content_in_another_order_is_identical():
    old = frame([("A", 2020, "x", 1.0), ("B", None, "x", 2.0)], with_ids=True)
    result = compare(old, frame([("B", None, "x", 2.0), ("A", 2020, "x", 1.0)]))
    assert result.identical and result.unchanged == 2 and result.changes().empty


def test_a_year_is_not_the_same_key_as_no_year():
    old = frame([("A", 2020, "x", 1.0)], with_ids=True)
    result = compare(old, frame([("A", None, "x", 1.0)]))
    assert (len(result.added), len(result.changed), len(result.removed_ids)) == (1, 0, 1)


def test_exact_float_equality():
    old = frame([("A", 2020, "x", 0.1 + 0.2)], with_ids=True)
    assert len(compare(old, frame([("A", 2020, "x", 0.3)])).changed) == 1
    assert compare(old, frame([("A", 2020, "x", 0.1 + 0.2)])).identical
