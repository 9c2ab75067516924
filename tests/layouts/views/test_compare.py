"""What the Compare page shows, without Dash: the choices a URL asks for, a peer set's rows, coverage, gaps and
scatter points, and the world map's data, on the bundled data and on every UN DESA reference file."""

from __future__ import annotations

import pytest

from layouts.views import compare as view
from layouts.views.snapshot import snapshot

ASEAN = {"BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"}


def summary(entity: str = "KHM", edition: int = 2024, kind: str = "asean", custom: tuple[str, ...] = ()) -> view.PeerSummary:
    return view.peer_summary(snapshot(), entity, edition, kind, custom, "en")


def test_query_values_are_made_safe():
    assert view.normalise("tha", "custom", "KHM,vnm,XXX,THA", "hci", "epi") == ("THA", "custom", ("KHM", "VNM"), "hci", "epi")
    assert view.normalise(["THA", "VNM"], "planet", None, "gdp", "") == ("KHM", "asean", (), "tii", "osi")


def test_the_edition_is_one_the_country_has_results_in(partial):
    data = snapshot()
    assert view.entity_editions(data, "SGP") == [2018, 2020, 2022, 2024]
    assert (view.choose_edition(data, "SGP", 2003), view.choose_edition(data, "SGP", "2020")) == (2024, 2020)
    assert view.choose_edition(data, "FRA", 2024) is None and view.edition_options(data, "FRA", "en") == []
    assert [o["label"] for o in view.peer_options("SGP", "en")][1:3] == ["Region: Asia", "Sub-region: South-eastern Asia"]


def test_a_peer_set_has_its_rows_and_says_what_it_cannot_show(partial):
    asean = summary()
    assert asean.missing is None and asean.coverage is None
    assert asean.subtitle == "Cambodia among the ASEAN members, UN E-Government Survey 2024"
    assert {row["iso3"] for row in asean.rows} == ASEAN
    cambodia = next(row for row in asean.rows if row["iso3"] == "KHM")
    assert (cambodia["egdi"], cambodia["egdi_text"], cambodia["peer_rank"], cambodia["rating_class"]) == (0.5754, "0.5754", 8, None)
    assert "Rating classes need the results of all 193 countries for 2024" in str(asean.class_note)
    region = summary(edition=2022, kind="region").coverage
    assert region is not None and region.data_link and region.hint == "Import the UN DESA files on the Data page to add the others."
    assert region.text.startswith("11 of the 47 countries of this set have results for 2022. Missing: Afghanistan, ")
    empty = summary(kind="custom").coverage
    assert empty == view.Notice("Choose the countries to compare Cambodia with.", kind="info")
    closest = summary(kind="neighbours").coverage
    assert closest is not None and closest.data_link and closest.text.startswith("These are the closest among the 11 countries")
    assert summary(entity="FRA").missing == "No published results are stored for France."


def test_gaps_and_scatter_points(bundled):
    gaps = summary().gaps
    assert gaps is not None
    egdi = gaps.set_index("index").loc["egdi"]
    assert egdi["gap"] == pytest.approx(0.9691 - 0.5754, abs=1e-4) and egdi["leader_name"] == "Singapore"
    assert summary().gaps_table.iloc[0].tolist() == ["E-Government Development Index", "0.5754", "Singapore", "0.9691", "0.3937"]
    points = view.scatter(snapshot(), "KHM", 2024, "asean", ("VNM",), "hci", "epi", "km")
    assert len(points) == 11 and points.loc[points["is_entity"], "name"].tolist() == ["កម្ពុជា"]
    assert points.loc[points["is_entity"], "x"].iloc[0] == pytest.approx(0.5149, abs=1e-4)


def test_the_ranking_csv_is_named_by_country_edition_and_set():
    assert view.csv_name("KHM", 2024, "asean") == "egdi-KHM-2024-asean.csv"


def test_the_map_needs_the_whole_field(partial):
    data = snapshot()
    assert view.world_rows(data, 2024) is None
    notice = view.world_data_notice(data, 2024, "en")
    assert notice.data_link and notice.text.startswith("This view needs the results of all 193 countries for 2024")


def test_the_map_of_the_whole_field(world):
    data = snapshot()
    assert view.world_rows(data, 2022) is not None
    rows = view.map_rows(data.version, 2022, "en")
    assert len(rows) == 193 and rows.set_index("iso3").at["KHM", "name"] == "Cambodia"
    assert view.map_table(data.version, 2022, "en").iloc[0].tolist() == ["1", "Denmark", "0.9717"]
