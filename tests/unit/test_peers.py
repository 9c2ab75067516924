"""Peer sets: membership from the register, the k nearest in EGDI, ranks within the set, gaps to the leaders."""

import math

import pandas as pd
import pytest

from indicators.entities import load_countries
from indicators.method.peers import (
    INDEX_COLUMNS,
    NEIGHBOURS,
    PEER_KINDS,
    gaps_to_leader,
    missing_members,
    nearest_in_egdi,
    parse_codes,
    peer_set,
    peer_table,
)

ASEAN = ("BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM")


def edition(rows: dict[str, tuple[float, ...]]) -> pd.DataFrame:
    """A one-edition results table from {iso3: (egdi, osi, tii, hci, epi)}."""
    return pd.DataFrame([(code, *values) for code, values in rows.items()], columns=["iso3", *INDEX_COLUMNS])


FIELD = edition(
    {
        "KHM": (0.50, 0.40, 0.60, 0.50, 0.30),
        "THA": (0.80, 0.75, 0.90, 0.75, 0.75),
        "SGP": (0.95, 0.98, 0.98, 0.90, 0.95),
        "LAO": (0.40, 0.30, 0.50, 0.40, 0.20),
        "VNM": (0.55, 0.65, 0.60, 0.40, 0.60),
        "FRA": (0.88, 0.85, 0.90, 0.89, 0.80),
        "NPL": (0.51, 0.45, 0.51, 0.56, 0.24),
    }
)


def test_asean_is_the_eleven_members_whatever_the_entity():
    assert set(peer_set("asean", "KHM").members) == set(ASEAN)
    assert set(peer_set("asean", "FRA").members) == {*ASEAN, "FRA"}  # the entity is always in its own set


def test_region_and_subregion_follow_the_register_m49():
    table = load_countries().table
    region = peer_set("region", "KHM")
    assert region.label == "Asia"
    assert len(region.members) == int((table["region"] == "Asia").sum()) == 47
    subregion = peer_set("subregion", "KHM")
    assert subregion.label == "South-eastern Asia"
    assert set(subregion.members) == set(ASEAN)
    assert peer_set("subregion", "FRA").label == "Western Europe"
    assert "DEU" in peer_set("subregion", "FRA").members


def test_ldc_is_the_44_least_developed_countries():
    ldc = peer_set("ldc", "KHM")
    assert len(ldc.members) == 44
    assert {"KHM", "LAO", "MMR", "TLS"} <= set(ldc.members)
    assert "VNM" not in ldc.members


def test_neighbours_are_the_k_nearest_in_egdi_with_ties_broken_by_code():
    # |EGDI − 0.50|: NPL 0.01, VNM 0.05, LAO 0.10, THA 0.30, FRA 0.38, SGP 0.45
    assert nearest_in_egdi(FIELD, "KHM", 3) == ("NPL", "VNM", "LAO")
    tied = edition({"KHM": (0.5,) * 5, "ZWE": (0.6,) * 5, "ALB": (0.4,) * 5, "BRA": (0.9,) * 5})
    assert nearest_in_egdi(tied, "KHM", 2) == ("ALB", "ZWE")
    peers = peer_set("neighbours", "KHM", FIELD, k=2)
    assert set(peers.members) == {"KHM", "NPL", "VNM"}


def test_neighbours_skip_countries_without_egdi_and_need_the_entitys_own():
    field = pd.concat([FIELD, edition({"BTN": (math.nan,) * 5})], ignore_index=True)
    assert "BTN" not in nearest_in_egdi(field, "KHM", 10)
    assert len(nearest_in_egdi(field, "KHM", 10)) == 6  # everyone else with an EGDI
    assert nearest_in_egdi(field, "BTN", 3) == ()
    assert peer_set("neighbours", "BTN", field).members == ("BTN",)
    assert NEIGHBOURS == 10


def test_custom_is_the_chosen_countries_plus_the_entity():
    assert set(peer_set("custom", "KHM", custom=("THA", "VNM")).members) == {"KHM", "THA", "VNM"}
    assert peer_set("custom", "KHM").members == ("KHM",)


