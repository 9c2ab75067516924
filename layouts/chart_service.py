"""One chart browser for all the workers of a server: a small process that draws chart images for every gunicorn
worker, so each worker does not start a Chromium of its own (about 250 MB each).

gunicorn.conf.py starts it (`start_service`) before the workers and sets EGDI_CHART_SOCKET and EGDI_CHART_KEY; in a
worker, `layouts.render` then sends its figures here (`RemoteBrowser`) instead of starting a browser. The socket is
a Unix socket in a folder only this user can open, and a connection must prove the key (multiprocessing's HMAC
handshake) before anything is read from it.

    python -m layouts.chart_service SOCKET   (the key in $EGDI_CHART_KEY)
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from indicators.report.charts import ChartRenderError

SOCKET_ENV, KEY_ENV = "EGDI_CHART_SOCKET", "EGDI_CHART_KEY"
CONNECT_TIMEOUT = 30.0


class RemoteBrowser:
    """The chart browser of the service, with the interface of `layouts.render._Browser`."""

    running = True

    def __init__(self, address: str, key: bytes) -> None:
        self._address, self._key = address, key

    def render(self, jobs: Sequence[tuple[go.Figure, dict[str, Any]]]) -> list[bytes]:
        try:
            with Client(self._address, family="AF_UNIX", authkey=self._key) as connection:
                connection.send([(figure.to_plotly_json(), opts) for figure, opts in jobs])
                status, payload = connection.recv()
        except (OSError, EOFError, AuthenticationError) as error:
            raise ChartRenderError(f"the chart service at {self._address} did not answer: {error}") from error
        if status != "ok":
            raise ChartRenderError(str(payload))
        return list(payload)

    def _start(self) -> None:
        """Nothing to start: the service started its browser when it began."""

    def close(self) -> None:
        """The service's browser belongs to the service."""


def remote_browser() -> RemoteBrowser | None:
    """The service named by the environment, or None (this process then draws with a browser of its own)."""
    address, key = os.environ.get(SOCKET_ENV), os.environ.get(KEY_ENV)
    return RemoteBrowser(address, bytes.fromhex(key)) if address and key else None


def _answer(connection: Connection) -> None:
    from layouts import render

    with connection:
        try:
            jobs = [(go.Figure(figure), opts) for figure, opts in connection.recv()]
            connection.send(("ok", render.local_browser().render(jobs)))
        except ChartRenderError as error:
            connection.send(("error", str(error)))
        except (EOFError, OSError):
            pass


def serve(address: str, key: bytes) -> None:
    """Draw charts for whoever connects with `key`, one thread per connection (the browser draws them in turn)."""
    from layouts import render

    render.local_browser()._start()
    with Listener(address, family="AF_UNIX", authkey=key) as listener:
        while True:
            try:
                connection = listener.accept()
            except (OSError, EOFError, AuthenticationError):  # a client that failed the handshake, or left
                continue
            threading.Thread(target=_answer, args=(connection,), daemon=True).start()


def start_service(folder: Path) -> subprocess.Popen[bytes]:
    """Start the service with a new key and socket in `folder` (made private); sets the environment for workers."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    address = str(folder / f"charts-{os.getpid()}.sock")
    Path(address).unlink(missing_ok=True)
    key = secrets.token_hex(32)
    environment = {**os.environ, KEY_ENV: key}
    service = subprocess.Popen([sys.executable, "-m", "layouts.chart_service", address], env=environment)
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while not Path(address).exists() and time.monotonic() < deadline and service.poll() is None:
        time.sleep(0.1)
    os.environ[SOCKET_ENV], os.environ[KEY_ENV] = address, key
    return service


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that the browser is closed on the way out (atexit)
    serve(sys.argv[1], bytes.fromhex(os.environ[KEY_ENV]))
