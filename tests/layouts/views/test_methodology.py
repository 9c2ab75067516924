"""What the Methodology page says, without Dash: every number is read from the edition's methodology file, and the
differences from the previous edition are listed in words."""

from __future__ import annotations

import dataclasses
import re

import pytest

from indicators.method.methodology import available_editions, load_methodology
from layouts.i18n import catalog
from layouts.views import methodology as view
from layouts.views.method_words import fmt_weight, note_key, note_text, source_text


def text(found: object) -> str:
    """Every string of a view, joined."""
    if isinstance(found, str):
        return found
    if isinstance(found, list | tuple):
        return " ".join(text(item) for item in found)
    if dataclasses.is_dataclass(found):
        return " ".join(text(getattr(found, field.name)) for field in dataclasses.fields(found))
    return ""


def tables(shown: view.MethodologyView) -> dict[str, list[list[str]]]:
    """The groups table and every form's table of components, by caption."""
    found = {shown.groups.caption: shown.groups.rows}
    found |= {form.components.caption: form.components.rows for sub in shown.subindices for form in sub.forms}
    return found


def test_the_2020_tii_components_weights_and_caps_come_from_the_file():
    content = view.methodology_view(2020, "en")
    tii = tables(content)["Components of the Telecommunication Infrastructure Index, from component indicators"]
    assert tii == [  # the 2020 file reads internet users of 2017, a year before its other data (2018)
        ["Internet users", "% of population", "1/4", "120", "data of 2017 or before"],
        ["Mobile-cellular subscriptions", "per 100 inhabitants", "1/4", "120", "–"],
        ["Active mobile-broadband subscriptions", "per 100 inhabitants", "1/4", "120", "–"],
        ["Fixed (wired) broadband subscriptions", "per 100 inhabitants", "1/4", "120", "–"],
    ]
    hci = tables(content)["Components of the Human Capital Index, from component indicators"]
    assert [row[2] for row in hci] == ["1/3", "2/9", "2/9", "2/9"] and {row[3] for row in hci} == {"none"}
    assert hci[0][4] == "a country without a value counts as 100; data of 2017 or before"  # fill: 100, data_year: 2017
    assert hci[1][4] == (
        "the mean of Gross enrolment ratio, primary (capped at 100), Gross enrolment ratio, secondary and "
        "Gross enrolment ratio, tertiary, over those a country has"
    )
    assert "TII = minmax(Σₖ wₖ · z(min(xₖ, capₖ)))" in text(content)
    assert "EGDI = (OSI + TII + HCI) / 3" in text(content)


def test_the_2018_tii_has_five_components_and_no_cap():
    tii = tables(view.methodology_view(2018, "en"))["Components of the Telecommunication Infrastructure Index, from component indicators"]
    assert [row[0] for row in tii][1] == "Fixed-telephone subscriptions"
    assert {row[2] for row in tii} == {"1/5"} and {row[3] for row in tii} == {"none"}
    assert "TII = minmax(Σₖ wₖ · z(xₖ))" in text(view.methodology_view(2018, "en"))


def test_groups_rank_and_missing_data_rules():
    content = view.methodology_view(2022, "en")
    groups = tables(content)["EGDI groups of the 2022 edition"]
    assert groups == [
        ["Very High", "EGDI > 0.75", "VH, V3, V2, V1"],
        ["High", "0.50 < EGDI ≤ 0.75", "HV, H3, H2, H1"],
        ["Middle", "0.25 < EGDI ≤ 0.50", "MH, M3, M2, M1"],
        ["Low", "EGDI ≤ 0.25", "LM, L3, L2, L1"],
    ]
    words = text(content)
    assert "equal EGDI values share the better rank" in words
    assert "it gets no score when less than 50% of its weight is present. The EGDI needs all three sub-indices." in words
    assert "a value on a quartile boundary takes the lower class" in words


