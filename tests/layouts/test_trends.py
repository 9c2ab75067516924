"""The Trends page without a browser: its layout from URL queries in both languages, the figure it draws (values,
gaps, sources, method-change markers) and its callback called directly, on a new store (the bundled data), on part of
the field (Cambodia every edition, ASEAN 2018–2024, Cambodia's national indicators) and on every UN DESA reference file
imported (193 countries)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import dash
import plotly.graph_objects as go
import pytest
import yaml
from dash.exceptions import PreventUpdate

import app  # noqa: F401  (registers the pages)
from indicators.entities import load_countries
from layouts import ids
from layouts.callbacks.trends import update_trends
from layouts.i18n import LOCALES_DIR
from layouts.pages import trends as page
from layouts.state import parse_query
from tests.layouts.trees import children_of, figure_of, find
from tests.layouts.trees import texts as text

KHMER = re.compile("[\u1780-\u17ff]")
ASEAN_PEERS = ["BRN", "IDN", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"]


def traces(figure: go.Figure) -> dict[str, dict[str, object]]:
    return {trace["name"]: trace for trace in figure.to_plotly_json()["data"]}


def test_the_default_view_is_cambodia_egdi_against_the_asean_members_present(bundled):
    layout = page.layout()
    assert find(layout, ids.TRENDS_ENTITY).value == "KHM"
    assert find(layout, ids.TRENDS_SERIES).value == "egdi"
    assert sorted(find(layout, ids.TRENDS_PEERS).value) == ASEAN_PEERS
    assert text(find(layout, ids.TRENDS_SUBTITLE)) == "EGDI, Cambodia and the countries chosen for comparison, by survey edition"
    figure = figure_of(find(layout, ids.TRENDS_GRAPH))
    lines = traces(figure)
    assert set(lines) == {"Cambodia", "Method change"} | {load_countries().name(c) for c in ASEAN_PEERS}
    cambodia = dict(zip(lines["Cambodia"]["x"], lines["Cambodia"]["y"], strict=True))
    assert cambodia[2003] == pytest.approx(0.26369) and cambodia[2020] == pytest.approx(0.5113) and cambodia[2024] == pytest.approx(0.57536)
    assert lines["Cambodia"]["line"]["width"] == 4 and lines["Cambodia"]["connectgaps"] is False


def test_the_controls_show_the_url_query(bundled):
    layout = page.layout(lang="km", entity="tha", peers="KHM,VNM", series="tii")
    assert find(layout, ids.TRENDS_ENTITY).value == "THA"
    assert find(layout, ids.TRENDS_PEERS).value == ["KHM", "VNM"]
    assert find(layout, ids.TRENDS_SERIES).value == "tii"
    subtitle = text(find(layout, ids.TRENDS_SUBTITLE))
    assert "ថៃ" in subtitle and "សន្ទស្សន៍ហេដ្ឋារចនាសម្ព័ន្ធទូរគមនាគមន៍" in subtitle
    assert find(layout, ids.TRENDS_PEERS).labels["select_all"] == "ជ្រើសរើសទាំងអស់"


def test_bad_or_empty_query_values_fall_back_to_the_defaults(bundled):
    layout = page.layout(entity="XXX", peers="XXX,VNM,VNM", series="nonsense")
    assert find(layout, ids.TRENDS_ENTITY).value == "KHM"
    assert find(layout, ids.TRENDS_PEERS).value == ["VNM"]
    assert find(layout, ids.TRENDS_SERIES).value == "egdi"
    assert find(page.layout(peers="none"), ids.TRENDS_PEERS).value == []
    repeated = page.layout(peers=["THA", "VNM"], series=["tii", "osi"], entity=["KHM"])  # a key given twice in the URL
    assert find(repeated, ids.TRENDS_PEERS).value == ["THA", "VNM"] and find(repeated, ids.TRENDS_SERIES).value == "egdi"


def test_peers_without_an_edition_are_gaps_never_interpolated(partial):
    figure = page.trends_parts("KHM", ["THA"], "egdi", "en").figure
    thailand = traces(figure)["Thailand"]
    by_edition = dict(zip(thailand["x"], thailand["y"], strict=True))
    assert [by_edition[e] for e in (2003, 2012, 2016)] == [None, None, None]  # this store's ASEAN rows start in 2018
    assert by_edition[2018] is not None and by_edition[2024] is not None
    assert thailand["connectgaps"] is False


def test_hover_shows_value_source_and_edition_in_both_languages(bundled):
    figure = page.trends_parts("KHM", [], "egdi", "en").figure
    cambodia = traces(figure)["Cambodia"]
    hover = cambodia["text"][cambodia["x"].index(2020)]
    assert hover == "<b>Cambodia</b><br>Edition 2020: 0.5113<br>Source: UN DESA, UN E-Government Survey 2020"
    figure = page.trends_parts("KHM", [], "egdi", "km").figure
    cambodia = traces(figure)["កម្ពុជា"]
    hover = cambodia["text"][cambodia["x"].index(2020)]
    assert "ឆ្នាំស្ទង់មតិ ២០២០៖ ០.៥១១៣" in hover and "ប្រភព៖" in hover
    assert figure.to_plotly_json()["layout"]["xaxis"]["ticktext"][-1] == "២០២៤"


@pytest.mark.parametrize(
    ("series", "editions"),
    [("egdi", [2020, 2022, 2024]), ("tii", [2020, 2024]), ("osi", [2022]), ("hci", []), ("epi", []), ("internet_users_pct", [2020])],
)
def test_method_change_markers_come_from_the_methodology_files(bundled, series, editions):
    parts = page.trends_parts("KHM", [], series, "en")
    figure, details = parts.figure, parts.details
    markers = traces(figure).get("Method change")
    assert (markers["x"] if markers else []) == editions
    assert [shape["x0"] for shape in figure.to_plotly_json()["layout"].get("shapes", [])] == editions
    changes = text(details)
    if not editions:
        assert "show no change of method for this series" in changes


def test_the_2020_marker_explains_the_tii_change_and_links_to_the_method(bundled):
    parts = page.trends_parts("KHM", [], "tii", "en")
    figure, details = parts.figure, parts.details
    hover = traces(figure)["Method change"]["text"][0]
    assert hover.startswith("<b>Method change in 2020 (compared with 2018)</b>")
    assert "TII: Fixed-telephone subscriptions removed" in hover and "capped at 120" in hover
    links = [c.href for c in _walk(details) if getattr(c, "href", None)]
    assert links == ["/methodology?edition=2020", "/methodology?edition=2024"]  # 2024: affordability replaced fixed broadband
    details = page.trends_parts("KHM", [], "tii", "km").details
    assert next(c.href for c in _walk(details) if getattr(c, "href", None)) == "/methodology?edition=2020&lang=km"
    assert "TII៖ បានដកការជាវទូរស័ព្ទលើតុចេញ" in text(details)


def _walk(component: object) -> Iterator[object]:
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from _walk(child)
        return
    if component is None or isinstance(component, str):
        return
    yield component
    yield from _walk(children_of(component))


def test_a_component_indicator_is_drawn_by_year_with_its_stored_source(partial):  # Cambodia's national values only
    parts = page.trends_parts("KHM", ["THA"], "internet_users_pct", "en")
    subtitle, figure, details = parts.subtitle, parts.figure, parts.details
    assert subtitle == "Internet users (% of population), Cambodia and the countries chosen for comparison, by year"
    cambodia = traces(figure)["Cambodia"]
    assert cambodia["x"] == [2019, 2020, 2021, 2022] and cambodia["y"] == [52.3, 53.7, 55.6, 56.7]
    assert cambodia["text"][0] == "<b>Cambodia</b><br>Year 2019: 52.30<br>Source: ITU, via World Bank"
    assert "Thailand" not in traces(figure)
    assert "No values of this series are stored for Thailand." in text(details)
    assert figure.to_plotly_json()["layout"]["xaxis"]["title"]["text"] == "Year"


def test_years_without_a_value_stay_gaps(partial):
    figure = page.trends_parts("KHM", [], "adult_literacy_pct", "en").figure
    cambodia = traces(figure)["Cambodia"]
    assert cambodia["x"] == list(range(2008, 2020))
    assert cambodia["y"][0] == 77.6 and cambodia["y"][-1] == 87.7 and cambodia["y"][1:-1] == [None] * 10
    assert cambodia["connectgaps"] is False and cambodia["mode"] == "lines+markers"


def test_a_series_without_any_value_says_so(partial):
    parts = page.trends_parts("KHM", ["THA"], "fixed_telephone_per_100", "en")
    layout = parts.figure.to_plotly_json()["layout"]
    assert [t["name"] for t in parts.figure.to_plotly_json()["data"]] == []
    assert "No values of this series are stored for the chosen countries" in text(parts.details)
    # an empty chart draws no axes, so no made-up ticks (-1 … 6), and says why in the middle
    assert layout["xaxis"] == {"visible": False} and layout["yaxis"] == {"visible": False}
    assert layout["annotations"][0]["text"].startswith("No values of this series are stored")
    assert parts.table is None and parts.summary == "Fixed-telephone subscriptions (per 100 inhabitants) of Cambodia: no values to draw."


def test_on_a_new_store_a_component_series_runs_from_the_bundled_years_with_national_values_on_top(bundled):
    figure = page.trends_parts("KHM", ["THA"], "internet_users_pct", "en").figure
    cambodia, thailand = traces(figure)["Cambodia"], traces(figure)["Thailand"]
    assert cambodia["x"][0] == 1990 and cambodia["x"][-1] == 2024 and thailand["x"][-1] == 2024
    national = dict(zip(cambodia["x"], cambodia["y"], strict=True))
    assert [national[y] for y in (2019, 2020, 2021, 2022)] == [52.3, 53.7, 55.6, 56.7]  # data/national: the newest import
    assert cambodia["text"][cambodia["x"].index(2023)].endswith("Source: ITU DataHub: ITU estimate.")


def test_the_chart_data_is_also_a_table(partial):
    parts = page.trends_parts("KHM", ["VNM"], "egdi", "en")
    assert list(parts.table.headers) == ["Country", "Edition", "Value", "Source"]
    rows = parts.table.rows.values.tolist()
    assert rows[0] == ["Cambodia", "2003", "0.2637", "UN DESA, UN E-Government Survey 2003"]
    assert rows[-1][:2] == ["Viet Nam", "2024"]
    assert len(rows) == 12 + 4  # Cambodia in every edition, Viet Nam from 2018 (partial)
    assert parts.summary == "EGDI of Cambodia, 2003–2024: from 0.2637 to 0.5754."


def test_the_timeline_narrows_the_chart_and_the_table_alike(partial):
    parts = page.trends_parts("KHM", ["VNM"], "egdi", "km", period=(2010, 2020))
    cambodia = traces(parts.figure)["កម្ពុជា"]
    assert cambodia["x"] == [2010, 2012, 2014, 2016, 2018, 2020]
    periods = parts.table.rows["period"].tolist()
    assert periods[0] == "២០១០" and periods[-1] == "២០២០" and len(periods) == 6 + 2  # Viet Nam: 2018, 2020
    assert parts.timeline["value"] == [2010, 2020] and parts.timeline["min"] == 2003 and parts.timeline["max"] == 2024
    assert parts.timeline["marks"] == {"2003": "២០០៣", "2010": "២០១០", "2016": "២០១៦", "2024": "២០២៤"}


def test_the_figure_is_valid_plotly(bundled):
    for series in ("egdi", "internet_users_pct"):
        for lang in ("en", "km"):
            figure = page.trends_parts("KHM", ASEAN_PEERS, series, lang).figure
            go.Figure(figure.to_plotly_json())  # validates every property


def answer(*inputs: object) -> dict[str, object]:
    """update_trends's outputs by name."""
    names = ("subtitle", "figure", "label", "rows", "details", "peers", "min", "max", "marks", "timeline", "search")
    shown = dict(zip(names, update_trends(*inputs), strict=True))
    return {**shown, "figure": figure_of(shown["figure"])}  # the chart's data-figure, as the browser draws it


