"""The next Survey before the UN publishes it: every country's nowcast with an interval for each figure.

    point     forecast.predict: TII and HCI computed from the component data, OSI and EPI carried from the last
              Survey, EGDI, rank, group, class and ASEAN rank over the field
    interval  x ± h_x, clipped to [0, 1], where h_x is the `coverage` quantile of |predicted − published| of figure x
              in the replays of the earlier editions at the same lead (record.Record.halfwidths)
    rank      a range, rank ∓ ⌊h_rank⌋ within the field, h_rank the `coverage` quantile of |predicted − published rank|
              in the same replays (world and ASEAN rank alike). It held the published rank at its nominal share in the
              replays of 2020–2024; the ranks at the two ends of the EGDI interval, every other country at its point,
              held it too often (93–96 % for 80 %): the other countries' errors partly move with the country's own
    how       per sub-index, `computed` or `carried:<edition>`; the method (`methodology_id`, and whether it is the
              edition's own file) and the data (`until`) are the nowcast's

`NOWCAST_COLUMNS` is the table the `nowcast` command writes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.outlook.forecast import FIGURES, Forecast
from indicators.outlook.record import Record

DEFAULT_COVERAGE = 0.8
RANK_COLUMNS = ["rank", "rank_low", "rank_high", "asean_rank", "asean_rank_low", "asean_rank_high"]
NOWCAST_COLUMNS = [
    "iso3",
    "edition",
    *[f"{figure}{end}" for figure in FIGURES for end in ("", "_low", "_high")],
    *RANK_COLUMNS,
    "group",
    "rating_class",
    "how",
]


@dataclass(frozen=True)
class Nowcast:
    """The nowcast of `edition`: `table` (NOWCAST_COLUMNS, best EGDI first), how it was made (`forecast`: method,
    data, the Survey carried from) and the intervals' basis (`coverage`, `halfwidths` per figure and rank,
    `calibrated_on`: the editions replayed to size them; empty when none was: then no interval is given)."""

    forecast: Forecast
    coverage: float
    halfwidths: dict[str, float]
    calibrated_on: tuple[int, ...]
    table: pd.DataFrame

    @property
    def edition(self) -> int:
        return self.forecast.edition

    def row(self, iso3: str) -> pd.Series:
        """The nowcast of one country (KeyError when it is not in the field)."""
        rows = self.table[self.table["iso3"] == iso3]
        if rows.empty:
            raise KeyError(iso3)
        return rows.iloc[0]


def rank_range(ranks: pd.Series, half: float, members: int) -> tuple[pd.Series, pd.Series]:
    """(best, worst): rank ∓ ⌊half⌋ within 1 and `members` (NaN where there is no rank)."""
    point = ranks.astype("Float64")
    return (point - np.floor(half)).clip(lower=1).astype("Int64"), (point + np.floor(half)).clip(upper=members).astype("Int64")


def with_intervals(forecast: Forecast, halfwidths: dict[str, float], coverage: float, calibrated_on: list[int]) -> Nowcast:
    """The forecast's table with an interval for each figure and a range for each rank (module docstring)."""
    table = forecast.table.copy()
    table.insert(1, "edition", forecast.edition)
    for figure in FIGURES:
        half = halfwidths.get(figure, np.nan)
        table[f"{figure}_low"] = (table[figure] - half).clip(0.0, 1.0)
        table[f"{figure}_high"] = (table[figure] + half).clip(0.0, 1.0)
    table["rank"] = table["rank"].astype("Int64")
    for prefix in ("rank", "asean_rank"):
        half = halfwidths.get(prefix, np.nan)
        table[f"{prefix}_low"], table[f"{prefix}_high"] = rank_range(table[prefix], half, int(table[prefix].notna().sum()))
    ordered = table[NOWCAST_COLUMNS].sort_values(["egdi", "iso3"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return Nowcast(forecast, coverage, dict(halfwidths), tuple(calibrated_on), ordered)


def nowcast(record: Record, edition: int, until: int | None = None, coverage: float = DEFAULT_COVERAGE) -> Nowcast:
    """The nowcast of `edition` from the record's data (module docstring): data until the end of `until` (None: all
    stored now), intervals at `coverage` from the replays of the editions before it published by then.
    forecast.ForecastError when it cannot be made."""
    from indicators.outlook.forecast import predict

    forecast = predict(record.values, record.published, edition, until)
    halfwidths, editions = record.halfwidths(edition, until, coverage)
    return with_intervals(forecast, halfwidths, coverage, editions)
