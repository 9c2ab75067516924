"""The shell: navigation links that keep the view state, the language switch, and <html lang>.

The header is drawn on the server when the page or the language changes. A change of the view inside a page (a
country, an edition: the page's callback writes the URL) only gives the header's links the new query, in the browser
(`KEEP_QUERY`), so an interaction needs no second round trip."""

from __future__ import annotations

import dash
from dash import Input, Output, State, clientside_callback, dcc

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
    Input(ids.HTML_LANG, "data"),
    State(ids.URL, "search"),
)
def update_nav(pathname: str | None, _: str | None, search: str | None) -> tuple[list[dcc.Link], str, list[object]]:
    return nav_links(pathname, search), t("skip_to_content", language(parse_query(search).get("lang"))), footer(search)


clientside_callback(
    """function(search, shown) {
        const lang = new URLSearchParams(search || "").get("lang") === "km" ? "km" : "en";
        document.documentElement.lang = lang;
        return lang === shown ? window.dash_clientside.no_update : lang;
    }""",
    Output(ids.HTML_LANG, "data"),
    Input(ids.URL, "search"),
    State(ids.HTML_LANG, "data"),
)

# The header's links with the new query: each page link keeps its path; the language switch is this page in the
# other language (`with_changes(search, lang=other)`); the sign-in link comes back to this view (`sign_in_href`).
KEEP_QUERY = """function(search, pathname, nav, account) {
    const query = search || "";
    const page = (link) => {
        const props = link.props || {};
        if (typeof props.href !== "string") { return link; }
        let href = props.href.split("?")[0] + query;
        if (props.id === "lang-link") {
            const other = new URLSearchParams(query);
            if (other.get("lang") === "km") { other.delete("lang"); } else { other.set("lang", "km"); }
            other.sort();
            href = (pathname || "/") + (other.toString() ? "?" + other.toString() : "");
        } else if (props.id === "sign-in-link") {
            href = props.href.split("&next=")[0] + "&next=" + encodeURIComponent((pathname || "/") + query);
        }
        return {...link, props: {...props, href: href}};
    };
    const links = (children) => Array.isArray(children) ? children.map(page) : window.dash_clientside.no_update;
    return [links(nav), links(account)];
}"""
clientside_callback(
    KEEP_QUERY,
    Output(ids.NAV, "children", allow_duplicate=True),
    Output(ids.ACCOUNT, "children", allow_duplicate=True),
    Input(ids.URL, "search"),
    State(ids.URL, "pathname"),
    State(ids.NAV, "children"),
    State(ids.ACCOUNT, "children"),
    prevent_initial_call=True,
)
