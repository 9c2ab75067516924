"""Figures of the Outlook page: the next Survey's EGDI nowcast of a country and its peers with interval bars, and the
track record (predicted against published EGDI and world rank in each replayed Survey). Plain data in (the numbers
of `layouts.views.outlook`), Plotly figures out, words and digits in the page language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from layouts.figures import FONT, PALETTE, base_layout, edition_axis
from layouts.i18n import fmt_int, fmt_number, t

OWN_COLOUR = "#D55E00"  # Okabe–Ito vermillion: the chosen country
PUBLISHED_COLOUR = "#000000"


def peers_figure(peers: pd.DataFrame, entity: str, lang: str) -> go.Figure:
    """Each country's EGDI nowcast as a dot with its interval as a bar (best at the top), the chosen one in colour.
    `peers`: iso3, name, egdi, egdi_low, egdi_high, rank, rank_low, rank_high."""
    rows = peers.iloc[::-1]  # Plotly draws the first category at the bottom
    colours = [OWN_COLOUR if code == entity else PALETTE["egdi"] for code in rows["iso3"]]
    word = t("outlook_chart_interval", lang)
    text = [
        f"{name}<br>{t('egdi', lang)} {fmt_number(v, lang)} ({word} {fmt_number(lo, lang)}–{fmt_number(hi, lang)})"
        f"<br>{t('overview_world_rank', lang)} {fmt_int(r, lang)} ({fmt_int(rl, lang)}–{fmt_int(rh, lang)})"
        for name, v, lo, hi, r, rl, rh in rows[["name", "egdi", "egdi_low", "egdi_high", "rank", "rank_low", "rank_high"]].itertuples(
            index=False
        )
    ]
    figure = go.Figure(
        go.Scatter(
            x=rows["egdi"],
            y=rows["name"],
            mode="markers",
            marker={"size": 11, "color": colours},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (rows["egdi_high"] - rows["egdi"]).fillna(0).tolist(),
                "arrayminus": (rows["egdi"] - rows["egdi_low"]).fillna(0).tolist(),
                "color": "#5a6b7b",
                "thickness": 2,
                "width": 5,
            },
            text=text,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    )
    ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
    return base_layout(
        figure,
        height=max(260, 34 * len(rows) + 70),
        margin={"l": 10, "r": 20, "t": 10, "b": 40},
        xaxis={
            "range": [0, 1.02],
            "tickvals": ticks,
            "ticktext": [fmt_number(v, lang, 2) for v in ticks],
            "title": {"text": t("egdi", lang)},
        },
        yaxis={"automargin": True},
    )


def record_figure(record: pd.DataFrame, lang: str) -> go.Figure:
    """Predicted (dashed) against published (solid) EGDI above and world rank below (up is better), by replayed
    Survey. `record`: edition, egdi_predicted, egdi_published, rank_predicted, rank_published."""
    editions = [int(e) for e in record["edition"]]
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12)
    series = (
        ("outlook_predicted", "predicted", PALETTE["egdi"], "dash"),
        ("outlook_published", "published", PUBLISHED_COLOUR, "solid"),
    )
    for row, figure_code, label, places in ((1, "egdi", t("egdi", lang), 4), (2, "rank", t("overview_world_rank", lang), 0)):
        for key, kind, colour, dash in series:
            name = t(key, lang)
            values = record[f"{figure_code}_{kind}"].tolist()
            shown = [fmt_int(v, lang) if places == 0 else fmt_number(v, lang, places) for v in values]
            figure.add_trace(
                go.Scatter(
                    x=editions,
                    y=values,
                    name=name,
                    legendgroup=kind,
                    showlegend=row == 1,
                    mode="lines+markers",
                    line={"color": colour, "dash": dash, "width": 2},
                    marker={"size": 8, "color": colour},
                    text=[f"{name}, {label} {fmt_int(e, lang)}: {v}" for e, v in zip(editions, shown, strict=True)],
                    hovertemplate="%{text}<extra></extra>",
                ),
                row=row,
                col=1,
            )
    base_layout(figure, height=440, legend={"orientation": "h", "y": 1.1, "x": 0}, margin={"l": 55, "r": 20, "t": 30, "b": 40})
    figure.update_xaxes(**edition_axis(editions, lang))
    egdi_ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
    figure.update_yaxes(
        title={"text": t("egdi", lang)},
        range=[0, 1],
        tickvals=egdi_ticks,
        ticktext=[fmt_number(v, lang, 2) for v in egdi_ticks],
        row=1,
        col=1,
    )
    ranks = [v for c in ("rank_predicted", "rank_published") for v in record[c].dropna().astype(int)]
    rank_ticks = sorted({int(v) for v in pd.Series(ranks).quantile([0.0, 0.5, 1.0]).round()}) if ranks else []
    figure.update_yaxes(
        title={"text": t("overview_world_rank", lang), "font": FONT},
        autorange="reversed",
        tickvals=rank_ticks,
        ticktext=[fmt_int(v, lang) for v in rank_ticks],
        row=2,
        col=1,
    )
    return figure
