"""Reference: a Dash app that does nothing (one heading), the floor of any Dash page's first load.

Run: python benchmarks/reference_apps/noop_app.py PORT
"""

from __future__ import annotations

import sys

from dash import Dash, html

app = Dash(__name__, serve_locally=True, compress=True)
app.layout = html.Div(html.H1("No-op"))

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
