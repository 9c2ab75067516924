"""Write controls only for those who may write, the audit trail and background imports on the Data page, without a
browser: layouts built inside a request as a visitor, a viewer, an editor and an administrator; callbacks called
directly. (The server's refusal of forged writes: tests/layouts/test_write_guard.py.)"""

from __future__ import annotations

import dash
import pandas as pd
import pytest
from dash import html

import app
import indicators.ingest.jobs
import layouts.views.snapshot
from indicators.ingest.jobs import run_next_job
from indicators.store.accounts import add_account
from indicators.store.audit import audit_trail
from indicators.store.jobs import job
from layouts import ids
from layouts.callbacks import data as callbacks
from layouts.callbacks import data_jobs as job_callbacks
from layouts.pages import data as page
from layouts.pages import simulator as simulator_page
from layouts.pages import targets as targets_page
from tests.layouts.signing import PASSWORD, signed_in
from tests.layouts.test_data_page import PUBLISHED, encoded, find, texts
from tests.layouts.trees import children_of, table_of

FIRST_ACCOUNT = '.venv/bin/python -m indicators users add "YOUR NAME" --role admin'
TYPO = "entity,year,indicator,value\nCambodai,2024,internet_users_pct,61.5\n"


def store():  # type: ignore[no-untyped-def]
    return layouts.views.snapshot.store()


def as_visitor():  # type: ignore[no-untyped-def]
    """A request of the app from someone not signed in."""
    return app.server.test_request_context(environ_base={"REMOTE_ADDR": "10.0.0.9"})


def shown(component: object) -> str:
    return " ".join(texts(component).split())


# ---- who sees which controls ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "says", "link"),
    [
        ("en", "To import data, sign in with an account that has the editor role (or a higher one).", "/sign-in?lang=en&next=%2Fdata"),
        ("km", "ដើម្បីនាំចូលទិន្នន័យ សូមចូលគណនីដែលមានតួនាទីអ្នកកែសម្រួល", "/sign-in?lang=km&next=%2Fdata%3Flang%3Dkm"),
    ],
)
def test_a_visitor_of_a_new_install_sees_no_upload_nor_rollback_but_how_to_sign_in_and_make_the_first_account(
    partial_fresh, lang, says, link
):
    with as_visitor():
        tree = page.layout(lang=lang)
    assert find(tree, ids.DATA_UPLOAD) is None and find(tree, ids.DATA_CONFIRM) is None and find(tree, ids.DATA_ENTITY_KIND) is None
    assert find(tree, ids.DATA_ROLLBACK) is None and find(tree, ids.DATA_ROLLBACK_CONFIRM) is None
    note = find(tree, ids.DATA_UPLOAD_NOTE)
    assert says in shown(note)
    assert [a.href for a in find_all(note, html.A)] == [link]  # back to this page, in this language, once signed in
    assert FIRST_ACCOUNT in shown(note)  # no account exists: the one command that makes the first
    assert "administrator" in shown(find(tree, ids.DATA_ROLLBACK_NOTE)) or lang == "km"
    assert find(tree, ids.DATA_HISTORY) is not None and find(tree, ids.DATA_TEMPLATE_BUTTON) is not None  # reading stays open


def find_all(component: object, kind: type) -> list[object]:
    found = [component] if isinstance(component, kind) else []
    for child in children_of(component):
        found += find_all(child, kind)
    return found


def test_once_an_account_exists_the_first_account_command_is_no_longer_offered(partial_fresh):
    add_account(store(), "tests", "dara", "admin", PASSWORD)
    with as_visitor():
        tree = page.layout(lang="en")
    assert FIRST_ACCOUNT not in shown(tree) and find(tree, ids.DATA_UPLOAD_NOTE) is not None


def test_a_viewer_reads_why_and_whom_to_ask_and_gets_no_upload(partial_fresh):
    with signed_in("vanna", "viewer"):
        tree = page.layout(lang="en")
    assert find(tree, ids.DATA_UPLOAD) is None
    note = shown(find(tree, ids.DATA_UPLOAD_NOTE))
    expected = "You are signed in as vanna (viewer). Only the editor role (or a higher one) may import data: "
    assert note == expected + "ask an administrator to change your role."
    assert find_all(find(tree, ids.DATA_UPLOAD_NOTE), html.A) == []  # already signed in: no sign-in link


def test_an_editor_gets_the_upload_but_not_the_rollback_and_an_admin_gets_both(partial_fresh):
    with signed_in("sokha", "editor"):
        editor = page.layout(lang="en")
    assert find(editor, ids.DATA_UPLOAD) is not None and find(editor, ids.DATA_UPLOAD_NOTE) is None
    assert find(editor, ids.DATA_ROLLBACK) is None
    assert "Only the administrator role (or a higher one) may roll back a version" in shown(find(editor, ids.DATA_ROLLBACK_NOTE))
    with signed_in("dara", "admin"):
        admin = page.layout(lang="en")
    assert find(admin, ids.DATA_UPLOAD) is not None and find(admin, ids.DATA_ROLLBACK_CONFIRM) is not None
    assert find(admin, ids.DATA_UPLOAD_NOTE) is None and find(admin, ids.DATA_ROLLBACK_NOTE) is None


