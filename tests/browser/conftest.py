"""Browser tests: the dashboard served on a free local port, driven by Playwright in Debian's Chromium.

Every test server shares one session secret and has the same three accounts (ids 1, 2, 3: an admin, an editor and a
viewer), so one session cookie for 127.0.0.1 (cookies do not depend on the port) signs a browser in on all of them:
the `page` fixture is signed in as the admin; `signed_out_page` is a visitor without an account.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import flask
import pytest
from flask.sessions import SecureCookieSessionInterface

from tests.conftest import PROJECT_DIR

TEST_SECRET = "browser-tests-only-" + "s" * 40
TEST_PASSWORD = "browser test password"
ACCOUNTS = (("tester", "admin"), ("editor", "editor"), ("viewer", "viewer"))  # ids 1, 2, 3 in every test database
SESSION_COOKIE = "egdi_session"

CHROMIUM = os.environ.get("EGDI_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def dashboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on a new store, as on first start: seeded with the bundled data (the whole world, 2003–2024)."""
    yield from _serve(str(tmp_path_factory.mktemp("db") / "egdi.sqlite"))


@pytest.fixture(scope="session")
def partial_dashboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on part of the field only: Cambodia every edition, ASEAN 2018–2024 (tests.conftest.partial_field_store)."""
    from tests.conftest import partial_field_store

    database = str(tmp_path_factory.mktemp("partialdb") / "egdi.sqlite")
    partial_field_store(database).close()
    yield from _serve(database)


@pytest.fixture(scope="session")
def world_dashboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard after importing every UN DESA reference file (all 193 countries, 2003–2022)."""
    from tests.conftest import reference_files

    files = reference_files()
    if not files:
        pytest.skip("UN DESA reference files not found: the world views need them (set EGDI_REFERENCE_DIR)")
    database = str(tmp_path_factory.mktemp("worlddb") / "egdi.sqlite")
    from indicators.ingest.imports import import_files, open_seeded_store

    store = open_seeded_store(database)
    _, landed = import_files([str(f) for f in files], store)
    store.close()
    assert landed
    yield from _serve(database)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: scripts/setup.sh installs the Debian package 'chromium'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def watch(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Console errors and uncaught exceptions of `page`, collected as they happen (there must be none)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def errors(page):  # type: ignore[no-untyped-def]
    """The page's console errors; the test fails if there are any, or if a request left 127.0.0.1."""
    yield page.console_errors
    assert page.console_errors == []
    assert page.blocked_requests == []


def session_cookie(account_id: int) -> dict[str, object]:
    """A session cookie signing a browser in as account `account_id` on every test server."""
    signer = flask.Flask("browser-tests")
    signer.secret_key = TEST_SECRET
    serializer = SecureCookieSessionInterface().get_signing_serializer(signer)
    value = serializer.dumps({"account": account_id, "epoch": 1, "since": int(time.time())})
    return {"name": SESSION_COOKIE, "value": value, "url": "http://127.0.0.1", "httpOnly": True, "sameSite": "Lax"}


def _context_page(browser, account_id: int | None):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if account_id is not None:
        context.add_cookies([session_cookie(account_id)])
    opened = context.new_page()
    blocked: list[str] = []

    def only_local(route):  # type: ignore[no-untyped-def]
        """Let requests to the app through; record and abort any other (the dashboard must work offline)."""
        if route.request.url.startswith("http://127.0.0.1"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    opened.route("**/*", only_local)
    opened.blocked_requests = blocked
    opened.console_errors = watch(opened)
    return context, opened


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A browser page signed in as the admin of the test servers."""
    context, opened = _context_page(browser, 1)
    yield opened
    context.close()


@pytest.fixture
def signed_out_page(browser):  # type: ignore[no-untyped-def]
    """A browser page of a visitor who is not signed in."""
    context, opened = _context_page(browser, None)
    yield opened
    context.close()


def add_test_accounts(database: str) -> None:
    from indicators.ingest.imports import open_seeded_store
    from indicators.store.accounts import add_account

    with open_seeded_store(database) as store:
        for name, role in ACCOUNTS:
            add_account(store, "tests", name, role, TEST_PASSWORD)


def _serve(database: str, **settings: str) -> Iterator[str]:
    """The dashboard on a free port with `database` (and the test accounts) and `settings` (environment variables);
    its log goes to a file (a pipe nobody reads would fill up and stop the server), which is quoted if it fails to
    start."""
    add_test_accounts(database)
    port = _free_port()
    env = {**os.environ, "EGDI_PORT": str(port), "EGDI_DATABASE_URL": database, "EGDI_SECRET_KEY": TEST_SECRET, **settings}
    log_path = Path(database).with_suffix(".server.log")
    with log_path.open("wb") as log:
        server = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(log_path.read_text(errors="replace")) from None
            time.sleep(0.3)
    else:
        server.kill()
        raise RuntimeError("dashboard did not start within 60 s:\n" + log_path.read_text(errors="replace"))
    yield url
    server.terminate()
    server.wait(timeout=10)
