"""Provinces (ministry and provincial staff): the provincial portal assessment (LOSI-style) on a map and in a
ranking, the choices of the page, its notices and method note, as plain data read from the store once per store
version (`indicators.method.provinces.province_data`) and cached. One province's profile: `province_profile`.

    score_c = points_c / n_c;  overall = Σ_c points_c / Σ_c n_c    (shares of points: indicators.method.losi)
    level   = the questionnaire's fixed thresholds (very high > 0.75 ≥ high > 0.50 ≥ middle > 0.25 ≥ low)

While no real assessment (or no provincial panel value) is stored, the FICTIONAL demonstration data is shown
(`indicators.method.demo`); `fictional_notices` says so, in the words of the province brief.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.entities import load_provinces
from indicators.method.losi import OVERALL
from indicators.method.panels import NATIONAL
from indicators.method.provinces import ProvinceData, assessment_years, map_values, province_data, ranking
from indicators.questionnaire import Questionnaire, available_questionnaires, load_questionnaire
from indicators.report.strings import text
from indicators.tidy import fictional_mask
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.about_data import AboutData, last_updated
from layouts.views.choices import chosen_edition
from layouts.views.snapshot import request_snapshot, store
from layouts.views.version_cache import newest_version_cache

DEFAULT_PROVINCE = "KH-12"  # Phnom Penh
NOT_ASSESSED = "not_assessed"


@newest_version_cache(maxsize=4)
def data_of(version: int) -> ProvinceData:
    """The provinces' scores, answers and panel values of store version `version` (read once)."""
    return province_data(store())


def current() -> ProvinceData:
    """The provinces' scores, answers and panel values of the current store version."""
    return data_of(request_snapshot().version)


@newest_version_cache(maxsize=8)
def _ranking(version: int, year: int) -> pd.DataFrame:
    return ranking(data_of(version), year)


def ranked(data: ProvinceData, year: int) -> pd.DataFrame:
    """`indicators.method.provinces.ranking` of `year`, computed once per store version for the current data."""
    version = request_snapshot().version
    return _ranking(version, year) if data is data_of(version) else ranking(data, year)


@dataclass(frozen=True)
class Choice:
    """The assessment years (oldest first) and what is chosen; `year` is None when nothing is assessed."""

    years: list[int]
    year: int | None
    part: str
    province: str
    unknown: str | None = None  # a province asked for that is not one of the 25


def questionnaire_of(data: ProvinceData, year: int | None) -> Questionnaire:
    """The questionnaire the year's answers follow (the newest one used that year), else the newest there is."""
    used = set(data.scores.loc[data.scores["year"] == year, "questionnaire"])
    newest = [q for q in available_questionnaires() if q in used]
    return load_questionnaire(newest[-1] if newest else None)


def choose(data: ProvinceData, year: object = None, part: object = None, province: object = None) -> Choice:
    """The year asked for when assessed (else the latest), the part asked for when the year's questionnaire has it
    (else overall), and the province asked for by code or name when known (else Phnom Penh)."""
    years = assessment_years(data)
    chosen = chosen_edition(year, years)
    parts = [OVERALL, *(c.code for c in questionnaire_of(data, chosen).criteria)]
    code = load_provinces().resolve(str(province)) if province else None
    unknown = str(province) if province and code is None else None
    return Choice(years, chosen, str(part) if part in parts else OVERALL, code or DEFAULT_PROVINCE, unknown)


def unknown_province(choice: Choice, lang: str) -> str | None:
    """What to say when the address names a province that does not exist (the default one is shown)."""
    if choice.unknown is None:
        return None
    return t("provinces_unknown_province", lang, value=choice.unknown, province=province_name(choice.province, lang))


def year_options(years: list[int], lang: str) -> list[dict[str, object]]:
    return [{"label": fmt_int(year, lang), "value": year} for year in reversed(years)]


