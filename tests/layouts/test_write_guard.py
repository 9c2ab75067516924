"""Every write is checked on the server: each state-changing callback, posted as a browser would post it, is refused
without a session, with a viewer's session and with forged single sign-on headers, and the store is unchanged; an
editor imports and edits, an admin rolls back. Malformed callback requests are 4xx, never 500."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import flask
import pytest

import app
import layouts.views.snapshot
from indicators.outlook.targets import load_targets
from indicators.store.accounts import add_account
from layouts import ids
from layouts.server.guard import WRITE_TRIGGERS, write_callbacks
from tests.conftest import partial_field_store
from tests.layouts.databases import use_pages, using
from tests.store.conftest import dump

PASSWORD = "a long enough password"
PUBLISHED = (
    "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,Online Service Index,"
    "Human Capital Index,Telecommunication Infrastructure Index\n2022,Cambodia,120,0.61230,0.30000,0.45000,0.53800,0.56050\n"
)
UPLOAD = "data:text/csv;base64," + base64.b64encode(PUBLISHED.encode()).decode()
TARGET = load_targets().targets[0]
EDITED_2030 = TARGET.values[2030] + 0.01
SCENARIO_CONTEXT = {
    "mode": "published",
    "edition": 2022,
    "entity": "KHM",
    "codes": ["osi", "tii", "hci"],
    "baseline": {"osi": 0.4181, "tii": 0.5605, "hci": 0.538},
}
# What the browser sends for each input and state of the write callbacks: values that make the write land when allowed.
VALUES: dict[tuple[str, str], object] = {
    (ids.DATA_UPLOAD, "contents"): [UPLOAD],
    (ids.DATA_UPLOAD, "filename"): ["revised.csv"],
    (ids.DATA_ENTITY_KIND, "value"): "auto",
    (ids.DATA_LANG, "data"): "en",
    (ids.DATA_CONFIRM, "n_clicks"): 1,
    (ids.DATA_CHECKED, "data"): {"datasets": ["published:2022"]},
    (ids.DATA_ISSUES_CSV_BUTTON, "n_clicks"): 1,
    (ids.DATA_JOB_CSV_BUTTON, "n_clicks"): 1,
    (ids.DATA_JOB, "data"): 1,
    (ids.DATA_JOB_POLL, "n_intervals"): 1,
    (ids.DATA_VERSION, "value"): 1,
    (ids.DATA_ROLLBACK_CONFIRM, "n_clicks"): 1,
    (ids.TARGETS_EDIT_SAVE, "n_clicks"): 1,
    (ids.TARGETS_EDIT_TARGET, "value"): TARGET.id,
    (ids.TARGETS_EDIT_BASELINE_YEAR, "value"): str(TARGET.baseline_year or ""),
    (ids.TARGETS_EDIT_BASELINE_VALUE, "value"): "" if TARGET.baseline_value is None else str(TARGET.baseline_value),
    (ids.TARGETS_EDIT_STATUS, "value"): TARGET.status,
    (ids.TARGETS_EDIT_SOURCE, "value"): "edited in a test",
    (ids.TARGETS_LANG, "data"): "en",
    (ids.SIMULATOR_SCENARIO_SAVE, "n_clicks"): 1,
    (ids.SIMULATOR_SCENARIO_NAME, "n_submit"): 0,
    (ids.SIMULATOR_SCENARIO_NAME, "value"): "OSI push",
    (ids.SIMULATOR_CONTEXT, "data"): SCENARIO_CONTEXT,
    (ids.SIMULATOR_SCENARIO_LIST, "value"): [],
    (ids.SIMULATOR_LANG, "data"): "en",
}
PATTERN_VALUES = {  # inputs and state that match every component of a pattern id: (type, property) -> the components
    (ids.TARGETS_EDIT_VALUE, "value"): [({"type": ids.TARGETS_EDIT_VALUE, "year": y}, str(v)) for y, v in TARGET.values.items()],
    (ids.SIMULATOR_VALUE, "value"): [
        ({"type": ids.SIMULATOR_VALUE, "code": c}, v) for c, v in zip(["osi", "tii", "hci"], [0.6, 0.5605, 0.538], strict=False)
    ],
    (ids.TARGETS_EDIT_VALUE, "id"): [
        ({"type": ids.TARGETS_EDIT_VALUE, "year": y}, {"type": ids.TARGETS_EDIT_VALUE, "year": y}) for y in TARGET.values
    ],
    (ids.SIMULATOR_VALUE, "id"): [
        ({"type": ids.SIMULATOR_VALUE, "code": c}, {"type": ids.SIMULATOR_VALUE, "code": c}) for c in ["osi", "tii", "hci"]
    ],
}


def sent(dependency: dict[str, object]) -> object:
    component, prop = dependency["id"], str(dependency["property"])
    if isinstance(component, str) and component.startswith("{"):  # a pattern id, as Dash keeps it
        component = json.loads(component)
    if isinstance(component, dict):
        pattern = (str(component["type"]), prop)
        items = PATTERN_VALUES[pattern]
        if pattern[0] == ids.TARGETS_EDIT_VALUE and prop == "value":
            items = [(i, str(EDITED_2030) if i["year"] == 2030 else v) for i, v in items]
        return [{"id": i, "property": prop, "value": v} for i, v in items]
    return {"id": component, "property": prop, "value": VALUES[(str(component), prop)]}


def body(key: str) -> dict[str, object]:
    """The request body a browser sends for callback `key` (`inputs` in order, `state`, the triggering input)."""
    entry = app.app.callback_map[key]
    inputs = [sent(d) for d in entry["inputs"]]
    trigger = next(i for i in inputs if isinstance(i, dict) and (i["id"], i["property"]) in WRITE_TRIGGERS)
    outputs = [dict(zip(("id", "property"), o.split("@")[0].rsplit(".", 1), strict=True)) for o in key[2:-2].split("...")]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": inputs,
        "state": [sent(d) for d in entry.get("state", [])],
        "changedPropIds": [f"{trigger['id']}.{trigger['property']}"],
    }


def write_keys() -> dict[str, str]:
    client().get("/")  # Dash gathers its callbacks at the first request
    return write_callbacks(app.app.callback_map)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    """A new store of two versions (see tests.conftest.partial_field_store) with an admin, an editor and a viewer; the
    app reads it during the test."""
    database = str(tmp_path / "egdi.sqlite")
    partial_field_store(database).close()
    with using(database, use_pages):
        current = layouts.views.snapshot.store()
        for name, role in (("dara", "admin"), ("sokha", "editor"), ("vanna", "viewer")):
            add_account(current, "tests", name, role, PASSWORD)
        yield current


def client() -> flask.testing.FlaskClient:
    return app.server.test_client()


def signed_in(name: str) -> flask.testing.FlaskClient:
    browser = client()
    answer = browser.post("/sign-in", data={"name": name, "password": PASSWORD, "lang": "en", "next": "/data"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/data"
    return browser


def post(browser: flask.testing.FlaskClient, key: str, **headers: str) -> flask.Response:
    return browser.post("/_dash-update-component", json=body(key), headers=headers)


def test_the_guard_knows_every_write_callback_of_the_pages():
    actions = sorted(write_keys().values())
    # import: checking an upload, confirming it, following a background import, and downloading the problems of an upload
    # or of a background import
    assert actions == ["edit_targets", "import", "import", "import", "import", "import", "rollback", "save_scenario"]


@pytest.mark.parametrize("who", ["nobody", "viewer", "forged header"])
def test_each_write_callback_is_refused_to_those_who_may_not_write_and_the_store_is_unchanged(store, who):
    before = dump(store)
    browser = {"nobody": client, "viewer": lambda: signed_in("vanna"), "forged header": client}[who]()
    forged = {"X-Remote-User": "H.E. Minister of Post and Telecommunications", "X-Remote-Groups": "egdi-admins"}
    for key, _action in write_keys().items():
        answer = post(browser, key, **(forged if who == "forged header" else {}))
        assert answer.status_code == 403, (key, answer.data)
        message = answer.get_json()["message"]
        assert "Nothing was changed" in message["en"] and "គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ" in message["km"], key
        assert ("Sign in to" if who != "viewer" else "vanna is signed in as viewer") in message["en"], key
    assert dump(store) == before


def test_an_editor_imports_edits_targets_and_saves_scenarios_but_cannot_roll_back(store):
    editor = signed_in("sokha")
    keys = {action: key for key, action in write_keys().items()}
    confirm = next(k for k, a in write_keys().items() if a == "import" and "data-revision" in k)

    imported = post(editor, confirm)
    assert imported.status_code == 200
    assert "version 3 of UN E-Government Survey 2022: 6 added" in json.dumps(imported.get_json())
    for action in ("edit_targets", "save_scenario"):
        assert post(editor, keys[action]).status_code == 200, action
    assert store.versions()[["user", "kind"]].values.tolist()[:3] == [["sokha", "scenario"], ["sokha", "targets"], ["sokha", "published"]]

    before = dump(store)
    refused = post(editor, keys["rollback"])
    assert refused.status_code == 403 and "only an account with the administrator role can roll back" in refused.get_json()["message"]["en"]
    assert dump(store) == before


def test_an_admin_rolls_back_and_the_audit_trail_names_them_and_their_address(store):
    admin = signed_in("dara")
    rollback = next(k for k, a in write_keys().items() if a == "rollback")
    answer = post(admin, rollback)
    assert answer.status_code == 200 and "Rolled back version 1" in json.dumps(answer.get_json())
    newest = store.versions().iloc[0]
    assert (newest["action"], newest["user"], newest["rolled_back_version"]) == ("rollback", "dara", 1)
    from indicators.store.audit import audit_trail

    assert audit_trail(store).iloc[0][["user", "role", "address", "action"]].tolist() == ["dara", "admin", "127.0.0.1", "rollback"]


def test_a_session_ends_when_the_account_is_disabled_or_changes_role(store):
    from indicators.store.accounts import set_disabled

    editor = signed_in("sokha")
    confirm = next(k for k, a in write_keys().items() if a == "import" and "data-revision" in k)
    set_disabled(store, "tests", "sokha")
    assert post(editor, confirm).status_code == 403
    editor.post("/sign-out")
    assert post(editor, confirm).status_code == 403


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        json.dumps({"output": "no-such-output.children", "inputs": []}),
        json.dumps([1, 2, 3]),
        json.dumps({"output": None}),
        json.dumps({"output": "..data-rollback-panel.hidden...data-rollback-explain.children..", "outputs": [], "inputs": []}),
    ],
)
def test_malformed_callback_requests_are_400_with_a_message(store, payload):
    answer = client().post("/_dash-update-component", data=payload, content_type="application/json")
    assert answer.status_code == 400
    assert answer.get_json()["message"]["en"] == "The page sent a request this dashboard does not know. Reload the page and try again."


def test_inputs_other_than_the_callbacks_own_are_400(store):
    key = next(k for k, a in write_keys().items() if a == "rollback")
    forged = body(key)
    forged["inputs"] = [{"id": ids.DATA_CANCEL, "property": "n_clicks", "value": 1}]
    assert signed_in("dara").post("/_dash-update-component", json=forged).status_code == 400
    assert store.versions()["version_id"].max() == 2


def test_values_a_callback_cannot_use_are_400_not_500(store):
    key = next(k for k, a in write_keys().items() if a == "rollback")
    request = body(key)
    request["state"][0]["value"] = "version one"  # the version to roll back, as a word
    answer = signed_in("dara").post("/_dash-update-component", json=request)
    assert answer.status_code == 400
    assert answer.get_json()["message"]["km"].startswith("តម្លៃដែលបានផ្ញើមិនអាចប្រើនៅទីនេះបានទេ")
    assert store.versions()["version_id"].max() == 2
