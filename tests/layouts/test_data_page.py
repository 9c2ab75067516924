"""The data page without a browser: its layout in both languages, and its callbacks called directly on a store of
their own (upload check and preview, import, history, rollback, size limit, template, the recorded user). The uploads'
temporary files are tested in tests/layouts/views/test_uploads.py."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import dash
import flask
import pandas as pd
import pytest
from dash import dcc, html
from openpyxl import load_workbook

import app  # noqa: F401  (registers the pages)
import layouts.views.snapshot
from indicators.ingest.imports import oversized_file
from indicators.ingest.readers import MAX_FILE_BYTES, read_file
from indicators.store.access import Actor
from layouts import ids
from layouts.callbacks import data as callbacks
from layouts.i18n import catalog
from layouts.pages import data as page
from tests.conftest import FIXTURES
from tests.layouts.signing import signed_in
from tests.layouts.trees import find, find_class, table_of, texts

PUBLISHED = (
    "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,Online Service Index,"
    "Human Capital Index,Telecommunication Infrastructure Index\n2022,Cambodia,120,0.61230,0.30000,0.45000,0.53800,0.56050\n"
)


def encoded(content: bytes | str, kind: str = "text/csv") -> str:
    raw = content.encode() if isinstance(content, str) else content
    return f"data:{kind};base64,{base64.b64encode(raw).decode()}"


def fixture_upload(*paths: Path) -> tuple[list[str], list[str]]:
    return [encoded(p.read_bytes()) for p in paths], [p.name for p in paths]


def test_every_data_key_has_english_and_khmer_and_the_khmer_is_khmer():
    keys = {key: texts for key, texts in catalog().items() if key.startswith("data_")}
    assert len(keys) > 80
    for key, pair in keys.items():
        assert pair["en"] and pair["km"], key
        if any(c.isalpha() for c in pair["en"]):
            assert any("\u1780" <= c <= "\u17ff" for c in pair["km"]), key


@pytest.mark.parametrize(("lang", "title", "history_header"), [("en", "Data", "Version"), ("km", "ទិន្នន័យ", "កំណែ")])
def test_the_layout_shows_upload_history_and_template_in_the_page_language(partial_fresh, lang, title, history_header):
    tree = page.layout(lang=lang)
    assert texts(tree).startswith(title)
    upload = find(tree, ids.DATA_UPLOAD)
    assert isinstance(upload, dcc.Upload) and upload.multiple and upload.max_size == MAX_FILE_BYTES
    history = table_of(find(tree, ids.DATA_HISTORY))
    assert history["columns"][0] == {"key": "version_id", "label": history_header, "numeric": True}
    assert [row["version_id"] for row in history["rows"]] == [2, 1]
    assert {row["user_text"] for row in history["rows"]} == {"this tool" if lang == "en" else "ឧបករណ៍នេះ"}
    assert history["lang"] == lang
    assert [o["value"] for o in find(tree, ids.DATA_VERSION).options] == [2, 1]
    assert find(tree, ids.DATA_TEMPLATE_LANG).value == lang


def test_a_bad_upload_says_what_each_file_was_read_as_lists_its_located_problems_and_cannot_be_confirmed(partial_fresh):
    contents, names = fixture_upload(FIXTURES / "long" / "unknown_entity.csv", FIXTURES / "published" / "text_in_number.csv")

    content, hidden, disabled, label, checked = callbacks.check_upload(contents, "auto", names, "km")

    assert (hidden, disabled, label) == (False, True, "នាំចូលឯកសារទាំង ២")
    # in the order the files are read (by name); a published file whose editions cannot be read is named by its file
    assert checked == {"datasets": ["published:text_in_number", "long:unknown_entity"]}
    read_as = [" ".join(texts(item).split()) for item in find_class(html.Div(content), "read-as").children]
    assert read_as[0].startswith("text_in_number.csv: លទ្ធផលដែលបានផ្សព្វផ្សាយរបស់ UN DESA") and "(បញ្ហា ១)" in read_as[0]
    assert read_as[1].startswith("unknown_entity.csv: តារាងបណ្តោយ")
    assert problems(content) == [
        "កំហុស text_in_number.csv · ១ ដង 'high' មិនមែនជាលេខទេ។ ទីតាំង៖ ជួរដេក ៣, ជួរឈរ ‘Online Service Index’",
        "កំហុស unknown_entity.csv · ១ ដង មិនស្គាល់ប្រទេស 'Cambodai'។ តើអ្នកចង់សំដៅលើ៖ Cambodia, Samoa? ទីតាំង៖ ជួរដេក ៣, ជួរឈរ ‘entity’",
    ]
    assert "ឯកសារ ២ ក្នុងចំណោម ២ មានកំហុស" in texts(content)
    assert find(html.Div(content), ids.DATA_CHANGES) is None


def problems(content: object) -> list[str]:
    """The items of the grouped problems in a check's content, each as one line of text."""
    found = find(html.Div(content), ids.DATA_ISSUES)
    return [" ".join(texts(item).split()) for item in found.children] if found is not None else []


