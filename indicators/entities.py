"""Registers of the entities the project scores: the 193 UN Member States and Cambodia's 25 provinces.

Names are matched after folding: case, surrounding and repeated spaces, accents (Türkiye = Turkiye) and
apostrophe styles are ignored. Every name the UN has used across editions is listed in
`data/country_names.csv`; an unknown name gets the closest known names as suggestions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from indicators.paths import DATA_DIR


def fold_name(name: str) -> str:
    """The comparison key of a name: accents removed, apostrophes unified, case and spacing folded."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace("‘", "'").replace("`", "'")
    return re.sub(r"\s+", " ", plain).strip().casefold()


@dataclass(frozen=True)
class EntityRegister:
    """Codes and names of one kind of entity, with every known spelling of each name.

    table: one row per entity, indexed by code, with at least name_en and name_km.
    """

    kind: str
    table: pd.DataFrame
    lookup: dict[str, str]

    def resolve(self, name: object) -> str | None:
        """The code of an entity given its code or any known name; None if unknown."""
        if name is None:
            return None
        text = str(name).strip()
        if text.upper() in self.table.index:
            return text.upper()
        return self.lookup.get(fold_name(text))

    def suggest(self, name: object, limit: int = 3) -> list[str]:
        """The closest known names, best first (for "did you mean")."""
        folded = fold_name(str(name))
        keys = difflib.get_close_matches(folded, list(self.lookup), n=limit * 3, cutoff=0.6)
        names: list[str] = []
        for key in keys:
            display = str(self.table.at[self.lookup[key], "name_en"])
            if display not in names:
                names.append(display)
        return names[:limit]

    def name(self, code: str, lang: str = "en") -> str:
        """The display name of an entity in `lang`; English where no Khmer name is known."""
        if code not in self.table.index:
            return code
        if lang == "km":
            khmer = self.table.at[code, "name_km"]
            if isinstance(khmer, str) and khmer:
                return khmer
        return str(self.table.at[code, "name_en"])

    @property
    def codes(self) -> list[str]:
        return list(self.table.index)


def _build_lookup(pairs: list[tuple[str, str]], source: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for code, name in pairs:
        key = fold_name(name)
        if not key:
            continue
        if lookup.get(key, code) != code:
            raise ValueError(f"{source}: the name {name!r} is given to both {lookup[key]} and {code}")
        lookup[key] = code
    return lookup


@lru_cache(maxsize=1)
def load_countries() -> EntityRegister:
    """The 193 UN Member States (data/countries.csv) with their name variants (data/country_names.csv)."""
    table = pd.read_csv(DATA_DIR / "countries.csv", dtype={"m49": str, "name_km": str}, keep_default_na=False).set_index("iso3")
    table["asean"] = table["asean"].astype(bool)
    table["ldc"] = table["ldc"].astype(bool)
    names = pd.read_csv(DATA_DIR / "country_names.csv", keep_default_na=False)
    unknown = sorted(set(names["iso3"]) - set(table.index))
    if unknown:
        raise ValueError(f"data/country_names.csv: codes not in data/countries.csv: {unknown}")
    pairs = list(zip(table.index, table["name_en"], strict=True)) + list(zip(names["iso3"], names["name"], strict=True))
    return EntityRegister("country", table, _build_lookup(pairs, "data/country_names.csv"))


@lru_cache(maxsize=1)
def load_provinces() -> EntityRegister:
    """Cambodia's 25 provinces (data/provinces.csv), coded by ISO 3166-2:KH."""
    table = pd.read_csv(DATA_DIR / "provinces.csv", keep_default_na=False).set_index("code")
    pairs = list(zip(table.index, table["name_en"], strict=True)) + list(zip(table.index, table["name_km"], strict=True))
    for code, aliases in zip(table.index, table["aliases"], strict=True):
        pairs += [(code, alias) for alias in str(aliases).split("|") if alias.strip()]
    return EntityRegister("province", table, _build_lookup(pairs, "data/provinces.csv"))


def load_register(kind: str) -> EntityRegister:
    """The register for an entity kind of a methodology file ('country' or 'province')."""
    return load_provinces() if kind == "province" else load_countries()
