"""Figure builders: plain data in, Plotly figures out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts.i18n import t

SERIES = ("egdi", "osi", "tii", "hci")
COLOURS = {"egdi": "#0b3d91", "osi": "#2a9d8f", "tii": "#e9a23b", "hci": "#c8553d"}


def trend_figure(history: pd.DataFrame, lang: str) -> go.Figure:
    """EGDI and its three sub-indices by survey edition."""
    figure = go.Figure()
    for code in SERIES:
        figure.add_trace(
            go.Scatter(
                x=history["edition"],
                y=history[code],
                name=t(code, lang),
                mode="lines+markers",
                line={"color": COLOURS[code], "width": 4 if code == "egdi" else 2},
            )
        )
    figure.update_layout(
        margin={"l": 50, "r": 20, "t": 20, "b": 40},
        yaxis={"range": [0, 1], "title": t("index_value", lang)},
        xaxis={"title": t("edition", lang), "tickvals": history["edition"].tolist()},
        legend={"orientation": "h", "y": -0.2},
        template="plotly_white",
        font={"family": "Khmer OS, Noto Sans Khmer, sans-serif"},
    )
    return figure