def test_the_callback_redraws_and_writes_the_url(bundled):
    shown = answer("KHM", ["THA", "VNM"], "tii", None, "en", "?lang=km&edition=2022")
    assert shown["subtitle"].startswith("Telecommunication Infrastructure Index, Cambodia")
    assert set(traces(shown["figure"])) == {"Cambodia", "Thailand", "Viet Nam", "Method change"}
    assert parse_query(shown["search"]) == {"edition": "2022", "lang": "km", "peers": "THA,VNM", "series": "tii"}
    assert shown["label"].startswith("Telecommunication Infrastructure Index of Cambodia, 2003–2024: from 0.0044")
    assert answer("KHM", ASEAN_PEERS, "egdi", None, "en", "?peers=THA&series=tii")["search"] == ""  # defaults left out
    shown = answer("VNM", [], "hci", None, "en", "?peers=none")
    assert parse_query(shown["search"]) == {"entity": "VNM", "peers": "none", "series": "hci"}
    assert set(traces(shown["figure"])) == {"Viet Nam"}
    narrowed = answer("KHM", ASEAN_PEERS, "egdi", [2012, 2024], "en", "")
    assert narrowed["search"] == "?period=2012-2024"
    # what the page shows already is not sent again: the timeline's own value, the peers, the timeline's periods
    assert narrowed["timeline"] is dash.no_update and narrowed["peers"] is dash.no_update and narrowed["marks"] is dash.no_update
    assert answer("KHM", ASEAN_PEERS, "hci", [2012, 2024], "en", "?period=2012-2024")["timeline"] == [2003, 2024]  # a new series


