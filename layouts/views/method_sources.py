"""Sources and attribution on the Methodology page: every publisher whose data the tool ships, with its attribution,
licence and link, in the page language (`indicators.ingest.bundled.attributions`, read from data/bundled), and the
bundled files of each (for the technical details)."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.ingest.bundled import attributions
from layouts.i18n import fmt_int, t


@dataclass(frozen=True)
class SourceRow:
    name: str
    attribution: str
    licence: str
    url: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class SourcesView:
    title: str
    intro: str
    caption: str
    headers: list[str]
    rows: list[SourceRow]
    files_title: str
    files_counts: list[str]  # "12 files", one per row


def sources_view(lang: str) -> SourcesView:
    rows = [SourceRow(a.name, a.attribution, a.licence, a.url, a.files) for a in attributions(lang)]
    keys = ("methodology_sources_publisher", "methodology_sources_attribution", "methodology_sources_licence", "methodology_sources_link")
    return SourcesView(
        t("methodology_sources_title", lang),
        t("methodology_sources_intro", lang),
        t("methodology_sources_caption", lang),
        [t(key, lang) for key in keys],
        rows,
        t("methodology_sources_files_title", lang),
        [t("methodology_sources_files", lang, count=fmt_int(len(row.files), lang)) for row in rows],
    )
