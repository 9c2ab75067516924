"""Components that are lower-is-better, combinations of indicators, filled values and data years: the methodology
file's new fields, validated with located messages, and scored as hand computations say."""

from __future__ import annotations

import statistics
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import main
from indicators.method.methodology import MethodologyError, load_methodology, read_methodology
from indicators.method.scoring import score
from indicators.paths import METHODOLOGY_DIR
from tests.conftest import tidy_from

M2022, M2024 = load_methodology(2022), load_methodology(2024)
AFFORDABILITY = "subindices.tii.forms[0].components[3]"
LITERACY = "{code: adult_literacy_pct, weight: 1/3, fill: 100, data_year: 2021}"


def z(values: list[float]) -> list[float]:
    """Population z-scores, worked with the statistics module."""
    mean, sd = statistics.mean(values), statistics.pstdev(values)
    return [(v - mean) / sd for v in values]


# --- the 2024 TII: three indicators and the mean of two lower-is-better baskets ----------------------------------


TII_2024 = {
    # internet users, mobile-cellular, mobile broadband, mobile basket %GNI, fixed-broadband basket %GNI
    "A": [20, 60, 30, 30, None],  # the mobile basket is capped at 20; no fixed-broadband price
    "B": [50, 90, 60, 5, 10],
    "C": [80, 130, 90, 2, 4],  # mobile-cellular capped at 120
}
TII_2024_CODES = [
    "internet_users_pct",
    "mobile_subscriptions_per_100",
    "mobile_broadband_per_100",
    "mobile_basket_gni_pct",
    "fixed_broadband_basket_gni_pct",
]


def tii_2024_by_hand() -> dict[str, float]:
    """TII 2024 worked independently: z of the three capped indicators; affordability = mean of −z(min(price, 20)) over
    the baskets a country has (z over the countries with that basket); mean of four; min-max."""
    entities = list(TII_2024)
    columns = list(zip(*TII_2024.values(), strict=True))
    z_iu, z_mob, z_mbb = z(list(columns[0])), z([min(v, 120) for v in columns[1]]), z(list(columns[2]))
    z_mobile_price = [-v for v in z([min(v, 20) for v in columns[3]])]
    z_fixed_price = dict(zip(["B", "C"], [-v for v in z([10, 4])], strict=True))
    affordability = {
        e: statistics.mean([z_mobile_price[i], *([z_fixed_price[e]] if e in z_fixed_price else [])]) for i, e in enumerate(entities)
    }
    composite = {e: (z_iu[i] + z_mob[i] + z_mbb[i] + affordability[e]) / 4 for i, e in enumerate(entities)}
    low, high = min(composite.values()), max(composite.values())
    return {e: (c - low) / (high - low) for e, c in composite.items()}


def test_the_2024_tii_matches_the_hand_computation():
    tidy = tidy_from({e: {c: v for c, v in zip(TII_2024_CODES, vals, strict=True) if v is not None} for e, vals in TII_2024.items()})
    result = score(tidy, M2024)
    expected = tii_2024_by_hand()
    assert result.entities.set_index("entity")["tii"].to_dict() == pytest.approx(expected, abs=1e-12)
    assert expected["B"] == pytest.approx(0.497962, abs=1e-6)  # by hand: (−0.061500 + 1.267809) / (1.154684 + 1.267809)
    stages = result.components.set_index(["entity", "indicator"])
    assert stages.loc[("A", "mobile_basket_gni_pct"), ["raw", "capped"]].tolist() == [30, 20]
    assert stages.loc[("A", "mobile_basket_gni_pct"), "part_of"] == "ict_affordability"
    assert pd.isna(stages.loc[("A", "ict_affordability"), "raw"])  # a mean of z-scores has no value of its own


def test_a_lower_price_never_lowers_the_tii():
    tidy = tidy_from({e: {c: v for c, v in zip(TII_2024_CODES, vals, strict=True) if v is not None} for e, vals in TII_2024.items()})
    before = score(tidy, M2024).entities.set_index("entity")["tii"]
    cheaper = tidy.assign(value=tidy["value"].where(~((tidy["entity"] == "B") & (tidy["indicator"] == "mobile_basket_gni_pct")), 3))
    after = score(cheaper, M2024).entities.set_index("entity")["tii"]
    assert after["B"] > before["B"]


# --- the HCI: literacy filled with 100, the combined GER from the levels ----------------------------------------


