"""Pages that need published results, on a store where every published edition was rolled back (as after
`python -m indicators rollback N` of each bundled UN DESA version): each says that no published results are stored
and links to the Data page, in English and Khmer, instead of raising (it was KeyError 'edition', an HTTP 500)."""

from __future__ import annotations

import pytest

import app  # noqa: F401  (registers the pages)
import layouts.views.snapshot
from layouts import ids
from layouts.pages import compare, simulator
from tests.layouts.test_data_page import find, texts


@pytest.fixture
def rolled_back(fresh):
    """The bundled store with every version that holds published results rolled back, by the command line."""
    store = layouts.views.snapshot.store()
    versions = store.versions()
    published = versions[versions["kind"] == "published"]["version_id"].tolist()
    assert len(published) == 12, "the bundled store holds the 12 published editions 2003-2024, one version each"
    for version_id in published:
        store.rollback(int(version_id), user="cli")
    assert store.observations(kinds=["published"]).empty
    yield


def test_the_snapshot_of_a_store_without_published_results_has_no_editions(rolled_back):
    data = layouts.views.snapshot.snapshot()
    assert data.published.empty
    assert (data.editions, data.world_editions) == ([], [])


@pytest.mark.parametrize(
    ("module", "lang", "title", "words"),
    [
        (compare, "en", "Compare", "No published UN E-Government Survey results are stored"),
        (compare, "km", "ប្រៀបធៀប", "គ្មានលទ្ធផលដែលបានផ្សព្វផ្សាយ"),
        (simulator, "en", "What-if simulator", "No published UN E-Government Survey results are stored"),
        (simulator, "km", "ការធ្វើត្រាប់តាម «ចុះបើ»", "គ្មានលទ្ធផលដែលបានផ្សព្វផ្សាយ"),
    ],
)
def test_pages_that_need_published_results_say_none_are_stored_and_point_to_the_data_page(rolled_back, module, lang, title, words):
    tree = module.layout(lang=lang)
    shown = texts(tree)
    assert shown.startswith(title) and words in shown
    link = find(tree, "no-published-link")
    assert link is not None and link.href == ("/data?lang=km" if lang == "km" else "/data")
    assert find(tree, ids.COMPARE_ENTITY) is None and find(tree, ids.SIMULATOR_ENTITY) is None  # no controls that lead nowhere
