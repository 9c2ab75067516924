"""`bash scripts/serve.sh`: refuses to start without a database URL or a session secret, and otherwise serves the
dashboard under gunicorn with the hardened headers and no version in the Server header."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.conftest import PROJECT_DIR

SECRET = "serve-script-test-" + "k" * 40


def run(env: dict[str, str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EGDI_")}
    command = ["bash", "scripts/serve.sh"]
    return subprocess.run(command, cwd=PROJECT_DIR, env={**clean, **env}, capture_output=True, text=True, timeout=timeout)


def test_it_refuses_to_start_without_a_database_url_or_a_secret(tmp_path):
    no_database = run({"EGDI_SECRET_KEY": SECRET})
    assert no_database.returncode == 2 and "set EGDI_DATABASE_URL" in no_database.stderr
    no_secret = run({"EGDI_DATABASE_URL": str(tmp_path / "egdi.sqlite"), "EGDI_SECRET_KEY_FILE": str(tmp_path / "missing")})
    assert no_secret.returncode == 2 and "no session secret" in no_secret.stderr and "--make-secret" in no_secret.stderr
    assert not (tmp_path / "missing").exists()  # nothing was made up
    database = str(tmp_path / "egdi.sqlite")
    short = run({"EGDI_DATABASE_URL": database, "EGDI_SECRET_KEY": "short", "EGDI_WORKERS": "1", "EGDI_CHART_SERVICE": "0"})
    assert short.returncode != 0 and "too short" in short.stderr


def test_it_serves_the_dashboard_under_gunicorn(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EGDI_")}
    env |= {"EGDI_DATABASE_URL": str(tmp_path / "egdi.sqlite"), "EGDI_SECRET_KEY": SECRET, "EGDI_BIND": f"127.0.0.1:{port}"}
    env |= {"EGDI_WORKERS": "1", "EGDI_CHART_SERVICE": "0", "EGDI_ACCESS_LOG": str(tmp_path / "access.log")}
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline:
            try:
                answer = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            except OSError:
                assert server.poll() is None, Path(tmp_path / "server.log").read_text()
                time.sleep(0.3)
        assert answer is not None and answer.read() == b"ok\n"
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        assert page.headers["Server"] == "gunicorn"  # no version
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000"  # serve.sh: HTTPS at the proxy by default
        assert '"GET /healthz HTTP/1.1" 200' in (tmp_path / "access.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
