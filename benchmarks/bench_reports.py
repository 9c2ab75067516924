"""Print how long reports take to build (goals: the PDF brief under 5 s, charts included; the workbook under 2 s).

For each store (the bundled data; the whole world too when the UN DESA reference files are found), in a fresh process:
- workbook: gather the content and build the .xlsx, cold (first in the process) and warm (again);
- brief: gather, draw both charts (kaleido in Chromium) and print the PDF, cold (no browser yet, empty chart cache,
  weasyprint not loaded), warm (the same brief again: browser running, charts cached), and warm in the other language
  (browser running, charts not cached);
- the command line end to end (`python -m indicators report --format pdf`, interpreter start included), with an empty
  chart cache and again with the cache filled.

Each measurement is repeated (fresh processes, fresh chart caches) and the best and the median are printed: on a
shared machine the best is the least disturbed. The load average is printed too.

Run: .venv/bin/python benchmarks/bench_reports.py [--repeat N]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT.parent / "shared" / "reference" / "undesa"))
PDF_GOAL, WORKBOOK_GOAL = 5.0, 2.0


def scenario(database: str) -> dict[str, float]:
    """Runs in its own process (see main): every timing starts from loaded core modules and an open store."""
    from indicators.ingest.imports import open_seeded_store
    from indicators.report import brief_with_charts, build_workbook, gather

    store = open_seeded_store(database)
    timings: dict[str, float] = {}

    def timed(name: str, build) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        data = build()
        timings[name] = time.perf_counter() - start
        assert len(data) > 1000

    timed("workbook cold", lambda: build_workbook(gather(store, "KHM"), "en"))
    timed("workbook warm", lambda: build_workbook(gather(store, "KHM"), "en"))
    timed("workbook warm (km)", lambda: build_workbook(gather(store, "KHM"), "km"))

    def brief(lang: str) -> bytes:
        from layouts.render import report_charts

        return brief_with_charts(gather(store, "KHM"), lang, report_charts)  # as the CLI and the app build it

    timed("brief cold", lambda: brief("en"))
    timed("brief warm", lambda: brief("en"))
    timed("brief warm, new charts (km)", lambda: brief("km"))
    store.close()
    return timings


def command_line(database: str, cache: str, output: str) -> float:
    env = {**os.environ, "EGDI_CHART_CACHE": cache}
    start = time.perf_counter()
    args = ["report", "--db", database, "--entity", "KHM", "--format", "pdf", "--output", output]
    subprocess.run([sys.executable, "-m", "indicators", *args], cwd=PROJECT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def prepare(workdir: Path) -> dict[str, str]:
    from indicators.ingest.imports import import_files, open_seeded_store

    stores = {"bundled data (Cambodia, ASEAN)": str(workdir / "bundled.sqlite")}
    open_seeded_store(stores["bundled data (Cambodia, ASEAN)"]).close()
    files = sorted(str(p) for p in REFERENCE.glob("EGOV_DATA_*.csv"))
    if files:
        world = str(workdir / "world.sqlite")
        store = open_seeded_store(world)
        import_files(files, store)
        store.close()
        stores[f"world ({len(files)} UN DESA files)"] = world
    return stores


def row(name: str, samples: list[float], goal: float | None) -> str:
    best, median = min(samples), statistics.median(samples)
    verdict = f"{'ok' if best < goal else 'OVER'} (goal < {goal:g} s)" if goal else "(interpreter start and imports included)"
    return f"  {name:<34} best {best:5.2f} s   median {median:5.2f} s   {verdict}"


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--scenario":
        print(json.dumps(scenario(sys.argv[2])))
        return
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; {repeat} runs of each")
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        for number, (label, database) in enumerate(prepare(workdir).items()):
            samples: dict[str, list[float]] = {}
            for run in range(repeat):
                env = {**os.environ, "EGDI_CHART_CACHE": str(workdir / f"charts-{number}-{run}")}
                out = subprocess.run(
                    [sys.executable, __file__, "--scenario", database], cwd=PROJECT, env=env, check=True, capture_output=True, text=True
                )
                for name, seconds in json.loads(out.stdout.strip().splitlines()[-1]).items():
                    samples.setdefault(name, []).append(seconds)
            cold, warm = [], []
            for run in range(repeat):
                cache = str(workdir / f"cli-{number}-{run}")
                cold.append(command_line(database, cache, str(workdir / "brief.pdf")))
                warm.append(command_line(database, cache, str(workdir / "brief.pdf")))
            print(f"\n{label}")
            for name, values in samples.items():
                print(row(name, values, PDF_GOAL if name.startswith("brief") else WORKBOOK_GOAL))
            print(row("command line, empty chart cache", cold, None))
            print(row("command line, charts cached", warm, None))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
