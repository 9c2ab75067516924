"""The vendored browser files: the partial plotly.js holds every trace type the figures draw, matches the pinned
version, and is served where Dash says plotly.js is (never in every page); the regenerator runtime that takes
the place of Dash's babel polyfill is the pinned one and is served; the page needs no CDN."""

from __future__ import annotations

import json
import re

import plotly

import app
from layouts import shell
from tests.conftest import PROJECT_DIR

FIGURES = PROJECT_DIR / "layouts" / "figures"
BUNDLE = PROJECT_DIR / "assets" / "vendor" / shell.PLOTLY_BUNDLE
TRACE_MODULES = {"scatter": "core", "bar": "bar", "choropleth": "choropleth", "scattergeo": "scattergeo"}
NOT_TRACES = {"line", "rect", "circle", "path", "linear", "log", "date", "category"}  # shape and axis types


def drawn_trace_types() -> set[str]:
    """Every trace type the figure builders name: `"type": "bar"` in plain-dict figures, `go.Bar(` otherwise."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in FIGURES.glob("*.py"))
    quoted = set(re.findall(r'"type": "([a-z]+)"', source)) - NOT_TRACES
    return quoted | {name.lower() for name in re.findall(r"go\.([A-Z][a-z]+)\(", source) if name != "Figure"}


def test_the_partial_bundle_registers_every_trace_the_figures_draw():
    entry = (PROJECT_DIR / "vendor" / "plotly-partial.js").read_text(encoding="utf-8")
    drawn = drawn_trace_types()
    assert drawn == {"scatter", "bar", "choropleth", "scattergeo"}
    assert all(f"plotly.js/lib/{TRACE_MODULES[t]}" in entry for t in drawn)


def test_the_bundle_is_the_pinned_plotly_js_and_the_one_plotly_for_python_draws_with():
    pinned = json.loads((PROJECT_DIR / "vendor" / "package.json").read_text())["devDependencies"]["plotly.js"]
    assert BUNDLE.read_text(encoding="utf-8", errors="replace")[:200].startswith(f"/* plotly.js v{pinned} partial bundle")
    assert plotly.offline.get_plotlyjs_version() == pinned  # the figures are built for this version


def test_the_app_serves_the_bundle_where_dcc_graph_asks_and_not_in_every_page():
    client = app.server.test_client()
    served = client.get(shell.PLOTLY_JS_PATH)
    assert served.status_code == 200 and served.data == BUNDLE.read_bytes()
    chart_page = client.get("/trends").get_data(as_text=True)
    assert shell.PLOTLY_BUNDLE not in chart_page and "cdn" not in chart_page.lower()
    assert f'<link rel="preload" href="{shell.PLOTLY_JS_PATH}" as="script">' in chart_page  # asked for at once
    assert shell.PLOTLY_JS_PATH not in client.get("/data").get_data(as_text=True)  # a page without charts never loads it
    for lazy in ("/", "/compare", "/targets", "/methodology"):  # their charts are drawn when scrolled to, plotly.js then
        assert shell.PLOTLY_JS_PATH not in client.get(lazy).get_data(as_text=True), lazy


def test_a_page_asks_at_once_for_the_code_of_the_dcc_components_it_shows_and_only_those():
    client = app.server.test_client()

    def preloaded(path: str) -> list[str]:
        page = client.get(path).get_data(as_text=True)
        return re.findall(r'<link rel="preload" href="/_dash-component-suites/dash/dcc/([^"]+)" as="script">', page)

    assert preloaded("/trends") == ["async-dropdown.js", "async-slider.js"]  # its drop-downs and its timeline
    assert preloaded("/provinces") == ["async-dropdown.js"]  # its map is drawn by the browser, clicks and all
    assert preloaded("/targets") == [] and preloaded("/methodology") == []  # no drop-down for a visitor not signed in


def test_the_regenerator_runtime_is_the_pinned_one_and_is_served():
    pinned = json.loads((PROJECT_DIR / "vendor" / "package.json").read_text())["devDependencies"]["regenerator-runtime"]
    lock = json.loads((PROJECT_DIR / "vendor" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/regenerator-runtime"]["version"] == pinned
    runtime = PROJECT_DIR / "assets" / shell.REGENERATOR_RUNTIME
    assert "globalThis.regeneratorRuntime = runtime" in runtime.read_text(encoding="utf-8")  # what Dash's scripts call
    served = app.server.test_client().get("/assets/" + shell.REGENERATOR_RUNTIME)
    assert served.status_code == 200 and served.data == runtime.read_bytes()
