"""The field an edition scores on a new store: every country's bundled component values as the edition reads them,
Cambodia's national values in place of the international ones of their years (and said), and the published OSI and
EPI where the UN's raw points are not public."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators.ingest.imports import import_files, open_seeded_store
from indicators.method.methodology import load_methodology
from indicators.method.stored import stored_components, stored_field, stored_published


@pytest.fixture(scope="module")
def store(seeded_db: str):  # type: ignore[no-untyped-def]
    with open_seeded_store(seeded_db) as opened:
        yield opened


def test_the_simulator_field_reads_national_values_and_says_so(store):
    field = stored_field(store, 2024)
    khm = field.inputs[field.inputs["entity"] == "KHM"].set_index("indicator")
    # data/national/cambodia-indicators.csv: internet users 56.7 in 2022 (the ITU's figure for 2022 is 59.6606)
    assert (khm.loc["internet_users_pct", "value"], khm.loc["internet_users_pct", "year"]) == (56.7, 2022)
    assert bool(khm.loc["internet_users_pct", "national"]) and not bool(khm.loc["mobile_broadband_per_100", "national"])
    assert khm.loc["adult_literacy_pct", "year"] == 2021  # the 2024 data year for literacy
    assert sorted(field.national_codes("KHM")) == ["expected_schooling_years", "internet_users_pct", "mean_schooling_years"]
    flags = field.scores.set_index("entity")["flags"]
    assert "tii_national" in flags["KHM"] and "hci_national" in flags["KHM"] and "national" not in flags["THA"]
    international = stored_field(store, 2024, national=False)
    itu = international.inputs.set_index(["entity", "indicator"]).loc[("KHM", "internet_users_pct")]
    assert (itu["value"], itu["year"], bool(itu["national"])) == (59.6606, 2022, False)  # ITU DataHub, i99H


def test_the_published_osi_and_epi_stand_in_for_raw_points_and_change_nothing_by_renormalising(store):
    field = stored_field(store, 2024)
    scores = field.scores.set_index("entity")
    published = stored_published(store, 2024).set_index("iso3")
    assert scores["egdi"].notna().sum() == 193
    assert (scores["osi"] == published["osi"].reindex(scores.index)).all()  # min-max of [0, 1] spanning values: identity
    assert "osi_published" in scores.loc["KHM", "flags"]
    khm = scores.loc["KHM"]
    assert khm["egdi"] == pytest.approx((khm["osi"] + khm["tii"] + khm["hci"]) / 3, abs=1e-15)


def test_an_imported_national_table_replaces_the_bundled_value_of_its_year(tmp_path: Path):
    path = str(tmp_path / "egdi.sqlite")
    with open_seeded_store(path) as store:
        before = stored_field(store, 2024).inputs.set_index(["entity", "indicator"]).loc[("KHM", "mobile_subscriptions_per_100")]
        source = tmp_path / "telecom.csv"
        source.write_text("entity,year,indicator,value,source\nCambodia,2022,mobile_subscriptions_per_100,140,TRC annual report\n")
        assert import_files([str(source)], store)[1]
        after = stored_field(store, 2024).inputs.set_index(["entity", "indicator"]).loc[("KHM", "mobile_subscriptions_per_100")]
    assert not bool(before["national"]) and before["value"] != 140
    assert (after["value"], after["source"], bool(after["national"])) == (140, "TRC annual report", True)


def test_the_component_data_is_read_once_per_store_version(store):
    first = stored_components(store)
    assert stored_components(store) is first
    assert set(stored_components(store, load_methodology(2014).input_codes())["indicator"]) <= set(first["indicator"])
    assert isinstance(first["released"].iloc[0], pd.Timestamp)
