"""Print how long scoring 193 entities takes, for one edition and for every edition 2014–2024.

Run: .venv/bin/python benchmarks/bench_scoring.py [--repeat N]
Goal: under 5 ms per edition (median). Figures only; no test depends on timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indicators.method.methodology import available_editions, load_methodology
from indicators.method.scoring import score

RANGES = {
    "internet_users_pct": (1, 100),
    "mobile_subscriptions_per_100": (10, 200),
    "mobile_broadband_per_100": (0, 160),
    "fixed_broadband_per_100": (0, 50),
    "fixed_telephone_per_100": (0, 60),
    "adult_literacy_pct": (20, 100),
    "gross_enrolment_pct": (30, 100),
    "expected_schooling_years": (5, 22),
    "mean_schooling_years": (1, 14),
    "osi_score": (0, 200),
    "epi_score": (0, 90),
}


def field(n: int = 193, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = [(f"C{i:03d}", code, float(rng.uniform(*r))) for i in range(n) for code, r in RANGES.items()]
    return pd.DataFrame(rows, columns=["entity", "indicator", "value"])


def median_ms(tidy: pd.DataFrame, edition: int, repeat: int) -> float:
    method = load_methodology(edition)
    score(tidy, method)  # warm up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        score(tidy, method)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    tidy = field()
    print(f"Scoring 193 entities, median of {args.repeat} runs (goal: < 5 ms per edition)")
    total = 0.0
    for edition in available_editions():
        ms = median_ms(tidy, edition, args.repeat)
        total += ms
        print(f"  edition {edition}: {ms:6.2f} ms")
    print(f"  all {len(available_editions())} editions: {total:6.2f} ms")


if __name__ == "__main__":
    main()
