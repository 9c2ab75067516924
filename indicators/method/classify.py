"""Rank, EGDI group and rating class of every entity, from its EGDI."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.method.methodology import GroupLevel
from indicators.method.normalise import FloatArray


def rank_descending(values: FloatArray) -> FloatArray:
    """rank_i = 1 + #{j : x_j > x_i}: rank 1 for the highest value, equal values share the better rank; NaN stays unranked."""
    present = np.sort(values[~np.isnan(values)])
    higher = len(present) - np.searchsorted(present, values, side="right")
    return np.where(np.isnan(values), np.nan, higher + 1.0)


def group_index(egdi: FloatArray, levels: tuple[GroupLevel, ...]) -> FloatArray:
    """Index of the group each EGDI falls in: the first level with EGDI > its `above` (last: no bound)."""
    result = np.full(egdi.shape, np.nan)
    unassigned = ~np.isnan(egdi)
    for i, level in enumerate(levels):
        hit = unassigned if level.above is None else unassigned & (egdi > level.above)
        result[hit] = i
        unassigned &= ~hit
    return result


def class_index(egdi: FloatArray, groups: FloatArray, n_groups: int) -> FloatArray:
    """Rating class within each group by quartile of the group's EGDI values, 0 = best.

    With q1 ≤ q2 ≤ q3 the group's quartiles (linear interpolation): class 0 if EGDI > q3, 1 if q2 < EGDI ≤ q3,
    2 if q1 < EGDI ≤ q2, 3 if EGDI ≤ q1.
    """
    result = np.full(egdi.shape, np.nan)
    for g in range(n_groups):
        members = groups == g
        if not members.any():
            continue
        quartiles = np.quantile(egdi[members], [0.25, 0.5, 0.75])
        above = np.searchsorted(quartiles, egdi[members], side="left")
        result[members] = 3 - above
    return result


TIE_DECIMALS = 12


def classify(egdi: FloatArray, levels: tuple[GroupLevel, ...]) -> dict[str, object]:
    """rank, group (label) and rating_class for each EGDI, in input order; missing EGDI gives missing values.

    EGDI values are compared at 12 decimals, so values equal in exact arithmetic but apart by floating-point
    noise (~1e-16) are equal, as the rule "equal EGDI share the better rank" intends.
    """
    egdi = np.round(egdi, TIE_DECIMALS)
    groups = group_index(egdi, levels)
    classes = class_index(egdi, groups, len(levels))
    labels = np.array([lv.label for lv in levels] + [None], dtype=object)
    class_codes = np.array([c for lv in levels for c in lv.classes] + [None], dtype=object)
    valid = ~np.isnan(groups)
    group_pos = np.where(valid, groups, len(levels)).astype(int)
    class_pos = np.where(valid, groups * 4 + classes, len(class_codes) - 1).astype(int)
    return {
        "rank": pd.Series(rank_descending(egdi)).astype("Int64").array,
        "group": labels[group_pos],
        "rating_class": class_codes[class_pos],
    }