def hci_tidy(levels: dict[str, tuple[float, float, float]], literacy: dict[str, float]) -> pd.DataFrame:
    rows = {
        e: {
            "gross_enrolment_primary_pct": p,
            "gross_enrolment_secondary_pct": s,
            "gross_enrolment_tertiary_pct": t,
            "expected_schooling_years": 10 + i,
            "mean_schooling_years": 5 + 2 * i,
            **({"adult_literacy_pct": literacy[e]} if e in literacy else {}),
        }
        for i, (e, (p, s, t)) in enumerate(levels.items())
    }
    return tidy_from(rows)


def test_the_combined_ger_is_the_mean_of_the_levels_with_primary_capped_at_100():
    tidy = hci_tidy({"A": (110, 60, 20), "B": (90, 90, 60), "C": (100, 120, 80)}, {"A": 70, "B": 90, "C": 99})
    stages = score(tidy, M2022).components.set_index(["entity", "indicator"])
    ger = stages.xs("gross_enrolment_pct", level="indicator")["raw"].to_dict()
    assert ger == pytest.approx({"A": (100 + 60 + 20) / 3, "B": (90 + 90 + 60) / 3, "C": (100 + 120 + 80) / 3})


def test_a_value_of_the_combined_code_itself_wins_over_its_levels():
    tidy = hci_tidy({"A": (110, 60, 20), "B": (90, 90, 60), "C": (100, 120, 80)}, {"A": 70, "B": 90, "C": 99})
    given = pd.concat([tidy, tidy_from({"B": {"gross_enrolment_pct": 42.0}})], ignore_index=True)
    stages = score(given, M2022).components.set_index(["entity", "indicator"])
    assert stages.loc[("B", "gross_enrolment_pct"), "raw"] == 42.0


def test_a_missing_level_leaves_the_mean_of_the_levels_present_or_with_needs_all_no_combined_ger():
    tidy = hci_tidy({"A": (110, 60, 20), "B": (90, 90, 60), "C": (100, 120, 80)}, {"A": 70, "B": 90, "C": 99})
    without = tidy[~((tidy["entity"] == "A") & (tidy["indicator"] == "gross_enrolment_tertiary_pct"))]
    result = score(without, M2022)  # the 2022 file: needs: any (the back-test's finding: the UN scores Somalia so)
    assert result.components.set_index(["entity", "indicator"]).loc[("A", "gross_enrolment_pct"), "raw"] == (100 + 60) / 2
    assert "hci_partial" not in result.entities.set_index("entity").loc["A", "flags"]
    hci = M2022.subindices["hci"]
    every = [replace(c, combine=replace(c.combine, needs="all")) if c.combine else c for c in hci.forms[0].components]
    strict = replace(M2022, subindices={**M2022.subindices, "hci": replace(hci, forms=(replace(hci.forms[0], components=tuple(every)),))})
    result = score(without, strict)
    assert pd.isna(result.components.set_index(["entity", "indicator"]).loc[("A", "gross_enrolment_pct"), "raw"])
    assert "hci_partial" in result.entities.set_index("entity").loc["A", "flags"]


def test_literacy_is_filled_with_100_where_a_country_has_none_and_flagged():
    tidy = hci_tidy({"A": (110, 60, 20), "B": (90, 90, 60), "C": (100, 120, 80)}, {"A": 70, "B": 90})
    result = score(tidy, M2022)
    stages = result.components.set_index(["entity", "indicator"])
    assert stages.loc[("C", "adult_literacy_pct"), "raw"] == 100
    literacy_z = z([70, 90, 100])
    assert stages.xs("adult_literacy_pct", level="indicator")["standardised"].tolist() == pytest.approx(literacy_z)
    flags = result.entities.set_index("entity")["flags"]
    assert "hci_filled" in flags["C"] and "hci_filled" not in flags["A"]


# --- validation: every problem located -------------------------------------------------------------------------


