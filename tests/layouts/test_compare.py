"""The Compare page without a browser: its layout from URL queries in both languages, and its callbacks called
directly, on part of the field (Cambodia, ASEAN 2018–2024), on a new store (the bundled world) and on every UN DESA
reference file imported (193 countries)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import dash
import pandas as pd
import pytest
from dash import dcc

import app  # noqa: F401  (registers the pages)
from layouts import ids
from layouts.callbacks import compare as callbacks
from layouts.figures.compare import GEOMETRY_DIR, fitted_axis, fitted_range, label_positions, nice_ticks
from layouts.i18n import catalog
from layouts.pages import compare as page
from tests.conftest import PROJECT_DIR, partial_field_store, reference_files
from tests.layouts.databases import use_pages, using
from tests.layouts.trees import config_of, figure_of, find, table_of, texts

KHMER = re.compile("[\u1780-\u17ff]")
ASEAN = {"BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"}


@pytest.fixture(scope="module")
def world_until_2022_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Every UN DESA reference file but 2024 on part of the field: the 2024 results are the ASEAN ones only."""
    files = [f for f in reference_files() if "2024" not in f.name]
    if not files:
        pytest.skip("UN DESA reference files not found (set EGDI_REFERENCE_DIR): the world views need them")
    from indicators.ingest.imports import import_files

    database = str(tmp_path_factory.mktemp("layouts-world-2022") / "egdi.sqlite")
    store = partial_field_store(database)
    _, landed = import_files([str(f) for f in files], store)
    store.close()
    assert landed
    return database


@pytest.fixture
def world_until_2022(world_until_2022_db: str) -> Iterator[None]:
    with using(world_until_2022_db, use_pages):
        yield


def peers(entity="KHM", edition=2024, kind="asean", custom=None, x="tii", y="osi", lang="en", search="", timeline=None, drawn=None):
    """The Compare callback's outputs by name, with the ranking table's rows as `rows`."""
    answer = callbacks.update_compare(entity, edition, timeline, kind, custom, x, y, lang, drawn, search)
    out = dict(zip(callbacks.NAMES, answer, strict=True))
    if isinstance(out["ranking"], str):
        out["rows"] = table_of(out["ranking"])["rows"]
    return out


def ranking(layout) -> dict:  # type: ignore[no-untyped-def]
    """What the browser draws the ranking table from."""
    return table_of(find(layout, ids.COMPARE_GRID))


# --- layout from the URL query -----------------------------------------------------------------------------


def test_default_view_is_cambodia_among_asean_in_the_latest_edition(partial):
    layout = page.layout()
    assert find(layout, ids.COMPARE_ENTITY).value == "KHM"
    assert find(layout, ids.COMPARE_EDITION).value == 2024
    assert find(layout, ids.COMPARE_PEERS).value == "asean"
    assert (find(layout, ids.COMPARE_X).value, find(layout, ids.COMPARE_Y).value) == ("tii", "osi")
    assert find(layout, ids.COMPARE_CUSTOM_BOX).style == {"display": "none"}
    assert texts(find(layout, ids.COMPARE_HEADING)) == "Compare Cambodia among the ASEAN members, UN E-Government Survey 2024"
    rows = ranking(layout)["rows"]
    assert {r["iso3"] for r in rows} == ASEAN
    cambodia = next(r for r in rows if r["iso3"] == "KHM")
    expected = {"egdi": 0.5754, "egdi_text": "0.5754", "osi": 0.4503, "peer_rank": 8, "world_rank": 120, "group": "High"}
    assert {key: cambodia[key] for key in expected} == expected
    assert cambodia["is_entity"] and cambodia["rating_class"] is None  # classes need all 193 countries
    assert rows[0]["iso3"] == "SGP" and rows[0]["peer_rank"] == 1 and rows[0]["world_rank"] == 3
    assert texts(find(layout, ids.COMPARE_COVERAGE)) == ""  # the 11 members all have 2024 results
    assert "Rating classes need the results of all 193 countries for 2024" in texts(find(layout, ids.COMPARE_CLASS_NOTE))


