"""Who may change what, checked in the store itself: roles, accounts with argon2 passwords, the sign-in rate limit,
and the audit trail that every change writes in its own transaction."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from indicators.store import StoreError
from indicators.store.access import Actor, local_operator
from indicators.store.accounts import (
    LIMIT_PER_NAME,
    account_by_id,
    add_account,
    list_accounts,
    reset_password,
    set_disabled,
    set_role,
    sign_in,
)
from indicators.store.audit import audit_trail
from indicators.store.schema import accounts
from tests.store.builders import tidy
from tests.store.conftest import dump

ADMIN = local_operator("operator")
ROW = [("KHM", 2022, "egdi", 0.5)]


def imported(store, user, kind="long", dataset="d"):
    return store.import_tidy(tidy(ROW), dataset=dataset, kind=kind, file_name="a.csv", checksum="a", user=user)


@pytest.mark.parametrize(
    ("role", "imports", "edits_targets", "saves_scenarios", "rolls_back", "manages"),
    [
        (None, False, False, False, False, False),
        ("viewer", False, False, False, False, False),
        ("editor", True, True, True, False, False),
        ("admin", True, True, True, True, True),
    ],
)
def test_each_role_allows_what_the_issue_says(role, imports, edits_targets, saves_scenarios, rolls_back, manages):
    actor = Actor("someone", role, "10.0.0.7")
    allowed = [actor.may(a) for a in ("import", "edit_targets", "save_scenario", "rollback", "manage_users")]
    assert allowed == [imports, edits_targets, saves_scenarios, rolls_back, manages]


@pytest.mark.parametrize("kind", ["long", "targets", "scenario"])
@pytest.mark.parametrize("actor", [Actor("nobody", None, "10.0.0.9"), Actor("vanna", "viewer", "10.0.0.9")])
def test_writes_by_someone_not_allowed_are_refused_and_change_nothing(store, actor, kind):
    outcome = imported(store, "cli")
    before = dump(store)

    with pytest.raises(StoreError) as refused:
        imported(store, actor, kind=kind, dataset="other")
    assert refused.value.code == ("access_sign_in" if actor.role is None else "access_refused")
    assert "Nothing was changed" in str(refused.value) and "គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ" in refused.value.text("km")
    with pytest.raises(StoreError):
        store.rollback(outcome.version_id, user=actor)
    with pytest.raises(StoreError):
        store.rollback(outcome.version_id, user=Actor("sokha", "editor", "10.0.0.9"))

    assert dump(store) == before


def test_an_editor_imports_an_admin_rolls_back_and_the_audit_trail_says_who_when_where_what(store):
    editor, admin = Actor("Sokha Chan", "editor", "10.0.0.5"), Actor("Dara", "admin", "10.0.0.6")
    first = imported(store, editor)
    imported(store, editor, kind="targets", dataset="targets:dgp")
    imported(store, editor, kind="scenario", dataset="scenario:a")
    undone = store.rollback(first.version_id, user=admin)

    trail = audit_trail(store)
    assert trail[["user", "role", "address", "action", "target"]].values.tolist() == [
        ["Dara", "admin", "10.0.0.6", "rollback", "d"],
        ["Sokha Chan", "editor", "10.0.0.5", "scenario_save", "scenario:a"],
        ["Sokha Chan", "editor", "10.0.0.5", "target_edit", "targets:dgp"],
        ["Sokha Chan", "editor", "10.0.0.5", "import", "d"],
    ]
    assert trail["version_id"].tolist() == [undone.version_id, 3, 2, first.version_id]
    assert trail.iloc[3]["detail"] == "a.csv: +1 ~0 -0" and trail.iloc[0]["detail"] == f"version {first.version_id}"
    assert trail["at"].str.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$").all()
    assert store.versions()["user"].tolist() == ["Dara", "Sokha Chan", "Sokha Chan", "Sokha Chan"]
    assert audit_trail(store, user="Dara", limit=None)["action"].tolist() == ["rollback"]


def test_an_identical_import_writes_no_audit_row(store):
    imported(store, "cli")
    imported(store, "cli")
    assert audit_trail(store)["action"].tolist() == ["import"]


def test_accounts_are_added_listed_changed_and_audited_by_an_admin_only(store):
    sokha = add_account(store, ADMIN, "  Sokha   Chan ", "editor", "correct horse battery")
    assert (sokha.name, sokha.role, sokha.disabled, sokha.session_epoch) == ("Sokha Chan", "editor", False, 1)
    with store.engine.connect() as connection:
        stored_hash = connection.execute(sa.select(accounts.c.password_hash)).scalar()
    assert stored_hash.startswith("$argon2id$") and "correct horse" not in stored_hash

    with pytest.raises(StoreError) as refused:
        add_account(store, Actor("Sokha Chan", "editor", "10.0.0.5"), "other", "viewer", "long enough password")
    assert refused.value.code == "access_refused"
    for name, role, password, code in [
        ("sokha chan", "viewer", "long enough password", "account_exists"),
        ("x", "boss", "long enough password", "account_bad_role"),
        ("x", "viewer", "short", "account_weak_password"),
        ("", "viewer", "long enough password", "account_bad_name"),
        ("bad\x00name", "viewer", "long enough password", "account_bad_name"),
    ]:
        with pytest.raises(StoreError) as problem:
            add_account(store, ADMIN, name, role, password)
        assert problem.value.code == code, name

    add_account(store, ADMIN, "Dara", "admin", "long enough password")
    assert set_role(store, ADMIN, "SOKHA CHAN", "admin").session_epoch == 2
    assert set_disabled(store, ADMIN, "sokha chan").disabled is True
    assert set_disabled(store, ADMIN, "sokha chan", False).session_epoch == 4
    assert reset_password(store, ADMIN, "sokha chan", "another long password").session_epoch == 5
    with pytest.raises(StoreError) as unknown:
        set_role(store, ADMIN, "nobody", "viewer")
    assert unknown.value.code == "account_unknown"

    listed = list_accounts(store)
    assert listed[["name", "role", "disabled"]].values.tolist() == [["Dara", "admin", False], ["Sokha Chan", "admin", False]]
    assert "password_hash" not in listed.columns
    changes = ["user_reset_password", "user_enable", "user_disable", "user_set_role", "user_add", "user_add"]
    assert audit_trail(store)["action"].tolist() == changes
    assert account_by_id(store, sokha.id).role == "admin"


def test_the_last_active_admin_cannot_be_demoted_or_disabled(store):
    add_account(store, ADMIN, "dara", "admin", "long enough password")
    for change in (lambda: set_role(store, ADMIN, "dara", "editor"), lambda: set_disabled(store, ADMIN, "dara")):
        with pytest.raises(StoreError) as refused:
            change()
        assert refused.value.code == "account_last_admin"
    add_account(store, ADMIN, "vanna", "admin", "long enough password")
    assert set_role(store, ADMIN, "dara", "editor").role == "editor"


def test_sign_in_checks_the_password_refuses_disabled_accounts_and_is_rate_limited(store):
    add_account(store, ADMIN, "Sokha Chan", "editor", "correct horse battery")
    assert sign_in(store, "sokha  CHAN", "correct horse battery", "10.0.0.5").name == "Sokha Chan"
    for name, password in [("sokha chan", "wrong password"), ("nobody", "correct horse battery")]:
        with pytest.raises(StoreError) as refused:
            sign_in(store, name, password, "10.0.0.5")
        assert str(refused.value) == "The name or the password is wrong."

    set_disabled(store, ADMIN, "sokha chan")
    with pytest.raises(StoreError) as disabled:
        sign_in(store, "sokha chan", "correct horse battery", "10.0.0.5")
    assert disabled.value.code == "sign_in_failed"  # said like a wrong password: nothing tells which accounts exist
    set_disabled(store, ADMIN, "sokha chan", False)

    for _ in range(LIMIT_PER_NAME - 1):  # one failure for this name so far (the disabled attempt)
        with pytest.raises(StoreError):
            sign_in(store, "sokha chan", "guess", "10.0.0.8")
    with pytest.raises(StoreError) as limited:
        sign_in(store, "sokha chan", "correct horse battery", "10.0.0.9")  # even the right password, from elsewhere
    assert limited.value.code == "sign_in_limited"
    assert "try again in 15 minutes" in str(limited.value) and "15 នាទី" in limited.value.text("km")
    add_account(store, ADMIN, "Vanna", "viewer", "long enough password")
    assert sign_in(store, "vanna", "long enough password", "10.0.0.8").role == "viewer"  # other names are not held up
