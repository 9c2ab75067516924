"""What the province brief says about one province and assessment year, gathered once from the store.

`gather_province(store, "KH-12", 2025)` reads the Provinces page's data (`indicators.method.provinces`): the criteria
profile with the change since the previous assessment, the rank among the provinces assessed that year, the
connectivity and human capital panel against the national figure, and the answers with their sources.
`fictional_answers` and `fictional_panels` say which parts are demonstration data, so every format can label them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from indicators.entities import load_provinces
from indicators.method.losi import OVERALL
from indicators.method.panels import province_panels
from indicators.method.provinces import ProvinceData, answers, assessment_years, criteria_profile, province_data, ranking
from indicators.questionnaire import Questionnaire, load_questionnaire
from indicators.report.content import ReportError
from indicators.report.strings import integer
from indicators.store import Store

PROVINCE_CHARTS = ("criteria",)  # the province brief's charts, drawn by the Dash side (see the module docstring of brief)


@dataclass(frozen=True)
class ProvinceReport:
    code: str
    name_en: str
    name_km: str
    year: int
    created: date
    questionnaire: Questionnaire
    profile: pd.DataFrame  # indicators.method.provinces.PROFILE_COLUMNS: criteria, then overall
    rank: int | None  # among the provinces with a complete overall score in `year`
    ranked: int  # how many provinces have one
    previous_year: int | None
    panels: pd.DataFrame  # indicators.method.panels.PANEL_COLUMNS
    answers: pd.DataFrame  # indicators.method.provinces.ANSWER_COLUMNS
    fictional_answers: bool  # the assessment is demonstration data
    fictional_panels: bool  # some panel values are demonstration data (no provincial value is stored yet)

    def name(self, lang: str) -> str:
        return self.name_km if lang == "km" else self.name_en

    @property
    def fictional(self) -> bool:
        return self.fictional_answers or self.fictional_panels

    @property
    def overall(self) -> pd.Series:
        rows = self.profile[self.profile["part"] == OVERALL]
        return rows.iloc[0]


def resolve_province(province: str) -> str:
    """The ISO code of a province given by code or any known name; ReportError with suggestions otherwise."""
    provinces = load_provinces()
    code = provinces.resolve(province)
    if code is None:
        near = provinces.suggest(province)
        if near:
            raise ReportError("unknown_province", value=province, suggestions=", ".join(near))
        raise ReportError("unknown_province_no_suggestion", value=province)
    return code


def gather_province(
    store: Store, province: str, year: int | None = None, *, data: ProvinceData | None = None, today: date | None = None
) -> ProvinceReport:
    """The content of the brief on `province` (code or name) for assessment `year` (default: its latest).

    data: the Provinces page's data when the caller has it (the dashboard caches it); read from the store otherwise.
    Raises ReportError when the province is unknown or has no assessment in that year."""
    code = resolve_province(province)
    provinces = load_provinces()
    data = data if data is not None else province_data(store)
    own_years = sorted({int(y) for y in data.scores.loc[data.scores["entity"] == code, "year"]})
    chosen = (own_years[-1] if own_years else None) if year is None else int(year)
    if chosen is None or chosen not in own_years:
        shown = ", ".join(map(str, own_years)) or "–"
        raise ReportError(
            "no_province_assessment",
            province=provinces.name(code, "en"),
            province_km=provinces.name(code, "km"),
            year=integer(chosen, "en") if chosen is not None else "–",
            years=shown,
        )
    profile = criteria_profile(data, code, chosen)
    table = ranking(data, chosen)
    row = table[table["code"] == code].iloc[0]
    earlier = [y for y in assessment_years(data) if y < chosen and y in own_years]
    panel = province_panels(data.observations, code)
    given = answers(data, code, chosen)
    scores = data.scores[(data.scores["entity"] == code) & (data.scores["year"] == chosen)]
    return ProvinceReport(
        code=code,
        name_en=provinces.name(code, "en"),
        name_km=provinces.name(code, "km"),
        year=chosen,
        created=today or date.today(),
        questionnaire=load_questionnaire(str(scores["questionnaire"].iloc[0])),
        profile=profile,
        rank=None if pd.isna(row["rank"]) else int(row["rank"]),
        ranked=int(table["rank"].notna().sum()),
        previous_year=earlier[-1] if earlier else None,
        panels=panel,
        answers=given,
        fictional_answers=bool(scores["fictional"].any()),
        fictional_panels=bool(panel["fictional"].any()),
    )
