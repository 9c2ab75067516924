"""Who is signed in: a session cookie for an account of the store, or a user named by a trusted reverse proxy.

- **Sessions** are Flask's signed cookies (HttpOnly, SameSite=Lax, Secure under EGDI_HTTPS=1) holding the account id,
  its session epoch and the sign-in time. A session ends after EGDI_SESSION_HOURS, at sign-out, and as soon as the
  account is disabled or its role or password changes (the epoch no longer matches).
- **Single sign-on**: the header EGDI_SSO_HEADER (or REMOTE_USER) names the user only when the request comes from an
  address in EGDI_PROXIES; the groups in EGDI_SSO_GROUPS_HEADER map to roles through EGDI_SSO_ROLES (the highest
  wins, else EGDI_SSO_DEFAULT_ROLE). From anywhere else these headers are ignored.
- **Where from**: the peer address, or the last X-Forwarded-For entry when the peer is one of EGDI_PROXIES.
"""

from __future__ import annotations

import ipaddress
import time
from datetime import timedelta

import flask

from indicators.store.access import ROLES, Actor
from indicators.store.accounts import Account, account_by_id
from layouts.server.settings import Settings, settings
from layouts.views.snapshot import store

SESSION_COOKIE = "egdi_session"
SIGN_IN, SIGN_OUT = "/sign-in", "/sign-out"  # the pages of `layouts.server.signin`
ANONYMOUS = "anonymous"


def configure_sessions(server: flask.Flask, chosen: Settings, secret: str) -> None:
    server.secret_key = secret
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=chosen.https,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=chosen.session_hours),
        SESSION_REFRESH_EACH_REQUEST=False,
    )


def from_proxy() -> bool:
    """True when the request's peer is one of the operator's reverse proxies."""
    try:
        peer = ipaddress.ip_address(flask.request.remote_addr or "")
    except ValueError:
        return False
    return any(peer in network for network in settings().proxies)


def client_address() -> str:
    """The address the request came from (through a trusted proxy: the one the proxy saw)."""
    if from_proxy():
        forwarded = [item.strip() for item in flask.request.headers.get("X-Forwarded-For", "").split(",") if item.strip()]
        if forwarded:
            return forwarded[-1][:64]
    return (flask.request.remote_addr or "")[:64]


def _sso_actor(chosen: Settings) -> Actor | None:
    if not chosen.sso_enabled or not from_proxy():
        return None
    header = chosen.sso_header or ""
    raw = flask.request.environ.get("REMOTE_USER", "") if header.upper() == "REMOTE_USER" else flask.request.headers.get(header, "")
    name = " ".join(str(raw).split())[:100]
    if not name:
        return None
    groups = set()
    if chosen.sso_groups_header:
        groups = {g.strip() for g in flask.request.headers.get(chosen.sso_groups_header, "").replace(";", ",").split(",") if g.strip()}
    mapped = [role for group, role in chosen.sso_roles if group in groups]
    role = max(mapped, key=ROLES.index) if mapped else chosen.sso_default_role
    return Actor(name, role, client_address())


def _session_account(chosen: Settings) -> Account | None:
    session = flask.session
    account_id, epoch, since = session.get("account"), session.get("epoch"), session.get("since")
    if not isinstance(account_id, int) or not isinstance(since, int | float):
        return None
    if time.time() - since > chosen.session_hours * 3600:
        return None
    found = account_by_id(store(), account_id)
    if found is None or found.disabled or found.session_epoch != epoch:
        return None
    return found


def current_actor() -> Actor:
    """Who makes this request (anonymous: role None). StoreError when the store cannot be read."""
    cached = flask.g.get("egdi_actor")
    if isinstance(cached, Actor):
        return cached
    chosen = settings()
    actor = _sso_actor(chosen)
    if actor is None:
        account = _session_account(chosen) if SESSION_COOKIE in flask.request.cookies else None
        actor = Actor(account.name, account.role, client_address()) if account else Actor(ANONYMOUS, None, client_address())
    flask.g.egdi_actor = actor
    return actor


def start_session(account: Account) -> None:
    """Sign `account` in for this browser (a new session: nothing of an earlier one is kept)."""
    flask.session.clear()
    flask.session.update(account=account.id, epoch=account.session_epoch, since=int(time.time()))
    flask.session.permanent = True
    flask.g.pop("egdi_actor", None)


def end_session() -> None:
    flask.session.clear()
    flask.g.pop("egdi_actor", None)
