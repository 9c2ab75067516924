"""Previewing an import: the changes it would make, exactly as the version's diff shows them after, with no write."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.ingest.imports import import_files, load_for_import, preview_files
from indicators.store import ImportRequest, StoreError
from indicators.store.diff import CHANGE_COLUMNS
from tests.conftest import FIXTURES
from tests.store.builders import tidy
from tests.store.conftest import dump

FIRST = [("KHM", 2022, "egdi", 0.5056), ("KHM", 2022, "osi", 0.4), ("THA", 2022, "egdi", 0.7660), ("KHM", None, "internet_users_pct", 60.0)]
SECOND = [
    ("KHM", None, "internet_users_pct", 60.0),
    ("KHM", 2022, "egdi", 0.5056),
    ("KHM", 2022, "osi", 0.45),
    ("LAO", 2022, "egdi", 0.477),
]
THIRD = [("KHM", 2022, "egdi", 0.51), ("VNM", 2022, "egdi", 0.68)]


def request(rows, dataset: str = "undesa:2022", file_name: str = "second.csv") -> ImportRequest:
    return ImportRequest(tidy(rows), dataset=dataset, kind="long", file_name=file_name, checksum=f"sha-{file_name}")


def test_a_preview_is_the_diff_the_import_then_records_and_writes_nothing(store):
    store.import_many([request(FIRST, file_name="first.csv")])
    before = dump(store)

    preview = store.preview_import(tidy(SECOND), dataset="undesa:2022")

    assert dump(store) == before
    assert list(preview.columns) == CHANGE_COLUMNS
    assert preview["change"].tolist() == ["added", "changed", "removed"]
    assert preview[["entity", "indicator"]].values.tolist() == [["LAO", "egdi"], ["KHM", "osi"], ["THA", "egdi"]]
    assert preview["old_value"].tolist()[1:] == pytest.approx([0.4, 0.766])
    (outcome,) = store.import_many([request(SECOND)])
    pd.testing.assert_frame_equal(preview, store.diff(outcome.version_id))


def test_a_new_dataset_adds_everything_and_identical_values_change_nothing(store):
    assert store.preview_import(tidy(FIRST), dataset="new")["change"].tolist() == ["added"] * 4
    store.import_many([request(FIRST, dataset="new")])
    assert store.preview_import(tidy(FIRST), dataset="new").empty


def test_several_files_of_one_dataset_are_previewed_in_order_as_import_many_takes_them(store):
    store.import_many([request(FIRST, file_name="first.csv")])
    requests = [request(SECOND), request(THIRD, file_name="third.csv"), request(THIRD, dataset="other", file_name="third.csv")]

    previews = store.preview_many([(r.tidy, r.dataset) for r in requests])

    outcomes = store.import_many(requests)
    assert len(previews) == 3
    for preview, outcome in zip(previews, outcomes, strict=True):
        pd.testing.assert_frame_equal(preview, store.diff(outcome.version_id))
    assert previews[2]["change"].tolist() == ["added", "added"]


def test_a_frame_the_store_would_refuse_is_refused_by_the_preview(store):
    with pytest.raises(StoreError):
        store.preview_import(tidy([]), dataset="empty")


def test_preview_files_gives_each_clean_file_its_changes_and_none_for_a_file_with_errors(store):
    paths = [str(FIXTURES / "long" / "clean.csv"), str(FIXTURES / "long" / "unknown_entity.csv")]
    before = dump(store)

    clean, bad = preview_files(load_for_import(paths, store), store)

    assert dump(store) == before and bad is None
    assert clean[["change", "entity", "indicator"]].values.tolist() == [
        ["added", "KHM", "internet_users_pct"],
        ["added", "KHM", "mobile_subscriptions_per_100"],
        ["added", "THA", "internet_users_pct"],
    ]
    (landed,), _ = import_files(paths[:1], store)
    pd.testing.assert_frame_equal(clean, store.diff(landed.outcome.version_id))
