"""Print the back-test of every edition 2014–2024 from the component data in a store, against the goals, and its speed.

Goals (issue 11): median absolute error, reconstructed against published, TII <= 0.02 and HCI <= 0.04 for 2022 and 2024;
TII correlation >= 0.97 for 2020–2024. The store needs component data for all countries (a new store holds the bundled
component data; imported ITU/World Bank/UNDP files join it); each series is read from the release out by the end of the
edition's year, else the earliest held (indicators.method.vintages), as the `backtest` command reads it.
Run: .venv/bin/python benchmarks/bench_backtest.py [--db PATH_OR_URL]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

GOALS = {(2022, "tii"): 0.02, (2024, "tii"): 0.02, (2022, "hci"): 0.04, (2024, "hci"): 0.04}
CORRELATION_GOAL = 0.97  # TII, 2020–2024


def main() -> int:
    import pandas as pd

    from indicators.ingest.imports import open_seeded_store
    from indicators.method.backtest import backtest
    from indicators.method.methodology import load_methodology
    from indicators.method.stored import stored_components, stored_published
    from indicators.method.vintages import choose_releases

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database (default: the project's store)")
    store = open_seeded_store(parser.parse_args().db)
    published = stored_published(store)
    editions = [2014, 2016, 2018, 2020, 2022, 2024]
    components = stored_components(store)
    if components["entity"].nunique() < 150:
        print(f"Component data for {components['entity'].nunique()} countries only: bundle or import the component data first.")
        return 1
    summaries, failed = [], []
    for edition in editions:
        started = time.perf_counter()
        result = backtest(choose_releases(components, as_of=edition), published, load_methodology(edition))
        summaries.append(result.summary.assign(seconds=round(time.perf_counter() - started, 3)))
    table = pd.concat(summaries, ignore_index=True)
    print(table.round(4).to_string(index=False))
    for row in table.itertuples():
        goal = GOALS.get((row.edition, row.subindex))
        if goal is not None and not row.median_abs_error <= goal:
            failed.append(f"{row.subindex.upper()} {row.edition}: median |error| {row.median_abs_error:.4f} > {goal}")
        if row.subindex == "tii" and row.edition >= 2020 and not row.correlation >= CORRELATION_GOAL:
            failed.append(f"TII {row.edition}: correlation {row.correlation:.4f} < {CORRELATION_GOAL}")
    print("\n".join(failed) if failed else "Every goal is met.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
