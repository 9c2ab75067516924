"""The visitors of the load test (benchmarks/load_test.py runs this with locust; not meant to be run alone).

Each simulated person opens a page the way a browser does: the page itself, Dash's layout and dependencies, then
every callback the page fired when it was recorded in a real browser (EGDI_LOAD_PLAN, written by load_test.py).
Every request is logged with its start time, so the runner can tell the requests made during the import apart.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import time

from locust import FastHttpUser, between, events, task

PLAN = json.loads(open(os.environ["EGDI_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
LOG: list[tuple[float, str, str, float, int, float]] = []
TIMING = re.compile(r"app;dur=([0-9.]+)")


@events.request.add_listener
def _log(request_type, name, response_time, response_length, response=None, exception=None, start_time=None, **_):  # type: ignore[no-untyped-def]
    status = response.status_code if response is not None else 0
    failed = exception is not None or status not in (200, 204)
    timing = TIMING.search(response.headers.get("Server-Timing", "") or "") if response is not None else None
    server_ms = float(timing.group(1)) if timing else -1.0
    LOG.append((start_time or time.time(), request_type, name, response_time, 0 if failed else status, server_ms))


@events.quitting.add_listener
def _write(environment, **_):  # type: ignore[no-untyped-def]
    with open(os.environ["EGDI_LOAD_LOG"], "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["start", "method", "name", "ms", "status", "server_ms"])
        writer.writerows(LOG)


class Visitor(FastHttpUser):
    wait_time = between(1.0, 5.0)  # reading the page before the next click

    @task
    def visit(self) -> None:
        page = random.choice(PLAN)
        self.client.get(page["path"], name="page " + page["path"].split("?")[0])
        self.client.get("/_dash-layout", name="dash layout")
        self.client.get("/_dash-dependencies", name="dash dependencies")
        for body in page["callbacks"]:
            self.client.post("/_dash-update-component", json=body, name="callback " + body["output"][:60])
