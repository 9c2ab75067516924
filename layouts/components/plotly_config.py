"""Every chart's Plotly options and its accessible frame, in one place.

- No cloud or share button, no link to Chart Studio, no logo, no lasso or box select: only the zoom buttons a chart
  needs (the chart block's own menu downloads images and data).
- Tool-bar tooltips and Plotly's few other texts through plotly.js's locale mechanism (`config.locale` and
  `config.locales`), with a dictionary for the page language made from the catalog (`chart_plotly_*`).
- The chart is drawn inside `role="img"` with an `aria-label` that says in one sentence what it shows; a chart
  with zoom buttons is a `role="figure"` named by the same sentence instead (an image cannot hold buttons).
"""

from __future__ import annotations

from collections.abc import Sequence

import dash
import plotly.graph_objects as go
from dash import dcc, html

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


def graph_config(lang: str, buttons: Sequence[str] = ZOOM_2D, static: bool = False) -> dict[str, object]:
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
    if static:
        return config | {"staticPlot": True, "displayModeBar": False}
    if not buttons:
        return config | {"displayModeBar": False}
    return config | {"modeBarButtons": [list(buttons)], "displayModeBar": "hover"}


def accessible_graph(
    figure: go.Figure,
    lang: str,
    summary: str,
    graph_id: str | dict[str, str] | None = None,
    buttons: Sequence[str] = ZOOM_2D,
    class_name: str = "",
    static: bool = False,
) -> html.Div:
    """A chart inside `role="img"`, named by `summary` (one sentence); `graph_id` for callbacks that redraw it (the
    frame's id is `graph_id + "-frame"`)."""
    props: dict[str, object] = {"figure": figure, "config": graph_config(lang, buttons, static), "className": class_name}
    interactive = bool(buttons) and not static
    frame: dict[str, object] = {"role": "figure" if interactive else "img", "className": "cb-figure", "aria-label": summary}
    if graph_id is not None:
        props["id"] = graph_id
        frame["id"] = f"{graph_id}-frame"  # a callback that redraws the chart names it anew
    return html.Div(dcc.Graph(**props), **frame)
