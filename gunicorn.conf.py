"""gunicorn settings for the dashboard (`bash scripts/serve.sh` uses them; see README, "Running it for many users").

Each value can be changed with the environment variable named beside it. Workers are stateless: everything they
share lives in the database (data, accounts, sessions' accounts, audit, background jobs), so more workers, or more
machines behind one proxy, need only the same EGDI_DATABASE_URL and EGDI_SECRET_KEY.
"""

import os
import subprocess
from pathlib import Path

bind = os.environ.get("EGDI_BIND", "127.0.0.1:8050")  # behind the reverse proxy; never 0.0.0.0 without one
workers = int(os.environ.get("EGDI_WORKERS", "4"))  # processes: about one per core
worker_class = "gthread"
threads = int(os.environ.get("EGDI_THREADS", "1"))  # requests each worker serves at once: the work is Python, and threads
# of one worker only wait for each other's turn (benchmarks/load_test.py: callbacks p95 0.20 s with 1, 0.21-0.33 s with 2)
timeout = int(os.environ.get("EGDI_WORKER_TIMEOUT", "60"))  # a worker silent this long is restarted; long imports run as jobs
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # a worker is replaced after this many requests (with jitter), which bounds its memory
max_requests_jitter = 200
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190  # request bodies are limited by the app (EGDI_MAX_REQUEST_MB: 413)
preload_app = True  # the app is loaded once and the workers share its memory (see when_ready)
accesslog = os.environ.get("EGDI_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'  # no cookies, no query of the referrer
proc_name = "egdi-dashboard"
control_socket_disable = True  # gunicorn's control socket is not used (and would be shared by every server of this user)
raw_env = ["EGDI_REQUIRE_SECRET=1"]  # never sign with a secret made on the fly

_chart_service: list[subprocess.Popen[bytes]] = []


def on_starting(server):
    """Before the workers: the one chart browser they share (see layouts/chart_service.py)."""
    os.environ["EGDI_REQUIRE_SECRET"] = "1"
    if os.environ.get("EGDI_CHART_SERVICE", "1") != "0":
        from layouts.chart_service import start_service

        _chart_service.append(start_service(Path(os.environ.get("EGDI_RUN_DIR", "var/run"))))


def when_ready(server):
    """In the master, before it forks the workers: the store's frames, the Outlook's nowcast of the default country and
    the pages' default views computed once; every worker starts with them, in memory the workers share, instead of
    computing its own copy."""
    from app import draw_every_page, draw_pages
    from layouts.views.outlook_ready import warm_before_fork

    warm_before_fork(first=draw_pages, then=draw_every_page)


def post_worker_init(worker):
    """In each worker: the runner of background import jobs, the return of freed memory (layouts/server/memory.py),
    and the pages and the Outlook's pieces of a newer data version than the master's computed before a visitor asks."""
    from app import draw_every_page, draw_pages
    from layouts.server.jobs import start_job_runner
    from layouts.server.memory import start_trimmer
    from layouts.views.outlook_ready import warm

    start_job_runner()
    start_trimmer()
    warm(first=draw_pages, then=draw_every_page)


def on_exit(server):
    for service in _chart_service:
        service.terminate()
        service.wait(timeout=10)