def test_the_target_editor_and_saving_scenarios_are_only_for_editors_and_the_note_comes_back_to_the_same_view(partial_fresh):
    with as_visitor():
        targets = targets_page.layout(lang="en")
        simulator = simulator_page.layout(lang="km", entity="THA", set="osi:0.6")
    assert find(targets, ids.TARGETS_EDIT_SAVE) is None and find(targets, ids.TARGETS_EDIT_TARGET) is None
    assert "To edit targets, sign in" in shown(find(targets, ids.TARGETS_EDIT_NOTE))
    assert find(simulator, ids.SIMULATOR_SCENARIO_SAVE) is None and find(simulator, ids.SIMULATOR_SCENARIO_NAME) is None
    (link,) = find_all(find(simulator, ids.SIMULATOR_SCENARIO_NOTE), html.A)
    assert (
        link.href == "/sign-in?lang=km&next=%2Fsimulator%3Fentity%3DTHA%26lang%3Dkm%26mode%3Dpublished%26set%3Dosi%253A0.6"
    )  # the scenario survives
    assert find(simulator, ids.SIMULATOR_SCENARIO_LIST) is not None  # saved scenarios can still be compared
    with signed_in("sokha", "editor"):
        assert find(targets_page.layout(lang="en"), ids.TARGETS_EDIT_SAVE) is not None
        assert find(simulator_page.layout(lang="en"), ids.SIMULATOR_SCENARIO_SAVE) is not None


# ---- the audit trail ------------------------------------------------------------------------------------------


def test_the_audit_trail_says_who_did_what_in_words_and_addresses_and_account_changes_only_to_admins(partial_fresh):
    add_account(store(), "cli", "dara", "admin", PASSWORD)
    with signed_in("sokha", "editor"):
        callbacks.confirm_import(1, [encoded(PUBLISHED)], ["cambodia.csv"], "auto", None, "en")
    trail = audit_trail(store())
    assert trail[["user", "action", "address"]].head(2).values.tolist() == [
        ["sokha", "import", "127.0.0.1"],
        ["tests", "user_add", "local"],
    ]

    with as_visitor():
        public = table_of(find(page.layout(lang="en"), ids.DATA_AUDIT_GRID))
    assert [c["key"] for c in public["columns"]] == ["at", "what", "who"]  # no address
    assert public["rows"][0]["who"] == "sokha (editor)"
    assert public["rows"][0]["what"] == "Imported UN E-Government Survey 2022 from cambodia.csv as version 3: 6 added, 0 changed, 0 removed"
    assert not any("account" in row["what"] for row in public["rows"])

    with signed_in("dara", "admin"):
        full = table_of(find(page.layout(lang="km"), ids.DATA_AUDIT_GRID))
    assert [c["key"] for c in full["columns"]] == ["at", "what", "who", "address"]
    assert full["rows"][0]["address"] == "127.0.0.1"
    assert full["rows"][0]["what"].startswith("បាននាំចូល ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ ២០២២ ពី cambodia.csv ជាកំណែ ៣")
    accounts = [row["what"] for row in full["rows"] if row["what"].startswith("បានបន្ថែមគណនី")]
    assert sorted(accounts) == ["បានបន្ថែមគណនី dara", "បានបន្ថែមគណនី sokha"]


def test_the_audit_trail_refreshes_with_the_history(partial_fresh):
    with as_visitor():
        before = callbacks.refresh_audit(2, "en")
    with signed_in("sokha", "editor"):
        callbacks.confirm_import(1, [encoded(PUBLISHED)], ["cambodia.csv"], "auto", None, "en")
    with as_visitor():
        after = callbacks.refresh_audit(3, "en")
    rows_before = table_of(before)["rows"] if hasattr(before, "data-sortable") else []  # or "nothing recorded yet"
    assert len(table_of(after)["rows"]) == len(rows_before) + 1


# ---- background imports ---------------------------------------------------------------------------------------


@pytest.fixture
def small_background(monkeypatch):  # type: ignore[no-untyped-def]
    """Uploads of more than 100 bytes go to the background (the real threshold is 2 MiB)."""
    monkeypatch.setattr(indicators.ingest.jobs, "BACKGROUND_BYTES", 100)


