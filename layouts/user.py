"""Who is acting: the user recorded in the store's history for imports, rollbacks, target edits and scenarios."""

from __future__ import annotations

import flask

USER_HEADER = "X-Remote-User"  # set by a reverse proxy that signs users in; trust it only behind such a proxy
DASHBOARD_USER = "dashboard"  # recorded when the request names nobody


def request_user() -> str:
    """The signed-in user of the request (REMOTE_USER, or the reverse proxy's X-Remote-User header), else "dashboard"."""
    try:
        name = flask.request.remote_user or flask.request.headers.get(USER_HEADER, "")
    except RuntimeError:  # outside a request (tests, scripts)
        name = ""
    return " ".join(str(name).split())[:100] or DASHBOARD_USER
