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


def complete_editions(published: pd.DataFrame) -> pd.Series:
    """Per row of a `published` table: whether its edition has the whole field (at least WORLD_MINIMUM countries)."""
    return published.groupby("edition")["iso3"].transform("size") >= WORLD_MINIMUM


def honest_published(published: pd.DataFrame) -> pd.DataFrame:
    """The `published` table (see indicators.method.results.published_table) with `rank` and `rating_class` honest
    about the field: in an edition with fewer than WORLD_MINIMUM countries, rank is the UN's published rank and
    rating_class is empty (a rank or a quartile among the few countries stored would be wrong)."""
    if published.empty:
        return published
    complete = complete_editions(published)
    return published.assign(
        rank=published["rank"].where(complete, published["rank_published"]).astype("Int64"),
        rating_class=published["rating_class"].where(complete, None),
    )


def standing(published: pd.DataFrame) -> pd.DataFrame:
    """The `published` table (see indicators.method.results.published_table) with world_rank, asean_rank and
    `complete` (the edition has the whole field); world rank and rating_class as `honest_published` gives them."""
    if published.empty:  # typed, so that a filter on `complete` selects rows (an object column would select columns)
        return pd.DataFrame(columns=STANDING_COLUMNS).astype({"edition": "int64", "complete": bool})
    countries = load_countries().table
    asean = set(countries.index[countries["asean"]])
    view = honest_published(published).assign(complete=complete_editions(published))
    view["world_rank"] = view["rank"]
    in_asean = view["iso3"].isin(asean)
    members_present = view[in_asean].groupby("edition")["iso3"].transform("size")
    asean_rank = view[in_asean].groupby("edition")["egdi"].rank(ascending=False, method="min")
    view["asean_rank"] = asean_rank.where(members_present == len(asean)).reindex(view.index).astype("Int64")
    return view[STANDING_COLUMNS].reset_index(drop=True)
