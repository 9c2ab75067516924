"""Aggregators: weighted means that never impute missing data."""

from __future__ import annotations

import numpy as np

from indicators.method.normalise import FloatArray


def weighted_mean(values: FloatArray, weights: FloatArray, min_weight_share: float) -> tuple[FloatArray, FloatArray]:
    """Row-wise weighted mean over the components present, and the share of weight present.

    composite_i = Σ_k w_k·x_ik / Σ_k w_k  over the k where x_ik is present;
    share_i = Σ_{k present} w_k / Σ_k w_k.  composite_i is NaN when share_i < min_weight_share.
    With every component present this is the plain weighted sum (the weights sum to 1).
    """
    present = ~np.isnan(values)
    present_weight = present @ weights
    share = present_weight / weights.sum()
    weighted = np.where(present, values, 0.0) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        composite = weighted / present_weight
    enough = (share >= min_weight_share - 1e-12) & (present_weight > 0)
    return np.where(enough, composite, np.nan), share
