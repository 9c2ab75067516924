from pathlib import Path

import pytest

from indicators.method.changes import MethodChange, changes_between, edition_changes, previous_edition
from indicators.method.methodology import available_editions, load_methodology, read_methodology
from indicators.paths import METHODOLOGY_DIR

TII_2020 = ("internet_users_pct", "mobile_subscriptions_per_100", "mobile_broadband_per_100", "fixed_broadband_per_100")


def method_changes(edition: int) -> list[MethodChange]:
    return [c for c in edition_changes() if c.edition == edition and c.is_method]


def test_the_2020_tii_drops_fixed_telephone_reweights_and_caps_the_other_four():
    changes = method_changes(2020)
    assert {c.item for c in changes} == {"tii"} and {c.previous for c in changes} == {2018}
    removed = [c for c in changes if c.kind == "component_removed"]
    assert [(c.code, c.before) for c in removed] == [("fixed_telephone_per_100", pytest.approx(0.2))]
    weights = {c.code: (c.before, c.after) for c in changes if c.kind == "weight_changed"}
    assert weights == {code: (pytest.approx(0.2), pytest.approx(0.25)) for code in TII_2020}
    caps = {c.code: (c.before, c.after) for c in changes if c.kind == "cap_changed"}
    assert caps == {code: (None, 120.0) for code in TII_2020}
    steps = [c for c in changes if c.kind == "steps_changed"]
    assert [(c.before, c.after) for c in steps] == [(("zscore", "weighted_mean", "minmax"), ("cap", "zscore", "weighted_mean", "minmax"))]


def test_the_2022_osi_gains_a_form_from_its_five_subindices():
    [change] = method_changes(2022)
    assert (change.kind, change.item, change.form, change.previous) == ("form_added", "osi", "subindices", 2020)
    assert change.codes == (
        "osi_services_provision",
        "osi_technology",
        "osi_institutional_framework",
        "osi_content_provision",
        "osi_e_participation",
    )
    assert sum(weight for _, weight in change.after) == pytest.approx(1.0)  # type: ignore[union-attr]


@pytest.mark.parametrize("edition", [2014, 2016, 2018])
def test_editions_that_repeat_the_previous_method_have_no_method_change(edition):
    assert method_changes(edition) == []


def test_the_2024_tii_replaces_fixed_broadband_with_affordability_and_the_rest_becomes_unconfirmed():
    changes = [c for c in edition_changes() if c.edition == 2024]
    assert {(c.kind, c.item, c.code, c.before, c.after) for c in changes if c.is_method} == {
        ("component_removed", "tii", "fixed_broadband_per_100", 0.25, None),
        ("component_added", "tii", "ict_affordability", None, 0.25),
    }
    assert ("status_changed", "confirmed", "unconfirmed") in {(c.kind, c.before, c.after) for c in changes}
    unconfirmed = {c.item for c in changes if c.kind == "confirmation_changed" and c.after is False}
    assert {"egdi", "subindices.tii", "groups", "rank"} <= unconfirmed  # rating classes: unconfirmed from 2020 (no stored annex text)


def test_rating_classes_move_from_the_projects_rule_to_the_survey_annex_in_2020():
    changes = {(c.kind, c.item): (c.before, c.after) for c in edition_changes() if c.edition == 2020 and not c.is_method and not c.is_data}
    # the rule is the Survey's from 2020, but its boundary treatment is this project's reading: unconfirmed throughout
    assert changes == {("source_changed", "rating_classes"): ("project", "annex")}


def test_affects_names_the_series_a_change_concerns():
    tii_2020 = method_changes(2020)
    assert all(c.affects("tii") and c.affects("egdi") for c in tii_2020)
    assert not any(c.affects(code) for c in tii_2020 for code in ("osi", "hci", "epi", "adult_literacy_pct"))
    assert any(c.affects("internet_users_pct") for c in tii_2020)
    assert any(c.affects("fixed_telephone_per_100") for c in tii_2020)
    [osi_2022] = method_changes(2022)
    assert osi_2022.affects("osi") and osi_2022.affects("egdi") and osi_2022.affects("osi_technology")
    assert not osi_2022.affects("osi_score") and not osi_2022.affects("tii")
    provenance = [c for c in edition_changes() if not c.is_method]
    assert not any(c.affects(series) for c in provenance for series in ("egdi", "osi", "tii", "hci"))


def test_a_file_compared_with_itself_has_no_change():
    for edition in available_editions():
        method = load_methodology(edition)
        assert changes_between(method, method) == []