def part_options(data: ProvinceData, year: int | None, lang: str) -> list[dict[str, str]]:
    """Overall, then each criterion of the year's questionnaire, by name in `lang`."""
    criteria = questionnaire_of(data, year).criteria
    return [{"label": t("provinces_part_overall", lang), "value": OVERALL}, *({"label": c.name(lang), "value": c.code} for c in criteria)]


def part_name(data: ProvinceData, year: int | None, part: str, lang: str) -> str:
    return next(str(o["label"]) for o in part_options(data, year, lang) if o["value"] == part)


def province_options(lang: str) -> list[dict[str, str]]:
    """The 25 provinces by name in `lang`."""
    provinces = load_provinces()
    names = {code: provinces.name(code, lang) for code in provinces.codes}
    return [{"label": name, "value": code} for code, name in sorted(names.items(), key=lambda item: item[1])]


def province_name(code: str, lang: str) -> str:
    return load_provinces().name(code, lang)


@dataclass(frozen=True)
class LevelClass:
    """A colour class of the map: a level of the questionnaire (or not assessed) and its legend label."""

    code: str
    name: str
    label: str


def level_classes(questionnaire: Questionnaire, lang: str) -> list[LevelClass]:
    """The levels, highest first, labelled with their fixed thresholds; then "not assessed"."""
    classes = []
    levels = questionnaire.levels
    for position, level in enumerate(levels):
        if level.above is not None:
            label = t("provinces_level_above", lang, level=level.name(lang), threshold=fmt_number(level.above, lang, 2))
        else:
            threshold = levels[position - 1].above if position else None
            label = t("provinces_level_lowest", lang, level=level.name(lang), threshold=fmt_number(threshold, lang, 2))
        classes.append(LevelClass(level.code, level.name(lang), label))
    classes.append(LevelClass(NOT_ASSESSED, t("provinces_not_assessed", lang), t("provinces_not_assessed", lang)))
    return classes


@newest_version_cache(maxsize=64)
def _map_rows(version: int, year: int, part: str, lang: str) -> pd.DataFrame:
    data = data_of(version)
    names = {c.code: c.name for c in level_classes(questionnaire_of(data, year), lang)}
    rows = map_values(data, year, part)
    rows["name"] = rows[f"name_{lang}"]
    rows["level"] = rows["level"].where(rows["score"].notna(), NOT_ASSESSED)
    rows["level_name"] = rows["level"].map(names)
    return rows[["code", "name", "score", "level", "level_name", "fictional"]]


def map_rows(year: int, part: str, lang: str) -> pd.DataFrame:
    """One row per province (all 25): code, name in `lang`, score of `part` in `year`, level code (NOT_ASSESSED when
    there is no score) and its name, fictional: `map_values` with names for the page."""
    return _map_rows(request_snapshot().version, year, part, lang)


def map_table(rows: pd.DataFrame, lang: str) -> tuple[list[str], pd.DataFrame]:
    """The map's rows as the chart block's table shows them: province, score, level."""
    headers = [t("provinces_col_province", lang), t("provinces_col_score", lang), t("provinces_col_level", lang)]
    shown = pd.DataFrame({"province": rows["name"], "score": [fmt_number(v, lang, 2) for v in rows["score"]], "level": rows["level_name"]})
    return headers, shown


def map_summary(rows: pd.DataFrame, classes: list[LevelClass], part: str, year: int, lang: str) -> str:
    """One sentence for screen readers: what the map shows and how many provinces are in each class."""
    counts = rows["level"].value_counts()
    parts = [t("provinces_map_count", lang, level=c.name, count=fmt_int(counts.get(c.code, 0), lang)) for c in classes]
    return t("provinces_map_summary", lang, part=part, year=fmt_int(year, lang), counts=", ".join(parts))


@dataclass(frozen=True)
class RankingTable:
    headers: list[str]
    rows: list[list[str]]
    codes: list[str]  # the province of each row


