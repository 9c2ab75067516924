"""The UN's published results as one table: the published figures beside what the edition's method makes of them
(EGDI recomputed from the sub-indices, rank, group and rating class)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.entities import EntityRegister, load_countries
from indicators.ingest.published import INDEX_CODES
from indicators.method.classify import classify
from indicators.method.methodology import methodology_for_classification

PUBLISHED_COLUMNS = [
    "edition",
    "iso3",
    "country",
    "egdi",
    "egdi_computed",
    "osi",
    "tii",
    "hci",
    "epi",
    "rank",
    "rank_published",
    "group",
    "rating_class",
]


def published_table(tidy: pd.DataFrame, countries: EntityRegister | None = None) -> pd.DataFrame:
    """One row per edition and country with the PUBLISHED_COLUMNS.

    egdi_computed = (OSI + TII + HCI) / 3 (the edition's EGDI weights); rank, group and rating_class are
    computed from the published EGDI with the edition's methodology (the earliest file for older editions).
    """
    countries = countries or load_countries()
    wide = tidy.pivot_table(index=["year", "entity"], columns="indicator", values="value", aggfunc="first")
    wide = wide.reindex(columns=[*INDEX_CODES, "rank_published"]).reset_index()
    parts = []
    for _, frame in wide.groupby("year", sort=True):
        edition = int(frame["year"].iloc[0])
        method = methodology_for_classification(edition)
        weights = method.egdi_weights
        computed = np.column_stack([frame[code].to_numpy(dtype=float) for code in weights]) @ np.array(list(weights.values()))
        classes = classify(frame["egdi"].to_numpy(dtype=float), method.groups)
        parts.append(
            pd.DataFrame(
                {
                    "edition": edition,
                    "iso3": frame["entity"].to_numpy(),
                    "country": [countries.name(code) for code in frame["entity"]],
                    "egdi": frame["egdi"].to_numpy(),
                    "egdi_computed": np.round(computed, 10),
                    "osi": frame["osi"].to_numpy(),
                    "tii": frame["tii"].to_numpy(),
                    "hci": frame["hci"].to_numpy(),
                    "epi": frame["epi"].to_numpy(),
                    "rank": classes["rank"],
                    "rank_published": frame["rank_published"].round().astype("Int64").array,
                    "group": classes["group"],
                    "rating_class": classes["rating_class"],
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=PUBLISHED_COLUMNS)
    table = pd.concat(parts, ignore_index=True)
    return table.sort_values(["edition", "rank", "iso3"], kind="stable").reset_index(drop=True)