def test_every_rule_is_compared(tmp_path: Path):
    text = (METHODOLOGY_DIR / "egdi-2022.yaml").read_text(encoding="utf-8")
    changed = (
        text.replace("id: egdi-2022", "id: egdi-2026")
        .replace("edition: 2022", "edition: 2026")
        .replace("weights: {osi: 1/3, tii: 1/3, hci: 1/3}", "weights: {osi: 1/2, tii: 1/4, hci: 1/4}")
        .replace("above: 0.75", "above: 0.80")
        .replace("classes: [LM, L3, L2, L1]", "classes: [LX, L3, L2, L1]")
        .replace("subindex_min_weight_share: 0.5", "subindex_min_weight_share: 0.6")
        .replace("{code: adult_literacy_pct, weight: 1/3, fill: 100", "{code: adult_literacy_pct, weight: 1/3, cap: 100, fill: 100")
        .replace(
            "steps: [cap, zscore, weighted_mean, minmax]\n        components:\n          - {code: adult",
            "steps: [cap, zscore, weighted_mean]\n        components:\n          - {code: adult",
        )
    )
    path = tmp_path / "egdi-2026.yaml"
    path.write_text(changed, encoding="utf-8")
    changes = changes_between(load_methodology(2022), read_methodology(path))
    found = {(c.kind, c.item, c.code): (c.before, c.after) for c in changes}
    assert found[("egdi_weight_changed", "egdi", "osi")] == (pytest.approx(1 / 3), 0.5)
    assert found[("egdi_weight_changed", "egdi", "tii")] == (pytest.approx(1 / 3), 0.25)
    assert found[("group_threshold_changed", "groups", "very_high")] == (0.75, 0.80)
    assert found[("group_classes_changed", "groups", "low")] == (("LM", "L3", "L2", "L1"), ("LX", "L3", "L2", "L1"))
    assert found[("missing_data_changed", "missing_data", "subindex_min_weight_share")] == (0.5, 0.6)
    assert found[("cap_changed", "hci", "adult_literacy_pct")] == (None, 100.0)
    assert ("steps_changed", "hci", "") in found
    assert all(c.edition == 2026 and c.previous == 2022 for c in changes)
    assert [c.affects("egdi") for c in changes if c.kind.startswith("group")] == [False, False]


def test_previous_edition_is_the_previous_file():
    assert previous_edition(2020) == 2018
    assert previous_edition(2014) is None
    assert previous_edition(2021) == 2020


def test_the_data_each_edition_reads_is_compared_by_its_lag():
    """The 2020 and 2022 files read internet users a year before their other data (3 years before the Survey), the 2024
    file does not (2): a change of the data read, not of the method; a data year that moves with its edition (2020 →
    2022 for the 2022 Survey, 2022 for the 2024 one) is no change."""
    data = [c for c in edition_changes() if c.is_data]
    assert {(c.edition, c.item, c.code, c.before, c.after) for c in data} == {
        (2020, "tii", "internet_users_pct", 2020 - 2018, 2020 - 2017),
        (2024, "tii", "internet_users_pct", 2022 - 2019, 2024 - 2022),
    }
    assert not any(c.is_method or c.affects("tii") or c.affects("egdi") for c in data)  # the split counts it as data
    assert all(c.codes == ("internet_users_pct",) for c in data)


def test_direction_fill_combination_and_data_year_are_compared(tmp_path: Path):
    text = (METHODOLOGY_DIR / "egdi-2024.yaml").read_text(encoding="utf-8")
    changed = (
        text.replace("id: egdi-2024", "id: egdi-2026")
        .replace("edition: 2024", "edition: 2026")
        .replace("  year: 2022\n", "  year: 2023\n")  # lag 2 → 3
        .replace("{code: adult_literacy_pct, weight: 1/3, fill: 100, data_year: 2021}", "{code: adult_literacy_pct, weight: 1/3, fill: 90}")
        .replace("{code: expected_schooling_years, weight: 2/9}", "{code: expected_schooling_years, weight: 2/9, direction: lower}")
        .replace("how: mean\n              needs: any", "how: mean\n              needs: all")
    )
    path = tmp_path / "egdi-2026.yaml"
    path.write_text(changed, encoding="utf-8")
    old, new = load_methodology(2024), read_methodology(path)
    found = {(c.kind, c.item, c.code): (c.before, c.after) for c in changes_between(old, new)}
    assert found[("data_year_changed", "data_year", "")] == (2, 3)
    # literacy was read a year earlier than the rest (lag 3); without its own year it follows the file's new lag (3)
    assert ("data_year_changed", "hci", "adult_literacy_pct") not in found
    assert found[("fill_changed", "hci", "adult_literacy_pct")] == (100.0, 90.0)
    assert found[("direction_changed", "hci", "expected_schooling_years")] == ("higher", "lower")
    before, after = found[("combine_changed", "hci", "gross_enrolment_pct")]
    assert (before.needs, after.needs, before.parts) == ("any", "all", after.parts)  # type: ignore[attr-defined]
    method = [c for c in changes_between(old, new) if c.is_method]
    assert {c.kind for c in method} == {"fill_changed", "direction_changed", "combine_changed"}
    assert all(c.affects("hci") and c.affects("egdi") and not c.affects("tii") for c in method)