@pytest.mark.parametrize(
    ("edition", "method_changes", "provenance"),
    [
        (
            2020,
            [
                "TII: Fixed-telephone subscriptions removed",
                "TII: weight of Internet users, Mobile-cellular subscriptions, Active mobile-broadband subscriptions and "
                "Fixed (wired) broadband subscriptions 1/5 → 1/4",
                "TII: Internet users, Mobile-cellular subscriptions, Active mobile-broadband subscriptions and "
                "Fixed (wired) broadband subscriptions capped at 120",
            ],
            ["Rating classes: kind of source This project's rule → Survey annex"],  # the boundary rule stays unconfirmed
        ),
        (
            2022,
            [
                "OSI: can now also be computed from its sub-indices (OSI sub-index: Services Provision 0.45, OSI sub-index: "
                "Technology 0.05, OSI sub-index: Institutional Framework 0.10, OSI sub-index: Content Provision 0.05, "
                "OSI sub-index: E-Participation 0.35)"
            ],
            [],
        ),
        (2018, [], []),
    ],
)
def test_the_differences_from_the_previous_edition(edition, method_changes, provenance):
    content = view.methodology_view(edition, "en")
    section = content.changes
    lists = [labels for labels in (section.method, section.provenance) if labels is not None]
    if method_changes:
        assert lists[0] == method_changes
    else:
        assert "The formulas, weights, caps and rules are the same as in" in text(section)
    assert (lists[1:] if method_changes else lists) == ([provenance] if provenance else [])


def test_2024_lists_the_tii_change_and_the_provenance_changes_and_2014_has_nothing_to_compare():
    section = view.methodology_view(2024, "en").changes
    words = text(section)
    assert "TII: Fixed (wired) broadband subscriptions removed" in words  # affordability replaces it (back-test)
    assert "Status of the whole file: Confirmed → Not confirmed" in words
    assert "EGDI weights, EGDI groups and Rank rule: Confirmed → Not confirmed" in words
    assert "2014 is the first edition with a methodology file" in text(view.methodology_view(2014, "en"))


def test_weights_are_shown_as_the_fractions_they_are():
    assert [fmt_weight(w, "en") for w in (1 / 3, 2 / 9, 0.25, 1.0, 0.45, 0.1)] == ["1/3", "2/9", "1/4", "1", "0.45", "0.10"]
    assert fmt_weight(1 / 3, "km") == "១/៣"


def test_the_2022_osi_has_two_forms_and_every_item_says_where_it_comes_from():
    shown = view.methodology_view(2022, "en")
    osi = next(sub for sub in shown.subindices if sub.title == "Online Service Index (OSI)")
    assert str(osi.ways).startswith("It can be computed in 2 ways")
    origins = {row.item: row for row in shown.origins}
    assert (origins["OSI, from its sub-indices"].provenance.status, origins["OSI, from its sub-indices"].provenance.kind) == (
        "Not confirmed",
        "Working assumption",
    )
    assert origins["Telecommunication Infrastructure Index"].provenance.confirmed
    assert "UN DESA, United Nations E-Government Survey 2022, Annex" in origins["EGDI weights"].citation


def test_an_edition_without_a_file_shows_the_latest_and_says_why():
    assert view.shown_edition("2012") == 2024 and view.shown_edition(2016) == 2016 and view.shown_edition(None) == 2024
    assert view.no_file_notice("2012", "en") == (
        "There is no methodology file for the 2012 edition, so the 2024 edition is shown. Files exist for 2014–2024."
    )
    assert view.no_file_notice("2016", "en") is None and view.no_file_notice(None, "en") is None


def test_khmer_numbers_and_names():
    shown = view.methodology_view(2022, "km")
    assert shown.egdi_formula == "EGDI = (OSI + TII + HCI) / ៣"
    assert shown.changes.title == "ការផ្លាស់ប្តូរធៀបនឹងឆ្នាំ ២០២០"


def test_every_note_and_source_of_every_method_file_is_in_khmer():
    """A file's notes are data and never edited: their Khmer lives in layouts/locales/method_notes.yaml."""
    khmer = re.compile("[\u1780-\u17ff]")
    missing = []
    for edition in available_editions():
        method = load_methodology(edition)
        for item, origin in method.origins.items():
            if note_key(origin.note) not in catalog() or not khmer.search(note_text(origin.note, "km")):
                missing.append(f"{edition} {item}: {origin.note}")
        missing += [f"{edition} source {s}" for s in method.sources.values() if not khmer.search(source_text(s, "km"))]
    assert missing == []
    assert source_text(load_methodology(2024).sources["annex"], "en").startswith("UN DESA, United Nations E-Government Survey 2024")


