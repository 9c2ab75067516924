"""The Outlook page's server time on the bundled store: the first computation (done once per data version, in the
background at server start: layouts.views.outlook_ready) and the callbacks after it.

Measured in one process on a new store (seeded with the bundled data):
- warm-up: the Outlook (component data read), the next Survey's nowcast with the replays that size its intervals,
  the evaluation of 2020–2024, Cambodia's levers and the cheapest paths to the Policy milestones;
- a country's levers (another country than the default: computed when first asked for);
- callbacks: the Outlook page drawn for a country the first time and again (kept per store version), a change of
  country, the Overview's nowcast line, the Targets view with the nowcast deciding the next milestone.

Run: .venv/bin/python benchmarks/bench_outlook.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def ms(action: Callable[[], object], rounds: int = 1) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    import app  # noqa: F401  (registers the pages)
    from indicators.outlook.targets import load_targets, stored_targets
    from layouts.callbacks.outlook import update_outlook
    from layouts.callbacks.overview import update_nowcast
    from layouts.pages import outlook, overview
    from layouts.views import outlook_ready, snapshot
    from layouts.views import targets as targets_view

    with tempfile.TemporaryDirectory() as folder:
        snapshot.configure(str(Path(folder) / "egdi.sqlite"))
        print(f"store opened and seeded: {ms(snapshot.snapshot) / 1000:.2f} s")
        steps = (
            ("outlook and nowcast (replays, intervals, evaluation)", lambda: outlook_ready.base(wait=True)),
            ("levers of Cambodia", lambda: outlook_ready.levers("KHM", wait=True)),
            (
                "cheapest paths to the 12 milestones",
                lambda: outlook_ready.paths(stored_targets(snapshot.store(), load_targets()), wait=True),
            ),
        )
        for label, step in steps:
            print(f"warm-up, {label}: {ms(step) / 1000:.2f} s")
        print(f"levers of Thailand (first asked): {ms(lambda: outlook_ready.levers('THA', wait=True)) / 1000:.2f} s")
        outlook_ready.levers("VNM", wait=True)
        shown = {"lang": "en", "entity": "KHM"}
        print(f"Outlook page, Cambodia, first draw: {ms(lambda: outlook.layout(entity='KHM')):.0f} ms")
        print(f"Outlook page, Cambodia, again: {ms(lambda: outlook.layout(entity='KHM'), 5):.1f} ms")
        print(f"callback: change of country to Viet Nam, first draw: {ms(lambda: update_outlook('VNM', None, shown, '')):.0f} ms")
        print(f"callback: change of country to Viet Nam, again: {ms(lambda: update_outlook('VNM', None, shown, ''), 5):.1f} ms")
        print(f"callback: poll of a complete page: {ms(lambda: update_outlook('KHM', 1, shown, ''), 5):.1f} ms")
        line = {"lang": "km", "entity": "KHM", "edition": 2024}
        print(f"callback: Overview's nowcast line: {ms(lambda: update_nowcast(1, line), 5):.1f} ms")
        print(f"Overview page, Cambodia, first draw: {ms(lambda: overview.layout()):.0f} ms; again: {ms(overview.layout, 5):.1f} ms")
        first, again = ms(targets_view.targets_view), ms(targets_view.targets_view, 5)
        print(f"Targets view with the nowcast, first: {first:.0f} ms; again: {again:.1f} ms")
        snapshot.store().close()


if __name__ == "__main__":
    main()
