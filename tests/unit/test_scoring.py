import statistics

import numpy as np
import pandas as pd
import pytest

from indicators.method.methodology import load_methodology
from indicators.method.scoring import RESULT_COLUMNS, score
from tests.conftest import tidy_from

M2022 = load_methodology(2022)
TII_CODES = ["internet_users_pct", "mobile_subscriptions_per_100", "mobile_broadband_per_100", "fixed_broadband_per_100"]
TELECOM = {"A": [50, 100, 50, 10], "B": [80, 150, 100, 30], "C": [20, 60, 20, 0]}


def _tii_by_hand() -> dict[str, float]:
    """TII 2022 worked independently: cap at 120, population z-scores, mean of four, min-max."""
    capped = {e: [min(v, 120) for v in vals] for e, vals in TELECOM.items()}
    columns = list(zip(*capped.values(), strict=True))
    z = {
        e: [(v - statistics.mean(col)) / statistics.pstdev(col) for v, col in zip(vals, columns, strict=True)] for e, vals in capped.items()
    }
    composite = {e: sum(zs) / 4 for e, zs in z.items()}
    low, high = min(composite.values()), max(composite.values())
    return {e: (c - low) / (high - low) for e, c in composite.items()}


def telecom_tidy() -> pd.DataFrame:
    return tidy_from({e: dict(zip(TII_CODES, vals, strict=True)) for e, vals in TELECOM.items()})


def test_tii_matches_the_hand_computation():
    result = score(telecom_tidy(), M2022).entities.set_index("entity")
    expected = _tii_by_hand()
    assert result["tii"].to_dict() == pytest.approx(expected, abs=1e-12)
    assert expected["A"] == pytest.approx(0.468708, abs=1e-6)
    assert (expected["B"], expected["C"]) == (1.0, 0.0)


def test_every_stage_is_kept():
    result = score(telecom_tidy(), M2022)
    b = result.components.query("entity == 'B' and indicator == 'mobile_subscriptions_per_100'").iloc[0]
    assert (b["raw"], b["capped"]) == (150.0, 120.0)
    column = [100, 120, 60]
    assert b["standardised"] == pytest.approx((120 - statistics.mean(column)) / statistics.pstdev(column))
    tii = result.subindices.query("subindex == 'tii'").set_index("entity")
    assert tii.loc["C", "normalised"] == 0.0 and tii.loc["B", "weight_share"] == 1.0
    assert result.methodology_id == "egdi-2022" and len(result.input_checksum) == 64


