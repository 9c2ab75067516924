"""The checks of years and values shared by every layout (see `validate`): years in range (earlier ones counted,
not used), values inside a series' definition years, and values that are numbers inside their indicator's range,
read with the decimal style of their column."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator
from indicators.ingest.cells import COMMA, MIXED, POINT, codes, decimal_style, formula_error, marker_of, parse_numbers, present_keys, show
from indicators.ingest.mappings import Series
from indicators.ingest.tally import Tally

if TYPE_CHECKING:
    from indicators.ingest.validate import Candidates, Findings

YEAR_RANGE = (1990, 2100)  # the years the tool stores
EARLIEST_YEAR = 1900  # a year from here to 1989 is real but not used; before it, not a year


def years_of(
    candidates: Candidates,
    found: Findings,
    tally: Tally,
    frame: pd.DataFrame,
    rows: np.ndarray,
    keep: np.ndarray,
    earliest: int = YEAR_RANGE[0],
) -> np.ndarray:
    """The year of every row (NaN where there is none or it is not used); errors for `keep` rows with a missing or
    impossible year; years from EARLIEST_YEAR to before `earliest` (default YEAR_RANGE's first year: 1960s World Bank
    columns) are counted, not used."""
    years = np.full(len(frame), np.nan)
    if candidates.year_pos < 0 and not frame["year"].notna().any():
        return years
    keys, uniques = codes(frame["year"])
    parsed, bad = parse_numbers(uniques)
    years, bad_rows = parsed[keys], bad[keys]
    if candidates.year_pos >= 0:
        for index in np.flatnonzero(keep & np.isnan(years) & ~bad_rows):
            found.add("error", "missing_year", int(rows[index]), candidates.year_pos)
    with np.errstate(invalid="ignore"):
        out = bad_rows | (~np.isnan(years) & ((years != np.floor(years)) | (years < EARLIEST_YEAR) | (years > YEAR_RANGE[1])))
        early = keep & ~out & (years < earliest)
    for index in np.flatnonzero(keep & out):
        cell = show(uniques[keys[index]])
        found.add("error", "bad_year", int(rows[index]), candidates.year_pos, value=cell, min=EARLIEST_YEAR, max=YEAR_RANGE[1])
    value_pos = frame["value_pos"].to_numpy(dtype=np.int64)
    for year in np.unique(years[early]):
        chosen = early & (years == year)
        first = int(np.flatnonzero(chosen)[0])
        position = candidates.year_pos if candidates.year_pos >= 0 else int(value_pos[first])
        tally.count(tally.early_years, str(int(year)), int(chosen.sum()), found.at(int(rows[first]), position))
    if early.any():
        tally.early_before = earliest
    return np.where(out | early, np.nan, years)


def inside_definitions(
    found: Findings,
    tally: Tally,
    resolved: list[Series | None],
    series_keys: np.ndarray,
    series_texts: list[str],
    years: np.ndarray,
    rows: np.ndarray,
    keep: np.ndarray,
) -> np.ndarray:
    """False for kept rows of a series whose definition does not cover their year (counted for one note)."""
    inside = np.ones(len(keep), dtype=bool)
    for key, series in enumerate(resolved):
        if series is None or (series.first_year is None and series.last_year is None):
            continue
        chosen = keep & (series_keys == key) & ~np.isnan(years)
        low = series.first_year if series.first_year is not None else -np.inf
        high = series.last_year if series.last_year is not None else np.inf
        outside = chosen & ((years < low) | (years > high))
        if outside.any():
            first = found.at(int(rows[np.flatnonzero(outside)[0]]), -1)
            tally.count(
                tally.outside_definition,
                f"{series_texts[key]} ({series.first_year or ''}–{series.last_year or ''})",
                int(outside.sum()),
                first,
            )
            inside &= ~outside
    return inside


def values_of(
    candidates: Candidates,
    found: Findings,
    tally: Tally,
    frame: pd.DataFrame,
    rows: np.ndarray,
    series: tuple[np.ndarray, list[Indicator | None]],
    keep: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(values, valid): numbers of the `keep` rows, and which of them are valid; cells without a value are counted,
    every other problem is an error (the valid range only for rows of a known indicator). `series`: the series key of
    each row and the indicator of each key."""
    keys, uniques = codes(frame["value"])
    value_pos = frame["value_pos"].to_numpy(dtype=np.int64)
    style = candidates.decimal_style or column_style(uniques[present_keys(keys[keep], len(uniques))], candidates.sheet.delimiter == ",")
    parsed, bad = parse_numbers(uniques, style)
    values = np.where(keep, parsed[keys], np.nan)
    bad_rows = keep & bad[keys]
    missing = keep & np.isnan(values) & ~bad_rows
    for key in present_keys(keys[missing], len(uniques)):
        where = np.flatnonzero(missing & (keys == key))
        marker = marker_of(uniques[key]) or ""
        tally.count(tally.no_value, marker, len(where), found.at(int(rows[where[0]]), int(value_pos[where[0]])))
    raw = uniques[keys]
    linked = candidates.sheet.linked
    for index in np.flatnonzero(keep & ~missing) if linked else []:
        formula = linked.get((int(rows[index]), int(value_pos[index])))
        if formula is not None:
            found.add("error", "linked_cell", int(rows[index]), int(value_pos[index]), value=show(raw[index]), formula=formula)
            bad_rows[index] = True
    for index in np.flatnonzero(bad_rows & keep):
        cell, row, position = raw[index], int(rows[index]), int(value_pos[index])
        meaning = formula_error(cell)
        if (row, position) in linked:
            continue  # reported above
        if meaning is not None:
            found.add("error", "formula_error", row, position, value=show(cell), meaning=meaning)
        elif style in (MIXED, COMMA) and isinstance(cell, str) and ("," in cell or "." in cell):
            found.add("error", "ambiguous_decimal", row, position, value=show(cell))
        else:
            found.add("error", "not_a_number", row, position, value=show(cell))
    valid = keep & ~missing & ~bad_rows
    series_keys, specs = series
    lows = np.array([spec.min if spec else -np.inf for spec in specs], dtype=float)[series_keys]
    highs = np.array([spec.max if spec else np.inf for spec in specs], dtype=float)[series_keys]
    with np.errstate(invalid="ignore"):
        outside = valid & ((values < lows) | (values > highs))
    for index in np.flatnonzero(outside):
        spec = specs[int(series_keys[index])]
        assert spec is not None
        found.add(
            "error",
            "out_of_range",
            int(rows[index]),
            int(value_pos[index]),
            value=show(raw[index]),
            min=f"{spec.min:g}",
            max=f"{spec.max:g}",
            indicator=spec.name_en,
            km={"indicator": spec.name_km},
        )
    return values, valid & ~outside


def column_style(cells: np.ndarray, comma_separated: bool) -> str:
    """The decimal style of a column's (distinct) cells (see `cells.decimal_style`); POINT at once when no text has
    a comma."""
    texts = [c for c in cells if isinstance(c, str) and "," in c]
    if not texts:
        return POINT
    return decimal_style(pd.unique(np.asarray([c for c in cells if isinstance(c, str)], dtype=object)), comma_separated)
