"""The guard on every write callback, on the server: a callback request is checked before Dash runs it.

A write callback is any callback one of whose inputs is in WRITE_TRIGGERS (component id and property → the action it
performs, see `indicators.store.access`). Dash picks the function to run by the request's `output`, so the guard
finds the callback the same way and refuses, with 403 and a message in English and Khmer, when the signed-in role
(`sessions.current_actor`) does not allow the action: nothing runs, and the store is untouched. The core checks the
role again when it writes.

A request that is not a well-formed call of a known callback (not JSON, unknown output, inputs or state other than
the callback's own) is refused with 400 before Dash reads it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import flask
from dash import Dash

from indicators.store.access import ACTIONS, ROLES, refusal
from layouts import ids
from layouts.server.failures import json_failure, text_pair
from layouts.server.sessions import current_actor

WRITE_TRIGGERS: dict[tuple[str, str], str] = {
    (ids.DATA_UPLOAD, "contents"): "import",  # checking an upload reads the files: only for those who may import them
    (ids.DATA_CONFIRM, "n_clicks"): "import",
    (ids.DATA_ISSUES_CSV_BUTTON, "n_clicks"): "import",  # reads the uploaded files again, as their check does
    (ids.DATA_JOB_CSV_BUTTON, "n_clicks"): "import",  # the problems of a background import's files
    (ids.DATA_JOB_POLL, "n_intervals"): "import",  # following a background import: its result names its files' problems
    (ids.DATA_ROLLBACK_CONFIRM, "n_clicks"): "rollback",
    (ids.TARGETS_EDIT_SAVE, "n_clicks"): "edit_targets",
    (ids.SIMULATOR_SCENARIO_SAVE, "n_clicks"): "save_scenario",
    (ids.SIMULATOR_SCENARIO_NAME, "n_submit"): "save_scenario",
}
CALLBACK_ROUTE = "_dash-update-component"
log = logging.getLogger(__name__)


def _dependencies(items: object) -> list[tuple[object, str]]:
    return [(item.get("id"), str(item.get("property"))) for item in items or [] if isinstance(item, Mapping)]  # type: ignore[attr-defined]


def write_callbacks(callback_map: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """The key (`output`) of every write callback → the action it needs (the strictest, when several inputs write).
    Raises when a trigger of WRITE_TRIGGERS is the input of no callback: a renamed component must not drop its guard."""
    found: dict[str, str] = {}
    used = set()
    for key, entry in callback_map.items():
        actions = [WRITE_TRIGGERS[dep] for dep in _dependencies(entry.get("inputs")) if dep in WRITE_TRIGGERS]  # type: ignore[index]
        used.update(dep for dep in _dependencies(entry.get("inputs")) if dep in WRITE_TRIGGERS)
        if actions:
            found[key] = max(actions, key=lambda action: ROLES.index(ACTIONS[action]))
    missing = set(WRITE_TRIGGERS) - used
    if missing:
        raise RuntimeError(f"write triggers that no callback uses (renamed?): {sorted(missing)}")
    return found


def _matches(sent: object, declared: object) -> bool:
    """True when the inputs (or state) sent are those the callback declares: same count, same ids and properties
    (a pattern-matching id sends a list for ALL, checked by its property only)."""
    if not isinstance(sent, list) or not isinstance(declared, list) or len(sent) != len(declared):
        return False
    for item, dep in zip(sent, declared, strict=True):
        if isinstance(item, list):
            if not all(isinstance(x, Mapping) and x.get("property") == dep.get("property") for x in item):
                return False
            continue
        if not isinstance(item, Mapping) or item.get("property") != dep.get("property"):
            return False
        declared_id = dep.get("id")
        if isinstance(declared_id, str) and not declared_id.startswith("{") and item.get("id") != declared_id:  # "{...}": a pattern
            return False
    return True


def _outputs_match(sent: object, key: str) -> bool:
    """True when the outputs sent fit the callback `key` ("..a.b...c.d.." for several outputs, "a.b" for one)."""
    if key.startswith(".."):
        declared = key[2:-2].split("...")
        return isinstance(sent, list) and len(sent) == len(declared) and all(isinstance(o, Mapping | list) for o in sent)
    return isinstance(sent, Mapping | list)


def well_formed(body: object, entry: Mapping[str, Any] | None) -> bool:
    """True when `body` is a call of the known callback `entry`: its outputs, inputs, state and changed properties."""
    if entry is None or not isinstance(body, dict):
        return False
    changed = body.get("changedPropIds", [])
    return (
        _outputs_match(body.get("outputs"), str(body["output"]))
        and _matches(body.get("inputs"), entry.get("inputs"))
        and _matches(body.get("state", []), entry.get("state", []))
        and isinstance(changed, list)
        and all(isinstance(c, str) for c in changed)
    )


class WriteGuard:
    """Checks callback requests for `dash_app` (installed as a Flask before_request)."""

    def __init__(self, dash_app: Dash) -> None:
        self._app = dash_app
        self._route = dash_app.config.routes_pathname_prefix + CALLBACK_ROUTE
        self._writes: dict[str, str] | None = None

    def writes(self) -> dict[str, str]:
        if self._writes is None:
            self._writes = write_callbacks(self._app.callback_map)
        return self._writes

    def __call__(self) -> flask.Response | None:
        request = flask.request
        if request.path != self._route or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        entry = self._app.callback_map.get(body.get("output")) if isinstance(body, dict) and isinstance(body.get("output"), str) else None
        if not well_formed(body, entry):
            return json_failure(400, text_pair("server_bad_callback"))
        action = self.writes().get(str(body["output"]))  # type: ignore[index]
        if action is None:
            return None
        actor = current_actor()
        if actor.may(action):
            return None
        log.warning("refused %s by %s (%s) from %s", action, actor.name, actor.role or "not signed in", actor.address)
        error = refusal(actor, action)
        return json_failure(403, {"en": error.text("en"), "km": error.text("km")})