def test_a_new_country_brings_its_own_peers_in_the_same_answer(bundled):
    """Choosing Viet Nam with Cambodia's default peers (ASEAN): Viet Nam is not its own peer, Cambodia stays."""
    shown = answer("VNM", ASEAN_PEERS, "egdi", None, "en", "")
    assert "VNM" not in shown["peers"] and "KHM" in shown["peers"] and len(shown["peers"]) == 10
    assert parse_query(shown["search"]) == {"entity": "VNM"}  # Viet Nam's default peers: nothing more in the link
    names = set(traces(shown["figure"]))
    assert "Cambodia" in names and "Viet Nam" in names
    custom = answer("THA", ["THA", "LAO"], "egdi", None, "en", "?peers=THA,LAO")
    assert custom["peers"] == ["KHM", "LAO"]  # chosen peers: the new country is replaced by the one just left


def test_the_callback_leaves_the_page_alone_when_it_already_shows_the_url_view(bundled):
    for inputs, search in (
        (("KHM", ASEAN_PEERS, "egdi"), ""),
        (("THA", ["KHM", "VNM"], "tii"), "?entity=THA&peers=KHM,VNM&series=tii&lang=km"),
        (("KHM", [], "egdi"), "?peers=none"),
    ):
        with pytest.raises(PreventUpdate):  # Dash calls back when it inserts the controls: nothing to redraw
            update_trends(*inputs, [2003, 2024], "en", search)


