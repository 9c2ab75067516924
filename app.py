"""The dashboard: `python app.py` serves it on http://127.0.0.1:8050 (WSGI: `app:server`)."""

from __future__ import annotations

import os

from dash import Dash, Input, Output, dcc, html

from layouts import ids
from layouts.pages import overview

app = Dash(__name__, title="E-Government Readiness: Cambodia", serve_locally=True)
server = app.server

app.layout = html.Div(
    [
        html.Div(
            dcc.RadioItems(
                id=ids.LANGUAGE,
                options=[{"label": "English", "value": "en"}, {"label": "ខ្មែរ", "value": "km"}],
                value="en",
                inline=True,
            ),
            className="language",
        ),
        html.Div(id=ids.PAGE),
    ],
    className="page",
)


@app.callback(Output(ids.PAGE, "children"), Input(ids.LANGUAGE, "value"))
def render_page(lang: str) -> html.Div:
    return overview.layout(lang)


if __name__ == "__main__":
    app.run(host=os.environ.get("EGDI_HOST", "127.0.0.1"), port=int(os.environ.get("EGDI_PORT", "8050")), debug=False)
