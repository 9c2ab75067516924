"""Who is acting: the account the store records (history and audit trail) for imports, rollbacks, target edits and
scenarios, and what it may do. Signing in and trusted single sign-on live in `layouts.server.sessions`; headers
such as X-Remote-User are ignored unless the operator names them and the proxy they come from.

For hiding controls: `can("import")`, `can("rollback")`, ... (actions of `indicators.store.access.ACTIONS`). A hidden
button is a convenience: the server refuses the write anyway (`layouts.server.guard` and the store itself).
"""

from __future__ import annotations

from urllib.parse import quote

import flask

from indicators.store.access import Actor, acting
from layouts.server.sessions import SIGN_IN, current_actor

DASHBOARD_USER = "dashboard"  # acts outside any request (scripts and tests calling callbacks): a local operator

__all__ = ["DASHBOARD_USER", "acting_user", "can", "current_actor", "current_role", "request_user", "sign_in_href"]


def request_user() -> Actor | str:
    """Who makes the current request (an Actor, anonymous when nobody is signed in); outside a request, the local
    operator "dashboard"."""
    if not flask.has_request_context():
        return DASHBOARD_USER
    return current_actor()


def current_role() -> str | None:
    """The role of the request's account: "viewer", "editor", "admin", or None when nobody is signed in."""
    return current_actor().role if flask.has_request_context() else None


def acting_user() -> Actor:
    """`request_user()` as an Actor: the request's account (or an anonymous visitor); outside a request, the local
    operator, who may do anything (as the store treats a plain name)."""
    return acting(request_user())


def can(action: str) -> bool:
    """True when the request's account may do `action` (import, edit_targets, save_scenario, rollback, manage_users);
    outside a request (scripts, tests calling a layout), the local operator may, as the store would let them."""
    return acting_user().may(action)


def sign_in_href(here: str, lang: str) -> str:
    """The sign-in page in `lang`, coming back to `here` (a path of this site, with its query) once signed in."""
    return f"{SIGN_IN}?lang={lang}&next={quote(here, safe='')}"