def full_field(n: int = 12, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    codes = {
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
    return tidy_from({f"E{i:02d}": {c: float(rng.uniform(*r)) for c, r in codes.items()} for i in range(n)})


def test_egdi_is_the_mean_of_the_three_subindices_and_rank_follows_it():
    result = score(full_field(), M2022).entities
    assert list(result.columns) == RESULT_COLUMNS
    assert np.allclose(result["egdi"], (result["osi"] + result["tii"] + result["hci"]) / 3)
    ordered = result.sort_values("egdi", ascending=False)
    assert list(ordered["rank"]) == list(range(1, 13))
    assert (result["flags"] == "").all()


def test_osi_from_raw_points_is_minmax_of_the_points():
    tidy = tidy_from({"A": {"osi_score": 10}, "B": {"osi_score": 60}, "C": {"osi_score": 110}})
    result = score(tidy, M2022).entities.set_index("entity")
    assert result["osi"].to_dict() == {"A": 0.0, "B": 0.5, "C": 1.0}


def test_osi_from_the_five_subindices_uses_the_configured_weights():
    weights = {c.code: c.weight for c in M2022.subindices["osi"].forms[1].components}
    entities = {"A": 0.2, "B": 0.5, "C": 0.9}
    tidy = tidy_from({e: {code: v for code in weights} | {"osi_technology": 1.0 - v} for e, v in entities.items()})
    result = score(tidy, M2022)
    raw = {e: sum(w * (1.0 - v if c == "osi_technology" else v) for c, w in weights.items()) for e, v in entities.items()}
    low, high = min(raw.values()), max(raw.values())
    osi = result.entities.set_index("entity")["osi"]
    assert osi.to_dict() == pytest.approx({e: (r - low) / (high - low) for e, r in raw.items()})
    assert set(result.subindices.query("subindex == 'osi'")["form"]) == {"subindices"}


def test_raw_points_win_over_subindices_and_the_unused_form_is_flagged():
    tidy = tidy_from({"A": {"osi_score": 10}, "B": {"osi_score": 40}, "C": {"osi_services_provision": 0.7}})
    entities = score(tidy, M2022).entities.set_index("entity")
    assert np.isnan(entities.loc["C", "osi"])
    assert "osi_other_form" in entities.loc["C", "flags"]


def test_missing_components_are_reweighted_flagged_or_left_unscored():
    tidy = full_field()
    tidy = tidy[~((tidy["entity"] == "E01") & (tidy["indicator"] == "fixed_broadband_per_100"))]
    drop_hci = ["gross_enrolment_pct", "expected_schooling_years", "mean_schooling_years"]
    tidy = tidy[~((tidy["entity"] == "E02") & tidy["indicator"].isin(drop_hci))]
    result = score(tidy, M2022)
    entities = result.entities.set_index("entity")
    assert entities.loc["E01", "flags"] == "tii_partial"
    assert not np.isnan(entities.loc["E01", "tii"]) and not np.isnan(entities.loc["E01", "egdi"])
    assert entities.loc["E02", "flags"] == "hci_insufficient;egdi_incomplete"
    assert np.isnan(entities.loc["E02", "hci"]) and np.isnan(entities.loc["E02", "egdi"])
    assert pd.isna(entities.loc["E02", "rank"]) and pd.isna(entities.loc["E02", "group"])
    share = result.subindices.query("entity == 'E01' and subindex == 'tii'")["weight_share"].iloc[0]
    assert share == 0.75


def test_an_entity_without_any_telecom_data_is_flagged_missing():
    tidy = full_field()
    tidy = tidy[~((tidy["entity"] == "E03") & tidy["indicator"].isin(TII_CODES))]
    flags = score(tidy, M2022).entities.set_index("entity").loc["E03", "flags"]
    assert flags == "tii_missing;egdi_incomplete"


def test_a_single_scored_entity_has_no_spread_to_normalise_against():
    tidy = tidy_from({"A": {"internet_users_pct": 50, "fixed_broadband_per_100": 10, "mobile_broadband_per_100": 30}})
    entities = score(tidy, M2022).entities.set_index("entity")
    assert np.isnan(entities.loc["A", "tii"])
    assert entities.loc["A", "flags"] == "osi_missing;tii_partial;tii_no_spread;hci_missing;epi_missing;egdi_incomplete"


def test_latest_year_is_used_when_years_are_given():
    tidy = telecom_tidy().assign(year=2020)
    newer = tidy[tidy["entity"] == "C"].assign(year=2021, value=lambda f: f["value"] * 5)
    result = score(pd.concat([tidy, newer]), M2022).entities.set_index("entity")
    assert result.loc["C", "tii"] > 0.0


def test_duplicate_values_are_a_programming_error():
    tidy = pd.concat([telecom_tidy(), telecom_tidy()])
    with pytest.raises(ValueError, match="exactly one value"):
        score(tidy, M2022)


def test_tii_2018_uses_five_components_without_cap():
    tidy = telecom_tidy()
    extra = tidy_from({"A": {"fixed_telephone_per_100": 5}, "B": {"fixed_telephone_per_100": 20}, "C": {"fixed_telephone_per_100": 1}})
    result = score(pd.concat([tidy, extra]), load_methodology(2018))
    b = result.components.query("entity == 'B' and indicator == 'mobile_subscriptions_per_100'").iloc[0]
    assert b["capped"] == 150.0
    assert set(result.components.query("subindex == 'tii'")["indicator"]) == set(TII_CODES) | {"fixed_telephone_per_100"}
