"""The shell: navigation links that keep the view state, the language switch, and <html lang>."""

from __future__ import annotations

import dash
from dash import Input, Output, clientside_callback, dcc

from layouts import ids
from layouts.components import page_link
from layouts.i18n import t
from layouts.state import language, parse_query, with_changes


def nav_links(pathname: str | None, search: str | None) -> list[dcc.Link]:
    """One link per page (keeping the query string) and the language switch (same page, other language)."""
    lang = language(parse_query(search).get("lang"))
    links = [
        page_link(
            t(f"nav_{page['module'].rsplit('.', 1)[-1]}", lang),
            page["path"] + (search or ""),
            className="nav-link active" if page["path"] == (pathname or "/") else "nav-link",
        )
        for page in sorted(dash.page_registry.values(), key=lambda p: p.get("order", 99))
        if page.get("nav", True)
    ]
    other = "en" if lang == "km" else "km"
    switch = dcc.Link(
        t("language_switch", lang),
        href=(pathname or "/") + with_changes(search, lang=other),
        id=ids.LANG_LINK,
        className="nav-link language",
        title=t("language_switch_label", lang),
    )
    return [*links, switch]


def footer(search: str | None) -> list[object]:
    """The link to the accessibility statement, in the page language."""
    lang = language(parse_query(search).get("lang"))
    href = "/accessibility" + with_changes(None, lang=lang)
    return [dcc.Link(t("footer_accessibility", lang), href=href, className="footer-link")]


@dash.callback(
    Output(ids.NAV, "children"),
    Output(ids.SKIP_LINK, "children"),
    Output(ids.FOOTER, "children"),
    Input(ids.URL, "pathname"),
    Input(ids.URL, "search"),
)
def update_nav(pathname: str | None, search: str | None) -> tuple[list[dcc.Link], str, list[object]]:
    return nav_links(pathname, search), t("skip_to_content", language(parse_query(search).get("lang"))), footer(search)


clientside_callback(
    """function(search) {
        const lang = new URLSearchParams(search || "").get("lang") === "km" ? "km" : "en";
        document.documentElement.lang = lang;
        return lang;
    }""",
    Output(ids.HTML_LANG, "data"),
    Input(ids.URL, "search"),
)
