"""The Data page's words, as pure functions: numbers in Khmer digits without touching codes, a background job's stage,
and the audit trail's changes and people as a person says them."""

from __future__ import annotations

import pandas as pd
import pytest

from layouts.views.data_audit import what, who
from layouts.views.data_jobs import stage_words
from layouts.views.data_report import khmer_numbers


def test_numbers_standing_alone_are_in_khmer_digits_and_codes_keep_theirs():
    text = "World Bank bulk CSV, 1 series: IT.CEL.SETS.P2 → mobile_per_100, i911mw; 5,953 values of 193 countries, 1990–2022"
    assert khmer_numbers(text, "km") == (
        "World Bank bulk CSV, ១ series: IT.CEL.SETS.P2 → mobile_per_100, i911mw; ៥,៩៥៣ values of ១៩៣ countries, ១៩៩០–២០២២"
    )
    assert khmer_numbers(text, "en") == text


@pytest.mark.parametrize(
    ("stage", "lang", "words"),
    [
        ("queued", "en", "Waiting for its turn"),
        ("reading 1/?", "en", "Started: opening the files"),
        ("reading 2/3", "en", "Reading and checking file 2 of 3"),
        ("reading 2/3", "km", "កំពុងអាន និងត្រួតពិនិត្យឯកសារទី ២ ក្នុងចំណោម ៣"),
        ("writing", "en", "Writing the values into the database"),
        ("something new", "en", "something new"),  # a stage this page does not know yet is shown as the runner said it
    ],
)
def test_a_jobs_stage_in_words(stage, lang, words):
    assert stage_words(stage, lang) == words


@pytest.mark.parametrize(
    ("action", "target", "detail", "version", "lang", "words"),
    [
        (
            "import",
            "published:2022",
            "cambodia.csv: +6 ~0 -0",
            3,
            "en",
            "Imported UN E-Government Survey 2022 from cambodia.csv as version 3: 6 added, 0 changed, 0 removed",
        ),
        (
            "target_edit",
            "targets",
            "targets.csv: +0 ~1 -0",
            9,
            "en",
            "Saved Digital Government Policy targets as version 9: 0 added, 1 changed, 0 removed",
        ),
        ("rollback", "published:2022", "version 3", 4, "en", "Rolled back version 3 of UN E-Government Survey 2022, as version 4"),
        ("rollback", "published:2022", "version 3", 4, "km", "បានត្រឡប់កំណែ ៣ នៃ ការស្ទង់មតិរដ្ឋាភិបាលអេឡិចត្រូនិករបស់អង្គការសហប្រជាជាតិ ២០២២ វិញ ជាកំណែ ៤"),
        (
            "confirm",
            "published:2022, long:a",
            "job 5: 2 file(s), a.csv, b.csv",
            None,
            "en",
            "Queued background import 5 of UN E-Government Survey 2022, Indicator table “a” (a.csv, b.csv)",
        ),
        ("user_set_role", "sokha", "role editor", None, "en", "Gave sokha the editor role"),
        ("user_disable", "sokha", "", None, "en", "Disabled the account sokha"),
        ("import", "published:2022", "an unexpected detail", 3, "en", "import published:2022 an unexpected detail"),  # as recorded
    ],
)
def test_an_audit_rows_change_in_words(action, target, detail, version, lang, words):
    assert what(action, target, detail, pd.NA if version is None else version, lang) == words


def test_who_made_a_change():
    assert who("sokha", "editor", "en") == "sokha (editor)" and who("sokha", "admin", "km") == "sokha (អ្នកគ្រប់គ្រង)"
    assert who("cli", "admin", "en") == "the command line"  # a code is said as what it means, without a role
    assert who("anonymous", "", "en") == "anonymous"
