"""How well the nowcast predicted past Surveys, replayed honestly, against the naive forecast.

For each edition E evaluated, the nowcast of E with data until the end of E − `lead` (default 1: the year before; 0:
the Survey's own year, as a nowcast of the next Survey is made during it), its intervals sized from the editions
before E only (record.Record.halfwidths), beside what the UN published:

    per figure (TII, HCI, OSI, EPI, EGDI)  median and 90th-percentile |predicted − published|, and `coverage`: the
                                           share of published values inside [low, high] (nominal: the intervals' own)
    per rank (world, ASEAN)                the same in ranks
    naive                                  the last published value carried (its rank too), the same errors

`cambodia` (any country) gives the figures of one country: predicted, interval, published, error, naive error.

`error_budget` says which sub-index a replay's EGDI and rank errors come from: the same replay with one sub-index of
the EGDI taken as published instead of predicted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.method.classify import rank_descending
from indicators.outlook.forecast import FIGURES
from indicators.outlook.nowcast import DEFAULT_COVERAGE, Nowcast, nowcast
from indicators.outlook.record import ENTITY, RANKS, Record, published_ranks

EVALUATED = (2020, 2022, 2024)
BUDGET_COLUMNS = ["edition", "until", "known", "egdi", "rank"]
SUMMARY_COLUMNS = ["edition", "until", "figure", "forecast", "countries", "median_abs_error", "p90_abs_error", "coverage", "nominal"]
ENTITY_COLUMNS = ["edition", "figure", "predicted", "low", "high", "published", "error", "naive", "naive_error"]


@dataclass(frozen=True)
class Evaluation:
    """summary: SUMMARY_COLUMNS, per edition, figure and forecast (`nowcast` or `naive`; coverage NaN for naive);
    entity: ENTITY_COLUMNS for `iso3`; nowcasts: the nowcast of each edition evaluated."""

    coverage: float
    iso3: str
    summary: pd.DataFrame
    entity: pd.DataFrame
    nowcasts: dict[int, Nowcast]


def _errors(predicted: pd.Series, published: pd.Series) -> pd.Series:
    both = pd.concat([predicted.astype(float), published.astype(float)], axis=1).dropna()
    return (both.iloc[:, 0] - both.iloc[:, 1]).abs()


def _line(edition: int, until: int, figure: str, forecast: str, errors: pd.Series, inside: float, nominal: float) -> dict[str, object]:
    return {
        "edition": edition,
        "until": until,
        "figure": figure,
        "forecast": forecast,
        "countries": len(errors),
        "median_abs_error": float(errors.median()) if len(errors) else np.nan,
        "p90_abs_error": float(errors.quantile(0.9)) if len(errors) else np.nan,
        "coverage": inside,
        "nominal": nominal,
    }


def evaluate_edition(
    record: Record, edition: int, coverage: float, iso3: str, lead: int = 1
) -> tuple[list[dict[str, object]], list[dict[str, object]], Nowcast]:
    """The summary lines and the country's lines of one edition, and its nowcast."""
    until = edition - lead
    made = nowcast(record, edition, until, coverage)
    mine = made.table.set_index("iso3")
    actual = published_ranks(record.published[record.published["edition"] == edition])
    naive = published_ranks(record.published[record.published["edition"] == made.forecast.carried_from])
    common = mine.index.intersection(actual.index)
    lines, entity = [], []
    for figure in (*FIGURES, *RANKS):
        truth = actual.loc[common, figure].astype(float)
        low, high = mine.loc[common, f"{figure}_low"].astype(float), mine.loc[common, f"{figure}_high"].astype(float)
        known = truth.notna() & low.notna()
        inside = float(((truth >= low - 1e-12) & (truth <= high + 1e-12))[known].mean()) if known.any() else np.nan
        lines.append(_line(edition, until, figure, "nowcast", _errors(mine.loc[common, figure], truth), inside, coverage))
        lines.append(_line(edition, until, figure, "naive", _errors(naive[figure].reindex(common), truth), np.nan, np.nan))
        if iso3 in common:
            row = mine.loc[iso3, [figure, f"{figure}_low", f"{figure}_high"]].astype(float).to_numpy()
            real, carried = float(truth[iso3]), float(naive[figure].astype(float).get(iso3, np.nan))
            entity.append(
                {
                    "edition": edition,
                    "figure": figure,
                    "predicted": row[0],
                    "low": row[1],
                    "high": row[2],
                    "published": real,
                    "error": row[0] - real,
                    "naive": carried,
                    "naive_error": carried - real,
                }
            )
    return lines, entity, made


def evaluate(
    record: Record, editions: Sequence[int] = EVALUATED, coverage: float = DEFAULT_COVERAGE, iso3: str = ENTITY, lead: int = 1
) -> Evaluation:
    """The evaluation of the nowcasts of `editions` with data until `lead` years before each (module docstring)."""
    lines: list[dict[str, object]] = []
    entity: list[dict[str, object]] = []
    made: dict[int, Nowcast] = {}
    for edition in editions:
        summary, mine, nowcast_made = evaluate_edition(record, edition, coverage, iso3, lead)
        lines += summary
        entity += mine
        made[edition] = nowcast_made
    return Evaluation(coverage, iso3, pd.DataFrame(lines, columns=SUMMARY_COLUMNS), pd.DataFrame(entity, columns=ENTITY_COLUMNS), made)


def error_budget(record: Record, edition: int, lead: int = 1) -> pd.DataFrame:
    """BUDGET_COLUMNS: the median |error| of the EGDI and of the world rank in the replay of `edition` with data until
    `lead` years before it, as replayed (`known` = "none") and with each sub-index S of the EGDI in turn known (its
    published value in place of the prediction, the others as predicted):

        EGDI_S = Σ_T v_T·(T_published if T = S else T_predicted),   rank_S = 1 + #{j : EGDI_S,j > EGDI_S,i}

    over the replay's field (a country without a published S keeps its prediction). The sub-index whose knowledge
    closes most of the error is the one that limits the nowcast."""
    replay = record.replay(edition, edition - lead)
    predicted = replay.forecast.table.set_index("iso3")
    actual = published_ranks(record.published[record.published["edition"] == edition]).reindex(predicted.index)
    weights = replay.forecast.methodology.egdi_weights
    truth_egdi, truth_rank = actual["egdi"].to_numpy(dtype=float), actual["rank"].to_numpy(dtype=float)
    lines = []
    for known in ("none", *weights):
        egdi = np.zeros(len(predicted))
        for code, weight in weights.items():
            mine = predicted[code].astype(float)
            egdi += weight * (actual[code].astype(float).fillna(mine) if code == known else mine).to_numpy()
        lines.append(
            {
                "edition": edition,
                "until": edition - lead,
                "known": known,
                "egdi": float(np.nanmedian(np.abs(egdi - truth_egdi))),
                "rank": float(np.nanmedian(np.abs(rank_descending(egdi) - truth_rank))),
            }
        )
    return pd.DataFrame(lines, columns=BUDGET_COLUMNS)
