"""Compare's ranking: every country of the set in a sortable table (layouts/components/sortable_table.py), the country
compared marked, with a button that writes it to a CSV file named after the view."""

from __future__ import annotations

from dash import html

from layouts import ids
from layouts.components.sortable_table import download_button, sortable_table, table_data
from layouts.i18n import t
from layouts.views import compare as view

MARK = ("is_entity", "compare-entity-row")  # the country compared: bold, on a light background, with a bar


def ranking_data(rows: list[dict[str, object]], filename: str, lang: str) -> str:
    """The table's data: view.ranking_columns, the rows of view.ranking_rows (in the order received, by EGDI)."""
    return table_data(view.ranking_columns(lang), rows, lang, filename, MARK)


def ranking_table(rows: list[dict[str, object]], filename: str, lang: str) -> html.Div:
    return sortable_table(ids.COMPARE_GRID, ranking_data(rows, filename, lang), t("compare_ranking_title", lang))


def ranking_download(lang: str) -> html.Button:
    return download_button(t("compare_download_csv", lang), ids.COMPARE_DOWNLOAD, ids.COMPARE_GRID, "compare-button")
