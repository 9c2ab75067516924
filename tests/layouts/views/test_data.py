"""What the Data page shows and does, without Dash, on a store of the test's own: checking files, importing them, the
version history and rollback, the files the browser refuses."""

from __future__ import annotations

from pathlib import Path

from indicators.ingest.readers import MAX_FILE_BYTES
from layouts.views import data as view
from layouts.views import data_history as history
from tests.conftest import FIXTURES

PUBLISHED = (
    "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,Online Service Index,"
    "Human Capital Index,Telecommunication Infrastructure Index\n2022,Cambodia,120,0.61230,0.30000,0.45000,0.53800,0.56050\n"
)


def published_file(folder: Path) -> str:
    path = folder / "cambodia 2022.csv"
    path.write_text(PUBLISHED, encoding="utf-8")
    return str(path)


def test_a_bad_upload_lists_every_located_problem_and_cannot_be_imported(fresh):
    paths = [str(FIXTURES / "long" / "unknown_entity.csv"), str(FIXTURES / "published" / "text_in_number.csv")]
    check = view.check_view(*view.check(paths, "auto"), "km")
    assert not check.importable and check.changes is None and check.issues_total == 2
    assert [(r["file"], r["count"], r["places"], r["severity_text"]) for r in check.problems] == [  # in the files' order
        ("unknown_entity.csv", 1, "ជួរដេក ៣, ជួរឈរ ‘entity’", "កំហុស"),
        ("text_in_number.csv", 1, "ជួរដេក ៣, ជួរឈរ ‘Online Service Index’", "កំហុស"),
    ]
    assert check.summary[0][0] == "error" and "ឯកសារ ២ ក្នុងចំណោម ២ មានកំហុស" in check.summary[0][1]
    assert [status for _, status in check.files] == ["errors", "errors"]


def test_a_good_upload_previews_its_changes_and_imports_with_its_user(partial_fresh, tmp_path):
    paths = [published_file(tmp_path)]
    check = view.check_view(*view.check(paths, "auto"), "en")
    assert check.importable and check.summary == [
        ("success", "No errors in the file. Importing it will change the stored values: 6 added, 0 changed, 0 removed.")
    ]
    egdi = next(r for r in check.changes or [] if r["indicator"] == "egdi")
    assert (egdi["change_text"], egdi["entity_text"], egdi["new_value_text"], egdi["file"]) == (
        "added",
        "Cambodia",
        "0.6123",
        "cambodia 2022.csv",
    )
    assert history.latest_version() == 2  # a check writes nothing
    imported = view.import_uploads(paths, "sokha", "auto", "en")
    assert imported.ok
    assert imported.lines == ("cambodia 2022.csv: version 3 of UN E-Government Survey 2022: 6 added, 0 changed, 0 removed.",)
    assert history.versions().iloc[0]["user"] == "sokha" and history.latest_version() == 3
    again = view.check_view(*view.check(paths, "auto"), "en")
    assert not again.importable and again.changes == [] and "importing it would change nothing" in again.summary[0][1]


def test_the_history_shows_each_version_and_a_rollback_undoes_one(partial_fresh, tmp_path):
    view.import_uploads([published_file(tmp_path)], "dashboard", "auto", "en")
    rows = history.history_rows(history.versions(), "km")
    assert [r["version_id_text"] for r in rows] == ["៣", "២", "១"] and rows[0]["user_text"] == "ផ្ទាំងគ្រប់គ្រង (មិនបានចូលគណនី)"
    detail = history.version_detail(3, "en")
    assert detail is not None and detail.text == "Version 3 added 6, changed 0 and removed 0 values." and detail.total == 6
    assert detail.rollback == "Roll back version 3…" and history.version_detail(99, "en") is None
    assert str(history.rollback_explained(3, "en")).startswith("Rolling back version 3 restores the dataset UN E-Government Survey 2022")
    assert history.rollback_explained(99, "en") is None
    rolled = history.rollback(3, "dara", "en")
    assert rolled.ok and rolled.text.startswith(
        "Rolled back version 3 of UN E-Government Survey 2022 as version 4: 0 restored, 0 changed back, 6 removed."
    )
    again = history.rollback(3, "dara", "km")  # nothing left to undo: said in Khmer, not raised
    assert not again.ok and "គ្មានអ្វីត្រូវបានត្រឡប់វិញទេ" in again.text


def test_files_over_the_limit_are_named_with_the_reason():
    chosen = {"files": [{"name": "huge.xlsx", "size": MAX_FILE_BYTES + 2**20}, {"name": "a.csv", "size": 9}, "junk"]}
    refused = view.refused_uploads(chosen, "en")
    assert len(refused) == 1 and refused[0].startswith("huge.xlsx: ")
    assert view.refused_uploads(None, "en") == [] and view.refused_uploads({"files": [{"name": "a.csv", "size": 9}]}, "en") == []


def test_dates_and_counts_in_words():
    assert history.when("2026-05-01T09:30:00Z", "en") == "1 May 2026, 09:30"
    assert view.confirm_label(1, "en") == "Import the file" and view.confirm_label(2, "km") == "នាំចូលឯកសារទាំង ២"
    assert view.limited(2000, 2500, "en") is not None and view.limited(12, 12, "en") is None


def test_versions_name_datasets_and_users_as_people_do_with_the_codes_in_the_technical_details(fresh):
    rows = history.history_rows(history.versions(), "en")
    named = {row["file_name"]: row["dataset"] for row in rows}
    assert len(rows) == 30  # the 12 UN editions, 17 component files and the national indicators a new store is seeded with
    assert named["EGOV_DATA_2024.csv"] == "UN E-Government Survey 2024, bundled with this tool"
    assert named["cambodia-indicators.csv"] == "Cambodia's national indicators, bundled with this tool"
    internet = "Internet users from World Bank, World Development Indicators (release 2026-07-13), bundled with this tool"
    assert named["worldbank/API_IT.NET.USER.ZS_DS2_en_csv_v2_33086.zip"] == internet
    assert all(row["dataset"].endswith(", bundled with this tool") and "bundled:" not in row["dataset"] for row in rows)
    assert all(row["user_text"] == "this tool" for row in rows)
    khmer = {row["file_name"]: row["dataset"] for row in history.history_rows(history.versions(), "km")}
    assert khmer["EGOV_DATA_2024.csv"] == "ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ ២០២៤ ភ្ជាប់មកជាមួយឧបករណ៍នេះ"
    detail = history.version_detail(1, "en")
    assert detail is not None and "bundled:undesa-2003" in detail.technical and "SHA-256" in detail.technical
    assert "bundled:" not in detail.text
