"""Data or method? The change of a country's sub-index between two editions, split into what the data did and what the
change of method did.

With S(d, m) the sub-index scored from the data of edition d's data year with the method of edition m, for editions
N−1 (previous) and N, over each edition's own field of countries:

    before = S(N−1, N−1)      bridge = S(N, N−1)      after = S(N, N)
    data   = bridge − before  (the same method, newer data)
    method = after − bridge   (the same data, the new method)        data + method = after − before

The method effect is measured on one set of data, so errors of reconstruction largely cancel in it; `data_published`
gives the rest of the published change to the data (published change − method). Example, Cambodia's TII 2022 → 2024.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from indicators.method.backtest import SUBINDICES, field_scores
from indicators.method.changes import MethodChange, changes_between
from indicators.method.methodology import Methodology

SPLIT_COLUMNS = [
    "iso3",
    "subindex",
    "previous",
    "edition",
    "before",
    "bridge",
    "after",
    "data",
    "method",
    "total",
    "published_before",
    "published_after",
    "published_total",
    "data_published",
]


@dataclass(frozen=True)
class ChangeSplit:
    """table: SPLIT_COLUMNS, one row per country of edition N and sub-index; changes: the method changes between the
    two files that concern each sub-index (e.g. a component removed), to say what the method effect comes from."""

    previous: int
    edition: int
    table: pd.DataFrame
    changes: dict[str, tuple[MethodChange, ...]]


def split_change(
    components: pd.DataFrame, published: pd.DataFrame, old: Methodology, new: Methodology, subindices: Sequence[str] = SUBINDICES
) -> ChangeSplit:
    """Split each country's change of `subindices` from `old`'s edition to `new`'s into data and method (module
    docstring). `components`: tidy component data; `published`: a published-results table (edition, iso3, sub-indices)."""
    fields = {e: published[published["edition"] == e].set_index("iso3") for e in (old.edition, new.edition)}
    before = field_scores(components, fields[old.edition].index, old)[1].entities.set_index("entity")
    bridge = field_scores(components, fields[new.edition].index, old, data_from=new)[1].entities.set_index("entity")
    after = field_scores(components, fields[new.edition].index, new)[1].entities.set_index("entity")
    parts = []
    for code in subindices:
        index = fields[new.edition].index
        frame = pd.DataFrame(
            {
                "iso3": index,
                "subindex": code,
                "previous": old.edition,
                "edition": new.edition,
                "before": before[code].reindex(index).to_numpy(),
                "bridge": bridge[code].reindex(index).to_numpy(),
                "after": after[code].reindex(index).to_numpy(),
                "published_before": fields[old.edition][code].reindex(index).to_numpy(),
                "published_after": fields[new.edition][code].to_numpy(),
            }
        )
        frame["data"] = frame["bridge"] - frame["before"]
        frame["method"] = frame["after"] - frame["bridge"]
        frame["total"] = frame["after"] - frame["before"]
        frame["published_total"] = frame["published_after"] - frame["published_before"]
        frame["data_published"] = frame["published_total"] - frame["method"]
        parts.append(frame[SPLIT_COLUMNS])
    changes = [c for c in changes_between(old, new) if c.is_method]
    return ChangeSplit(
        previous=old.edition,
        edition=new.edition,
        table=pd.concat(parts, ignore_index=True),
        changes={code: tuple(c for c in changes if c.affects(code)) for code in subindices},
    )