def test_the_world_map_says_it_needs_world_data_and_points_to_the_data_page(partial):
    layout = page.layout()
    notice = find(layout, ids.COMPARE_MAP_NOTICE)
    assert "This view needs the results of all 193 countries for 2024" in texts(notice)
    assert find(layout, ids.COMPARE_MAP_BOX).hidden is True  # the map block is there for the callback, not shown
    links = [c for c in notice.children[0].children if isinstance(c, dcc.Link)]
    assert [link.href for link in links] == ["/data"]


def test_layout_reads_every_value_from_the_query(partial):
    layout = page.layout(entity="THA", edition="2022", peers="custom", custom="KHM,vnm,XXX", x="hci", y="epi", lang="en")
    assert find(layout, ids.COMPARE_ENTITY).value == "THA"
    assert find(layout, ids.COMPARE_EDITION).value == 2022
    assert find(layout, ids.COMPARE_PEERS).value == "custom"
    assert find(layout, ids.COMPARE_CUSTOM).value == ["KHM", "VNM"]
    assert find(layout, ids.COMPARE_CUSTOM_BOX).style == {}
    assert (find(layout, ids.COMPARE_X).value, find(layout, ids.COMPARE_Y).value) == ("hci", "epi")
    assert [r["iso3"] for r in ranking(layout)["rows"]] == ["THA", "VNM", "KHM"]
    assert "THA" not in [o["value"] for o in find(layout, ids.COMPARE_CUSTOM).options]
    scatter = figure_of(find(layout, ids.COMPARE_SCATTER))
    assert scatter.layout.xaxis.title.text == "Human Capital Index" and scatter.layout.yaxis.title.text == "E-Participation Index"


def test_unknown_query_values_fall_back_to_the_defaults(partial):
    layout = page.layout(entity=["THA", "VNM"], edition="1999", peers="planet", x="gdp", y="")  # a repeated key is a list
    assert find(layout, ids.COMPARE_ENTITY).value == "KHM"
    assert find(layout, ids.COMPARE_EDITION).value == 2024
    assert find(layout, ids.COMPARE_PEERS).value == "asean"
    assert (find(layout, ids.COMPARE_X).value, find(layout, ids.COMPARE_Y).value) == ("tii", "osi")


def test_khmer_layout_has_khmer_text_names_and_digits(partial):
    layout = page.layout(lang="km")
    heading = texts(find(layout, ids.COMPARE_HEADING))
    assert heading.startswith("ប្រៀបធៀប កម្ពុជា ក្នុងចំណោមសមាជិកអាស៊ាន") and "២០២៤" in heading
    rows = ranking(layout)["rows"]
    cambodia = next(r for r in rows if r["iso3"] == "KHM")
    assert (cambodia["country"], cambodia["egdi_text"], cambodia["world_rank_text"], cambodia["group"]) == ("កម្ពុជា", "០.៥៧៥៤", "១២០", "ខ្ពស់")
    assert cambodia["egdi"] == 0.5754  # the table sorts and exports the raw value
    table = ranking(layout)
    headers = [c["label"] for c in table["columns"] if not c.get("hidden")]
    assert headers[0] == "ប្រទេស" and "ចំណាត់ថ្នាក់ក្នុងក្រុម" in headers
    assert table["lang"] == "km"  # the country names sort in Khmer order
    assert [o["label"] for o in find(layout, ids.COMPARE_EDITION).options] == [
        "២០០៣",
        "២០០៤",
        "២០០៥",
        "២០០៨",
        "២០១០",
        "២០១២",
        "២០១៤",
        "២០១៦",
        "២០១៨",
        "២០២០",
        "២០២២",
        "២០២៤",
    ]
    assert find(layout, ids.COMPARE_PEERS).options[2]["label"] == "អនុតំបន់៖ អាស៊ីអាគ្នេយ៍"
    scatter = find(layout, ids.COMPARE_SCATTER)
    assert all(KHMER.search(text) is None or not re.search("[0-9]", text) for text in figure_of(scatter).layout.xaxis.ticktext)
    assert config_of(scatter)["locale"] == "km"
    assert config_of(scatter)["locales"]["km"]["dictionary"]["Zoom in"] == "ពង្រីក"
    assert config_of(scatter)["modeBarButtons"] == [["zoomIn2d", "zoomOut2d", "resetScale2d"]]  # no lasso, no box select
    assert config_of(scatter)["showSendToCloud"] is False and config_of(scatter)["showEditInChartStudio"] is False


