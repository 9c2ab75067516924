import math

import numpy as np
import pandas as pd

from indicators.method.classify import classify, rank_descending
from indicators.method.methodology import load_methodology

LEVELS = load_methodology(2022).groups


def test_rank_is_descending_and_ties_share_the_better_rank():
    ranks = rank_descending(np.array([0.5, 0.9, 0.5, 0.1, np.nan]))
    assert ranks[:4].tolist() == [2.0, 1.0, 2.0, 4.0]
    assert math.isnan(ranks[4])


def test_group_boundaries_belong_to_the_lower_group():
    egdi = np.array([0.7500001, 0.75, 0.5000001, 0.5, 0.2500001, 0.25, 0.0])
    groups = classify(egdi, LEVELS)["group"]
    assert list(groups) == ["Very High", "High", "High", "Middle", "Middle", "Low", "Low"]


def test_rating_classes_are_quartiles_within_the_group_best_first():
    # eight Very High values: quartiles (linear interpolation) 0.795, 0.83, 0.865
    egdi = np.array([0.76, 0.78, 0.80, 0.82, 0.84, 0.86, 0.88, 0.90])
    classes = classify(egdi, LEVELS)["rating_class"]
    assert list(classes) == ["V1", "V1", "V2", "V2", "V3", "V3", "VH", "VH"]


def test_a_value_on_a_quartile_boundary_takes_the_lower_class():
    egdi = np.array([0.30, 0.35, 0.40, 0.45, 0.50])  # Middle; quartiles 0.35, 0.40, 0.45
    assert list(classify(egdi, LEVELS)["rating_class"]) == ["M1", "M1", "M2", "M3", "MH"]


def test_classes_are_per_group_and_missing_egdi_is_unclassified():
    result = classify(np.array([0.9, 0.6, np.nan]), LEVELS)
    assert list(result["group"]) == ["Very High", "High", None]
    assert list(result["rating_class"]) == ["V1", "H1", None]
    assert result["rank"][2] is pd.NA
