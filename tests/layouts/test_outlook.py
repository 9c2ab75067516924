"""The Outlook page and the Overview's nowcast line without a browser, on the bundled store: the layout from the URL
query, "computing…" with a poll until the pieces are ready, then the page; the callbacks' URL rule; an unknown country
and an empty store said in words (what the page shows is tested on its view, tests/layouts/views/test_outlook.py)."""

from __future__ import annotations

from collections.abc import Iterator

import dash
import pandas as pd
import pytest

import app  # noqa: F401  (registers the pages)
from indicators.outlook.briefing import Outlook
from indicators.outlook.targets import load_targets, stored_targets
from layouts import ids
from layouts.callbacks.outlook import update_outlook
from layouts.callbacks.overview import update_nowcast, update_overview
from layouts.pages import outlook as page
from layouts.pages import overview
from layouts.views import outlook_ready
from layouts.views import overview as overview_view
from layouts.views.snapshot import Snapshot, store
from tests.layouts.databases import use_pages, using
from tests.layouts.test_overview import texts
from tests.layouts.trees import children_of, find


@pytest.fixture(scope="module")
def store_before(bundled_db: str) -> Iterator[None]:
    """The bundled store with nothing of the Outlook computed yet (tests run in order: the first ones see it so)."""
    with using(bundled_db, use_pages):
        yield


def test_before_the_nowcast_is_ready_the_page_says_so_and_polls(store_before):
    shown = page.layout(lang="km", entity="KHM")
    poll = find(shown, ids.OUTLOOK_POLL)
    assert poll is not None and poll.disabled is False
    assert texts(find(shown, ids.OUTLOOK_CONTENT)) == ["កំពុងគណនាការព្យាករណ៍នៃការស្ទង់មតិបន្ទាប់… (ប៉ុន្មានវិនាទី ម្តងសម្រាប់កំណែទិន្នន័យនីមួយៗ)"]
    line = overview.nowcast_block("KHM", "en")
    assert texts(line) == ["The next Survey's nowcast is being computed…"] and find(line, ids.OVERVIEW_NOWCAST_POLL).disabled is False


@pytest.fixture(scope="module")
def ready(store_before) -> Outlook:
    made = outlook_ready.base(wait=True)
    assert made is not None
    outlook_ready.levers("KHM", wait=True)
    return made


def test_the_overview_drawn_before_the_nowcast_is_drawn_again_once_it_is_ready(store_before):
    """The server draws the Overview at start, before the nowcast: its targets' lights, decided on the trend then, are
    not kept once the nowcast decides the 2025 milestones; both times they are the Targets page's."""
    from layouts.views import targets as targets_view
    from tests.layouts.test_targets import lights

    assert outlook_ready.ready() is None
    before = overview.overview_content("KHM", 2024, "en")[1]
    assert lights(before) == targets_view.targets_view().status["progress"].tolist() and "2026 nowcast" not in " ".join(texts(before))
    outlook_ready.base(wait=True)
    after = overview.overview_content("KHM", 2024, "en")[1]
    assert lights(after) == targets_view.targets_view().status["progress"].tolist() and "2026 nowcast" in " ".join(texts(after))


def test_once_ready_the_poll_draws_the_page_and_stops(ready: Outlook):
    shown = {"lang": "en", "entity": "KHM"}
    content, disabled, search, state = update_outlook("KHM", 3, shown, "")
    assert disabled is False and search is dash.no_update and state == shown  # the paths still computed: it polls on
    words = texts(content)
    assert ready.line("KHM", "en") in words and "Levers: what would move the next Survey most" in words
    assert "Computing the cheapest paths…" in words  # the paths are not computed in this test: that part still waits
    outlook_ready.paths(stored_targets(store(), load_targets()), wait=True)
    content, disabled, _, _ = update_outlook("KHM", 4, shown, "")
    assert disabled is True and "The cheapest path to each Policy milestone" in texts(content)
    assert page.outlook_content("KHM", "en") == (content, False)  # kept: drawn once per store version