def test_every_catalog_entry_of_the_page_is_written_in_khmer():
    entries = {key: texts for key, texts in catalog().items() if key.startswith(("compare_", "grid_"))}
    assert len(entries) > 100  # the page's own texts and the grid's
    symbolic = {"compare_list_separator"}
    untranslated = [key for key, texts in entries.items() if key not in symbolic and not KHMER.search(texts["km"])]
    assert untranslated == []


# --- callbacks ---------------------------------------------------------------------------------------------


def test_changing_the_peer_set_redraws_and_writes_the_url(partial):
    out = peers(kind="region", edition=2022, search="?lang=en&entity=KHM")
    assert out["search"] == "?edition=2022&peers=region"  # English and Cambodia are the defaults
    assert {r["iso3"] for r in out["rows"]} == ASEAN  # the bundled data holds only ASEAN in Asia
    coverage = texts(out["coverage"])
    assert coverage.startswith("11 of the 47 countries of this set have results for 2022. Missing: Afghanistan, ")
    assert "and 28 more." in coverage and "Import the UN DESA files on the Data page" in coverage
    assert texts(out["heading"]).endswith("Cambodia among the countries of Asia, UN E-Government Survey 2022")
    assert table_of(out["ranking"])["filename"] == "egdi-KHM-2022-region.csv"


def test_defaults_are_left_out_of_the_url_and_custom_is_written_only_for_custom(partial):
    assert peers(search="?peers=ldc&x=hci")["search"] == "?edition=2024"
    out = peers(kind="custom", custom=["VNM", "THA"], x="hci", y="epi", search="?lang=km")
    assert out["search"] == "?custom=VNM%2CTHA&edition=2024&lang=km&peers=custom&x=hci&y=epi"
    assert out["custom_style"] == {}
    assert [r["iso3"] for r in out["rows"]] == ["THA", "VNM", "KHM"]
    assert peers(kind="asean", custom=["VNM"])["custom_style"] == {"display": "none"}


def test_an_empty_custom_set_asks_for_countries(partial):
    out = peers(kind="custom", custom=[])
    assert [r["iso3"] for r in out["rows"]] == ["KHM"]
    assert texts(out["coverage"]) == "Choose the countries to compare Cambodia with."


def test_least_developed_and_closest_sets_on_part_of_the_field(partial):
    ldc = peers(kind="ldc")
    assert [r["iso3"] for r in ldc["rows"]] == ["KHM", "MMR", "LAO", "TLS"]  # by EGDI 2024
    assert texts(ldc["coverage"]).startswith("4 of the 44 countries of this set have results for 2024.")
    closest = peers(kind="neighbours")
    assert {r["iso3"] for r in closest["rows"]} == ASEAN  # 10 closest among the 11 loaded
    assert texts(closest["heading"]).endswith("Cambodia among the 10 countries closest in EGDI, UN E-Government Survey 2024")
    assert texts(closest["coverage"]).startswith("These are the closest among the 11 countries with results for 2024, not among all 193")


def test_scatter_highlights_the_chosen_country(partial):
    figure = figure_of(peers(x="hci", y="epi")["scatter"])
    others, chosen = figure.data
    assert len(others.x) == 10
    assert chosen.x == pytest.approx((0.5149,), abs=1e-4) and chosen.y == pytest.approx((0.3151,), abs=1e-4)
    assert chosen.marker.symbol == "diamond" and chosen.marker.color == "#D55E00" and chosen.text == ("Cambodia",)
    assert "Singapore" in others.text
    assert figure.layout.xaxis.title.text == "Human Capital Index"


