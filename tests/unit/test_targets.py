from pathlib import Path

import pytest

from indicators.outlook.targets import DEFAULT_TARGETS, TargetsError, apply_stored, load_targets, targets_to_tidy


def test_the_default_targets_are_indicative_and_valid():
    targets = load_targets()
    assert targets.entity == "KHM" and targets.milestones == {2025: 2026, 2030: 2030, 2035: 2034}
    assert all(t.status == "indicative" and t.source for t in targets.targets)
    egdi = targets.target("egdi_very_high")
    assert (egdi.baseline_year, egdi.baseline_value, egdi.values[2035]) == (2022, 0.5056, 0.76)
    assert targets.target("world_top_100").lower_is_better and not egdi.lower_is_better
    assert targets.target("world_top_100").values[2030] == 100


def test_a_broken_targets_file_lists_every_problem(tmp_path: Path):
    text = DEFAULT_TARGETS.read_text(encoding="utf-8")
    broken = (
        text.replace("indicator: egdi\n", "indicator: egdi_score\n", 1)
        .replace("values: {2025: 115, 2030: 100, 2035: 85}", "values: {2025: 115, 2031: 100, 2035: 0}")
        .replace('status: indicative\n    source: "Indicative: 6th', 'status: maybe\n    source: "Indicative: 6th')
    )
    path = tmp_path / "targets.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(TargetsError) as caught:
        load_targets(path)
    problems = caught.value.problems
    assert "targets[0].indicator: unknown indicator 'egdi_score'" in problems
    assert "targets[1].values.2031: not a milestone year of this file [2025, 2030, 2035]" in problems
    assert "targets[1].values.2035: 0 is outside the valid range 1–193 of world_rank" in problems
    assert "targets[2].status: must be one of ['confirmed', 'indicative']" in problems
    assert len(problems) == 4


def test_stored_edits_overlay_the_file_and_round_trip():
    defaults = load_targets()
    tidy = targets_to_tidy(defaults)
    egdi_rows = tidy[tidy["indicator"] == "target:egdi_very_high"]
    assert sorted(egdi_rows["year"]) == [2022, 2025, 2030, 2035] and set(egdi_rows["flags"]) == {"baseline", ""}
    assert apply_stored(defaults, tidy) == defaults
    edited = tidy.copy()
    at = (edited["indicator"] == "target:egdi_very_high") & (edited["year"] == 2030)
    edited.loc[at, "value"] = 0.7
    edited.loc[edited["indicator"] == "target:egdi_very_high", "source"] = "confirmed: Policy text, section 4"
    result = apply_stored(defaults, edited).target("egdi_very_high")
    assert result.values == {2025: 0.60, 2030: 0.7, 2035: 0.76}
    assert result.status == "confirmed" and result.source == "Policy text, section 4"
    assert apply_stored(defaults, edited).target("osi") == defaults.target("osi")
