"""Data or method, as the Trends page says it: the parts add up to the published change, the method part is the
core's split (indicators.method.split) of the store's data, and the sentence says both in each language."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from indicators.ingest.bundled import BUNDLED_PUBLISHED
from indicators.method.methodology import load_methodology
from indicators.method.split import split_change
from indicators.method.stored import stored_components
from indicators.method.vintages import choose_releases
from layouts.views import method_split as view
from layouts.views.snapshot import request_snapshot, store


def published(entity: str, indicator: str, edition: int) -> float:
    """The value as the bundled UN file holds it, read without the store."""
    table = pd.read_csv(BUNDLED_PUBLISHED)
    rows = table[(table["entity"] == entity) & (table["indicator"] == indicator) & (table["year"] == edition)]
    return float(rows["value"].iloc[0])


def test_cambodia_2024_tii_split_adds_up_to_the_published_change(bundled):
    splits = {s.edition: s for s in view.change_splits("KHM", "tii")}
    assert sorted(splits) == [2020, 2024]  # the editions whose TII method changed (fixed telephone out; affordability in)
    tii = splits[2024]
    assert tii.previous == 2022
    assert tii.total == pytest.approx(published("KHM", "tii", 2024) - published("KHM", "tii", 2022))  # 0.76094 − 0.5605
    assert tii.method + tii.data == pytest.approx(tii.total)
    components = choose_releases(stored_components(store()), as_of=2024)
    core = split_change(components, request_snapshot().published, load_methodology(2022), load_methodology(2024))
    core = core.table.set_index(["iso3", "subindex"])
    assert tii.method == pytest.approx(core.loc[("KHM", "tii"), "after"] - core.loc[("KHM", "tii"), "bridge"])
    assert round(tii.total, 3) == 0.200 and round(tii.method, 3) == 0.107 and round(tii.data, 3) == 0.093  # issue 11's figures
    assert {(c.kind, c.code) for c in tii.changes} == {
        ("component_removed", "fixed_broadband_per_100"),
        ("component_added", "ict_affordability"),
    }


def test_the_sentence_in_both_languages(bundled):
    [_, en] = view.split_sentences("KHM", "tii", "en")
    assert en == (
        "TII of Cambodia +0.200 from 2022 to 2024: about +0.107 from the change of method (TII: ICT affordability (mobile "
        "data-and-voice and fixed-broadband baskets) replaced Fixed (wired) broadband subscriptions), +0.093 from the data."
    )
    [_, km] = view.split_sentences("KHM", "tii", "km")
    assert km.startswith("TII នៃកម្ពុជា +០.២០០ ពីឆ្នាំ ២០២២ ដល់ឆ្នាំ ២០២៤៖ ប្រហែល +០.១០៧ មកពីការផ្លាស់ប្តូរវិធីសាស្ត្រ")
    assert km.endswith("និង +០.០៩៣ មកពីទិន្នន័យ។")
    assert not re.search(r"[0-9]", km) and not re.findall(r"[a-z]{3,}", km)


def test_the_egdi_method_part_is_the_weighted_sub_index_parts(bundled):
    tii = {s.edition: s for s in view.change_splits("KHM", "tii")}
    hci = {s.edition: s for s in view.change_splits("KHM", "hci")}
    egdi = {s.edition: s for s in view.change_splits("KHM", "egdi")}
    assert sorted(egdi) == [2020, 2024] and hci == {}  # the HCI method never changed; the 2022 OSI form is published
    assert egdi[2024].method == pytest.approx(tii[2024].method / 3)  # HCI method part 0; EGDI weights 1/3 each
    assert egdi[2024].total == pytest.approx(published("KHM", "egdi", 2024) - published("KHM", "egdi", 2022))
    assert egdi[2024].method + egdi[2024].data == pytest.approx(egdi[2024].total)


def test_series_without_a_split(bundled):
    assert view.split_sentences("KHM", "osi", "en") == [] and view.split_sentences("KHM", "internet_users_pct", "en") == []
    assert view.split_sentences("XYZ", "tii", "en") == []  # not a country of the store


def test_the_overview_says_what_of_the_latest_change_is_method(bundled):
    """The Overview's sentences: the method changes into Cambodia's latest edition (2024), the EGDI first, then the TII;
    the 2020 change of the TII is Trends' business, not the Overview's."""
    sentences = view.latest_split_sentences("KHM", "en")
    egdi, tii = (
        (s for s in view.change_splits("KHM", "egdi") if s.edition == 2024),
        (s for s in view.change_splits("KHM", "tii") if s.edition == 2024),
    )
    assert sentences == [view.split_sentence(next(egdi), "KHM", "en"), view.split_sentence(next(tii), "KHM", "en")]
    assert sentences[1].startswith("TII of Cambodia +0.200 from 2022 to 2024: about +0.107 from the change of method")
    assert all("2020" not in sentence for sentence in sentences)
    assert view.latest_split_sentences("XXX", "en") == []
