"""The 2024 Survey replayed with the data published by the end of 2023, on the bundled data: the figures the README
and the method's evaluation report, pinned. A change of data or method that moves them must update both.

Independent checks: the carried OSI and EPI are Cambodia's in EGOV_DATA_2022.csv; the errors are against
EGOV_DATA_2024.csv (Cambodia 2024: EGDI 0.57536, rank 120)."""

from __future__ import annotations

import pytest

from indicators.ingest.imports import open_seeded_store
from indicators.method.stored import stored_components, stored_published
from indicators.outlook.evaluation import error_budget, evaluate
from indicators.outlook.record import Record

# figure: (median |error|, 90th percentile, coverage of the 80 % intervals), the nowcast of 2024 with data until 2023
PINNED_2024 = {
    "tii": (0.0107, 0.0597, 0.8446),
    "hci": (0.0650, 0.1557, 0.4456),
    "osi": (0.0391, 0.1263, 0.9534),
    "egdi": (0.0244, 0.0686, 0.8446),
    "rank": (5.0, 13.8, 0.8964),
}
NAIVE_2024 = {"egdi": 0.0344, "rank": 6.0, "tii": 0.1187}


# known sub-index: (EGDI median |error|, rank median |error|) of the 2024 replay with that sub-index published
BUDGET_2024 = {"none": (0.0244, 5.0), "osi": (0.0231, 3.0), "tii": (0.0245, 4.0), "hci": (0.0156, 4.0)}


@pytest.fixture(scope="module")
def record(seeded_db: str) -> Record:
    with open_seeded_store(seeded_db) as store:
        return Record(stored_components(store), stored_published(store))


@pytest.fixture(scope="module")
def evaluation(record: Record):  # type: ignore[no-untyped-def]
    return evaluate(record, editions=(2024,))


def test_the_2024_replay_reproduces_its_pinned_figures(evaluation):
    summary = evaluation.summary.set_index(["figure", "forecast"])
    for figure, (median, p90, coverage) in PINNED_2024.items():
        line = summary.loc[(figure, "nowcast")]
        assert line["countries"] == 193
        assert line["median_abs_error"] == pytest.approx(median, abs=5e-5), figure
        assert line["p90_abs_error"] == pytest.approx(p90, abs=5e-5), figure
        assert line["coverage"] == pytest.approx(coverage, abs=5e-5), figure
    for figure, median in NAIVE_2024.items():
        assert summary.loc[(figure, "naive"), "median_abs_error"] == pytest.approx(median, abs=5e-5), figure
    assert summary.loc[("egdi", "nowcast"), "median_abs_error"] < summary.loc[("egdi", "naive"), "median_abs_error"]


def test_cambodia_in_the_2024_replay(evaluation):
    khm = evaluation.entity.set_index("figure")
    assert khm.loc["osi", "predicted"] == 0.4181 and khm.loc["epi", "predicted"] == 0.2841  # EGOV_DATA_2022.csv, carried
    assert khm.loc["egdi", "published"] == 0.57536 and khm.loc["rank", "published"] == 120  # EGOV_DATA_2024.csv
    assert khm.loc["egdi", ["predicted", "low", "high"]].tolist() == pytest.approx([0.5814, 0.5238, 0.6389], abs=5e-5)
    assert khm.loc["rank", ["predicted", "low", "high"]].tolist() == [128, 115, 141]
    assert khm.loc["tii", "predicted"] == pytest.approx(0.7714, abs=5e-5) and khm.loc["hci", "predicted"] == pytest.approx(0.5547, abs=5e-5)
    assert khm.loc["egdi", "low"] <= 0.57536 <= khm.loc["egdi", "high"] and 115 <= 120 <= 141  # the published values inside
    assert abs(khm.loc["egdi", "error"]) < abs(khm.loc["egdi", "naive_error"])  # 0.006 against the naive 0.070


def test_the_2024_error_budget_names_what_limits_the_replay(record, evaluation):
    budget = error_budget(record, 2024).set_index("known")
    assert budget["until"].eq(2023).all()
    for known, (egdi, rank) in BUDGET_2024.items():
        assert budget.loc[known, "egdi"] == pytest.approx(egdi, abs=5e-5), known
        assert budget.loc[known, "rank"] == rank, known
    summary = evaluation.summary.set_index(["figure", "forecast"])  # nothing known: the replay's own errors
    assert budget.loc["none", "egdi"] == pytest.approx(summary.loc[("egdi", "nowcast"), "median_abs_error"], abs=1e-12)
    assert budget.loc["none", "rank"] == summary.loc[("rank", "nowcast"), "median_abs_error"]


def test_somalia_anchors_the_2024_replay_hci_without_its_schooling_years(record):
    """The 2024 replay's HCI is biased high because its lowest country, Somalia (the min-max anchor, 0 in every Survey
    since 2012), has no expected or mean years of schooling by the end of 2023: the UNDP published its first (of 2022)
    in the HDR 2023/24, in 2024, and the 2024 back-test reads them (HDR23-24_Composite_indices_complete_time_series.csv:
    eys_2022 7.65, mys_2022 1.90, no earlier year)."""
    field = record.replay(2024).forecast.field
    scores = field.scores.set_index("entity")
    assert scores["hci"].idxmin() == "SOM" and "hci_partial" in scores.loc["SOM", "flags"]
    read = set(field.inputs.loc[field.inputs["entity"] == "SOM", "indicator"])
    assert not read & {"expected_schooling_years", "mean_schooling_years"}
    stored = record.values[(record.values["entity"] == "SOM") & (record.values["indicator"] == "expected_schooling_years")]
    assert stored["year"].min() == 2022 and (stored["released"].dt.year >= 2024).all()
