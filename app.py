"""The dashboard. `python app.py [--host H] [--port P] [--db PATH_OR_URL]` serves it on http://127.0.0.1:8050.

For many users, `bash scripts/serve.sh` runs the WSGI application `app:server` under gunicorn (see README and
gunicorn.conf.py); the database comes from $EGDI_DATABASE_URL then. `python app.py --make-secret` makes the session
secret var/secret-key once.
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from functools import lru_cache
from pathlib import Path

import dash
import flask
from dash import Dash

from indicators.outlook.record import ENTITY
from layouts import shell
from layouts.i18n import LANGUAGES
from layouts.server.compression import compress_static_once
from layouts.server.hardening import QuietRequestHandler
from layouts.server.install import install
from layouts.server.jobs import start_job_runner
from layouts.server.memory import start_trimmer
from layouts.server.secret import make_secret_file
from layouts.views import outlook_ready, snapshot
from layouts.views import reports as reports_view
from layouts.views.method_split import latest_split_sentences

PAGES_DIR = Path(__file__).resolve().parent / "layouts" / "pages"
ASSETS_DIR = Path(__file__).resolve().parent / "assets"
VENDOR_DIR = ASSETS_DIR / "vendor"


class Dashboard(Dash):
    """Dash, with `<html lang>` set in the HTML the server sends (from the address's `lang`), not only by a script,
    only the scripts the page needs (`shell.page_scripts`), and what a chart page will need asked for at once
    (`shell.preloads`)."""

    def interpolate_index(self, **kwargs: str) -> str:
        runtime = self.get_asset_url(shell.REGENERATOR_RUNTIME)
        kwargs["scripts"] = shell.page_scripts(kwargs.get("scripts", ""), flask.request.path, runtime)
        kwargs["metas"] = kwargs.get("metas", "") + shell.preloads(flask.request.path, self.config.requests_pathname_prefix)
        return shell.with_html_lang(super().interpolate_index(**kwargs), flask.request.args.get("lang"))


def create_app(database_url: str | None = None) -> Dash:
    snapshot.configure(database_url)
    flask_server = flask.Flask(__name__)
    compress_static_once(flask_server, ASSETS_DIR)
    dash_app = Dashboard(
        __name__,
        server=flask_server,
        use_pages=True,
        pages_folder=str(PAGES_DIR),
        title="E-Government Readiness: Cambodia",
        serve_locally=True,
        assets_folder=str(ASSETS_DIR),
        assets_path_ignore=shell.ASSETS_NOT_IN_EVERY_PAGE,
        compress=True,
        suppress_callback_exceptions=True,
    )
    dash_app.layout = shell.layout
    import layouts.callbacks  # noqa: F401  (registers every page's callbacks)

    install(dash_app)
    return dash_app


app = create_app(os.environ.get("EGDI_DATABASE_URL"))
server = app.server
gc.freeze()  # the objects made at start-up live as long as the app: keep full collections from walking them


@server.before_request
def _start_timer() -> flask.Response | None:
    flask.g.started = time.perf_counter()
    if flask.request.path.endswith(shell.PLOTLY_JS_PATH):  # dcc.Graph asks for plotly.js when it first draws
        cache = {"Cache-Control": f"public, max-age={shell.VENDOR_MAX_AGE}"}
        return flask.Response(_plotly_bundle(), mimetype="application/javascript", headers=cache)
    return None


@lru_cache(maxsize=1)
def _plotly_bundle() -> bytes:
    return (VENDOR_DIR / shell.PLOTLY_BUNDLE).read_bytes()


@server.after_request
def _server_timing(response: flask.Response) -> flask.Response:
    """Report the server's time for every request (callbacks included) in the standard Server-Timing header."""
    started = getattr(flask.g, "started", None)
    if started is not None:
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
    return response


FIRST_PAGES = ("/",)  # drawn before the Outlook's pieces: the page most visitors open first
NOT_DRAWN_AHEAD = ("/reports", "/404")  # Reports: drawing it starts the chart browser (its notes are drawn); 404: nothing


def every_page() -> tuple[str, ...]:
    """The paths of the pages drawn once the Outlook's pieces are ready: all but NOT_DRAWN_AHEAD (a page left out keeps
    its first visitor waiting for what it computes: the Provinces' first draw reads the province files, about 0.5 s)."""
    return tuple(page["path"] for page in dash.page_registry.values() if page["path"] not in NOT_DRAWN_AHEAD)


def draw_pages(paths: tuple[str, ...] = FIRST_PAGES) -> None:
    """The default view of the pages at `paths`, in both languages, drawn once as a request would draw it, so that
    what a page computes once per data version (the split of a change into data and method, the back-test, the peer
    sets, the map, the targets' statuses) is ready for its first visitor. Called in the background when the server
    starts: the Overview first, then, once the nowcast is ready (the lights of the targets depend on it), every page
    with the Reports page's notes (the page itself would start the chart browser)."""
    layouts = {page["path"]: page["layout"] for page in dash.page_registry.values()}
    for path in paths:
        for lang in LANGUAGES:
            with server.test_request_context(path):
                layouts[path](lang=lang)
    if paths == FIRST_PAGES:  # what the Overview adds under the nowcast's line once the nowcast is ready
        with server.test_request_context("/"):
            latest_split_sentences(ENTITY, "en")
    if paths != FIRST_PAGES:
        with server.test_request_context("/reports"):
            chosen = reports_view.choice(reports_view.DEFAULT_ENTITY, None, "en")
            reports_view.report_notes(chosen.entity, chosen.edition, "en")


def draw_every_page() -> None:
    draw_pages(every_page())


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the e-government readiness dashboard.")
    parser.add_argument("--host", default=os.environ.get("EGDI_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("EGDI_PORT", "8050")))
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database (default: $EGDI_DATABASE_URL, else var/egdi.sqlite)")
    parser.add_argument("--debug", action="store_true", help="Dash debug mode (development only)")
    parser.add_argument("--make-secret", action="store_true", help="make the session secret var/secret-key (once) and stop")
    args = parser.parse_args()
    if args.make_secret:
        print(f"Session secret: {make_secret_file()}")
        return
    if args.db:
        snapshot.configure(args.db)
    start_job_runner()
    start_trimmer()
    outlook_ready.warm(first=draw_pages, then=draw_every_page)  # computed now, not when a visitor asks
    print(f"Dashboard on http://{args.host}:{args.port}")
    app.run(host=args.host, port=args.port, debug=args.debug, request_handler=QuietRequestHandler)


if __name__ == "__main__":
    main()
