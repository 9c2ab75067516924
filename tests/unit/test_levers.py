"""Levers and milestone paths on the next Survey's field: every effect is a full re-score of the field with that one
change, the steps are the realistic ones, and a path reaches its milestone with the least of its last component."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.ingest.imports import open_seeded_store
from indicators.method.scoring import score
from indicators.outlook.briefing import Outlook, stored_outlook
from indicators.outlook.levers import OSI_CODE, lever_codes
from indicators.outlook.paths import COLUMN
from indicators.outlook.targets import load_targets


@pytest.fixture(scope="module")
def outlook(seeded_db: str) -> Outlook:
    with open_seeded_store(seeded_db) as store:
        return stored_outlook(store)


def rescored(outlook: Outlook, changes: dict[str, float]) -> pd.Series:
    """Cambodia's row after scoring the nowcast's field from scratch with `changes` (no what-if code involved)."""
    forecast = outlook.nowcast().forecast
    data = forecast.field.data.copy()
    for code, value in changes.items():
        data.loc[(data["entity"] == "KHM") & (data["indicator"] == code), "value"] = value
    return score(data, forecast.methodology).entities.set_index("entity").loc["KHM"]


def test_a_levers_effect_equals_a_full_rescore_with_that_change(outlook: Outlook):
    found = outlook.levers("KHM")
    assert len(found) >= 20 and found == sorted(found, key=lambda lever: -lever.delta_egdi)
    for lever in found[:5] + found[-2:]:
        row = rescored(outlook, lever.changes)
        assert lever.egdi_after == pytest.approx(float(row["egdi"]), abs=1e-12), lever.code
        assert lever.egdi_before == pytest.approx(float(outlook.nowcast().row("KHM")["egdi"]), abs=1e-12)
    assert {lever.step for lever in found} == {"trend", "asean_median", "next_group"}


def test_steps_improve_the_component_in_its_direction_within_its_range(outlook: Outlook):
    codes = lever_codes(outlook.nowcast().forecast.methodology)
    assert codes["mobile_basket_gni_pct"] == ("tii", True) and codes["gross_enrolment_tertiary_pct"] == ("hci", False)
    assert codes[OSI_CODE] == ("osi", False)
    for lever in outlook.levers("KHM"):
        lower = codes[lever.code][1]
        assert (lever.target < lever.start) if lower else (lever.target > lever.start), lever
    osi = {lever.step: lever for lever in outlook.levers("KHM") if lever.code == OSI_CODE}
    published = outlook.record.published
    asean_2024 = published[
        (published["edition"] == 2024)
        & published["iso3"].isin(["BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"])
    ]
    assert osi["asean_median"].target == pytest.approx(float(asean_2024["osi"].median()))  # the ASEAN median OSI of 2024, carried
    assert osi["trend"].target == pytest.approx(0.45034 + (0.45034 - 0.4181))  # Cambodia's OSI 2022 → 2024, once more


def test_a_path_reaches_its_milestone_and_a_little_less_does_not(outlook: Outlook):
    targets = load_targets()
    paths = outlook.paths(targets)
    assert {(p.target_id, p.milestone) for p in paths} >= {("egdi_very_high", 2025), ("world_top_100", 2030), ("osi", 2025)}
    for path in paths:
        if not path.reachable or path.reached_now:
            continue
        assert 0 < path.effort <= len(path.changes)
        row = rescored(outlook, path.changes)
        column = COLUMN[path.indicator]
        if column in ("egdi", "osi"):
            assert float(row[column]) >= path.target_value - 1e-12 and path.egdi == pytest.approx(float(row["egdi"]), abs=1e-12)
        last, value = list(path.changes.items())[-1]
        start = float(outlook.nowcast().forecast.field.data.set_index(["entity", "indicator"]).loc[("KHM", last), "value"])
        less = {**path.changes, last: start + 0.97 * (value - start)}  # 3 % short of the last component's change
        if column in ("egdi", "osi"):
            assert float(rescored(outlook, less)[column]) < path.target_value


def test_the_overview_line_and_the_status_basis_agree_with_the_nowcast(outlook: Outlook):
    row = outlook.nowcast().row("KHM")
    line = outlook.line("KHM")
    assert line == (
        f"Next Survey (2026) nowcast: EGDI {row['egdi']:.2f} ({row['egdi_low']:.2f}–{row['egdi_high']:.2f}), "
        f"rank {row['rank']} ({row['rank_low']}–{row['rank_high']})"
    )
    assert outlook.line("KHM", "km").startswith("ការព្យាករណ៍ការស្ទង់មតិបន្ទាប់ (២០២៦)")
    basis = outlook.basis("KHM", "world_rank")
    assert basis is not None and (basis.edition, basis.value, basis.lower, basis.upper) == (
        2026,
        row["rank"],
        row["rank_low"],
        row["rank_high"],
    )
    assert outlook.basis("KHM", "internet_users_pct") is None
    # as a target status's evidence: only in the nowcast's own edition, named after it
    estimate = outlook.status_estimate("asean_rank", "KHM", 2026)
    assert estimate is not None and estimate.basis == "nowcast:2026"
    assert (estimate.value, estimate.lower, estimate.upper) == (row["asean_rank"], row["asean_rank_low"], row["asean_rank_high"])
    assert estimate.lower <= estimate.value <= estimate.upper
    assert outlook.status_estimate("egdi", "KHM", 2030) is None and outlook.status_estimate("egdi", "KHM", 2024) is None
    assert outlook.status_estimate("internet_users_pct", "KHM", 2026) is None and outlook.status_estimate("egdi", "TWN", 2026) is None
    peers = outlook.peers("KHM", ["THA", "VNM", "LAO"])
    assert sorted(peers["iso3"]) == ["KHM", "LAO", "THA", "VNM"] and peers["egdi"].is_monotonic_decreasing
    record = outlook.track_record("KHM")
    assert sorted(set(record["edition"])) == [2014, 2016, 2018, 2020, 2022, 2024] and (record["until"] == record["edition"] - 1).all()
