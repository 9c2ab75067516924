"""The accessibility statement: what the dashboard does for people who use a keyboard, a screen reader, a phone or
Khmer, what is known not to work yet, how it is checked, and whom to tell; every line from the catalog."""

from __future__ import annotations

from dataclasses import dataclass

from layouts.i18n import t

SECTIONS = {
    "accessibility_done": ("keyboard", "focus", "names", "charts", "tables", "language", "phone", "contrast"),
    "accessibility_limits": ("maps", "pdf", "grids"),
    "accessibility_checks": ("axe", "manual"),
}


@dataclass(frozen=True)
class Statement:
    title: str
    intro: str
    sections: list[tuple[str, list[str]]]  # heading, its points
    contact: str


def statement(lang: str) -> Statement:
    sections = [(t(f"{key}_title", lang), [t(f"{key}_{point}", lang) for point in points]) for key, points in SECTIONS.items()]
    return Statement(t("accessibility_title", lang), t("accessibility_intro", lang), sections, t("accessibility_contact", lang))
