"""The field an edition scores: every country's component values as the edition reads them, and their scores.

    values  --choose_releases-->  one value per (country, year, indicator)   (vintages: which release; national or not)
            --method_inputs-->    one value per (country, input code)        (inputs: the latest up to the data year)
            --score-->            TII, HCI, … for the whole field            (scoring)

With `national`, a country's own national values (a table the user imported, or the bundled national file) replace
the international series' values of their years (see `vintages.choose_releases`): the inputs then say which values are
national (`national`), and the scores flag each sub-index that read one (`<sub>_national`), so a page can say so.
Without it (the back-test, the nowcast) the field is what the UN reads: the publishers' series.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.method.backtest import field_scores
from indicators.method.methodology import Methodology
from indicators.method.scoring import RESULT_COLUMNS, ScoreResult
from indicators.method.vintages import choose_releases, published_by

NATIONAL_FLAG = "{subindex}_national"


@dataclass(frozen=True)
class Field:
    """inputs: one row per (entity, input code) with value, year, source, dataset, released and national; result:
    the scoring; scores: the result's entities (RESULT_COLUMNS) with `<sub>_national` flags."""

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


def _national_flags(scores: pd.DataFrame, inputs: pd.DataFrame, methodology: Methodology) -> pd.DataFrame:
    national = inputs[inputs["national"].astype(bool)]
    if national.empty:
        return scores
    flags = scores["flags"].fillna("").astype(str).to_numpy(dtype=object)
    entities = scores["entity"].to_numpy(dtype=object)
    for code, sub in methodology.subindices.items():
        reads = {c for form in sub.forms for c in form.input_codes}
        marked = set(national.loc[national["indicator"].isin(reads), "entity"])
        if marked:
            at = np.fromiter((e in marked for e in entities), dtype=bool, count=len(entities))
            flag = NATIONAL_FLAG.format(subindex=code)
            flags[at] = [f"{f};{flag}" if f else flag for f in flags[at]]
    return scores.assign(flags=flags)


def score_field(
    values: pd.DataFrame,
    methodology: Methodology,
    entities: Collection[str] | None = None,
    *,
    national: bool = True,
    as_of: int | None = None,
    until: int | None = None,
) -> Field:
    """Score `entities` (default: every entity in `values`) with `methodology` from `values` (stored releases:
    `vintages.RELEASE_COLUMNS`): each series from the release preferred as of `as_of` (default: the newest), only
    values published by the end of `until` when given, national values in place of international ones with
    `national` (module docstring)."""
    known = values if until is None else published_by(values, until)
    chosen = choose_releases(known, as_of=as_of, national=national)
    field = pd.Index(sorted(set(chosen["entity"]) if entities is None else set(entities)))
    inputs, result = field_scores(chosen, field, methodology)
    scores = _national_flags(result.entities[RESULT_COLUMNS], inputs, methodology)
    return Field(methodology, inputs.reset_index(drop=True), result, scores.reset_index(drop=True))
