"""Properties of lower-is-better components and combinations (the 2024 TII and the HCI's combined enrolment), for any
field of countries."""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from indicators.method.methodology import load_methodology
from indicators.method.scoring import score

M2024 = load_methodology(2024)
TII = [
    "internet_users_pct",
    "mobile_subscriptions_per_100",
    "mobile_broadband_per_100",
    "mobile_basket_gni_pct",
    "fixed_broadband_basket_gni_pct",
]
PRICES = TII[3:]
LEVELS = ["gross_enrolment_primary_pct", "gross_enrolment_secondary_pct", "gross_enrolment_tertiary_pct"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def fields(draw, codes: list[str] = TII, min_entities: int = 3, max_entities: int = 20) -> pd.DataFrame:
    """Every country has every code; values on a grid of 0.25 (prices from 0.25 to 50 % of GNI per capita)."""
    n = draw(st.integers(min_entities, max_entities))
    values = draw(st.lists(st.lists(st.integers(1, 200), min_size=len(codes), max_size=len(codes)), min_size=n, max_size=n))
    rows = [(f"E{i:03d}", code, v / 4) for i, row in enumerate(values) for code, v in zip(codes, row, strict=True)]
    return pd.DataFrame(rows, columns=["entity", "indicator", "value"])


def stages(tidy: pd.DataFrame) -> pd.DataFrame:
    return score(tidy, M2024).components.set_index(["entity", "indicator"])


@given(fields(), st.sampled_from(PRICES), st.integers(0, 19), st.floats(0.1, 30))
@SETTINGS
def test_a_lower_price_never_lowers_a_countrys_affordability(tidy, code, index, cut):
    entity = f"E{index:03d}"
    assume(entity in set(tidy["entity"]))
    at = (tidy["entity"] == entity) & (tidy["indicator"] == code)
    cheaper = tidy.assign(value=tidy["value"].where(~at, (tidy["value"] - cut).clip(lower=0)))
    before = stages(tidy).loc[(entity, "ict_affordability"), "standardised"]
    after = stages(cheaper).loc[(entity, "ict_affordability"), "standardised"]
    assert after >= before - 1e-12


@given(fields(), st.randoms())
@SETTINGS
def test_prices_above_the_cap_are_all_alike(tidy, rnd):
    """Whatever a price above 20 % of GNI per capita is, the TII is the same: the cap holds it at 20."""
    above = tidy["indicator"].isin(PRICES) & (tidy["value"] > 20)
    assume(above.any())
    moved = tidy.assign(value=tidy["value"].where(~above, [rnd.uniform(20, 5000) for _ in range(len(tidy))]))
    first, second = score(tidy, M2024).entities, score(moved, M2024).entities
    assert np.allclose(first["tii"].to_numpy(dtype=float), second["tii"].to_numpy(dtype=float), equal_nan=True)


@given(fields(), st.randoms())
@SETTINGS
def test_the_2024_tii_is_in_0_1_and_invariant_to_row_order(tidy, rnd):
    result = score(tidy, M2024).entities.set_index("entity")["tii"].dropna()
    assert ((result >= 0) & (result <= 1)).all()
    shuffled = tidy.sample(frac=1, random_state=rnd.randint(0, 2**31 - 1)).reset_index(drop=True)
    again = score(shuffled, M2024).entities.set_index("entity")["tii"].dropna()
    pd.testing.assert_series_equal(result.sort_index(), again.sort_index(), check_exact=False, rtol=1e-12, atol=1e-12)


@given(fields(LEVELS))
@SETTINGS
def test_the_combined_enrolment_lies_between_its_capped_levels(tidy):
    combined = stages(tidy).xs("gross_enrolment_pct", level="indicator")["raw"]
    levels = tidy.pivot(index="entity", columns="indicator", values="value")
    capped = levels.assign(gross_enrolment_primary_pct=levels["gross_enrolment_primary_pct"].clip(upper=100))
    assert (combined >= capped.min(axis=1) - 1e-12).all() and (combined <= capped.max(axis=1) + 1e-12).all()
