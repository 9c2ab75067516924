"""Compare (analysts): a country among its peers in one edition — the ranking rows, a scatter of any two indices, the
gap to the best of the set on every index, and a world map of EGDI.

Peer sets come from `indicators.method.peers`; the view state (entity, edition, peers, custom, x, y, lang) lives in
the URL. The world map needs every country of the edition (`complete` in the snapshot); without it the page says so
and points to the import on the Data page. What a view computes is cached per store version and choice.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.entities import load_countries
from indicators.method.peers import NEIGHBOURS, PEER_KINDS, gaps_to_leader, missing_members, parse_codes, peer_set, peer_table
from layouts.i18n import catalog, fmt_int, fmt_number, t
from layouts.views import choices
from layouts.views.grid_columns import table_column
from layouts.views.labels import country_name, index_label
from layouts.views.snapshot import Snapshot, request_snapshot
from layouts.views.version_cache import newest_version_cache

DEFAULTS = {"peers": "asean", "x": "tii", "y": "osi"}
INDICES = ("egdi", "osi", "tii", "hci", "epi")
MISSING_LISTED = 8  # names listed in the coverage message; the rest are counted


# --- choices ----------------------------------------------------------------------------------------------


def region_name(kind: str, name: str | None, lang: str) -> str:
    key = f"compare_{'region' if kind == 'region' else 'subregion'}_{name}"
    return t(key, lang) if key in catalog() else str(name)


def peer_label(kind: str, entity: str, lang: str, long: bool = False) -> str:
    """The name of a peer set: short for the selector ("Region: Asia"), long for sentences ("the countries of Asia")."""
    prefix = "compare_set_" if long else "compare_peers_"
    if kind in ("region", "subregion"):
        column = "region" if kind == "region" else "sub_region"
        table = load_countries().table
        name = region_name(kind, str(table.at[entity, column]) if entity in table.index else None, lang)
        return t(prefix + kind, lang, **{kind: name})
    if kind == "neighbours":
        return t(prefix + kind, lang, k=fmt_int(NEIGHBOURS, lang))
    return t(prefix + kind, lang)


def peer_options(entity: str, lang: str) -> list[dict[str, str]]:
    return [{"label": peer_label(kind, entity, lang), "value": kind} for kind in PEER_KINDS]


def entity_editions(data: Snapshot, entity: str) -> list[int]:
    return [int(e) for e in data.history(entity)["edition"]]


def choose_edition(data: Snapshot, entity: str, edition: object) -> int | None:
    """The edition asked for when the entity has results in it, else the entity's latest."""
    return choices.chosen_edition(edition, entity_editions(data, entity))


def edition_options(data: Snapshot, entity: str, lang: str) -> list[dict[str, object]]:
    return [{"label": fmt_int(e, lang), "value": e} for e in entity_editions(data, entity)]


def country_options(data: Snapshot, lang: str) -> list[dict[str, str]]:
    return choices.country_options(data.published["iso3"].unique(), lang)


def normalise(
    entity: str | None, peers: str | None, custom: object, x: str | None, y: str | None
) -> tuple[str, str, tuple[str, ...], str, str]:
    """Query values made safe: known codes, peer kind and indices, else the defaults."""
    countries = load_countries()
    code = entity.upper() if isinstance(entity, str) else ""  # a repeated query key arrives as a list
    entity = code if code in countries.table.index else "KHM"
    kind = peers if peers in PEER_KINDS else DEFAULTS["peers"]
    chosen = parse_codes(custom if isinstance(custom, str | list | tuple) else None, countries.codes)
    return entity, kind, tuple(c for c in chosen if c != entity), x if x in INDICES else DEFAULTS["x"], y if y in INDICES else DEFAULTS["y"]


def ranking_columns(lang: str) -> list[dict[str, object]]:
    """The ranking table's columns (layouts/components/sortable_table.py): the ISO3 code in the CSV only, the country,
    the indices (named in full in their headings' tooltips), the ranks, the group and the rating class."""
    long_names = {code: t("egdi_long" if code == "egdi" else code, lang) for code in INDICES}
    indices = [table_column(code, index_label(code, lang), numeric=True, title=long_names[code]) for code in INDICES]
    return [
        table_column("iso3", t("compare_col_code", lang), hidden=True),
        table_column("country", t("country", lang)),
        *indices,
        table_column("peer_rank", t("compare_col_peer_rank", lang), numeric=True),
        table_column("world_rank", t("compare_col_world_rank", lang), numeric=True),
        table_column("group", t("compare_col_group", lang)),
        table_column("rating_class", t("compare_col_class", lang)),
    ]


