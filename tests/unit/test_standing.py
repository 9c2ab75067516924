from pathlib import Path

import pandas as pd

from indicators.ingest.published import read_published
from indicators.method.results import published_table
from indicators.method.standing import standing
from tests.conftest import partial_field_store


def test_part_of_the_field_keeps_published_world_ranks_and_no_classes(tmp_path: Path):
    with partial_field_store(str(tmp_path / "egdi.sqlite")) as store:
        view = standing(published_table(store.observations(kinds=["published"])))
    khm = view[view["iso3"] == "KHM"].set_index("edition")
    assert not view["complete"].any()
    assert khm.loc[2024, ["world_rank", "asean_rank", "group"]].tolist() == [120, 8, "High"]
    assert pd.isna(khm.loc[2024, "rating_class"])
    assert pd.isna(khm.loc[2016, "asean_rank"])  # only Cambodia is bundled before 2018


def test_a_complete_field_ranks_and_classes_everyone(reference_dir: Path):
    view = standing(published_table(read_published(str(reference_dir / "EGOV_DATA_2022.csv")).tidy))
    khm = view.set_index("iso3").loc["KHM"]
    assert view["complete"].all()
    assert (khm["world_rank"], khm["asean_rank"], khm["rating_class"]) == (127, 8, "H1")
    assert sorted(view.dropna(subset=["asean_rank"])["asean_rank"].tolist()) == list(range(1, 12))
