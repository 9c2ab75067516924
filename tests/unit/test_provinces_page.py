"""The Provinces page's data (indicators.method.provinces, panels, demo): hand-computed cases on small stores."""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.method.demo import DEMO_DIR, demo_answers, demo_observations
from indicators.method.panels import province_panels
from indicators.method.provinces import answers, assessment_years, criteria_profile, map_values, province_data, ranking
from indicators.paths import PROJECT_DIR
from tests.unit.provinces_data import NATIONAL, Q, assessment, empty_store, imported


def test_a_store_without_assessments_shows_the_fictional_demonstration_labelled(tmp_path: Path):
    data = province_data(imported(empty_store(tmp_path), NATIONAL))
    assert assessment_years(data) == [2023, 2025]
    assert data.scores["fictional"].all() and data.answers["source"].str.startswith("FICTIONAL").all()
    shown = map_values(data, 2023)
    assert len(shown) == 25 and shown["fictional"].sum() == 24
    assert np.isnan(shown.set_index("code").at["KH-24", "score"])  # Pailin: not assessed in the first demo year
    panel = province_panels(data.observations, "KH-12").set_index("indicator")
    assert panel.at["internet_users_pct", "fictional"] and panel.at["internet_users_pct", "source"].startswith("FICTIONAL")
    assert not panel.at["fixed_broadband_per_100", "fictional"] and panel.at["fixed_broadband_per_100", "national"] == 1.12
    without = province_data(imported(empty_store(tmp_path), NATIONAL), demo=False)  # the same store, asked without demo
    assert without.scores.empty and without.answers.empty and without.observations["entity"].eq("KHM").all()


def test_real_answers_replace_the_demonstration_and_are_scored_by_hand(tmp_path: Path):
    if_codes = [item.code for item in Q.criterion("IF").indicators]
    first = assessment(tmp_path, 2023, {"D": if_codes[:2], "F": if_codes}, "2023")  # Banteay Meanchey, Battambang
    second = assessment(tmp_path, 2025, {"D": [*if_codes[:6], "CP01"], "F": if_codes}, "2025")
    data = province_data(imported(empty_store(tmp_path), first, second))
    assert assessment_years(data) == [2023, 2025] and not data.scores["fictional"].any()
    table = ranking(data, 2025).set_index("code")
    assert table.loc["KH-2", "rank"] == 1 and table.loc["KH-1", "rank"] == 2 and pd.isna(table.loc["KH-12", "rank"])
    assert table.loc["KH-1", "overall"] == pytest.approx(7 / 86) and table.loc["KH-1", "IF"] == pytest.approx(6 / 8)
    assert table.loc["KH-1", "previous"] == pytest.approx(2 / 86) and table.loc["KH-1", "change"] == pytest.approx(5 / 86)
    assert list(ranking(data, 2025)["code"][:2]) == ["KH-2", "KH-1"]
    profile = criteria_profile(data, "KH-1", 2025).set_index("part")
    assert profile.loc["IF", ["score", "previous", "change"]].tolist() == pytest.approx([0.75, 0.25, 0.5])
    assert profile.loc["CP", "points"] == 1 and profile.loc["overall", "name_km"] == "សរុប"
    assert criteria_profile(data, "KH-12", 2025).empty
    given = answers(data, "KH-1", 2025).set_index("indicator")
    assert given.loc["IF01", "answer"] == "yes" and given.loc["IF07", "answer"] == "no" and given.loc["IF01", "source"] == "2025.xlsx"
    assert len(given) == 86


def test_a_criterion_map_and_ties(tmp_path: Path):
    both = [item.code for item in Q.criterion("TE").indicators][:9]
    path = assessment(tmp_path, 2024, {"D": both, "F": both, "H": []}, "ties")
    data = province_data(imported(empty_store(tmp_path), path))
    table = ranking(data, 2024)
    assert table[["code", "rank"]].head(3).values.tolist() == [["KH-1", 1], ["KH-2", 1], ["KH-3", 3]]
    shown = map_values(data, 2024, "TE").set_index("code")
    assert shown.loc["KH-1", "score"] == 0.5 and shown.loc["KH-1", "level"] == "middle" and shown.loc["KH-3", "level"] == "low"


def test_panels_compare_with_the_national_figure_of_the_same_or_an_earlier_year(tmp_path: Path):
    values = tmp_path / "provincial.csv"
    values.write_text(
        "entity,year,indicator,value,source\n"
        "Kampot,2021,internet_users_pct,40.0,MPTC survey\n"
        "Kampot,2020,internet_users_pct,35.0,MPTC survey\n"
        "Kampot,2023,gross_enrolment_primary_pct,112.5,MoEYS\n",
        encoding="utf-8",
    )
    data = province_data(imported(empty_store(tmp_path), NATIONAL, values))
    panel = province_panels(data.observations, "KH-7").set_index("indicator")
    internet = panel.loc["internet_users_pct"]
    assert (internet["value"], internet["year"], internet["national"], internet["national_year"]) == (40.0, 2021, 55.6, 2021)
    assert internet["difference"] == pytest.approx(40.0 - 55.6) and internet["source"] == "MPTC survey"
    assert panel.loc["gross_enrolment_primary_pct", "value"] == 112.5 and np.isnan(panel.loc["gross_enrolment_primary_pct", "national"])
    assert not panel["fictional"].any()  # a real provincial value: the demonstration panel is not shown at all
    earlier = province_panels(data.observations, "KH-7", 2020).set_index("indicator").loc["internet_users_pct"]
    assert (earlier["value"], earlier["national"], earlier["national_year"]) == (35.0, 53.7, 2020)
    connectivity = ["internet_users_pct", "mobile_subscriptions_per_100", "mobile_broadband_per_100", "fixed_broadband_per_100"]
    assert list(panel.index[:4]) == connectivity


def test_every_demonstration_row_is_labelled_fictional_where_it_is_stored():
    assert all("FICTIONAL" in path.name for path in DEMO_DIR.glob("*.csv"))
    for frame in (demo_answers(), demo_observations()):
        assert (frame["flags"] == "fictional").all() and frame["source"].str.startswith("FICTIONAL").all()
        assert (frame["dataset"] == "demo:FICTIONAL-provinces").all()
    assert "FICTIONAL" in (DEMO_DIR / "README.md").read_text(encoding="utf-8")


def test_the_demonstration_files_are_what_the_script_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    spec = importlib.util.spec_from_file_location("build_demo", PROJECT_DIR / "scripts" / "build_demo_provinces.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "DEMO_DIR", tmp_path)
    script.main()
    for path in DEMO_DIR.glob("*.csv"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