def test_gap_bars_measure_the_distance_to_the_best_of_the_set(partial):
    out = peers()
    bars = figure_of(out["gaps"]).data[0]
    gaps = dict(zip(bars.y, bars.x, strict=True))
    assert list(gaps) == ["EPI", "HCI", "TII", "OSI", "EGDI"]  # EGDI on top
    assert gaps["EGDI"] == pytest.approx(0.9691 - 0.5754, abs=1e-4)
    assert gaps["TII"] == pytest.approx(0.9881 - 0.7609, abs=1e-4)
    assert bars.text[-1] == "0.3937 · leader: Singapore (0.9691)"
    table = json.loads(getattr(out["gaps_rows"], "data-table"))  # the rows travel as data; the browser draws them
    assert ["E-Government Development Index", "0.5754", "Singapore", "0.9691", "0.3937"] in table["rows"]


def test_the_leader_of_its_set_shows_no_gap(partial):
    bars = figure_of(peers(entity="SGP")["gaps"]).data[0]
    assert set(bars.x) == {0.0} and set(bars.text) == {"0.0000 · leads the set"}


def test_a_new_country_brings_its_own_editions_and_region_names_in_the_same_answer(partial):
    out = peers(entity="SGP", edition=2003)
    assert [o["value"] for o in out["edition_options"]] == [2018, 2020, 2022, 2024]
    assert out["edition"] == 2024  # 2003 has no Singapore result in the bundled data
    assert peers(entity="SGP", edition=2020)["edition"] == 2020
    assert [o["label"] for o in out["peer_options"]][1:3] == ["Region: Asia", "Sub-region: South-eastern Asia"]
    assert "SGP" not in [o["value"] for o in out["custom_options"]] and "KHM" in [o["value"] for o in out["custom_options"]]
    assert texts(out["heading"]).endswith("Singapore among the ASEAN members, UN E-Government Survey 2024")
    assert out["search"] == "?edition=2024&entity=SGP" and out["scatter_summary"].startswith("Scatter of")


def test_cambodia_alone_in_early_editions(partial):
    out = peers(edition=2012)
    assert [r["iso3"] for r in out["rows"]] == ["KHM"]
    assert texts(out["coverage"]).startswith("1 of the 11 countries of this set have results for 2012.")


def test_the_callback_sends_the_ranking_to_the_attribute_the_browser_draws_the_table_from(partial):
    outputs = {(output.component_id, output.component_property) for output in callbacks.OUTPUTS}
    assert (ids.COMPARE_GRID, "data-sortable") in outputs
    assert hasattr(find(page.layout(), ids.COMPARE_GRID), "data-sortable")  # assets/sortable_table.js reads it


def test_the_ranking_table_carries_raw_values_to_sort_and_export_and_its_file_name(partial):
    table = ranking(page.layout(peers="ldc"))
    assert table["filename"] == "egdi-KHM-2024-ldc.csv"
    columns = {c["key"]: c for c in table["columns"]}
    assert [c["key"] for c in table["columns"]][:3] == ["iso3", "country", "egdi"] and columns["iso3"]["hidden"]
    assert table["mark"] == {"field": "is_entity", "class": "compare-entity-row"}  # Cambodia's row marked
    assert [key for key, c in columns.items() if c.get("numeric")] == ["egdi", "osi", "tii", "hci", "epi", "peer_rank", "world_rank"]
    assert columns["egdi"]["title"] == "E-Government Development Index"
    lao = next(r for r in table["rows"] if r["iso3"] == "LAO")
    assert (lao["egdi"], lao["egdi_text"], lao["peer_rank"]) == (0.4404, "0.4404", 3)


# --- with all 193 countries --------------------------------------------------------------------------------


