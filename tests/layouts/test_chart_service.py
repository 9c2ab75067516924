"""The chart service: one Chromium draws the charts of every worker; a client without the key is refused."""

from __future__ import annotations

import os
from collections.abc import Iterator

import plotly.graph_objects as go
import pytest

from indicators.report.charts import ChartRenderError
from layouts.chart_service import KEY_ENV, SOCKET_ENV, RemoteBrowser, remote_browser, start_service


@pytest.fixture
def service(tmp_path, monkeypatch) -> Iterator[RemoteBrowser]:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(SOCKET_ENV, raising=False)
    monkeypatch.delenv(KEY_ENV, raising=False)
    process = start_service(tmp_path / "run")
    try:
        browser = remote_browser()
        assert browser is not None
        yield browser
    finally:
        process.terminate()
        process.wait(timeout=30)
        os.environ.pop(SOCKET_ENV, None)
        os.environ.pop(KEY_ENV, None)


def test_a_worker_draws_through_the_shared_service_and_a_stranger_is_refused(service, tmp_path):
    figure = go.Figure(go.Bar(x=["OSI", "TII", "HCI"], y=[0.42, 0.56, 0.54]))
    png, svg = service.render([(figure, {"format": "png", "width": 400, "height": 300, "scale": 1}), (figure, {"format": "svg"})])
    assert png.startswith(b"\x89PNG") and b"<svg" in svg[:400]
    assert (tmp_path / "run").stat().st_mode & 0o777 == 0o700  # the socket's folder: this user only

    stranger = RemoteBrowser(os.environ[SOCKET_ENV], b"not the key")
    with pytest.raises(ChartRenderError, match="did not answer"):
        stranger.render([(figure, {"format": "png"})])
    assert service.render([(figure, {"format": "svg"})])[0].startswith(b"<svg")  # still serving those with the key
