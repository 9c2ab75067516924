"""Every chart's Plotly options and its accessible frame, in one place.

- No cloud or share button, no link to Chart Studio, no logo, no lasso or box select: only the zoom buttons a chart
  needs (the chart block's own menu downloads images and data).
- Tool-bar tooltips and Plotly's few other texts through plotly.js's locale mechanism (`config.locale` and
  `config.locales`), with a dictionary for the page language made from the catalog (`chart_plotly_*`).
- The chart is drawn inside `role="img"` with an `aria-label` that says in one sentence what it shows; a chart
  with zoom buttons is a `role="figure"` named by the same sentence instead (an image cannot hold buttons).
- Every chart is drawn by the browser: it travels as data (`data-figure`, `data-config`) and `assets/lazy_graph.js`
  draws it with plotly.js once it is in the window (at once in the first screen), so a page loads without drawing
  (or even loading plotly.js for) charts nobody has looked at yet, and a chart in view is drawn once, without
  dcc.Graph's code and its second, resizing draw 100 ms later. A callback redraws it by sending a new
  `data-figure` (`figure_data`); a chart whose clicks a callback reads writes each click into a dcc.Store
  (`click_store`: {"points": [{"location", "curveNumber", "pointNumber"}]}, as dcc.Graph's clickData).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import dash
import plotly.graph_objects as go
from dash import html
from plotly.io.json import to_json_plotly

from layouts.i18n import t

ZOOM_2D = ("zoomIn2d", "zoomOut2d", "resetScale2d")
ZOOM_GEO = ("zoomInGeo", "zoomOutGeo", "resetGeo")
NO_BUTTONS: tuple[str, ...] = ()
PLOTLY_TEXTS = {  # plotly.js's English texts (its locale keys) → our catalog keys
    "Zoom in": "chart_plotly_zoom_in",
    "Zoom out": "chart_plotly_zoom_out",
    "Reset axes": "chart_plotly_reset_axes",
    "Reset": "chart_plotly_reset",
    "Autoscale": "chart_plotly_autoscale",
    "Double-click to zoom back out": "chart_plotly_zoom_back",
    "Click to enter Plot title": "chart_plotly_enter_title",
    "trace": "chart_plotly_trace",
    "Taking snapshot - this may take a few seconds": "chart_plotly_snapshot",
    "Snapshot succeeded": "chart_plotly_snapshot_done",
    "Sorry, there was a problem downloading your snapshot!": "chart_plotly_snapshot_failed",
}


def plotly_locale(lang: str) -> dict[str, object]:
    """plotly.js's locale for the page language: its dictionary of texts (Khmer from the catalog)."""
    return {"dictionary": {english: t(key, lang) for english, key in PLOTLY_TEXTS.items()}}


def graph_config(lang: str, buttons: Sequence[str] = ZOOM_2D) -> dict[str, object]:
    """dcc.Graph's `config` for every chart of the dashboard (see the module docstring)."""
    config: dict[str, object] = {
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        "showTips": False,
        "scrollZoom": False,
        "responsive": True,
        "locale": lang,
        "locales": {lang: plotly_locale(lang)},
        "topojsonURL": dash.get_asset_url("topojson/"),
    }
    if not buttons:
        return config | {"displayModeBar": False}
    return config | {"modeBarButtons": [list(buttons)], "displayModeBar": "hover"}


def accessible_graph(
    figure: go.Figure,
    lang: str,
    summary: str,
    graph_id: str | dict[str, str] | None = None,
    buttons: Sequence[str] = ZOOM_2D,
    click_store: str | None = None,
) -> html.Div:
    """A chart inside `role="img"`, named by `summary` (one sentence); `graph_id` for callbacks that redraw it (the
    frame's id is `graph_id + "-frame"`); `click_store`: the dcc.Store its clicks are written into (module docstring)."""
    config = graph_config(lang, buttons)
    frame: dict[str, object] = {"role": "figure" if buttons else "img", "className": "cb-figure", "aria-label": summary}
    ident: dict[str, object] = {}
    if graph_id is not None:
        ident["id"] = graph_id
        frame["id"] = f"{graph_id}-frame"  # a callback that redraws the chart names it anew
    if click_store is not None:
        ident["data-click-store"] = click_store
    return html.Div(lazy_graph(figure, config, ident), **frame)


def figure_data(figure: go.Figure | Mapping[str, object]) -> str:
    """A figure as the JSON a lazy chart carries in `data-figure`: {"data": [...], "layout": {...}}."""
    return str(to_json_plotly(figure))


def figure_height(figure: go.Figure | Mapping[str, object]) -> int:
    """The height the figure asks for, in pixels (plotly.js's default, 450, when it asks for none)."""
    if isinstance(figure, go.Figure):
        height = figure.layout.height
    else:
        layout = figure.get("layout")
        height = layout.get("height") if isinstance(layout, Mapping) else None
    return int(height or 450)


def lazy_graph(figure: go.Figure | Mapping[str, object], config: dict[str, object], ident: dict[str, object]) -> html.Div:
    """A chart drawn on demand by assets/lazy_graph.js; the space it will take is kept while it is not drawn."""
    data = {"data-figure": figure_data(figure), "data-config": json.dumps(config, ensure_ascii=False)}
    return html.Div(className="lazy-graph", style={"--lazy-height": f"{figure_height(figure)}px"}, **ident, **data)
