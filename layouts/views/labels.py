"""The words and numbers several pages share: country names (looked up once per language), the short name of an
index, the name of an EGDI group, an indicator's value with the decimals it is shown with, and the address of a page
in the page language."""

from __future__ import annotations

from functools import lru_cache

from indicators.entities import load_countries
from indicators.outlook.targets import RANK_INDICATORS
from layouts.i18n import catalog, fmt_number, t

INDEX_INDICATORS = ("egdi", "osi", "tii", "hci", "epi")


@lru_cache(maxsize=2)
def country_names(lang: str) -> dict[str, str]:
    """Every Member State's name in `lang`, looked up once (the register answers one name at a time)."""
    countries = load_countries()
    return {code: countries.name(code, lang) for code in countries.codes}


def country_name(code: str, lang: str) -> str:
    """A Member State's name in `lang`; the code itself when it is not one."""
    return country_names(lang).get(code, code)


def index_label(code: str, lang: str) -> str:
    """'EGDI', or the short name of a sub-index ('OSI', 'TII', 'HCI', 'EPI')."""
    return t("egdi", lang) if code == "egdi" else t(f"{code}_short", lang)


def group_text(group: object, lang: str) -> str:
    """An EGDI group's name ('High'), or '–' when there is none."""
    return t(f"group_{group}", lang) if isinstance(group, str) else "–"


def decimals(indicator: str) -> int:
    """Decimals shown for an indicator's values: 4 for indices, 0 for ranks, 2 otherwise."""
    if indicator in INDEX_INDICATORS:
        return 4
    return 0 if indicator in RANK_INDICATORS else 2


def fmt_value(value: object, indicator: str, lang: str, signed: bool = False) -> str:
    """A value of `indicator` for display, with its decimals (Khmer digits in Khmer)."""
    return fmt_number(value, lang, decimals(indicator), signed)


def page_href(path: str, lang: str) -> str:
    """The address of a page in the page language: `/data`, or `/data?lang=km` in Khmer."""
    return path + ("?lang=km" if lang == "km" else "")


def catalog_texts(prefix: str, lang: str) -> dict[str, str]:
    """The texts of every catalog key that starts with `prefix`, by the rest of the key: a control's own texts (a
    drop-down's "Select all", a grid's filter menu)."""
    return {key[len(prefix) :]: t(key, lang) for key in catalog() if key.startswith(prefix)}
