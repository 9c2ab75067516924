"""The Provinces page's view without Dash: the map, the ranking and a province's profile agree with the core
(`indicators.method.provinces`) and with values computed here from the answers; the FICTIONAL notices show with the
demonstration data and go once real answers and values are imported through the province template."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.method.losi import OVERALL
from indicators.method.provinces import answers, criteria_profile, map_values, province_data
from indicators.report.strings import text
from layouts.i18n import KHMER_DIGITS
from layouts.views import province_profile as one
from layouts.views import provinces as view
from layouts.views import snapshot
from tests.layouts.databases import use_views, using
from tests.unit.provinces_data import Q, assessment, imported

KHMER = re.compile("[\u1780-\u17ff]")
CRITERIA = [c.code for c in Q.criteria]


def level_of(score: float) -> str:
    """The level by the questionnaire's fixed thresholds, written out here: > 0.75, > 0.50, > 0.25, else low."""
    return "very_high" if score > 0.75 else "high" if score > 0.5 else "middle" if score > 0.25 else "low"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[None]:
    """A new store (the bundled data only): no portal assessment, so the FICTIONAL demonstration is shown."""
    with using(str(tmp_path / "egdi.sqlite"), use_views):
        yield


@pytest.fixture
def real(tmp_path: Path) -> Iterator[dict[str, list[str]]]:
    """A new store with two real assessments imported from filled province templates (2023, 2025), by column:
    D Banteay Meanchey, F Battambang, H Kampong Cham; every other province is not assessed."""
    if_codes = [item.code for item in Q.criterion("IF").indicators]
    te_codes = [item.code for item in Q.criterion("TE").indicators]
    yes_2025 = {"D": [*if_codes[:6], "CP01"], "F": if_codes, "H": te_codes}
    first = assessment(tmp_path, 2023, {"D": if_codes[:2], "F": if_codes}, "a2023")
    second = assessment(tmp_path, 2025, yes_2025, "a2025")
    with using(str(tmp_path / "egdi.sqlite"), use_views):
        imported(snapshot.store(), first, second)
        yield yes_2025


def test_the_demonstration_is_shown_with_both_fictional_notices_in_each_language(demo):
    data = view.current()
    notices = view.fictional_notices(data, "en")
    assert len(notices) == 2 and all(n.startswith("FICTIONAL DEMONSTRATION") for n in notices)
    khmer = view.fictional_notices(data, "km")
    assert len(khmer) == 2 and all(KHMER.search(n) and "FICTIONAL" not in n for n in khmer)
    choice = view.choose(data)
    assert (choice.years, choice.year, choice.part, choice.province) == ([2023, 2025], 2025, OVERALL, "KH-12")


def test_the_map_shows_the_cores_scores_and_levels_from_the_fixed_thresholds(demo):
    data = province_data(snapshot.store())
    for year, part in ((2025, OVERALL), (2023, "SP"), (2025, "TE")):
        rows = view.map_rows(year, part, "en").set_index("code")
        expected = map_values(data, year, part).set_index("code")
        assert len(rows) == 25 and list(rows.index) == list(expected.index)
        assert np.allclose(rows["score"], expected["score"], equal_nan=True)
        scored = rows["score"].notna()
        assert list(rows.loc[scored, "level"]) == [level_of(s) for s in rows.loc[scored, "score"]]
        assert (rows.loc[~scored, "level"] == view.NOT_ASSESSED).all()
    assert (
        view.map_rows(2023, OVERALL, "en").set_index("code").at["KH-24", "level"] == view.NOT_ASSESSED
    )  # Pailin: not in the first demo year
    khmer = view.map_rows(2025, OVERALL, "km").set_index("code")
    assert khmer.at["KH-12", "name"] == "ភ្នំពេញ" and khmer.at["KH-12", "level_name"] == "ខ្ពស់ណាស់"


