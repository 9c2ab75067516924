"""What the Provinces page shows, as plain data: one function per thing on the page, all from `province_data(store)`.

    data = province_data(store)                  # read the store once: assessment scores and panel values
    years = assessment_years(data)               # years with a portal assessment, oldest first
    map_values(data, 2025, "overall")            # the map: 25 rows, score and level of each province
    ranking(data, 2025)                          # the ranking table: overall, criteria, change since the previous assessment
    criteria_profile(data, "KH-12", 2025)        # a province's criteria bars, with the previous assessment
    province_panels(data.observations, "KH-12")  # its connectivity and human capital values against the national figure
    answers(data, "KH-12", 2025)                 # every answer with its question and source (download, evidence)

Every frame carries `fictional` where demonstration data is involved, so the page can label it. Scores are LOSI-style
shares of points (`indicators.method.losi`): comparable across years and independent of the other provinces.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.entities import load_provinces
from indicators.method.demo import demo_answers, demo_observations
from indicators.method.losi import OVERALL, SCORE_COLUMNS, losi_scores, rank_scores
from indicators.method.panels import NATIONAL, panel_codes
from indicators.questionnaire import ANSWER_PREFIX, available_questionnaires, load_questionnaire, split_answer_code
from indicators.store import Store
from indicators.tidy import fictional_mask

MAP_COLUMNS = ["code", "name_en", "name_km", "score", "level", "fictional"]
PROFILE_COLUMNS = ["part", "name_en", "name_km", "score", "level", "points", "answered", "indicators", "previous", "change"]
ANSWER_COLUMNS = ["criterion", "indicator", "question_en", "question_km", "answer", "source", "fictional"]


@dataclass(frozen=True)
class ProvinceData:
    """What the store holds about the provinces: `scores` (indicators.method.losi.SCORE_COLUMNS, every questionnaire and
    year), `answers` (stored answer rows) and `observations` (panel indicator values of the provinces and of Cambodia)."""

    scores: pd.DataFrame
    answers: pd.DataFrame
    observations: pd.DataFrame


def province_data(store: Store, demo: bool = True) -> ProvinceData:
    """Read the provinces' answers and panel values (and Cambodia's national values) from the store, and score them.

    demo: while the store holds no portal assessment, use the FICTIONAL demonstration answers instead; while it holds no
    provincial panel value, use the FICTIONAL panel values (see `indicators.method.demo`). Real and fictional data of
    the same kind are never mixed, and fictional rows are flagged."""
    provinces = load_provinces().codes
    stored = store.observations(entities=[*provinces, NATIONAL])
    is_answer = stored["indicator"].astype(str).str.startswith(ANSWER_PREFIX)
    answers = stored[is_answer & stored["entity"].isin(provinces)].reset_index(drop=True)
    observations = stored[stored["indicator"].isin(panel_codes())].reset_index(drop=True)
    if demo and answers.empty:
        answers = demo_answers()
    if demo and not observations["entity"].isin(provinces).any():
        observations = pd.concat([observations, demo_observations()], ignore_index=True)
    used = {parts[0] for parts in answers["indicator"].map(split_answer_code) if parts is not None}
    parts = [losi_scores(answers, load_questionnaire(q)) for q in available_questionnaires() if q in used]
    scores = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SCORE_COLUMNS)
    return ProvinceData(scores, answers, observations)


def assessment_years(data: ProvinceData) -> list[int]:
    return sorted({int(y) for y in data.scores["year"].dropna()})


def _of_year(data: ProvinceData, year: int) -> pd.DataFrame:
    """Scores of `year`; where a province answered two questionnaires that year, those of the newer one."""
    rows = data.scores[data.scores["year"] == year]
    order = {q: position for position, q in enumerate(available_questionnaires())}
    newest = rows.assign(_order=rows["questionnaire"].map(order)).groupby("entity")["_order"].transform("max")
    return rows[rows["questionnaire"].map(order) == newest]


def _register_frame() -> pd.DataFrame:
    table = load_provinces().table
    return pd.DataFrame({"code": table.index, "name_en": table["name_en"].to_numpy(), "name_km": table["name_km"].to_numpy()})


def map_values(data: ProvinceData, year: int, part: str = OVERALL) -> pd.DataFrame:
    """The map: one row per province (all 25, MAP_COLUMNS), the score and level of `part` (a criterion code or
    "overall") in `year`; provinces not assessed, or not completely, have no score."""
    chosen = _of_year(data, year)
    chosen = chosen[chosen["part"] == part].rename(columns={"entity": "code"})[["code", "score", "level", "fictional"]]
    table = _register_frame().merge(chosen, on="code", how="left")
    table["fictional"] = table["fictional"].fillna(False).astype(bool)
    return table[MAP_COLUMNS]


def _previous(data: ProvinceData, year: int) -> pd.DataFrame:
    """Each province's latest complete overall score before `year`: code, previous_year, previous."""
    before = data.scores[(data.scores["year"] < year) & (data.scores["part"] == OVERALL) & data.scores["complete"].astype(bool)]
    latest = before.sort_values("year").drop_duplicates("entity", keep="last")
    return latest.rename(columns={"entity": "code", "year": "previous_year", "score": "previous"})[["code", "previous_year", "previous"]]


