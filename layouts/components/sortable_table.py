"""A table the browser draws, sorts and writes to a CSV file (assets/sortable_table.js), from rows it receives as data
(`data-sortable`): Compare's ranking, the Data page's history and audit trail. Sorting and the download need no round
trip to the server, and such a table costs the page no grid library (AG Grid's first grid took a page load about
250 ms).

Its columns come from `layouts.views.grid_columns.table_column`. A row holds each column's raw value under its `key`
(sorted, and written to the CSV) and, where it is shown otherwise (formatted for the page language), the text under
`<key>_text`. The table is one tab stop: its column
headings are buttons that take the focus in turn (arrow keys, Home and End move between them; Enter sorts). A click
sorts by a column, ascending, then descending, then in the order received. The first column heads its rows.
"""

from __future__ import annotations

import json

from dash import html


def table_data(
    columns: list[dict[str, object]],
    rows: list[dict[str, object]],
    lang: str,
    filename: str | None = None,
    mark: tuple[str, str] | None = None,
) -> str:
    """What the browser draws the table from: text columns sort in the order of `lang`; `filename` names its CSV
    file; `mark` = (field, class) gives the rows whose `field` is true that class."""
    data: dict[str, object] = {"columns": columns, "rows": rows, "lang": lang}
    if filename:
        data["filename"] = filename
    if mark:
        data["mark"] = {"field": mark[0], "class": mark[1]}
    return json.dumps(data, ensure_ascii=False)


def sortable_table(table_id: str, data: str, label: str, tall: bool = False) -> html.Div:
    """The table's box, named `label`: it scrolls sideways inside itself on a narrow screen (the first column stays in
    view), and, when `tall`, down inside 480 px with its headings in view."""
    class_name = "sortable-table table-scroll" + (" tall" if tall else "")
    return html.Div(id=table_id, className=class_name, role="region", **{"aria-label": label, "data-sortable": data})


def download_button(text: str, button_id: str, table_id: str, class_name: str = "button") -> html.Button:
    """A button that writes the rows of the table `table_id`, in the order shown, to its CSV file (raw values, every
    column)."""
    return html.Button(text, id=button_id, className=f"{class_name} table-download", **{"data-for": table_id})
