"""Small building blocks shared by the pages: headline cards, notices; the chart block every chart is drawn in
(`chart_block`), every chart's Plotly options (`plotly_config`) and the timelines under charts (`timeline`)."""

from __future__ import annotations

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


def notice(text: str, kind: str = "info") -> html.Div:
    return html.Div(text, className=f"notice notice-{kind}", role="status")


def scroll_box(table: html.Table, lang: str, label: str | None = None) -> html.Div:
    """A table in a box of its own that scrolls sideways on a narrow screen (the page never does): one tab stop,
    the arrow keys scroll it; `label` names it for screen readers."""
    return html.Div(table, className="table-scroll", tabIndex="0", role="region", **{"aria-label": label or t("table_scroll_label", lang)})
