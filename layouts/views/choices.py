"""What the controls offer and which value they take: countries by name in the page language, and the edition a URL
(or a control) asks for when it is one on offer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from layouts.views.labels import country_name


def country_options(codes: Iterable[str], lang: str) -> list[dict[str, str]]:
    """Drop-down options for countries, by name in `lang`."""
    return [{"label": country_name(code, lang), "value": code} for code in sorted(codes, key=lambda code: country_name(code, lang))]


def asked_edition(value: object) -> int | None:
    """The edition a URL value or a control names (`"2022"`, `2022`), else None."""
    text = str(value if value is not None else "")
    return int(text) if text.isdigit() else None


def chosen_edition(value: object, editions: Sequence[int]) -> int | None:
    """The edition asked for when it is one of `editions`, else the latest of them (None when there are none)."""
    asked = asked_edition(value)
    return asked if asked in editions else (editions[-1] if editions else None)
