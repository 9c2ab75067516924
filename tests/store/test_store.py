"""Imports, current values with provenance, diffs, identical re-imports, rollbacks and resolution across datasets."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from indicators.store import ImportOutcome, Store, StoreError
from indicators.store.store import OBSERVATION_OUTPUT, VERSION_OUTPUT
from tests.store.builders import tidy
from tests.store.conftest import dump

FIRST = [
    ("KHM", 2022, "egdi", 0.5056),
    ("KHM", 2022, "osi", 0.4),
    ("THA", 2022, "egdi", 0.7660),
    ("KHM", None, "internet_users_pct", 60.0),
]
# KHM osi changed, THA egdi removed, LAO egdi added, KHM egdi and the year-less value unchanged (but moved rows).
SECOND = [
    ("KHM", None, "internet_users_pct", 60.0),
    ("KHM", 2022, "egdi", 0.5056),
    ("KHM", 2022, "osi", 0.45),
    ("LAO", 2022, "egdi", 0.4770),
]


def load(store: Store, rows, dataset: str = "undesa:2022", file_name: str = "first.csv", **options) -> ImportOutcome:
    return store.import_tidy(tidy(rows), dataset=dataset, kind="long", file_name=file_name, checksum=f"sha-{file_name}", **options)


def values(store: Store, **filters) -> dict[tuple[str, object, str], float]:
    frame = store.observations(**filters)
    return {
        (e, None if pd.isna(y) else int(y), i): v for e, y, i, v in frame[["entity", "year", "indicator", "value"]].itertuples(index=False)
    }


def test_an_import_round_trips_with_cell_provenance(store):
    assert store.is_empty()
    outcome = load(store, FIRST)

    assert outcome == ImportOutcome(
        version_id=outcome.version_id, dataset="undesa:2022", added=4, changed=0, removed=0, unchanged=0, identical=False
    )
    assert not store.is_empty()
    frame = store.observations()
    assert list(frame.columns) == OBSERVATION_OUTPUT
    assert len(frame) == 4
    khm_osi = frame[(frame.entity == "KHM") & (frame.indicator == "osi")].iloc[0]
    assert khm_osi.value == pytest.approx(0.4)
    assert (khm_osi.year, khm_osi.source, khm_osi.file, khm_osi.sheet, khm_osi.row, khm_osi.column) == (
        2022,
        "test",
        "first.csv",
        "Sheet1",
        3,
        "Value",
    )
    assert (khm_osi.version_id, khm_osi.dataset, khm_osi.kind) == (outcome.version_id, "undesa:2022", "long")
    yearless = frame[frame.indicator == "internet_users_pct"].iloc[0]
    assert pd.isna(yearless.year) and yearless.row == 5
    assert str(frame["year"].dtype) == "Int64" and str(frame["row"].dtype) == "Int64"
    assert values(store) == {(e, y, i): v for e, y, i, v in FIRST}


def test_a_second_version_counts_added_changed_removed_and_keeps_its_diff(store):
    first = load(store, FIRST)
    second = load(store, SECOND, file_name="second.csv")

    assert (second.added, second.changed, second.removed, second.unchanged, second.identical) == (1, 1, 1, 2, False)
    assert second.version_id > first.version_id
    assert values(store) == {(e, y, i): v for e, y, i, v in SECOND}
    frame = store.observations()
    by_key = frame.set_index(["entity", "indicator"])
    # Changed and added values carry the new file's provenance; unchanged ones keep where they were first read.
    assert by_key.loc[("KHM", "osi"), ["file", "row", "version_id"]].tolist() == ["second.csv", 4, second.version_id]
    assert by_key.loc[("LAO", "egdi"), ["file", "row"]].tolist() == ["second.csv", 5]
    assert by_key.loc[("KHM", "egdi"), ["file", "row", "version_id"]].tolist() == ["first.csv", 2, first.version_id]

    diff = store.diff(second.version_id)
    assert list(diff.columns) == ["change", "entity", "year", "indicator", "old_value", "new_value"]
    rows = [(c, e, int(y), i, None if pd.isna(o) else o, None if pd.isna(n) else n) for c, e, y, i, o, n in diff.itertuples(index=False)]
    assert rows == [
        ("added", "LAO", 2022, "egdi", None, 0.4770),
        ("changed", "KHM", 2022, "osi", 0.4, 0.45),
        ("removed", "THA", 2022, "egdi", 0.7660, None),
    ]
    first_diff = store.diff(first.version_id)
    assert first_diff["change"].tolist() == ["added"] * 4
    assert first_diff["old_value"].isna().all()


def test_a_missing_year_is_a_key_of_its_own(store):
    load(store, [("KHM", None, "egdi", 0.1), ("KHM", 2022, "egdi", 0.2)])
    outcome = load(store, [("KHM", None, "egdi", 0.3), ("KHM", 2022, "egdi", 0.2)], file_name="b.csv")

    assert (outcome.added, outcome.changed, outcome.removed, outcome.unchanged) == (0, 1, 0, 1)
    diff = store.diff(outcome.version_id)
    assert len(diff) == 1 and pd.isna(diff.loc[0, "year"]) and diff.loc[0, "new_value"] == 0.3


def test_an_identical_reimport_writes_no_version_and_says_so(store):
    first = load(store, FIRST)
    before = dump(store)

    again = store.import_tidy(
        tidy(list(reversed(FIRST)), sheet="Other"),
        dataset="undesa:2022",
        kind="long",
        file_name="renamed.csv",
        checksum="other",
        user="ana",
    )

    assert again == ImportOutcome(
        version_id=first.version_id, dataset="undesa:2022", added=0, changed=0, removed=0, unchanged=4, identical=True
    )
    assert dump(store) == before
    assert len(store.versions()) == 1


def test_versions_lists_who_when_what_newest_first(store):
    started = datetime.now(UTC).replace(microsecond=0)
    first = load(store, FIRST, user="sokha")
    second = load(store, SECOND, file_name="second.csv")
    other = load(store, [("VNM", 2022, "egdi", 0.6787)], dataset="national", file_name="vn.xlsx")

    table = store.versions()
    assert list(table.columns) == VERSION_OUTPUT
    assert table["version_id"].tolist() == [other.version_id, second.version_id, first.version_id]
    newest = table.iloc[2]
    assert newest[["dataset", "kind", "action", "user", "file_name", "checksum"]].tolist() == [
        "undesa:2022",
        "long",
        "import",
        "sokha",
        "first.csv",
        "sha-first.csv",
    ]
    assert newest[["added", "changed", "removed", "n_values"]].tolist() == [4, 0, 0, 4]
    assert table.iloc[1][["user", "added", "changed", "removed", "n_values"]].tolist() == ["cli", 1, 1, 1, 4]
    assert table["rolled_back_version"].isna().all()
    for text in table["created_at"]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        assert started - timedelta(seconds=1) <= moment <= datetime.now(UTC) + timedelta(seconds=1)


def test_rollback_restores_the_earlier_values_and_is_a_version(store):
    first = load(store, FIRST)
    before_second = store.observations()
    second = load(store, SECOND, file_name="second.csv")

    undone = store.rollback(second.version_id, user="dara")

    assert (undone.added, undone.changed, undone.removed, undone.identical) == (1, 1, 1, False)
    assert undone.version_id > second.version_id
    restored = store.observations()
    columns = ["entity", "year", "indicator", "value", "source", "file", "sheet", "row", "column", "flags"]
    pd.testing.assert_frame_equal(restored[columns], before_second[columns])
    latest = store.versions().iloc[0]
    assert latest[["version_id", "action", "user", "rolled_back_version", "file_name", "n_values"]].tolist() == [
        undone.version_id,
        "rollback",
        "dara",
        second.version_id,
        "first.csv",
        4,
    ]
    diff = store.diff(undone.version_id)
    assert sorted(zip(diff["change"], diff["entity"], diff["indicator"], strict=True)) == [
        ("added", "THA", "egdi"),
        ("changed", "KHM", "osi"),
        ("removed", "LAO", "egdi"),
    ]
    with pytest.raises(StoreError) as refused:
        store.rollback(second.version_id)
    assert refused.value.code == "store_nothing_to_undo"
    assert first.version_id in store.versions()["version_id"].tolist()


def test_rolling_back_an_older_version_undoes_the_later_ones_of_that_dataset_only(store):
    first = load(store, FIRST)
    second = load(store, SECOND, file_name="second.csv")
    other = load(store, [("VNM", 2022, "egdi", 0.6787)], dataset="national", file_name="vn.xlsx")
    third = load(store, [("KHM", 2022, "egdi", 0.6)], file_name="third.csv")

    undone = store.rollback(first.version_id)

    assert values(store, datasets=["undesa:2022"]) == {}
    assert values(store, datasets=["national"]) == {("VNM", 2022, "egdi"): 0.6787}
    assert (undone.added, undone.changed, undone.removed) == (0, 0, 1)
    assert store.versions().iloc[0]["n_values"] == 0
    # Rolling back the rollback brings back the state it replaced (the third version's content).
    redone = store.rollback(undone.version_id)
    assert values(store, datasets=["undesa:2022"]) == {("KHM", 2022, "egdi"): 0.6}
    assert redone.added == 1
    assert {second.version_id, other.version_id, third.version_id} <= set(store.versions()["version_id"])


def test_rollback_of_an_unknown_version_is_refused(store):
    load(store, FIRST)
    with pytest.raises(StoreError) as refused:
        store.rollback(999)
    assert refused.value.code == "store_no_version"
    assert "999" in str(refused.value)
    with pytest.raises(StoreError):
        store.diff(999)


def test_the_newest_import_wins_across_datasets(store):
    load(store, [("KHM", 2022, "egdi", 0.50), ("THA", 2022, "egdi", 0.77)], dataset="undesa:2022", file_name="un.csv")
    national = load(store, [("KHM", 2022, "egdi", 0.55)], dataset="national", file_name="kh.xlsx")

    resolved = store.observations()
    khm = resolved[resolved.entity == "KHM"]
    assert len(khm) == 1
    assert (khm.iloc[0].value, khm.iloc[0].dataset, khm.iloc[0].version_id) == (0.55, "national", national.version_id)
    assert len(store.observations(resolve=False)) == 3

    newer = load(store, [("KHM", 2022, "egdi", 0.52), ("THA", 2022, "egdi", 0.77)], dataset="undesa:2022", file_name="un2.csv")
    khm = store.observations(entities=["KHM"])
    assert (khm.iloc[0].value, khm.iloc[0].dataset, khm.iloc[0].version_id) == (0.52, "undesa:2022", newer.version_id)


def test_observations_filters(store):
    load(store, FIRST, dataset="a")
    store.import_tidy(tidy([("LAO", 2020, "osi", 0.3)]), dataset="b", kind="template", file_name="b.xlsx", checksum="b")

    assert set(values(store, indicators=["egdi"])) == {("KHM", 2022, "egdi"), ("THA", 2022, "egdi")}
    assert set(values(store, entities=["LAO", "THA"])) == {("LAO", 2020, "osi"), ("THA", 2022, "egdi")}
    assert set(values(store, kinds=["template"])) == {("LAO", 2020, "osi")}
    assert set(values(store, datasets=["a"], indicators=["osi"])) == {("KHM", 2022, "osi")}
    assert values(store, indicators=[]) == {}
    empty = store.observations(entities=["nowhere"])
    assert list(empty.columns) == OBSERVATION_OUTPUT and empty.empty


def test_frames_that_cannot_be_stored_are_refused_before_anything_is_written(store):
    load(store, FIRST)
    before = dump(store)
    bad_frames = {
        "store_missing_columns": tidy(FIRST).drop(columns="value"),
        "store_empty_import": tidy(FIRST).iloc[0:0],
        "store_duplicate_key": tidy([("KHM", 2022, "egdi", 0.1), ("KHM", 2022, "egdi", 0.2)]),
        "store_blank_key": tidy([("  ", 2022, "egdi", 0.1)]),
        "store_bad_column": tidy(FIRST).assign(value=["x", 1, 2, 3]),
    }
    for code, frame in bad_frames.items():
        with pytest.raises(StoreError) as refused:
            store.import_tidy(frame, dataset="undesa:2022", kind="long", file_name="bad.csv", checksum="")
        assert refused.value.code == code
        assert "undesa:2022" in str(refused.value) and refused.value.message_km
    assert dump(store) == before


def test_a_repeated_key_with_the_same_value_is_stored_once(store):
    outcome = load(store, [("KHM", 2022, "egdi", 0.5), ("KHM", 2022, "egdi", 0.5), ("KHM", None, "egdi", 0.1), ("KHM", None, "egdi", 0.1)])
    assert outcome.added == 2
    assert len(store.observations()) == 2


def test_a_minimal_frame_without_provenance_columns(store):
    frame = pd.DataFrame({"entity": ["KHM", "THA"], "indicator": ["egdi", "egdi"], "value": [0.5, 0.7]})
    outcome = store.import_tidy(frame, dataset="minimal", kind="wide", file_name="m.csv", checksum="m", entity_kind="province")
    assert outcome.added == 2
    row = store.observations(entities=["KHM"]).iloc[0]
    assert pd.isna(row.year) and pd.isna(row.row)
    assert row[["sheet", "column", "flags", "source", "file"]].tolist() == ["", "", "", "", "m.csv"]


@pytest.mark.parametrize("column", ["source", "sheet", "column", "entity"])
def test_text_with_a_control_character_never_reaches_the_store(store, column):
    store.import_tidy(tidy(FIRST), dataset="d", kind="long", file_name="a.csv", checksum="a")
    before = dump(store)
    bad = tidy([("KHM", 2023, "egdi", 0.51)]).assign(source="ITU", sheet="Data", column="EGDI")
    bad[column] = pd.Series(["KH\x00M" if column == "entity" else "IT\x00U"], dtype=object)
    with pytest.raises(StoreError) as refused:
        store.import_tidy(bad, dataset="d", kind="long", file_name="b.csv", checksum="b")
    assert refused.value.code == "store_bad_column" and "control character" in str(refused.value)
    assert dump(store) == before
