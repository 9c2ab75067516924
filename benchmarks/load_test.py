"""A bounded load test of the production server on loopback: gunicorn (scripts/serve.sh) on PostgreSQL, with locust.

1. A fresh PostgreSQL schema (scripts/test-postgres.sh starts a throwaway server unless --database-url is given) with
   the bundled data, every UN DESA reference file (all 193 countries, when ../shared/reference/undesa is there) and
   an admin account.
2. `bash scripts/serve.sh` with --workers workers on a free port of 127.0.0.1.
3. Every page is opened once in headless Chromium and the callbacks it fires are recorded: the visitors replay them.
4. locust runs --users visitors for --seconds; --import-at seconds in, an admin imports a file through the Data page's
   confirm callback and then rolls that version back (the import window: from the import's start to the rollback's end).
5. Printed: requests, throughput, errors, p50/p95/p99 of every request, and of the page callbacks outside and inside
   the import window; the import and rollback times; the memory of each worker at the end of the run and --settle
   seconds later (each worker gives freed memory back every 30 s: layouts/server/memory.py), and of the chart service.
   Goals: 0 errors, callbacks p95 < 300 ms outside the import window, every worker < 250 MB.

Run: .venv/bin/python benchmarks/load_test.py [--users 50] [--seconds 60] [--workers 4] [--database-url URL]
Traffic goes to 127.0.0.1 only; everything it starts is stopped at the end.
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import psutil  # noqa: E402  (installed with locust)
import requests  # noqa: E402  (installed with locust)

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.store.schemas import fresh_schema  # noqa: E402

REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT.parent / "shared" / "reference" / "undesa"))
PAGES = ["/", "/?lang=km&entity=VNM", "/trends", "/compare", "/compare?peers=region&entity=THA", "/data", "/methodology"]
PAGES += ["/targets", "/simulator", "/simulator?edition=2022&mode=published&set=osi:0.6", "/reports"]
ADMIN, PASSWORD = "load-admin", "load test password"
SMALL_IMPORT = (
    "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,Online Service Index,"
    "Human Capital Index,Telecommunication Infrastructure Index\n2022,Cambodia,120,0.61230,0.30000,0.45000,0.53800,0.56050\n"
)


def prepare(url: str) -> None:
    from indicators.ingest.imports import import_files, open_seeded_store
    from indicators.store.accounts import add_account

    with open_seeded_store(url) as store:
        files = sorted(REFERENCE.glob("EGOV_DATA_*.csv"))
        if files:
            _, landed = import_files([str(f) for f in files], store)
            assert landed, "the reference files did not import"
        add_account(store, "load test", ADMIN, "admin", PASSWORD)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(url: str, workers: int, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "EGDI_DATABASE_URL": url,
        "EGDI_SECRET_KEY": secrets.token_urlsafe(48),
        "EGDI_BIND": f"127.0.0.1:{port}",
        "EGDI_WORKERS": str(workers),
        "EGDI_HTTPS": "0",  # plain HTTP on loopback: the session cookie must travel without TLS here
        "EGDI_ACCESS_LOG": str(folder / "access.log"),
        "EGDI_RUN_DIR": str(folder / "run"),
        "EGDI_CHART_CACHE": str(folder / "charts"),
    }
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=5).status == 200:
                return server, base
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("gunicorn did not start:\n" + (folder / "server.log").read_text(errors="replace"))


def record_plan(base: str) -> list[dict[str, object]]:
    """Each page with the callback requests it makes when a browser opens it (replayed by the visitors)."""
    from playwright.sync_api import sync_playwright

    plan = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in PAGES:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            bodies: list[object] = []
            page.on("request", lambda r, b=bodies: b.append(r.post_data_json) if "_dash-update-component" in r.url else None)
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            plan.append({"path": path, "callbacks": bodies})
            context.close()
        browser.close()
    return plan


def callback_body(dependencies: list[dict[str, object]], output_start: str, values: dict[str, object]) -> dict[str, object]:
    """A request for the callback whose output starts with `output_start`, with `values` by "id.property"."""
    found = next(d for d in dependencies if str(d["output"]).startswith(output_start))

    def sent(items: object) -> list[dict[str, object]]:
        return [{"id": d["id"], "property": d["property"], "value": values.get(f"{d['id']}.{d['property']}")} for d in items]  # type: ignore[attr-defined, index]

    key = str(found["output"])
    outputs = [dict(zip(("id", "property"), o.split("@")[0].rsplit(".", 1), strict=True)) for o in key[2:-2].split("...")]
    inputs = sent(found["inputs"])
    changed = [f"{inputs[0]['id']}.{inputs[0]['property']}"]
    return {"output": key, "outputs": outputs, "inputs": inputs, "state": sent(found["state"]), "changedPropIds": changed}


def revised_file() -> tuple[bytes, str]:
    """The UN's 2022 results with one E-Participation Index changed (so the import writes a version of all 193
    countries' values); without the reference files, a one-row file."""
    source = REFERENCE / "EGOV_DATA_2022.csv"
    if not source.is_file():
        return SMALL_IMPORT.encode(), "revised.csv"
    rows = list(csv.DictReader(source.read_text(encoding="utf-8-sig").splitlines()))
    column = next(c for c in rows[0] if c.strip().casefold() == "e-participation index")
    rows[0][column] = f"{float(rows[0][column]) * 0.99:.4f}"
    lines = [",".join(f'"{v}"' for v in rows[0])] + [",".join(f'"{v}"' for v in row.values()) for row in rows]
    return "\n".join(lines).encode(), "EGOV_DATA_2022-revised.csv"


