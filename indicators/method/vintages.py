"""Which release of the component data a computation reads: the data as it was published at a given time.

Publishers revise their series: a value of one year can differ between two releases (a vintage) of the same series,
and the store may hold several (the bundle's two releases of adult literacy and of the UNDP schooling years, and any
newer file a user imports). Every stored value carries the date its release came out (`released`: a bundled
dataset's vintage, else the date its version was imported) and whether it is national (`national`: a table of the
user's own, the national template or a province table, not a publisher's download).

**Published by the end of year Y** (`published_by`): a value of year t from a release out by then (released ≤ Y), or
of a later release when the first release of year t came out by then: t + lag ≤ Y, where lag (`publication_lags`)
is, per indicator, the shortest delay between a bundled release and the latest year it holds (the ITU's internet
users: 1 year; the UNDP's schooling years: 2; the ITU price baskets: 0). Replaying Y with a later release reads
revised values of years already out, not the values of the time, which no file here keeps: said wherever a replay
is shown.

**One value per (country, year, indicator)** (`choose_releases`): each country's series of an indicator is read from
one release, as of Y the newest out by then, else (none was out) the earliest; with no Y, the newest. International
data only (`national=False`, what the UN reads), or with national values in place of the international ones of their
years (the Simulator's default).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from indicators.ingest.bundled import component_files

NATIONAL_KINDS = ("template", "long", "wide", "nis")  # tables of the user's own, not a publisher's download
RELEASE_COLUMNS = ["entity", "year", "indicator", "value", "source", "dataset", "release", "released", "national"]
KEY = ["entity", "year", "indicator"]
CATEGORIES = ("entity", "indicator", "source", "dataset", "release")


@lru_cache(maxsize=1)
def publication_lags() -> dict[str, int]:
    """Per indicator, the shortest (release year − latest year held) over the bundled releases that hold it."""
    files = component_files()
    lags: dict[str, int] = {}
    years = files["released"].dt.year.astype(int) - files["last_year"].astype(int)
    for codes, lag in zip(files["indicators"].astype(str), years.clip(lower=0), strict=True):
        for code in codes.split():
            lags[code] = min(lags.get(code, int(lag)), int(lag))
    return lags


def released_values(observations: pd.DataFrame, versions: pd.DataFrame) -> pd.DataFrame:
    """Stored values (`Store.observations(resolve=False)`) with RELEASE_COLUMNS. `release`: the dataset, or for a
    bundled dataset that fills the gaps of another, that other one (the two are one release); `released`: the
    release's vintage when bundled, else the date its version was imported (`versions`: `Store.versions()`)."""
    files = component_files().set_index("key")
    family = files["fills"].where(files["fills"] == "", "bundled:" + files["fills"])
    release = observations["dataset"].map(family.where(family != "", files.index.to_series()))
    release = release.fillna(observations["dataset"])
    imported = pd.to_datetime(versions.set_index("version_id")["created_at"], utc=True).dt.tz_localize(None)
    released = release.map(files["released"]).fillna(observations["version_id"].map(imported))
    national = observations["kind"].isin(NATIONAL_KINDS)
    frame = observations.assign(release=release, released=released, national=national)[RELEASE_COLUMNS]
    return frame.astype({column: "category" for column in CATEGORIES})  # few distinct texts: compared by their codes


def published_by(values: pd.DataFrame, until: int, lags: dict[str, int] | None = None) -> pd.DataFrame:
    """The values known by the end of year `until` (module docstring); an indicator without a known lag is taken as
    published in the year after its data."""
    lags = publication_lags() if lags is None else lags
    lag = values["indicator"].map(lags).fillna(1).to_numpy(dtype=float)
    known = (values["released"].dt.year.to_numpy() <= until) | (values["year"].to_numpy(dtype=float) + lag <= until)
    chosen: pd.DataFrame = values[known]
    return chosen


def _preference(values: pd.DataFrame, as_of: int | None) -> pd.DataFrame:
    """`values` with sort keys: releases out by the end of `as_of` first, newest first; then the others, earliest
    first (all out when `as_of` is None)."""
    stamp = values["released"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    out = np.ones(len(values), dtype=bool) if as_of is None else values["released"].dt.year.to_numpy() <= as_of
    return values.assign(_late=~out, _order=np.where(out, -stamp, stamp))


def choose_releases(values: pd.DataFrame, as_of: int | None = None, national: bool = False) -> pd.DataFrame:
    """One value per (entity, year, indicator). Each country's international series of an indicator is read whole
    from one release, the one preferred as of the end of year `as_of` (module docstring): a series is never stitched
    from two releases. `national`: national values then replace or add the values of their years (newest import
    first); without it, national values are left out."""
    mask = values["national"].to_numpy(dtype=bool)
    ranked = _preference(values[~mask], as_of).sort_values(["_late", "_order"], kind="stable")
    best = ranked.drop_duplicates(["entity", "indicator"])[["entity", "indicator", "release"]]
    chosen = ranked.merge(best, on=["entity", "indicator", "release"]).drop_duplicates(KEY)
    if national:
        own = _preference(values[mask], None).sort_values(["_order"], kind="stable").drop_duplicates(KEY)
        chosen = pd.concat([own, chosen], ignore_index=True).drop_duplicates(KEY)
    columns = [c for c in chosen.columns if not c.startswith("_")]
    return chosen[columns].sort_values(["entity", "indicator", "year"], kind="stable").reset_index(drop=True)
