"""Uploads on the Data page, without Dash: safe file names, and temporary files in name order that are removed."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from layouts.views.uploads import as_list, decoded, safe_file_name, uploaded_files


def encoded(content: str) -> str:
    return f"data:text/csv;base64,{base64.b64encode(content.encode()).decode()}"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("EGOV_DATA_2022.csv", "EGOV_DATA_2022.csv"),
        ("folder/sub/ទិន្នន័យ ២០២៤.xlsx", "ទិន្នន័យ ២០២៤.xlsx"),
        ("..\\..\\evil.csv", "evil.csv"),
        ('a<b>:c"|?*.csv', "a_b__c____.csv"),
        ("...", "upload"),
        (".hidden.csv", "hidden.csv"),
        ("", "upload"),
    ],
)
def test_uploaded_names_are_made_safe(name, safe):
    assert safe_file_name(name) == safe


def test_uploads_live_in_a_temporary_folder_under_unique_names_in_name_order_and_are_removed():
    with uploaded_files(["not base64 at all", encoded("a"), encoded("b")], ["y.csv", "x.csv", "dir/x.csv"]) as paths:
        assert [Path(p).name for p in paths] == ["x.csv", "x (2).csv", "y.csv"]
        assert [Path(p).read_bytes() for p in paths] == [b"a", b"b", b""]
    assert not any(Path(p).exists() for p in paths)
    assert not Path(paths[0]).parent.exists()


def test_a_data_url_is_decoded_and_anything_else_is_empty():
    assert decoded(encoded("a,b")) == b"a,b"
    assert decoded("not base64 at all") == b"" and decoded(None) == b""


def test_one_value_or_several_are_a_list():
    assert (as_list(None), as_list("a.csv"), as_list(["a.csv", "b.csv"])) == ([], ["a.csv"], ["a.csv", "b.csv"])
