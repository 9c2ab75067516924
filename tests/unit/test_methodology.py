from pathlib import Path

import pytest

from indicators.method.methodology import MethodologyError, available_editions, load_methodology, read_methodology
from indicators.paths import METHODOLOGY_DIR

TII_2020 = ["internet_users_pct", "mobile_subscriptions_per_100", "mobile_broadband_per_100", "fixed_broadband_per_100"]
TII_2014 = [
    "internet_users_pct",
    "fixed_telephone_per_100",
    "mobile_subscriptions_per_100",
    "mobile_broadband_per_100",
    "fixed_broadband_per_100",
]


def test_every_required_edition_has_a_valid_file():
    assert {2014, 2016, 2018, 2020, 2022, 2024} <= set(available_editions())
    for edition in available_editions():
        method = load_methodology(edition)
        assert method.edition == edition and method.entity_kind == "country"


@pytest.mark.parametrize("edition", [2020, 2022])
def test_tii_from_2020_has_four_equal_components_capped_at_120(edition):
    form = load_methodology(edition).subindices["tii"].forms[0]
    assert list(form.codes) == TII_2020
    assert [c.weight for c in form.components] == [0.25] * 4
    assert [c.cap for c in form.components] == [120.0] * 4
    assert form.steps == ("cap", "zscore", "weighted_mean", "minmax")


@pytest.mark.parametrize("edition", [2014, 2016, 2018])
def test_tii_before_2020_has_five_equal_components_and_no_cap(edition):
    form = load_methodology(edition).subindices["tii"].forms[0]
    assert sorted(form.codes) == sorted(TII_2014)
    assert [c.weight for c in form.components] == pytest.approx([0.2] * 5)
    assert all(c.cap is None for c in form.components) and "cap" not in form.steps


@pytest.mark.parametrize("edition", [2014, 2016, 2018, 2020, 2022, 2024])
def test_hci_weights_and_egdi_weights(edition):
    method = load_methodology(edition)
    weights = {c.code: c.weight for c in method.subindices["hci"].forms[0].components}
    assert weights == pytest.approx(
        {"adult_literacy_pct": 1 / 3, "gross_enrolment_pct": 2 / 9, "expected_schooling_years": 2 / 9, "mean_schooling_years": 2 / 9}
    )
    assert method.egdi_weights == pytest.approx({"osi": 1 / 3, "tii": 1 / 3, "hci": 1 / 3})
    assert [(g.label, g.above) for g in method.groups] == [("Very High", 0.75), ("High", 0.5), ("Middle", 0.25), ("Low", None)]
    assert [g.classes for g in method.groups] == [
        ("VH", "V3", "V2", "V1"),
        ("HV", "H3", "H2", "H1"),
        ("MH", "M3", "M2", "M1"),
        ("LM", "L3", "L2", "L1"),
    ]


def test_osi_from_2022_accepts_raw_points_or_five_unconfirmed_subindices():
    osi = load_methodology(2022).subindices["osi"]
    assert [f.name for f in osi.forms] == ["raw_points", "subindices"]
    sub = osi.forms[1]
    assert set(sub.codes) == {
        "osi_services_provision",
        "osi_technology",
        "osi_institutional_framework",
        "osi_content_provision",
        "osi_e_participation",
    }
    assert sub.origin is not None and sub.origin.confirmed is False
    assert sum(c.weight for c in sub.components) == pytest.approx(1.0)
    assert [f.name for f in load_methodology(2020).subindices["osi"].forms] == ["raw_points"]


def test_2024_is_marked_unconfirmed_throughout():
    method = load_methodology(2024)
    assert method.status == "unconfirmed"
    assert all(not row["confirmed"] for row in method.origin_rows() if row["item"] != "missing_data")


def test_every_item_says_where_it_comes_from():
    for edition in available_editions():
        rows = load_methodology(edition).origin_rows()
        items = {row["item"] for row in rows}
        assert {
            "egdi",
            "subindices.osi",
            "subindices.tii",
            "subindices.hci",
            "subindices.epi",
            "groups",
            "rating_classes",
            "rank",
            "missing_data",
        } <= items
        assert all(row["source"] and row["note"] for row in rows)


def test_rating_classes_before_2020_are_flagged_as_not_published():
    origins = {row["item"]: row for row in load_methodology(2018).origin_rows()}
    assert origins["rating_classes"]["confirmed"] is False
    assert "introduced in the 2020 Survey" in origins["rating_classes"]["note"]


def test_an_unknown_edition_names_the_available_ones():
    with pytest.raises(MethodologyError, match=r"no methodology for edition 2019; available: \[2014"):
        load_methodology(2019)


HCI_STEPS = "steps: [cap, zscore, weighted_mean, minmax]\n        components:\n          - {code: adult"


def test_a_broken_file_reports_every_problem(tmp_path: Path):
    text = (METHODOLOGY_DIR / "egdi-2022.yaml").read_text(encoding="utf-8")
    broken = (
        text.replace("id: egdi-2022", "id: egdi-2099")
        .replace("{code: internet_users_pct, weight: 1/4, cap: 120, data_year: 2019}", "{code: internet_users, weight: 1/4, cap: 120}")
        .replace("{code: adult_literacy_pct, weight: 1/3, fill: 100", "{code: adult_literacy_pct, weight: 1/2, fill: 100")
        .replace(HCI_STEPS, HCI_STEPS.replace("[cap, zscore, weighted_mean, minmax]", "[minmax, cap, zscore, weighted_mean]"))
        .replace("above: 0.50", "above: 0.80")
    )
    path = tmp_path / "egdi-2022.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(MethodologyError) as caught:
        read_methodology(path)
    problems = "\n".join(caught.value.problems)
    assert "id: 'egdi-2099' must equal the file name" in problems
    assert "unknown indicator code 'internet_users'" in problems
    assert "subindices.hci.forms[0].components: weights sum to 1.166667, not 1" in problems
    assert "subindices.hci.forms[0].steps: must be in the order" in problems
    assert "thresholds must decrease" in problems
    assert len(caught.value.problems) == 5


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path):
    path = tmp_path / "egdi-2030.yaml"
    path.write_text("edition: [2030\n", encoding="utf-8")
    with pytest.raises(MethodologyError, match="not valid YAML"):
        read_methodology(path)