def test_the_ranking_is_the_scores_sorted_with_the_change_since_the_previous_assessment(demo):
    data = province_data(snapshot.store())
    shown = view.ranking_table(2025, "en")
    scores = map_values(data, 2025).dropna(subset=["score"])
    ordered = scores.sort_values(["score", "code"], ascending=[False, True], kind="stable")["code"].tolist()
    assert shown.codes[: len(ordered)] == ordered
    before = map_values(data, 2023).set_index("code")["score"]
    now = scores.set_index("code")["score"]
    for row, code in zip(shown.rows, shown.codes, strict=True):
        if code in now.index and not np.isnan(before.get(code, np.nan)):
            assert row[-1] == f"{now[code] - before[code]:+.2f}" and row[-2] == f"{before[code]:.2f} (2023)"
    assert shown.rows[0][0] == "1" and shown.rows[0][2] == f"{now.max():.2f}"
    assert shown.headers[4:9] == [c.name_en for c in Q.criteria]
    khmer = view.ranking_table(2025, "km")
    assert khmer.rows[0][0] == "១" and khmer.headers[0] == "ចំណាត់ថ្នាក់"
    assert khmer.rows[0][2] == f"{now.max():.2f}".translate(KHMER_DIGITS)


def test_a_profile_is_the_cores_profile_against_the_median_and_its_overall_is_points_over_indicators(demo):
    data = province_data(snapshot.store())
    shown = one.profile("KH-2", 2025, "en")
    core = criteria_profile(data, "KH-2", 2025)
    assert shown.missing is None
    assert list(shown.bars["part"]) == [*CRITERIA, OVERALL]
    assert np.allclose(shown.bars["score"], core["score"])
    given = answers(data, "KH-2", 2025)
    overall = shown.bars.set_index("part").loc[OVERALL, "score"]
    assert overall == pytest.approx((given["answer"] == "yes").sum() / len(given)) and len(given) == 86
    for criterion in CRITERIA:
        mine = given[given["criterion"] == criterion]
        assert shown.bars.set_index("part").at[criterion, "score"] == pytest.approx((mine["answer"] == "yes").mean())
    for part in (OVERALL, *CRITERIA):  # the median mark: every province scored in that part this year
        expected = np.nanmedian(map_values(data, 2025, part)["score"].to_numpy(dtype=float))
        assert shown.bars.set_index("part").at[part, "median"] == pytest.approx(expected)
    assert [code for _, code, _ in shown.not_found] == given.loc[given["answer"] == "no", "indicator"].tolist()
    assert shown.summary.startswith("Bar chart of Battambang's score") and "Overall" in shown.summary


def test_a_profile_in_khmer_and_a_province_not_assessed(demo):
    shown = one.profile("KH-12", 2025, "km")
    assert shown.title == "ភ្នំពេញ ឆ្នាំ ២០២៥" and not re.search("[0-9]", shown.headline)
    assert all(KHMER.search(question) for _, _, question in shown.not_found)
    assert [name for name, _ in shown.panels] == ["ការតភ្ជាប់", "មូលធនមនុស្ស"]
    pailin = one.profile("KH-24", 2023, "en")
    assert pailin.missing == "Pailin has no complete portal assessment in 2023: choose another province or year."
    assert pailin.bars.empty and pailin.panels  # the panels still show


def test_panels_show_values_years_and_sources_against_the_national_figure(demo):
    shown = dict(one.profile("KH-12", 2025, "en").panels)
    internet = shown["Connectivity"][0]
    assert internet[0] == "Internet users (% of population)"
    value, national = float(internet[1]), float(internet[3])
    assert internet[5] == f"{value - national:+.1f}" and internet[6] == "FICTIONAL demonstration value, not a real statistic"
    khmer = dict(one.profile("KH-12", 2025, "km").panels)["ការតភ្ជាប់"][0]
    assert khmer[6] == "តម្លៃសាកល្បងប្រឌិត មិនមែនជាស្ថិតិពិតទេ" and khmer[1] == internet[1].translate(KHMER_DIGITS)
    assert one.panel_headers("KH-12", "en") == ["Indicator", "Phnom Penh", "Year", "Cambodia", "Year", "Difference", "Source"]


