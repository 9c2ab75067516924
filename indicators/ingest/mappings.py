"""Names of the outside world mapped to ours: indicator aliases (World Bank, ITU, UNESCO names and codes) and
rows that are not entities (regional aggregates, territories, totals), from `data/mappings/`."""

from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache

from indicators.catalogue import load_catalogue
from indicators.entities import fold_name
from indicators.paths import DATA_DIR

MAPPINGS_DIR = DATA_DIR / "mappings"


def alias_key(text: object) -> str:
    """Comparison key of an indicator name or code: case, punctuation and spacing folded, any script kept;
    underscores are kept, so our codes match only as written."""
    kept = (ch if ch == "%" or unicodedata.category(ch)[0] in "LMN" or ch == "_" else " " for ch in str(text).casefold())
    return " ".join("".join(kept).split())


@lru_cache(maxsize=1)
def indicator_aliases() -> dict[str, str]:
    """Our code for each known key: every code and name of data/indicators.csv (with and without its unit) and
    every alias of data/mappings/indicator-aliases.csv (World Bank, ITU, UNESCO, UNDP names and codes)."""
    catalogue = load_catalogue()
    pairs: list[tuple[str, str, str]] = []
    for code, spec in catalogue.items():
        for name in (code, spec.name_en, spec.name_km, f"{spec.name_en} ({spec.unit_en})", f"{spec.name_km} ({spec.unit_km})"):
            pairs.append((name, code, "data/indicators.csv"))
    with (MAPPINGS_DIR / "indicator-aliases.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code"] not in catalogue:
                raise ValueError(f"data/mappings/indicator-aliases.csv: {row['alias']!r} maps to unknown code {row['code']!r}")
            pairs.append((row["alias"], row["code"], "data/mappings/indicator-aliases.csv"))
    aliases: dict[str, str] = {}
    for alias, code, source in pairs:
        key = alias_key(alias)
        if aliases.get(key, code) != code:
            raise ValueError(f"{source}: {alias!r} maps to both {aliases[key]} and {code}")
        aliases[key] = code
    return aliases


def resolve_indicator(text: object) -> str | None:
    """Our indicator code for a code, a name or an alias; None when the indicator is not one we use."""
    if text is None:
        return None
    raw = str(text).strip()
    if raw in load_catalogue():
        return raw
    return indicator_aliases().get(alias_key(raw))


@lru_cache(maxsize=1)
def other_entities() -> tuple[frozenset[str], dict[str, str]]:
    """(codes, {folded name: name}) of entities that are not scored: regional aggregates, territories that are not
    UN Member States, national totals (data/mappings/other-entities.csv)."""
    codes: set[str] = set()
    names: dict[str, str] = {}
    with (MAPPINGS_DIR / "other-entities.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code"]:
                codes.add(row["code"].upper())
            names[fold_name(row["name"])] = row["name"]
    return frozenset(codes), names


def is_other_entity(name: object, code: object = None) -> bool:
    codes, names = other_entities()
    if code is not None and str(code).strip().upper() in codes:
        return True
    return name is not None and fold_name(str(name)) in names
