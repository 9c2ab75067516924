"""Trends figure: one series (an index by edition, or an indicator by year) for a country and its peers, with
markers where the method changed. Plain data in (every text already in the page language), a figure out."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from layouts.figures import FONT, PALETTE, template
from layouts.views.trends import Axes, Line, Marker

MAIN_COLOUR = PALETTE["egdi"]  # Okabe–Ito blue for the chosen country
PEER_COLOURS = ("#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#999999")  # the rest of Okabe–Ito
PEER_DASHES = ("solid", "dash", "dot", "dashdot")
PEER_SYMBOLS = ("square", "diamond", "triangle-up", "x", "cross", "triangle-down", "pentagon", "star", "hexagon", "hourglass")
CHANGE_COLOUR = "#333333"


def _style(position: int) -> dict[str, object]:
    colour = PEER_COLOURS[position % len(PEER_COLOURS)]
    dash = PEER_DASHES[(position // len(PEER_COLOURS)) % len(PEER_DASHES)]
    symbol = PEER_SYMBOLS[position % len(PEER_SYMBOLS)]
    return {"line": {"color": colour, "width": 2, "dash": dash}, "marker": {"color": colour, "size": 7, "symbol": symbol}}


def trends_figure(
    lines: Sequence[Line], markers: Sequence[Marker], axes: Axes, marker_name: str, no_values: str | None = None
) -> go.Figure:
    """Lines with markers, gaps left open (connectgaps=False); method changes as dotted vertical lines with a
    hoverable sign at the top. Built from plain data without per-property validation (the tests validate it):
    with a dozen countries this keeps a redraw within a few milliseconds. Without any line, `no_values` is said in
    the middle of an empty plot with no axes (no made-up ticks)."""
    traces: list[dict[str, object]] = []
    peers = 0
    for line in lines:
        if line.main:
            style: dict[str, object] = {"line": {"color": MAIN_COLOUR, "width": 4}, "marker": {"color": MAIN_COLOUR, "size": 9}}
        else:
            style = _style(peers)
            peers += 1
        traces.append(
            {
                "type": "scatter",
                "x": list(line.x),
                "y": list(line.y),
                "name": line.name,
                "mode": "lines+markers",
                "connectgaps": False,
                "text": list(line.hover),
                "hovertemplate": "%{text}<extra></extra>",
                **style,
            }
        )
    top = axes.y_range[1]
    if markers:
        traces.append(
            {
                "type": "scatter",
                "x": [m.x for m in markers],
                "y": [top] * len(markers),
                "name": marker_name,
                "mode": "markers",
                "marker": {"symbol": "triangle-down", "size": 14, "color": CHANGE_COLOUR},
                "text": [m.hover for m in markers],
                "hovertemplate": "%{text}<extra></extra>",
                "cliponaxis": False,
            }
        )
    rule = {"color": CHANGE_COLOUR, "width": 1.5, "dash": "dot"}
    layout = {
        "template": template(),
        "font": FONT,
        "height": 520,
        "margin": {"l": 60, "r": 20, "t": 30, "b": 40},
        "hovermode": "closest",
        "showlegend": True,
        "hoverlabel": {"align": "left"},
        "shapes": [{"type": "line", "x0": m.x, "x1": m.x, "y0": axes.y_range[0], "y1": top, "line": rule} for m in markers],
        "xaxis": {
            "title": {"text": axes.x_title},
            "tickangle": 0,  # the labels are spaced never to crowd (labelled_periods): upright, even on a phone
            "tickvals": [v for v, _ in axes.x_ticks],
            "ticktext": [text for _, text in axes.x_ticks],
        },
        "yaxis": {
            "title": {"text": axes.y_title},
            "range": list(axes.y_range),
            "tickvals": [v for v, _ in axes.y_ticks],
            "ticktext": [text for _, text in axes.y_ticks],
        },
        "legend": {"orientation": "h", "y": -0.22, "yanchor": "top"},  # below the axis title
    }
    if not lines:
        layout["xaxis"] = layout["yaxis"] = {"visible": False}
        layout["showlegend"] = False
        layout["height"] = 240
        text = no_values or ""
        layout["annotations"] = [{"text": text, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}]
    return go.Figure(data=traces, layout=layout, _validate=False)
