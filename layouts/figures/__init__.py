"""Figure builders: plain data in, Plotly figures out, all in this package (shared pieces here, one module per
page for the rest). Colours are the Okabe–Ito colour-blind-safe palette."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts.i18n import t

PALETTE = {"egdi": "#0072B2", "osi": "#009E73", "tii": "#E69F00", "hci": "#D55E00", "epi": "#CC79A7", "peer": "#999999"}
FONT = {"family": "Khmer OS, Khmer OS System, Noto Sans Khmer, Segoe UI, Arial, sans-serif", "size": 13}
SUBINDICES = ("egdi", "osi", "tii", "hci")


def base_layout(figure: go.Figure, **layout: object) -> go.Figure:
    """The dashboard's look (template, font, margins); any of it can be overridden through `layout`."""
    defaults: dict[str, object] = {"template": "plotly_white", "font": FONT, "margin": {"l": 50, "r": 20, "t": 20, "b": 40}}
    figure.update_layout(**{**defaults, **layout})
    return figure


def trend_figure(history: pd.DataFrame, lang: str, series: tuple[str, ...] = SUBINDICES) -> go.Figure:
    """EGDI and sub-indices by survey edition."""
    figure = go.Figure()
    for code in series:
        figure.add_trace(
            go.Scatter(
                x=history["edition"],
                y=history[code],
                name=t(code, lang),
                mode="lines+markers",
                line={"color": PALETTE[code], "width": 4 if code == "egdi" else 2},
                hovertemplate=f"{t(code, lang)}<br>{t('edition', lang)} %{{x}}: %{{y:.4f}}<extra></extra>",
            )
        )
    return base_layout(
        figure,
        yaxis={"range": [0, 1], "title": t("index_value", lang)},
        xaxis={"title": t("edition", lang), "tickvals": history["edition"].tolist()},
        legend={"orientation": "h", "y": -0.25},
    )


def sparkline(history: pd.DataFrame, code: str) -> go.Figure:
    """A tiny line of one index over the editions, without axes."""
    figure = go.Figure(
        go.Scatter(
            x=history["edition"],
            y=history[code],
            mode="lines+markers",
            line={"color": PALETTE[code], "width": 2},
            marker={"size": 4},
            hovertemplate="%{x}: %{y:.4f}<extra></extra>",
        )
    )
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=48,
        showlegend=False,
        template="plotly_white",
        xaxis={"visible": False},
        yaxis={"visible": False, "range": [0, 1]},
    )
    return figure