def flood(rows: int, entity: str = "Atlantis") -> str:
    """A long table whose `rows` rows all name an unknown country (one error each)."""
    return "entity,year,indicator,value\n" + "".join(f"{entity},{2000 + i % 20},internet_users_pct,{i % 90}\n" for i in range(rows))


def test_a_problem_repeated_on_many_rows_is_one_line_with_its_count_and_first_places(partial_fresh):
    content, *_ = callbacks.check_upload([encoded(flood(50))], "auto", ["atlantis.csv"], "en")

    (item,) = problems(content)  # 50 errors of one kind in one file: one item
    assert item.startswith("Error atlantis.csv · 50 times Unknown country 'Atlantis'")
    # the header is row 1, so the data rows are 2..51; the first three are named and the other 47 counted
    assert item.endswith("Where: row 2, column ‘entity’; row 3, column ‘entity’; row 4, column ‘entity’ and 47 more")
    assert "Problems found (50)" in texts(content)


def test_the_full_problem_table_downloads_as_csv_one_row_per_problem_with_formulas_neutralised(partial_fresh):
    contents, names = [encoded(flood(30, entity="=HYPERLINK(1)"))], ["formula.csv"]
    callbacks.check_upload(contents, "auto", names, "en")

    download = callbacks.download_problems(1, contents, names, "auto")

    assert download["filename"] == "problems-formula.csv"
    text = download["content"]
    assert text.startswith("\ufeff")  # Excel reads the Khmer messages as UTF-8
    table = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), keep_default_na=False)
    assert list(table.columns) == ["severity", "code", "file", "sheet", "row", "column", "value", "message", "message_km"]
    errors = table[table["severity"] == "error"]
    assert len(errors) == 30 and sorted(errors["row"]) == list(range(2, 32))
    assert set(errors["value"]) == {"'=HYPERLINK(1)"}  # a spreadsheet shows it as text, never runs it
    assert all(message.startswith("Unknown country '") for message in errors["message"])


def test_a_good_upload_previews_its_changes_then_imports_with_the_signed_in_user(partial_fresh):
    contents, names = [encoded(PUBLISHED)], ["../../etc/cambodia 2022?.csv"]

    content, hidden, disabled, label, checked = callbacks.check_upload(contents, "auto", names, "en")

    assert (hidden, disabled, label, checked) == (False, False, "Import the file", {"datasets": ["published:2022"]})
    read_as = " ".join(texts(find_class(html.Div(content), "read-as")).split())  # the file's six columns of one country in 2022
    assert read_as.startswith("cambodia 2022_.csv: ") and read_as.endswith(
        "UN DESA published results, 6 series: egdi, epi, osi, hci, tii, rank_published; 6 values of 1 country, 2022"
    )
    assert "No errors in the file. Importing it will change the stored values: 6 added, 0 changed, 0 removed." in texts(content)
    changes = find(html.Div(content), ids.DATA_CHANGES).rowData
    assert {r["file"] for r in changes} == {"cambodia 2022_.csv"}  # the name as uploaded, made safe
    egdi = next(r for r in changes if r["indicator"] == "egdi")
    assert (egdi["change_text"], egdi["entity_text"], egdi["year_text"], egdi["old_value_text"], egdi["new_value_text"]) == (
        "added",
        "Cambodia",
        "2022",
        "",
        "0.6123",
    )
    assert layouts.views.snapshot.store().versions()["version_id"].max() == 2  # a preview writes nothing

    with signed_in("  sokha   chan ", "editor"):
        result, hidden, revision, cleared, job = callbacks.confirm_import(1, contents, names, "auto", None, "en")
    assert (hidden, revision, cleared, job) == (True, 3, None, dash.no_update)
    assert "cambodia 2022_.csv: version 3 of UN E-Government Survey 2022: 6 added, 0 changed, 0 removed." in texts(result)
    newest = layouts.views.snapshot.store().versions().iloc[0]
    assert (newest["user"], newest["file_name"], newest["dataset"]) == ("sokha chan", "cambodia 2022_.csv", "published:2022")
    snapshot = layouts.views.snapshot.snapshot()
    assert snapshot.version == 3
    assert snapshot.history("KHM").set_index("edition").at[2022, "egdi"] == pytest.approx(0.6123)

    again, *_ = callbacks.check_upload(contents, "auto", names, "en")
    assert "importing it would change nothing" in texts(again)


