"""Who the server believes: single sign-on only from the named proxy with the named header, groups mapped to roles;
X-Forwarded-For only from that proxy; and, when viewing needs sign-in, every page sends a visitor to sign in first."""

from __future__ import annotations

import ipaddress

import flask
import pytest

from indicators.store.access import Actor
from layouts.server import sessions
from layouts.server.settings import Settings
from layouts.server.signin import install_sign_in, safe_next

PROXY = Settings(
    proxies=(ipaddress.ip_network("10.1.2.0/24"),),
    sso_header="X-Remote-User",
    sso_groups_header="X-Remote-Groups",
    sso_roles=(("egdi-editors", "editor"), ("egdi-admins", "admin")),
)


def actor(chosen: Settings, peer: str, environ: dict[str, str] | None = None, **headers: str) -> Actor:
    with flask.Flask(__name__).test_request_context(environ_base={"REMOTE_ADDR": peer, **(environ or {})}, headers=headers):
        return sessions.current_actor()


@pytest.fixture
def use(monkeypatch):  # type: ignore[no-untyped-def]
    return lambda chosen: monkeypatch.setattr(sessions, "settings", lambda: chosen)


def test_the_proxy_names_the_user_and_its_groups_give_the_role(use):
    use(PROXY)
    headers = {"X-Remote-User": " Sokha  Chan ", "X-Remote-Groups": "staff; egdi-editors, egdi-admins", "X-Forwarded-For": "192.168.5.7"}
    assert actor(PROXY, "10.1.2.3", **headers) == Actor("Sokha Chan", "admin", "192.168.5.7")
    assert actor(PROXY, "10.1.2.3", **{"X-Remote-User": "vanna"}) == Actor("vanna", "viewer", "10.1.2.3")  # no group: the default


@pytest.mark.parametrize(
    ("chosen", "address"),
    [
        (PROXY, "10.9.9.9"),  # from an address that is not the proxy
        (Settings(sso_header="X-Remote-User"), "10.9.9.9"),  # a header named, but no proxy
        (Settings(proxies=(ipaddress.ip_network("10.9.9.9/32"),)), "1.2.3.4"),  # the proxy, but no header named
    ],
)
def test_headers_from_anyone_else_are_ignored(use, chosen, address):
    use(chosen)
    forged = {"X-Remote-User": "H.E. Minister", "X-Remote-Groups": "egdi-admins", "X-Forwarded-For": "1.2.3.4"}
    assert actor(chosen, "10.9.9.9", {"REMOTE_USER": "H.E. Minister"}, **forged) == Actor("anonymous", None, address)


def test_remote_user_is_believed_only_when_the_operator_names_it(use):
    chosen = Settings(proxies=PROXY.proxies, sso_header="REMOTE_USER", sso_default_role=None)
    use(chosen)
    assert actor(chosen, "10.1.2.3", {"REMOTE_USER": "dara"}) == Actor("dara", None, "10.1.2.3")  # default role "none"


def test_after_sign_in_only_pages_of_this_site_are_visited():
    assert safe_next("/data?lang=km", "km") == "/data?lang=km"
    for elsewhere in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "", None):
        assert safe_next(elsewhere, "km") == "/?lang=km"


def test_when_viewing_needs_sign_in_pages_send_visitors_to_sign_in_and_callbacks_get_401(use):
    chosen = Settings(view_needs_sign_in=True)
    use(chosen)
    server = flask.Flask(__name__)
    server.add_url_rule("/trends", "trends", lambda: "the trends page")
    server.add_url_rule("/assets/style.css", "style", lambda: "body {}")
    server.add_url_rule("/_dash-update-component", "callback", lambda: "{}", methods=["POST"])
    install_sign_in(server, chosen, "/_dash-update-component")
    client = server.test_client()

    page = client.get("/trends?lang=km")
    assert page.status_code == 303 and page.headers["Location"] == "/sign-in?next=%2Ftrends%3Flang%3Dkm"
    callback = client.post("/_dash-update-component", json={})
    assert callback.status_code == 401 and callback.get_json()["message"]["en"] == "Sign in to see this dashboard."
    assert client.get("/assets/style.css").data == b"body {}"
    assert client.get("/sign-in?lang=km").status_code == 200


def test_every_string_of_signing_in_refusals_and_failures_is_in_english_and_khmer():
    import re

    import yaml

    from indicators.i18n import ACTION_LABELS, MESSAGES, ROLE_LABELS
    from layouts.i18n import LOCALES_DIR

    khmer = re.compile("[\u1780-\u17ff]")
    entries = dict(yaml.safe_load((LOCALES_DIR / "security.yaml").read_text(encoding="utf-8")))
    entries |= {code: pair for code, pair in MESSAGES.items() if code.startswith(("access_", "account_", "sign_in_", "job_"))}
    entries |= {f"label {code}": pair for code, pair in {**ACTION_LABELS, **ROLE_LABELS}.items()}
    assert len(entries) > 40
    for key, pair in entries.items():
        words = re.sub(r"\{\w+\}", "", pair["en"])
        assert pair["en"] and (khmer.search(pair["km"]) or not any(c.isalpha() for c in words)), key
        assert set(re.findall(r"\{(\w+)\}", pair["en"])) == set(re.findall(r"\{(\w+)\}", pair["km"])), key
