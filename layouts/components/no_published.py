"""The page a view shows when the store holds no published UN E-Government Survey results at all (a new database, or
every edition rolled back): what is missing and where to get it, never an empty chart or an error."""

from __future__ import annotations

import dash
from dash import html

from layouts.components import page_link
from layouts.i18n import t
from layouts.views.labels import page_href


def no_published_page(title: str, lang: str) -> html.Div:
    """A page headed `title` that says no published results are stored and links to the Data page."""
    link = page_link(t("data_none_published_link", lang), page_href(dash.get_relative_path("/data"), lang), id="no-published-link")
    message = html.Div([t("data_none_published", lang), " ", link], className="notice notice-warning", role="status")
    return html.Div([html.H1(title), message], className="no-published-page")
