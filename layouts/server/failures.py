"""Failure pages: what a person sees when something goes wrong, in their language, never a traceback or a blank page.

- **Pages** (the layout of every Dash page is wrapped by `guard_page_layouts`): a store that cannot be read shows
  what is wrong and what the operator should check, in the page's language; any other failure of a layout says the
  page could not be shown (the details go to the server log).
- **Callbacks** get JSON `{"message": {"en": ..., "km": ...}}` with a 4xx or 5xx status, which assets/server-notice.js
  shows at the top of the page: 400 for malformed requests and values a callback cannot use, 403 refused writes, 413
  bodies over the limit, 503 when the database is away.
- **Other requests** get a small HTML page in the language of `?lang=` or the browser's Accept-Language.
"""

from __future__ import annotations

import functools
import html as html_text
import logging
from collections.abc import Callable
from typing import Any

import flask
from dash import html
from werkzeug.exceptions import HTTPException

from indicators.ingest.readers import MAX_FILE_BYTES
from indicators.store import StoreError
from layouts.i18n import t
from layouts.state import language
from layouts.views.snapshot import store

log = logging.getLogger(__name__)
STORE_CHECKS = {  # what the operator should check, by StoreError code
    "store_cannot_open": "server_db_unreachable",
    "store_database_error": "server_db_unreachable",
    "store_not_a_database": "server_db_damaged",
    "store_newer_schema": "server_db_newer",
    "store_busy": "server_db_busy",
    "store_bad_url": "server_db_bad_url",
}
STATUS_KEYS = {
    400: "server_bad_request",
    403: "server_forbidden",
    404: "server_not_found",
    405: "server_bad_method",
    413: "server_too_large",
}
BAD_VALUES = (ValueError, TypeError, KeyError, IndexError, AttributeError)  # raised by a callback given values it cannot use


def text_pair(key: str, **params: object) -> dict[str, str]:
    return {lang: t(key, lang, **params) for lang in ("en", "km")}


def store_failure(error: StoreError) -> dict[str, str]:
    """What to tell a person about a store that cannot be used: the problem and what the operator should check."""
    return text_pair(STORE_CHECKS.get(error.code, "server_db_unreachable"))


def json_failure(status: int, message: dict[str, str]) -> flask.Response:
    response = flask.jsonify({"status": status, "message": message})
    response.status_code = status
    return response


def request_language() -> str:
    chosen = flask.request.args.get("lang")
    if chosen:
        return language(chosen)
    return "km" if flask.request.accept_languages.best_match(["en", "km"]) == "km" else "en"


def plain_page(lang: str, title: str, body: str, status: int = 200) -> flask.Response:
    """A page of its own (no scripts) with the app's styles: `title` is text, `body` is HTML already escaped."""
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{html_text.escape(title)} · {html_text.escape(t('app_title', lang))}</title>"
        '<link rel="stylesheet" href="/assets/style.css"><link rel="stylesheet" href="/assets/security.css"></head>'
        f'<body><main class="page"><h1>{html_text.escape(title)}</h1>{body}</main></body></html>'
    )
    return flask.Response(page, status=status, mimetype="text/html")


def html_failure(status: int, message: dict[str, str]) -> flask.Response:
    lang = request_language()
    body = (
        f'<p class="notice notice-error" role="alert">{html_text.escape(message[lang])}</p>'
        f'<p><a href="/?lang={lang}">{html_text.escape(t("server_home", lang))}</a></p>'
    )
    return plain_page(lang, t("server_failure_title", lang), body, status)


def failure(status: int, message: dict[str, str], callback_route: str) -> flask.Response:
    """The failure as JSON for callbacks, as a page for everything else."""
    return json_failure(status, message) if flask.request.path == callback_route else html_failure(status, message)


def register_failure_handlers(server: flask.Flask, callback_route: str) -> None:
    @server.errorhandler(StoreError)
    def _store(error: StoreError) -> flask.Response:
        log.error("store: %s (%s)", error, error.code)
        return failure(503, store_failure(error), callback_route)

    @server.errorhandler(HTTPException)
    def _http(error: HTTPException) -> flask.Response | HTTPException:
        code = error.code or 500
        if code not in STATUS_KEYS:
            return error
        return failure(code, text_pair(STATUS_KEYS[code], limit=MAX_FILE_BYTES // 2**20), callback_route)

    @server.errorhandler(Exception)
    def _unexpected(error: Exception) -> flask.Response:
        if flask.request.path == callback_route and isinstance(error, BAD_VALUES):
            log.warning("callback refused values it cannot use", exc_info=error)
            return json_failure(400, text_pair("server_bad_values"))
        log.exception("unexpected error", exc_info=error)
        return failure(500, text_pair("server_error"), callback_route)


FAILED_PAGE_CLASS = "page-failure"


def failure_content(message: str) -> html.Div:
    """What a page shows instead of its content when it cannot be drawn."""
    return html.Div(html.P(message, className="notice notice-error", role="alert"), className=FAILED_PAGE_CLASS)


def guarded_layout(layout: Callable[..., Any]) -> Callable[..., Any]:
    """`layout` that shows a failure in the page's language instead of raising; every page first makes sure the store
    opens (even a page that reads none of it says so when the database is away)."""

    @functools.wraps(layout)
    def drawn(**query: Any) -> Any:
        lang = language(query.get("lang"))
        try:
            store()
            return layout(**query)
        except StoreError as error:
            log.error("page %s: store: %s (%s)", getattr(layout, "__module__", "?"), error, error.code)
            return failure_content(store_failure(error)[lang])
        except Exception:
            log.exception("page %s could not be drawn for %s", getattr(layout, "__module__", "?"), query)
            return failure_content(t("server_page_failed", lang))

    drawn.egdi_guarded = True  # type: ignore[attr-defined]
    return drawn


def guard_page_layouts(registry: dict[str, dict[str, Any]]) -> None:
    """Wrap the layout of every registered page (once)."""
    for page in registry.values():
        layout = page.get("layout")
        if callable(layout) and not getattr(layout, "egdi_guarded", False):
            page["layout"] = guarded_layout(layout)
