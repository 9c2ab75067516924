"""Print what-if and goal-seek timings on 193 countries (goals: what-if < 50 ms, goal seek < 500 ms).

Components: a synthetic 193-country field (every component of the 2022 method), Cambodia's internet users set
to 80 %. Published: the UN 2022 results (../shared/reference/undesa), Cambodia's OSI and TII set directly.
Run: .venv/bin/python benchmarks/bench_whatif.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.bench_scoring import field  # noqa: E402
from indicators.ingest.published import read_published  # noqa: E402
from indicators.method.methodology import load_methodology  # noqa: E402
from indicators.method.results import published_table  # noqa: E402
from indicators.outlook.goal_seek import component_evaluator, goal_better_group, goal_rank, goal_seek, published_evaluator  # noqa: E402
from indicators.outlook.whatif import whatif_components, whatif_published  # noqa: E402

REFERENCE = Path(os.environ.get("EGDI_REFERENCE_DIR", PROJECT.parent / "shared" / "reference" / "undesa"))


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    method = load_methodology(2022)
    components = field().assign(entity=lambda f: f["entity"].str.replace("C000", "KHM", regex=False))
    entity = "KHM"
    results = {
        "what-if, components (full re-score of 193)": timed(
            lambda: whatif_components(components, method, entity, {"internet_users_pct": 80.0}), args.repeat
        ),
    }
    baseline = whatif_components(components, method, entity, {}).row("baseline")
    evaluate = component_evaluator(components, method, entity, "osi_score")
    reached = goal_better_group(baseline, [g.label for g in method.groups])
    results["goal seek, components (next group through the OSI)"] = timed(
        lambda: goal_seek(evaluate, reached, 0.0, 1000.0), max(args.repeat // 5, 3)
    )
    if (REFERENCE / "EGOV_DATA_2022.csv").is_file():
        published = published_table(read_published(str(REFERENCE / "EGOV_DATA_2022.csv")).tidy)
        results["what-if, published 2022 (re-rank 193)"] = timed(
            lambda: whatif_published(published, method, "KHM", {"osi": 0.6}), args.repeat
        )
        seek = published_evaluator(published, method, "KHM", "osi")
        results["goal seek, published 2022 (world top 100 through the OSI)"] = timed(
            lambda: goal_seek(seek, goal_rank(100), 0.4181, 1.0), args.repeat
        )
    for label, (median, p95) in results.items():
        print(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
