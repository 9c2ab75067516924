"""Back-test: rebuild an edition's sub-indices from public component data with that edition's method and data year, and
put them beside what the UN published.

For edition E and each sub-index S (TII, HCI): the field is the countries the UN published for E; each country's inputs
are its latest values up to E's data year (see inputs); S is scored for the whole field (see scoring), then

    error_i = reconstructed_i − published_i

and per sub-index: countries compared, Pearson correlation, median and 90th-percentile |error|, the rank agreement
(Spearman correlation of the two orders, and the median |rank difference|), the countries at the ends of both scales
(min-max anchors: a wrong anchor moves every country), and the worst ten with a cause where one can be found in the
data (a component missing and re-weighted, a value filled, a value older than the data year).

With `data_from`, another edition's published values are rebuilt with this method, fed that edition's data years: how
well the previous method would have rebuilt them (e.g. the 2024 TII with fixed broadband, as in 2022, against the 2024
file's affordability), the evidence of a method change.

The nowcast reuses it: `interval_halfwidths` sizes intervals from the absolute errors of earlier editions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.method.inputs import data_year, method_inputs
from indicators.method.methodology import Methodology
from indicators.method.normalise import FloatArray
from indicators.method.scoring import ScoreResult, score

SUBINDICES = ("tii", "hci")
ROW_COLUMNS = ["iso3", "edition", "subindex", "reconstructed", "published", "error", "flags"]
SUMMARY_COLUMNS = [
    "edition",
    "subindex",
    "countries",
    "correlation",
    "median_abs_error",
    "p90_abs_error",
    "rank_correlation",
    "median_abs_rank_difference",
    "lowest",
    "lowest_published",
    "highest",
    "highest_published",
]
WORST = 10
STALE_YEARS = 3  # a value this many years older than its data year is named as a likely cause


@dataclass(frozen=True)
class Backtest:
    """rows: ROW_COLUMNS plus, per input code of the sub-index, `<code>` (value used) and `<code>_year`;
    summary: SUMMARY_COLUMNS, one row per sub-index; worst: the WORST largest |error| per sub-index with a `cause`."""

    edition: int
    methodology_id: str
    rows: pd.DataFrame
    summary: pd.DataFrame
    worst: pd.DataFrame

    def abs_errors(self, subindex: str) -> FloatArray:
        """|reconstructed − published| of every country compared for `subindex`."""
        compared = self.rows[(self.rows["subindex"] == subindex) & self.rows["error"].notna()]
        errors: FloatArray = np.abs(compared["error"].to_numpy(dtype=float))
        return errors


def _ends(values: pd.Series) -> tuple[str, str]:
    present = values.dropna()
    return (str(present.idxmin()), str(present.idxmax())) if not present.empty else ("", "")


def _summary(edition: int, subindex: str, pair: pd.DataFrame) -> dict[str, object]:
    """Agreement of `pair` (index iso3; reconstructed, published), over the countries that have both."""
    both = pair.dropna()
    error = (both["reconstructed"] - both["published"]).abs()
    ranks = both.rank(ascending=False)
    lowest, highest = _ends(pair["reconstructed"])
    lowest_published, highest_published = _ends(pair["published"])
    enough = len(both) > 1
    return {
        "edition": edition,
        "subindex": subindex,
        "countries": len(both),
        "correlation": float(both["reconstructed"].corr(both["published"])) if enough else np.nan,
        "median_abs_error": float(error.median()) if enough else np.nan,
        "p90_abs_error": float(error.quantile(0.9)) if enough else np.nan,
        "rank_correlation": float(ranks["reconstructed"].corr(ranks["published"])) if enough else np.nan,
        "median_abs_rank_difference": float((ranks["reconstructed"] - ranks["published"]).abs().median()) if enough else np.nan,
        "lowest": lowest,
        "lowest_published": lowest_published,
        "highest": highest,
        "highest_published": highest_published,
    }


def _cause(row: pd.Series, missing: list[str], fills: dict[str, float], codes: Sequence[str], years: dict[str, int]) -> str:
    """What in the data may explain a large error: components without data, filled values, old values."""
    causes = []
    if missing:
        causes.append("no data for " + ", ".join(missing) + " (re-weighted without it)")
    causes += [f"{code} filled with {value:g} (no data)" for code, value in fills.items() if pd.isna(row.get(code))]
    stale = [
        f"{code} from {int(row[f'{code}_year'])}"
        for code in codes
        if pd.notna(row.get(f"{code}_year")) and row[f"{code}_year"] <= years[code] - STALE_YEARS
    ]
    if stale:
        causes.append("old data: " + ", ".join(stale))
    return "; ".join(causes)


def _own_flags(flags: str, subindex: str) -> str:
    return ";".join(flag for flag in flags.split(";") if flag.startswith(f"{subindex}_"))


def field_scores(
    components: pd.DataFrame, field: pd.Index, methodology: Methodology, until: int | None = None, data_from: Methodology | None = None
) -> tuple[pd.DataFrame, ScoreResult]:
    """Score the countries of `field` (and no other entity: territories in the data would move the z-scores) from the
    latest values each input's data year allows (see inputs.method_inputs); the inputs used and the scoring."""
    inputs = method_inputs(components[components["entity"].isin(field)], methodology, until=until, data_from=data_from)
    return inputs, score(inputs[["entity", "indicator", "value"]], methodology)


