"""Print the dashboard's speed with all 193 countries and every edition loaded.

For each page: the first full load in headless Chromium on loopback (a new browser context, so nothing is cached;
until the network is idle, i.e. every callback has answered) and the page weight (bytes of every response).
For every callback: its server time (the app's Server-Timing header), median and 95th percentile over the page
loads and interactions below. Goals: callbacks median < 50 ms and p95 < 100 ms; first load < 2 s.

Run: .venv/bin/python benchmarks/bench_dashboard.py [--rounds N]   (needs ../shared/reference/undesa)
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT.parent / "shared" / "reference" / "undesa"))
TIMING = re.compile(r"dur=([0-9.]+)")


def select(component_id: str, option: str) -> Callable[[object], None]:
    """An interaction: choose `option` in the dcc.Dropdown `component_id`."""

    def act(page) -> None:  # type: ignore[no-untyped-def]
        page.click(f"#{component_id}")
        page.get_by_role("option", name=option, exact=True).first.click()
        page.wait_for_load_state("networkidle")

    return act


# (path with query, interactions after the load)
VISITS: list[tuple[str, list[Callable[[object], None]]]] = [
    ("/", [select("overview-edition", "2020")]),
    ("/?lang=km&entity=VNM&edition=2022", []),
    ("/trends", []),
    ("/trends?lang=km", []),
    ("/compare", []),
    ("/compare?edition=2014", []),
    ("/compare?peers=region&entity=THA", []),
    ("/trends?series=tii&entity=VNM", []),
    ("/simulator?edition=2022&mode=published&set=osi:0.6,tii:0.7", []),
    ("/data", []),
    ("/methodology", []),
    ("/targets", []),
    ("/simulator", []),
    ("/reports", []),
]


def world_database(folder: str) -> str:
    from indicators.ingest.imports import import_files, open_seeded_store

    database = str(Path(folder) / "egdi.sqlite")
    store = open_seeded_store(database)
    _, landed = import_files([str(p) for p in sorted(REFERENCE.glob("EGOV_DATA_*.csv"))], store)
    store.close()
    assert landed, "the reference files did not import"
    return database


def serve(database: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "EGDI_PORT": str(port), "EGDI_DATABASE_URL": database}
    server = subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return server, url
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the dashboard did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="times each visit is repeated")
    args = parser.parse_args()
    if not list(REFERENCE.glob("EGOV_DATA_*.csv")):
        sys.exit(f"reference files not found in {REFERENCE}")
    from playwright.sync_api import sync_playwright

    callbacks: dict[str, list[float]] = defaultdict(list)
    loads: dict[str, list[float]] = defaultdict(list)
    weights: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        server, url = serve(world_database(folder))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for round_number in range(args.rounds):
                    for path, interactions in VISITS:
                        context = browser.new_context(viewport={"width": 1280, "height": 900})
                        page = context.new_page()
                        sizes: list[int] = []

                        def record(response, sizes=sizes) -> None:  # type: ignore[no-untyped-def]
                            try:
                                sizes.append(len(response.body()))
                            except Exception:  # a response without a body (redirect, aborted)
                                return
                            if "_dash-update-component" in response.url:
                                match = TIMING.search(response.headers.get("server-timing", ""))
                                output = (response.request.post_data_json or {}).get("output", "?")
                                if match:
                                    callbacks[str(output)[:70]].append(float(match.group(1)))

                        page.on("response", record)
                        started = time.perf_counter()
                        page.goto(url + path)
                        page.wait_for_load_state("networkidle")
                        loads[path].append((time.perf_counter() - started) * 1000)
                        if round_number == 0:
                            weights[path] = sum(sizes)
                        for interact in interactions:
                            interact(page)
                        context.close()
                browser.close()
        finally:
            server.terminate()
    print(f"First full load in headless Chromium (median of {args.rounds}, cold context) and page weight:")
    for path, times in loads.items():
        print(f"  {path:40} {statistics.median(times):7.0f} ms   {weights.get(path, 0) / 1024:8.0f} KiB")
    print("Callback server time (Server-Timing), over all loads and interactions:")
    every = [t for times in callbacks.values() for t in times]
    for output, times in sorted(callbacks.items()):
        ordered = sorted(times)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"  {output:72} n={len(times):3}  median {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms")
    if every:
        ordered = sorted(every)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"  all callbacks: n={len(every)}, median {statistics.median(every):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