def test_a_new_store_ranks_classes_and_maps_the_whole_world_with_no_import(bundled):
    layout = page.layout()
    cambodia = next(r for r in ranking(layout)["rows"] if r["iso3"] == "KHM")
    assert (cambodia["world_rank"], cambodia["rating_class"]) == (120, "H2")
    note = texts(find(layout, ids.COMPARE_CLASS_NOTE))
    assert "need the results of all 193" not in note and note.startswith("Rating classes split each EGDI group into four")
    shapes, dots = figure_of(peers()["map"]).data
    assert len(shapes.locations) + len(dots.lon) == 193
    assert "<b>Cambodia</b><br>EGDI: 0.5754<br>World rank: 120" in shapes.text


def test_world_map_draws_every_member_state(world):
    out = peers(edition=2022)
    graph = find(page.layout(edition="2022"), ids.COMPARE_MAP)
    assert "lazy-graph" in graph.className and config_of(graph)["topojsonURL"] == "/assets/topojson/"  # drawn when scrolled to
    assert out["map_hidden"] is False
    assert out["map_state"] == {"edition": 2022, "entity": "KHM", "shown": ["KHM", 2022, "asean", [], "tii", "osi"]}
    shapes, dots = figure_of(out["map"]).data
    assert shapes.type == "choropleth" and shapes.locationmode == "ISO-3"
    assert len(shapes.locations) + len(dots.lon) == 193
    assert len(dots.lon) == 28 and "Singapore" in " ".join(dots.text)
    chosen = list(shapes.locations).index("KHM")
    assert shapes.marker.line.color[chosen] == "#D55E00" and shapes.marker.line.width[chosen] == 3
    assert shapes.z[chosen] == pytest.approx(0.5056)
    assert "<b>Cambodia</b><br>EGDI: 0.5056<br>World rank: 127" in shapes.text
    table = json.loads(getattr(out["map_rows"], "data-table"))
    assert table["headers"] == ["World rank", "Country", "EGDI"] and len(table["rows"]) == 193
    assert table["rows"][0] == ["1", "Denmark", "0.9717"]
    assert out["map_summary"] == "World map of the EGDI of 193 countries in 2022. Cambodia: 0.5056, world rank 127."


def test_a_new_country_on_the_same_edition_only_moves_the_map_outline(world):
    drawn = {"edition": 2022, "entity": "KHM"}
    out = peers(entity="THA", edition=2022, drawn=drawn)
    assert out["map_rows"] is dash.no_update and out["map_title"] is dash.no_update  # the 193 rows are not sent again
    shapes = figure_of(out["map"]).data[0]
    outline = list(shapes.marker.line.color)
    assert outline.count("#D55E00") == 1 and outline[list(shapes.locations).index("THA")] == "#D55E00"
    assert out["map_state"] == {"edition": 2022, "entity": "THA", "shown": ["THA", 2022, "asean", [], "tii", "osi"]}
    assert out["map_note"].startswith("Darker is higher. Thailand")
    unchanged = peers(entity="KHM", edition=2022, drawn=drawn)
    assert unchanged["map"] is dash.no_update and unchanged["map_summary"] is dash.no_update


def test_the_call_when_the_page_loads_sends_nothing(world):
    """Dash calls the callback when the page loads (its URL output lives outside the page): the view it finds is the
    one the page drew, so nothing is sent; any change of the view is answered."""
    drawn = find(page.layout(edition="2022", peers="region"), ids.COMPARE_MAP_STATE).data
    assert drawn["shown"] == ["KHM", 2022, "region", [], "tii", "osi"]
    assert set(peers(edition=2022, kind="region", drawn=drawn).values()) == {dash.no_update}
    changed = peers(edition=2022, kind="region", x="hci", drawn=drawn)
    assert changed["search"] == "?edition=2022&peers=region&x=hci" and changed["map"] is dash.no_update
    assert changed["map_state"]["shown"] == ["KHM", 2022, "region", [], "hci", "osi"]