def test_the_catalog_has_both_languages_and_the_page_prefix():
    entries = yaml.safe_load((LOCALES_DIR / "trends.yaml").read_text(encoding="utf-8"))
    assert all(key.startswith("trends_") for key in entries)
    assert all(set(texts) == {"en", "km"} for texts in entries.values())
    words = [texts for texts in entries.values() if re.sub(r"\{\w+\}", "", texts["en"]).strip(" ,()")]  # more than placeholders
    assert all(KHMER.search(texts["km"]) for texts in words)


def test_world_view_draws_every_edition_of_the_asean_members(world):
    figure = page.trends_parts("KHM", ["SGP", "THA"], "egdi", "en").figure
    singapore = traces(figure)["Singapore"]
    assert singapore["x"][0] == 2003 and all(v is not None for v in singapore["y"])


def test_a_method_change_of_the_tii_is_split_into_data_and_method(bundled):
    from layouts.views.method_split import split_sentences

    for lang in ("en", "km"):
        details = page.trends_parts("KHM", [], "tii", lang).details
        panel = [d for d in details if "trends-split" in str(getattr(d, "className", ""))]
        assert len(panel) == 1
        sentences = [c.children for c in panel[0].children if getattr(c, "className", "") == "split-sentence"]
        assert sentences == split_sentences("KHM", "tii", lang) and len(sentences) == 2
    assert not [d for d in page.trends_parts("KHM", [], "osi", "en").details if "trends-split" in str(getattr(d, "className", ""))]
