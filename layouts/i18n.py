"""Translation catalogs of the dashboard: `layouts/locales/*.yaml`, one file per page plus `common.yaml`.

Each file maps a key to its English and Khmer text (`{en: ..., km: ...}`); a key lives in exactly one file.
Numbers are written with Khmer digits in Khmer.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import yaml

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("en", "km")
KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader reads the catalogs 10x faster


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """Every key of every catalog file; a key given twice, or without both languages, is an error."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LOCALES_DIR.glob("*.yaml")):
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
        for key, texts in entries.items():
            if key in merged:
                raise ValueError(f"{path.name}: key {key!r} is already defined in another catalog")
            if not isinstance(texts, dict) or set(texts) != set(LANGUAGES):
                raise ValueError(f"{path.name}: key {key!r} needs exactly 'en' and 'km' texts")
            merged[str(key)] = {lang: str(texts[lang]) for lang in LANGUAGES}
    return merged


def t(key: str, lang: str, **params: object) -> str:
    """The text of `key` in `lang` (English for an unknown language), filled in with `params`."""
    text = catalog()[key]["km" if lang == "km" else "en"]
    return text.format(**params) if params else text


def digits(text: str, lang: str) -> str:
    """Western digits turned into Khmer digits in Khmer."""
    return text.translate(KHMER_DIGITS) if lang == "km" else text


def fmt_number(value: object, lang: str, decimals: int = 4, signed: bool = False) -> str:
    """A number for display: fixed decimals, a sign when asked, Khmer digits in Khmer; '–' when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"
    if math.isnan(number):
        return "–"
    text = f"{number:+.{decimals}f}" if signed else f"{number:.{decimals}f}"
    return digits(text, lang)


def fmt_int(value: object, lang: str) -> str:
    """A whole number (rank, year, count) for display, or '–' when missing."""
    try:
        return digits(str(int(value)), lang)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "–"