@newest_version_cache(maxsize=32)
def _ranking_table(version: int, year: int, lang: str) -> RankingTable:
    data = data_of(version)
    questionnaire = questionnaire_of(data, year)
    levels = {c.code: c.name for c in level_classes(questionnaire, lang)}
    table = _ranking(version, year)
    criteria = [c for c in questionnaire.criteria if c.code in table.columns]
    headers = [
        t("provinces_col_rank", lang),
        t("provinces_col_province", lang),
        t("provinces_overall", lang),
        t("provinces_col_level", lang),
        *(c.name(lang) for c in criteria),
        t("provinces_col_previous", lang),
        t("provinces_col_change", lang),
    ]
    rows = []
    for record in table.to_dict("records"):
        previous = "–"
        if not pd.isna(record["previous"]):
            previous = t(
                "provinces_previous_value", lang, score=fmt_number(record["previous"], lang, 2), year=fmt_int(record["previous_year"], lang)
            )
        rows.append(
            [
                fmt_int(None if pd.isna(record["rank"]) else record["rank"], lang),
                str(record[f"name_{lang}"]),
                fmt_number(record["overall"], lang, 2),
                levels.get(str(record["level"]), "–") if not pd.isna(record["overall"]) else "–",
                *(fmt_number(record[c.code], lang, 2) for c in criteria),
                previous,
                fmt_number(record["change"], lang, 2, signed=True),
            ]
        )
    return RankingTable(headers, rows, [str(code) for code in table["code"]])


def ranking_table(year: int, lang: str) -> RankingTable:
    """The ranking of `year` (best first, unassessed last): rank, province, overall, level, each criterion, the
    previous assessment's overall score with its year, and the change since then."""
    return _ranking_table(request_snapshot().version, year, lang)


def fictional_notices(data: ProvinceData, lang: str) -> list[str]:
    """The FICTIONAL DEMONSTRATION DATA notices (the brief's words): one when the assessment shown is fictional, one
    when the panel values are; none once real data of both kinds is stored."""
    notices = []
    if bool(data.scores["fictional"].astype(bool).any()):
        notices.append(text("province_fictional", lang))
    provinces = data.observations[data.observations["entity"] != NATIONAL]
    if bool(fictional_mask(provinces).any()):
        notices.append(text("province_fictional_panels", lang))
    return notices


def method_note(data: ProvinceData, year: int | None, lang: str) -> list[str]:
    """How the scores are made: the formula, the brief's method paragraph (fixed thresholds, share of points, not the
    OSI's measurement) and what is the UN's and what is the project's own."""
    questionnaire = questionnaire_of(data, year)
    count = fmt_int(len(questionnaire.indicators), lang)
    origins = {key: fmt_int(value, lang) for key, value in questionnaire.origin_counts().items()}
    return [
        t("provinces_method_formula", lang, count=count),
        text(
            "province_method",
            lang,
            title=questionnaire.title(lang),
            questionnaire=questionnaire.id,
            status=text(f"method_{questionnaire.status}", lang),
            count=count,
        ),
        text("province_origins", lang, count=count, **origins),
    ]


def provinces_about(data: ProvinceData, year: int | None, lang: str) -> AboutData:
    """The chart blocks' "About this data": the assessment entered here (or the FICTIONAL demonstration, said so in
    every download), the UN's structure, the map's licences."""
    fictional = bool(data.scores.loc[data.scores["year"] == year, "fictional"].astype(bool).any())
    questionnaire = questionnaire_of(data, year).id
    source = t("provinces_source_fictional" if fictional else "provinces_source", lang, questionnaire=questionnaire)
    citation, licence, processing = (t(key, lang) for key in ("provinces_citation", "provinces_licence", "provinces_processing"))
    return AboutData(source, citation, licence, last_updated(lang), processing)


def clear_caches() -> None:
    """Forget what was read for earlier store versions (tests that switch databases)."""
    for cached in (data_of, _ranking, _map_rows, _ranking_table):
        cached.cache_clear()
