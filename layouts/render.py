"""Chart images on the server: Plotly figures to PNG or SVG with kaleido in Debian's Chromium.

Starting a browser costs seconds and about 250 MB, so a server with several workers keeps one for all of them in the
chart service (`layouts.chart_service`, started by gunicorn.conf.py); any other process keeps its own: it starts on
first use (or `warm_up()`), lives in a background thread with its own event loop, and renders every figure of a
request in the same session. Images are
cached by the figure's JSON and the image options, in memory and on disk (`var/cache/charts`, or $EGDI_CHART_CACHE;
"off" disables the disk cache), so the same chart is never drawn twice.

Chromium runs headless without a sandbox or GPU (kaleido's defaults: --headless --no-sandbox --disable-gpu), found at
$EGDI_CHROMIUM, $BROWSER_PATH, `chromium` on the PATH, or /usr/bin/chromium. MathJax is off: nothing is fetched from
the internet. Any failure is a ChartRenderError with a message that says what to do.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import json
import logging
import os
import shutil
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

from indicators.paths import PROJECT_DIR
from indicators.report.charts import CHARTS, IMAGE_FORMATS, ChartRenderError
from indicators.report.content import ReportContent
from indicators.report.province import PROVINCE_CHARTS, ProvinceReport
from layouts.chart_service import RemoteBrowser, remote_browser

START_TIMEOUT = 60.0  # seconds for the browser to start
RENDER_TIMEOUT = 60.0  # seconds for one batch of figures
MEMORY_ITEMS = 64
DISK_ITEMS = 400
DEFAULT_SCALE = 2  # PNG pixels per CSS pixel: sharp in print
QUIET_LOGGERS = ("choreographer", "kaleido", "logistro")  # their error logs are noise (e.g. the browser's goodbye
# message at shutdown, logged with a traceback); a real failure reaches the caller as a ChartRenderError

for _name in QUIET_LOGGERS:
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class ImageSpec:
    """How to draw a figure: format and size in CSS pixels (PNG is `scale` times larger)."""

    fmt: str = "png"
    width: int | None = None
    height: int | None = None
    scale: float = DEFAULT_SCALE

    def options(self, figure: go.Figure) -> dict[str, Any]:
        layout = figure.layout
        return {
            "format": self.fmt,
            "width": self.width or layout.width or 1000,
            "height": self.height or layout.height or 500,
            "scale": self.scale if self.fmt == "png" else 1,
        }


def browser_path() -> str | None:
    """The Chromium to draw with: $EGDI_CHROMIUM when set (and only it), else the first that exists of $BROWSER_PATH,
    `chromium` on the PATH and /usr/bin/chromium; None when there is none."""
    chosen = os.environ.get("EGDI_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for candidate in (os.environ.get("BROWSER_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _disk_cache() -> Path | None:
    setting = os.environ.get("EGDI_CHART_CACHE", "")
    if setting.casefold() in ("off", "0", "no", "false"):
        return None
    return Path(setting) if setting else PROJECT_DIR / "var" / "cache" / "charts"


class _Browser:
    """One kaleido browser in a daemon thread running an asyncio loop; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None
        self._thread: threading.Thread | None = None

    def _start(self) -> tuple[asyncio.AbstractEventLoop, Any]:
        with self._lock:
            if self._kaleido is not None and self._loop is not None:
                return self._loop, self._kaleido
            path = browser_path()
            if path is None:
                where = (
                    f"EGDI_CHROMIUM={os.environ['EGDI_CHROMIUM']}"
                    if os.environ.get("EGDI_CHROMIUM")
                    else ("$BROWSER_PATH, chromium on the PATH and /usr/bin/chromium")
                )
                raise ChartRenderError(
                    f"Chromium was not found ({where}): install the Debian package 'chromium' (the setup scripts do) "
                    "or set EGDI_CHROMIUM to the browser"
                )
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="chart-renderer", daemon=True)
            thread.start()

            async def open_browser() -> Any:
                import kaleido

                browser = kaleido.Kaleido(path=path, mathjax=False, n=1, timeout=RENDER_TIMEOUT)
                await browser.open()
                return browser

            try:
                browser = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(START_TIMEOUT)
            except (Exception, FutureTimeout) as exc:
                loop.call_soon_threadsafe(loop.stop)
                raise ChartRenderError(f"Chromium at {path} did not start for chart rendering: {type(exc).__name__}: {exc}") from exc
            self._loop, self._kaleido, self._thread = loop, browser, thread
            return loop, browser

    def render(self, jobs: Sequence[tuple[go.Figure, dict[str, Any]]]) -> list[bytes]:
        loop, browser = self._start()

        async def batch() -> list[bytes]:
            return list(await asyncio.gather(*(browser.calc_fig(figure, opts=opts) for figure, opts in jobs)))

        try:
            return asyncio.run_coroutine_threadsafe(batch(), loop).result(RENDER_TIMEOUT * max(len(jobs), 1))
        except (Exception, FutureTimeout) as exc:
            self.close()  # a crashed or stuck browser is replaced on the next call
            raise ChartRenderError(f"chart rendering failed: {type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            loop, browser = self._loop, self._kaleido
            self._loop = self._kaleido = self._thread = None
        if loop is None:
            return
        try:
            if browser is not None:
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(10)
        except (Exception, FutureTimeout):
            pass
        loop.call_soon_threadsafe(loop.stop)

    @property
    def running(self) -> bool:
        return self._kaleido is not None


_local = _Browser()
_browser: _Browser | RemoteBrowser = remote_browser() or _local  # under gunicorn: the one chart service of all workers
_memory: OrderedDict[str, bytes] = OrderedDict()
_memory_lock = threading.Lock()
atexit.register(_local.close)


def local_browser() -> _Browser:
    """This process's own browser (the chart service draws with it)."""
    return _local


def _key(figure: go.Figure, opts: Mapping[str, Any]) -> str:
    payload = json.dumps({"figure": figure.to_plotly_json(), "opts": dict(opts), "plotly": plotly.__version__}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _cached(key: str, fmt: str) -> bytes | None:
    with _memory_lock:
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key]
    folder = _disk_cache()
    path = folder / f"{key}.{fmt}" if folder else None
    if path is not None and path.is_file():
        image = path.read_bytes()
        _remember(key, image)
        return image
    return None


def _remember(key: str, image: bytes) -> None:
    with _memory_lock:
        _memory[key] = image
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_ITEMS:
            _memory.popitem(last=False)


def _store(key: str, fmt: str, image: bytes) -> None:
    _remember(key, image)
    folder = _disk_cache()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{key}.{os.getpid()}.tmp"
        partial.write_bytes(image)
        partial.replace(folder / f"{key}.{fmt}")
        files = sorted(folder.glob("*.*"), key=lambda p: p.stat().st_mtime)
        for old in files[:-DISK_ITEMS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # the disk cache is an optimisation only


def images(jobs: Sequence[tuple[go.Figure, ImageSpec]]) -> list[bytes]:
    """The image of every figure, in order: cached ones at once, the others drawn together in the browser."""
    specs = []
    for figure, spec in jobs:
        if spec.fmt not in IMAGE_FORMATS:
            raise ValueError(f"unsupported image format {spec.fmt!r}: use one of {IMAGE_FORMATS}")
        opts = spec.options(figure)
        specs.append((figure, opts, _key(figure, opts), spec.fmt))
    found: list[bytes | None] = [_cached(key, fmt) for _, _, key, fmt in specs]
    missing = [i for i, image in enumerate(found) if image is None]
    if missing:
        drawn = _browser.render([(specs[i][0], specs[i][1]) for i in missing])
        for i, image in zip(missing, drawn, strict=True):
            _store(specs[i][2], specs[i][3], image)
            found[i] = image
    return [image for image in found if image is not None]


def figure_image(
    figure: go.Figure, fmt: str = "png", width: int | None = None, height: int | None = None, scale: float = DEFAULT_SCALE
) -> bytes:
    """One figure as PNG or SVG bytes (size in CSS pixels; default: the figure's own, else 1000 × 500)."""
    return images([(figure, ImageSpec(fmt, width, height, scale))])[0]


def report_charts(content: ReportContent, lang: str, fmt: str = "png") -> dict[str, bytes]:
    """The brief's charts (indicators.report.charts.CHARTS) as images: the ChartRenderer of the CLI and the app."""
    from layouts.figures.report import report_figures

    figures = report_figures(content, lang)
    drawn = images([(figures[name], ImageSpec(fmt)) for name in CHARTS])
    return dict(zip(CHARTS, drawn, strict=True))


def province_charts(report: ProvinceReport, lang: str, medians: Mapping[str, float]) -> dict[str, bytes]:
    """The province brief's charts (indicators.report.province.PROVINCE_CHARTS) as PNG: its criteria bars against the
    provinces' median of each part (`medians`, by part code), as the Provinces page draws them."""
    from layouts.figures.provinces import criteria_figure

    bars = report.profile.assign(median=report.profile["part"].map(dict(medians)).astype(float))
    drawn = images([(criteria_figure(bars, lang, report.fictional_answers), ImageSpec("png", width=900))])
    return dict(zip(PROVINCE_CHARTS, drawn, strict=True))


def warm_up() -> None:
    """Start the browser in the background, so that the first image does not wait for it (errors surface later)."""
    if _browser.running:
        return

    def start() -> None:
        with contextlib.suppress(ChartRenderError):  # the next image reports it
            _browser._start()

    threading.Thread(target=start, name="chart-renderer-warm-up", daemon=True).start()


def shutdown() -> None:
    """Close the browser (it restarts on the next image)."""
    _browser.close()


def clear_memory_cache() -> None:
    with _memory_lock:
        _memory.clear()
