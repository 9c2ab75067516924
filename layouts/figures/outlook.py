"""Figures of the Outlook page: the next Survey's EGDI nowcast of a country and its peers with interval bars, and the
track record (predicted against published EGDI and world rank in each replayed Survey). Plain data in (the numbers
of `layouts.views.outlook`), Plotly figures out, words and digits in the page language; built as plain dicts without
Plotly's per-property validation (`layouts.figures.figure_of`), which would cost more than the rest of the page."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts.figures import PALETTE, edition_axis, figure_of
from layouts.figures.targets import nice_ticks
from layouts.i18n import fmt_int, fmt_number, t

OWN_COLOUR = "#D55E00"  # Okabe–Ito vermillion: the chosen country
PUBLISHED_COLOUR = "#000000"
BAR_COLOUR = "#5a6b7b"
UNIT_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def peers_figure(peers: pd.DataFrame, entity: str, lang: str) -> go.Figure:
    """Each country's EGDI nowcast as a dot with its interval as a bar (best at the top), the chosen one in colour.
    `peers`: iso3, name, egdi, egdi_low, egdi_high, rank, rank_low, rank_high."""
    rows = peers.iloc[::-1]  # Plotly draws the first category at the bottom
    word = t("outlook_chart_interval", lang)
    columns = ["name", "egdi", "egdi_low", "egdi_high", "rank", "rank_low", "rank_high"]
    text = [
        f"{name}<br>{t('egdi', lang)} {fmt_number(v, lang)} ({word} {fmt_number(lo, lang)}–{fmt_number(hi, lang)})"
        f"<br>{t('overview_world_rank', lang)} {fmt_int(r, lang)} ({fmt_int(rl, lang)}–{fmt_int(rh, lang)})"
        for name, v, lo, hi, r, rl, rh in rows[columns].itertuples(index=False)
    ]
    trace = {
        "type": "scatter",
        "x": rows["egdi"].tolist(),
        "y": rows["name"].tolist(),
        "mode": "markers",
        "marker": {"size": 11, "color": [OWN_COLOUR if code == entity else PALETTE["egdi"] for code in rows["iso3"]]},
        "error_x": {  # of type "data" (plotly.js's default with an array)
            "symmetric": False,
            "array": (rows["egdi_high"] - rows["egdi"]).fillna(0).tolist(),
            "arrayminus": (rows["egdi"] - rows["egdi_low"]).fillna(0).tolist(),
            "color": BAR_COLOUR,
            "thickness": 2,
            "width": 5,
        },
        "text": text,
        "hovertemplate": "%{text}<extra></extra>",
        "showlegend": False,
    }
    return figure_of(
        [trace],
        height=max(260, 34 * len(rows) + 70),
        margin={"l": 10, "r": 20, "t": 10, "b": 40},
        xaxis={
            "range": [0, 1.02],
            "tickvals": list(UNIT_TICKS),
            "ticktext": [fmt_number(v, lang, 2) for v in UNIT_TICKS],
            "title": {"text": t("egdi", lang)},
        },
        yaxis={"automargin": True},
    )


def record_figure(record: pd.DataFrame, lang: str) -> go.Figure:
    """Predicted (dashed) against published (solid) EGDI above and world rank below (up is better), by replayed
    Survey. `record`: edition, egdi_predicted, egdi_published, rank_predicted, rank_published."""
    editions = [int(e) for e in record["edition"]]
    traces = []
    for axis, figure_code, label, places in (("", "egdi", t("egdi", lang), 4), ("2", "rank", t("overview_world_rank", lang), 0)):
        for key, kind, colour, dash in (
            ("outlook_predicted", "predicted", PALETTE["egdi"], "dash"),
            ("outlook_published", "published", PUBLISHED_COLOUR, "solid"),
        ):
            name = t(key, lang)
            values = record[f"{figure_code}_{kind}"].tolist()
            shown = [fmt_int(v, lang) if places == 0 else fmt_number(v, lang, places) for v in values]
            traces.append(
                {
                    "type": "scatter",
                    "x": editions,
                    "y": values,
                    "xaxis": f"x{axis}",
                    "yaxis": f"y{axis}",
                    "name": name,
                    "legendgroup": kind,
                    "showlegend": axis == "",
                    "mode": "lines+markers",
                    "line": {"color": colour, "dash": dash, "width": 2},
                    "marker": {"size": 8, "color": colour},
                    "text": [f"{name}, {label} {fmt_int(e, lang)}: {v}" for e, v in zip(editions, shown, strict=True)],
                    "hovertemplate": "%{text}<extra></extra>",
                }
            )
    ranks = [float(v) for c in ("rank_predicted", "rank_published") for v in record[c].dropna()]
    rank_ticks = [int(v) for v in nice_ticks(min(ranks), max(ranks))] if ranks else []
    axis = {k: v for k, v in edition_axis(editions, lang).items() if k != "tickangle"}  # turned on a phone, not overlapping
    return figure_of(
        traces,
        height=440,
        legend={"orientation": "h", "y": 1.1, "x": 0},
        margin={"l": 55, "r": 20, "t": 30, "b": 40},
        xaxis={**axis, "anchor": "y", "matches": "x2", "showticklabels": False, "title": {"text": ""}},
        xaxis2={**axis, "anchor": "y2"},
        yaxis={
            "domain": [0.56, 1.0],
            "range": [0, 1],
            "title": {"text": t("egdi", lang)},
            "tickvals": list(UNIT_TICKS),
            "ticktext": [fmt_number(v, lang, 2) for v in UNIT_TICKS],
        },
        yaxis2={
            "domain": [0.0, 0.44],
            "title": {"text": t("overview_world_rank", lang)},
            "autorange": "reversed",
            "tickvals": rank_ticks,
            "ticktext": [fmt_int(v, lang) for v in rank_ticks],
        },
    )
