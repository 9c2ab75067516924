"""Figure builders: plain data in, Plotly figures out, all in this package (shared pieces here, one module per
page for the rest). Colours are the Okabe–Ito colour-blind-safe palette.

Speed: the dashboard's figures are assembled from plain dicts (`figure_of`) with the look of `base_layout` (its
template, font and margins) and without Plotly's per-property validation, which costs 8–25 ms a figure (and
hundreds the first time, while Plotly loads its validators); the layout tests check their structure and the browser
tests draw every figure.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.chart_words import labelled_periods

PALETTE = {"egdi": "#0072B2", "osi": "#009E73", "tii": "#E69F00", "hci": "#D55E00", "epi": "#CC79A7", "peer": "#999999"}
FONT = {"family": "Khmer OS, Khmer OS System, Noto Sans Khmer, Segoe UI, Arial, sans-serif", "size": 13}
SUBINDICES = ("egdi", "osi", "tii", "hci")
UNIT_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def edition_axis(editions: list[int], lang: str, title: str = "") -> dict[str, object]:
    """An x axis of survey editions whose labels never crowd (`labelled_periods`), in the page's digits."""
    shown = labelled_periods(editions)
    return {"title": {"text": title}, "tickangle": 0, "tickvals": shown, "ticktext": [fmt_int(e, lang) for e in shown]}


def unit_axis(lang: str, title: str = "") -> dict[str, object]:
    """A y axis from 0 to 1 with ticks in the page's digits."""
    return {
        "title": {"text": title},
        "range": [0, 1],
        "tickvals": list(UNIT_TICKS),
        "ticktext": [fmt_number(v, lang, 2) for v in UNIT_TICKS],
    }


@lru_cache(maxsize=1)
def template() -> dict[str, object]:
    """The plotly_white template as plain data, resolved once (assigning it by name deep-copies it every time)."""
    return dict(pio.templates["plotly_white"].to_plotly_json())


def figure_of(traces: list[dict[str, object]], **layout: object) -> go.Figure:
    """A figure with the dashboard's look (plotly_white, FONT, margins; any of it overridden through `layout`),
    built without validation."""
    base: dict[str, object] = {"template": template(), "font": FONT, "margin": {"l": 50, "r": 20, "t": 20, "b": 40}}
    return go.Figure(data=traces, layout=base | layout, _validate=False)


def base_layout(figure: go.Figure, **layout: object) -> go.Figure:
    """The dashboard's look (template, font, margins); any of it can be overridden through `layout`."""
    defaults: dict[str, object] = {"template": "plotly_white", "font": FONT, "margin": {"l": 50, "r": 20, "t": 20, "b": 40}}
    figure.update_layout(**{**defaults, **layout})
    return figure


def trend_figure(history: pd.DataFrame, lang: str, series: tuple[str, ...] = SUBINDICES) -> go.Figure:
    """EGDI and sub-indices by survey edition."""
    editions = [int(e) for e in history["edition"]]
    traces: list[dict[str, object]] = []
    for code in series:
        name = t(code, lang)
        values = [float(v) for v in history[code]]
        hover = [f"{name}<br>{t('edition', lang)} {fmt_int(e, lang)}: {fmt_number(v, lang)}" for e, v in zip(editions, values, strict=True)]
        traces.append(
            {
                "type": "scatter",
                "x": editions,
                "y": values,
                "name": name,
                "mode": "lines+markers",
                "line": {"color": PALETTE[code], "width": 4 if code == "egdi" else 2},
                "text": hover,
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    return figure_of(
        traces,
        yaxis=unit_axis(lang, t("index_value", lang)),
        xaxis=edition_axis(editions, lang, t("edition", lang)),
        legend={"orientation": "h", "y": -0.25},
    )


def sparkline(history: pd.DataFrame, code: str) -> go.Figure:
    """A tiny line of one index over the editions, without axes."""
    line = {
        "type": "scatter",
        "x": [int(e) for e in history["edition"]],
        "y": [float(v) for v in history[code]],
        "mode": "lines+markers",
        "line": {"color": PALETTE[code], "width": 2},
        "marker": {"size": 4},
        "hovertemplate": "%{x}: %{y:.4f}<extra></extra>",
    }
    return figure_of(
        [line],
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=48,
        showlegend=False,
        xaxis={"visible": False},
        yaxis={"visible": False, "range": [0, 1]},
    )
