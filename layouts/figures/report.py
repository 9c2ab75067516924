"""Figures of the printed brief (rendered to PNG by `layouts.render`): the trend of the EGDI and its sub-indices,
and the sub-indices of the edition against the previous one and the ASEAN mean. Plain report content in, Plotly
figures out; words come from the report's own catalog (`indicators.report.strings`) so a chart says what the brief
around it says, with Khmer digits in Khmer.

Sizes are in CSS pixels at the width the brief prints them (180 mm ≈ 1000 px), so 15 px text prints at about 8 pt.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.report.content import INDEX_CODES, ReportContent
from indicators.report.strings import integer, number, text
from layouts.figures import PALETTE, base_layout
from layouts.views.chart_words import labelled_periods

WIDTH = 1000
TREND_HEIGHT = 430
SUBINDEX_HEIGHT = 400
FONTS = {
    "en": "DejaVu Sans, Khmer OS System, sans-serif",
    "km": "Khmer OS System, DejaVu Sans, sans-serif",
}
PREVIOUS = "#B8C2CC"
INK = "#1d2733"
GRID_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def _font(lang: str, size: int = 15) -> dict[str, object]:
    return {"family": FONTS["km" if lang == "km" else "en"], "size": size, "color": INK}


def _unit_axis(lang: str, **extra: object) -> dict[str, object]:
    return {
        "range": [0, 1],
        "tickvals": list(GRID_TICKS),
        "ticktext": [number(v, lang, 2) for v in GRID_TICKS],
        "gridcolor": "#e3e8ee",
        "zeroline": False,
        **extra,
    }


def trend_chart(history: pd.DataFrame, lang: str, groups: tuple[tuple[str, float], ...] = ()) -> go.Figure:
    """EGDI (thick) and OSI, TII, HCI by survey edition, with the EGDI group thresholds as dotted lines.

    groups: (group label, threshold) pairs, e.g. (("High", 0.5), ("Very High", 0.75)): the line at a threshold is
    labelled with the group above it.
    """
    figure = go.Figure()
    editions = [int(e) for e in history["edition"]]  # years on a time axis: 2005 → 2008 is three years, not one step
    shown = labelled_periods(editions)
    for label, threshold in groups:
        figure.add_hline(
            y=threshold,
            line={"color": "#8a96a3", "width": 1, "dash": "dot"},
            annotation_text=text(f"group_{label.lower().replace(' ', '_')}", lang),
            annotation_position="right",
            annotation_font={"size": 13, "color": "#4a5868"},
        )
    for code in ("egdi", "osi", "tii", "hci"):
        values = history[code].astype(float)
        figure.add_trace(
            go.Scatter(
                x=editions,
                y=values,
                name=text(f"index_{code}_short", lang),
                mode="lines+markers",
                line={"color": PALETTE[code], "width": 4.5 if code == "egdi" else 2.2},
                marker={"size": 8 if code == "egdi" else 6},
            )
        )
    last = history.iloc[-1]
    figure.add_annotation(
        x=editions[-1],
        y=float(last["egdi"]),
        text=f"<b>{number(last['egdi'], lang)}</b>",
        showarrow=False,
        yanchor="bottom",
        yshift=10,
        bgcolor="rgba(255,255,255,0.8)",
        font={"color": PALETTE["egdi"], "size": 15},
    )
    base_layout(figure).update_layout(
        width=WIDTH,
        height=TREND_HEIGHT,
        font=_font(lang),
        margin={"l": 64, "r": 105, "t": 50, "b": 44},
        yaxis=_unit_axis(lang, title={"text": text("axis_index", lang), "standoff": 8}),
        xaxis={
            "type": "linear",
            "tickvals": shown,
            "ticktext": [integer(e, lang) for e in shown],
            "tickangle": 0,
            "showgrid": False,
            "range": [editions[0] - 0.7, editions[-1] + 0.7],
        },
        legend={"orientation": "h", "x": 0, "y": 1.12, "font": {"size": 15}},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return figure


def subindex_chart(content: ReportContent, lang: str) -> go.Figure:
    """Horizontal bars of EGDI, OSI, TII, HCI and EPI in the edition, beside the previous edition (grey), with the ASEAN
    mean of the edition as a diamond when the ASEAN members are stored."""
    now, before = content.current, content.previous
    codes = list(INDEX_CODES)
    labels = [text(f"index_{code}_short", lang) for code in codes]
    figure = go.Figure()
    if before is not None:
        figure.add_trace(
            go.Bar(
                y=labels,
                x=[float(before[c]) for c in codes],
                name=integer(before["edition"], lang),
                orientation="h",
                marker={"color": PREVIOUS},
                text=[number(before[c], lang) for c in codes],
                textposition="outside",
                textfont={"size": 13, "color": "#4a5868"},
                cliponaxis=False,
            )
        )
    figure.add_trace(
        go.Bar(
            y=labels,
            x=[float(now[c]) for c in codes],
            name=integer(now["edition"], lang),
            orientation="h",
            marker={"color": [PALETTE[c] for c in codes]},
            text=[number(now[c], lang) for c in codes],
            textposition="outside",
            textfont={"size": 14, "color": INK},
            cliponaxis=False,
        )
    )
    others = content.peers
    if len(others) > 1 and not content.peers_missing:
        figure.add_trace(
            go.Scatter(
                y=labels,
                x=[float(others[c].mean()) for c in codes],
                name=text("chart_asean_mean", lang),
                mode="markers",
                marker={"symbol": "diamond", "size": 13, "color": INK, "line": {"color": "white", "width": 1.5}},
            )
        )
    base_layout(figure).update_layout(
        width=WIDTH,
        height=SUBINDEX_HEIGHT,
        font=_font(lang),
        barmode="group",
        bargap=0.28,
        bargroupgap=0.08,
        margin={"l": 64, "r": 40, "t": 46, "b": 40},
        xaxis=_unit_axis(lang, range=[0, 1.08]),
        yaxis={"autorange": "reversed", "showgrid": False},
        legend={"orientation": "h", "x": 0, "y": 1.14, "traceorder": "normal", "font": {"size": 15}},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return figure


def report_figures(content: ReportContent, lang: str) -> dict[str, go.Figure]:
    """The brief's figures by name (indicators.report.charts.CHARTS)."""
    levels = content.methodology.groups
    groups = tuple((level.label, float(level.above)) for level in levels if level.above is not None)
    return {"trend": trend_chart(content.history, lang, groups), "subindices": subindex_chart(content, lang)}
