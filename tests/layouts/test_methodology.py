"""The Methodology page without a browser: each item carries its confirmation badge and origin, in both languages, and
the callback follows the URL (what the page says is tested on its view, tests/layouts/views/test_methodology.py)."""

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
from layouts.views import methodology as view
from tests.layouts.trees import children_of, figure_of, find, walk
from tests.layouts.trees import texts as text

KHMER = re.compile("[\u1780-\u17ff]")
pytestmark = pytest.mark.usefixtures("bundled")  # the back-test section reads the store: the shared bundled one


def tables(content: object) -> dict[str, list[list[str]]]:
    """Every table by its caption: the rows as texts."""
    found = {}
    for table in (c for c in walk(content) if type(c).__name__ == "Table"):
        caption, _, body = children_of(table)
        found[text(caption)] = [[text(cell) for cell in children_of(row)] for row in children_of(body)]
    return found


def visible(component: object) -> str:
    """The text of a component outside its technical-details folds."""
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(visible(c) for c in component)
    if "tech-details" in str(getattr(component, "className", "")):
        return ""
    return visible(children_of(component))


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


def test_khmer_uses_the_catalogue_names_and_khmer_digits():
    content = page.methodology_content(2022, "km")
    osi = tables(content)["សមាសភាគនៃសន្ទស្សន៍សេវាអនឡាញ ពីអនុសន្ទស្សន៍របស់វា"]
    assert osi[0] == ["អនុសន្ទស្សន៍ OSI៖ ការផ្តល់សេវា", "សន្ទស្សន៍ ០–១", "០.៤៥", "គ្មាន", "–"]
    assert "EGDI = (OSI + TII + HCI) / ៣" in text(content)
    assert "មិនទាន់បានបញ្ជាក់" in badges(content)[0] or "បានបញ្ជាក់" in badges(content)[0]
    assert "ការផ្លាស់ប្តូរធៀបនឹងឆ្នាំ ២០២០" in text(content)


def test_an_edition_without_a_file_shows_the_latest_and_says_why():
    layout = page.layout(edition="2012")
    assert find(layout, ids.METHODOLOGY_EDITION).value == 2024
    assert "There is no methodology file for the 2012 edition, so the 2024 edition is shown." in text(layout)
    assert view.shown_edition("abc") == 2024 and view.shown_edition(2016) == 2016


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


def test_the_catalog_has_both_languages_and_the_page_prefix():
    entries = yaml.safe_load((LOCALES_DIR / "methodology.yaml").read_text(encoding="utf-8"))
    assert all(key.startswith("methodology_") for key in entries)
    assert all(set(texts) == {"en", "km"} for texts in entries.values())
    words = [texts for texts in entries.values() if re.sub(r"\{\w+\}", "", texts["en"]).strip(" ,")]  # more than placeholders
    assert all(KHMER.search(texts["km"]) for texts in words)


def test_the_back_test_and_the_sources_are_on_the_page_in_both_languages(bundled):
    from indicators.ingest.bundled import attributions
    from layouts.views.method_backtest import edition_fits

    content = page.methodology_content(2024, "en")
    backtest = find(content, ids.METHODOLOGY_BACKTEST)
    figures = tables(backtest)["How well the 2024 method rebuilds the published values"]
    fits = {fit.subindex: fit for fit in edition_fits(2024).fits}  # type: ignore[union-attr]
    assert [row[:3] for row in figures] == [["TII", "193", f"{fits['tii'].median:.3f}"], ["HCI", "193", f"{fits['hci'].median:.3f}"]]
    assert "the 2022 method, fed the same data, misses them by a median 0.073" in text(backtest)
    graph = find(backtest, ids.METHODOLOGY_BACKTEST_GRAPH)
    scatter = [trace for trace in figure_of(graph).data if trace["mode"] == "markers"]
    assert sorted(trace["name"] for trace in scatter) == ["HCI", "TII"] and all(len(trace["x"]) == 193 for trace in scatter)
    sources = find(content, ids.METHODOLOGY_SOURCES)
    rows = tables(sources)["Bundled sources, their licences and where to find them"]
    assert [(row[0], row[2], row[3]) for row in rows] == [(a.name, a.licence, a.url) for a in attributions("en")]
    assert ("World Bank, World Development Indicators", "Creative Commons Attribution 4.0 (CC BY 4.0)") in {(r[0], r[2]) for r in rows}

    khmer = page.methodology_content(2024, "km")
    words = text(find(khmer, ids.METHODOLOGY_BACKTEST)) + text(find(khmer, ids.METHODOLOGY_SOURCES))
    assert "ការធ្វើតេស្តត្រឡប់ក្រោយ" in words and "អាជ្ញាបណ្ណ" in words
    km_rows = tables(find(khmer, ids.METHODOLOGY_SOURCES))["ប្រភពដែលភ្ជាប់មកជាមួយ អាជ្ញាបណ្ណរបស់វា និងកន្លែងដែលអាចរកវាបាន"]
    assert [row[2] for row in km_rows] == [a.licence for a in attributions("km")] and all(KHMER.search(row[0]) for row in km_rows)


def test_no_raw_code_or_path_outside_the_technical_details(bundled):
    """Codes (snake_case), file paths and commands stay in the technical-details folds, in both languages."""
    for lang in ("en", "km"):
        for edition in (2014, 2020, 2024):
            shown = visible(page.methodology_content(edition, lang))
            assert not re.findall(r"\b[a-z]+_[a-z0-9_]+\b", shown), (lang, edition)
            assert "data/" not in shown and ".yaml" not in shown and "python -m" not in shown, (lang, edition)


@pytest.mark.parametrize("edition", available_editions())
def test_no_english_is_left_in_khmer(bundled, edition):
    """Above the sources (publishers' names are proper names): only acronyms (EGDI, TII, ITU, UNDP, …) and the
    formulas' function names stay in Latin letters."""
    content = [c for c in page.methodology_content(edition, "km") if getattr(c, "id", None) != ids.METHODOLOGY_SOURCES]
    words = set(re.findall(r"[A-Za-z]{3,}", visible(content)))
    assert {w for w in words if not w.isupper()} <= {"min", "max", "minmax", "cap"}