def test_the_data_year_and_its_changes_in_words():
    shown = view.methodology_view(2024, "en")
    assert shown.data_year == (
        "The 2024 Survey reads data of 2022: each country's latest value up to that year, however old. "
        "Adult literacy rate: data of 2021 or before."
    )
    assert shown.changes.data == ["TII: Internet users read from 2 years before the Survey (was 3)"]  # 2022 − 2019, 2024 − 2022
    assert shown.data_year_provenance.kind == "This project's back-test" and not shown.data_year_provenance.confirmed
    khmer = view.methodology_view(2024, "km")
    assert khmer.changes.data == ["TII៖ អ្នកប្រើប្រាស់អ៊ីនធឺណិត ត្រូវបានអានពី ២ ឆ្នាំមុនការស្ទង់មតិ (ពីមុន ៣ ឆ្នាំ)"]
    assert "២០២២" in khmer.data_year and "2022" not in khmer.data_year


def test_the_2024_affordability_is_named_and_read_as_the_file_says():
    tii = tables(view.methodology_view(2024, "en"))["Components of the Telecommunication Infrastructure Index, from component indicators"]
    affordability = tii[3]
    assert affordability[0] == "ICT affordability (mobile data-and-voice and fixed-broadband baskets)"  # the file's name, no code
    assert affordability[4] == (
        "the mean of the standardised values of Mobile data and voice basket (high consumption) (capped at 20, lower is better) "
        "and Fixed-broadband basket (capped at 20, lower is better), over those a country has"
    )
    changes = view.methodology_view(2024, "en").changes.method
    assert changes == [
        "TII: Fixed (wired) broadband subscriptions removed",
        "TII: ICT affordability (mobile data-and-voice and fixed-broadband baskets) added (weight 1/4)",
    ]
    khmer = tables(view.methodology_view(2024, "km"))["សមាសភាគនៃសន្ទស្សន៍ហេដ្ឋារចនាសម្ព័ន្ធទូរគមនាគមន៍ ពីសូចនាករសមាសភាគ"]
    assert not re.search("[A-Za-z_]{4,}", khmer[3][0] + khmer[3][4])  # no English word or code in the Khmer row ("ICT" aside)


@pytest.mark.parametrize("lang", ["en", "km"])
def test_fill_direction_and_combination_changes_in_words(lang, tmp_path):
    from indicators.method.changes import changes_between
    from indicators.method.methodology import METHODOLOGY_DIR, read_methodology
    from layouts.views.method_words import change_labels

    text_2024 = (METHODOLOGY_DIR / "egdi-2024.yaml").read_text(encoding="utf-8")
    path = tmp_path / "egdi-2026.yaml"
    path.write_text(
        text_2024.replace("id: egdi-2024", "id: egdi-2026")
        .replace("edition: 2024", "edition: 2026")
        .replace("fill: 100, data_year: 2021}", "fill: 90, data_year: 2023}")
        .replace("{code: expected_schooling_years, weight: 2/9}", "{code: expected_schooling_years, weight: 2/9, direction: lower}")
        .replace("needs: any", "needs: all"),
        encoding="utf-8",
    )
    labels = change_labels(changes_between(load_methodology(2024), read_methodology(path)), lang)
    if lang == "en":
        assert labels == [
            "HCI: a country without Adult literacy rate counts as 90 (was 100)",
            "HCI: Gross enrolment ratio (primary, secondary and tertiary combined) is now the mean of Gross enrolment ratio, "
            "primary (capped at 100), Gross enrolment ratio, secondary and Gross enrolment ratio, tertiary; every part is needed",
            "HCI: Expected years of schooling: lower is better (its standardised value counts negatively)",
            # the file still reads 2022 for a 2026 Survey (2026 − 2022), literacy 2023 (2026 − 2023, as 2024 − 2021 before)
            "Data read from 4 years before the Survey (was 2)",
        ]
    else:
        assert all(re.search("[\u1780-\u17ff]", label) for label in labels)
        assert not any(re.search(r"[0-9]", label) for label in labels)  # Khmer digits only
