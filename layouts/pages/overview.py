"""Overview: Cambodia's EGDI by edition, from the bundled published results."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids
from layouts.data import entity_history
from layouts.figures import trend_figure
from layouts.i18n import t


def layout(lang: str, iso3: str = "KHM") -> html.Div:
    history = entity_history(iso3)
    latest = history.iloc[-1]
    return html.Div(
        [
            html.H1(t("title", lang)),
            html.P(t("subtitle", lang), className="subtitle"),
            html.Div(
                [
                    _card(t("latest", lang), str(int(latest["edition"]))),
                    _card(t("egdi", lang), f"{latest['egdi']:.4f}"),
                    _card(t("world_rank", lang), str(latest["rank_published"])),
                    _card(t("group", lang), t(str(latest["group"]), lang)),
                ],
                className="cards",
            ),
            dcc.Graph(id=ids.TREND, figure=trend_figure(history, lang), config={"displaylogo": False}),
            html.P(t("source", lang), className="source"),
        ]
    )


def _card(label: str, value: str) -> html.Div:
    return html.Div([html.Div(label, className="card-label"), html.Div(value, className="card-value")], className="card")
