"""First loads and interactions of every page, side by side with two reference apps, in headless Chromium.

Measured in one run, each visit in a new browser context (a cold cache), on loopback:
- load: from navigation start to the page's last DOM change or last response, whichever is later (the page is
  complete: every callback has answered and drawn);
- wire / decoded: bytes of every response as sent (compressed) and as decoded;
- long tasks: the JavaScript main-thread tasks over 50 ms before the page was complete (their total);
- interactions: from choosing an option to the last DOM change it caused;
- callbacks: the server time of every callback (the app's Server-Timing header), median and 95th percentile (those
  of the visit right after start on a line of their own).

The reference apps (benchmarks/reference_apps/): a Dash no-op app and a plain Dash EGDI viewer. The Plavit EGDI
dashboard, the prior art the issue names, is not available offline and is not measured.

The dashboard runs on all 193 countries for every edition (../shared/reference/undesa, or $EGDI_REFERENCE_DIR).
Its Overview is loaded once right after the server starts, while the server computes the pages' default views and the
Outlook's nowcast in the background (`outlook_ready.warm`: a new server, or a new gunicorn worker, does that for its
first seconds), and reported on its own line; the rounds then measure the server as a visitor finds it afterwards,
warm (the health check's `X-Warming` header is gone; a checkout without it is measured after a fixed 10 s).
`--app-dir` measures another checkout of this project (for before/after figures).

Run: .venv/bin/python benchmarks/bench_pages.py [--rounds N] [--app-dir DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT.parent / "shared" / "reference" / "undesa"))
TIMING = re.compile(r"dur=([0-9.]+)")
RECORDER = """
window.__bench = {last: 0, long: []};
new MutationObserver(() => { window.__bench.last = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__bench.long.push([e.startTime, e.duration])))
  .observe({type: "longtask", buffered: true});
"""
SUMMARY = """() => {
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  const lastResponse = Math.max(...entries.map((e) => e.responseEnd));
  const ready = Math.max(lastResponse, window.__bench.last);
  return {
    ready,
    wire: entries.reduce((s, e) => s + (e.encodedBodySize || 0), 0),
    decoded: entries.reduce((s, e) => s + (e.decodedBodySize || 0), 0),
    requests: entries.length,
    longTasks: window.__bench.long.filter(([start]) => start < ready).reduce((s, [, d]) => s + d, 0),
  };
}"""
PAGES = ["/", "/trends", "/compare", "/outlook", "/targets", "/simulator", "/provinces", "/data", "/methodology", "/reports"]
# (page, dropdown id, option name): each interaction is measured to the last DOM change it caused
INTERACTIONS = [
    ("/", "overview-edition", "2020"),
    ("/trends", "trends-entity", "Viet Nam"),
    ("/compare", "compare-edition", "2020"),
    ("/compare", "compare-entity", "Thailand"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(command: list[str], cwd: Path, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"{command} did not start")


def warming(url: str) -> bool:
    """Whether the dashboard at `url` is still warming up (its health check's `X-Warming` header)."""
    with urllib.request.urlopen(f"{url}/healthz", timeout=5) as answer:
        return answer.headers.get("X-Warming") == "1"


def wait_until_warm(url: str, says_so: bool, timeout: float = 120.0) -> None:
    """Until the server has drawn its pages and computed the Outlook's pieces: while its health check says it is
    warming; a checkout that does not say so (`says_so` False) for 10 s, the warm-up's usual time."""
    if not says_so:
        time.sleep(10)
        return
    deadline = time.monotonic() + timeout
    while warming(url) and time.monotonic() < deadline:
        time.sleep(0.5)


def world_database(folder: str, app_dir: Path) -> str:
    """A store with every reference file imported, made by the measured checkout's own code."""
    database = str(Path(folder) / "egdi.sqlite")
    code = (
        "import sys, glob\n"
        "from indicators.ingest.imports import import_files, open_seeded_store\n"
        "store = open_seeded_store(sys.argv[1])\n"
        "_, landed = import_files(sorted(glob.glob(sys.argv[2] + '/EGOV_DATA_*.csv')), store)\n"
        "store.close()\n"
        "assert landed\n"
    )
    subprocess.run([sys.executable, "-c", code, database, str(REFERENCE)], cwd=app_dir, check=True)
    return database


def visit(browser, url: str, callbacks: dict[str, list[float]] | None = None) -> tuple[object, dict[str, float]]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORDER)
    if callbacks is not None:

        def record(response) -> None:  # type: ignore[no-untyped-def]
            if "_dash-update-component" in response.url:
                match = TIMING.search(response.headers.get("server-timing", ""))
                output = (response.request.post_data_json or {}).get("output", "?")
                if match:
                    callbacks[str(output)[:60]].append(float(match.group(1)))

        page.on("response", record)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, page.evaluate(SUMMARY)


