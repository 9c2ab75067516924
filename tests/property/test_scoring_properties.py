"""Properties of the UN DESA method that hold for any field of entities."""

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from indicators.method.methodology import load_methodology
from indicators.method.scoring import score

M2022 = load_methodology(2022)
M2018 = load_methodology(2018)
TII = ["internet_users_pct", "mobile_subscriptions_per_100", "mobile_broadband_per_100", "fixed_broadband_per_100"]
HCI = ["adult_literacy_pct", "gross_enrolment_pct", "expected_schooling_years", "mean_schooling_years"]
CODES = [*TII, *HCI, "osi_score", "epi_score"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def fields(draw, min_entities: int = 3, max_entities: int = 25):
    """A field of entities with every component present, values on a grid of 0.5 to avoid float ties."""
    n = draw(st.integers(min_entities, max_entities))
    values = draw(st.lists(st.lists(st.integers(0, 200), min_size=len(CODES), max_size=len(CODES)), min_size=n, max_size=n))
    rows = [(f"E{i:03d}", code, v / 2) for i, row in enumerate(values) for code, v in zip(CODES, row, strict=True)]
    return pd.DataFrame(rows, columns=["entity", "indicator", "value"])


def spread(tidy: pd.DataFrame) -> bool:
    """Every component varies across the field (otherwise min-max has nothing to span)."""
    return bool((tidy.groupby("indicator")["value"].nunique() > 1).all())


def entities(tidy: pd.DataFrame, method=M2022) -> pd.DataFrame:
    return score(tidy, method).entities.set_index("entity")


@given(fields())
@SETTINGS
def test_every_index_is_in_0_1_and_spans_it(tidy):
    assume(spread(tidy))
    result = entities(tidy)
    for code in ("tii", "hci", "osi", "epi"):
        column = result[code].dropna()
        assert ((column >= 0) & (column <= 1)).all()
        if column.nunique() > 1:
            assert column.min() == 0.0 and column.max() == 1.0
    egdi = result["egdi"]
    assert ((egdi.dropna() >= 0) & (egdi.dropna() <= 1)).all()
    # every component varies, yet composites can still coincide (z-scores that cancel): then, and only then,
    # a sub-index has no spread to normalise against, and the EGDI is missing with that reason in the flags
    assert result.loc[egdi.isna(), "flags"].str.contains("_no_spread").all()


@given(fields(), st.randoms())
@SETTINGS
def test_invariant_to_row_order(tidy, rnd):
    shuffled = tidy.sample(frac=1, random_state=rnd.randint(0, 2**31 - 1)).reset_index(drop=True)
    pd.testing.assert_frame_equal(entities(tidy), entities(shuffled), check_exact=False, rtol=1e-12, atol=1e-12)


@given(fields(), st.sampled_from(HCI), st.floats(0.01, 1000))
@SETTINGS
def test_invariant_to_the_unit_of_a_component(tidy, code, factor):
    rescaled = tidy.copy()
    rescaled.loc[rescaled["indicator"] == code, "value"] *= factor
    pd.testing.assert_frame_equal(entities(tidy), entities(rescaled), check_exact=False, rtol=1e-9, atol=1e-9)


@given(fields(), st.sampled_from(TII), st.integers(0, 24), st.floats(0.5, 400))
@SETTINGS
def test_the_120_cap_binds(tidy, code, which, excess):
    target = tidy["entity"].unique()[which % tidy["entity"].nunique()]
    at_cap, above_cap = tidy.copy(), tidy.copy()
    mask = (tidy["entity"] == target) & (tidy["indicator"] == code)
    at_cap.loc[mask, "value"] = 120.0
    above_cap.loc[mask, "value"] = 120.0 + excess
    pd.testing.assert_frame_equal(entities(at_cap), entities(above_cap))

    def capped(method) -> float:
        stages = score(above_cap, method).components
        return float(stages[(stages["entity"] == target) & (stages["indicator"] == code)]["capped"].iloc[0])

    assert capped(M2022) == 120.0
    assert capped(M2018) == 120.0 + excess  # 2018 has no cap: the excess counts there


@given(fields(), st.sampled_from(CODES), st.integers(0, 24), st.floats(0.5, 50))
@SETTINGS
def test_monotone_in_every_component_before_minmax(tidy, code, which, step):
    """More of any component never lowers the entity's standardised value, nor its composite's distance
    from the field's mean composite (the mean of z-scores is 0), in every sub-index that reads it."""
    target = tidy["entity"].unique()[which % tidy["entity"].nunique()]
    mask = (tidy["entity"] == target) & (tidy["indicator"] == code)
    assume(tidy.loc[mask, "value"].iloc[0] + step <= 120 or code not in TII)
    better = tidy.copy()
    better.loc[mask, "value"] += step
    before, after = score(tidy, M2022), score(better, M2022)

    def stage(result):
        rows = result.components[(result.components["entity"] == target) & (result.components["indicator"] == code)].iloc[0]
        return rows["standardised"], rows["subindex"]

    (z_before, sub), (z_after, _) = stage(before), stage(after)
    assert z_after >= z_before - 1e-12
    if sub in ("tii", "hci"):

        def distance(result):
            composites = result.subindices[result.subindices["subindex"] == sub].set_index("entity")["composite"]
            return composites[target] - composites.mean()

        assert distance(after) >= distance(before) - 1e-12


@given(fields(), st.sampled_from(["osi_score", "epi_score"]), st.integers(0, 24), st.floats(0.5, 50))
@SETTINGS
def test_single_component_indices_are_monotone_after_minmax(tidy, code, which, step):
    target = tidy["entity"].unique()[which % tidy["entity"].nunique()]
    assume(spread(tidy))
    better = tidy.copy()
    better.loc[(tidy["entity"] == target) & (tidy["indicator"] == code), "value"] += step
    sub = code.split("_")[0]
    assert entities(better).loc[target, sub] >= entities(tidy).loc[target, sub]


def test_minmax_of_several_z_scores_is_not_monotone():
    """A fact of the method, not a bug: raising one component shrinks its standard deviation, which can widen
    a rival's lead in that component. Here entity B (26, 16) raises its first component to 27 and falls from
    first to second: goal seeking must re-score the whole field, never assume monotonicity."""

    def tii_rank(first_b: float) -> int:
        values = {"A": (24, 18), "B": (first_b, 16), "C": (23, 23)}
        rows = [
            (e, code, float(v)) for e, (x, y) in values.items() for code, v in (("internet_users_pct", x), ("fixed_broadband_per_100", y))
        ]
        tidy = pd.DataFrame(rows, columns=["entity", "indicator", "value"])
        tii = score(tidy, M2022).subindices.query("subindex == 'tii'").set_index("entity")["composite"]
        return int((tii > tii["B"]).sum()) + 1

    assert tii_rank(26) == 1 and tii_rank(27) == 2