def test_history_version_detail_and_rollback(partial_fresh):
    contents = [encoded(PUBLISHED)]
    callbacks.confirm_import(1, contents, ["revised.csv"], "auto", None, "en")

    history, options, value = callbacks.refresh_history(3, "km")
    rows = table_of(history)["rows"]
    assert [r["version_id_text"] for r in rows] == ["៣", "២", "១"]
    assert rows[0]["user"] == "dashboard" and rows[0]["user_text"] == "ផ្ទាំងគ្រប់គ្រង (មិនបានចូលគណនី)" and rows[0]["action_text"] == "ការនាំចូល"
    assert options[0]["label"].startswith("កំណែ ៣ · ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ ២០២២ · revised.csv · ") and value is None

    detail = callbacks.show_version(3, "en")
    assert callbacks.offer_rollback(3, "en") == ("Roll back version 3…", False, True)
    assert callbacks.offer_rollback(None, "en") == ("", True, True)
    assert "Version 3 added 6, changed 0 and removed 0 values." in texts(detail)
    assert callbacks.ask_rollback(1, 3, "en")[0] is False

    message, panel_hidden, revision = callbacks.confirm_rollback(1, 3, "en")
    assert "Rolled back version 3 of UN E-Government Survey 2022 as version 4: 0 restored, 0 changed back, 6 removed." in texts(message)
    assert (panel_hidden, revision) == (True, 4)
    assert layouts.views.snapshot.snapshot().history("KHM").set_index("edition").at[2022, "egdi"] == pytest.approx(0.5056)
    assert layouts.views.snapshot.store().versions().iloc[0]["user"] == "dashboard"

    message, *_ = callbacks.confirm_rollback(1, 3, "km")  # nothing left to undo: said in Khmer, not raised
    assert "គ្មានអ្វីត្រូវបានត្រឡប់វិញទេ" in texts(message)


def test_files_over_the_limit_are_refused_with_the_message_the_core_gives(tmp_path):
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 2**20)
    _, (core_issue,) = read_file(huge)
    assert oversized_file("huge.xlsx", MAX_FILE_BYTES + 2**20) == core_issue
    assert oversized_file("small.csv", MAX_FILE_BYTES) is None

    refused = callbacks.refuse_oversized(
        {"files": [{"name": "huge.xlsx", "size": MAX_FILE_BYTES + 2**20}, {"name": "a.csv", "size": 9}]}, "km"
    )
    assert texts(refused) == f"ឯកសារទាំងនេះមិនត្រូវបានផ្ទុកឡើងទេ៖ huge.xlsx: {core_issue.message_km}"
    assert callbacks.refuse_oversized({"files": [{"name": "a.csv", "size": 9}]}, "en") == []


def test_the_template_downloads_in_either_language_for_countries_or_provinces():
    download = callbacks.download_template(1, "km", "province")
    assert download["filename"] == "egdi-data-template-province-km.xlsx"
    workbook = load_workbook(io.BytesIO(base64.b64decode(download["content"])))
    assert workbook["សេវាអនឡាញ"]["A1"].value == "ខេត្ត"
    assert callbacks.download_template(1, "en", "country")["filename"] == "egdi-data-template-country-en.xlsx"


def test_the_user_is_the_signed_in_account_and_headers_from_anyone_are_ignored(partial_fresh):
    assert callbacks.request_user() == "dashboard"  # outside any request: a script or test, acting as the local operator
    forged = {"environ_base": {"REMOTE_USER": "dara", "REMOTE_ADDR": "10.0.0.9"}, "headers": {"X-Remote-User": "H.E. Minister"}}
    with flask.Flask(__name__).test_request_context(**forged):
        assert callbacks.request_user() == Actor("anonymous", None, "10.0.0.9")
    with signed_in("dara", "admin", **{"X-Remote-User": "H.E. Minister"}):
        assert callbacks.request_user() == Actor("dara", "admin", "127.0.0.1")


def test_a_write_by_someone_not_signed_in_is_refused_by_the_store_itself(partial_fresh):
    contents = [encoded(PUBLISHED)]
    with flask.Flask(__name__).test_request_context():  # past the server's guard, the store still checks the role
        result, *_ = callbacks.confirm_import(1, contents, ["revised.csv"], "auto", None, "en")
        message, *_ = callbacks.confirm_rollback(1, 1, "km")
    assert "Sign in to import data: it needs the editor role. Nothing was changed." in texts(result)
    assert "សូមចូលគណនីដើម្បីត្រឡប់កំណែវិញ" in texts(message)
    assert layouts.views.snapshot.store().versions()["version_id"].max() == 2


def test_a_confirm_without_files_changes_nothing(partial_fresh):
    assert callbacks.confirm_import(1, None, None, "auto", None, "en")[0] is dash.no_update
    assert layouts.views.snapshot.store().versions()["version_id"].max() == 2
