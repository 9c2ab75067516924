"""The page frame around every page: header with navigation, language switch and who is signed in, the page, a footer.
`SERVER_NOTICE` shows what the server refused or could not do (assets/server-notice.js)."""

from __future__ import annotations

import dash
from dash import dcc, html
from dash.development.base_component import Component

from layouts import ids
from layouts.server.failures import FAILED_PAGE_CLASS
from layouts.state import language

# plotly.js: the partial bundle built by scripts/build-vendor.sh (only the traces the app draws) is served where Dash
# says plotly.js is (window._dashPlotlyJSURL, which assets/lazy_graph.js loads), so it loads only on a page that
# draws a chart; assets/vendor/ is not in every page.
PLOTLY_JS_PATH = "/_dash-component-suites/plotly/package_data/plotly.min.js"
PLOTLY_BUNDLE = "plotly-partial.min.js"
VENDOR_MAX_AGE = 7 * 24 * 3600
ASSETS_NOT_IN_EVERY_PAGE = ["^vendor$"]  # Dash's assets_path_ignore: folders of assets/ not put in every page
# AG Grid's script goes only into the pages that show a grid; a link into one of them loads the page anew
# (`layouts.components.page_link`), so a page without the script never draws a grid. dash_table is never used.
GRID_PAGES = ("/data",)
# Dash puts @babel/polyfill (core-js 2 for browsers older than any the app supports) first in every page: about 90 KB
# whose evaluation, and the built-ins it replaces, cost every page 50-100 ms of the main thread. Dash's own scripts
# use one part of it, the global `regeneratorRuntime`: that part alone (scripts/build-vendor.sh) takes its place.
REGENERATOR_RUNTIME = "vendor/regenerator-runtime.js"
# The pages that draw a chart in their first screen. The others draw theirs (if any) only when scrolled to
# (assets/lazy_graph.js loads plotly.js then), so they do not fetch plotly.js while the page itself loads.
PAGES_WITH_A_CHART_IN_VIEW = ("/trends", "/outlook", "/simulator", "/provinces")
# dcc's components whose code is a chunk of its own, fetched only once the component is on the page
DCC_CHUNKS = "/_dash-component-suites/dash/dcc/"
CHUNK_OF = {"Dropdown": "async-dropdown.js", "Slider": "async-slider.js", "RangeSlider": "async-slider.js"}


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
            html.Footer(id=ids.FOOTER, className="footer"),
        ]
    )


def with_html_lang(index: str, lang: object) -> str:
    """The page's HTML with `<html lang="km">` or `<html lang="en">`, as the address asks."""
    return index.replace("<html>", f'<html lang="{language(lang)}">', 1)


def needs_grid(href: str) -> bool:
    """Whether the page at `href` (a path, with or without its query) shows an AG Grid."""
    return href.split("?", 1)[0].split("#", 1)[0].rstrip("/") in GRID_PAGES


def page_scripts(scripts: str, path: str, runtime_url: str) -> str:
    """The `<script>` tags of the page at `path`: without dash_table's (never used), without AG Grid's unless the
    page shows a grid, and with the regenerator runtime at `runtime_url` in the place of Dash's babel polyfill."""
    kept = [tag for tag in scripts.split("\n") if "/dash_table/" not in tag and ("/dash_ag_grid/" not in tag or needs_grid(path))]
    return "\n".join(f'<script src="{runtime_url}"></script>' if "/deps/polyfill@" in tag else tag for tag in kept)


def preloads(path: str, prefix: str = "/") -> str:
    """`<link rel="preload">` tags for what the page at `path` would otherwise ask for only once its layout has
    arrived and been drawn: the code of the dcc components it shows (`page_chunks`), and plotly.js on a page that
    draws a chart in its first screen (PAGES_WITH_A_CHART_IN_VIEW). Fetched beside Dash's own scripts instead."""
    page = path.rstrip("/") or "/"
    urls = [DCC_CHUNKS + chunk for chunk in page_chunks(page)] + ([PLOTLY_JS_PATH] if page in PAGES_WITH_A_CHART_IN_VIEW else [])
    return "\n".join(f'<link rel="preload" href="{prefix.rstrip("/")}{url}" as="script">' for url in urls)


_CHUNKS_OF_PAGE: dict[str, tuple[str, ...]] = {}


def page_chunks(path: str) -> tuple[str, ...]:
    """The dcc chunks (CHUNK_OF) of the components in the page at `path` as a visitor who is not signed in first
    sees it (drawn once per path and process: which components a page shows does not change with the data; a page
    that could not be drawn, its store away, is drawn again at the next request instead of being kept)."""
    if path in _CHUNKS_OF_PAGE:
        return _CHUNKS_OF_PAGE[path]
    page = next((page for page in dash.page_registry.values() if page["path"] == path), None)
    if page is None or not callable(page["layout"]):
        return ()
    with dash.get_app().server.test_request_context(path):
        drawn = page["layout"]()
    if not isinstance(drawn, Component) or getattr(drawn, "className", None) == FAILED_PAGE_CLASS:
        return ()
    kinds = {type(component).__name__ for component in drawn._traverse()}
    _CHUNKS_OF_PAGE[path] = tuple(sorted({CHUNK_OF[kind] for kind in kinds & CHUNK_OF.keys()}))
    return _CHUNKS_OF_PAGE[path]
