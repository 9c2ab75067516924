"""The Data page's callbacks on the bundled store (a new store: 30 versions, the whole world's published results and
component data), server side, warm: the median and the slowest of N calls each, as an administrator (who sees the
most: rollback, addresses, account changes). Then a background import of a ~10 MB long table: the wall time from
queueing it to its end, run by a runner thread as in `python app.py`, and how long other callbacks of the page take
while it runs (the page stays responsive).

Run: .venv/bin/python benchmarks/bench_data_page.py [--rounds N]
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

import app  # noqa: E402,F401  (registers the pages)
from indicators.ingest.jobs import run_next_job  # noqa: E402
from layouts.callbacks import data as callbacks  # noqa: E402
from layouts.callbacks import data_jobs as job_callbacks  # noqa: E402
from layouts.pages import data as page  # noqa: E402
from layouts.views import snapshot  # noqa: E402
from tests.layouts.databases import use_pages, using  # noqa: E402
from tests.layouts.fields import large_long_table  # noqa: E402
from tests.layouts.signing import signed_in  # noqa: E402

SMALL = "entity,year,indicator,value,source\nCambodia,2024,internet_users_pct,61.5,TRC\nThailand,2024,internet_users_pct,88,ITU\n"


def upload(text: str) -> list[str]:
    return ["data:text/csv;base64," + base64.b64encode(text.encode()).decode()]


def timed(call: Callable[[], object], rounds: int) -> tuple[float, float]:
    call()  # warm: caches filled, catalogs read
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    database = str(Path(tempfile.mkdtemp(prefix="bench-data-")) / "egdi.sqlite")
    with using(database, use_pages), signed_in("bench-admin", "admin"):
        store = snapshot.store()
        latest = int(store.versions()["version_id"].max())
        checked = callbacks.check_upload(upload(SMALL), "auto", ["national.csv"], "en")[4]
        rows = {
            "layout (whole page)": lambda: page.layout(lang="en"),
            "layout, Khmer": lambda: page.layout(lang="km"),
            "check a small upload": lambda: callbacks.check_upload(upload(SMALL), "auto", ["national.csv"], "en"),
            "refresh history": lambda: callbacks.refresh_history(latest, "en"),
            "refresh audit trail": lambda: callbacks.refresh_audit(latest, "en"),
            "show a version": lambda: callbacks.show_version(latest, "en"),
            "offer its rollback": lambda: callbacks.offer_rollback(latest, "en"),
            "poll: no job (interval off)": lambda: job_callbacks.follow_job(1, None, "en"),
        }
        print(f"Data page callbacks on the bundled store ({latest} versions), {args.rounds} warm calls each, in ms:")
        print(f"  {'callback':32} {'median':>8} {'max':>8}")
        for name, call in rows.items():
            median, slowest = timed(call, args.rounds)
            print(f"  {name:32} {median:8.1f} {slowest:8.1f}")
        imported = callbacks.confirm_import(1, upload(SMALL), ["national.csv"], "auto", checked, "en")
        assert imported[2] == latest + 1, imported

        text = large_long_table("synthetic series: data page benchmark, background import", seed=3)  # about 10 MB
        big = upload(text)
        started = time.perf_counter()
        _, _, _, label, found = callbacks.check_upload(big, "auto", ["big.csv"], "en")
        check_seconds = time.perf_counter() - started
        assert label == "Import in the background", label
        started = time.perf_counter()
        job_id = callbacks.confirm_import(1, big, ["big.csv"], "auto", found, "en")[4]
        queue_seconds = time.perf_counter() - started
        assert isinstance(job_id, int), job_id
        runner = threading.Thread(target=run_next_job, args=(store, "bench:1"))
        began = time.perf_counter()
        runner.start()
        during: list[float] = []
        while runner.is_alive():
            tick = time.perf_counter()
            job_callbacks.follow_job(1, job_id, "en")
            callbacks.refresh_history(latest, "en")
            during.append((time.perf_counter() - tick) * 1000)
            time.sleep(0.2)
        runner.join()
        wall = time.perf_counter() - began
        _, stopped, revision, _ = job_callbacks.follow_job(2, job_id, "en")
        assert stopped and revision == latest + 2, (stopped, revision)
    print(
        f"Background import of {len(text) / 2**20:.1f} MiB ({text.count(chr(10)) - 1} rows): check in the request {check_seconds:.1f} s, "
        f"queued in {queue_seconds * 1000:.0f} ms, imported by the runner in {wall:.1f} s; meanwhile a poll and a history "
        f"refresh took {statistics.median(during):.0f} ms (median), {max(during):.0f} ms (slowest) over {len(during)} rounds"
    )


if __name__ == "__main__":
    main()
