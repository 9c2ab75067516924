"""HTTP hardening and failure pages, through the app's own WSGI server object: security headers on pages, assets and
callbacks; unknown hosts, other origins and oversized bodies refused before anything runs; pages that say what is
wrong, in the user's language, when the database is unreachable or damaged."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import dash
import pytest

import app
import layouts.views.snapshot
from layouts import shell
from layouts.server.settings import SettingsError, read_settings, settings
from layouts.views import outlook_ready

DOWN = "postgresql+psycopg://egdi@127.0.0.1:9/nothing"  # nothing listens on port 9 (discard): refused at once


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    previous = layouts.views.snapshot._database_url
    path = str(tmp_path / "egdi.sqlite")
    layouts.views.snapshot.configure(path)
    layouts.views.snapshot._snapshot.cache_clear()
    yield path
    layouts.views.snapshot.configure(previous)
    layouts.views.snapshot._snapshot.cache_clear()


def use(url: str) -> None:
    layouts.views.snapshot.configure(url)
    layouts.views.snapshot._snapshot.cache_clear()


def client():  # type: ignore[no-untyped-def]
    return app.server.test_client()


def component_suite_path() -> str:
    index = client().get("/").data.decode()
    return index.split('src="', 2)[1].split('"')[0].split("?")[0]  # the first script Dash serves from its packages


@pytest.mark.parametrize("path", ["/", "/data?lang=km", "/assets/style.css", "/assets/server-notice.js", "suite", "/sign-in", "/no-such"])
def test_security_headers_are_on_pages_assets_and_scripts(database, path):
    answer = client().get(component_suite_path() if path == "suite" else path)
    assert answer.status_code == 200
    csp = answer.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert directives["connect-src"] == "'self'" and directives["object-src"] == "'none'" and directives["form-action"] == "'self'"
    scripts = directives["script-src"].split()
    assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:]) and len(scripts) >= 2
    assert "unsafe-eval" not in csp and "http" not in csp and "*" not in csp
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in answer.headers  # only when the site is served over HTTPS
    assert "Werkzeug" not in answer.headers.get("Server", "") and "Python" not in answer.headers.get("Server", "")


def test_the_inline_scripts_dash_writes_into_the_page_are_exactly_those_the_policy_allows(database):
    import base64
    import hashlib
    import re

    answer = client().get("/")
    allowed = set(re.findall(r"'sha256-([^']+)'", answer.headers["Content-Security-Policy"]))
    page = re.sub(r"<!--.*?-->", "", answer.data.decode(), flags=re.S)  # e.g. Dash's notice for Internet Explorer only
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.S)
    digests = {base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() for script in inline}
    assert inline and digests <= allowed


def test_an_unknown_host_is_refused(database):
    answer = client().get("/", headers={"Host": "rebound.example"})
    assert answer.status_code == 400
    assert "EGDI_ALLOWED_HOSTS" in answer.data.decode()


def test_a_post_from_another_site_is_refused_and_from_this_one_is_not(database):
    for header in ({"Origin": "http://evil.example"}, {"Referer": "http://evil.example/page"}, {"Origin": "null"}):
        answer = client().post("/sign-in", data={"name": "x", "password": "y"}, headers=header)
        assert answer.status_code == 403 and "another site" in answer.data.decode(), header
    same = client().post("/sign-in", data={"name": "x", "password": "wrong password"}, headers={"Origin": "http://localhost"})
    assert same.status_code == 200 and "The name or the password is wrong." in same.data.decode()


def test_a_body_over_the_limit_is_413_with_a_readable_message_before_it_is_read(database):
    limit = settings().max_request_bytes
    assert 50 * 2**20 * 4 / 3 < limit < 80 * 2**20  # a little above one upload at the limit, base64-encoded
    answer = client().post("/_dash-update-component", data=b"x" * (limit + 1), content_type="application/json")
    assert answer.status_code == 413
    assert answer.get_json()["message"]["en"].startswith("The request is too large: files up to 50 MiB")
    assert client().post("/sign-in", data=b"x" * (limit + 1), content_type="text/plain").status_code == 413


def test_settings_are_read_from_the_environment_and_bad_ones_are_named():
    chosen = read_settings(
        {
            "EGDI_VIEW_NEEDS_SIGN_IN": "1",
            "EGDI_HTTPS": "yes",
            "EGDI_ALLOWED_HOSTS": "egdi.mptc.gov.kh, 10.1.2.3",
            "EGDI_SSO_HEADER": "X-Remote-User",
            "EGDI_PROXIES": "10.1.2.0/24",
            "EGDI_SSO_ROLES": "egdi-admins=admin; egdi-editors=editor",
            "EGDI_SSO_DEFAULT_ROLE": "none",
        }
    )
    assert (chosen.view_needs_sign_in, chosen.https, chosen.allowed_hosts) == (True, True, ("egdi.mptc.gov.kh", "10.1.2.3"))
    assert chosen.sso_enabled and chosen.sso_default_role is None
    assert chosen.sso_roles == (("egdi-admins", "admin"), ("egdi-editors", "editor"))
    assert not read_settings({"EGDI_SSO_HEADER": "X-Remote-User"}).sso_enabled  # a header without a proxy is never trusted
    bad_settings = (
        {"EGDI_PROXIES": "not-an-address"},
        {"EGDI_SSO_ROLES": "egdi-admins=boss"},
        {"EGDI_HTTPS": "maybe"},
        {"EGDI_SESSION_HOURS": "0"},
    )
    for bad in bad_settings:
        with pytest.raises(SettingsError, match=next(iter(bad)).removeprefix("EGDI_")[:8]):
            read_settings(bad)


def pages_callback_key() -> str:
    client().get("/")
    return next(key for key in app.app.callback_map if "_pages_content" in key)


def page_content(path: str, search: str = "") -> str:
    key = pages_callback_key()
    outputs = [dict(zip(("id", "property"), o.rsplit(".", 1), strict=True)) for o in key[2:-2].split("...")]
    request = {
        "output": key,
        "outputs": outputs,
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
    }
    answer = client().post("/_dash-update-component", json=request)
    assert answer.status_code == 200, answer.data
    return json.dumps(answer.get_json(), ensure_ascii=False)


@pytest.mark.parametrize("path", [page["path"] for page in dash.page_registry.values()])
def test_with_the_database_unreachable_every_page_says_so_and_what_to_check_in_its_language(database, path):
    use(DOWN)
    english = page_content(path)
    assert "The database cannot be reached, so no data can be shown." in english and "EGDI_DATABASE_URL" in english
    assert "មិនអាចភ្ជាប់ទៅមូលដ្ឋានទិន្នន័យបានទេ" in page_content(path, "?lang=km")
    assert "Traceback" not in english and "psycopg" not in english


def test_a_damaged_database_says_to_restore_it_and_health_checks_fail(database):
    Path(database).write_bytes(b"this is not a database file at all" * 100)
    use(database)
    assert "The database is damaged" in page_content("/")
    health = client().get("/healthz?lang=km")
    assert health.status_code == 503 and "មូលដ្ឋានទិន្នន័យខូច" in health.data.decode()


def test_health_is_ok_when_the_store_answers_and_says_while_the_server_warms_up(database):
    answer = client().get("/healthz")
    assert (answer.status_code, answer.data, answer.headers.get("X-Warming")) == (200, b"ok\n", None)
    started, finish = threading.Event(), threading.Event()

    def first() -> None:  # the pages drawn at start, held until the health check has answered; then the warm-up stops
        started.set()
        finish.wait(10)
        raise RuntimeError("no nowcast in this test")

    thread = outlook_ready.warm(first=first)
    started.wait(10)
    warming = client().get("/healthz")
    finish.set()
    thread.join(60)
    assert (warming.status_code, warming.headers.get("X-Warming")) == (200, "1")
    assert client().get("/healthz").headers.get("X-Warming") is None


def test_a_page_first_asked_for_while_the_database_is_away_preloads_its_code_once_the_database_is_back(database, monkeypatch):
    monkeypatch.setattr(shell, "_CHUNKS_OF_PAGE", {})  # as a server just started

    def preloaded() -> list[str]:
        return re.findall(r'href="/_dash-component-suites/dash/dcc/([^"]+)"', client().get("/trends").get_data(as_text=True))

    use(DOWN)
    assert preloaded() == []  # the failure notice holds no drop-down: not kept as the page's components
    use(database)
    assert preloaded() == ["async-dropdown.js", "async-slider.js"]
