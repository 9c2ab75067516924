""" "About this data" under every chart: where the numbers come from, how to cite them, their licence, when they were
last updated in this store, and what this tool did to them, in the page language."""

from __future__ import annotations

from dataclasses import dataclass

from layouts.i18n import digits, t
from layouts.views.snapshot import NOT_DATA_KINDS, request_snapshot, store
from layouts.views.version_cache import newest_version_cache


@dataclass(frozen=True)
class AboutData:
    source: str
    citation: str
    licence: str
    updated: str  # the date the data shown last changed in this store
    processing: str


@newest_version_cache(maxsize=4)
def _updated(version: int) -> str:
    versions = store().versions()
    data = versions[~versions["kind"].isin(NOT_DATA_KINDS)]
    return str(data["created_at"].max())[:10] if not data.empty else ""


def last_updated(lang: str) -> str:
    """The day the newest data version landed (YYYY-MM-DD, Khmer digits in Khmer); '–' on an empty store."""
    day = _updated(request_snapshot().version)
    return digits(day, lang) if day else "–"


def survey_about(lang: str, processing_key: str = "chart_processing_published") -> AboutData:
    """The UN E-Government Survey's published results (EGDI, sub-indices, ranks)."""
    return AboutData(
        t("chart_source_survey", lang),
        t("chart_citation_survey", lang),
        t("chart_licence_un", lang),
        last_updated(lang),
        t(processing_key, lang),
    )


def indicators_about(lang: str, processing_key: str = "chart_processing_indicators") -> AboutData:
    """Component indicators (ITU, UNESCO, UNDP, national sources; each value's source is in the table)."""
    return AboutData(
        t("chart_source_indicators", lang),
        t("chart_citation_indicators", lang),
        t("chart_licence_sources", lang),
        last_updated(lang),
        t(processing_key, lang),
    )


def targets_about(lang: str) -> AboutData:
    """A target's chart: the survey or indicator series, the targets file and the projection."""
    return AboutData(
        t("chart_source_targets", lang),
        t("chart_citation_survey", lang),
        t("chart_licence_un", lang),
        last_updated(lang),
        t("chart_processing_targets", lang),
    )


def clear_caches() -> None:
    """Forget the dates read for earlier store versions (tests that switch databases)."""
    _updated.cache_clear()
