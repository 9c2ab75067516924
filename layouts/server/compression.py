"""Scripts and styles compressed once per server process, not on every request.

Flask-Compress (Dash's `compress=True`) compresses every response anew: on a page with a grid that is about 45 ms of
the server's time per page load, 20 ms of it for AG Grid's 1.3 MB script, taken from the two cores the visitor's
browser may share. The files that cannot change while the server runs are compressed once and kept:
- Dash's component scripts (`/_dash-component-suites/...`, from installed packages), keyed by their path without
  Dash's fingerprint, so that any number of fingerprints of a file keep one body;
- the app's `assets/`, keyed by their path and the file's modification time (an asset edited while a development
  server runs is compressed anew).
What a request builds (pages, callbacks, downloads) has no key and is compressed each time. Flask-Compress prefixes
each key with the encoding (`br;…`, `gzip;…`), so a body is kept per encoding.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import flask
from dash.fingerprint import check_fingerprint

COMPONENT_SUITES = "/_dash-component-suites/"
ASSETS = "/assets/"
NO_KEY = ""


class StaticBodies:
    """Flask-Compress's cache backend: the compressed bodies of static files, kept for the server's life; a key
    that names no static file (`NO_KEY` after the encoding's prefix) is never kept."""

    def __init__(self) -> None:
        self._bodies: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._bodies.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";" + NO_KEY):
            self._bodies[key] = value


def static_key(assets_dir: Path) -> Callable[[flask.Request], str]:
    """The cache key of a request: its file for a component script or an asset of `assets_dir`, else `NO_KEY`."""
    assets_root = assets_dir.resolve()

    def key(request: flask.Request) -> str:
        path = request.path
        if request.method != "GET":
            return NO_KEY
        if COMPONENT_SUITES in path:
            return check_fingerprint(path)[0]
        if ASSETS in path:
            file = (assets_root / path.split(ASSETS, 1)[1]).resolve()
            if file.is_relative_to(assets_root) and file.is_file():
                return f"{path}@{file.stat().st_mtime_ns}"
        return NO_KEY

    return key


def compress_static_once(server: flask.Flask, assets_dir: Path) -> None:
    """Configure `server` (before Dash sets up Flask-Compress on it) to compress static files once."""
    server.config["COMPRESS_CACHE_BACKEND"] = StaticBodies
    server.config["COMPRESS_CACHE_KEY"] = static_key(assets_dir)
