"""Peer sets: the countries a country is compared with, and its standing among them.

A peer set is one of
- `asean`: the ASEAN members;
- `region`, `subregion`: the countries of the entity's UN M49 region or sub-region;
- `ldc`: the least developed countries;
- `neighbours`: the k countries closest to the entity in EGDI in the edition, |EGDI_j − EGDI_entity| smallest
  (ties broken by code), among the countries with results;
- `custom`: countries chosen by hand.

The entity is always a member of its own peer set. Membership comes from the country register
(`data/countries.csv`); results come from a table with one row per country of one edition (`published_table`
columns: iso3, egdi, osi, tii, hci, epi, ...).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.entities import load_countries
from indicators.method.classify import rank_descending

PEER_KINDS = ("asean", "region", "subregion", "ldc", "neighbours", "custom")
NEIGHBOURS = 10
INDEX_COLUMNS = ("egdi", "osi", "tii", "hci", "epi")


@dataclass(frozen=True)
class PeerSet:
    """The countries of one peer set of `entity`, entity included, in register order.

    label: the region or sub-region name for `region` and `subregion` (None for the others).
    """

    kind: str
    entity: str
    members: tuple[str, ...]
    label: str | None = None


def parse_codes(text: str | Iterable[str] | None, known: Iterable[str] | None = None) -> tuple[str, ...]:
    """ISO3 codes from "THA, vnm,THA" or a list: upper-cased, duplicates and codes not in `known` dropped, order kept."""
    if text is None:
        return ()
    items = text.split(",") if isinstance(text, str) else list(text)
    allowed = set(known) if known is not None else set(load_countries().codes)
    codes: list[str] = []
    for item in items:
        code = str(item).strip().upper()
        if code in allowed and code not in codes:
            codes.append(code)
    return tuple(codes)


def nearest_in_egdi(edition_rows: pd.DataFrame, entity: str, k: int = NEIGHBOURS) -> tuple[str, ...]:
    """The k countries whose EGDI is closest to the entity's, nearest first: smallest |EGDI_j − EGDI_entity|, then code.

    Countries without an EGDI are skipped; an entity without an EGDI has no neighbours.
    """
    rows = edition_rows.dropna(subset=["egdi"])
    own = rows.loc[rows["iso3"] == entity, "egdi"]
    if own.empty or k <= 0:
        return ()
    others = rows[rows["iso3"] != entity]
    distance = (others["egdi"] - float(own.iloc[0])).abs().round(12)
    ordered = others.assign(distance=distance).sort_values(["distance", "iso3"], kind="stable")
    return tuple(ordered["iso3"].head(k))


def peer_set(
    kind: str,
    entity: str,
    edition_rows: pd.DataFrame | None = None,
    custom: Sequence[str] = (),
    k: int = NEIGHBOURS,
    countries: pd.DataFrame | None = None,
) -> PeerSet:
    """The peer set `kind` of `entity` (see the module docstring); an unknown kind is an error.

    edition_rows: the edition's results, needed for `neighbours` only. countries: the register table
    (index iso3; columns region, sub_region, asean, ldc), the project's register by default.
    """
    if kind not in PEER_KINDS:
        raise ValueError(f"unknown peer set {kind!r}: expected one of {', '.join(PEER_KINDS)}")
    table = countries if countries is not None else load_countries().table
    label: str | None = None
    if kind == "asean":
        chosen = set(table.index[table["asean"].astype(bool)])
    elif kind == "ldc":
        chosen = set(table.index[table["ldc"].astype(bool)])
    elif kind in ("region", "subregion"):
        column = "region" if kind == "region" else "sub_region"
        label = str(table.at[entity, column]) if entity in table.index else None
        chosen = set(table.index[table[column] == label]) if label is not None else set()
    elif kind == "neighbours":
        rows = edition_rows if edition_rows is not None else pd.DataFrame(columns=["iso3", "egdi"])
        chosen = set(nearest_in_egdi(rows, entity, k))
    else:
        chosen = set(custom)
    chosen.add(entity)
    ordered = [code for code in table.index if code in chosen]
    ordered += sorted(chosen - set(ordered))
    return PeerSet(kind, entity, tuple(ordered), label)


def peer_table(edition_rows: pd.DataFrame, peers: PeerSet) -> pd.DataFrame:
    """The edition's rows of the peer set's members that have results, best EGDI first, with

    peer_rank = 1 + #{peers with a higher EGDI} (equal EGDI share the better rank) and is_entity.
    """
    rows = edition_rows[edition_rows["iso3"].isin(peers.members)].copy()
    rows["peer_rank"] = pd.Series(rank_descending(rows["egdi"].to_numpy(dtype=float)), index=rows.index).astype("Int64")
    rows["is_entity"] = rows["iso3"] == peers.entity
    return rows.sort_values(["peer_rank", "iso3"], kind="stable", na_position="last").reset_index(drop=True)


def missing_members(edition_rows: pd.DataFrame, peers: PeerSet) -> tuple[str, ...]:
    """Members of the peer set without results in the edition, in the set's order."""
    present = set(edition_rows.loc[edition_rows["egdi"].notna(), "iso3"])
    return tuple(code for code in peers.members if code not in present)


def gaps_to_leader(table: pd.DataFrame, entity: str, codes: Sequence[str] = INDEX_COLUMNS) -> pd.DataFrame:
    """For each index: the entity's value, the best value in the peer table and who holds it, and

    gap = best − entity's value (≥ 0; 0 when the entity leads). A tie for the best goes to the entity, else to
    the first code alphabetically. One row per code in `codes`; values are NaN where the entity or the field has none.
    """
    own = table[table["iso3"] == entity]
    rows = []
    for code in codes:
        present = table.dropna(subset=[code]).sort_values([code, "iso3"], ascending=[False, True], kind="stable")
        value = float(own[code].iloc[0]) if not own.empty and pd.notna(own[code].iloc[0]) else np.nan
        best = float(present[code].iloc[0]) if not present.empty else np.nan
        leader = None if present.empty else entity if value == best else str(present["iso3"].iloc[0])
        rows.append({"index": code, "value": value, "leader": leader, "leader_value": best, "gap": round(best - value, 12)})
    return pd.DataFrame(rows, columns=["index", "value", "leader", "leader_value", "gap"])
