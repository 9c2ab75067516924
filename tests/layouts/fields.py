"""A synthetic field of component indicators, so that what-ifs on components re-score the whole field: every component
of the 2022 method for the 193 countries in 2022 (Cambodia keeps its bundled national values)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.entities import load_countries

COMPONENT_RANGES = {
    "internet_users_pct": (5, 100),
    "mobile_subscriptions_per_100": (30, 180),
    "mobile_broadband_per_100": (5, 150),
    "fixed_broadband_per_100": (0, 45),
    "adult_literacy_pct": (40, 100),
    "gross_enrolment_pct": (40, 100),
    "expected_schooling_years": (6, 20),
    "mean_schooling_years": (2, 14),
    "osi_score": (10, 200),
    "epi_score": (0, 90),
}
NATIONAL = ("internet_users_pct", "adult_literacy_pct", "expected_schooling_years", "mean_schooling_years")  # Cambodia's own
# What the 2022 method reads of a new store (its data year is 2020, so the synthetic values of 2022 are not read): the
# bundled components, the enrolment ratio by level, and the published OSI and EPI in place of the raw scores
FIELD_2022 = [
    "adult_literacy_pct",
    "epi_score",
    "expected_schooling_years",
    "fixed_broadband_per_100",
    "gross_enrolment_primary_pct",
    "gross_enrolment_secondary_pct",
    "gross_enrolment_tertiary_pct",
    "internet_users_pct",
    "mean_schooling_years",
    "mobile_broadband_per_100",
    "mobile_subscriptions_per_100",
    "osi_score",
]


def synthetic_components() -> pd.DataFrame:
    """Every component of the 2022 method for the 193 countries in 2022 (Cambodia keeps its bundled national values)."""
    rng = np.random.default_rng(2022)
    rows = [
        (code, 2022, indicator, float(rng.uniform(*bounds)), "synthetic test field")
        for code in load_countries().codes
        for indicator, bounds in COMPONENT_RANGES.items()
        if not (code == "KHM" and indicator in NATIONAL)
    ]
    return pd.DataFrame(rows, columns=["entity", "year", "indicator", "value", "source"])


LARGE_SERIES = (  # values in 1–20 are valid for each
    "internet_users_pct",
    "mobile_subscriptions_per_100",
    "mobile_broadband_per_100",
    "fixed_broadband_per_100",
    "fixed_telephone_per_100",
    "mobile_basket_gni_pct",
    "fixed_broadband_basket_gni_pct",
    "adult_literacy_pct",
    "gross_enrolment_primary_pct",
    "gross_enrolment_secondary_pct",
    "gross_enrolment_tertiary_pct",
    "expected_schooling_years",
    "mean_schooling_years",
    "public_services_online_pct",
)
LARGE_YEARS = range(1990, 2025)


def large_long_table(source: str, seed: int) -> str:
    """A long CSV of about 10 MB for a background import: every series of LARGE_SERIES for every country and every year
    of LARGE_YEARS (len(LARGE_SERIES) × len(LARGE_YEARS) × 193 values), each a random value in 1–20."""
    rng = np.random.default_rng(seed)
    lines = ["entity,year,indicator,value,source"]
    for indicator in LARGE_SERIES:
        lines += [f"{iso},{year},{indicator},{rng.uniform(1, 20):.6f},{source}" for year in LARGE_YEARS for iso in load_countries().codes]
    return "\n".join(lines) + "\n"
