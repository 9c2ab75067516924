"""The overview without a browser, on a new store (the bundled data) and on part of the field: the cards, the
sentence, the URL rule of the callback."""

import dash
import pandas as pd
import pytest

import app  # noqa: F401  (registers the pages)
import layouts.data
from layouts.callbacks.overview import update_overview
from layouts.pages import overview


@pytest.fixture(autouse=True)
def bundled(tmp_path):
    layouts.data.configure(str(tmp_path / "egdi.sqlite"))
    yield
    layouts.data.configure(None)


def texts(component) -> list[str]:
    """Every string in a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [t for child in component for t in texts(child)]
    children = getattr(component, "children", None)
    return texts(children) if children is not None else []


def test_cards_show_cambodia_2024_against_2022_with_the_world_rank_and_class_on_a_new_store():
    content = texts(overview.overview_content("KHM", 2024, "en"))
    for expected in ("0.5754", "+0.0698 since 2022", "120", "up 7 since 2022", "8", "of 11", "High", "H2"):
        assert expected in content, expected
    assert "class needs all 193 countries" not in content


@pytest.fixture
def partial(partial_db: str):
    layouts.data.configure(partial_db)
    yield
    layouts.data.configure(None)


def test_on_part_of_the_field_the_class_says_what_it_needs(partial):
    content = texts(overview.overview_content("KHM", 2024, "en"))
    for expected in ("0.5754", "120", "8", "of 11", "High", "class needs all 193 countries"):
        assert expected in content, expected


def test_the_sentence_names_what_moved_most_and_the_distance_to_the_next_group():
    history = layouts.data.snapshot().history("KHM")
    sentence = overview.summary_sentence(history, 2024, "Cambodia", "en")
    assert sentence == (
        "Since 2022, the Telecommunication Infrastructure Index moved most (+0.2004); the EGDI rose by 0.0698 to 0.5754. "
        "It is 0.1746 below the Very High group threshold (0.75)."
    )
    assert overview.summary_sentence(history, 2003, "Cambodia", "en").startswith("2003 is the first edition with data for Cambodia.")
    khmer = overview.summary_sentence(history, 2024, "កម្ពុជា", "km")
    assert "០.៥៧៥៤" in khmer and "0.5754" not in khmer


def test_a_country_without_results_gets_a_notice(partial):
    assert "No published results are stored for Japan." in texts(overview.overview_content("JPN", 2024, "en"))


def test_the_callback_changes_nothing_when_the_controls_show_what_is_drawn():
    shown = {"lang": "en", "entity": "KHM", "edition": 2024}
    assert update_overview("KHM", 2024, shown, "") == (dash.no_update, dash.no_update, dash.no_update)
    content, search, state = update_overview("KHM", 2020, shown, "?lang=en")
    assert search == "?edition=2020" and state == {**shown, "edition": 2020}
    assert "0.5113" in texts(content)


def test_layout_reads_the_query():
    page = overview.layout(lang="km", entity="THA", edition="2022")
    state = next(c for c in page.children if getattr(c, "id", None) == "overview-state")
    assert state.data == {"lang": "km", "entity": "THA", "edition": 2022}
    assert isinstance(layouts.data.snapshot().published, pd.DataFrame)
