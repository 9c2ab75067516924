"""Tidy frames for the store tests, shared by the tests and by the worker processes they start."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.ingest.long_format import LONG_COLUMNS


def tidy(
    rows: list[tuple[str, int | None, str, float]], *, source: str = "test", sheet: str = "Sheet1", first_row: int = 2
) -> pd.DataFrame:
    """A tidy frame (LONG_COLUMNS) from (entity, year, indicator, value) rows; row i sits in Excel row first_row + i,
    column 'Value'."""
    frame = pd.DataFrame(rows, columns=["entity", "year", "indicator", "value"])
    frame = frame.astype({"year": "Int64", "value": float})
    frame["source"] = source
    frame["sheet"] = sheet
    frame["row"] = pd.array(range(first_row, first_row + len(rows)), dtype="Int64")
    frame["column"] = "Value"
    frame["flags"] = ""
    return frame[LONG_COLUMNS]


def big_tidy(size: int, seed: int = 0, indicator: str = "egdi") -> pd.DataFrame:
    """`size` distinct values: 500 entities x years from 1900, random values from `seed`."""
    rng = np.random.default_rng(seed)
    positions = np.arange(size)
    frame = pd.DataFrame(
        {
            "entity": [f"E{i:03d}" for i in positions % 500],
            "year": pd.array(1900 + positions // 500, dtype="Int64"),
            "indicator": indicator,
            "value": rng.random(size),
            "source": "generated",
            "sheet": "Data",
            "row": pd.array(positions + 2, dtype="Int64"),
            "column": "Value",
            "flags": "",
        }
    )
    return frame[LONG_COLUMNS]
