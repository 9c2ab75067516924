"""One province on the Provinces page, as plain data: its criteria bars against the provinces' median, a headline
(overall score, level, rank, indicators met, change), the indicators not found on its portal, its connectivity and
human capital against the national figure, and its PDF brief. Cached per store version.

    median_c = the median, over the provinces with a score of part c in the year, of that score
    change   = overall − overall of the province's previous complete assessment
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from indicators.method.losi import OVERALL
from indicators.method.panels import NATIONAL, PANEL_NAMES, province_panels
from indicators.method.provinces import ProvinceData, answers, criteria_profile
from indicators.report import ProvinceReport, build_province_brief, gather_province
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.provinces import current, data_of, level_classes, province_name, questionnaire_of, ranked
from layouts.views.snapshot import request_snapshot, store
from layouts.views.version_cache import newest_version_cache

ProvinceCharts = Callable[[ProvinceReport, str, Mapping[str, float]], dict[str, bytes]]


def medians(data: ProvinceData, year: int) -> dict[str, float]:
    """Each part's median over the provinces with a score of it in `year`."""
    table = ranked(data, year)
    parts = [OVERALL, *(c.code for c in questionnaire_of(data, year).criteria)]
    return {part: float(table[part].median()) for part in parts if part in table.columns}


@dataclass(frozen=True)
class Profile:
    """One province in one year: its criteria bars (indicators.method.provinces.PROFILE_COLUMNS plus `median`) and
    headline, the indicators not found on its portal, its panels; `missing` says why there is nothing to show."""

    title: str
    missing: str | None
    headline: str
    bars: pd.DataFrame
    summary: str
    table_headers: list[str]
    table: pd.DataFrame
    not_found: list[tuple[str, str, str]]  # criterion name, indicator code, question in the page language
    panels: list[tuple[str, list[list[str]]]]  # panel name, rows: indicator (unit), value, year, national, year, difference, source
    fictional: bool = False  # the scores are demonstration data


def panel_headers(province: str, lang: str) -> list[str]:
    """Indicator, the province's name, year, Cambodia, year, difference, source."""
    national = [t(key, lang) for key in ("provinces_col_year", "provinces_col_national", "provinces_col_year")]
    tail = [t(key, lang) for key in ("provinces_col_difference", "provinces_col_source")]
    return [t("provinces_col_indicator", lang), province_name(province, lang), *national, *tail]


def panel_rows(data: ProvinceData, province: str, lang: str) -> list[tuple[str, list[list[str]]]]:
    """The province's connectivity and human capital (`province_panels`, latest values) formatted for the page: one
    row per indicator, missing values as '–', a FICTIONAL value's source said so in the page language."""
    observations = data.observations
    panels = province_panels(observations[observations["entity"].isin([province, NATIONAL])], province)
    shown = []
    for panel, rows in panels.groupby("panel", sort=False):
        lines = [
            [
                f"{r[f'name_{lang}']} ({r[f'unit_{lang}']})",
                fmt_number(r["value"], lang, 1),
                fmt_int(r["year"], lang),
                fmt_number(r["national"], lang, 1),
                fmt_int(r["national_year"], lang),
                fmt_number(r["difference"], lang, 1, signed=True),
                t("provinces_fictional_source", lang) if r["fictional"] else str(r["source"]) if isinstance(r["source"], str) else "–",
            ]
            for r in rows.to_dict("records")
        ]
        shown.append((PANEL_NAMES[str(panel)][lang], lines))
    return shown


