"""Compare's ranking: every country of the set in a table the browser draws, sorts and writes to a CSV file
(assets/ranking_table.js), from the rows it receives as data (`data-ranking`). Sorting and the download need no round
trip to the server, and the page loads no grid library (AG Grid's script alone cost a page load about 200 ms).

The table is one tab stop: its column headings are buttons that take the focus in turn (arrow keys move between
them, Enter sorts). A click sorts by a column, ascending, then descending, then in the order received (by EGDI).
"""

from __future__ import annotations

import json

from dash import html

from layouts import ids
from layouts.i18n import t
from layouts.views import compare as view


def ranking_data(rows: list[dict[str, object]], filename: str, lang: str) -> str:
    """What the browser draws the table from: its columns (view.ranking_columns), rows (view.ranking_rows, in the
    order received), the CSV file's name and the language (text columns sort in its order)."""
    return json.dumps({"columns": view.ranking_columns(lang), "rows": rows, "filename": filename, "lang": lang}, ensure_ascii=False)


def ranking_table(rows: list[dict[str, object]], filename: str, lang: str) -> html.Div:
    """The table's box: it scrolls sideways inside itself on a narrow screen; the country column stays in view."""
    return html.Div(
        id=ids.COMPARE_GRID,
        className="ranking-table table-scroll",
        role="region",
        **{"aria-label": t("compare_ranking_title", lang), "data-ranking": ranking_data(rows, filename, lang)},
    )


def download_button(lang: str) -> html.Button:
    """The button that writes the table's rows, in the order shown, to a CSV file (raw values, every column)."""
    return html.Button(
        t("compare_download_csv", lang),
        id=ids.COMPARE_DOWNLOAD,
        className="compare-button ranking-download",
        **{"data-for": ids.COMPARE_GRID},
    )
