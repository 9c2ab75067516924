"""The chart block every page uses, after Our World in Data's Grapher: a titled chart with

- tabs: Chart (or Map, for a map) / Table: the figure and the rows it shows;
- an optional timeline under the views (a component the page builds, e.g. an edition range);
- a download menu: PNG and SVG of the chart as shown, drawn by plotly.js in the browser, and CSV of exactly the table
  rows shown, followed by the source, licence and retrieval rows of the "About this data" panel;
- "Copy link": the page's address (its query keeps the view) with the block's anchor;
- an "About this data" panel: source, citation, licence, last updated, processing.

The block is plain HTML; `assets/chart_block.js` switches the tabs (arrow keys too), downloads and copies, so no
round trip to the server and no inline script. Ids: the block's `block_id`; `block_id + "-rows"` for the box that
holds the table and `block_id + "-title"` for its title (a callback may redraw them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from dash import html

from layouts.components.inert import inert
from layouts.components.plotly_config import ZOOM_2D, accessible_graph
from layouts.i18n import t
from layouts.views.about_data import AboutData


@dataclass(frozen=True)
class ChartTable:
    """The rows a chart shows, as displayed, with their column headers."""

    headers: Sequence[str]
    rows: pd.DataFrame


def table_data(table: ChartTable) -> str:
    """The rows shown, as the JSON the browser draws the table from: {"headers": [...], "rows": [[...], ...]}."""
    rows = [[str(v) for v in row] for row in table.rows.itertuples(index=False)]
    return json.dumps({"headers": [str(h) for h in table.headers], "rows": rows}, ensure_ascii=False)


def table_view(table: ChartTable | None, lang: str) -> html.Div | str:
    """The rows in a box of its own that scrolls sideways (one tab stop; arrow keys scroll it). They travel as data
    (`data-table`): the browser draws the table when its tab is opened (assets/chart_block.js), so a redraw of the
    chart sends one attribute, not a component per cell."""
    if table is None or table.rows.empty:
        return t("chart_no_rows", lang)
    label = t("chart_table_label", lang)
    return html.Div(
        className="table-scroll cb-table", tabIndex="0", role="region", **{"aria-label": label, "data-table": table_data(table)}
    )


def about_panel(about: AboutData, lang: str) -> html.Details:
    items = [
        ("chart_about_source", about.source, "cb-source"),
        ("chart_about_citation", about.citation, "cb-citation"),
        ("chart_about_licence", about.licence, "cb-licence"),
        ("chart_about_updated", about.updated, "cb-updated"),
        ("chart_about_processing", about.processing, "cb-processing"),
    ]
    rows = [html.Div([html.Dt(t(key, lang)), html.Dd(text)], className=f"cb-about-row {name}") for key, text, name in items]
    return inert(html.Details([html.Summary(t("chart_about", lang)), html.Dl(rows)], className="cb-about"))


def _tab(block_id: str, view: str, lang: str, selected: bool) -> html.Button:
    return html.Button(
        t(f"chart_tab_{view}", lang),
        id=f"{block_id}-tab-{view}",
        className="cb-tab",
        role="tab",
        tabIndex="0" if selected else "-1",
        **{"aria-selected": "true" if selected else "false", "aria-controls": f"{block_id}-{view}", "data-view": view},
    )


def _panel(block_id: str, view: str, content: object, shown: bool) -> html.Div:
    props: dict[str, object] = {"role": "tabpanel", "aria-labelledby": f"{block_id}-tab-{view}"}
    return html.Div(content, id=f"{block_id}-{view}", className=f"cb-view cb-view-{view}", hidden=not shown, **props)


def actions(lang: str, filename: str) -> html.Div:
    download = html.Details(
        [
            html.Summary(t("chart_download", lang)),
            html.Div(
                [
                    html.Button(t("chart_download_png", lang), className="cb-download-image", **{"data-format": "png"}),
                    html.Button(t("chart_download_svg", lang), className="cb-download-image", **{"data-format": "svg"}),
                    html.Button(t("chart_download_csv", lang), className="cb-download-csv"),
                ],
                className="cb-menu",
            ),
        ],
        className="cb-download",
    )
    copy = html.Button(t("chart_copy_link", lang), className="cb-copy-link", **{"data-done": t("chart_link_copied", lang)})
    return inert(
        html.Div(
            [download, copy, html.Span(className="cb-status", role="status")],
            className="cb-actions",
            **{"data-filename": filename, "data-link-label": t("chart_csv_link", lang)},
        )
    )


def chart_block(
    block_id: str,
    lang: str,
    *,
    title: str,
    summary: str,
    figure: go.Figure,
    table: ChartTable | None,
    about: AboutData,
    graph_id: str | None = None,
    buttons: Sequence[str] = ZOOM_2D,
    timeline: object | None = None,
    filename: str = "egdi-chart",
    heading: str = "h2",
    is_map: bool = False,
    click_store: str | None = None,
) -> html.Section:
    """One chart block (see the module docstring); `is_map` names the figure's tab Map; `click_store`: the dcc.Store
    the chart's clicks are written into (plotly_config.accessible_graph)."""
    views: list[tuple[str, object]] = [
        ("map" if is_map else "chart", accessible_graph(figure, lang, summary, graph_id, buttons, click_store=click_store)),
        ("table", html.Div(table_view(table, lang), id=f"{block_id}-rows")),
    ]
    shown = views[0][0]
    tabs = inert(
        html.Div(
            [_tab(block_id, view, lang, view == shown) for view, _ in views],
            className="cb-tabs",
            role="tablist",
            **{"aria-label": t("chart_views", lang)},
        )
    )
    title_id = f"{block_id}-title"
    head = html.Div([getattr(html, heading.upper())(title, id=title_id, className="cb-title"), tabs], className="cb-head")
    children: list[object] = [head, *(_panel(block_id, view, content, view == shown) for view, content in views)]
    if timeline is not None:
        children.append(html.Div(timeline, className="cb-timeline"))
    children += [actions(lang, filename), about_panel(about, lang)]
    return html.Section(children, id=block_id, className="chart-block panel", **{"aria-labelledby": title_id})
