"""Small building blocks shared by the pages: headline cards, notices; the chart block every chart is drawn in
(`chart_block`), every chart's Plotly options (`plotly_config`) and the timelines under charts (`timeline`)."""

from __future__ import annotations

from dash import dcc, html

from layouts.i18n import t
from layouts.shell import needs_grid


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


def page_link(text: str, href: str, **props: object) -> dcc.Link:
    """A link to another page of the dashboard; into a page with a grid it loads the page anew (its script is only
    in that page: `layouts.shell.GRID_PAGES`)."""
    return dcc.Link(text, href=href, refresh=needs_grid(href), **props)  # type: ignore[arg-type]
