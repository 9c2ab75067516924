"""HTTP hardening, for pages, callbacks and assets alike.

- **Headers** (with the `secure` library): a Content-Security-Policy that allows only the app's own origin, with the
  hashes of Dash's inline scripts (`Dash.csp_hashes`) instead of 'unsafe-inline' for scripts; styles need
  'unsafe-inline' (see CSP_STYLE below); no 'unsafe-eval'. frame-ancestors 'none' and X-Frame-Options DENY (no
  clickjacking), nosniff, Referrer-Policy same-origin, a restrictive Permissions-Policy, Cross-Origin-Opener-Policy,
  and Strict-Transport-Security under EGDI_HTTPS=1.
- **Hosts**: a request for a host name not in EGDI_ALLOWED_HOSTS gets 400 (DNS rebinding).
- **Origins**: a POST whose Origin (or, without one, Referer) is another site gets 403 (cross-site request forgery).
- **Size**: a body larger than EGDI_MAX_REQUEST_MB gets 413 before it is read.
- **Server**: the development server says `egdi` (see `QuietRequestHandler`); gunicorn says `gunicorn`, without version.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import flask
import secure
from werkzeug.exceptions import Forbidden, RequestEntityTooLarge
from werkzeug.serving import WSGIRequestHandler

from layouts.server.failures import failure, text_pair
from layouts.server.settings import Settings

# Styles: Dash components, Plotly and AG Grid set `style` attributes and insert <style> elements at run time (Plotly's
# modebar and hover rules, AG Grid's theme), which CSP treats as inline styles: without 'unsafe-inline' for styles,
# charts and grids lose their layout. Inline styles cannot run code; scripts stay limited to the app's own files.
CSP_STYLE = ("'self'", "'unsafe-inline'")
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def security_headers(chosen: Settings, script_hashes: list[str]) -> secure.Secure:
    csp = (
        secure.ContentSecurityPolicy()
        .default_src("'self'")
        .script_src("'self'", *script_hashes)
        .style_src(*CSP_STYLE)
        .img_src("'self'", "data:", "blob:")
        .font_src("'self'", "data:")
        .connect_src("'self'")
        .object_src("'none'")
        .base_uri("'self'")
        .form_action("'self'")
        .frame_ancestors("'none'")
    )
    return secure.Secure(
        csp=csp,
        hsts=secure.StrictTransportSecurity().max_age(31536000) if chosen.https else None,
        referrer=secure.ReferrerPolicy().same_origin(),
        xcto=secure.XContentTypeOptions(),
        xfo=secure.XFrameOptions().deny(),
        coop=secure.CrossOriginOpenerPolicy().same_origin(),
        permissions=secure.PermissionsPolicy().geolocation().camera().microphone(),
    )


def host_allowed(host: str, chosen: Settings) -> bool:
    """True when `host` (Host header, port included or not) names this site."""
    if "*" in chosen.allowed_hosts:
        return True
    name = host.casefold()
    name = (name.rsplit(":", 1)[0] if name.count(":") == 1 else name) if not name.startswith("[") else name.split("]")[0] + "]"
    return name in chosen.allowed_hosts


def same_origin(source: str, chosen: Settings) -> bool:
    """True when the URL `source` (an Origin or Referer) is this site."""
    parts = urlsplit(source)
    expected_scheme = "https" if chosen.https else flask.request.scheme
    return parts.scheme == expected_scheme and parts.netloc.casefold() == flask.request.host.casefold()


class RequestChecks:
    """Host, origin and size checks (a Flask before_request)."""

    def __init__(self, chosen: Settings, callback_route: str) -> None:
        self._settings = chosen
        self._callback_route = callback_route

    def __call__(self) -> flask.Response | None:
        request = flask.request
        if not host_allowed(request.host, self._settings):
            return failure(400, text_pair("server_unknown_host"), self._callback_route)
        if request.method in UNSAFE_METHODS:
            source = request.headers.get("Origin") or request.headers.get("Referer")
            if source is not None and not same_origin(source, self._settings):
                return failure(403, text_pair("server_other_origin"), self._callback_route)
            if (request.content_length or 0) > self._settings.max_request_bytes:
                raise RequestEntityTooLarge()
        return None


def install_hardening(server: flask.Flask, chosen: Settings, script_hashes: Callable[[], list[str]], callback_route: str) -> None:
    """`script_hashes` is asked at the first response: Dash adds inline scripts until its first request is set up."""
    server.config["MAX_CONTENT_LENGTH"] = chosen.max_request_bytes  # bodies sent without a length stop there too
    server.before_request(RequestChecks(chosen, callback_route))
    headers: list[secure.Secure] = []

    @server.after_request
    def _headers(response: flask.Response) -> flask.Response:
        if not headers:
            headers.append(security_headers(chosen, script_hashes()))
        headers[0].set_headers(response)
        return response

    @server.errorhandler(Forbidden)
    def _forbidden(error: Forbidden) -> flask.Response:
        return failure(403, text_pair("server_forbidden"), callback_route)


class QuietRequestHandler(WSGIRequestHandler):
    """The development server's request handler, naming no software versions in the Server header."""

    def version_string(self) -> str:
        return "egdi"