def csv_name(entity: str, edition: int | None, kind: str) -> str:
    """The name of the ranking's CSV file."""
    return f"egdi-{entity}-{edition}-{kind}.csv"


# --- the peer view: heading, coverage, ranking rows, scatter, gaps ------------------------------------------


@dataclass(frozen=True)
class Notice:
    """A notice: which members of the set have no results, how the closest were chosen, why the map is missing; with
    a link to the import on the Data page when `data_link` (`hint` says what to import)."""

    text: str
    kind: str = "warning"
    hint: str | None = None
    data_link: bool = False


@dataclass(frozen=True)
class PeerSummary:
    """The peer part of the page for one set: `missing` (the notice) when the country has no results in the edition."""

    missing: str | None
    subtitle: str = ""
    coverage: Notice | None = None
    rows: tuple[dict[str, object], ...] = ()
    class_note: str | None = None
    gaps: pd.DataFrame | None = None  # gaps_to_leader with leader_name
    gaps_table: pd.DataFrame | None = None  # the gaps as displayed: index, value, leader, leader value, gap
    gaps_headers: tuple[str, ...] = ()


@newest_version_cache(maxsize=256)
def _peers(version: int, kind: str, entity: str, edition: int, custom: tuple[str, ...]) -> tuple[pd.DataFrame, tuple[str, ...], bool]:
    """The peer table, the members without results, and whether the edition holds every country."""
    rows = request_snapshot().edition(edition)
    peers = peer_set(kind, entity, rows, custom=custom)
    complete = bool(rows["complete"].all()) if not rows.empty else False
    return peer_table(rows, peers), missing_members(rows, peers), complete