def ranking(data: ProvinceData, year: int) -> pd.DataFrame:
    """The ranking table of `year`: every province (best first, unassessed last) with rank, overall score and level,
    each criterion's score, the previous assessment's overall score and the change since then."""
    chosen = _of_year(data, year)
    wide = chosen.pivot_table(index="entity", columns="part", values="score", aggfunc="first", dropna=False)
    overall = chosen[chosen["part"] == OVERALL].set_index("entity")
    table = _register_frame().set_index("code")
    criteria = [c for c in dict.fromkeys(chosen["part"]) if c != OVERALL]
    table["overall"] = wide.get(OVERALL, np.nan)
    table["level"] = overall["level"]
    for criterion in criteria:
        table[criterion] = wide[criterion]
    table["fictional"] = overall["fictional"].reindex(table.index).fillna(False).astype(bool)
    table = table.reset_index().merge(_previous(data, year), on="code", how="left")
    table["change"] = table["overall"] - table["previous"]
    table.insert(0, "rank", rank_scores(table["overall"]))
    return table.sort_values(["rank", "code"], na_position="last", kind="stable").reset_index(drop=True)


def criteria_profile(data: ProvinceData, province: str, year: int) -> pd.DataFrame:
    """A province's criteria bars in `year` (PROFILE_COLUMNS, criteria in questionnaire order, then overall), with the
    score of its previous assessment of each part and the change. Empty when the province was not assessed in `year`."""
    chosen = _of_year(data, year)
    mine = chosen[chosen["entity"] == province]
    if mine.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    questionnaire = load_questionnaire(str(mine["questionnaire"].iloc[0]))
    earlier = data.scores[(data.scores["entity"] == province) & (data.scores["year"] < year)]
    last_year = earlier.loc[earlier["complete"].astype(bool), "year"].max() if not earlier.empty else np.nan
    previous = earlier[earlier["year"] == last_year].set_index("part")["score"]
    names = {c.code: (c.name_en, c.name_km) for c in questionnaire.criteria} | {OVERALL: ("Overall", "សរុប")}
    rows = mine.set_index("part")
    table = pd.DataFrame(
        {
            "part": rows.index,
            "name_en": [names[p][0] for p in rows.index],
            "name_km": [names[p][1] for p in rows.index],
            "score": rows["score"].to_numpy(dtype=float),
            "level": rows["level"].to_numpy(dtype=object),
            "points": rows["points"].to_numpy(dtype=float),
            "answered": rows["answered"].to_numpy(dtype=int),
            "indicators": rows["indicators"].to_numpy(dtype=int),
            "previous": previous.reindex(rows.index).to_numpy(dtype=float),
        }
    )
    table["change"] = table["score"] - table["previous"]
    return table[PROFILE_COLUMNS]


def answers(data: ProvinceData, province: str, year: int) -> pd.DataFrame:
    """Every indicator of the questionnaire answered by `province` in `year` (ANSWER_COLUMNS; answer "yes", "no" or None
    when not assessed), with its question in both languages and the source of the answer."""
    chosen = _of_year(data, year)
    mine = chosen[chosen["entity"] == province]
    if mine.empty:
        return pd.DataFrame(columns=ANSWER_COLUMNS)
    questionnaire = load_questionnaire(str(mine["questionnaire"].iloc[0]))
    stored = data.answers[(data.answers["entity"] == province) & (data.answers["year"] == year)]
    columns = zip(stored["indicator"], stored["value"], stored["source"], fictional_mask(stored), strict=True)
    given = {str(code): (float(value), str(source), bool(fictional)) for code, value, source, fictional in columns}
    rows = []
    for item in questionnaire.indicators:
        value, source, fictional = given.get(questionnaire.answer_code(item.code), (np.nan, None, False))
        answer = None if source is None else ("yes" if value == 1.0 else "no")
        rows.append((item.criterion, item.code, item.text_en, item.text_km, answer, source, fictional))
    return pd.DataFrame(rows, columns=ANSWER_COLUMNS)