def interact(page, dropdown: str, option: str) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds from choosing `option` in `dropdown` to the last DOM change."""
    page.click(f"#{dropdown}")
    choice = page.get_by_role("option", name=option, exact=True).first
    page.wait_for_timeout(300)
    if not choice.is_visible():
        page.locator(".dash-dropdown-search").first.fill(option[:4])  # long lists draw only the options in view
    choice.wait_for()
    page.wait_for_timeout(300)  # the menu's own rendering is not the interaction
    mark = page.evaluate("() => { window.__bench.last = 0; return performance.now(); }")
    choice.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(600)
    return float(page.evaluate("() => window.__bench.last")) - float(mark)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile: the smallest value at least 95 % of the values are not above."""
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="times each page is loaded")
    parser.add_argument("--app-dir", type=Path, default=PROJECT, help="the checkout of this project to measure")
    args = parser.parse_args()
    if not list(REFERENCE.glob("EGOV_DATA_*.csv")):
        sys.exit(f"reference files not found in {REFERENCE}")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    loads: dict[str, list[dict[str, float]]] = defaultdict(list)
    interactions: dict[str, list[float]] = defaultdict(list)
    callbacks: dict[str, list[float]] = defaultdict(list)
    starting: dict[str, list[float]] = defaultdict(list)  # those of the visit right after start, beside the warm-up
    servers: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as folder:
        database = world_database(folder, args.app_dir)
        apps = {}
        for name, command, cwd in (
            ("no-op Dash app", [sys.executable, "benchmarks/reference_apps/noop_app.py"], PROJECT),
            ("plain Dash EGDI viewer", [sys.executable, "benchmarks/reference_apps/egdi_viewer.py"], PROJECT),
        ):
            port = free_port()
            servers.append(start([*command, str(port)], cwd, dict(os.environ), port))
            apps[name] = f"http://127.0.0.1:{port}"
        port = free_port()
        env = {**os.environ, "EGDI_PORT": str(port), "EGDI_DATABASE_URL": database, "EGDI_CHART_CACHE": "off"}
        servers.append(start([sys.executable, "app.py"], args.app_dir, env, port))
        dashboard = f"http://127.0.0.1:{port}"
        says_warming = warming(dashboard)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page, summary = visit(browser, dashboard + "/", starting)
                page.context.close()
                loads["/ right after start"].append(summary)
                wait_until_warm(dashboard, says_warming)
                for _ in range(args.rounds):
                    for name, url in apps.items():
                        page, summary = visit(browser, url)
                        page.context.close()
                        loads[name].append(summary)
                    for path in PAGES:
                        page, summary = visit(browser, dashboard + path, callbacks)
                        page.context.close()
                        loads[path].append(summary)
                    for path, dropdown, option in INTERACTIONS:
                        page, _ = visit(browser, dashboard + path, callbacks)
                        try:
                            interactions[f"{path} {dropdown} → {option}"].append(interact(page, dropdown, option))
                        except PlaywrightError as error:  # say what failed, measure the rest
                            print(f"{path} {dropdown} → {option}: {error.message.splitlines()[0]}", file=sys.stderr)
                        page.context.close()
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    print(f"First full load, cold browser (median of {args.rounds}): load, on the wire, decoded, requests, long tasks")
    for name, runs in loads.items():
        print(
            f"  {name:24} {median([r['ready'] for r in runs]):6.0f} ms  {median([r['wire'] for r in runs]) / 1024:7.0f} KiB"
            f"  {median([r['decoded'] for r in runs]) / 1024:7.0f} KiB  {median([r['requests'] for r in runs]):4.0f}"
            f"  {median([r['longTasks'] for r in runs]):6.0f} ms"
        )
    print("Interactions, to the last DOM change (median, max):")
    for name, times in interactions.items():
        print(f"  {name:44} {median(times):6.0f} ms  {max(times, default=float('nan')):6.0f} ms")
    print("Callback server time (Server-Timing):")
    for output, times in sorted(callbacks.items()):
        print(f"  {output:62} n={len(times):3}  median {median(times):6.1f} ms  p95 {p95(times):6.1f} ms")
    every = [t for times in callbacks.values() for t in times]
    print(f"  all callbacks: n={len(every)}, median {median(every):.1f} ms, p95 {p95(every):.1f} ms")
    first = [t for times in starting.values() for t in times]
    print(f"  right after start, beside the warm-up: n={len(first)}, median {median(first):.1f} ms, max {max(first, default=0):.1f} ms")


if __name__ == "__main__":
    main()
