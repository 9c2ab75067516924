"""Print import timings and peak memory.

1. Every UN DESA file in ../shared/reference/undesa (EGOV_DATA_*.csv) into a new SQLite store (goal: under 1 s).
2. The whole folder of publishers' downloads, ../shared/reference/sources, in one import (goal: under 10 s and
   under 500 MB peak memory).
3. A 1,000,000-row long CSV (goal: under 5 s and under 300 MB). Every row is a valid value of a used indicator:
   the table cycles through the 193 countries, each input indicator of the catalogue and the years 1990–2100, so
   each of its ~470,000 distinct values comes twice or three times, always with the same value (a conflicting
   repeat would refuse the file).
4. A 50,000-row long table (goal: under 2 s).

Each scenario runs in a fresh process, so its peak memory is its own: the process's peak resident memory (max RSS,
the libraries included), and its growth during the import. Wall time on a machine shared with other work is longer
than the CPU time, which is printed too.
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
SOURCES = Path(os.environ.get("EGDI_SOURCES_DIR", PROJECT.parent / "shared" / "reference" / "sources"))
NIS_YEAR = 2008  # the census year of the NIS province table in the sources folder


def write_long_table(path: Path, rows: int) -> None:
    """A long table of `rows` valid values (see the module docstring); values repeat identically after one cycle."""
    import numpy as np
    import pandas as pd

    from indicators.catalogue import input_codes, load_catalogue
    from indicators.entities import load_countries

    countries = np.array(load_countries().codes, dtype=object)
    codes = np.array(input_codes(), dtype=object)
    catalogue = load_catalogue()
    index = np.arange(rows)
    entity = index % len(countries)
    code = (index // len(countries)) % len(codes)
    year = 1990 + (index // (len(countries) * len(codes))) % 111
    highs = np.array([min(catalogue[c].max, 100.0) for c in codes])
    value = np.round(((entity * 31 + year * 7 + code * 13) % 1000) / 1000 * highs[code], 3)
    pd.DataFrame({"entity": countries[entity], "year": year, "indicator": codes[code], "value": value}).to_csv(path, index=False)


def scenario(name: str, workdir: str) -> dict[str, float]:
    from indicators.ingest.imports import import_files
    from indicators.ingest.result import LoadOptions
    from indicators.store import open_store

    options = LoadOptions()
    if name == "undesa":
        files = sorted(str(p) for p in REFERENCE.glob("EGOV_DATA_*.csv"))
        if len(files) < 11:
            return {"skipped": 1.0}
    elif name == "sources":
        if not SOURCES.is_dir():
            return {"skipped": 1.0}
        files, options = [str(SOURCES)], LoadOptions(year=NIS_YEAR)
    else:
        files = [str(Path(workdir) / f"{name}.csv")]
    store = open_store(str(Path(workdir) / f"{name}.sqlite"))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    results, landed = import_files(files, store, options=options)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert landed, [i.message for r in results for i in r.issues if i.severity == "error"][:5]
    values = sum(r.outcome.added for r in results if r.outcome)
    growth = rss_after - rss_before
    return {"seconds": elapsed, "cpu": cpu, "values": values, "files": len(results), "peak_growth_mib": growth, "max_rss_mib": rss_after}


def main() -> None:
    if len(sys.argv) == 3:
        print(json.dumps(scenario(sys.argv[1], sys.argv[2])))
        return
    with tempfile.TemporaryDirectory() as workdir:
        write_long_table(Path(workdir) / "long1m.csv", 1_000_000)
        write_long_table(Path(workdir) / "long50k.csv", 50_000)
        goals = {
            "undesa": ("every UN DESA results file", 1.0, None),
            "sources": ("the whole folder of publishers' downloads", 10.0, 500),
            "long1m": ("a 1,000,000-row long CSV", 5.0, 300),
            "long50k": ("a 50,000-row long table", 2.0, None),
        }
        for name, (label, goal, memory_goal) in goals.items():
            out = subprocess.run([sys.executable, __file__, name, workdir], capture_output=True, text=True, check=True)
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            if "skipped" in figures:
                print(f"{label}: skipped (reference files not found)")
                continue
            memory = f" (goal < {memory_goal} MiB)" if memory_goal else ""
            print(
                f"{label}: {int(figures['files'])} file(s), {int(figures['values']):,} values stored in {figures['seconds']:.2f} s "
                f"({figures['cpu']:.2f} s CPU; goal < {goal:.0f} s); peak memory {figures['max_rss_mib']:.0f} MiB{memory}, "
                f"+{figures['peak_growth_mib']:.0f} MiB over the loaded libraries"
            )


if __name__ == "__main__":
    main()