def import_and_roll_back(base: str, url: str, at: float, window: dict[str, float]) -> None:
    """At `at` (epoch seconds): sign in as the admin, import a file through the confirm callback, roll it back."""
    from indicators.store import open_store

    time.sleep(max(0.0, at - time.time()))
    session = requests.Session()
    session.post(base + "/sign-in", data={"name": ADMIN, "password": PASSWORD}, allow_redirects=False).raise_for_status()
    dependencies = session.get(base + "/_dash-dependencies").json()
    content, name = revised_file()
    upload = "data:text/csv;base64," + base64.b64encode(content).decode()
    values = {"data-confirm.n_clicks": 1, "data-upload.contents": [upload], "data-upload.filename": [name]}
    values["data-entity-kind.value"] = "auto"
    window["start"] = time.time()
    answer = session.post(base + "/_dash-update-component", json=callback_body(dependencies, "..data-check.children@", values))
    window["import_ms"], window["import_status"] = (time.time() - window["start"]) * 1000, answer.status_code
    with open_store(url) as store:
        version = int(store.versions()["version_id"].max())
    started = time.time()
    values = {"data-rollback-confirm.n_clicks": 1, "data-version.value": version, "data-lang.data": "en"}
    answer = session.post(base + "/_dash-update-component", json=callback_body(dependencies, "..data-rollback-message.children", values))
    window["end"] = time.time()
    window["rollback_ms"], window["rollback_status"] = (window["end"] - started) * 1000, answer.status_code
    window["version"] = version


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def memory(server: subprocess.Popen[bytes]) -> tuple[list[tuple[int, float, float, float]], float]:
    """(pid, RSS, PSS, USS in MiB) of each gunicorn worker, and the MiB (PSS: shared pages counted once) of the chart
    service with its browser."""
    workers, service = [], 0.0
    for process in psutil.Process(server.pid).children(recursive=True):
        try:
            command = " ".join(process.cmdline())
            if "gunicorn" in command and process.parent() is not None and "gunicorn" in " ".join(process.parent().cmdline()):
                info = process.memory_full_info()
                workers.append((process.pid, info.rss / 2**20, info.pss / 2**20, info.uss / 2**20))
            elif "chart_service" in command:
                tree = [process, *process.children(recursive=True)]
                service = sum(p.memory_full_info().pss for p in tree) / 2**20
        except psutil.Error:
            continue
    return workers, service


