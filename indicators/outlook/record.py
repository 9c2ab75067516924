"""The nowcast's track record: past Surveys replayed as if they were not yet published, and what that says.

A replay of edition E with data until Y is `forecast.predict(values, published, E, until=Y)` put beside what the UN
then published: per country and figure, error = predicted − published (figures: TII, HCI, OSI, EPI, EGDI; ranks:
world and ASEAN). Replays are computed once per (E, Y) and kept in the `Record`, which holds one store's data.

- **Interval sizes** (`halfwidths`): for a nowcast of E with data until Y, the `coverage` quantile of the |errors|
  pooled over the earlier editions' replays at the same lead (Y − E), each published by Y: half-width h such that
  [x − h, x + h] held the published value that share of the time.
- **Evaluation** (`evaluate`): per replayed edition and figure, the median and 90th-percentile |error|, the median
  |rank error|, the share of published values inside the intervals sized from the editions before it, Cambodia's
  error, and the same for the naive forecast (the last published value carried).

The replays read the component data as released now, restricted to what was out by Y (method.vintages): later
revisions of values already published in Y are read in their revised form, so the record is slightly optimistic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.outlook.forecast import FIGURES, FIRST_EDITION, Forecast, ForecastError, asean_ranks, known_editions, predict

RANKS = ("rank", "asean_rank")
ERROR_COLUMNS = ["edition", "until", "iso3", "figure", "predicted", "published", "error"]
ENTITY = "KHM"


@dataclass(frozen=True)
class Replay:
    edition: int
    until: int
    forecast: Forecast
    errors: pd.DataFrame  # ERROR_COLUMNS, one row per country of both the forecast and the Survey, and figure


def published_ranks(published: pd.DataFrame) -> pd.DataFrame:
    """The published table of one edition (index iso3) with its ASEAN rank by EGDI (ties share the better rank)."""
    ranked = published.set_index("iso3")
    return ranked.assign(asean_rank=asean_ranks(ranked.index.to_series(), ranked["egdi"].to_numpy(dtype=float)))


def errors_against(predicted: pd.DataFrame, published: pd.DataFrame, edition: int, until: int) -> pd.DataFrame:
    """ERROR_COLUMNS for the countries of both tables (predicted: FIGURES, rank, asean_rank by iso3)."""
    actual = published_ranks(published)
    mine = predicted.set_index("iso3")
    common = mine.index.intersection(actual.index)
    parts = []
    for figure in (*FIGURES, *RANKS):
        guess = mine.loc[common, figure].to_numpy(dtype=float, na_value=np.nan)
        truth = actual.loc[common, figure].to_numpy(dtype=float, na_value=np.nan)
        parts.append(
            pd.DataFrame({"edition": edition, "until": until, "iso3": common, "figure": figure, "predicted": guess, "published": truth})
        )
    frame = pd.concat(parts, ignore_index=True)
    return frame.assign(error=frame["predicted"] - frame["published"])[ERROR_COLUMNS]


@dataclass
class Record:
    """One store's component data (`values`: method.stored.stored_components) and published results (`published`:
    method.stored.stored_published), with every replay made from them kept."""

    values: pd.DataFrame
    published: pd.DataFrame
    _replays: dict[tuple[int, int], Replay] = field(default_factory=dict, repr=False)

    def replay(self, edition: int, until: int | None = None) -> Replay:
        """Edition `edition` predicted with data until `until` (default: the year before it) beside what was published."""
        until = edition - 1 if until is None else until
        if (edition, until) not in self._replays:
            forecast = predict(self.values, self.published, edition, until)
            actual = self.published[self.published["edition"] == edition]
            self._replays[(edition, until)] = Replay(edition, until, forecast, errors_against(forecast.table, actual, edition, until))
        return self._replays[(edition, until)]

    def replayable(self) -> list[int]:
        """The published editions a replay can be made of: from the first method file, with an earlier Survey."""
        editions = sorted({int(e) for e in self.published["edition"]})
        return [e for e in editions if e >= FIRST_EDITION and known_editions(self.published, e, e - 1)]

    def calibration_editions(self, edition: int, until: int | None) -> list[int]:
        """The editions whose replays size the intervals of a nowcast of `edition` with data until `until`: those
        replayable, before `edition` and published by `until`."""
        return [e for e in self.replayable() if e < edition and (until is None or e <= until)]

    def halfwidths(self, edition: int, until: int | None, coverage: float) -> tuple[dict[str, float], list[int]]:
        """Per figure (FIGURES and ranks), the `coverage` quantile of the |errors| of the calibration editions'
        replays at the nowcast's lead (until − edition; now: the Survey's own year), and those editions."""
        lead = 0 if until is None else min(until - edition, 0)
        replays = []
        for earlier in self.calibration_editions(edition, until):
            try:
                replays.append(self.replay(earlier, earlier + lead))
            except ForecastError:  # an earlier Survey the store cannot replay (part of its field only): not used
                continue
        editions = [replay.edition for replay in replays]
        if not editions:
            return {}, []
        pooled = pd.concat([replay.errors for replay in replays], ignore_index=True)
        sizes = pooled.dropna(subset=["error"]).groupby("figure")["error"].agg(lambda e: float(np.quantile(np.abs(e), coverage)))
        return {str(k): float(v) for k, v in sizes.items()}, editions

    def predicted_vs_published(self, editions: Sequence[int] | None = None, lead: int = 1) -> pd.DataFrame:
        """ERROR_COLUMNS of the replays of `editions` (default: every replayable one) with data until `lead` years
        before each: the back-test record of the Outlook page (predicted against published)."""
        chosen = self.replayable() if editions is None else list(editions)
        return pd.concat([self.replay(e, e - lead).errors for e in chosen], ignore_index=True)
