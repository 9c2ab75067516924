"""The field an edition scores: every country's component values as the edition reads them, and their scores.

    values  --choose_releases-->  one value per (country, year, indicator)   (vintages: which release; national or not)
            --method_inputs-->    one value per (country, input code)        (inputs: the latest up to the data year)
            --score-->            TII, HCI, … for the whole field            (scoring)

With `national`, a country's own national values (a table the user imported, or the bundled national file) replace
the international series' values of their years (see `vintages.choose_releases`): the inputs then say which values are
national (`national`), and the scores flag each sub-index that read one (`<sub>_national`), so a page can say so.
Without it (the back-test, the nowcast) the field is what the UN reads: the publishers' series.

The OSI and EPI come from the UN's own assessment, whose raw points are not public. Given one edition's published
results (`published`: the edition's own; for a nowcast, the last Survey's, carried), a country without a stored raw
score reads its published OSI and EPI in their place: the published index spans exactly [0, 1] over the field (its
lowest country 0, its highest 1), so min-max normalising it again changes no value. Such inputs are marked
`published`, and the sub-index flagged `<sub>_published`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.method.inputs import method_inputs
from indicators.method.methodology import Methodology
from indicators.method.scoring import RESULT_COLUMNS, ScoreResult, score
from indicators.method.vintages import choose_releases, published_by

NATIONAL_FLAG = "{subindex}_national"
PUBLISHED_FLAG = "{subindex}_published"
PUBLISHED_SCORES = {"osi_score": "osi", "epi_score": "epi"}  # raw points the UN does not publish: its index stands in


@dataclass(frozen=True)
class Field:
    """inputs: one row per (entity, input code) with value, year, source, dataset, released, national and published;
    result: the scoring; scores: the result's entities (RESULT_COLUMNS) with `<sub>_national` and `<sub>_published`
    flags."""

    methodology: Methodology
    inputs: pd.DataFrame
    result: ScoreResult
    scores: pd.DataFrame

    @property
    def data(self) -> pd.DataFrame:
        """entity, indicator, value: what a what-if changes (see outlook.whatif)."""
        return self.inputs[["entity", "indicator", "value"]].reset_index(drop=True)

    def national_codes(self, entity: str) -> list[str]:
        """The input codes of `entity` read from national values."""
        rows = self.inputs[(self.inputs["entity"] == entity) & self.inputs["national"].astype(bool)]
        return rows["indicator"].tolist()


def _flags(scores: pd.DataFrame, inputs: pd.DataFrame, methodology: Methodology) -> pd.DataFrame:
    """`<sub>_national` / `<sub>_published` on each entity whose sub-index reads a national / published input."""
    flags = scores["flags"].fillna("").astype(str).to_numpy(dtype=object)
    entities = scores["entity"].to_numpy(dtype=object)
    for column, template in (("national", NATIONAL_FLAG), ("published", PUBLISHED_FLAG)):
        marked_inputs = inputs[inputs[column].astype(bool)]
        for code, sub in methodology.subindices.items():
            reads = {c for form in sub.forms for c in form.input_codes}
            marked = set(marked_inputs.loc[marked_inputs["indicator"].isin(reads), "entity"])
            if marked:
                at = np.fromiter((e in marked for e in entities), dtype=bool, count=len(entities))
                flag = template.format(subindex=code)
                flags[at] = [f"{f};{flag}" if f else flag for f in flags[at]]
    return scores.assign(flags=flags)


def published_inputs(published: pd.DataFrame) -> pd.DataFrame:
    """The published OSI and EPI of one edition (a published-results table of it: edition, iso3, osi, epi) as raw
    scores, without a year (current for any data year), marked `published`."""
    editions = sorted({int(e) for e in published["edition"]})
    if len(editions) > 1:
        raise ValueError(f"published_inputs(): one edition's results are needed, not {editions}")
    edition = editions[0] if editions else 0
    parts = [
        pd.DataFrame(
            {
                "entity": published["iso3"].to_numpy(),
                "indicator": code,
                "value": published[index].to_numpy(dtype=float),
                "source": f"UN DESA, E-Government Survey {edition}: published {index.upper()}",
                "dataset": "published",
            }
        )
        for code, index in PUBLISHED_SCORES.items()
    ]
    frame = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
    return frame.assign(year=pd.array([pd.NA] * len(frame), dtype="Int64"), national=False, published=True)


def score_field(
    values: pd.DataFrame,
    methodology: Methodology,
    entities: Collection[str] | None = None,
    *,
    national: bool = True,
    as_of: int | None = None,
    until: int | None = None,
    published: pd.DataFrame | None = None,
) -> Field:
    """Score `entities` (default: every entity in `values`) with `methodology` from `values` (stored releases:
    `vintages.RELEASE_COLUMNS`): each series from the release preferred as of `as_of` (default: the newest), only
    values published by the end of `until` when given, national values in place of international ones with
    `national`; `published`: one edition's published results, whose OSI and EPI stand in for raw scores not stored
    (module docstring: the edition's own, or for a nowcast the last Survey's, carried)."""
    known = values if until is None else published_by(values, until)
    chosen = choose_releases(known, as_of=as_of, national=national).assign(published=False)
    field = sorted(chosen["entity"].unique() if entities is None else set(entities))
    inputs = method_inputs(chosen[chosen["entity"].isin(field)], methodology)
    if published is not None:  # a raw score the edition does not read (none, or of a later year): the published index
        stand_in = published_inputs(published)
        read = pd.MultiIndex.from_frame(inputs[["entity", "indicator"]])
        missing = ~pd.MultiIndex.from_frame(stand_in[["entity", "indicator"]]).isin(read) & stand_in["entity"].isin(field).to_numpy()
        inputs = pd.concat([inputs, stand_in[missing]], ignore_index=True).sort_values(["entity", "indicator"], kind="stable")
    result = score(inputs[["entity", "indicator", "value"]], methodology)
    scores = _flags(result.entities[RESULT_COLUMNS], inputs, methodology)
    return Field(methodology, inputs.reset_index(drop=True), result, scores.reset_index(drop=True))
