"""The overview without a browser, on a new store (the bundled data, the whole world): the layout from the URL query
and the URL rule of the callback (what the page shows is tested on its view, tests/layouts/views/test_overview.py)."""

import dash
import pandas as pd

import app
import layouts.views.snapshot
from layouts.callbacks.overview import update_overview
from layouts.pages import overview
from tests.layouts.trees import strings as texts


def test_cards_show_cambodia_2024_against_2022_with_the_world_rank_and_class_on_a_new_store(bundled):
    content = texts(overview.overview_content("KHM", 2024, "en"))
    for expected in ("0.5754", "+0.0698 since 2022", "120", "up 7 since 2022", "8", "of 11", "High", "H2"):
        assert expected in content, expected
    assert "class needs all 193 countries" not in content


def test_on_part_of_the_field_the_class_says_what_it_needs(partial):
    content = texts(overview.overview_content("KHM", 2024, "en"))
    for expected in ("0.5754", "120", "8", "of 11", "High", "class needs all 193 countries"):
        assert expected in content, expected


def test_the_callback_changes_nothing_when_the_controls_show_what_is_drawn(bundled):
    shown = {"lang": "en", "entity": "KHM", "edition": 2024}  # drawn from an older store version: drawn whole
    version = [layouts.views.snapshot.snapshot().version, False]  # no nowcast computed in these tests
    assert update_overview("KHM", 2024, shown, "") == (dash.no_update,) * 4
    cards, history, search, state = update_overview("KHM", 2020, shown, "?lang=en")
    assert search == "?edition=2020" and state == {**shown, "edition": 2020, "version": version}
    assert "0.5113" in texts(cards) and texts(history) == texts(overview.overview_content("KHM", 2020, "en")[1])


def test_another_edition_of_the_same_country_redraws_only_what_differs(bundled):
    """The headline, the nowcast line, the summary and the sub-index cards are drawn anew; the targets and the trend
    chart (the same in every edition) stay as drawn. Another country, or a page drawn from an older store version or
    before the nowcast was ready (the targets' lights depend on it), is drawn whole."""
    shown = overview.drawn("en", "KHM", 2024)
    cards, history, _, state = update_overview("KHM", 2020, shown, "")
    assert state["edition"] == 2020 and history is dash.no_update
    assert texts(cards) == texts(overview.overview_content("KHM", 2020, "en")[0])
    assert "Cambodia, UN E-Government Survey 2020" in texts(cards) and "0.5113" in texts(cards)
    for other in (update_overview("THA", 2020, shown, ""), update_overview("KHM", 2020, {**shown, "version": [-1, False]}, "")):
        assert texts(other[1]) == texts(overview.overview_content(other[3]["entity"], 2020, "en")[1])
        assert texts(other[1])[0] == "Progress against targets" and "EGDI and sub-indices by edition" in texts(other[1])


def test_layout_reads_the_query(bundled):
    page = overview.layout(lang="km", entity="THA", edition="2022")
    state = next(c for c in page.children if getattr(c, "id", None) == "overview-state")
    version = [layouts.views.snapshot.snapshot().version, False]
    assert state.data == {"lang": "km", "entity": "THA", "edition": 2022, "version": version}
    assert isinstance(layouts.views.snapshot.snapshot().published, pd.DataFrame)


def test_under_the_nowcast_the_overview_splits_the_latest_change_into_data_and_method(bundled):
    from layouts.views.method_split import latest_split_sentences

    shown = " ".join(texts(overview.nowcast_children(None, False, "KHM", "km")))
    assert latest_split_sentences("KHM", "km") and all(sentence in shown for sentence in latest_split_sentences("KHM", "km"))
    assert "TII" in shown and "+០.១០៧" in shown  # about +0.107 of the TII's +0.200 from the change of method, in Khmer digits
    assert texts(overview.nowcast_children(None, True, "KHM", "en")) != [] and "TII" not in " ".join(
        texts(overview.nowcast_children(None, True, "KHM", "en"))
    )


def test_at_start_the_server_draws_the_overview_and_the_splits_under_its_nowcast_line(bundled):
    """`app.draw_pages` (the warm-up's first step) leaves the Overview in both languages and the data-or-method split of
    its latest change ready: the first visitor's page and its line under the nowcast are read from them."""
    from layouts.views import method_split

    overview.clear_caches()
    method_split.clear_caches()
    app.draw_pages()
    assert overview._content.cache_info().currsize == 2  # English and Khmer
    drawn = method_split._split.cache_info()
    assert drawn.currsize >= 1
    assert "TII" in " ".join(method_split.latest_split_sentences("KHM", "en"))
    assert method_split._split.cache_info().misses == drawn.misses  # nothing computed again