def ranking_rows(table: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    """One record per country for the ranking table: raw values for sorting and the CSV; *_text for display."""
    records = []
    for row in table.itertuples(index=False):
        record: dict[str, object] = {
            "iso3": row.iso3,
            "country": country_name(row.iso3, lang),
            "is_entity": bool(row.is_entity),
            "group": t(f"group_{row.group}", lang) if isinstance(row.group, str) else None,
            "rating_class": row.rating_class if isinstance(row.rating_class, str) else None,
        }
        for code in INDICES:
            value = getattr(row, code)
            record[code] = None if pd.isna(value) else round(float(value), 4)
            record[f"{code}_text"] = fmt_number(value, lang)
        for code in ("peer_rank", "world_rank"):
            value = getattr(row, code)
            record[code] = None if pd.isna(value) else int(value)
            record[f"{code}_text"] = fmt_int(value, lang)
        records.append(record)
    return records


def coverage_of(missing: tuple[str, ...], expected: int, edition: int, complete: bool, lang: str) -> Notice | None:
    """Which members of the set have no results in the edition (and where to import them)."""
    if not missing:
        return None
    names = [country_name(code, lang) for code in missing[:MISSING_LISTED]]
    if len(missing) > MISSING_LISTED:
        names.append(t("compare_coverage_more", lang, count=fmt_int(len(missing) - MISSING_LISTED, lang)))
    text = t(
        "compare_coverage",
        lang,
        present=fmt_int(expected - len(missing), lang),
        expected=fmt_int(expected, lang),
        edition=fmt_int(edition, lang),
        missing=t("compare_list_separator", lang).join(names),
    )
    return Notice(text) if complete else Notice(text, hint=t("compare_import_hint", lang), data_link=True)


def scatter_points(table: pd.DataFrame, x: str, y: str, lang: str) -> pd.DataFrame:
    rows = table.dropna(subset=[x, y])
    return pd.DataFrame(
        {"name": [country_name(c, lang) for c in rows["iso3"]], "x": rows[x], "y": rows[y], "is_entity": rows["is_entity"]}
    ).reset_index(drop=True)


def scatter_table(points: pd.DataFrame, x: str, y: str, lang: str) -> tuple[list[str], pd.DataFrame]:
    """The scatter's points as displayed: country, the x index and the y index (headers, rows)."""
    headers = [t("country", lang), t("egdi_long" if x == "egdi" else x, lang), t("egdi_long" if y == "egdi" else y, lang)]
    rows = pd.DataFrame(
        {"country": points["name"], "x": [fmt_number(v, lang) for v in points["x"]], "y": [fmt_number(v, lang) for v in points["y"]]}
    )
    return headers, rows


def scatter_summary(points: pd.DataFrame, x: str, y: str, lang: str) -> str:
    """One sentence naming the scatter: which indices, how many countries, where the chosen one stands."""
    chosen = points[points["is_entity"]]
    where = (
        t(
            "compare_summary_scatter_at",
            lang,
            country=chosen["name"].iloc[0],
            x=fmt_number(chosen["x"].iloc[0], lang),
            y=fmt_number(chosen["y"].iloc[0], lang),
        )
        if not chosen.empty
        else ""
    )
    return t("compare_summary_scatter", lang, x=t(x, lang), y=t(y, lang), count=fmt_int(len(points), lang), where=where)


def gaps_summary(gaps: pd.DataFrame, country: str, lang: str) -> str:
    """One sentence naming the gap chart: the largest gap to a leader of the set."""
    present = gaps.dropna(subset=["gap"])
    if present.empty:
        return t("compare_summary_gaps_none", lang, country=country)
    widest = present.loc[present["gap"].idxmax()]
    return t(
        "compare_summary_gaps",
        lang,
        country=country,
        index=t(str(widest["index"]), lang),
        gap=fmt_number(widest["gap"], lang),
        leader=str(widest["leader_name"]),
    )


def map_summary(version: int, edition: int, entity: str, lang: str) -> str:
    rows = map_rows(version, edition, lang)
    chosen = rows[rows["iso3"] == entity]
    where = (
        t(
            "compare_summary_map_at",
            lang,
            country=chosen["name"].iloc[0],
            egdi=fmt_number(chosen["egdi"].iloc[0], lang),
            rank=fmt_int(chosen["world_rank"].iloc[0], lang),
        )
        if not chosen.empty
        else ""
    )
    return t("compare_summary_map", lang, count=fmt_int(len(rows), lang), edition=fmt_int(edition, lang), where=where)


def gap_rows(table: pd.DataFrame, entity: str, lang: str) -> pd.DataFrame:
    shown = table.assign(**{code: table[code].round(4) for code in INDICES})  # the values as displayed, so gaps add up on screen
    gaps = gaps_to_leader(shown, entity, INDICES)
    return gaps.assign(leader_name=[country_name(c, lang) if isinstance(c, str) else "–" for c in gaps["leader"]])


def gap_table(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "index": [t("egdi_long" if c == "egdi" else c, lang) for c in gaps["index"]],
            "value": [fmt_number(v, lang) for v in gaps["value"]],
            "leader": gaps["leader_name"],
            "leader_value": [fmt_number(v, lang) for v in gaps["leader_value"]],
            "gap": [fmt_number(v, lang) for v in gaps["gap"]],
        }
    )


def shown_set(kind: str, custom: tuple[str, ...]) -> tuple[str, ...]:
    """The custom countries that count for the set: none unless it is the custom set (one cache entry per set)."""
    return custom if kind == "custom" else ()


def peer_summary(data: Snapshot, entity: str, edition: int | None, kind: str, custom: tuple[str, ...], lang: str) -> PeerSummary:
    """Heading, coverage, ranking rows, class note and gaps of one peer set (cached per store version and choice)."""
    if edition is None or edition not in entity_editions(data, entity):
        return PeerSummary(t("compare_no_results", lang, country=country_name(entity, lang)))
    return _peer_summary(data.version, kind, entity, edition, shown_set(kind, custom), lang)


