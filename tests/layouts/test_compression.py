"""Static files compressed once: a component script or an asset is compressed on its first request and the same body
is sent after; any fingerprint of a file keeps one body; an edited asset is compressed anew; what a request builds
(a page, a callback) is never kept; nothing outside assets/ is taken for an asset."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import brotli
import flask

import app
from layouts.server.compression import NO_KEY, StaticBodies, static_key


def react_dom() -> str:
    """React DOM's script as every page asks for it, with Dash's fingerprint (the package's version and file time)."""
    page = app.server.test_client().get("/accessibility").get_data(as_text=True)
    (src,) = re.findall(r'src="(/_dash-component-suites/dash/deps/react-dom@[^"]+)"', page)
    return str(src)


def bodies_of(server: flask.Flask) -> StaticBodies:
    (compress,) = [f.__self__ for f in server.after_request_funcs[None] if type(getattr(f, "__self__", None)).__name__ == "Compress"]
    assert isinstance(compress.cache, StaticBodies)
    return compress.cache


def test_a_component_script_is_compressed_once_whatever_its_fingerprint():
    client = app.server.test_client()
    kept = bodies_of(app.server)
    script = react_dom()
    assert re.search(r"react-dom@18\.v[\w]+m\d+\.", script)  # fingerprinted
    first = client.get(script, headers={"Accept-Encoding": "br"})
    another = re.sub(r"m\d+\.", "m1.", script, count=1)
    assert another != script
    other_fingerprint = client.get(another, headers={"Accept-Encoding": "br"})
    plain = client.get(script, headers={"Accept-Encoding": "identity"})
    assert first.headers["Content-Encoding"] == "br" and "Content-Encoding" not in plain.headers
    assert brotli.decompress(first.data) == plain.data and len(plain.data) > 100_000
    assert other_fingerprint.data == first.data
    assert kept.get("br;/_dash-component-suites/dash/deps/react-dom@18.3.1.min.js") == first.data
    gzipped = client.get(script, headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(gzipped.data) == plain.data  # one body per encoding
    assert kept.get("gzip;/_dash-component-suites/dash/deps/react-dom@18.3.1.min.js") == gzipped.data


def test_what_a_request_builds_is_compressed_each_time_and_never_kept(bundled):
    client = app.server.test_client()
    kept = bodies_of(app.server)
    before = dict(kept._bodies)
    page = client.get("/trends", headers={"Accept-Encoding": "br"})
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "br"})
    assert page.headers["Content-Encoding"] == "br" and b"<html" in brotli.decompress(page.data)
    assert layout.headers["Content-Encoding"] == "br"
    assert kept._bodies == before


def test_an_asset_is_keyed_by_its_file_and_its_modification_time(tmp_path: Path):
    assets = tmp_path / "assets"
    assets.mkdir()
    style = assets / "style.css"
    style.write_text("body { color: black }")
    key = static_key(assets)
    with flask.Flask(__name__).test_request_context("/assets/style.css?m=1"):
        first = key(flask.request)
    os.utime(style, ns=(1, 1))
    with flask.Flask(__name__).test_request_context("/assets/style.css?m=2"):
        edited = key(flask.request)
    assert first.startswith("/assets/style.css@") and edited == "/assets/style.css@1" != first
    (tmp_path / "secret.txt").write_text("not an asset")
    for path in ("/assets/../secret.txt", "/assets/missing.css", "/_dash-update-component", "/trends"):
        with flask.Flask(__name__).test_request_context(path):
            assert key(flask.request) == NO_KEY, path
    with flask.Flask(__name__).test_request_context(react_dom(), method="POST"):
        assert key(flask.request) == NO_KEY


def test_a_key_that_names_no_file_is_never_kept():
    kept = StaticBodies()
    kept.set("br;" + NO_KEY, b"a page")
    kept.set("br;/assets/style.css@1", b"a style")
    assert kept.get("br;" + NO_KEY) is None and kept.get("br;/assets/style.css@1") == b"a style"
