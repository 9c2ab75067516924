"""Data or method? Where the method of a sub-index changed between two editions, a country's published change split
into what the change of method did and what the data did (`indicators.method.split`), in one sentence: "TII of Cambodia
+0.200 from 2022 to 2024: about +0.107 from the change of method (…), +0.093 from the data."

    method = S(N, N) − S(N, N−1)          the same data (edition N's), the new method against the old one
    data   = published change − method   the rest of the published change: the parts add up to it

For the EGDI (weights w unchanged between the editions): method = Σ_s w_s · method_s over the TII and HCI (the OSI is
published, not rebuilt), data = the published EGDI change − method. Computed once per data version and pair of
editions, from the store's international component data as the UN read it (each series' release of edition N's year).
The Trends page shows it; the Overview can call `split_sentences(entity, series, lang)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.method.changes import MethodChange, edition_changes, previous_edition
from indicators.method.methodology import load_methodology
from indicators.method.split import ChangeSplit, split_change
from indicators.method.stored import stored_components
from indicators.method.vintages import choose_releases
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.labels import country_name
from layouts.views.method_words import change_summary, index_name
from layouts.views.snapshot import request_snapshot, store
from layouts.views.version_cache import newest_version_cache

SPLIT_SERIES = ("tii", "hci", "egdi")
REBUILT = ("tii", "hci")


@dataclass(frozen=True)
class Split:
    """A country's published change of `series` from `previous` to `edition`: `method` + `data` = `total`."""

    series: str
    previous: int
    edition: int
    total: float
    method: float
    data: float
    changes: tuple[MethodChange, ...]  # the method changes the method part comes from


@newest_version_cache(maxsize=16)
def _split(version: int, previous: int, edition: int) -> ChangeSplit | None:
    current = store()
    old, new = load_methodology(previous), load_methodology(edition)
    components = stored_components(current, sorted(set(old.input_codes()) | set(new.input_codes())))
    published = request_snapshot().published  # the published results as the pages read them (kept per version)
    if components.empty or not {previous, edition} <= set(published["edition"]):
        return None
    return split_change(choose_releases(components, as_of=edition), published, old, new)


@newest_version_cache(maxsize=16)
def _published_egdi(version: int) -> dict[tuple[str, int], float]:
    published = request_snapshot().published.dropna(subset=["egdi"])
    return {(str(iso3), int(e)): float(v) for iso3, e, v in zip(published["iso3"], published["edition"], published["egdi"], strict=True)}


def _one(split: ChangeSplit, entity: str, series: str, version: int) -> Split | None:
    table = split.table[split.table["iso3"] == entity].set_index("subindex")
    if series in REBUILT:
        changes = split.changes.get(series, ())
        if not changes or series not in table.index:
            return None
        row = table.loc[series]
        total, method = row["published_total"], row["method"]
    else:
        old, new = load_methodology(split.previous), load_methodology(split.edition)
        changes = tuple(c for code in REBUILT for c in split.changes.get(code, ()))
        if not changes or old.egdi_weights != new.egdi_weights or not set(REBUILT) <= set(table.index):
            return None
        egdi = _published_egdi(version)
        before, after = egdi.get((entity, split.previous)), egdi.get((entity, split.edition))
        method = sum(new.egdi_weights[code] * table.loc[code, "method"] for code in REBUILT)
        total = after - before if before is not None and after is not None else float("nan")
    if total != total or method != method:  # NaN: a value missing on either side
        return None
    return Split(series, split.previous, split.edition, float(total), float(method), float(total - method), changes)


def change_splits(entity: str, series: str) -> list[Split]:
    """Every edition where the method of `series` changed, with the country's published change split, oldest first."""
    if series not in SPLIT_SERIES:
        return []
    version = request_snapshot().data_version  # the splits depend on data only (not on targets or scenarios)
    rebuilt = REBUILT if series == "egdi" else (series,)
    changed = sorted({c.edition for c in edition_changes() if any(c.affects(code) for code in rebuilt)})
    found = []
    for edition in changed:
        previous = previous_edition(edition)
        split = _split(version, previous, edition) if previous is not None else None
        one = _one(split, entity, series, version) if split is not None else None
        if one is not None:
            found.append(one)
    return found


def split_sentence(split: Split, entity: str, lang: str) -> str:
    return t(
        "trends_split_sentence",
        lang,
        series=index_name(split.series, lang, short=True) if split.series != "egdi" else t("egdi", lang),
        country=country_name(entity, lang),
        total=fmt_number(split.total, lang, 3, signed=True),
        previous=fmt_int(split.previous, lang),
        edition=fmt_int(split.edition, lang),
        method=fmt_number(split.method, lang, 3, signed=True),
        why=change_summary(list(split.changes), lang),
        data=fmt_number(split.data, lang, 3, signed=True),
    )


def split_sentences(entity: str, series: str, lang: str) -> list[str]:
    """One sentence per edition where the method of `series` (TII, HCI or EGDI) changed and the country has both
    published values, oldest first; [] for any other series or without component data."""
    return [split_sentence(split, entity, lang) for split in change_splits(entity, series)]


def latest_split_sentences(entity: str, lang: str) -> list[str]:
    """For the Overview: the sentences of the method changes into the country's latest edition, the EGDI first, then
    the sub-indices (what of its latest change comes from the data and what from the method); [] where none changed."""
    published = request_snapshot().published
    editions = published.loc[published["iso3"] == entity, "edition"]
    if editions.empty:
        return []
    latest = int(editions.max())
    return [
        split_sentence(split, entity, lang)
        for series in SPLIT_SERIES[::-1]
        for split in change_splits(entity, series)
        if split.edition == latest
    ]


def clear_caches() -> None:
    """Forget what was computed for earlier store versions (tests that switch databases)."""
    _split.cache_clear()
    _published_egdi.cache_clear()
