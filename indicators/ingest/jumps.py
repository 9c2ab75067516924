"""Warnings for values that moved too far since the previous year of the same series.

A move is a jump when it is both large relative to the old value (more than `max_change`, 50 % by default) and
large in the indicator's own unit (more than its `jump` in data/indicators.csv: 5 percentage points of internet
users, 10 subscriptions per 100, 1 year of schooling, 0.05 of an index…). The relative rule alone flags every
take-off year (0.001 → 0.004 is +300 %); the absolute rule alone would miss a collapse of a small value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries, load_provinces
from indicators.ingest.cells import show
from indicators.ingest.issues import Issue, Location, make_issue


def _entity_label(code: str, lang: str = "en") -> str:
    for register in (load_countries(), load_provinces()):
        if code in register.table.index:
            return register.name(code, lang)
    return code


def jump_warnings(tidy: pd.DataFrame, previous: pd.DataFrame | None = None, max_change: float = 0.5, *, file: str = "") -> list[Issue]:
    """A warning for each value that moved by more than `max_change` (relative: |new − old| / |old|; any move away
    from 0 counts) and by more than the indicator's `jump` (absolute, in its unit) since the closest earlier year of
    the same entity and indicator, among the rows of `tidy` and, when given, `previous` (rows already stored; a row
    of `tidy` replaces a stored row of the same year). Each warning is placed at the newer value's sheet, row and
    column and names both values and years."""
    columns = ["entity", "year", "indicator", "value"]
    if tidy.empty or not set(columns) <= set(tidy.columns):
        return []
    new = tidy[tidy["year"].notna()].copy()
    new["_new"] = True
    new["_order"] = np.arange(len(new))
    parts = [new]
    if previous is not None and not previous.empty and set(columns) <= set(previous.columns):
        stored = previous.loc[previous["year"].notna(), columns].copy()
        stored["_new"] = False
        stored["_order"] = -1
        parts.append(stored)
    both = pd.concat(parts, ignore_index=True)
    both["year"] = both["year"].astype("int64")
    both["value"] = both["value"].astype(float)
    both = both.sort_values(["entity", "indicator", "year", "_new"], kind="stable")
    both = both.drop_duplicates(["entity", "indicator", "year"], keep="last")
    grouped = both.groupby(["entity", "indicator"], sort=False)
    both["_old"] = grouped["value"].shift()
    both["_old_year"] = grouped["year"].shift()
    old_values = both["_old"].to_numpy(dtype=float)
    new_values = both["value"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.abs(new_values - old_values) / np.abs(old_values)
    catalogue = load_catalogue()
    codes, uniques = pd.factorize(both["indicator"])
    steps = np.array([catalogue[code].jump if code in catalogue else 0.0 for code in uniques], dtype=float)[codes]
    moved = np.where(old_values == 0, new_values != 0, change > max_change) & (np.abs(new_values - old_values) > steps)
    flagged = both[both["_new"].to_numpy(dtype=bool) & ~np.isnan(old_values) & moved].sort_values("_order")
    labels: dict[tuple[str, str], str] = {}

    def label(entity: str, lang: str) -> str:
        if (entity, lang) not in labels:
            labels[(entity, lang)] = _entity_label(entity, lang)
        return labels[(entity, lang)]

    def column(name: str) -> list[object]:
        return flagged[name].tolist() if name in flagged.columns else [None] * len(flagged)

    issues = []
    for entity, indicator, year, value, old, old_year, sheet, row, header in zip(
        *(column(name) for name in ("entity", "indicator", "year", "value", "_old", "_old_year", "sheet", "row", "column")), strict=True
    ):
        spec = catalogue.get(str(indicator))
        at = Location(file, str(sheet or ""), None if row is None or pd.isna(row) else int(row), str(header or ""))
        issues.append(
            make_issue(
                "warning",
                "value_jump",
                at,
                value=show(value),
                indicator=spec.name_en if spec else indicator,
                indicator_km=spec.name_km if spec else indicator,
                entity=label(str(entity), "en"),
                entity_km=label(str(entity), "km"),
                old=show(old),
                old_year=int(old_year),
                new=show(value),
                year=int(year),
                change=f"{(value - old) / abs(old):+.0%}" if old else "from 0",
                max=f"{max_change:.0%}",
                step=f"{spec.jump:g} ({spec.unit_en})" if spec else "0",
                step_km=f"{spec.jump:g} ({spec.unit_km})" if spec else "0",
            )
        )
    return issues