def test_a_large_upload_is_checked_then_imported_in_the_background_with_its_progress_and_result(partial_fresh, small_background):
    contents, names = [encoded(PUBLISHED)], ["cambodia.csv"]
    size = len(PUBLISHED.encode())
    with signed_in("sokha", "editor"):
        content, hidden, disabled, label, checked = callbacks.check_upload(contents, "auto", names, "en")
        assert (hidden, disabled, label, checked) == (False, False, "Import in the background", {"datasets": ["published:2022"]})
        assert f"These files are large ({size / 2**20:.1f} MiB in all)" in shown(content)

        queued, hidden, revision, cleared, job_id = callbacks.confirm_import(1, contents, names, "auto", checked, "en")
    assert (queued, hidden, revision, cleared) == ([], True, dash.no_update, None) and isinstance(job_id, int)  # the job says
    assert store().versions()["version_id"].max() == 2  # the request stored nothing: the job will
    assert (job(store(), job_id).state, job(store(), job_id).datasets) == ("queued", ["published:2022"])

    status, stopped, revision, jobs = job_callbacks.follow_job(0, job_id, "en")
    assert (stopped, revision) == (False, dash.no_update)  # it waits: the page keeps polling
    (bar,) = [c for c in find_all(html.Div(status), html.Progress)]
    assert bar.value == "0.000" and "0 % · Waiting for its turn" in shown(status)
    row = jobs.rowData[0]
    assert (row["job_id"], row["state_text"], row["user"]) == (job_id, "Waiting", "sokha")

    assert run_next_job(store(), "host-a:1") == job_id
    result, stopped, revision, jobs = job_callbacks.follow_job(1, job_id, "en")
    assert (stopped, revision) == (True, 3)  # finished: the poll stops, the history and the other pages refresh
    assert f"Background import {job_id} is finished." in shown(result)
    assert "cambodia.csv: version 3 of UN E-Government Survey 2022: 6 added, 0 changed, 0 removed." in shown(result)
    assert jobs.rowData[0]["state_text"] == "Done"
    newest = store().versions().iloc[0]
    assert (newest["user"], newest["file_name"], newest["dataset"]) == ("sokha", "cambodia.csv", "published:2022")
    assert audit_trail(store())["action"].head(2).tolist() == ["import", "confirm"]


def test_the_poll_runs_only_while_a_job_waits_or_runs_and_resumes_after_a_reload(partial_fresh, small_background):
    assert job_callbacks.follow_job(None, None, "en")[:2] == (dash.no_update, True)
    with signed_in("sokha", "editor"):
        assert find(page.layout(lang="en"), ids.DATA_JOB_POLL).disabled is True  # nothing to follow
        _, _, _, _, job_id = callbacks.confirm_import(1, [encoded(PUBLISHED)], ["c.csv"], "auto", {"datasets": ["published:2022"]}, "en")
        reloaded = page.layout(lang="en")
    assert find(reloaded, ids.DATA_JOB).data == job_id and find(reloaded, ids.DATA_JOB_POLL).disabled is False


def test_a_background_import_with_errors_fails_with_its_problems_grouped_and_downloadable_and_stores_nothing(
    partial_fresh, small_background
):
    upload = TYPO + "".join(f"Cambodai,{year},internet_users_pct,61.5\n" for year in range(2000, 2010))  # 11 rows, one error each
    with signed_in("sokha", "editor"):  # a forged confirm: the check disabled it, the job refuses anyway
        _, _, _, _, job_id = callbacks.confirm_import(1, [encoded(upload)], ["typo.csv"], "auto", {"datasets": ["long:typo"]}, "km")
        run_next_job(store(), "host-a:1")
        result, stopped, revision, _ = job_callbacks.follow_job(1, job_id, "km")
        download = job_callbacks.download_job_problems(1, job_id)
    assert (stopped, revision) == (True, 2)
    assert f"ការនាំចូលនៅផ្ទៃខាងក្រោយលេខ {job_id} បានបរាជ័យ".translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")) in shown(result)
    errors = [" ".join(texts(i).split()) for i in find(html.Div(result), ids.DATA_JOB_ISSUES).children if "problem-error" in i.className]
    assert len(errors) == 1 and errors[0].startswith("កំហុស typo.csv · ១១ ដង មិនស្គាល់ប្រទេស 'Cambodai'")
    table = pd.read_csv(__import__("io").StringIO(download["content"].lstrip("\ufeff")), keep_default_na=False)
    assert sorted(table[table["severity"] == "error"]["row"]) == list(range(2, 13))
    assert store().versions()["version_id"].max() == 2


def test_a_visitor_cannot_queue_a_background_import(partial_fresh, small_background):
    with as_visitor():
        result, _, _, _, job_id = callbacks.confirm_import(
            1, [encoded(PUBLISHED)], ["c.csv"], "auto", {"datasets": ["published:2022"]}, "en"
        )
    assert job_id is dash.no_update and "Sign in to import data" in shown(result)
    assert job_callbacks.jobs.job_rows("en") == []