def test_a_new_country_is_written_into_the_url_and_its_levers_are_computed_after(ready: Outlook):
    shown = {"lang": "en", "entity": "KHM"}
    assert update_outlook("KHM", None, shown, "") == (dash.no_update,) * 4  # Dash's call when the page loads
    assert update_outlook(None, None, shown, "") == (dash.no_update,) * 4
    content, disabled, search, state = update_outlook("THA", None, shown, "?lang=en")
    assert search == "?entity=THA" and state == {**shown, "entity": "THA"}
    assert disabled is False and "Computing the levers… (every step is a full re-score of the field)" in texts(content)
    assert ready.line("THA", "en") in texts(content)


def test_the_overview_shows_the_line_under_the_headline_with_a_link_to_the_outlook(ready: Outlook):
    cards, _ = overview.overview_content("KHM", 2024, "km")
    block = cards[overview.HEADLINE_PARTS]
    assert texts(block)[0] == ready.line("KHM", "km") and find(block, ids.OVERVIEW_NOWCAST_POLL).disabled is True
    link = find(block, ids.OVERVIEW_NOWCAST).children[0].children[2]
    assert link.href == "/outlook?lang=km"
    children, disabled = update_nowcast(2, {"lang": "en", "entity": "THA", "edition": 2024})
    assert disabled is True and texts(children)[0] == ready.line("THA", "en")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "There are no data for 'TWN': it is not the code of a UN Member State."),
        ("km", "គ្មានទិន្នន័យសម្រាប់ 'TWN' ទេ៖ វាមិនមែនជាកូដរបស់រដ្ឋសមាជិកអង្គការសហប្រជាជាតិទេ។"),
    ],
)
def test_an_unknown_code_is_named_on_the_overview_and_the_outlook(ready: Outlook, lang: str, expected: str):
    assert texts(overview.overview_content("TWN", 2024, lang)) == [expected]
    assert texts(find(page.layout(lang=lang, entity="TWN"), ids.OUTLOOK_CONTENT)) == [expected]
    assert "None" not in " ".join(texts(overview.layout(lang=lang, entity="TWN")))
    # the drop-down cannot show an unknown code and empties itself: nothing is redrawn then
    assert update_overview(None, 2024, {"lang": lang, "entity": "TWN", "edition": 2024}, "") == (dash.no_update,) * 4


def test_a_store_without_published_results_says_so_and_points_to_the_data_page(monkeypatch):
    empty = Snapshot(1, pd.DataFrame(columns=["iso3", "edition", "egdi"]), pd.DataFrame(), 1)
    monkeypatch.setattr(overview_view, "request_snapshot", lambda: empty)
    for lang, words in (("en", "No published results are stored yet."), ("km", "មិនទាន់មានលទ្ធផលដែលបានផ្សព្វផ្សាយត្រូវបានរក្សាទុកនៅឡើយទេ។")):
        shown = overview_view.overview("KHM", None, lang)
        assert shown.missing == words and shown.data_link
    drawn = overview._content.__wrapped__(1, False, "KHM", None, "en")
    assert texts(drawn)[0] == "No published results are stored yet." and drawn[0].children[2].href == "/data"


@pytest.mark.parametrize("lang", ["en", "km"])
def test_with_the_nowcast_the_overview_and_targets_lights_still_agree_and_both_name_it(ready: Outlook, lang: str):
    from dash import html

    from layouts.pages import targets as targets_page
    from layouts.views import targets as targets_view
    from tests.layouts.test_targets import find as find_id
    from tests.layouts.test_targets import lights

    status = targets_view.targets_view().status
    assert (status["basis"] == "nowcast:2026").sum() == 4  # EGDI, world and ASEAN rank, OSI at 2025: the 2026 Survey
    expected = status["progress"].tolist()
    panel = overview.targets_panel("KHM", lang)
    content = html.Div(targets_page.current_content(lang))
    summary = lights(find_id(content, ids.TARGETS_TABLE))
    cards = [light for card in find_id(content, ids.TARGETS_CARDS).children for light in lights(children_of(card)[2])]
    assert lights(panel) == summary == cards == expected
    note = targets_view.nowcast_note(targets_view.targets_view(), lang)
    assert note in texts(panel) and note in texts(content)
    assert ("2026 nowcast" if lang == "en" else "ការព្យាករណ៍ឆ្នាំ ២០២៦") in note
