"""Compare's ranking grid: every country of the set in an AG Grid that sorts, filters and exports its rows, inside a
box that keeps the grid's place until AG Grid's script, loaded when the page is drawn, has drawn it. The charts below
then never start in the window only to be pushed out of it (a chart in the window is drawn at once,
assets/lazy_graph.js)."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import html

from layouts import ids
from layouts.views import compare as view
from layouts.views.labels import catalog_texts

GRID_ROW_PX, GRID_HEAD_PX = 42, 50  # AG Grid's row in the app's theme; its header of two lines


def grid_style(rows: int) -> dict[str, str]:
    """The style of the grid's box for a grid of `rows` rows: its height, header included, as the least it takes."""
    return {"minHeight": f"{GRID_HEAD_PX + GRID_ROW_PX * rows + 2}px"}


def ranking_grid(rows: list[dict[str, object]], csv: dict[str, object], lang: str) -> html.Div:
    """The grid of `rows` (view.peer_summary's), exported as `csv` (view.csv_params), in its box."""
    grid = dag.AgGrid(
        id=ids.COMPARE_GRID,
        columnDefs=view.grid_columns(lang),
        rowData=rows,
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "wrapHeaderText": True, "autoHeaderHeight": True, "flex": 1},
        dashGridOptions={
            "localeText": catalog_texts("grid_", lang),
            "tooltipShowDelay": 300,
            "animateRows": False,
            "domLayout": "autoHeight",  # every row of the set, none clipped
        },
        getRowId="params.data.iso3",
        rowClassRules={"compare-entity-row": "params.data.is_entity"},
        csvExportParams=csv,
        className="compare-grid",
    )
    return html.Div(grid, id=ids.COMPARE_GRID_BOX, style=grid_style(len(rows)))
