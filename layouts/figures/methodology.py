"""Figure of the Methodology page: the back-test's rebuilt values against the published ones, one colour per sub-index,
the line where the two agree (rebuilt = published), and Cambodia marked. Plain data in (names already in the page
language), a Plotly figure out; hover texts are written by `fmt_number`, so numbers show Khmer digits in Khmer."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts.figures import PALETTE, figure_of
from layouts.figures.compare import unit_ticks
from layouts.i18n import fmt_number, t

FOCUS_COLOUR = "#1d2733"
SYMBOLS = {"tii": "circle", "hci": "triangle-up"}  # told apart by shape as well as colour
FOCUS_TEXT = {"tii": "top left", "hci": "bottom right"}  # the country's two labels never overlap


def backtest_figure(points: pd.DataFrame, codes: dict[str, str], focus_name: str, lang: str) -> go.Figure:
    """`points`: name, subindex (short name), published, reconstructed, error, focus; `codes`: short name → sub-index
    code (for its colour and marker)."""
    traces: list[dict[str, object]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [0, 1],
            "y": [0, 1],
            "line": {"color": "#999999", "dash": "dot", "width": 1},
            "name": t("methodology_backtest_agree", lang),
            "hoverinfo": "skip",
        }
    ]
    for short, rows in points.groupby("subindex", sort=False):
        hover = [
            t(
                "methodology_backtest_hover",
                lang,
                country=name,
                index=short,
                published=fmt_number(p, lang, 4),
                rebuilt=fmt_number(r, lang, 4),
                error=fmt_number(e, lang, 4, signed=True),
            )
            for name, p, r, e in zip(rows["name"], rows["published"], rows["reconstructed"], rows["error"], strict=True)
        ]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": rows["published"].tolist(),
                "y": rows["reconstructed"].tolist(),
                "name": str(short),
                "marker": {
                    "color": PALETTE.get(codes.get(str(short), ""), "#0072B2"),
                    "symbol": SYMBOLS.get(codes.get(str(short), ""), "circle"),
                    "size": 7,
                    "opacity": 0.75,
                },
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    focus = points[points["focus"]]
    if not focus.empty:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": focus["published"].tolist(),
                "y": focus["reconstructed"].tolist(),
                "text": [f"{focus_name} ({short})" for short in focus["subindex"]],
                "textposition": [FOCUS_TEXT.get(codes.get(str(short), ""), "top left") for short in focus["subindex"]],
                "name": focus_name,
                "marker": {"color": FOCUS_COLOUR, "size": 11, "symbol": "diamond-open", "line": {"width": 2}},
                "hoverinfo": "skip",
            }
        )
    axis = {"range": [-0.02, 1.02], **unit_ticks(lang), "zeroline": False}
    return figure_of(
        traces,
        xaxis={**axis, "title": {"text": t("methodology_backtest_published", lang)}},
        yaxis={**axis, "title": {"text": t("methodology_backtest_rebuilt", lang)}},
        legend={"orientation": "h", "y": -0.18},
        height=460,
        margin={"l": 60, "r": 20, "t": 20, "b": 90},
    )
