"""One entity matcher for every layout: a file's entity names and codes to our countries or provinces, or to the
rows the tool skips (regional aggregates, territories that are not UN Member States, national totals).

Knowledge is data: the registers (`indicators.entities`: every UN spelling), each publisher's own spellings
(`data/sources/country-names.csv`, `province-names.csv`: "Korea (Rep. of)", "Tanzania (United Republic of)") and
the rows to skip (`data/sources/other-entities.csv`: World Bank aggregate codes, UNDP's ZZA…ZZK, ITU territories).
Names are compared after folding (case, accents, spacing; see `indicators.entities.fold_name`); besides, zero-width
characters are dropped and Khmer province prefixes (ខេត្ត "province", រាជធានី "capital", ក្រុង "city") are
folded, so "រាជធានីភ្នំពេញ" is Phnom Penh. A code (ISO3, ISO 3166-2:KH) wins over a name.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from indicators.entities import EntityRegister, fold_name, load_countries, load_provinces
from indicators.ingest.cells import blank
from indicators.paths import DATA_DIR

SOURCES_DIR = DATA_DIR / "sources"
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
KHMER_PREFIXES = ("រាជធានី", "ខេត្ត", "ក្រុង")
LATIN_AFFIXES = re.compile(r"^(?:khett?|krong|province of)\s+|\s+(?:province|capital)$", re.IGNORECASE)
NAME_FILES = {"country": "country-names.csv", "province": "province-names.csv"}
KINDS = ("aggregate", "territory", "national total")


@dataclass(frozen=True)
class Match:
    """What an entity cell is: `ok` (one of ours, `code`), `other` (skipped, `kind` says why), `unknown`, `missing`."""

    status: str
    code: str | None = None
    kind: str = ""
    name: str = ""


def name_variants(text: str) -> list[str]:
    """A name as written, then without zero-width characters, then without a province prefix or suffix."""
    plain = text.translate(ZERO_WIDTH).strip()
    variants = [text, plain]
    for prefix in KHMER_PREFIXES:
        if plain.startswith(prefix):
            variants.append(plain[len(prefix) :].strip())
    variants.append(LATIN_AFFIXES.sub("", plain).strip())
    return list(dict.fromkeys(v for v in variants if v))


@lru_cache(maxsize=1)
def other_entities() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """({code: (kind, name)}, {folded name: (kind, name)}) of the rows that are not scored (other-entities.csv)."""
    codes: dict[str, tuple[str, str]] = {}
    names: dict[str, tuple[str, str]] = {}
    with (SOURCES_DIR / "other-entities.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] not in KINDS:
                raise ValueError(f"data/sources/other-entities.csv: unknown kind {row['kind']!r} for {row['name']!r}")
            if row["code"]:
                codes.setdefault(row["code"].upper(), (row["kind"], row["name"]))
            names.setdefault(fold_name(row["name"]), (row["kind"], row["name"]))
    return codes, names


def other_entity(name: object, code: object = None) -> tuple[str, str] | None:
    """(kind, name) when a row is an aggregate, a territory or a total; None otherwise."""
    codes, names = other_entities()
    if code is not None and str(code).strip().upper() in codes:
        return codes[str(code).strip().upper()]
    if name is None:
        return None
    for variant in name_variants(str(name)):
        if fold_name(variant) in names:
            return names[fold_name(variant)]
    return None


def is_other_entity(name: object, code: object = None) -> bool:
    return other_entity(name, code) is not None


@lru_cache(maxsize=2)
def publisher_spellings(kind: str) -> dict[str, str]:
    """{folded name: code} of the publishers' own spellings of our countries or provinces."""
    register = load_provinces() if kind == "province" else load_countries()
    column = "code" if kind == "province" else "iso3"
    found: dict[str, str] = {}
    with (SOURCES_DIR / NAME_FILES[kind]).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row[column]
            if code not in register.table.index:
                raise ValueError(f"data/sources/{NAME_FILES[kind]}: {row['name']!r} maps to unknown code {code!r}")
            known = register.resolve(row["name"])
            if found.get(fold_name(row["name"]), code) != code or (known is not None and known != code):
                raise ValueError(f"data/sources/{NAME_FILES[kind]}: {row['name']!r} is given to two {kind} codes")
            found[fold_name(row["name"])] = code
    return found


class EntityMatcher:
    """Resolves (name, code) cells against one register, the publishers' spellings and the rows to skip."""

    def __init__(self, register: EntityRegister):
        self.register = register
        self.kind = register.kind
        self.spellings = publisher_spellings(register.kind)

    def resolve_name(self, name: str) -> str | None:
        for variant in name_variants(name):
            code = self.register.resolve(variant) or self.spellings.get(fold_name(variant))
            if code is not None:
                return code
        return None

    def match(self, name: str, code: str) -> Match:
        """`name` and `code` as written (either may be empty)."""
        if not name and not code:
            return Match("missing")
        found = (self.register.resolve(code) if code else None) or (self.resolve_name(name) if name else None)
        if found is not None:
            return Match("ok", found)
        other = other_entity(name or None, code or None)
        if other is not None:
            return Match("other", None, other[0], other[1])
        return Match("unknown", None, "", name or code)

    def suggest(self, name: str) -> list[str]:
        plain = name_variants(name)[-1]
        return self.register.suggest(plain)


def guess_register(names: Iterable[object]) -> EntityRegister:
    """The province register when most distinct entity names are Cambodian provinces, else the country register."""
    distinct = {str(n).strip() for n in names if not blank(n)}
    provinces = EntityMatcher(load_provinces())
    resolved = sum(provinces.resolve_name(name) is not None for name in distinct)
    return provinces.register if distinct and resolved * 2 > len(distinct) else load_countries()
