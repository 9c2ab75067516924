import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.method.losi import losi_scores, rank_scores
from indicators.questionnaire import load_questionnaire

Q = load_questionnaire("kh-losi-2022")
SIZES = {c.code: len(c.indicators) for c in Q.criteria}


def answers(entity: str, yes: dict[str, int], year: int = 2023, skip: tuple[str, ...] = (), flags: str = "") -> pd.DataFrame:
    """Answers of one province: the first yes[c] indicators of criterion c answered yes, the rest no; `skip` unanswered."""
    rows = []
    for criterion in Q.criteria:
        for position, item in enumerate(criterion.indicators):
            if item.code not in skip:
                rows.append((entity, year, Q.answer_code(item.code), float(position < yes.get(criterion.code, 0)), flags))
    return pd.DataFrame(rows, columns=["entity", "year", "indicator", "value", "flags"])


def by_part(scores: pd.DataFrame, entity: str = "KH-1") -> pd.DataFrame:
    return scores[scores["entity"] == entity].set_index("part")


def test_hand_computed_scores_and_levels():
    scores = by_part(losi_scores(answers("KH-1", {"IF": 6, "CP": 20, "SP": 9, "PE": 5, "TE": 12}), Q))
    assert list(scores.index) == ["IF", "CP", "SP", "PE", "TE", "overall"]
    assert scores["points"].tolist() == [6, 20, 9, 5, 12, 52]
    assert scores["indicators"].tolist() == [8, 25, 18, 17, 18, 86]
    assert scores["score"].tolist() == pytest.approx([0.75, 0.8, 0.5, 5 / 17, 2 / 3, 52 / 86])
    # a score on a threshold takes the lower level: 0.75 is high, 0.50 is middle
    assert scores["level"].tolist() == ["high", "very_high", "middle", "middle", "high", "high"]
    assert scores["complete"].all() and not scores["fictional"].any()


def test_the_overall_score_weighs_criteria_by_their_number_of_indicators():
    scores = by_part(losi_scores(answers("KH-1", {"IF": 8}), Q))  # only institutional framework, fully
    assert scores.loc["IF", "score"] == 1.0 and scores.loc["overall", "score"] == pytest.approx(8 / 86)
    assert scores.loc["overall", "level"] == "low"


def test_a_missing_answer_is_never_imputed():
    scores = by_part(losi_scores(answers("KH-1", {"TE": 18}, skip=("TE05",)), Q))
    assert scores.loc["TE", "answered"] == 17 and not scores.loc["TE", "complete"]
    assert np.isnan(scores.loc["TE", "score"]) and pd.isna(scores.loc["TE", "level"])
    assert np.isnan(scores.loc["overall", "score"]) and scores.loc["overall", "answered"] == 85
    assert scores.loc["IF", "score"] == 0.0 and scores.loc["IF", "complete"]


def test_a_province_without_any_answer_of_a_criterion_shows_it_unanswered():
    skip = tuple(item.code for item in Q.criterion("SP").indicators)
    scores = by_part(losi_scores(answers("KH-1", {}, skip=skip), Q))
    assert scores.loc["SP", "answered"] == 0 and np.isnan(scores.loc["SP", "score"])


def test_answers_of_another_questionnaire_or_other_indicators_are_not_counted():
    other = answers("KH-1", {"IF": 8}).assign(indicator=lambda f: f["indicator"].str.replace("kh-losi-2022", "kh-losi-2024"))
    national = pd.DataFrame([("KH-1", 2023, "internet_users_pct", 60.0, "")], columns=other.columns)
    scores = by_part(losi_scores(pd.concat([answers("KH-1", {"IF": 2}), other, national]), Q))
    assert scores.loc["IF", "points"] == 2 and scores.loc["overall", "points"] == 2


def test_years_are_scored_separately_and_the_fictional_flag_travels():
    tidy = pd.concat([answers("KH-1", {"IF": 2}, 2023, flags="fictional"), answers("KH-1", {"IF": 4}, 2025)])
    scores = losi_scores(tidy, Q)
    overall = scores[scores["part"] == "overall"].set_index("year")
    assert overall["points"].tolist() == [2, 4]
    assert overall["fictional"].tolist() == [True, False]


def test_ranks_share_the_better_rank_and_leave_missing_scores_unranked():
    ranks = rank_scores(pd.Series([0.5, 0.7, 0.5, np.nan, 0.2]))
    assert ranks.tolist() == [2, 1, 2, pd.NA, 4]


yes_counts = st.fixed_dictionaries({code: st.integers(0, size) for code, size in SIZES.items()})


@settings(max_examples=30, deadline=None)
@given(mine=yes_counts, others=st.lists(yes_counts, max_size=4))
def test_a_score_does_not_change_when_other_provinces_are_added(mine, others):
    alone = by_part(losi_scores(answers("KH-1", mine), Q))
    field = [answers("KH-1", mine), *(answers(f"KH-{n + 2}", yes) for n, yes in enumerate(others))]
    together = by_part(losi_scores(pd.concat(field), Q))
    pd.testing.assert_frame_equal(alone, together)


@settings(max_examples=30, deadline=None)
@given(yes=yes_counts, criterion=st.sampled_from(list(SIZES)))
def test_scores_lie_in_0_1_and_one_more_yes_adds_exactly_one_point(yes, criterion):
    before = by_part(losi_scores(answers("KH-1", yes), Q))
    assert before["score"].between(0, 1).all()
    assert before.loc["overall", "score"] == pytest.approx(sum(yes.values()) / 86)
    if yes[criterion] < SIZES[criterion]:
        after = by_part(losi_scores(answers("KH-1", {**yes, criterion: yes[criterion] + 1}), Q))
        assert after.loc[criterion, "score"] - before.loc[criterion, "score"] == pytest.approx(1 / SIZES[criterion])
        assert after.loc["overall", "score"] - before.loc["overall", "score"] == pytest.approx(1 / 86)


def test_row_order_does_not_matter():
    tidy = pd.concat([answers("KH-1", {"CP": 7, "TE": 3}), answers("KH-2", {"PE": 9})])
    shuffled = tidy.sample(frac=1.0, random_state=3)
    pd.testing.assert_frame_equal(losi_scores(tidy, Q), losi_scores(shuffled, Q))