def report(log: Path, window: dict[str, float], seconds: float) -> None:
    with log.open(encoding="utf-8") as handle:
        rows = [(float(r["start"]), r["name"], float(r["ms"]), int(r["status"])) for r in csv.DictReader(handle)]
    times = [ms for _, _, ms, _ in rows]
    errors = [r for r in rows if r[3] == 0]
    inside = [r for r in rows if window.get("start", 0) <= r[0] <= window.get("end", 0)]
    callbacks_out = [ms for start, name, ms, _ in rows if name.startswith("callback") and (start, name, ms, _) not in inside]
    callbacks_in = [ms for _, name, ms, _ in inside if name.startswith("callback")]
    print(f"requests: {len(rows)} in {seconds:.0f} s = {len(rows) / seconds:.1f} requests/s; errors: {len(errors)}")
    groups = (("all requests", times), ("callbacks outside the import window", callbacks_out), ("callbacks inside it", callbacks_in))
    for label, values in groups:
        print(
            f"  {label:38} n={len(values):6}  p50 {percentile(values, 0.5):7.1f} ms  p95 {percentile(values, 0.95):7.1f} ms  "
            f"p99 {percentile(values, 0.99):7.1f} ms"
        )
    if window:
        print(
            f"import: {window['import_ms']:.0f} ms (HTTP {window['import_status']}), rollback of version {window['version']}: "
            f"{window['rollback_ms']:.0f} ms (HTTP {window['rollback_status']}); window {window['end'] - window['start']:.1f} s"
        )
    for name in sorted({r[1] for r in errors})[:10]:
        print(f"  errors at {name}: {sum(1 for r in errors if r[1] == name)}")
    by_name: dict[str, list[float]] = {}
    for _, name, ms, _ in rows:
        by_name.setdefault(name, []).append(ms)
    timed = [(r["name"], float(r["server_ms"])) for r in csv.DictReader(log.open(encoding="utf-8")) if float(r["server_ms"]) >= 0]
    server = [ms for _, ms in timed]
    print(f"  {'server time alone (Server-Timing)':38} n={len(server):6}  p50 {percentile(server, 0.5):7.1f} ms  ", end="")
    print(f"p95 {percentile(server, 0.95):7.1f} ms")
    print(f"  load average of the machine after the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    spent: dict[str, float] = {}
    for name, ms in timed:
        spent[name] = spent.get(name, 0.0) + ms / 1000
    print(f"server time spent, {sum(spent.values()):.1f} s in all (the machine had {os.cpu_count()} cores x {seconds:.0f} s):")
    for name, total in sorted(spent.items(), key=lambda item: -item[1])[:6]:
        print(f"  {name[:72]:72} {total:6.1f} s")
    print("slowest requests by p95:")
    for name, values in sorted(by_name.items(), key=lambda item: -percentile(item[1], 0.95))[:6]:
        print(f"  {name[:72]:72} n={len(values):5}  p50 {percentile(values, 0.5):6.0f} ms  p95 {percentile(values, 0.95):6.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="visitors started per second")
    parser.add_argument("--import-at", type=float, default=25.0, help="seconds into the run when the import starts")
    parser.add_argument("--settle", type=float, default=40.0, help="seconds after the run before memory is read again")
    parser.add_argument("--database-url", help="a PostgreSQL server (a schema is made and dropped); default: scripts/test-postgres.sh")
    args = parser.parse_args()
    base_url = args.database_url
    if not base_url:
        started = subprocess.run(["bash", "scripts/test-postgres.sh"], cwd=PROJECT, capture_output=True, text=True, check=True)
        base_url = started.stdout.strip().splitlines()[-1]
    with tempfile.TemporaryDirectory(prefix="egdi-load-") as folder_name, fresh_schema(base_url, "egdi_load") as url:
        folder = Path(folder_name)
        print("preparing the database …", flush=True)
        prepare(url)
        server, base = serve(url, args.workers, folder)
        try:
            plan = record_plan(base)
            print(f"recorded {sum(len(p['callbacks']) for p in plan)} callbacks on {len(plan)} pages", flush=True)  # type: ignore[arg-type]
            (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
            window: dict[str, float] = {}
            begin = time.time()
            importer = threading.Thread(target=import_and_roll_back, args=(base, url, begin + args.import_at, window), daemon=True)
            importer.start()
            env = {**os.environ, "EGDI_LOAD_PLAN": str(folder / "plan.json"), "EGDI_LOAD_LOG": str(folder / "requests.csv")}
            locust = [str(PROJECT / ".venv" / "bin" / "locust"), "-f", str(PROJECT / "benchmarks" / "locustfile.py"), "--headless"]
            locust += ["-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.seconds}s", "--host", base, "--only-summary"]
            subprocess.run(locust, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=args.seconds + 120)
            importer.join(timeout=120)
            workers, service = memory(server)
            print(f"\n{args.workers} gunicorn workers on PostgreSQL, {args.users} visitors for {args.seconds} s (loopback):")
            report(folder / "requests.csv", window, args.seconds)
            time.sleep(args.settle)
            settled, _ = memory(server)
            print(f"memory of each worker at the end of the run, and {args.settle:.0f} s later (freed memory returned):")
            for (pid, rss, pss, uss), (_, rss_later, pss_later, uss_later) in zip(workers, settled, strict=False):
                print(f"  worker {pid}: RSS {rss:.0f} MiB, PSS {pss:.0f} MiB, own (USS) {uss:.0f} MiB; ", end="")
                print(f"later RSS {rss_later:.0f} MiB, PSS {pss_later:.0f} MiB, own (USS) {uss_later:.0f} MiB")
            print(f"  chart service (one Chromium for all workers, PSS): {service:.0f} MiB")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
