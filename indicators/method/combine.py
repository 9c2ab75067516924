"""One component's stages across the field: its value, capped, standardised and oriented, from one indicator or from a
combination of indicators (see `components` for how a file writes them). NaN means "no data" throughout.

    plain      x' = min(x, cap)                  s = d · z(x')                    d = −1 where lower is better, else +1
    fill       x  = fill where an entity has no x but has data for the sub-index (the entity is flagged)
    mean       x  = mean_j min(x_j, cap_j)        (every part needed, or over the parts present with `needs: any`; a
                                                  value of the component's own code wins)
    mean_z     s  = mean_j d_j · z(min(x_j, cap_j))   over the parts present; no x of its own

Without a `zscore` step, s = x' (directions and means of z-scores need the step: the file is refused otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indicators.method.components import Component, Part
from indicators.method.normalise import FloatArray, cap, zscore


@dataclass(frozen=True)
class PartStages:
    part: Part
    raw: FloatArray
    capped: FloatArray
    standardised: FloatArray  # d_j · z(min(x_j, cap_j)) for a mean of z-scores, else NaN


@dataclass(frozen=True)
class ComponentStages:
    raw: FloatArray
    capped: FloatArray
    standardised: FloatArray
    filled: np.ndarray  # bool per entity: the value is the component's `fill`, not data
    parts: tuple[PartStages, ...]


def _capped(values: FloatArray, limit: float | None, steps: tuple[str, ...]) -> FloatArray:
    return cap(values, limit) if limit is not None and "cap" in steps else values


def _standardised(values: FloatArray, sign: float, steps: tuple[str, ...]) -> FloatArray:
    return sign * zscore(values) if "zscore" in steps else values


def _mean_present(columns: list[FloatArray], every: bool) -> FloatArray:
    """Row-wise mean over the columns present (`every`: NaN unless all are present)."""
    stacked = np.column_stack(columns)
    present = ~np.isnan(stacked)
    count = present.sum(axis=1)
    total = np.where(present, stacked, 0.0).sum(axis=1)
    enough = count == stacked.shape[1] if every else count > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        result: FloatArray = np.where(enough, total / count, np.nan)
    return result


def component_stages(
    component: Component, column: dict[str, int], matrix: FloatArray, steps: tuple[str, ...], fillable: np.ndarray
) -> ComponentStages:
    """The stages of `component` for every entity (rows of `matrix`, whose columns are the input codes in `column`);
    a `fill` stands in only where `fillable` (an entity with other data for the sub-index: a fill never makes a
    sub-index out of nothing)."""
    nan = np.full(len(matrix), np.nan)
    parts: list[PartStages] = []
    combine = component.combine
    if combine is not None:
        for part in combine.parts:
            raw_part = matrix[:, column[part.code]]
            capped_part = _capped(raw_part, part.cap, steps)
            z_part = _standardised(capped_part, -1.0 if part.direction == "lower" else 1.0, steps) if combine.how == "mean_z" else nan
            parts.append(PartStages(part, raw_part, capped_part, z_part))
        if combine.how == "mean_z":
            standardised = _mean_present([p.standardised for p in parts], every=False)
            return ComponentStages(nan, nan, standardised, np.zeros(len(matrix), bool), tuple(parts))
        own = matrix[:, column[component.code]]
        raw = np.where(np.isnan(own), _mean_present([p.capped for p in parts], every=combine.needs == "all"), own)
    else:
        raw = matrix[:, column[component.code]]
    filled = np.isnan(raw) & fillable & (component.fill is not None)
    if component.fill is not None:
        raw = np.where(filled, component.fill, raw)
    capped = _capped(raw, component.cap, steps)
    return ComponentStages(raw, capped, _standardised(capped, component.sign, steps), filled, tuple(parts))
