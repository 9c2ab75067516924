"""The operator's settings, read once from the environment (see README, "Running it for many users").

| variable | default | what it does |
| --- | --- | --- |
| EGDI_SECRET_KEY / EGDI_SECRET_KEY_FILE | var/secret-key | signs session cookies (see `secret.py`) |
| EGDI_VIEW_NEEDS_SIGN_IN | 0 | 1: reading needs an account too (default: the data are public) |
| EGDI_HTTPS | 0 | 1: the site is served over HTTPS (by the reverse proxy): cookies are Secure, HSTS is sent |
| EGDI_ALLOWED_HOSTS | localhost,127.0.0.1,[::1] | the host names the site answers to (Host header); others get 400 |
| EGDI_SESSION_HOURS | 8 | a sign-in lasts this long |
| EGDI_SSO_HEADER | (none) | the request header (or REMOTE_USER) naming the user signed in by the proxy |
| EGDI_PROXIES | (none) | addresses or networks of the reverse proxies: only from them are the SSO header and X-Forwarded-For trusted |
| EGDI_SSO_GROUPS_HEADER | (none) | the header listing the user's groups (separated by , or ;) |
| EGDI_SSO_ROLES | (none) | group to role, e.g. `egdi-admins=admin,egdi-editors=editor` |
| EGDI_SSO_DEFAULT_ROLE | viewer | the role of a proxy user in no mapped group (`none`: no access beyond an anonymous visitor) |
| EGDI_MAX_REQUEST_MB | the upload limit as sent (base64) + 4 MiB | larger request bodies get 413 |
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from indicators.ingest.readers import MAX_FILE_BYTES
from indicators.store.access import ROLES

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
DEFAULT_HOSTS = ("localhost", "127.0.0.1", "[::1]")
UPLOAD_BODY_BYTES = math.ceil(MAX_FILE_BYTES * 4 / 3) + 4 * 2**20  # one upload at the limit, base64 in JSON, and the rest


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names it."""


@dataclass(frozen=True)
class Settings:
    view_needs_sign_in: bool = False
    https: bool = False
    allowed_hosts: tuple[str, ...] = DEFAULT_HOSTS
    session_hours: float = 8.0
    sso_header: str | None = None
    proxies: tuple[IpNetwork, ...] = ()
    sso_groups_header: str | None = None
    sso_roles: tuple[tuple[str, str], ...] = ()
    sso_default_role: str | None = "viewer"
    max_request_bytes: int = UPLOAD_BODY_BYTES

    @property
    def sso_enabled(self) -> bool:
        """Single sign-on is on only when the operator named both the header and the proxy."""
        return bool(self.sso_header and self.proxies)


def _flag(environ: Mapping[str, str], name: str) -> bool:
    value = environ.get(name, "0").strip().casefold()
    if value not in ("0", "1", "true", "false", "yes", "no", "on", "off", ""):
        raise SettingsError(f"{name}={environ[name]!r}: use 1 or 0")
    return value in ("1", "true", "yes", "on")


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.replace(";", ",").split(",") if item.strip()]


def _role(name: str, value: str) -> str | None:
    if value.casefold() == "none":
        return None
    if value not in ROLES:
        raise SettingsError(f"{name}: {value!r} is not a role (viewer, editor, admin, or none)")
    return value


def read_settings(environ: Mapping[str, str]) -> Settings:
    """The settings in `environ`; SettingsError names the first one that cannot be used."""
    try:
        proxies = tuple(ipaddress.ip_network(item, strict=False) for item in _items(environ.get("EGDI_PROXIES", "")))
    except ValueError as error:
        raise SettingsError(f"EGDI_PROXIES: {error}") from error
    roles = []
    for pair in _items(environ.get("EGDI_SSO_ROLES", "")):
        group, _, role = pair.rpartition("=")
        checked = _role("EGDI_SSO_ROLES", role.strip())
        if not group.strip() or checked is None:
            raise SettingsError(f"EGDI_SSO_ROLES: {pair!r} is not GROUP=ROLE")
        roles.append((group.strip(), checked))
    try:
        hours = float(environ.get("EGDI_SESSION_HOURS", "8"))
        limit = environ.get("EGDI_MAX_REQUEST_MB")
        max_bytes = int(float(limit) * 2**20) if limit else UPLOAD_BODY_BYTES
    except ValueError as error:
        raise SettingsError(f"EGDI_SESSION_HOURS or EGDI_MAX_REQUEST_MB: {error}") from error
    if hours <= 0 or max_bytes <= 0:
        raise SettingsError("EGDI_SESSION_HOURS and EGDI_MAX_REQUEST_MB must be positive")
    hosts = tuple(host.casefold() for host in _items(environ.get("EGDI_ALLOWED_HOSTS", ""))) or DEFAULT_HOSTS
    return Settings(
        view_needs_sign_in=_flag(environ, "EGDI_VIEW_NEEDS_SIGN_IN"),
        https=_flag(environ, "EGDI_HTTPS"),
        allowed_hosts=hosts,
        session_hours=hours,
        sso_header=environ.get("EGDI_SSO_HEADER", "").strip() or None,
        proxies=proxies,
        sso_groups_header=environ.get("EGDI_SSO_GROUPS_HEADER", "").strip() or None,
        sso_roles=tuple(roles),
        sso_default_role=_role("EGDI_SSO_DEFAULT_ROLE", environ.get("EGDI_SSO_DEFAULT_ROLE", "viewer").strip()),
        max_request_bytes=max_bytes,
    )


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The settings of this process (read from the environment once)."""
    return read_settings(os.environ)
