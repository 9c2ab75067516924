"""The page frame around every page: header with navigation and language switch, the page, a footer."""

from __future__ import annotations

import dash
from dash import dcc, html

from layouts import ids
from layouts.state import language


def layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.HTML_LANG),
            html.A(id=ids.SKIP_LINK, href="#main", className="skip-link"),
            html.Header(html.Nav(id=ids.NAV, className="nav", **{"aria-label": "main"}), className="header"),
            html.Main(dash.page_container, id="main", className="page"),
            html.Footer(id=ids.FOOTER, className="footer"),
        ]
    )


def with_html_lang(index: str, lang: object) -> str:
    """The page's HTML with `<html lang="km">` or `<html lang="en">`, as the address asks."""
    return index.replace("<html>", f'<html lang="{language(lang)}">', 1)
