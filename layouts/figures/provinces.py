"""The Provinces page's figures: the map of the 25 provinces coloured by level, and a province's criteria bars against
the provinces' median (also drawn, as PNG, into the province brief by `layouts.render.province_charts`).

The map draws the geometry the app serves itself (assets/geo/kh-provinces.geojson, given as its URL: plotly.js fetches
it from this server) with an invisible base map, framed on the provinces' bounds, so nothing is asked of any other
server. Like the Compare page's, the figures are plain dicts assembled without Plotly's per-property validation
(`figure_of`): a callback stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from layouts.figures import figure_of
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.provinces import NOT_ASSESSED, LevelClass

LEVEL_COLOURS = {"very_high": "#08519c", "high": "#3182bd", "middle": "#9ecae1", "low": "#deebf7", NOT_ASSESSED: "#bdbdbd"}
HIGHLIGHT = "#D55E00"  # Okabe–Ito vermillion: the chosen province
BORDER = "#5f6b7a"
BAR, OVERALL_BAR = "#56B4E9", "#0072B2"
FEATURE_KEY = "properties.code"
GEOMETRY = Path(__file__).resolve().parents[2] / "assets" / "geo" / "kh-provinces.geojson"
MARGIN = 0.1  # degrees around the provinces
THRESHOLDS = (0.25, 0.5, 0.75)  # the level cut-offs, drawn as dotted lines behind the bars
TICKS = (0.0, 0.5, 1.0)  # few enough to stay upright on a phone
LABEL_WIDTH = 18  # characters of a bar's name per line


@lru_cache(maxsize=1)
def map_frame() -> dict[str, dict[str, list[float]]]:
    """The map's longitude and latitude ranges: the bounds of every province in the geometry, with a margin of
    MARGIN degrees. (Plotly's `fitbounds` keeps the world projection's 2:1 frame, which leaves Cambodia small on a
    phone; explicit ranges give a frame of Cambodia's own shape.)"""
    features = json.loads(GEOMETRY.read_text(encoding="utf-8"))["features"]
    points = np.concatenate([np.asarray(ring, dtype=float).reshape(-1, 2) for f in features for ring in _rings(f["geometry"])])
    low, high = points.min(axis=0) - MARGIN, points.max(axis=0) + MARGIN
    lon, lat = [round(float(low[0]), 2), round(float(high[0]), 2)], [round(float(low[1]), 2), round(float(high[1]), 2)]
    return {"lonaxis": {"range": lon}, "lataxis": {"range": lat}}


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def wrapped(name: str, width: int = LABEL_WIDTH) -> str:
    """A bar's name broken into lines of about `width` characters at spaces, so the bars keep room on a phone."""
    lines: list[str] = []
    for word in name.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _hover(row: Mapping[str, object], lang: str) -> str:
    if row["level"] == NOT_ASSESSED:
        return t("provinces_map_hover_none", lang, province=row["name"])
    return t("provinces_map_hover", lang, province=row["name"], score=fmt_number(row["score"], lang, 2), level=row["level_name"])


def _shapes(rows: pd.DataFrame, colour: str, geojson: str | dict[str, object], lang: str, **trace: object) -> dict[str, object]:
    """One choropleth trace of one colour (a one-colour scale: the class decides the colour, not the value)."""
    return {
        "type": "choropleth",
        "geojson": geojson,
        "featureidkey": FEATURE_KEY,
        "locations": rows["code"].tolist(),
        "z": [1] * len(rows),
        "colorscale": [[0, colour], [1, colour]],
        "showscale": False,
        "text": [_hover(row, lang) for row in rows.to_dict("records")],
        "hovertemplate": "%{text}<extra></extra>",
        **trace,
    }


def fictional_mark(lang: str, **place: object) -> dict[str, object]:
    """The FICTIONAL DEMONSTRATION DATA label drawn into a figure, so it travels with every image downloaded of it."""
    box = {"bgcolor": "#fff1e8", "bordercolor": "#d55e00", "borderwidth": 2, "borderpad": 4, "font": {"color": "#7a2e00", "size": 13}}
    return {"text": t("provinces_fictional_mark", lang), "xref": "paper", "yref": "paper", "showarrow": False, **box, **place}


def province_map(rows: pd.DataFrame, classes: list[LevelClass], chosen: str, lang: str, geojson: str | dict[str, object]) -> go.Figure:
    """One trace per colour class present (levels highest first, then not assessed), named for the legend with the
    class's thresholds; the chosen province drawn last, outlined in vermillion; the FICTIONAL label in the top left
    corner when any score shown is demonstration data (rows' `fictional`).

    rows: `layouts.views.provinces.map_rows` (code, name, score, level, level_name). geojson: the geometry or its URL;
    features are matched on `properties.code` (ISO 3166-2:KH)."""
    traces = []
    for level in classes:
        members = rows[rows["level"] == level.code]
        if not members.empty:
            line = {"color": "#ffffff", "width": 0.8}
            traces.append(
                _shapes(members, LEVEL_COLOURS[level.code], geojson, lang, name=level.label, showlegend=True, marker={"line": line})
            )
    picked = rows[rows["code"] == chosen]
    if not picked.empty:
        colour = LEVEL_COLOURS[str(picked["level"].iloc[0])]
        line = {"color": HIGHLIGHT, "width": 3}
        traces.append(_shapes(picked, colour, geojson, lang, name=str(picked["name"].iloc[0]), showlegend=False, marker={"line": line}))
    return figure_of(
        traces,  # no height: the graph fills its box, whose height assets/provinces.css sets (lower on a phone)
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        annotations=[fictional_mark(lang, x=0, y=1, xanchor="left", yanchor="top")] if rows["fictional"].any() else [],
        dragmode=False,
        geo={"visible": False, **map_frame(), "bgcolor": "rgba(0,0,0,0)"},
        legend={"orientation": "h", "y": 0, "yanchor": "top", "x": 0},
    )


def criteria_figure(bars: pd.DataFrame, lang: str, fictional: bool = False) -> go.Figure:
    """A province's score in each criterion and overall (horizontal bars, questionnaire order from the top), the
    provinces' median of each as a vermillion mark, and the level thresholds as dotted lines; the FICTIONAL label
    under the axis when the scores are demonstration data.

    bars: `indicators.method.provinces.criteria_profile` rows (part, name_en/name_km, score, points, indicators) with a
    `median` column."""
    names = [wrapped(name) for name in bars[f"name_{lang}"]]
    median = bars["median"].tolist()
    hover = [
        t("provinces_criteria_hover", lang, name=n, score=fmt_number(s, lang, 2), met=fmt_int(p, lang), count=fmt_int(c, lang))
        for n, s, p, c in zip(names, bars["score"], bars["points"], bars["indicators"], strict=True)
    ]
    scores = {
        "type": "bar",
        "x": bars["score"].tolist(),
        "y": names,
        "orientation": "h",
        "marker": {"color": [OVERALL_BAR if part == "overall" else BAR for part in bars["part"]]},
        "text": [fmt_number(v, lang, 2) for v in bars["score"]],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "name": t("provinces_axis_score", lang),
    }
    marks = {
        "type": "scatter",
        "x": median,
        "y": names,
        "mode": "markers",
        "marker": {"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": HIGHLIGHT}, "color": HIGHLIGHT},
        "name": t("provinces_median", lang),
        "hovertext": [t("provinces_median_hover", lang, name=n, score=fmt_number(m, lang, 2)) for n, m in zip(names, median, strict=True)],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    rule = {"color": "#9aa5b1", "width": 1, "dash": "dot"}
    return figure_of(
        [scores, marks],
        height=(150 if fictional else 120) + 52 * len(names),
        shapes=[{"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, "yref": "paper", "line": rule} for x in THRESHOLDS],
        xaxis={
            "range": [0, 1.08],
            "tickangle": 0,
            "tickvals": list(TICKS),
            "ticktext": [fmt_number(v, lang, 2) for v in TICKS],
        },
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 10, "r": 30, "t": 10, "b": 80 if fictional else 50},
        annotations=[fictional_mark(lang, x=0, y=0, xanchor="left", yanchor="top", yshift=-36)] if fictional else [],
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        bargap=0.35,
    )
