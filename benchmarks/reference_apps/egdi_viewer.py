"""Reference: a plain Dash EGDI viewer, as a developer would write it in an afternoon: one country picker, a line
chart of the EGDI and its sub-indices by edition (the full plotly.js that dcc.Graph loads) and a table of the same
rows. It reads the UN DESA reference files (all countries, every edition), else the bundled Cambodia/ASEAN file.

Run: python benchmarks/reference_apps/egdi_viewer.py PORT
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dash_table, dcc, html

PROJECT = Path(__file__).resolve().parents[2]
REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT.parent / "shared" / "reference" / "undesa"))
COLUMNS = {
    "Survey Year": "edition",
    "Country Name": "country",
    "E-Government Index": "EGDI",
    "Online Service Index": "OSI",
    "Telecommunication Infrastructure Index": "TII",
    "Human Capital Index": "HCI",
}


def load() -> pd.DataFrame:
    files = sorted(REFERENCE.glob("EGOV_DATA_*.csv")) or [PROJECT / "data" / "published" / "undesa-cambodia-asean.csv"]
    frame = pd.concat([pd.read_csv(f, encoding="utf-8-sig") for f in files], ignore_index=True)
    frame = frame.rename(columns=COLUMNS)[list(COLUMNS.values())]
    frame["country"] = frame["country"].str.strip()
    return frame


DATA = load()
app = Dash(__name__, serve_locally=True, compress=True)
app.layout = html.Div(
    [
        html.H1("EGDI viewer"),
        dcc.Dropdown(sorted(DATA["country"].unique()), "Cambodia", id="country", clearable=False),
        dcc.Graph(id="chart"),
        dash_table.DataTable(id="table", page_size=15),
    ]
)


@app.callback(Output("chart", "figure"), Output("table", "data"), Input("country", "value"))
def show(country: str) -> tuple[object, list[dict[str, object]]]:
    rows = DATA[DATA["country"] == country].sort_values("edition")
    figure = px.line(rows, x="edition", y=["EGDI", "OSI", "TII", "HCI"], markers=True)
    return figure, rows.to_dict("records")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
