"""Speed goals, with generous bounds that still catch a per-row query: a 50,000-value import well under 1 s on
SQLite, and the eleven UN DESA files (about 1,150 values each) well under 1 s together."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from indicators.published import read_published
from tests.conftest import reference_files
from tests.store.builders import big_tidy

BOUND = 3.0  # seconds; measured about 0.3 s for each case on a laptop-class machine


def test_importing_50000_values_into_a_new_dataset(tmp_path):
    from indicators.store import open_store

    frame = big_tidy(50_000, seed=7)
    with open_store(str(tmp_path / "perf.sqlite")) as store:
        started = time.perf_counter()
        outcome = store.import_tidy(frame, dataset="big", kind="long", file_name="big.csv", checksum="x")
        elapsed = time.perf_counter() - started
        assert outcome.added == 50_000
        assert elapsed < BOUND, f"50,000 values took {elapsed:.2f} s"
        started = time.perf_counter()
        again = store.import_tidy(frame, dataset="big", kind="long", file_name="big.csv", checksum="x")
        assert again.identical and time.perf_counter() - started < BOUND


def test_importing_every_un_desa_file(reference_dir, store):
    loaded = [read_published(str(path)) for path in reference_files()]
    assert all(result.ok for result in loaded)
    started = time.perf_counter()
    outcomes = [
        store.import_tidy(result.tidy, dataset=f"undesa:{result.file}", kind="published", file_name=result.file, checksum=result.checksum)
        for result in loaded
    ]
    elapsed = time.perf_counter() - started
    assert elapsed < BOUND, f"{len(loaded)} files took {elapsed:.2f} s"
    assert [o.added for o in outcomes] == [len(result.tidy) for result in loaded]
    assert all(
        store.import_tidy(r.tidy, dataset=f"undesa:{r.file}", kind="published", file_name=r.file, checksum=r.checksum).identical
        for r in loaded
    )
    stored = store.observations(resolve=False)
    assert len(stored) == sum(len(result.tidy) for result in loaded)
    khm_2022 = store.observations(entities=["KHM"], indicators=["egdi"], datasets=["undesa:EGOV_DATA_2022.csv"])
    published = pd.concat([r.tidy for r in loaded if r.file == "EGOV_DATA_2022.csv"])
    expected = published[(published.entity == "KHM") & (published.indicator == "egdi")].iloc[0]
    assert khm_2022.iloc[0]["value"] == expected["value"]
    assert (khm_2022.iloc[0]["row"], khm_2022.iloc[0]["column"]) == (expected["row"], expected["column"])


@pytest.mark.parametrize("size", [1, 1000])
def test_small_imports_stay_cheap(store, size):
    started = time.perf_counter()
    store.import_tidy(big_tidy(size), dataset=f"small{size}", kind="long", file_name="s.csv", checksum="s")
    assert time.perf_counter() - started < BOUND
