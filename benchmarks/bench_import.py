"""Print import timings and peak memory.

1. All eleven UN DESA files in ../shared/reference/undesa (EGOV_DATA_*.csv): load, validate and import into a new
   SQLite store (goal: under 1 s in total).
2. A 50,000-row long table: validate and import (goal: under 2 s).

Each scenario runs in a fresh process, so its peak memory is its own: the growth of the process's peak resident
memory (max RSS) over what it was just before the import.
Run: .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT.parent / "shared" / "reference" / "undesa"))


def write_long_table(path: Path, rows: int = 50_000) -> None:
    import numpy as np
    import pandas as pd

    from indicators.entities import load_countries

    countries = load_countries().codes
    codes = ["internet_users_pct", "mobile_broadband_per_100", "adult_literacy_pct", "mean_schooling_years", "osi_score"]
    rng = np.random.default_rng(0)
    index = np.arange(rows)
    frame = pd.DataFrame(
        {
            "entity": [countries[i % len(countries)] for i in index],
            "year": 1990 + (index // (len(countries) * len(codes))) % 110,
            "indicator": [codes[(i // len(countries)) % len(codes)] for i in index],
            "value": rng.uniform(0, 25, rows).round(3),
        }
    )
    frame.to_csv(path, index=False)


def scenario(name: str, workdir: str) -> dict[str, float]:
    from indicators.ingest.imports import import_files
    from indicators.store import open_store

    if name == "undesa":
        files = sorted(str(p) for p in REFERENCE.glob("EGOV_DATA_*.csv"))
        if len(files) != 11:
            return {"skipped": 1.0}
    else:
        files = [str(Path(workdir) / "long50k.csv")]
    store = open_store(str(Path(workdir) / f"{name}.sqlite"))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    results, landed = import_files(files, store)
    elapsed = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert landed, [i.message for r in results for i in r.issues if i.severity == "error"][:5]
    values = sum(r.outcome.added for r in results if r.outcome)
    return {"seconds": elapsed, "values": values, "peak_growth_mib": rss_after - rss_before, "max_rss_mib": rss_after}


def main() -> None:
    if len(sys.argv) == 3:
        print(json.dumps(scenario(sys.argv[1], sys.argv[2])))
        return
    with tempfile.TemporaryDirectory() as workdir:
        write_long_table(Path(workdir) / "long50k.csv")
        goals = {"undesa": ("eleven UN DESA files", 1.0), "long": ("50,000-row long table", 2.0)}
        for name, (label, goal) in goals.items():
            out = subprocess.run([sys.executable, __file__, name, workdir], capture_output=True, text=True, check=True)
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            if "skipped" in figures:
                print(f"{label}: skipped (reference files not found in {REFERENCE})")
                continue
            print(
                f"{label}: {figures['seconds']:.3f} s for {int(figures['values'])} values (goal < {goal:.0f} s); "
                f"peak memory +{figures['peak_growth_mib']:.0f} MiB over the loaded libraries "
                f"(process max RSS {figures['max_rss_mib']:.0f} MiB)"
            )


if __name__ == "__main__":
    main()