@dataclass(frozen=True)
class _Scored:
    """One scoring of the field, with what each country read."""

    entities: pd.DataFrame  # index entity: the sub-indices and flags
    without: pd.Series  # (entity, sub-index) -> components without data
    values: pd.DataFrame  # entity × input code: the value used
    years: pd.DataFrame  # entity × input code: its year


def _compare(
    methodology: Methodology, subindex: str, field: pd.DataFrame, scored: _Scored, data_from: Methodology | None = None
) -> tuple[pd.DataFrame, dict[str, object], pd.DataFrame]:
    """The rows, the summary and the worst countries of one sub-index."""
    edition = (data_from or methodology).edition
    forms = methodology.subindices[subindex].forms
    codes = list(dict.fromkeys(code for form in forms for code in form.input_codes))
    pair = pd.DataFrame({"reconstructed": scored.entities[subindex].reindex(field.index), "published": field[subindex]})
    flags = [_own_flags(text, subindex) for text in scored.entities["flags"].reindex(field.index).fillna("")]
    frame = pair.assign(error=pair["reconstructed"] - pair["published"], flags=flags)
    for code in codes:
        frame[code] = scored.values[code].reindex(field.index) if code in scored.values else np.nan
        frame[f"{code}_year"] = scored.years[code].reindex(field.index).astype("Int64") if code in scored.years else pd.NA
    frame = frame.rename_axis("iso3").reset_index().assign(edition=edition, subindex=subindex)
    years = {code: data_year(methodology, code, data_from) for code in codes}
    fills = {c.code: c.fill for form in forms for c in form.components if c.fill is not None}
    top = frame.dropna(subset=["error"]).assign(size=lambda t: t["error"].abs()).nlargest(WORST, "size")
    causes = [_cause(row, scored.without.get((row["iso3"], subindex), []), fills, codes, years) for _, row in top.iterrows()]
    worst = top.assign(cause=causes)[["edition", "subindex", "iso3", "reconstructed", "published", "error", "cause"]]
    return frame[[*ROW_COLUMNS, *[c for c in frame.columns if c not in ROW_COLUMNS]]], _summary(edition, subindex, pair), worst


def backtest(
    components: pd.DataFrame,
    published: pd.DataFrame,
    methodology: Methodology,
    subindices: Sequence[str] = SUBINDICES,
    until: int | None = None,
    data_from: Methodology | None = None,
) -> Backtest:
    """Rebuild `subindices` of `methodology`'s edition for the countries in `published` (a published-results table:
    edition, iso3 and one column per sub-index) from `components` (tidy: entity, year, indicator, value[, source]),
    each value the latest up to the edition's data year (and `until`); compare with the published values. With
    `data_from`, rebuild that edition's published values instead, from its data years, with `methodology`."""
    target = data_from or methodology
    field = published[published["edition"] == target.edition].set_index("iso3")
    inputs, result = field_scores(components, field.index, methodology, until=until, data_from=data_from)
    stages = result.components[result.components["part_of"] == ""]
    scored = _Scored(
        entities=result.entities.set_index("entity"),
        without=stages[stages["standardised"].isna()].groupby(["entity", "subindex"])["indicator"].agg(list),
        values=inputs.pivot(index="entity", columns="indicator", values="value"),
        years=inputs.pivot(index="entity", columns="indicator", values="year"),
    )
    parts = [_compare(methodology, subindex, field, scored, data_from) for subindex in subindices]
    return Backtest(
        edition=target.edition,
        methodology_id=methodology.id,
        rows=pd.concat([rows for rows, _, _ in parts], ignore_index=True),
        summary=pd.DataFrame([summary for _, summary, _ in parts], columns=SUMMARY_COLUMNS),
        worst=pd.concat([worst for _, _, worst in parts], ignore_index=True),
    )


def interval_halfwidths(backtests: Sequence[Backtest], coverage: float = 0.8) -> dict[str, float]:
    """Per sub-index, the `coverage` quantile of the absolute errors pooled over `backtests` (earlier editions): a
    half-width h such that [x − h, x + h] held the published value that share of the time."""
    pooled: dict[str, list[FloatArray]] = {}
    for result in backtests:
        for subindex in result.rows["subindex"].unique():
            pooled.setdefault(str(subindex), []).append(result.abs_errors(str(subindex)))
    return {code: float(np.quantile(np.concatenate(errors), coverage)) for code, errors in pooled.items() if sum(map(len, errors))}
