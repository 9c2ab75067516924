"""The snapshot the views read: once per store version, and once per request."""

from __future__ import annotations

import flask

from layouts.views.snapshot import forget_request_snapshot, request_snapshot, snapshot


def test_a_request_reads_the_snapshot_once_until_it_writes(bundled):
    with flask.Flask(__name__).test_request_context():
        first = request_snapshot()
        assert request_snapshot() is first
        assert flask.g.egdi_snapshot is first
        forget_request_snapshot()
        assert "egdi_snapshot" not in flask.g
        assert request_snapshot().version == first.version
    assert request_snapshot().version == snapshot().version  # outside a request: read on every call
