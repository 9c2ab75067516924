"""Figures of the Compare page: a scatter of two indices across a peer set, the gaps to the peer leaders, and
a world map of EGDI. Plain data in (names already in the page language), Plotly figures out.

Tick labels and hover texts are written by `fmt_number`, so numbers show Khmer digits in Khmer.
The map draws the countries of `assets/topojson/world_110m.json` (served by the app, see its README) and the
Member States too small for that resolution as dots at their centroids (`small-states.csv`).

Speed: the figures are plain dicts (`layouts.figures.figure_of`).
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from layouts.figures import FONT, PALETTE, UNIT_TICKS, figure_of
from layouts.i18n import fmt_int, fmt_number, t

GEOMETRY_DIR = Path(__file__).resolve().parents[2] / "assets" / "topojson"
HIGHLIGHT = "#D55E00"  # Okabe–Ito vermillion: the chosen country
PEER = "#6B6B6B"  # grey, 5.3:1 on white
INK = "#1d2733"
# ColorBrewer "Blues" (one hue, colour-blind safe): light = low EGDI
EGDI_SCALE = [[0.0, "#f7fbff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1.0, "#08306b"]]
LABEL_LIMIT = 15  # peer sets up to this size get a name beside every point


def unit_ticks(lang: str) -> dict[str, object]:
    return {"tickvals": list(UNIT_TICKS), "ticktext": [fmt_number(v, lang, 2) for v in UNIT_TICKS]}


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 × 10^k) that cuts `span` into about `count` parts."""
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Tick values from 0 to at least `top` in round steps."""
    if not top > 0:
        return [0.0, 0.05, 0.1]
    step = nice_step(top, count)
    return [round(i * step, 10) for i in range(math.ceil(top / step - 1e-9) + 1)]


def fitted_range(values: list[float]) -> tuple[float, float]:
    """The values' span with a margin (at least 0.04 each side), kept near 0–1."""
    present = [v for v in values if not math.isnan(v)]
    low, high = (min(present), max(present)) if present else (0.0, 1.0)
    margin = max(0.04, (high - low) * 0.12)
    return max(-0.02, low - margin), min(1.04, high + margin)


def fitted_axis(span: tuple[float, float], lang: str, title: str) -> dict[str, object]:
    """An index axis over `span` with round ticks inside 0–1, in the page's digits."""
    low, high = span
    step = nice_step(high - low, 8)
    first, last = math.ceil(max(low, 0.0) / step - 1e-9), math.floor(min(high, 1.0) / step + 1e-9)
    ticks = [round(i * step, 10) for i in range(first, last + 1)]
    return {
        "range": [low, high],
        "tickvals": ticks,
        "ticktext": [fmt_number(v, lang, 2) for v in ticks],
        "title": {"text": title},
        "zeroline": False,
    }


def label_positions(x: list[float], y: list[float], span_x: float, span_y: float) -> list[str]:
    """Above each point, or below it when the label would overlap one already placed (a greedy pass by x)."""
    placed: list[tuple[float, float, str]] = []
    positions = [""] * len(x)
    for i in sorted(range(len(x)), key=lambda j: (x[j], y[j])):
        clash = any(abs(x[i] - px) < 0.18 * span_x and abs(y[i] - py) < 0.06 * span_y and pos == "top center" for px, py, pos in placed)
        positions[i] = "bottom center" if clash else "top center"
        placed.append((x[i], y[i], positions[i]))
    return positions