def test_unknown_choices_fall_back_and_a_province_can_be_named(demo):
    data = view.current()
    choice = view.choose(data, year="1999", part="XX", province="no such place")
    assert (choice.year, choice.part, choice.province, choice.unknown) == (2025, OVERALL, "KH-12", "no such place")
    named = view.choose(data, year=2023, part="PE", province="Siem Reap")
    assert (named.year, named.part, named.province, named.unknown) == (2023, "PE", "KH-17", None)
    assert view.unknown_province(choice, "en") == "There is no province called “no such place”: Phnom Penh is shown instead."
    assert view.unknown_province(named, "en") is None


def test_real_answers_replace_the_demonstration_and_its_notice(real, tmp_path):
    data = view.current()
    assert view.fictional_notices(data, "en") == [text("province_fictional_panels", "en")]  # panels are still demo
    rows = view.map_rows(2025, OVERALL, "en").set_index("code")
    assert rows.at["KH-1", "score"] == pytest.approx(7 / 86) and rows.at["KH-2", "score"] == pytest.approx(8 / 86)
    assert rows["score"].notna().sum() == 3 and not rows["fictional"].any()
    table = view.ranking_table(2025, "en")
    assert table.codes[:3] == ["KH-3", "KH-2", "KH-1"]  # 18/86, 8/86, 7/86
    assert table.rows[1][-2:] == ["0.09 (2023)", "+0.00"] and table.rows[2][-2:] == ["0.02 (2023)", "+0.06"]
    shown = one.profile("KH-1", 2025, "en").bars.set_index("part")
    assert shown.at["IF", "score"] == 0.75 and shown.at["IF", "median"] == pytest.approx(np.median([6 / 8, 1.0, 0.0]))
    values = tmp_path / "provincial.csv"
    values.write_text("entity,year,indicator,value,source\nBanteay Meanchey,2023,internet_users_pct,51.0,MPTC survey\n", encoding="utf-8")
    imported(snapshot.store(), values)
    assert view.fictional_notices(view.current(), "en") == []
    panel = dict(one.profile("KH-1", 2025, "en").panels)["Connectivity"]
    assert panel[0][1:3] == ["51.0", "2023"] and panel[0][6] == "MPTC survey"


def test_the_brief_is_built_from_the_pages_data_with_the_median_marks(demo):
    drawn: list[tuple[str, str, dict[str, float]]] = []

    def charts(report, lang, medians):  # type: ignore[no-untyped-def]
        drawn.append((report.code, lang, dict(medians)))
        return {}

    pdf, name = one.build_brief("KH-8", 2025, "km", charts)
    assert pdf.startswith(b"%PDF") and name == "province-brief-KH-8-2025-km.pdf"
    data = province_data(snapshot.store())
    expected = {p: float(np.nanmedian(map_values(data, 2025, p)["score"].to_numpy(dtype=float))) for p in (OVERALL, *CRITERIA)}
    assert drawn[0][:2] == ("KH-8", "km") and drawn[0][2] == pytest.approx(expected)


def test_the_method_note_says_what_is_the_uns_and_what_is_the_projects_own(demo):
    note = view.method_note(view.current(), 2025, "en")
    sources = pd.Series([item.origin.source for item in Q.indicators])
    un, earlier = int(sources.str.startswith("losi2022").sum()), int(sources.str.startswith("losi2018").sum())
    assert note[0] == "score of a criterion = indicators met / its indicators; overall = all indicators met / 86"
    assert f"{un} are named in the UN's 2022 list, {earlier} in its 2018 list, and {86 - un - earlier} are this project's own" in note[2]
    assert "very high above 0.75" in note[1]
    assert all(KHMER.search(p) for p in view.method_note(view.current(), 2025, "km"))