NAMED = "      - code: ict_affordability\n            weight: 1/4\n            name: "
FIXED_PRICE = "                - {code: fixed_broadband_basket_gni_pct, cap: 20, direction: lower}\n"
HCI_STEPS = "steps: [cap, zscore, weighted_mean, minmax]\n        components:\n          - {code: adult"
SECONDARY = "{code: gross_enrolment_secondary_pct}"
HCI_0 = "subindices.hci.forms[0].components[0]"
MALFORMED = [
    (2024, "cap: 20, direction: lower}\n", "cap: 20, direction: sideways}\n", f"{AFFORDABILITY}.combine.parts[0].direction: 'sideways'"),
    (2024, "how: mean_z", "how: median", f"{AFFORDABILITY}.combine.how: 'median' must be one of ['mean', 'mean_z']"),
    (2024, "code: ict_affordability", "code: internet_users_pct", "a mean of z-scores has no value of its own"),
    (2024, NAMED, NAMED.replace("name:", "nome:"), "unknown key(s) ['nome']"),
    (2024, FIXED_PRICE, "", f"{AFFORDABILITY}.combine.parts: a list of at least two parts"),
    (2024, "data_year:\n  year: 2022", "data_year:\n  year: 2030", "data_year.year: 2030 must be a year from 2014 to the edition"),
    (2024, "fill: 100, data_year: 2021", "fill: lots, data_year: 2021", f"{HCI_0}.fill: 'lots' is not a number"),
    (2024, "fill: 100, data_year: 2021", "fill: 100, data_year: 1999", f"{HCI_0}.data_year: 1999 must be a year"),
    (2024, SECONDARY, SECONDARY.replace("}", ", direction: lower}"), "a mean of values takes the component's direction"),
    (2024, "{code: osi_score, weight: 1}", "{code: osi_score, weight: 1, direction: lower}", "'lower' negates a z-score"),
    (2022, HCI_STEPS, HCI_STEPS.replace("cap, ", ""), "components[1].cap: a cap is given but the steps have no 'cap'"),
    (2024, "code: gross_enrolment_pct\n", "code: gross_enrolment\n", "components[1].code: a mean of values is an indicator"),
    (2024, "              needs: any", "              needs: most", "components[1].combine.needs: 'most' must be one of ['all', 'any']"),
    (
        2024,
        "how: mean_z",
        "how: mean_z\n              needs: any",
        f"{AFFORDABILITY}.combine.needs: a mean of z-scores is always over the parts",
    ),
]


@pytest.mark.parametrize(("edition", "old", "new", "message"), MALFORMED)
def test_a_malformed_new_field_is_refused_with_its_place(tmp_path: Path, edition: int, old: str, new: str, message: str):
    text = (METHODOLOGY_DIR / f"egdi-{edition}.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"egdi-{edition}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MethodologyError) as caught:
        read_methodology(path)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_the_command_line_shows_the_problem_and_no_traceback(tmp_path: Path, capsys):
    text = (METHODOLOGY_DIR / "egdi-2024.yaml").read_text(encoding="utf-8").replace("how: mean_z", "how: median")
    path = tmp_path / "egdi-2024.yaml"
    path.write_text(text, encoding="utf-8")
    source = tmp_path / "in.csv"
    source.write_text("entity,indicator,value\nCambodia,internet_users_pct,60\n", encoding="utf-8")
    assert main(["score", str(source), "--edition", str(path), "--output", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert f"{AFFORDABILITY}.combine.how: 'median' must be one of" in err and "Traceback" not in err


# --- what the files now say --------------------------------------------------------------------------------------


def test_the_2024_tii_reads_affordability_instead_of_fixed_broadband():
    form = M2024.subindices["tii"].forms[0]
    assert list(form.codes) == ["internet_users_pct", "mobile_subscriptions_per_100", "mobile_broadband_per_100", "ict_affordability"]
    affordability = form.components[3].combine
    assert affordability is not None and affordability.how == "mean_z"
    assert [(p.code, p.cap, p.direction) for p in affordability.parts] == [
        ("mobile_basket_gni_pct", 20.0, "lower"),
        ("fixed_broadband_basket_gni_pct", 20.0, "lower"),
    ]
    assert "fixed_broadband_per_100" not in M2024.input_codes()
    assert not M2024.origins["subindices.tii"].confirmed and M2024.origins["subindices.tii"].source == "backtest"


@pytest.mark.parametrize("edition", [2014, 2016, 2018, 2020, 2022, 2024])
def test_every_edition_states_its_data_year(edition: int):
    method = load_methodology(edition)
    assert method.data_year == edition - 2 and not method.origins["data_year"].confirmed
    assert method.data_year_of("adult_literacy_pct") == edition - 3
    assert method.data_year_of("internet_users_pct") == edition - (3 if edition in (2020, 2022) else 2)
    assert method.data_year_of("gross_enrolment_tertiary_pct") == edition - 2
