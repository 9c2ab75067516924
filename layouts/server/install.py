"""Put the server's protections around a Dash app (called by `app.create_app`)."""

from __future__ import annotations

import os

import dash
import flask
from dash import Dash

from layouts.server.failures import guard_page_layouts, register_failure_handlers
from layouts.server.guard import CALLBACK_ROUTE, WriteGuard
from layouts.server.hardening import install_hardening
from layouts.server.secret import secret_key
from layouts.server.sessions import configure_sessions
from layouts.server.settings import settings
from layouts.server.signin import install_sign_in
from layouts.views import outlook_ready
from layouts.views.snapshot import store


def health() -> flask.Response:
    """For load balancers: 200 when the store answers, else 503 (with the reason, see failures.py); the header
    `X-Warming: 1` while the pages and the Outlook's pieces are still computed at start (`outlook_ready.warm`)."""
    store().versions()
    answer = flask.Response("ok\n", mimetype="text/plain")
    if outlook_ready.warming():
        answer.headers["X-Warming"] = "1"
    return answer


def install(dash_app: Dash) -> None:
    """Sessions, sign-in, the write guard, hardening and failure pages for `dash_app` (its callbacks registered)."""
    chosen = settings()
    server = dash_app.server
    callback_route = dash_app.config.routes_pathname_prefix + CALLBACK_ROUTE
    configure_sessions(server, chosen, secret_key(create=os.environ.get("EGDI_REQUIRE_SECRET") != "1"))
    install_hardening(server, chosen, lambda: list(dash_app.csp_hashes()), callback_route)
    install_sign_in(server, chosen, callback_route)
    server.before_request(WriteGuard(dash_app))
    register_failure_handlers(server, callback_route)
    server.add_url_rule("/healthz", "egdi_health", health)
    guard_page_layouts(dash.page_registry)
