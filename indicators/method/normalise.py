"""Normalisers of the UN DESA method, on float arrays where NaN means "no data".

Each works column by column on a 2-D array (entities × components) or on a 1-D array, and ignores NaN.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def cap(values: FloatArray, limits: FloatArray | float) -> FloatArray:
    """x' = min(x, cap); a limit of +inf leaves its column as it is; NaN stays NaN."""
    return np.minimum(values, limits)


def zscore(values: FloatArray) -> FloatArray:
    """z = (x − mean) / sd per column, over the entities that have data (population sd, ddof = 0).

    A column whose values are all equal has sd 0: every z is 0 there (it tells no entity apart).
    The choice of ddof scales every column by the same factor, so it cannot change a min-max result.
    """
    count = np.sum(~np.isnan(values), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nansum(values, axis=0) / count
        centred = values - mean
        sd = np.sqrt(np.nansum(centred * centred, axis=0) / count)
        return np.where(sd > 0, centred / np.where(sd > 0, sd, 1.0), np.where(np.isnan(values), np.nan, 0.0))


def minmax(values: FloatArray) -> FloatArray:
    """x' = (x − min) / (max − min) over the entities that have data, so the field spans [0, 1].

    With no spread (max = min, e.g. a single entity) the result is NaN: there is nothing to normalise against.
    """
    present = ~np.isnan(values)
    if not present.any():
        return np.full_like(values, np.nan)
    low, high = np.nanmin(values, axis=0), np.nanmax(values, axis=0)
    spread = high - low
    with np.errstate(invalid="ignore", divide="ignore"):
        result = (values - low) / np.where(spread > 0, spread, np.nan)
    clipped: FloatArray = np.clip(result, 0.0, 1.0)
    return clipped
