"""Figure builders: plain data in, Plotly figures out, all in this package (shared pieces here, one module per
page for the rest). Colours are the Okabe–Ito colour-blind-safe palette.

Speed: the dashboard's figures are assembled from plain dicts (`figure_of`) with the look of `base_layout` (its
template, font and margins) and without Plotly's per-property validation, which costs 8–25 ms a figure (and
hundreds the first time, while Plotly loads its validators); the layout tests check their structure and the browser
tests draw every figure.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.chart_words import labelled_periods

PALETTE = {"egdi": "#0072B2", "osi": "#009E73", "tii": "#E69F00", "hci": "#D55E00", "epi": "#CC79A7", "peer": "#999999"}
FONT = {"family": "Khmer OS, Khmer OS System, Noto Sans Khmer, Segoe UI, Arial, sans-serif", "size": 13}
SUBINDICES = ("egdi", "osi", "tii", "hci")
UNIT_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
SPARK_WIDTH, SPARK_HEIGHT = 100, 48  # the sparkline's drawing units (it is stretched to its box)


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


def sparkline(history: pd.DataFrame, code: str) -> str:
    """A tiny line of one index over the editions, without axes, as an SVG image (a `data:` URI): no Plotly, so the
    Overview's four sparklines cost the browser nothing to draw. x = the edition's year across the width, y = the
    value on [0, 1] (1 at the top); a missing value leaves a gap; line and dots keep their size however wide."""
    editions = [int(e) for e in history["edition"]]
    first, span = (editions[0], max(editions[-1] - editions[0], 1)) if editions else (0, 1)
    line, dots, gap = "", "", True
    for edition, value in zip(editions, history[code], strict=True):
        if pd.isna(value):
            gap = True
            continue
        x, y = SPARK_WIDTH * (edition - first) / span, SPARK_HEIGHT * (1 - float(value))
        line += f"{'M' if gap else 'L'}{x:.2f},{y:.2f}"
        dots += f"M{x:.2f},{y:.2f}h0"
        gap = False
    stroke = f'fill="none" stroke="{PALETTE[code]}" stroke-linecap="round" vector-effect="non-scaling-stroke"'
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -3 {SPARK_WIDTH + 4} {SPARK_HEIGHT + 6}" preserveAspectRatio="none">'
        f'<path d="{line}" stroke-width="2" {stroke}/><path d="{dots}" stroke-width="5" {stroke}/></svg>'
    )
    return "data:image/svg+xml," + quote(svg)
