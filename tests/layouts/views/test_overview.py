"""What the overview shows, without Dash, on the bundled data: the cards, the sentence, the controls."""

from __future__ import annotations

from layouts.views import overview as view
from layouts.views.snapshot import snapshot


def card_texts(shown: view.Overview) -> list[str]:
    cards = [*shown.headline, *(card for _, card in shown.subindices)]
    return [text for card in cards for text in (card.label, card.value, card.detail) if text]


def test_cards_show_cambodia_2024_against_2022(partial):
    content = card_texts(view.overview("KHM", 2024, "en"))
    for expected in ("0.5754", "+0.0698 since 2022", "120", "up 7 since 2022", "8", "of 11", "High", "class needs all 193 countries"):
        assert expected in content, expected


def test_the_cards_say_the_change_since_the_previous_edition_and_the_first_has_none(bundled):
    shown = view.overview("KHM", 2024, "km")
    assert [card.value for _, card in shown.subindices] == ["០.៤៥០៣", "០.៧៦០៩", "០.៥១៤៩", "០.៣១៥១"]
    assert shown.subtitle.endswith("២០២៤") and shown.table is not None and shown.table["edition"].iloc[0] == "២០០៣"
    first = view.overview("KHM", 2003, "en")
    assert {card.detail for card in first.headline[:2]} == {"first edition"}


def test_the_sentence_names_what_moved_most_and_the_distance_to_the_next_group(bundled):
    history = snapshot().history("KHM")
    sentence = view.summary_sentence(history, 2024, "Cambodia", "en")
    assert sentence == (
        "Since 2022, the Telecommunication Infrastructure Index moved most (+0.2004); the EGDI rose by 0.0698 to 0.5754. "
        "It is 0.1746 below the Very High group threshold (0.75)."
    )
    assert view.summary_sentence(history, 2003, "Cambodia", "en").startswith("2003 is the first edition with data for Cambodia.")
    khmer = view.summary_sentence(history, 2024, "កម្ពុជា", "km")
    assert "០.៥៧៥៤" in khmer and "0.5754" not in khmer
    assert view.overview("KHM", 2024, "en").summary == sentence


def test_a_country_without_results_gets_a_notice(partial):
    assert "No published results are stored for Japan." in view.overview("JPN", 2024, "en").missing


def test_the_controls_offer_the_countries_with_results_and_the_editions_of_the_country(partial):
    controls = view.controls("THA", "2022", "en")
    assert controls.edition == 2022 and controls.editions == [2018, 2020, 2022, 2024]
    assert {option["value"] for option in controls.countries} == set(snapshot().published["iso3"])
    assert controls.countries[0]["label"] == "Brunei Darussalam"
    assert view.controls("THA", "1999", "en").edition == 2024
    assert view.controls("JPN", None, "en").editions == snapshot().editions  # no results: every edition is offered
