"""The page frame: the HTML the server sends names its language and carries only the scripts the page needs (the
regenerator runtime in the place of Dash's babel polyfill); links into a page with a grid load it anew; the footer
links to the accessibility statement."""

from __future__ import annotations

import pytest

import app
from layouts.callbacks.shell import footer, nav_links


@pytest.mark.parametrize(("path", "grid"), [("/", False), ("/trends", False), ("/compare", False), ("/data", True)])
def test_the_served_page_has_its_language_and_only_the_scripts_it_needs(bundled, path, grid):
    html = app.server.test_client().get(path + "?lang=km").get_data(as_text=True)
    assert '<html lang="km">' in html
    assert ("/dash_ag_grid/" in html) == grid and "/dash_table/" not in html
    assert "/deps/polyfill@" not in html  # Dash's babel polyfill: only its regenerator runtime, before Dash's scripts
    assert html.index('<script src="/assets/vendor/regenerator-runtime.js"></script>') < html.index("/dash_renderer.")
    assert '<html lang="en">' in app.server.test_client().get(path).get_data(as_text=True)


def test_links_into_a_page_with_a_grid_load_it_anew():
    links = {link.href.split("?")[0]: link.refresh for link in nav_links("/", "?lang=km")[:-1]}
    assert links == {
        "/": False,
        "/trends": False,
        "/compare": False,
        "/data": True,
        "/methodology": False,
        "/outlook": False,
        "/targets": False,
        "/simulator": False,
        "/provinces": False,
        "/reports": False,
    }
    order = ["/", "/trends", "/compare", "/outlook", "/targets", "/simulator", "/provinces", "/reports", "/data", "/methodology"]
    assert list(links) == order  # the minister's pages first, the analysts' tools last


def test_the_footer_links_to_the_accessibility_statement_in_the_page_language():
    (link,) = footer("?lang=km")
    assert link.href == "/accessibility?lang=km" and link.children == "សេចក្តីថ្លែងការណ៍អំពីភាពងាយស្រួលប្រើប្រាស់"
