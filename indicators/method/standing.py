"""A country's standing in each edition: world rank, ASEAN rank, group and rating class, honest about the field.

A world rank or a rating class is only meaningful against the whole field: for an edition with fewer than
`WORLD_MINIMUM` countries (e.g. only the bundled Cambodia and ASEAN rows), the world rank is the published one
and the rating class is left empty. The ASEAN rank needs every ASEAN member of that edition.
"""

from __future__ import annotations

import pandas as pd

from indicators.entities import load_countries

WORLD_MINIMUM = 190  # the UN assessed 191–193 countries in every edition
STANDING_COLUMNS = [
    "edition",
    "iso3",
    "country",
    "egdi",
    "osi",
    "tii",
    "hci",
    "epi",
    "world_rank",
    "asean_rank",
    "group",
    "rating_class",
    "complete",
]


def standing(published: pd.DataFrame) -> pd.DataFrame:
    """The `published` table (see indicators.ingest.published.published_table) with world_rank, asean_rank and
    `complete` (the edition has the whole field); rating_class only where the field is complete."""
    if published.empty:
        return pd.DataFrame(columns=STANDING_COLUMNS)
    countries = load_countries().table
    asean = set(countries.index[countries["asean"]])
    sizes = published.groupby("edition")["iso3"].transform("size")
    view = published.assign(complete=sizes >= WORLD_MINIMUM)
    view["world_rank"] = view["rank"].where(view["complete"], view["rank_published"]).astype("Int64")
    view["rating_class"] = view["rating_class"].where(view["complete"], None)
    in_asean = view["iso3"].isin(asean)
    members_present = view[in_asean].groupby("edition")["iso3"].transform("size")
    asean_rank = view[in_asean].groupby("edition")["egdi"].rank(ascending=False, method="min")
    view["asean_rank"] = asean_rank.where(members_present == len(asean)).reindex(view.index).astype("Int64")
    return view[STANDING_COLUMNS].reset_index(drop=True)
