"""Signing in and out: `/sign-in` (a small page of its own, in Khmer or English, that works without scripts) and
`/sign-out` (POST, from the link in the page header). With EGDI_VIEW_NEEDS_SIGN_IN=1, every other page sends a
visitor who is not signed in to `/sign-in` first (callbacks get 401).
"""

from __future__ import annotations

import html as html_text
from urllib.parse import quote

import flask

from indicators.store import StoreError
from indicators.store.accounts import sign_in
from layouts.i18n import t
from layouts.server.failures import failure, plain_page, request_language, text_pair
from layouts.server.sessions import SIGN_IN, SIGN_OUT, client_address, current_actor, end_session, start_session
from layouts.server.settings import Settings
from layouts.views.snapshot import store

OPEN_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico", "/healthz", SIGN_IN)


def safe_next(target: str | None, lang: str) -> str:
    """Where to go after signing in: a path of this site only (never another site), else the Overview."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return f"/?lang={lang}" if lang == "km" else "/"


def sign_in_page(lang: str, problem: str = "", name: str = "", target: str = "", status: int = 200) -> flask.Response:
    escape = html_text.escape
    alert = f'<p class="notice notice-error" role="alert">{escape(problem)}</p>' if problem else ""
    other = "en" if lang == "km" else "km"
    switch = f"{SIGN_IN}?lang={other}&next={quote(target, safe='')}"
    body = f"""<p><a href="{escape(switch)}" lang="{other}">{escape(t("language_switch", lang))}</a></p>
{alert}<form method="post" action="{SIGN_IN}" class="sign-in-form">
<input type="hidden" name="lang" value="{lang}"><input type="hidden" name="next" value="{escape(target)}">
<label for="sign-in-name">{escape(t("auth_name", lang))}</label>
<input id="sign-in-name" name="name" autocomplete="username" required maxlength="100" value="{escape(name)}">
<label for="sign-in-password">{escape(t("auth_password", lang))}</label>
<input id="sign-in-password" name="password" type="password" autocomplete="current-password" required maxlength="1000">
<button type="submit" id="sign-in-submit">{escape(t("auth_sign_in", lang))}</button></form>
<p>{escape(t("auth_explain", lang))}</p><p><a href="{safe_next(None, lang)}">{escape(t("server_home", lang))}</a></p>"""
    return plain_page(lang, t("auth_sign_in", lang), body, status)


def show_sign_in() -> flask.Response:
    return sign_in_page(request_language(), target=flask.request.args.get("next", ""))


def submit_sign_in() -> flask.Response:
    form = flask.request.form
    lang = "km" if form.get("lang") == "km" else "en"
    name, target = form.get("name", "")[:100], form.get("next", "")
    try:
        account = sign_in(store(), name, form.get("password", "")[:1000], client_address())
    except StoreError as error:
        status = 429 if error.code == "sign_in_limited" else 200 if error.code == "sign_in_failed" else 503  # 200: the form again
        return sign_in_page(lang, error.text(lang), name, target, status)
    start_session(account)
    return flask.redirect(safe_next(target, lang), code=303)


def sign_out() -> flask.Response:
    end_session()
    lang = "km" if flask.request.args.get("lang") == "km" else "en"
    return flask.redirect(safe_next(None, lang), code=303)


def install_sign_in(server: flask.Flask, chosen: Settings, callback_route: str) -> None:
    server.add_url_rule(SIGN_IN, "egdi_show_sign_in", show_sign_in, methods=["GET"])
    server.add_url_rule(SIGN_IN, "egdi_submit_sign_in", submit_sign_in, methods=["POST"])
    server.add_url_rule(SIGN_OUT, "egdi_sign_out", sign_out, methods=["POST"])
    if not chosen.view_needs_sign_in:
        return

    @server.before_request
    def _viewing_needs_sign_in() -> flask.Response | None:
        path = flask.request.path
        if path.startswith(OPEN_PREFIXES) or current_actor().role is not None:
            return None
        if path == callback_route:
            return failure(401, text_pair("auth_needed"), callback_route)
        return flask.redirect(f"{SIGN_IN}?next={quote(flask.request.full_path.rstrip('?'), safe='')}", code=303)
