"""The report's words in English and Khmer: `strings.yaml` next to this module, one key per text, `{en, km}` each.

Numbers in text use Khmer digits in Khmer (as the dashboard does); numbers in workbook cells stay numbers.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from indicators.i18n import digits

CATALOG = Path(__file__).resolve().parent / "strings.yaml"
LANGUAGES = ("en", "km")


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """Every key of the catalog; a key without exactly an English and a Khmer text is an error."""
    entries = yaml.safe_load(CATALOG.read_text(encoding="utf-8")) or {}
    merged: dict[str, dict[str, str]] = {}
    for key, texts in entries.items():
        if not isinstance(texts, dict) or set(texts) != set(LANGUAGES):
            raise ValueError(f"{CATALOG.name}: key {key!r} needs exactly 'en' and 'km' texts")
        merged[str(key)] = {lang: str(texts[lang]) for lang in LANGUAGES}
    return merged


def language(lang: object) -> str:
    return "km" if lang == "km" else "en"


def text(key: str, lang: str, **params: object) -> str:
    """The text of `key` in `lang` (English unless 'km'), filled in with `params`."""
    template = catalog()[key][language(lang)]
    return template.format(**params) if params else template


def missing(value: object) -> bool:
    """None, NaN, pd.NA and NaT are missing; anything else (text included) is not."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def number(value: object, lang: str, decimals: int = 4, signed: bool = False) -> str:
    """A number with fixed decimals (and a sign when asked), Khmer digits in Khmer; '–' when missing."""
    if missing(value):
        return "–"
    try:
        figure = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"
    shown = f"{figure:+.{decimals}f}" if signed else f"{figure:.{decimals}f}"
    return digits(shown, lang)


def integer(value: object, lang: str, signed: bool = False) -> str:
    """A whole number (rank, year, count), or '–' when missing."""
    if missing(value):
        return "–"
    try:
        whole = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "–"
    return digits(f"{whole:+d}" if signed else str(whole), lang)


def day(when: date, lang: str) -> str:
    """A date as 2026-11-25 (Khmer digits in Khmer)."""
    return digits(when.isoformat(), lang)
