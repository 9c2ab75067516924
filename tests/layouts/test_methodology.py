"""The Methodology page without a browser: every number it shows is read from the edition's methodology file, each
item carries its confirmation badge and origin, and the differences from the previous edition are listed."""

from __future__ import annotations

import re

import pytest
import yaml
from dash.exceptions import PreventUpdate

import app  # noqa: F401  (registers the pages)
from indicators.method.methodology import available_editions, load_methodology
from layouts import ids
from layouts.callbacks.methodology import update_methodology
from layouts.i18n import LOCALES_DIR
from layouts.pages import methodology as page
from layouts.state import parse_query

KHMER = re.compile("[\u1780-\u17ff]")


def walk(component: object):  # type: ignore[no-untyped-def]
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from walk(child)
        return
    if component is None or isinstance(component, (str, int, float)):
        return
    yield component
    yield from walk(getattr(component, "children", None))


def text(component: object) -> str:
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(text(c) for c in component)
    children = getattr(component, "children", None)
    return text(children) if children is not None else ""


def find(component: object, component_id: str) -> object:
    return next((c for c in walk(component) if getattr(c, "id", None) == component_id), None)


def tables(content: object) -> dict[str, list[list[str]]]:
    """Every table by its caption: the rows as texts."""
    found = {}
    for table in (c for c in walk(content) if type(c).__name__ == "Table"):
        caption, _, body = table.children
        found[text(caption)] = [[text(cell) for cell in row.children] for row in body.children]
    return found


def badges(content: object) -> list[str]:
    return [text(c).strip() for c in walk(content) if "method-badge " in f"{getattr(c, 'className', '')} "]


def test_the_default_is_the_latest_edition_and_2024_is_flagged_as_unconfirmed():
    layout = page.layout()
    assert find(layout, ids.METHODOLOGY_EDITION).value == 2024
    assert [o["value"] for o in find(layout, ids.METHODOLOGY_EDITION).options] == available_editions()
    content = text(layout)
    assert "not confirmed by a source yet" in content
    method = load_methodology(2024)
    unconfirmed = sum(not origin.confirmed for origin in method.origins.values())
    assert unconfirmed >= 9
    # one badge per item in its section (sections show each sub-index, form and rule) and one per row of the table
    assert badges(layout).count("? Not confirmed") >= 2 * unconfirmed


def test_the_2020_tii_components_weights_and_caps_come_from_the_file():
    content = page.methodology_content(2020, "en")
    tii = tables(content)["Components of the Telecommunication Infrastructure Index, from component indicators"]
    assert tii == [
        ["Internet users", "% of population", "1/4", "120"],
        ["Mobile-cellular subscriptions", "per 100 inhabitants", "1/4", "120"],
        ["Active mobile-broadband subscriptions", "per 100 inhabitants", "1/4", "120"],
        ["Fixed (wired) broadband subscriptions", "per 100 inhabitants", "1/4", "120"],
    ]
    hci = tables(content)["Components of the Human Capital Index, from component indicators"]
    assert [row[2] for row in hci] == ["1/3", "2/9", "2/9", "2/9"] and {row[3] for row in hci} == {"none"}
    assert "TII = minmax(Σₖ wₖ · z(min(xₖ, capₖ)))" in text(content)
    assert "EGDI = (OSI + TII + HCI) / 3" in text(content)


def test_the_2018_tii_has_five_components_and_no_cap():
    tii = tables(page.methodology_content(2018, "en"))[
        "Components of the Telecommunication Infrastructure Index, from component indicators"
    ]
    assert [row[0] for row in tii][1] == "Fixed-telephone subscriptions"
    assert {row[2] for row in tii} == {"1/5"} and {row[3] for row in tii} == {"none"}
    assert "TII = minmax(Σₖ wₖ · z(xₖ))" in text(page.methodology_content(2018, "en"))


def test_the_2022_osi_has_two_forms_and_the_sub_index_weights_are_not_confirmed():
    content = page.methodology_content(2022, "en")
    osi = tables(content)["Components of the Online Service Index, from its sub-indices"]
    assert [(row[0], row[2]) for row in osi] == [
        ("OSI sub-index: Services Provision", "0.45"),
        ("OSI sub-index: Technology", "0.05"),
        ("OSI sub-index: Institutional Framework", "0.10"),
        ("OSI sub-index: Content Provision", "0.05"),
        ("OSI sub-index: E-Participation", "0.35"),
    ]
    assert "It can be computed in 2 ways" in text(content)
    origins = {row[0]: row for row in tables(content)["Origin of each item of the 2022 methodology file"]}
    assert origins["OSI, from its sub-indices"][1:3] == ["? Not confirmed", "Working assumption"]
    assert origins["Telecommunication Infrastructure Index"][1] == "✓ Confirmed"
    assert origins["Missing-data rule"][2] == "This project's rule"
    assert len(origins) == len(load_methodology(2022).origins)
    assert "UN DESA, United Nations E-Government Survey 2022, Annex" in origins["EGDI weights"][3]


