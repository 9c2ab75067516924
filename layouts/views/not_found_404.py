"""The page for an address the dashboard does not have: what happened and where to go, in the page language."""

from __future__ import annotations

from dataclasses import dataclass

from layouts.i18n import t
from layouts.views.labels import page_href


@dataclass(frozen=True)
class NotFound:
    title: str
    text: str
    link: str
    href: str


def not_found(lang: str) -> NotFound:
    return NotFound(t("not_found_title", lang), t("not_found_text", lang), t("not_found_link", lang), page_href("/", lang))
