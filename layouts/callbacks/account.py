"""Who is signed in, in the page header: the name and role with a sign-out button, or a sign-in link."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from indicators.i18n import ROLE_LABELS
from layouts import ids
from layouts.i18n import t
from layouts.server.signin import SIGN_OUT
from layouts.state import language, parse_query
from layouts.user import current_actor, sign_in_href


@dash.callback(Output(ids.ACCOUNT, "children"), Input(ids.URL, "pathname"), Input(ids.HTML_LANG, "data"), State(ids.URL, "search"))
def show_account(pathname: str | None, _: str | None, search: str | None) -> list[object]:
    """Drawn when the page or the language changes; a change of the view keeps the sign-in link's way back in the
    browser (`layouts.callbacks.shell.KEEP_QUERY`)."""
    lang = language(parse_query(search).get("lang"))
    actor = current_actor()
    if actor.role is None:
        href = sign_in_href((pathname or "/") + (search or ""), lang)
        link = dcc.Link(t("auth_sign_in", lang), href=href, refresh=True, className="nav-link", id="sign-in-link")
        return [link]
    role = ROLE_LABELS[actor.role][lang]
    return [
        html.Span(t("auth_signed_in_as", lang, name=actor.name, role=role), className="account-name"),
        html.Form(
            html.Button(t("auth_sign_out", lang), type="submit", id="sign-out-button"),
            action=f"{SIGN_OUT}?lang={lang}",
            method="POST",
            className="sign-out",
        ),
    ]