def test_groups_rank_and_missing_data_rules():
    content = page.methodology_content(2022, "en")
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
    content = page.methodology_content(edition, "en")
    section = next(c for c in walk(content) if getattr(c, "id", None) == ids.METHODOLOGY_CHANGES)
    lists = [[text(li) for li in c.children] for c in walk(section) if type(c).__name__ == "Ul"]
    if method_changes:
        assert lists[0] == method_changes
    else:
        assert "The formulas, weights, caps and rules are the same as in" in text(section)
    assert (lists[1:] if method_changes else lists) == ([provenance] if provenance else [])


def test_2024_lists_the_tii_change_and_the_provenance_changes_and_2014_has_nothing_to_compare():
    section = next(c for c in walk(page.methodology_content(2024, "en")) if getattr(c, "id", None) == ids.METHODOLOGY_CHANGES)
    words = text(section)
    assert "TII: Fixed (wired) broadband subscriptions removed" in words  # affordability replaces it (back-test)
    assert "Status of the whole file: Confirmed → Not confirmed" in words
    assert "EGDI weights, EGDI groups and Rank rule: Confirmed → Not confirmed" in words
    assert "2014 is the first edition with a methodology file" in text(page.methodology_content(2014, "en"))


def test_khmer_uses_the_catalogue_names_and_khmer_digits():
    content = page.methodology_content(2022, "km")
    osi = tables(content)["សមាសភាគនៃសន្ទស្សន៍សេវាអនឡាញ ពីអនុសន្ទស្សន៍របស់វា"]
    assert osi[0] == ["អនុសន្ទស្សន៍ OSI៖ ការផ្តល់សេវា", "សន្ទស្សន៍ ០–១", "០.៤៥", "គ្មាន"]
    assert "EGDI = (OSI + TII + HCI) / ៣" in text(content)
    assert "មិនទាន់បានបញ្ជាក់" in badges(content)[0] or "បានបញ្ជាក់" in badges(content)[0]
    assert "ការផ្លាស់ប្តូរធៀបនឹងឆ្នាំ ២០២០" in text(content)


def test_an_edition_without_a_file_shows_the_latest_and_says_why():
    layout = page.layout(edition="2012")
    assert find(layout, ids.METHODOLOGY_EDITION).value == 2024
    assert "There is no methodology file for the 2012 edition, so the 2024 edition is shown." in text(layout)
    assert page.chosen_edition("abc") == 2024 and page.chosen_edition(2016) == 2016


def test_the_callback_redraws_and_writes_the_edition_into_the_url():
    content, search = update_methodology(2016, "km", "?lang=km&entity=THA")
    assert parse_query(search) == {"edition": "2016", "entity": "THA", "lang": "km"}
    assert "ឆ្នាំស្ទង់មតិ ២០១៦" in text(content) or "២០១៦" in text(content)
    assert "not confirmed by a source yet" not in text(update_methodology(2016, "en", "")[0])


def test_the_callback_leaves_the_page_alone_when_it_already_shows_the_url_edition():
    for edition, search in ((2024, ""), (2024, "?edition=2012"), (2018, "?lang=km&edition=2018")):
        with pytest.raises(PreventUpdate):  # Dash calls back when it inserts the radio items: nothing to redraw
            update_methodology(edition, "en", search)
    assert parse_query(update_methodology(2024, "en", "?edition=2020")[1]) == {"edition": "2024"}


def test_weights_are_shown_as_the_fractions_they_are():
    assert [page.fmt_weight(w, "en") for w in (1 / 3, 2 / 9, 0.25, 1.0, 0.45, 0.1)] == ["1/3", "2/9", "1/4", "1", "0.45", "0.10"]
    assert page.fmt_weight(1 / 3, "km") == "១/៣"


def test_the_catalog_has_both_languages_and_the_page_prefix():
    entries = yaml.safe_load((LOCALES_DIR / "methodology.yaml").read_text(encoding="utf-8"))
    assert all(key.startswith("methodology_") for key in entries)
    assert all(set(texts) == {"en", "km"} for texts in entries.values())
    words = [texts for texts in entries.values() if re.sub(r"\{\w+\}", "", texts["en"]).strip(" ,")]  # more than placeholders
    assert all(KHMER.search(texts["km"]) for texts in words)