def test_the_map_timeline_changes_the_edition(world):
    out = peers(edition=2022, timeline=2014, drawn={"edition": 2022, "entity": "KHM"})
    assert out["edition"] == 2014 and out["map_timeline"] == 2014 and out["map_state"]["edition"] == 2014
    assert texts(out["heading"]).endswith("UN E-Government Survey 2014") and out["search"] == "?edition=2014"


def test_world_map_in_an_edition_without_the_world_names_the_editions_that_have_it(world_until_2022):
    out = peers(edition=2024)
    assert out["map_hidden"] is True
    text = texts(out["map_notice"])
    assert "11 are loaded for 2024" in text and "2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022" in text


def test_world_peer_sets_and_rating_classes(world):
    region = peers(edition=2022, kind="region")
    assert len(region["rows"]) == 47 and region["coverage"] == []
    assert texts(region["class_note"]).startswith("Rating classes split each EGDI group into four")  # explained, no warning
    cambodia = next(r for r in region["rows"] if r["iso3"] == "KHM")
    assert (cambodia["world_rank"], cambodia["rating_class"]) == (127, "H1")
    closest = peers(edition=2022, kind="neighbours")
    assert len(closest["rows"]) == 11
    assert closest["coverage"] == []
    egdi = {r["iso3"]: r["egdi"] for r in closest["rows"]}
    assert max(abs(v - egdi["KHM"]) for v in egdi.values()) < 0.01
    assert len(peers(edition=2022, kind="ldc")["rows"]) == 44
    subregion = peers(entity="FRA", edition=2022, kind="subregion")
    assert texts(subregion["heading"]).endswith("France among the countries of Western Europe, UN E-Government Survey 2022")


# --- figure helpers and geometry ---------------------------------------------------------------------------


def test_axis_helpers():
    assert nice_ticks(0.39) == [0.0, 0.1, 0.2, 0.3, 0.4]
    assert nice_ticks(0.0) == [0.0, 0.05, 0.1]
    low, high = fitted_range([0.45, 0.52, 0.51])
    assert (low, high) == pytest.approx((0.41, 0.56))
    axis = fitted_axis((low, high), "km", "x")
    assert axis["range"] == [low, high]
    assert axis["tickvals"] == [0.42, 0.44, 0.46, 0.48, 0.5, 0.52, 0.54, 0.56] and axis["ticktext"][:2] == ["០.៤២", "០.៤៤"]
    assert fitted_axis(fitted_range([0.0, 0.99]), "en", "x")["tickvals"] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert label_positions([0.5, 0.51, 0.9], [0.5, 0.5, 0.5], 1.0, 1.0) == ["top center", "bottom center", "top center"]


def test_the_map_geometry_is_small_local_and_covers_the_193_members():
    topology = GEOMETRY_DIR / "world_110m.json"
    assert topology.stat().st_size < 150_000
    shapes = {g.get("id") for g in json.loads(topology.read_text())["objects"]["countries"]["geometries"]}
    dots = pd.read_csv(GEOMETRY_DIR / "small-states.csv")
    members = set(pd.read_csv(PROJECT_DIR / "data" / "countries.csv")["iso3"])
    assert members - shapes == set(dots["iso3"])
    assert dots["lon"].between(-180, 180).all() and dots["lat"].between(-90, 90).all()
    assert (GEOMETRY_DIR / "README.md").read_text().count("MIT") >= 1


def test_figures_serialise_for_the_browser(partial):
    out = peers()
    for figure in (out["scatter"], out["gaps"]):  # the JSON a chart drawn on demand reads
        assert isinstance(figure, str)
        assert json.loads(figure)["layout"]["template"]["layout"]["plot_bgcolor"] == "white"


def test_a_country_without_results_says_so(partial):
    layout = page.layout(entity="FRA")
    assert find(layout, ids.COMPARE_EDITION).options == []
    assert texts(find(layout, ids.COMPARE_COVERAGE)) == "No published results are stored for France."
    assert ranking(layout)["rows"] == []
    assert "This view needs the results of all 193 countries" in texts(find(layout, ids.COMPARE_MAP_NOTICE))