def test_members_come_in_register_order_and_an_unknown_kind_is_refused():
    members = peer_set("asean", "KHM").members
    order = list(load_countries().table.index)
    assert list(members) == sorted(members, key=order.index)
    with pytest.raises(ValueError, match="unknown peer set 'world'"):
        peer_set("world", "KHM")
    assert PEER_KINDS == ("asean", "region", "subregion", "ldc", "neighbours", "custom")


def test_parse_codes_keeps_known_codes_once_in_order():
    assert parse_codes("tha, VNM,THA,,XXX") == ("THA", "VNM")
    assert parse_codes(["sgp", "KHM"]) == ("SGP", "KHM")
    assert parse_codes(None) == ()
    assert parse_codes("THA,FRA", known=["FRA"]) == ("FRA",)


def test_peer_table_ranks_within_the_set_and_marks_the_entity():
    table = peer_table(FIELD, peer_set("asean", "KHM"))
    assert table["iso3"].tolist() == ["SGP", "THA", "VNM", "KHM", "LAO"]  # FRA and NPL are not ASEAN
    assert table["peer_rank"].tolist() == [1, 2, 3, 4, 5]
    assert table.loc[table["is_entity"], "iso3"].tolist() == ["KHM"]


def test_equal_egdi_share_the_better_peer_rank():
    field = edition({"KHM": (0.5,) * 5, "THA": (0.5,) * 5, "SGP": (0.9,) * 5, "LAO": (0.4,) * 5})
    table = peer_table(field, peer_set("asean", "KHM"))
    assert dict(zip(table["iso3"], table["peer_rank"], strict=True)) == {"SGP": 1, "KHM": 2, "THA": 2, "LAO": 4}


def test_missing_members_are_the_set_without_results():
    missing = missing_members(FIELD, peer_set("asean", "KHM"))
    assert missing == ("BRN", "IDN", "MYS", "MMR", "PHL", "TLS")  # register order: by English name


def test_gaps_to_leader_per_index():
    table = peer_table(FIELD, peer_set("asean", "KHM"))
    gaps = gaps_to_leader(table, "KHM").set_index("index")
    assert list(gaps.index) == list(INDEX_COLUMNS)
    assert gaps.at["egdi", "leader"] == "SGP"
    assert gaps.at["egdi", "gap"] == pytest.approx(0.45)
    assert gaps.at["osi", "value"] == pytest.approx(0.40)
    assert gaps.at["osi", "leader_value"] == pytest.approx(0.98)
    assert (gaps["gap"] >= 0).all()
    assert (gaps["gap"] == (gaps["leader_value"] - gaps["value"]).round(12)).all()


def test_the_leader_has_no_gap_and_a_tie_goes_to_the_entity():
    table = peer_table(FIELD, peer_set("custom", "SGP", custom=("KHM",)))
    gaps = gaps_to_leader(table, "SGP").set_index("index")
    assert (gaps["gap"] == 0).all()
    assert (gaps["leader"] == "SGP").all()
    tied = peer_table(edition({"KHM": (0.9,) * 5, "BRN": (0.9,) * 5}), peer_set("asean", "KHM"))
    assert gaps_to_leader(tied, "KHM")["leader"].tolist() == ["KHM"] * 5


def test_gaps_of_an_entity_without_results_are_missing():
    table = peer_table(FIELD, peer_set("asean", "MMR"))
    gaps = gaps_to_leader(table, "MMR")
    assert gaps["value"].isna().all() and gaps["gap"].isna().all()
    assert gaps["leader"].tolist() == ["SGP"] * 5


def test_gaps_skip_an_index_nobody_has():
    field = FIELD.assign(epi=math.nan)
    gaps = gaps_to_leader(peer_table(field, peer_set("asean", "KHM")), "KHM").set_index("index")
    assert pd.isna(gaps.at["epi", "leader"]) and math.isnan(gaps.at["epi", "gap"])
    assert gaps.at["tii", "gap"] == pytest.approx(0.38)
