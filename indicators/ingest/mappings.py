"""Series of the outside world mapped to our indicator codes: publisher knowledge as data.

- `data/sources/series.csv`: each publisher's series codes and names, with their unit, our code (empty for a
  series the tool knows and does not use, such as a count beside the per-100 series it reads), the years a
  definition applies to (ITU price baskets change their basket over time) and a note;
- `data/mappings/indicator-aliases.csv`: our own codes and a few generic names of national files;
- `data/indicators.csv`: every code, and every name *with its unit* ("Internet users (% of population)").

A name without its unit never maps to a per-100 or % code: "Mobile cellular subscriptions" is the count
`IT.CEL.SETS`, not the per-100 series. Codes and names are compared after `alias_key` folding; a key that would
map to two codes is a data error raised when the tables load.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from indicators.catalogue import load_catalogue
from indicators.paths import DATA_DIR

MAPPINGS_DIR = DATA_DIR / "mappings"
SOURCES_DIR = DATA_DIR / "sources"
RATE_UNITS = ("%", "per 100")


@dataclass(frozen=True)
class Series:
    """A series the tool knows: how a publisher writes it (`key`, a code or a name), its unit, our code (None when
    not used), the first and last year its definition applies to (None: open), the publisher and a note."""

    key: str
    indicator: str | None
    unit: str = ""
    publisher: str = ""
    first_year: int | None = None
    last_year: int | None = None
    note: str = ""


def alias_key(text: object) -> str:
    """Comparison key of an indicator name or code: case, punctuation and spacing folded, any script kept;
    underscores are kept, so our codes match only as written."""
    kept = (ch if ch == "%" or unicodedata.category(ch)[0] in "LMN" or ch == "_" else " " for ch in str(text).casefold())
    return " ".join("".join(kept).split())


def is_rate_unit(unit: str) -> bool:
    return any(marker in unit.casefold() for marker in RATE_UNITS)


def _years(text: str) -> tuple[int | None, int | None]:
    first, _, last = text.partition("-")
    return (int(first) if first else None), (int(last) if last else None)


@lru_cache(maxsize=1)
def series_table() -> dict[str, Series]:
    """Every known series by `alias_key`: our codes, catalogue names with their units (and without them where the
    unit is not a rate), indicator-aliases.csv and the publishers' series (data/sources/series.csv)."""
    catalogue = load_catalogue()
    entries: list[tuple[Series, str]] = []
    for code, spec in catalogue.items():
        names = [code, f"{spec.name_en} ({spec.unit_en})", f"{spec.name_km} ({spec.unit_km})"]
        if not is_rate_unit(spec.unit_en):
            names += [spec.name_en, spec.name_km]
        entries += [(Series(name, code, spec.unit_en), "data/indicators.csv") for name in names]
    with (MAPPINGS_DIR / "indicator-aliases.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code"] not in catalogue:
                raise ValueError(f"data/mappings/indicator-aliases.csv: {row['alias']!r} maps to unknown code {row['code']!r}")
            entries.append((Series(row["alias"], row["code"], catalogue[row["code"]].unit_en, note=row["note"]), "indicator-aliases.csv"))
    with (SOURCES_DIR / "series.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            indicator = row["indicator"] or None
            if indicator is not None and indicator not in catalogue:
                raise ValueError(f"data/sources/series.csv: {row['series']!r} maps to unknown code {indicator!r}")
            first, last = _years(row["years"])
            series = Series(row["series"], indicator, row["unit"], row["publisher"], first, last, row["note"])
            entries.append((series, "data/sources/series.csv"))
    table: dict[str, Series] = {}
    for series, source in entries:
        key = alias_key(series.key)
        known = table.get(key)
        if known is not None and known.indicator != series.indicator:
            raise ValueError(f"{source}: {series.key!r} maps to both {known.indicator} and {series.indicator}")
        table.setdefault(key, series)
    return table


def resolve_series(text: object) -> Series | None:
    """The known series a code or name stands for (used or not); None when unknown."""
    if text is None:
        return None
    return series_table().get(alias_key(str(text).strip()))


def resolve_indicator(text: object) -> str | None:
    """Our indicator code for a code, a name (with its unit) or an alias; None when the indicator is not one we use."""
    if text is None:
        return None
    raw = str(text).strip()
    if raw in load_catalogue():
        return raw
    found = resolve_series(raw)
    return found.indicator if found is not None else None


def series_read(publisher: str = "") -> list[Series]:
    """The series the tool reads (mapped to one of our codes): the publisher's codes, else every publisher's."""
    known = {s.key: s for s in series_table().values() if s.indicator and s.publisher and (not publisher or s.publisher == publisher)}
    codes = [s for s in known.values() if " " not in s.key]
    return sorted(codes or known.values(), key=lambda s: (s.indicator or "", s.key))
