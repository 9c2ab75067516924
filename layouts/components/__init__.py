"""Small building blocks shared by the pages."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import html

from layouts.i18n import t


def card(label: str, value: str, detail: str | None = None, graph: html.Div | None = None, card_id: str | None = None) -> html.Div:
    """A headline figure: label, value, an optional detail line and sparkline."""
    children: list[object] = [html.Div(label, className="card-label"), html.Div(value, className="card-value")]
    if detail:
        children.append(html.Div(detail, className="card-detail"))
    if graph is not None:
        children.append(graph)
    return html.Div(children, className="card", id=card_id) if card_id else html.Div(children, className="card")


def data_table(frame: pd.DataFrame, headers: Sequence[str], lang: str) -> html.Details:
    """The data behind a chart as a plain, accessible table, folded under a summary line."""
    rows = [html.Tr([html.Td(str(v)) for v in row]) for row in frame.itertuples(index=False)]
    table = html.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(rows)], className="data-table")
    return html.Details([html.Summary(t("show_table", lang)), table], className="chart-table")


def notice(text: str, kind: str = "info") -> html.Div:
    return html.Div(text, className=f"notice notice-{kind}", role="status")
