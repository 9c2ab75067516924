"""Editing targets in the dashboard: the checks of an edit, and edits stored as dataset versions with a history."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from indicators.outlook.targets import (
    EditProblem,
    edit_problems,
    edited_ids,
    load_targets,
    stored_targets,
    targets_dataset,
    targets_to_tidy,
    with_edit,
)
from indicators.store import open_store

DEFAULTS = load_targets()


def save(store, target, user="analyst"):  # type: ignore[no-untyped-def]
    current = stored_targets(store, DEFAULTS)
    edited = edited_ids(store.observations(kinds=["targets"], datasets=[targets_dataset(DEFAULTS)]))
    _, tidy = with_edit(current, target, edited)
    return store.import_tidy(tidy, dataset=targets_dataset(DEFAULTS), kind="targets", file_name="targets page", checksum="x", user=user)


def test_a_valid_edit_has_no_problems():
    assert edit_problems(DEFAULTS.target("egdi_very_high"), DEFAULTS.milestones) == []


def test_every_problem_of_an_edit_is_listed():
    world = DEFAULTS.target("world_top_100")
    broken = replace(world, baseline_year=1990, values={2025: 0.0, 2030: 250.0}, status="maybe", source="  ")
    problems = edit_problems(broken, DEFAULTS.milestones)
    assert problems == [
        EditProblem("baseline_year", "baseline", {"year": 1990, "first": 2000, "last": 2035}),
        EditProblem("range", "2025", {"value": 0.0, "low": 1.0, "high": 193.0}),
        EditProblem("range", "2030", {"value": 250.0, "low": 1.0, "high": 193.0}),
        EditProblem("status", "status", {"status": "maybe"}),
        EditProblem("source", "source"),
    ]
    half = replace(DEFAULTS.target("egdi_very_high"), baseline_value=None, values={})
    assert [p.code for p in edit_problems(half, DEFAULTS.milestones)] == ["baseline_incomplete", "no_values"]
    odd = replace(DEFAULTS.target("osi"), values={2027: 0.5, 2030: float("nan")})
    assert [(p.code, p.field) for p in edit_problems(odd, DEFAULTS.milestones)] == [("milestone", "2027"), ("range", "2030")]


def test_a_status_or_source_edit_alone_is_a_recorded_change():
    before = targets_to_tidy(DEFAULTS)
    after = targets_to_tidy(replace(DEFAULTS, targets=(replace(DEFAULTS.targets[0], status="confirmed"), *DEFAULTS.targets[1:])))
    meta = before["indicator"] == "target-meta:egdi_very_high"
    assert meta.sum() == 1 and before.loc[meta, "year"].isna().all()
    assert before.loc[meta, "value"].iloc[0] != after.loc[meta, "value"].iloc[0]
    assert before.drop(columns=["source"])[~meta].equals(after.drop(columns=["source"])[~meta])


def test_edits_are_versions_of_the_store_with_history_and_rollback(tmp_path: Path):
    store = open_store(str(tmp_path / "egdi.sqlite"))
    assert stored_targets(store, DEFAULTS) == DEFAULTS
    egdi = DEFAULTS.target("egdi_very_high")
    first = save(store, replace(egdi, values={2025: 0.58, 2030: 0.66, 2035: 0.76}))
    assert not first.identical
    assert stored_targets(store, DEFAULTS).target("egdi_very_high").values == {2025: 0.58, 2030: 0.66, 2035: 0.76}
    # only the edited target is stored: the others still follow the file
    assert edited_ids(store.observations(kinds=["targets"])) == ["egdi_very_high"]
    second = save(store, replace(stored_targets(store, DEFAULTS).target("egdi_very_high"), status="confirmed", source="Policy, §4"))
    assert not second.identical and second.changed == 1  # the status and source only: the meta row
    effective = stored_targets(store, DEFAULTS).target("egdi_very_high")
    assert (effective.status, effective.source, effective.values[2030]) == ("confirmed", "Policy, §4", 0.66)
    versions = store.versions()
    assert versions["dataset"].tolist()[:2] == ["targets:digital-government-policy"] * 2
    assert set(versions["user"].head(2)) == {"analyst"} and set(versions["kind"].head(2)) == {"targets"}
    store.rollback(int(second.version_id))
    assert stored_targets(store, DEFAULTS).target("egdi_very_high").status == "indicative"
    assert stored_targets(store, DEFAULTS).target("egdi_very_high").values[2030] == 0.66
    store.close()


@pytest.mark.parametrize("removed", ["baseline", "milestone"])
def test_a_value_removed_by_an_edit_is_gone(tmp_path: Path, removed: str):
    store = open_store(str(tmp_path / "egdi.sqlite"))
    osi = DEFAULTS.target("osi")
    edit = replace(osi, baseline_year=None, baseline_value=None) if removed == "baseline" else replace(osi, values={2030: 0.7})
    save(store, edit)
    result = stored_targets(store, DEFAULTS).target("osi")
    assert result == edit
    store.close()
