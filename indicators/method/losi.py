"""Scores of the provincial portal assessment (LOSI-style): the share of points achieved, per criterion and overall.

Every indicator answered yes scores 1 point, no scores 0. For a province, an assessment year and a criterion c with
n_c indicators:

    score_c = points_c / n_c                        (in [0, 1])
    overall = Σ_c points_c / Σ_c n_c = Σ_c (n_c / N) · score_c,   N = 86 in the 2022 questionnaire

so criteria combine weighted by their number of indicators, as the UN's LOSI counts every indicator once. There is
no standardisation or min-max across provinces: a province's score depends on its own answers only, so it does not
change when another province is added, and it is comparable across years and questionnaires of the same structure.

Levels come from the questionnaire's fixed thresholds (2022: very high > 0.75 ≥ high > 0.50 ≥ middle > 0.25 ≥ low),
the same cut-offs as the national EGDI and OSI groups. The national OSI is min-max normalised across the 193 countries
while this score is an absolute share, so the two share a 0-1 scale and level names, not a measurement.

Missing answers are never imputed: a criterion with an unanswered indicator has no score (`complete` False, with the
count of answers), and the overall score needs every criterion.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.method.classify import group_index, rank_descending
from indicators.method.methodology import GroupLevel
from indicators.questionnaire import Questionnaire, split_answer_code
from indicators.tidy import fictional_mask

OVERALL = "overall"
SCORE_COLUMNS = ["entity", "year", "questionnaire", "part", "points", "answered", "indicators", "complete", "score", "level", "fictional"]


def answers_of(tidy: pd.DataFrame, questionnaire: Questionnaire) -> pd.DataFrame:
    """The rows of `tidy` that answer `questionnaire`, with `criterion` and `item` columns (answers to items the
    questionnaire does not have are dropped: the import refuses them, so none are expected)."""
    split = tidy["indicator"].map(split_answer_code)
    ours = split.map(lambda parts: parts is not None and parts[0] == questionnaire.id).astype(bool)
    rows = tidy[ours].copy()
    criterion_of = {item.code: item.criterion for item in questionnaire.indicators}
    rows["item"] = split[ours].map(lambda parts: parts[1])
    rows["criterion"] = rows["item"].map(criterion_of)
    return rows[rows["criterion"].notna()]


def level_codes(scores: np.ndarray, questionnaire: Questionnaire) -> np.ndarray:
    """The level code of each score (None where the score is missing), by the questionnaire's fixed thresholds."""
    levels = tuple(GroupLevel(level.code, level.name_en, level.above, ()) for level in questionnaire.levels)
    index = group_index(np.asarray(scores, dtype=float), levels)
    codes = np.array([level.code for level in questionnaire.levels] + [None], dtype=object)
    chosen: np.ndarray = codes[np.where(np.isnan(index), len(questionnaire.levels), index).astype(int)]
    return chosen


def losi_scores(tidy: pd.DataFrame, questionnaire: Questionnaire) -> pd.DataFrame:
    """One row per (entity, year, part) with SCORE_COLUMNS, part being each criterion code and "overall".

    tidy: rows with entity, year, indicator (answer codes, see `indicators.questionnaire.answer_code`), value (1 or 0)
    and optionally source and flags. `fictional` is True when any answer behind the row is demonstration data
    (`indicators.tidy.fictional_mask`)."""
    answers = answers_of(tidy, questionnaire)
    if answers.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    answers = answers.assign(fictional=fictional_mask(answers))
    sizes = {criterion.code: len(criterion.indicators) for criterion in questionnaire.criteria}
    grouped = answers.groupby(["entity", "year", "criterion"], sort=False)
    per_criterion = grouped.agg(points=("value", "sum"), answered=("value", "size"), fictional=("fictional", "any")).reset_index()
    keys = per_criterion[["entity", "year"]].drop_duplicates()
    grid = keys.merge(pd.DataFrame({"criterion": list(sizes)}), how="cross")
    parts = grid.merge(per_criterion, on=["entity", "year", "criterion"], how="left")
    parts = parts.fillna({"points": 0.0, "answered": 0})
    parts["fictional"] = parts.groupby(["entity", "year"])["fictional"].transform("any").fillna(False).astype(bool)
    parts["indicators"] = parts["criterion"].map(sizes)
    overall = parts.groupby(["entity", "year"], sort=False).agg(
        points=("points", "sum"), answered=("answered", "sum"), indicators=("indicators", "sum"), fictional=("fictional", "any")
    )
    overall = overall.reset_index().assign(criterion=OVERALL)
    table = pd.concat([parts, overall], ignore_index=True).rename(columns={"criterion": "part"})
    table["answered"] = table["answered"].astype(int)
    table["indicators"] = table["indicators"].astype(int)
    table["complete"] = table["answered"] == table["indicators"]
    table["score"] = np.where(table["complete"], table["points"] / table["indicators"], np.nan)
    table["level"] = level_codes(table["score"].to_numpy(dtype=float), questionnaire)
    table["questionnaire"] = questionnaire.id
    order = {code: position for position, code in enumerate([*sizes, OVERALL])}
    table = table.sort_values(["entity", "year", "part"], key=lambda c: c.map(order) if c.name == "part" else c, kind="stable")
    return table[SCORE_COLUMNS].reset_index(drop=True)


def rank_scores(scores: pd.Series) -> pd.Series:
    """Rank 1 for the highest score; equal scores share the better rank; missing scores are unranked."""
    return pd.Series(rank_descending(scores.to_numpy(dtype=float)), index=scores.index).astype("Int64")
