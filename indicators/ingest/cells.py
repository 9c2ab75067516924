"""What a cell means: blank or not, a number or not (vectorised over a column), and how to show it in a message."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.ingest.readers import MISSING_MARKERS, parse_number


def blank(cell: object) -> bool:
    """True for an empty cell or a missing marker ("..", "n/a")."""
    if cell is None:
        return True
    if isinstance(cell, float):
        return cell != cell  # NaN
    return isinstance(cell, str) and cell.strip().casefold() in MISSING_MARKERS


def blank_mask(cells: pd.Series | np.ndarray) -> np.ndarray:
    """`blank` for every cell, vectorised (empty strings and None are by far the most common)."""
    values = np.asarray(cells, dtype=object)
    if values.size == 0:
        return np.zeros(0, dtype=bool)
    empty = (values == "") | pd.isna(values)
    rest = ~empty
    if rest.any():
        candidates = values[rest]
        text = np.fromiter((isinstance(c, str) for c in candidates), dtype=bool, count=candidates.size)
        marked = np.zeros(candidates.size, dtype=bool)
        if text.any():
            marked[text] = [c.strip().casefold() in MISSING_MARKERS for c in candidates[text]]
        empty[rest] = marked
    return np.asarray(empty, dtype=bool)


def parse_numbers(cells: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(values, bad): `parse_number` of every cell, vectorised. values is NaN where a cell is missing or bad;
    bad is True where a cell holds text that is not a number (or a non-finite number, or a boolean)."""
    raw = np.asarray(cells, dtype=object)
    count = raw.size
    values = np.full(count, np.nan)
    bad = np.zeros(count, dtype=bool)
    if count == 0:
        return values, bad
    try:
        fast = pd.to_numeric(pd.Series(raw, dtype=object), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        fast = np.full(count, np.nan)
    booleans = np.fromiter((type(c) is bool for c in raw), dtype=bool, count=count)
    good = np.isfinite(fast) & ~booleans
    values[good] = fast[good]
    slow = np.flatnonzero(~good)
    cache: dict[object, float | None] = {}
    for position in slow:
        cell = raw[position]
        key: object = cell if isinstance(cell, (str, int, float)) and not isinstance(cell, bool) else id(cell)
        if key not in cache:
            try:
                cache[key] = parse_number(cell)
            except (ValueError, TypeError, OverflowError):
                cache[key] = np.inf  # marker for "bad"
        number = cache[key]
        if number is None:
            continue
        if number == np.inf:
            bad[position] = True
        else:
            values[position] = number
    return values, bad


def show(cell: object) -> str:
    """A cell as a person would read it in a message: text stripped, whole numbers without ".0"."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell).strip()
