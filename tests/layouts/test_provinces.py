"""The Provinces page without a browser: its layout from URL queries in both languages, the map and criteria figures it
draws (values from the core, geometry served locally), its callbacks called directly (a new choice, a click on the map,
the brief's failure as a message), on a new store (the FICTIONAL demonstration) and after real answers are imported."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import dash
import numpy as np
import pytest
from dash.exceptions import PreventUpdate

import app
from indicators.method.losi import OVERALL
from indicators.method.provinces import criteria_profile, map_values, province_data
from layouts import ids
from layouts.callbacks.provinces import download_brief, select_on_map, update_provinces
from layouts.pages import provinces as page
from layouts.views import provinces as provinces_view
from layouts.views import snapshot
from tests.conftest import PROJECT_DIR
from tests.layouts.databases import use_pages, using
from tests.layouts.test_trends import find, text
from tests.layouts.trees import figure_of
from tests.unit.provinces_data import Q, assessment, imported

KHMER = re.compile("[\u1780-\u17ff]")
GEOMETRY = "/assets/geo/kh-provinces.geojson"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[None]:
    with using(str(tmp_path / "egdi.sqlite"), use_pages):
        yield


def map_shown(figure: object) -> dict[str, str]:
    """Province code → the legend class it is drawn in (the chosen province's outline trace left out)."""
    drawn: dict[str, str] = {}
    for trace in figure.to_plotly_json()["data"]:  # type: ignore[attr-defined]
        assert trace["type"] == "choropleth" and trace["geojson"] == GEOMETRY and trace["featureidkey"] == "properties.code"
        if trace["showlegend"]:
            drawn |= dict.fromkeys(trace["locations"], trace["name"])
    return drawn


def geometry_bounds() -> tuple[float, float, float, float]:
    """West, east, south, north of every coordinate of the served geometry, read here without the app's code."""
    found: list[tuple[float, float]] = []

    def walk(node: list) -> None:  # type: ignore[type-arg]
        if isinstance(node[0], (int, float)):
            found.append((float(node[0]), float(node[1])))
        else:
            for child in node:
                walk(child)

    for feature in json.loads((PROJECT_DIR / "assets" / "geo" / "kh-provinces.geojson").read_text(encoding="utf-8"))["features"]:
        walk(feature["geometry"]["coordinates"])
    lons, lats = zip(*found, strict=True)
    return min(lons), max(lons), min(lats), max(lats)


def level_label(score: float) -> str:
    if np.isnan(score):
        return "Not assessed"
    return (
        "Very high (above 0.75)"
        if score > 0.75
        else "High (above 0.50)"
        if score > 0.5
        else "Middle (above 0.25)"
        if score > 0.25
        else "Low (0.25 or below)"
    )


def test_the_default_page_maps_every_province_in_its_level_class_and_labels_the_demonstration(demo):
    layout = page.layout()
    assert find(layout, ids.PROVINCES_YEAR).value == 2025 and find(layout, ids.PROVINCES_PART).value == OVERALL
    assert find(layout, ids.PROVINCES_PROVINCE).value == "KH-12"
    notices = text(find(layout, ids.PROVINCES_NOTICE))
    assert notices.count("FICTIONAL DEMONSTRATION") == 2
    figure = figure_of(find(layout, ids.PROVINCES_MAP))
    expected = map_values(province_data(snapshot.store()), 2025, OVERALL).set_index("code")["score"]
    assert map_shown(figure) == {code: level_label(score) for code, score in expected.items()}
    outline = figure.to_plotly_json()["data"][-1]
    assert outline["locations"] == ["KH-12"] and outline["marker"]["line"]["color"] == "#D55E00" and not outline["showlegend"]
    geo = figure.to_plotly_json()["layout"]["geo"]
    assert geo["visible"] is False  # no base map: nothing fetched from elsewhere
    west, east, south, north = geometry_bounds()
    assert geo["lonaxis"]["range"][0] < west < east < geo["lonaxis"]["range"][1] and east - west > 5  # framed on Cambodia
    assert geo["lataxis"]["range"][0] < south < north < geo["lataxis"]["range"][1] and north - south > 4
    assert find(layout, ids.PROVINCES_MAP_BLOCK + "-title").children == "Overall score by province, 2025"
    marks = [a["text"] for a in figure.to_plotly_json()["layout"]["annotations"]]  # in every PNG or SVG downloaded too
    assert marks == ["FICTIONAL DEMONSTRATION DATA"]
    criteria = figure_of(find(layout, ids.PROVINCES_CRITERIA)).to_plotly_json()["layout"]["annotations"]
    assert [a["text"] for a in criteria] == ["FICTIONAL DEMONSTRATION DATA"]
    sources = text(find(layout, ids.PROVINCES_MAP_BLOCK))  # the CSV download carries the "About this data" rows
    assert "FICTIONAL demonstration data (data/demo/, questionnaire kh-losi-2022)" in sources
    assert "Phnom Penh, 2025" in text(find(layout, ids.PROVINCES_PROFILE))


def test_the_criteria_bars_are_the_provinces_profile_and_the_overall_share_of_points(demo):
    layout = page.layout(province="KH-8", year="2023")
    figure = figure_of(find(layout, ids.PROVINCES_CRITERIA)).to_plotly_json()
    bars, marks = figure["data"]
    core = criteria_profile(province_data(snapshot.store()), "KH-8", 2023)
    assert bars["type"] == "bar" and bars["x"] == pytest.approx(core["score"].tolist())
    assert bars["y"][-1] == "Overall" and bars["x"][-1] == pytest.approx(core["points"].sum() / 2 / 86)  # criteria + overall = 2 × points
    assert marks["type"] == "scatter" and len(marks["x"]) == 6
    assert [shape["x0"] for shape in figure["layout"]["shapes"]] == [0.25, 0.5, 0.75]


def test_the_page_in_khmer(demo):
    layout = page.layout(lang="km", province="KH-17")
    assert KHMER.search(text(find(layout, ids.PROVINCES_RANKING))) and "សៀមរាប ឆ្នាំ ២០២៥" in text(find(layout, ids.PROVINCES_PROFILE))
    assert find(layout, ids.PROVINCES_MAP_BLOCK + "-title").children == "ពិន្ទុសរុប តាមខេត្ត ឆ្នាំ ២០២៥"
    figure = figure_of(find(layout, ids.PROVINCES_MAP)).to_plotly_json()
    assert {trace["name"] for trace in figure["data"] if trace["showlegend"]} <= {
        "ខ្ពស់ណាស់ (លើស ០.៧៥)",
        "ខ្ពស់ (លើស ០.៥០)",
        "មធ្យម (លើស ០.២៥)",
        "ទាប (០.២៥ ឬតិចជាង)",
        "មិនបានវាយតម្លៃ",
    }
    bars = figure_of(find(layout, ids.PROVINCES_CRITERIA)).to_plotly_json()["data"][0]
    assert bars["y"][-1] == "សរុប" and all(not re.search("[0-9]", label) for label in bars["text"])
    assert "FICTIONAL" not in text(find(layout, ids.PROVINCES_NOTICE)) and KHMER.search(text(find(layout, ids.PROVINCES_NOTICE)))
    assert [a["text"] for a in figure["layout"]["annotations"]] == ["ទិន្នន័យសាកល្បងប្រឌិត"]


def test_a_new_choice_redraws_the_map_ranking_and_profile_and_is_written_into_the_url(demo):
    out = update_provinces(2023, "SP", "KH-2", "en", "?lang=km&entity=THA")
    figure, summary, title, _rows, ranking, profile, notices, search = out
    expected = map_values(province_data(snapshot.store()), 2023, "SP").set_index("code")["score"]
    assert map_shown(figure_of(figure)) == {code: level_label(score) for code, score in expected.items()}
    assert title == "Services provision by province, 2023" and summary.startswith("Map of Cambodia's 25 provinces")
    assert "Ranking of the provinces, 2023" in text(ranking) and "Battambang, 2023" in text(profile)
    assert parse_qs(search.lstrip("?")) == {"lang": ["km"], "entity": ["THA"], "year": ["2023"], "part": ["SP"], "province": ["KH-2"]}
    assert len(notices) == 2
    with pytest.raises(PreventUpdate):  # the page was drawn from this very address
        update_provinces(2023, "SP", "KH-2", "en", search)


def test_a_click_on_the_map_chooses_the_province(demo):
    assert select_on_map({"points": [{"location": "KH-23", "z": 1}]}, "KH-12") == "KH-23"
    for click, current in (({"points": [{"location": "KH-12"}]}, "KH-12"), ({"points": [{"location": "KH-99"}]}, "KH-12"), (None, "KH-1")):
        with pytest.raises(PreventUpdate):
            select_on_map(click, current)


def test_a_province_not_assessed_and_an_unknown_province_are_said_plainly(demo):
    layout = page.layout(province="Pailin", year="2023")
    assert "Pailin has no complete portal assessment in 2023" in text(find(layout, ids.PROVINCES_PROFILE))
    assert find(layout, ids.PROVINCES_CRITERIA) is None
    _, status = download_brief(1, "KH-24", 2023, "en")
    assert "The brief could not be made" in text(status) and "Pailin" in text(status)
    unknown = page.layout(province="Atlantis")
    assert "There is no province called “Atlantis”: Phnom Penh is shown instead." in text(unknown)


def test_real_answers_remove_the_assessment_notice(tmp_path: Path):
    codes = [item.code for item in Q.indicators]
    sheet = assessment(tmp_path, 2025, {"D": codes[:60], "F": codes[:30]}, "real")
    with using(str(tmp_path / "egdi.sqlite"), use_pages):
        imported(snapshot.store(), sheet)
        layout = page.layout(province="KH-1")
        notices = text(find(layout, ids.PROVINCES_NOTICE))
        assert "FICTIONAL DEMONSTRATION DATA" not in notices and "FICTIONAL DEMONSTRATION VALUES" in notices
        assert find(layout, ids.PROVINCES_YEAR).options == [{"label": "2025", "value": 2025}]
        bars = figure_of(find(layout, ids.PROVINCES_CRITERIA)).to_plotly_json()["data"][0]
        assert bars["x"][-1] == pytest.approx(60 / 86)
        assert map_shown(figure_of(find(layout, ids.PROVINCES_MAP)))["KH-2"] == "Middle (above 0.25)"  # 30/86 = 0.35
        assert figure_of(find(layout, ids.PROVINCES_MAP)).layout.annotations == ()
        assert figure_of(find(layout, ids.PROVINCES_CRITERIA)).layout.annotations == ()
        assert "FICTIONAL" not in text(find(layout, ids.PROVINCES_MAP_BLOCK))


def test_the_server_draws_the_provinces_ahead_so_its_first_visitor_does_not_wait_for_the_province_files(demo):
    """The warm-up draws every page but the Reports page (which would start the chart browser) and the 404 page: the
    Provinces too, whose first draw reads the province files."""
    registered = [page["path"] for page in dash.page_registry.values()]
    assert [path for path in registered if path not in app.every_page()] == ["/reports", "/404"]
    provinces_view.data_of.cache_clear()
    app.draw_pages(("/provinces",))
    assert provinces_view.data_of.cache_info().currsize == 1  # read once, for both languages
    assert provinces_view.data_of.cache_info().hits >= 1
