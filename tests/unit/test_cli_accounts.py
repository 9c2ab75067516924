"""The account commands end to end: users add, list, set-role, disable, enable, reset-password; audit; jobs."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.store import open_store
from indicators.store.accounts import sign_in


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "egdi.sqlite")


def run(monkeypatch, capsys, args: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_accounts_are_managed_from_the_command_line_and_every_change_is_audited(db, monkeypatch, capsys):
    users = ["users", "--db", db]
    added = run(monkeypatch, capsys, [*users, "add", "Sokha Chan", "--role", "editor", "--password-stdin"], "correct horse battery\n")
    assert added[:2] == (0, "Added Sokha Chan (editor).\n")
    code, out, _ = run(monkeypatch, capsys, ["users", "--db", db, "list"])
    assert code == 0 and "Sokha Chan" in out and "editor" in out and "argon2" not in out

    assert run(monkeypatch, capsys, ["users", "--db", db, "set-role", "sokha chan", "viewer"])[1].startswith("Sokha Chan is now viewer")
    assert run(monkeypatch, capsys, [*users, "--user", "dara", "disable", "SOKHA CHAN"])[1].startswith("Sokha Chan is disabled")
    assert run(monkeypatch, capsys, ["users", "--db", db, "enable", "sokha chan"])[0] == 0
    new_password = "another long password\n"
    assert run(monkeypatch, capsys, ["users", "--db", db, "reset-password", "sokha chan", "--password-stdin"], new_password)[0] == 0
    with open_store(db) as store:
        assert sign_in(store, "sokha chan", "another long password", "127.0.0.1").role == "viewer"

    code, _, err = run(monkeypatch, capsys, ["--lang", "km", "users", "--db", db, "add", "x", "--password-stdin"], "short\n")
    assert code == 1 and "ពាក្យសម្ងាត់ខ្លីពេក" in err

    code, out, _ = run(monkeypatch, capsys, ["audit", "--db", db, "--limit", "5"])
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["at", "user", "role", "address", "action", "target", "detail", "version_id"]
    assert [line.split()[1:5] for line in lines[1:5]] == [
        ["cli", "admin", "local", "user_reset_password"],
        ["cli", "admin", "local", "user_enable"],
        ["dara", "admin", "local", "user_disable"],
        ["cli", "admin", "local", "user_set_role"],
    ]
    code, out, _ = run(monkeypatch, capsys, ["audit", "--db", db, "--user", "dara"])
    assert len(out.splitlines()) == 2 and "user_disable" in out


def test_jobs_lists_none_on_a_new_store(db, monkeypatch, capsys):
    assert run(monkeypatch, capsys, ["jobs", "--db", db]) == (0, "(none)\n", "")