def scatter_figure(points: pd.DataFrame, x: str, y: str, lang: str) -> go.Figure:
    """Peers as grey dots, the chosen country as a larger vermillion diamond; index `x` against index `y`.

    points: columns name, x, y, is_entity (one row per country of the peer set with both values).
    """
    x_span, y_span = fitted_range(points["x"].tolist()), fitted_range(points["y"].tolist())
    positions = label_positions(points["x"].tolist(), points["y"].tolist(), x_span[1] - x_span[0], y_span[1] - y_span[0])
    points = points.assign(position=positions)
    traces = []
    for is_entity in (False, True):
        rows = points[points["is_entity"] == is_entity]
        labelled = is_entity or len(points) <= LABEL_LIMIT
        traces.append(
            {
                "type": "scatter",
                "x": rows["x"].tolist(),
                "y": rows["y"].tolist(),
                "mode": "markers+text" if labelled else "markers",
                "text": rows["name"].tolist() if labelled else None,
                "textposition": rows["position"].tolist(),
                "cliponaxis": False,
                "textfont": {"color": HIGHLIGHT if is_entity else "#333333", "size": 13 if is_entity else 11},
                "hovertext": [
                    f"<b>{name}</b><br>{t(x, lang)}: {fmt_number(vx, lang)}<br>{t(y, lang)}: {fmt_number(vy, lang)}"
                    for name, vx, vy in zip(rows["name"], rows["x"], rows["y"], strict=True)
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "marker": {
                    "color": HIGHLIGHT if is_entity else PEER,
                    "size": 16 if is_entity else 9,
                    "symbol": "diamond" if is_entity else "circle",
                    "line": {"color": INK, "width": 1.5 if is_entity else 0.5},
                },
                "showlegend": False,
            }
        )
    return figure_of(
        traces,
        height=430,
        xaxis=fitted_axis(x_span, lang, t(x, lang)),
        yaxis=fitted_axis(y_span, lang, t(y, lang)),
        margin={"l": 60, "r": 20, "t": 20, "b": 50},
        hoverlabel={"font": FONT},
    )


def gap_figure(gaps: pd.DataFrame, lang: str) -> go.Figure:
    """One horizontal bar per index: the chosen country's gap to the best value in the peer set.

    gaps: columns index (code), gap, leader_name, leader_value; the entity leads where the gap is 0.
    """
    rows = gaps.dropna(subset=["gap"]).iloc[::-1]  # the first index on top
    notes = [
        t("compare_gap_leads", lang) if gap == 0 else t("compare_gap_note", lang, leader=leader, value=fmt_number(best, lang))
        for gap, leader, best in zip(rows["gap"], rows["leader_name"], rows["leader_value"], strict=True)
    ]
    ticks = nice_ticks(float(rows["gap"].max()) if not rows.empty else 0.0)
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": rows["gap"].tolist(),
        "y": [t("egdi", lang) if code == "egdi" else t(f"{code}_short", lang) for code in rows["index"]],
        "marker": {"color": [PALETTE[code] for code in rows["index"]], "line": {"color": INK, "width": 1}},
        "text": [f"{fmt_number(gap, lang)} · {note}" for gap, note in zip(rows["gap"], notes, strict=True)],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertext": [
            t("compare_gap_hover", lang, index=t(code, lang), gap=fmt_number(gap, lang), note=note)
            for code, gap, note in zip(rows["index"], rows["gap"], notes, strict=True)
        ],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    return figure_of(
        [bar],
        height=100 + 52 * len(rows),
        xaxis={
            "range": [0, ticks[-1] * 2.2],  # room for the labels right of the bars
            "tickvals": ticks,
            "ticktext": [fmt_number(v, lang, 2) for v in ticks],
            "title": {"text": t("compare_gap_axis", lang)},
            "zeroline": True,
        },
        yaxis={"automargin": True},
        margin={"l": 60, "r": 20, "t": 10, "b": 50},
        showlegend=False,
    )


@lru_cache(maxsize=1)
def small_states() -> dict[str, tuple[float, float]]:
    """Member States missing from the 110m geometry: iso3 → (lon, lat) of a point inside each."""
    table = pd.read_csv(GEOMETRY_DIR / "small-states.csv", usecols=["iso3", "lon", "lat"])
    return {code: (float(lon), float(lat)) for code, lon, lat in zip(table["iso3"], table["lon"], table["lat"], strict=True)}


def map_figure(rows: pd.DataFrame, entity: str, lang: str) -> go.Figure:
    """EGDI of every country with a result on a light-to-dark blue scale; the chosen country outlined in vermillion.

    rows: columns iso3, name, egdi, world_rank. Geometry: the graph's `topojsonURL` must point to assets/topojson/.
    """
    dots = small_states()
    records = [
        (code, egdi, t("compare_map_hover", lang, country=name, egdi=fmt_number(egdi, lang), rank=fmt_int(rank, lang)))
        for code, name, egdi, rank in zip(rows["iso3"], rows["name"], rows["egdi"], rows["world_rank"], strict=True)
    ]
    shapes = [r for r in records if r[0] not in dots]
    points = [r for r in records if r[0] in dots]
    choropleth = {
        "type": "choropleth",
        "locationmode": "ISO-3",
        "locations": [r[0] for r in shapes],
        "z": [r[1] for r in shapes],
        "coloraxis": "coloraxis",
        "marker": {
            "line": {
                "color": [HIGHLIGHT if r[0] == entity else "#ffffff" for r in shapes],
                "width": [3 if r[0] == entity else 0.5 for r in shapes],
            }
        },
        "text": [r[2] for r in shapes],
        "hovertemplate": "%{text}<extra></extra>",
    }
    dots_trace = {
        "type": "scattergeo",
        "lon": [dots[r[0]][0] for r in points],
        "lat": [dots[r[0]][1] for r in points],
        "mode": "markers",
        "marker": {
            "color": [r[1] for r in points],
            "coloraxis": "coloraxis",
            "size": [13 if r[0] == entity else 7 for r in points],
            "line": {
                "color": [HIGHLIGHT if r[0] == entity else INK for r in points],
                "width": [3 if r[0] == entity else 0.8 for r in points],
            },
        },
        "text": [r[2] for r in points],
        "hovertemplate": "%{text}<extra></extra>",
        "showlegend": False,
    }
    return figure_of(
        [choropleth, dots_trace],
        height=460,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        coloraxis={
            "colorscale": EGDI_SCALE,
            "cmin": 0,
            "cmax": 1,
            "colorbar": {"title": {"text": t("egdi", lang)}, "len": 0.8, "thickness": 14, **unit_ticks(lang)},
        },
        geo={
            "projection": {"type": "natural earth"},
            "showframe": False,
            "showcoastlines": False,
            "showcountries": False,
            "showland": True,
            "landcolor": "#d9d9d9",
            "showocean": False,
            "showlakes": False,
            "lataxis": {"range": [-58, 85]},
            "bgcolor": "rgba(0,0,0,0)",
        },
    )
