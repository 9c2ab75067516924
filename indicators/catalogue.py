"""The indicator catalogue: every indicator code the project knows, with names, units and valid range.

The catalogue is data (`data/indicators.csv`); loaders validate values against `min`/`max` (hard bounds: what a
value of that unit cannot be; the method's own caps are in the methodology files). `better` says which way is
good (`lower` for prices and ranks), and `jump` is the smallest change, in the indicator's unit, that the import
warns about as a jump (see `indicators.ingest.jumps`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from indicators.paths import DATA_DIR

DOMAINS = ("online_services", "telecom", "human_capital", "e_participation", "national", "published")
DIRECTIONS = ("higher", "lower")


@dataclass(frozen=True)
class Indicator:
    code: str
    domain: str
    name_en: str
    name_km: str
    unit_en: str
    unit_km: str
    min: float
    max: float
    note: str
    better: str = "higher"
    jump: float = 0.0

    def name(self, lang: str = "en") -> str:
        return self.name_km if lang == "km" else self.name_en

    def unit(self, lang: str = "en") -> str:
        return self.unit_km if lang == "km" else self.unit_en


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, Indicator]:
    """All indicators by code, in file order."""
    with (DATA_DIR / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    catalogue: dict[str, Indicator] = {}
    for row in rows:
        indicator = Indicator(
            code=row["code"],
            domain=row["domain"],
            name_en=row["name_en"],
            name_km=row["name_km"],
            unit_en=row["unit_en"],
            unit_km=row["unit_km"],
            min=float(row["min"]),
            max=float(row["max"]),
            note=row["note"],
            better=row["better"],
            jump=float(row["jump"]),
        )
        if indicator.domain not in DOMAINS:
            raise ValueError(f"data/indicators.csv: unknown domain {indicator.domain!r} for {indicator.code}")
        if indicator.better not in DIRECTIONS:
            raise ValueError(f"data/indicators.csv: 'better' must be higher or lower, not {indicator.better!r}, for {indicator.code}")
        catalogue[indicator.code] = indicator
    return catalogue


def input_codes() -> list[str]:
    """Codes of the raw inputs that methodology files combine (every domain but `published`)."""
    return [code for code, ind in load_catalogue().items() if ind.domain != "published"]