def _headline(data: ProvinceData, bars: pd.DataFrame, province: str, year: int, lang: str) -> str:
    overall = bars[bars["part"] == OVERALL].iloc[0]
    table = ranked(data, year)
    rank = table.loc[table["code"] == province, "rank"].iloc[0]
    levels = {c.code: c.name for c in level_classes(questionnaire_of(data, year), lang)}
    earlier = data.scores[(data.scores["entity"] == province) & (data.scores["year"] < year) & data.scores["complete"].astype(bool)]
    change = t("provinces_profile_first", lang)
    if not pd.isna(overall["change"]) and not earlier.empty:
        change = t(
            "provinces_profile_change",
            lang,
            change=fmt_number(overall["change"], lang, 2, signed=True),
            year=fmt_int(earlier["year"].max(), lang),
        )
    return " · ".join(
        [
            t(
                "provinces_profile_cards",
                lang,
                score=fmt_number(overall["score"], lang, 2),
                level=levels.get(str(overall["level"]), "–"),
                rank=fmt_int(None if pd.isna(rank) else rank, lang),
                ranked=fmt_int(table["rank"].notna().sum(), lang),
                met=fmt_int(overall["points"], lang),
                count=fmt_int(overall["indicators"], lang),
            ),
            change,
        ]
    )


@newest_version_cache(maxsize=64)
def _profile(version: int, province: str, year: int, lang: str) -> Profile:
    data = data_of(version)
    name = province_name(province, lang)
    title = t("provinces_profile_title", lang, province=name, year=fmt_int(year, lang))
    panels = panel_rows(data, province, lang)
    profile = criteria_profile(data, province, year)
    if profile.empty or profile["score"].isna().all():
        missing = t("provinces_not_assessed_in", lang, province=name, year=fmt_int(year, lang))
        return Profile(title, missing, "", profile, "", [], pd.DataFrame(), [], panels)
    middle = medians(data, year)
    profile = profile.assign(median=profile["part"].map(middle).astype(float))
    profile.loc[profile["part"] == OVERALL, f"name_{lang}"] = t("provinces_overall", lang)
    names = profile[f"name_{lang}"]
    values = [
        t("provinces_criteria_value", lang, name=n, score=fmt_number(s, lang, 2), median=fmt_number(m, lang, 2))
        for n, s, m in zip(names, profile["score"], profile["median"], strict=True)
    ]
    summary = t("provinces_criteria_summary", lang, province=name, year=fmt_int(year, lang), values="; ".join(values))
    headers = [t(k, lang) for k in ("provinces_col_criterion", "provinces_col_score", "provinces_col_met", "provinces_col_median")]
    table = pd.DataFrame(
        {
            "criterion": names,
            "score": [fmt_number(v, lang, 2) for v in profile["score"]],
            "met": [f"{fmt_int(p, lang)} / {fmt_int(n, lang)}" for p, n in zip(profile["points"], profile["indicators"], strict=True)],
            "median": [fmt_number(v, lang, 2) for v in profile["median"]],
        }
    )
    questionnaire = questionnaire_of(data, year)
    criteria = {c.code: c.name(lang) for c in questionnaire.criteria}
    given = answers(data, province, year)
    absent = given[given["answer"] == "no"]
    not_found = [(criteria[str(r["criterion"])], str(r["indicator"]), str(r[f"question_{lang}"])) for r in absent.to_dict("records")]
    headline = _headline(data, profile, province, year, lang)
    scores = data.scores[(data.scores["entity"] == province) & (data.scores["year"] == year)]
    fictional = bool(scores["fictional"].astype(bool).any())
    return Profile(title, None, headline, profile, summary, headers, table, not_found, panels, fictional)


def profile(province: str, year: int, lang: str) -> Profile:
    """`province` in `year`: criteria bars against the provinces' median, headline, the indicators not found on its
    portal (answered no), its connectivity and human capital panels."""
    return _profile(request_snapshot().version, province, year, lang)


def build_brief(province: str, year: int | None, lang: str, charts: ProvinceCharts) -> tuple[bytes, str]:
    """The province brief (PDF bytes) and its file name, from the page's cached data; its criteria chart drawn by
    `charts` (views draw nothing). Raises ReportError (unknown province, no assessment) or ChartRenderError."""
    data = current()
    report = gather_province(store(), province, year, data=data)
    pdf = build_province_brief(report, lang, charts(report, lang, medians(data, report.year)))
    return pdf, f"province-brief-{report.code}-{report.year}-{lang}.pdf"


def clear_caches() -> None:
    """Forget the profiles of earlier store versions (tests that switch databases)."""
    _profile.cache_clear()
