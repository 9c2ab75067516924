"""What the Trends page shows, without Dash, on the bundled data: the choices a URL asks for, the lines with their
gaps and hover texts, the method-change markers, the table and the notices."""

from __future__ import annotations

import pytest

from layouts.views import trends as view
from layouts.views.snapshot import snapshot

ASEAN_PEERS = ["BRN", "IDN", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"]


def lines(shown: view.TrendsView) -> dict[str, view.Line]:
    return {line.name: line for line in shown.lines}


def test_a_url_asks_for_a_country_peers_and_a_series_and_unknown_values_give_way(bundled):
    data = snapshot()
    assert view.requested_view(data) == ("KHM", ASEAN_PEERS, "egdi")
    assert view.requested_view(data, entity="tha", peers="KHM,VNM", series="tii") == ("THA", ["KHM", "VNM"], "tii")
    assert view.requested_view(data, entity="XXX", peers="XXX,VNM,VNM", series="nonsense") == ("KHM", ["VNM"], "egdi")
    assert view.requested_view(data, peers="none")[1] == []
    assert view.requested_view(data, peers=["THA", "VNM"], series=["tii", "osi"])[1:] == (["THA", "VNM"], "egdi")


def test_the_url_leaves_the_defaults_out(bundled):
    data = snapshot()
    assert view.url_state("KHM", ASEAN_PEERS, "egdi", data) == {"entity": "KHM", "peers": None, "series": None, "period": None}
    assert view.url_state("VNM", [], "hci", data, (2010, 2020)) == {
        "entity": "VNM",
        "peers": "none",
        "series": "hci",
        "period": "2010-2020",
    }
    assert view.url_state("KHM", ["THA", "VNM"], "tii", data)["peers"] == "THA,VNM"


def test_missing_editions_are_gaps_and_every_point_says_its_source(partial):
    shown = view.trends_view("KHM", ["THA"], "egdi", "en")
    thailand = dict(zip(lines(shown)["Thailand"].x, lines(shown)["Thailand"].y, strict=True))
    assert [thailand[e] for e in (2003, 2012, 2016)] == [None, None, None] and thailand[2018] is not None
    cambodia = lines(shown)["Cambodia"]
    assert cambodia.main and not lines(shown)["Thailand"].main
    hover = cambodia.hover[list(cambodia.x).index(2020)]
    assert hover == "<b>Cambodia</b><br>Edition 2020: 0.5113<br>Source: UN DESA, UN E-Government Survey 2020"
    assert shown.axes.x_title == "Edition" and shown.axes.y_range == pytest.approx((0.0, 1.04))


def test_method_changes_are_markers_with_their_sentences_and_links(partial):
    shown = view.trends_view("KHM", [], "tii", "km")
    assert [marker.x for marker in shown.markers] == [2020, 2024]  # 2024: affordability replaced fixed broadband
    assert [edition.href for edition in shown.changes] == ["/methodology?edition=2020&lang=km", "/methodology?edition=2024&lang=km"]
    assert "TII៖ បានដកការជាវទូរស័ព្ទលើតុចេញ" in shown.changes[0].labels
    hci = view.trends_view("KHM", [], "hci", "en")
    assert hci.markers == [] and hci.changes == [] and "show no change of method for this series" in str(hci.no_changes)


def test_a_component_indicator_is_read_by_year_with_its_stored_source(partial):  # Cambodia's national values only
    shown = view.trends_view("KHM", ["THA"], "internet_users_pct", "en")
    cambodia = lines(shown)["Cambodia"]
    assert list(cambodia.x) == [2019, 2020, 2021, 2022] and list(cambodia.y) == [52.3, 53.7, 55.6, 56.7]
    assert cambodia.hover[0] == "<b>Cambodia</b><br>Year 2019: 52.30<br>Source: ITU, via World Bank"
    assert shown.notice == ("info", "No values of this series are stored for Thailand.")
    literacy = lines(view.trends_view("KHM", [], "adult_literacy_pct", "en"))["Cambodia"]
    assert list(literacy.x) == list(range(2008, 2020)) and list(literacy.y)[1:-1] == [None] * 10


def test_the_table_holds_every_value_and_a_series_without_values_says_so(partial):
    shown = view.trends_view("KHM", ["VNM"], "egdi", "en")
    assert shown.table is not None and shown.table_headers == ["Country", "Edition", "Value", "Source"]
    assert shown.table.iloc[0].tolist() == ["Cambodia", "2003", "0.2637", "UN DESA, UN E-Government Survey 2003"]
    assert shown.table.iloc[-1].tolist()[:2] == ["Viet Nam", "2024"] and len(shown.table) == 12 + 4
    empty = view.trends_view("KHM", ["THA"], "fixed_telephone_per_100", "en")
    assert empty.lines == [] and empty.table is None
    assert empty.notice is not None and empty.notice[0] == "warning"
    assert "No values of this series are stored for the chosen countries" in empty.notice[1]


def test_round_ticks():
    assert view.nice_ticks(0.39) == [0.0, 0.1, 0.2, 0.3, 0.4]
    assert view.nice_ticks(0.0) == [0.0, 1.0] and view.nice_ticks(97) == [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]


def test_a_view_is_built_once_per_snapshot_and_choice(bundled):
    assert view.trends_view("KHM", ["THA"], "egdi", "en") is view.trends_view("KHM", ["THA"], "egdi", "en")
    assert view.trends_view("KHM", ["THA"], "egdi", "en") is not view.trends_view("KHM", ["THA"], "egdi", "km")


def test_the_timeline_in_the_url_and_its_range():
    assert view.requested_period("2010-2020") == (2010, 2020) and view.requested_period("2020-2010") == (2010, 2020)
    assert view.requested_period(None) is None and view.requested_period("2010") is None and view.requested_period("a-b") is None
    editions = [2003, 2004, 2005, 2008, 2010, 2012]
    assert view.period_choice([2003, 2012], editions) is None  # every period: the default, left out of the link
    assert view.period_choice([2008, 2004], editions) == (2004, 2008)
    assert view.shown_range(editions, (2006, 2011)) == (2008, 2010) and view.shown_range(editions, (1990, 1995)) == (2003, 2012)


def test_a_new_country_takes_its_own_default_peers(bundled):
    data = snapshot()
    assert view.peers_for_new_country(data, "VNM", ASEAN_PEERS, "KHM") == view.default_peers(data, "VNM")
    assert "KHM" in view.default_peers(data, "VNM") and "VNM" not in view.default_peers(data, "VNM")
    assert view.peers_for_new_country(data, "THA", ["THA", "LAO"], "KHM") == ["KHM", "LAO"]
    assert view.peers_for_new_country(data, "KHM", ["THA"], "KHM") == ["THA"]
