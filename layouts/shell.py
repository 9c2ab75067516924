"""The page frame around every page: header with navigation, language switch and who is signed in, the page, a footer.
`SERVER_NOTICE` shows what the server refused or could not do (assets/server-notice.js)."""

from __future__ import annotations

import dash
from dash import dcc, html

from layouts import ids


def layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.HTML_LANG),
            html.A(id=ids.SKIP_LINK, href="#main", className="skip-link"),
            html.Header(
                [html.Nav(id=ids.NAV, className="nav", **{"aria-label": "main"}), html.Div(id=ids.ACCOUNT, className="account")],
                className="header",
            ),
            html.Div(id=ids.SERVER_NOTICE, className="server-notice", role="alert", hidden=True),
            html.Main(dash.page_container, id="main", className="page"),
        ]
    )
