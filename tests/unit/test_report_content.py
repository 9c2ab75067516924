"""What a report says: the content gathered from the store, the key messages, the notes, the strings catalog."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from indicators.report import ReportError, gather, key_messages, notes
from indicators.report.strings import catalog, integer, number
from indicators.report.targets import next_milestones
from tests.conftest import PROJECT_DIR
from tests.unit.test_report_helpers import cambodia_2024, seeded_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    yield from seeded_store(tmp_path_factory)


@pytest.fixture(scope="module")
def cambodia(seeded):
    return cambodia_2024(seeded)


KHMER = ("\u1780", "\u17ff")


def has_khmer(text: str) -> bool:
    return any(KHMER[0] <= c <= KHMER[1] for c in text)


def test_content_holds_the_history_up_to_the_edition_and_the_asean_table(cambodia):
    assert cambodia.entity == "KHM" and cambodia.name_km == "កម្ពុជា"
    assert cambodia.edition == 2024 and cambodia.previous_edition == 2022
    assert cambodia.history["edition"].tolist() == [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]
    assert cambodia.current["egdi"] == pytest.approx(0.57536) and int(cambodia.current["world_rank"]) == 120
    peers = cambodia.peers
    assert len(peers) == 11 and peers["iso3"].iloc[0] == "SGP" and not cambodia.peers_missing
    assert int(peers.loc[peers["is_entity"], "peer_rank"].iloc[0]) == 8
    assert not cambodia.complete and cambodia.field_size == 11
    assert cambodia.methodology.id == "egdi-2024" and cambodia.own_method


def test_on_a_new_store_the_report_has_the_whole_field(tmp_path):
    from indicators.ingest.imports import open_seeded_store

    with open_seeded_store(str(tmp_path / "egdi.sqlite")) as store:
        content = gather(store, "KHM", 2024)
    assert content.complete and content.field_size == 193
    assert int(content.current["world_rank"]) == 120 and content.current["rating_class"] == "H2"
    assert not any("countries are stored for" in note for note in notes(content, "en"))


def test_provenance_names_the_file_row_and_version_of_every_stored_value(cambodia, seeded):
    provenance = cambodia.provenance
    own = provenance[(provenance["figure"] == "history") & (provenance["indicator"] == "egdi") & (provenance["year"] == 2024)]
    assert len(own) == 1
    row = own.iloc[0]
    assert row["file"] == "undesa-cambodia-asean.csv" and row["column"] == "E-Government Index" and int(row["version_id"]) == 1
    stored = seeded.observations(indicators=["egdi"], entities=["KHM"])
    assert row["value"] == stored.loc[stored["year"] == 2024, "value"].iloc[0]
    assert set(provenance["figure"]) == {"history", "peers", "components"}
    assert len(provenance[provenance["figure"] == "peers"]) == 10 * 6  # ten other members, five indices and the rank
    assert cambodia.version_ids == [1, 2]
    components = cambodia.components
    internet = components[(components["indicator"] == "internet_users_pct") & (components["year"] == 2022)].iloc[0]
    assert internet["value"] == 56.7 and internet["source"] == "ITU, via World Bank" and int(internet["version_id"]) == 2


def test_an_earlier_edition_stops_the_history_and_the_components_there(seeded):
    content = gather(seeded, "Cambodia", 2018)
    assert content.history["edition"].max() == 2018 and content.previous_edition == 2016
    assert (content.components["year"] <= 2018).all()
    assert int(content.current["asean_rank"]) == 9


def test_editions_before_2014_borrow_the_groups_of_the_2014_method(seeded):
    content = gather(seeded, "KHM", 2010)
    assert content.methodology.id == "egdi-2014" and not content.own_method
    assert any("no method of its own; the groups of the 2014 Survey's method apply" in note for note in notes(content, "en"))
    assert content.peers_missing  # no ASEAN results are bundled before 2018
    assert any("ASEAN rank is left out" in note for note in notes(content, "en"))


@pytest.mark.parametrize(
    ("entity", "edition", "key", "english"),
    [
        ("Cambodai", None, "unknown_entity", "unknown country 'Cambodai'. Did you mean: Cambodia"),
        ("Qwzx", None, "unknown_entity_no_suggestion", "unknown country 'Qwzx'; no similar name is known."),
        ("FRA", None, "no_entity_data", "no published results are stored for France"),
        ("KHM", 2007, "no_edition_data", "no published results are stored for Cambodia in 2007. Editions with data: 2003, 2004"),
    ],
)
def test_a_report_that_cannot_be_made_says_why_in_both_languages(seeded, entity, edition, key, english):
    with pytest.raises(ReportError) as caught:
        gather(seeded, entity, edition)
    assert caught.value.key == key
    assert english in caught.value.message("en")
    assert has_khmer(caught.value.message("km"))
    if key == "no_edition_data":
        assert "២០០៧" in caught.value.message("km")


def test_key_messages_say_what_moved_and_how_far_the_next_group_is(cambodia):
    english = key_messages(cambodia, "en")
    assert english[0] == "Since 2022, the EGDI rose by 0.0698 to 0.5754."
    assert english[1] == "The world rank rose 7 places, from 127 to 120."
    assert "the Telecommunication Infrastructure Index moved most (+0.2004)" in english[2]
    assert "the Human Capital Index least (-0.0231)" in english[2]
    assert english[3] == "The EGDI is in the High group, 0.1746 below the Very High group (EGDI above 0.75)."
    assert english[4] == "The Online Service Index (0.4503) is the lowest of the three."
    assert english[5] == "Cambodia ranks 8 of 11 in ASEAN; Brunei Darussalam, next above, is 0.1800 ahead (0.7554)."
    assert english[6].startswith("Targets: ") and "of 8 on track" in english[6]
    khmer = key_messages(cambodia, "km")
    assert len(khmer) == len(english) and all(has_khmer(m) for m in khmer)
    assert "០.៥៧៥៤" in khmer[0] and "+០.២០០៤" in khmer[2] and "០.១៧៤៦" in khmer[3]


def test_the_first_edition_and_a_fall_are_said_plainly(seeded):
    first = key_messages(gather(seeded, "KHM", 2003), "en")
    assert first[0] == "2003 is the first edition with data for Cambodia."
    fell = key_messages(gather(seeded, "KHM", 2016), "en")
    assert fell[0] == "Since 2014, the EGDI fell by 0.0406 to 0.2593."
    assert fell[1] == "The world rank fell 19 places, from 139 to 158."


def test_notes_warn_when_the_field_is_partial_and_the_method_unconfirmed(cambodia):
    found = notes(cambodia, "en")
    assert found[0].startswith("Only 11 countries are stored for 2024: the world rank is the one the UN published")
    assert found[1].startswith("The method of the 2024 Survey is marked unconfirmed") and "egdi-2024" not in found[1]
    assert all(has_khmer(n) for n in notes(cambodia, "km"))
    alone = notes(dataclasses.replace(cambodia, field_size=1), "en")
    assert alone[0].startswith("Only one country is stored for 2024:")  # not "Only 1 countries"


def test_targets_apply_to_cambodia_only_with_one_row_per_milestone(cambodia, seeded):
    assert cambodia.targets is not None and len(cambodia.targets) == 24
    upcoming = next_milestones(cambodia.targets, 2024)
    assert len(upcoming) == 8 and set(upcoming["milestone"]) == {2025}
    assert next_milestones(cambodia.targets, 2031)["milestone"].tolist() == [2035] * 8
    assert gather(seeded, "THA", 2024).targets is None


def test_numbers_use_khmer_digits_in_khmer():
    assert number(0.57536, "km") == "០.៥៧៥៤" and number(0.0698, "en", signed=True) == "+0.0698"
    assert integer(2024, "km") == "២០២៤" and integer(None, "en") == "–" and number(float("nan"), "km") == "–"


def test_every_report_string_has_english_and_khmer_and_sheet_names_fit_excel():
    strings = catalog()
    assert len(strings) > 100
    codes = {"col_iso3", *(f"index_{code}_short" for code in ("egdi", "osi", "tii", "hci", "epi"))}  # the same in Khmer
    for key, pair in strings.items():
        if key not in codes:
            assert has_khmer(pair["km"]), key
    for key in [k for k in strings if k.startswith("sheet_")]:
        for name in strings[key].values():
            assert len(name) <= 31 and not set(name) & set("[]:*?/\\"), (key, name)


def test_the_report_package_never_imports_dash_or_plotly():
    code = (
        "import sys, pkgutil, importlib, indicators.report as r\n"
        "for m in pkgutil.iter_modules(r.__path__): importlib.import_module('indicators.report.' + m.name)\n"
        "print(','.join(sorted(n for n in sys.modules if n.split('.')[0] in ('dash', 'plotly', 'kaleido', 'layouts'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
