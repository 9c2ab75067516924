"""The page for an unknown address (Dash Pages shows the module named not_found_404), in the page language."""

from __future__ import annotations

import dash
from dash import dcc, html

from layouts.state import language
from layouts.views.not_found_404 import not_found

dash.register_page(__name__, path="/404", name="Not found", order=99, nav=False)


def layout(lang: str = "en", **_: str) -> html.Div:
    shown = not_found(language(lang))
    return html.Div([html.H1(shown.title), html.P(shown.text), dcc.Link(shown.link, href=shown.href)], className="not-found-page")
