"""A what-if is a full re-score: it equals scoring the changed data from scratch."""

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.method.methodology import load_methodology
from indicators.method.scoring import score
from indicators.outlook.whatif import whatif_components
from tests.property.test_scoring_properties import CODES, fields

M2022 = load_methodology(2022)


@given(
    fields(), st.integers(0, 24), st.dictionaries(st.sampled_from(CODES), st.integers(0, 200).map(lambda v: v / 2), min_size=1, max_size=4)
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_whatif_equals_a_full_rescore_from_scratch(tidy, which, changes):
    entity = tidy["entity"].unique()[which % tidy["entity"].nunique()]
    scenario = whatif_components(tidy, M2022, entity, changes)
    scratch = tidy.copy()
    for code, value in changes.items():
        scratch.loc[(scratch["entity"] == entity) & (scratch["indicator"] == code), "value"] = value
    pd.testing.assert_frame_equal(scenario.whatif, score(scratch, M2022).entities)
    pd.testing.assert_frame_equal(scenario.baseline, score(tidy, M2022).entities)