@newest_version_cache(maxsize=256)
def _peer_summary(version: int, kind: str, entity: str, edition: int, custom: tuple[str, ...], lang: str) -> PeerSummary:
    name = country_name(entity, lang)
    table, missing, complete = _peers(version, kind, entity, edition, custom)
    subtitle = t("compare_subtitle", lang, country=name, peers=peer_label(kind, entity, lang, long=True), edition=fmt_int(edition, lang))
    coverage = coverage_of(missing, len(table) + len(missing), edition, complete, lang)
    if kind == "custom" and not custom:
        coverage = Notice(t("compare_custom_empty", lang, country=name), kind="info")
    if kind == "neighbours" and not complete:  # the closest among those loaded, not among all 193
        loaded = int(request_snapshot().edition(edition)["egdi"].notna().sum())
        coverage = Notice(
            t("compare_neighbours_partial", lang, count=fmt_int(loaded, lang), edition=fmt_int(edition, lang)), data_link=True
        )
    gaps = gap_rows(table, entity, lang)
    class_note = None if complete else t("compare_class_note", lang, edition=fmt_int(edition, lang))
    headers = (
        t("compare_col_index", lang),
        name,
        t("compare_col_leader", lang),
        t("compare_col_leader_value", lang),
        t("compare_col_gap", lang),
    )
    return PeerSummary(None, subtitle, coverage, tuple(ranking_rows(table, lang)), class_note, gaps, gap_table(gaps, lang), headers)


def scatter(data: Snapshot, entity: str, edition: int, kind: str, custom: tuple[str, ...], x: str, y: str, lang: str) -> pd.DataFrame:
    """The points of the scatter of `x` against `y` over the peer set."""
    table = _peers(data.version, kind, entity, edition, shown_set(kind, custom))[0]
    return scatter_points(table, x, y, lang)


# --- the world map -----------------------------------------------------------------------------------------


def world_rows(data: Snapshot, edition: int | None) -> pd.DataFrame | None:
    """The results of every country in `edition`, or None when the store does not hold the whole field."""
    rows = data.edition(edition) if edition is not None else data.published.iloc[0:0]
    return None if rows.empty or not bool(rows["complete"].all()) else rows


def world_data_notice(data: Snapshot, edition: int | None, lang: str) -> Notice:
    """Why the map is missing: no world data at all (import it), or not for this edition (choose another)."""
    worlds = data.world_editions
    if not worlds:
        return Notice(t("needs_world_data", lang, edition=fmt_int(edition, lang)), data_link=True)
    loaded = len(data.edition(edition)) if edition is not None else 0
    editions = t("compare_list_separator", lang).join(fmt_int(e, lang) for e in worlds)
    return Notice(t("compare_map_partial", lang, edition=fmt_int(edition, lang), count=fmt_int(loaded, lang), editions=editions))


@newest_version_cache(maxsize=64)
def map_rows(version: int, edition: int, lang: str) -> pd.DataFrame:
    """The map's countries: iso3, name, egdi, world_rank of every country with a result."""
    rows = request_snapshot().edition(edition).dropna(subset=["egdi"])
    return pd.DataFrame(
        {
            "iso3": rows["iso3"],
            "name": [country_name(c, lang) for c in rows["iso3"]],
            "egdi": rows["egdi"],
            "world_rank": rows["world_rank"],
        }
    )


@newest_version_cache(maxsize=64)
def map_table(version: int, edition: int, lang: str) -> pd.DataFrame:
    """The map's data as displayed: world rank, country and EGDI of every country with a result."""
    table = request_snapshot().edition(edition).dropna(subset=["egdi"]).sort_values(["world_rank", "iso3"])
    return pd.DataFrame(
        {
            "rank": [fmt_int(v, lang) for v in table["world_rank"]],
            "country": [country_name(c, lang) for c in table["iso3"]],
            "egdi": [fmt_number(v, lang) for v in table["egdi"]],
        }
    )


def clear_caches() -> None:
    """Forget what was computed for earlier store versions (tests that switch databases)."""
    for cached in (_peers, _peer_summary, map_rows, map_table):
        cached.cache_clear()


def shown(entity: str, edition: int | None, kind: str, custom: tuple[str, ...], x: str, y: str) -> list[object]:
    """The view the page shows, kept beside the map's state (COMPARE_MAP_STATE["shown"]): the callback that Dash fires
    when the page loads (its URL output lives outside the page) finds it drawn and sends nothing."""
    return [entity, edition, kind, list(custom), x, y]
