"""Provincial connectivity and human capital panels: the values the ministry can get by province, against the national figure.

Values are shown as they are, in their own units, each with its year and source; no index is built from them. The
UN's TII and HCI standardise countries against each other (z-scores, then min-max); doing that across 25 provinces
would rank them against each other only, so it is deliberately not done here (see README, Provinces).

For a province, an indicator and a year Y (default: the latest), the panel shows

    value        the province's latest value up to Y, its year y and source
    national     Cambodia's (KHM) latest value up to y, with its own year: the same year when published, else earlier
    difference   value − national, in the indicator's unit (percentage points for percentages)

Per-level gross enrolment ratios may exceed 100 (over-age and repeating pupils); they are shown as published.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.tidy import fictional_mask

NATIONAL = "KHM"
PANELS: dict[str, tuple[str, ...]] = {
    "connectivity": ("internet_users_pct", "mobile_subscriptions_per_100", "mobile_broadband_per_100", "fixed_broadband_per_100"),
    "human_capital": (
        "adult_literacy_pct",
        "mean_schooling_years",
        "expected_schooling_years",
        "gross_enrolment_pct",
        "gross_enrolment_primary_pct",
        "gross_enrolment_lower_secondary_pct",
        "gross_enrolment_upper_secondary_pct",
    ),
}
PANEL_NAMES = {
    "connectivity": {"en": "Connectivity", "km": "ការតភ្ជាប់"},
    "human_capital": {"en": "Human capital", "km": "មូលធនមនុស្ស"},
}
PANEL_COLUMNS = [
    "panel",
    "indicator",
    "name_en",
    "name_km",
    "unit_en",
    "unit_km",
    "value",
    "year",
    "source",
    "fictional",
    "national",
    "national_year",
    "national_source",
    "difference",
]


def panel_codes() -> list[str]:
    return [code for codes in PANELS.values() for code in codes]


Observation = tuple[int, float, str, bool]  # year, value, source, fictional


def _by_indicator(rows: pd.DataFrame) -> dict[str, list[Observation]]:
    """Each indicator's dated rows, oldest first (rows of the same year keep their order, as `latest_values` does)."""
    dated = rows[rows["year"].notna()].sort_values("year", kind="stable")
    columns = zip(dated["indicator"], dated["year"], dated["value"], dated["source"], fictional_mask(dated), strict=True)
    found: dict[str, list[Observation]] = {}
    for code, year, value, source, fictional in columns:
        found.setdefault(str(code), []).append((int(year), float(value), str(source), bool(fictional)))
    return found


def _latest(rows: list[Observation], year: int | None) -> Observation | None:
    """The latest row up to `year` (all when None): `indicators.tidy.latest_values` for one entity and indicator."""
    kept = [row for row in rows if year is None or row[0] <= year]
    return kept[-1] if kept else None


def province_panels(observations: pd.DataFrame, province: str, year: int | None = None) -> pd.DataFrame:
    """One row per panel indicator (PANEL_COLUMNS, in PANELS order) for `province`.

    observations: stored values (entity, year, indicator, value, source, flags) of the province and of Cambodia (KHM).
    Indicators without a provincial value keep their row with empty value, so a panel always shows what is missing."""
    catalogue = load_catalogue()
    wanted = observations["indicator"].isin(panel_codes())
    own = _by_indicator(observations[wanted & (observations["entity"] == province)])
    national = _by_indicator(observations[wanted & (observations["entity"] == NATIONAL)])
    rows = []
    for panel, codes in PANELS.items():
        for code in codes:
            spec = catalogue[code]
            mine = _latest(own.get(code, []), year)
            value_year = None if mine is None else mine[0]
            theirs = _latest(national.get(code, []), value_year or year)
            value = np.nan if mine is None else mine[1]
            other = np.nan if theirs is None else theirs[1]
            rows.append(
                (
                    panel,
                    code,
                    spec.name_en,
                    spec.name_km,
                    spec.unit_en,
                    spec.unit_km,
                    value,
                    value_year,
                    None if mine is None else mine[2],
                    mine is not None and mine[3],
                    other,
                    None if theirs is None else theirs[0],
                    None if theirs is None else theirs[2],
                    value - other,
                )
            )
    frame = pd.DataFrame(rows, columns=PANEL_COLUMNS)
    return frame.astype({"year": "Int64", "national_year": "Int64"})
