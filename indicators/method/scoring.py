"""Score a field of entities with one edition's methodology, keeping every stage.

For each sub-index S with components k, weights w_k, optional caps c_k and directions d_k (−1: lower is better):

    capped_k       = min(x_k, c_k)                               (only where the form has a `cap` step)
    standardised_k = d_k · (capped_k − mean_k) / sd_k            (only where the form has a `zscore` step)
    composite      = Σ_k w_k·standardised_k / Σ_{k present} w_k  (no imputation; see aggregate.weighted_mean)
    S              = (composite − min) / (max − min)             (across all entities scored)
    EGDI           = Σ_S v_S·S   with v_OSI = v_TII = v_HCI = 1/3

then rank, group and rating class follow from the EGDI (see classify). Works for any set of entities. A component
may combine several indicators or fill a missing value (see combine): filled values are flagged `<sub>_filled`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.method.aggregate import weighted_mean
from indicators.method.classify import classify
from indicators.method.combine import ComponentStages, PartStages, component_stages
from indicators.method.methodology import Form, Methodology, SubIndex
from indicators.method.normalise import FloatArray, minmax
from indicators.tidy import latest_values

RESULT_COLUMNS = ["entity", "tii", "hci", "osi", "epi", "egdi", "rank", "group", "rating_class", "flags"]


@dataclass(frozen=True)
class ScoreResult:
    """Every stage of one scoring run.

    components: entity, subindex, form, indicator, part_of, raw, capped, standardised, weight (one row per component,
                then one per part of a combination: its `part_of` names the component, its weight is NaN)
    subindices: entity, subindex, form, composite, normalised, weight_share
    entities:   one row per entity with the RESULT_COLUMNS
    """

    methodology_id: str
    edition: int
    methodology_checksum: str
    input_checksum: str
    components: pd.DataFrame
    subindices: pd.DataFrame
    entities: pd.DataFrame


@dataclass(frozen=True)
class _SubIndexStages:
    form: Form
    components: tuple[ComponentStages, ...]
    composite: FloatArray
    normalised: FloatArray
    share: FloatArray
    other_form_only: FloatArray
    filled: np.ndarray  # bool per entity: some component value is a fill, not data


def _choose_form(sub: SubIndex, matrix: FloatArray, column: dict[str, int]) -> Form:
    """The first form of the sub-index for which any entity has data (the whole field uses one form)."""
    for form in sub.forms:
        if any(not np.isnan(matrix[:, column[c]]).all() for c in form.input_codes):
            return form
    return sub.forms[0]


def _score_subindex(sub: SubIndex, matrix: FloatArray, column: dict[str, int], min_share: float) -> _SubIndexStages:
    form = _choose_form(sub, matrix, column)
    has_data: np.ndarray = np.asarray((~np.isnan(matrix[:, [column[c] for c in form.input_codes]])).any(axis=1))
    components = tuple(component_stages(c, column, matrix, form.steps, has_data) for c in form.components)
    weights = np.array([c.weight for c in form.components])
    standardised = np.column_stack([c.standardised for c in components])
    composite, share = weighted_mean(standardised, weights, min_share)
    normalised = minmax(composite) if "minmax" in form.steps else composite
    other_codes = [c for f in sub.forms if f is not form for c in f.input_codes]
    has_other = (~np.isnan(matrix[:, [column[c] for c in other_codes]])).any(axis=1) if other_codes else np.zeros(len(matrix), bool)
    filled = np.any(np.column_stack([c.filled for c in components]), axis=1)
    return _SubIndexStages(form, components, composite, normalised, share, has_other & (share == 0), filled)


def _flags(stages: dict[str, _SubIndexStages], egdi_share: FloatArray, egdi_min: float, min_share: float) -> list[str]:
    """Semicolon-separated flags per entity: `<sub>_partial`, `<sub>_filled` (a component's `fill` stands for missing
    data), `<sub>_insufficient`, `<sub>_missing`, `<sub>_other_form` (data only in a form this run does not use),
    `<sub>_no_spread` (a composite but nothing to normalise it against: every entity scored has the same composite, or
    only one has one) and `egdi_incomplete`."""
    columns: list[np.ndarray] = []
    for code, st in stages.items():
        columns.append(np.where((st.share < 1) & (st.share >= min_share), f"{code}_partial", ""))
        columns.append(np.where(st.filled & ~np.isnan(st.composite), f"{code}_filled", ""))
        columns.append(np.where(~np.isnan(st.composite) & np.isnan(st.normalised), f"{code}_no_spread", ""))
        columns.append(np.where((st.share > 0) & (st.share < min_share), f"{code}_insufficient", ""))
        columns.append(np.where(st.other_form_only, f"{code}_other_form", np.where(st.share == 0, f"{code}_missing", "")))
    columns.append(np.where(egdi_share < egdi_min, "egdi_incomplete", ""))
    return [";".join(f for f in row if f) for row in zip(*columns, strict=True)]


def _checksum(entities: pd.Index, codes: tuple[str, ...], matrix: FloatArray) -> str:
    """SHA-256 of exactly what was scored: entity names, indicator codes and the value matrix."""
    digest = hashlib.sha256("\x1f".join(map(str, entities)).encode())
    digest.update("\x1f".join(codes).encode())
    digest.update(np.ascontiguousarray(matrix).tobytes())
    return digest.hexdigest()


def score(tidy: pd.DataFrame, methodology: Methodology) -> ScoreResult:
    """Score every entity in `tidy` (columns entity, indicator, value, optional year) with `methodology`.

    With a `year` column, each entity's latest value per indicator is used. Indicators the methodology
    does not read are ignored. Raises ValueError if an (entity, indicator) pair has two values.
    """
    data = latest_values(tidy)
    if data.duplicated(["entity", "indicator"]).any():
        raise ValueError("score(): each (entity, indicator) needs exactly one value")
    codes = methodology.input_codes()
    column = {code: i for i, code in enumerate(codes)}
    entity_codes, entities = pd.factorize(data["entity"], sort=True)
    indicator_pos = pd.Index(codes).get_indexer(pd.Index(data["indicator"]))
    keep = indicator_pos >= 0
    matrix = np.full((len(entities), len(codes)), np.nan)
    matrix[entity_codes[keep], indicator_pos[keep]] = data["value"].to_numpy(dtype=float)[keep]

    min_share = methodology.subindex_min_weight_share
    stages = {code: _score_subindex(sub, matrix, column, min_share) for code, sub in methodology.subindices.items()}
    egdi_codes = list(methodology.egdi_weights)
    egdi, egdi_share = weighted_mean(
        np.column_stack([stages[c].normalised for c in egdi_codes]),
        np.array([methodology.egdi_weights[c] for c in egdi_codes]),
        methodology.egdi_min_weight_share,
    )
    classes = classify(egdi, methodology.groups)
    nan = np.full(len(entities), np.nan)
    result = pd.DataFrame(
        {
            "entity": np.asarray(entities, dtype=object),
            **{code: stages[code].normalised if code in stages else nan for code in ("tii", "hci", "osi", "epi")},
            "egdi": egdi,
            "rank": classes["rank"],
            "group": classes["group"],
            "rating_class": classes["rating_class"],
            "flags": _flags(stages, egdi_share, methodology.egdi_min_weight_share, min_share),
        }
    )
    return ScoreResult(
        methodology_id=methodology.id,
        edition=methodology.edition,
        methodology_checksum=methodology.checksum,
        input_checksum=_checksum(entities, codes, matrix),
        components=_components_frame(entities, stages),
        subindices=_subindices_frame(entities, stages),
        entities=result,
    )


def _components_frame(entities: pd.Index, stages: dict[str, _SubIndexStages]) -> pd.DataFrame:
    names = np.asarray(entities, dtype=object)
    n = len(names)
    blocks: list[pd.DataFrame] = []
    for code, st in stages.items():
        rows: list[tuple[str, str, float, ComponentStages | PartStages]]
        rows = [(c.code, "", c.weight, s) for c, s in zip(st.form.components, st.components, strict=True)]
        rows += [(p.part.code, c.code, np.nan, p) for c, s in zip(st.form.components, st.components, strict=True) for p in s.parts]
        for indicator, part_of, weight, stage in rows:
            blocks.append(
                pd.DataFrame(
                    {
                        "entity": names,
                        "subindex": np.full(n, code, dtype=object),
                        "form": np.full(n, st.form.name, dtype=object),
                        "indicator": np.full(n, indicator, dtype=object),
                        "part_of": np.full(n, part_of, dtype=object),
                        "raw": stage.raw,
                        "capped": stage.capped,
                        "standardised": stage.standardised,
                        "weight": np.full(n, weight),
                    }
                )
            )
    return pd.concat(blocks, ignore_index=True)


def _subindices_frame(entities: pd.Index, stages: dict[str, _SubIndexStages]) -> pd.DataFrame:
    names = np.asarray(entities, dtype=object)
    parts = stages.values()
    return pd.DataFrame(
        {
            "entity": np.tile(names, len(stages)),
            "subindex": np.repeat(np.array(list(stages), dtype=object), len(names)),
            "form": np.repeat(np.array([st.form.name for st in parts], dtype=object), len(names)),
            "composite": np.concatenate([st.composite for st in parts]),
            "normalised": np.concatenate([st.normalised for st in parts]),
            "weight_share": np.concatenate([st.share for st in parts]),
        }
    )
