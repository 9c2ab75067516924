import re
from pathlib import Path

import pytest

from indicators.paths import METHODOLOGY_DIR
from indicators.questionnaire import (
    QuestionnaireError,
    available_questionnaires,
    load_questionnaire,
    read_questionnaire,
    split_answer_code,
)

KHMER = re.compile(r"[\u1780-\u17FF]")


def test_the_2022_questionnaire_has_the_un_losi_2022_structure():
    questionnaire = load_questionnaire("kh-losi-2022")
    assert [(c.code, len(c.indicators)) for c in questionnaire.criteria] == [("IF", 8), ("CP", 25), ("SP", 18), ("PE", 17), ("TE", 18)]
    codes = [item.code for item in questionnaire.indicators]
    assert len(codes) == len(set(codes)) == 86
    levels = [(level.code, level.above) for level in questionnaire.levels]
    assert levels == [("very_high", 0.75), ("high", 0.5), ("middle", 0.25), ("low", None)]
    assert questionnaire.scoring_rule == "share_of_points" and questionnaire.status == "unconfirmed"


def test_every_question_and_name_is_in_english_and_khmer():
    questionnaire = load_questionnaire("kh-losi-2022")
    for item in questionnaire.indicators:
        assert item.text_en.endswith("?") and not KHMER.search(item.text_en), item.code
        assert KHMER.search(item.text_km), item.code
    for named in (*questionnaire.criteria, *questionnaire.levels):
        assert named.name_en and KHMER.search(named.name_km)


def test_origins_claim_confirmation_only_for_items_the_un_names_for_2022():
    questionnaire = load_questionnaire("kh-losi-2022")
    by_source: dict[str, list[str]] = {}
    for item in questionnaire.indicators:
        by_source.setdefault(item.origin.source, []).append(item.code)
        assert item.origin.confirmed == (item.origin.source == "losi2022_figure_3_10"), item.code
    assert by_source["losi2022_figure_3_10"] == [f"PE{n:02d}" for n in range(1, 18)]
    assert by_source["losi2018_figure_7_5"] == ["IF02", "IF03", "IF08", "CP01", *(f"CP{n:02d}" for n in range(3, 11)), "TE14"]
    assert len(by_source["project"]) == 86 - 17 - 13
    assert questionnaire.origins["levels"].confirmed is False  # only the 0.75 cut-off is sourced
    assert "75 per cent" in questionnaire.origins["levels"].note


def test_origin_rows_cite_every_item_with_its_full_source():
    rows = {row["item"]: row for row in load_questionnaire("kh-losi-2022").origin_rows()}
    assert len(rows) == 2 + 5 + 86 and {"scoring", "levels", "IF", "TE", "IF01", "PE17"} <= set(rows)
    assert rows["PE17"]["confirmed"] is True and "Figure 3.10" in str(rows["PE17"]["source"])
    assert rows["IF01"]["confirmed"] is False and str(rows["IF01"]["source"]).startswith("This project's own item")


def test_answer_codes_name_the_questionnaire_and_the_indicator():
    questionnaire = load_questionnaire()
    assert questionnaire.id == available_questionnaires()[-1] == "kh-losi-2022"
    assert questionnaire.answer_code("PE17") == "losi:kh-losi-2022:PE17"
    assert split_answer_code("losi:kh-losi-2022:PE17") == ("kh-losi-2022", "PE17")
    assert split_answer_code("internet_users_pct") is None and split_answer_code("losi:x") is None


STRAY = "{source: blog, confirmed: false, note: x}"


def test_a_broken_file_reports_every_problem_with_its_line_in_both_languages(tmp_path: Path):
    text = (METHODOLOGY_DIR / "kh-losi-2022.yaml").read_text(encoding="utf-8")
    broken = (
        text.replace("id: kh-losi-2022", "id: kh-losi-2099")
        .replace("      - code: CP02\n", "      - code: CP01\n")
        .replace('{source: project, confirmed: false, note: "Written from the criterion\'s description (e-government strategy)."}', STRAY)
        .replace("{code: high, above: 0.50,", "{code: high, above: 0.80,")
    )
    broken = re.sub(r'(      - code: SP03\n        en: "[^"]*"\n)        km: "[^"]*"\n', r"\1", broken)
    path = tmp_path / "kh-losi-2022.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        read_questionnaire(path)
    problems = {p.where: p for p in caught.value.problems}
    assert set(problems) == {
        "id",
        "criteria[1].indicators[1].code",
        "criteria[0].indicators[0].origin.source",
        "levels.levels",
        "criteria[2].indicators[2].km",
    }
    lines = broken.splitlines()
    assert lines[problems["id"].line - 1] == "id: kh-losi-2099"
    assert lines[problems["criteria[1].indicators[1].code"].line - 1].strip() == "- code: CP01"
    assert lines[problems["criteria[2].indicators[2].km"].line - 1].strip() == "- code: SP03"  # the item without its Khmer text
    assert "the text in Khmer is missing" in problems["criteria[2].indicators[2].km"].text("en")
    assert "'blog' is not allowed here" in problems["criteria[0].indicators[0].origin.source"].message_en
    assert KHMER.search(problems["levels.levels"].text("km")) and "បន្ទាត់" in problems["levels.levels"].text("km")


def test_a_file_that_is_not_yaml_and_an_unknown_id_are_refused(tmp_path: Path):
    path = tmp_path / "kh-losi-2030.yaml"
    path.write_text("criteria: [1\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="not valid YAML"):
        read_questionnaire(path)
    with pytest.raises(QuestionnaireError, match=r"There is no questionnaire 'kh-losi-1999'\. Available: kh-losi-2022"):
        load_questionnaire("kh-losi-1999")
