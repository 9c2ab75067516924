"""The nowcast on the bundled data: a replay never reads what was published after its date, every interval holds its
point, a future edition says which method it borrows, and the command writes every country with its intervals."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.cli import main
from indicators.ingest.imports import open_seeded_store
from indicators.method.stored import stored_components, stored_published
from indicators.method.vintages import publication_lags
from indicators.outlook.briefing import Outlook
from indicators.outlook.forecast import FIGURES, ForecastError, predict
from indicators.outlook.nowcast import NOWCAST_COLUMNS, nowcast
from indicators.outlook.record import Record


@pytest.fixture(scope="module")
def record(seeded_db: str) -> Record:
    with open_seeded_store(seeded_db) as store:
        return Record(stored_components(store), stored_published(store))


def read_after(inputs: pd.DataFrame, until: int) -> pd.DataFrame:
    """The inputs a forecast read that were not published by the end of `until` (module vintages' rule)."""
    component = inputs[~inputs["published"].astype(bool)]
    lag = component["indicator"].map(publication_lags()).fillna(1)
    out = component["released"].dt.year <= until
    return component[~out & ~(component["year"].astype(float) + lag <= until)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edition=st.sampled_from([2016, 2018, 2020, 2022, 2024, 2026]), lead=st.integers(min_value=0, max_value=5))
def test_a_nowcast_with_data_until_never_reads_data_published_after_that_date(record: Record, edition: int, lead: int):
    until = edition - lead
    forecast = predict(record.values, record.published, edition, until)
    assert read_after(forecast.field.inputs, until).empty
    assert forecast.carried_from <= until and forecast.carried_from < edition  # the OSI and EPI of a Survey out by then
    later = record.values.assign(released=pd.Timestamp(f"{until + 1}-06-30"), year=until + 1, value=record.values["value"] * 0 + 1.0)
    again = predict(pd.concat([record.values, later], ignore_index=True), record.published, edition, until)
    pd.testing.assert_frame_equal(again.table, forecast.table)  # anything published later changes nothing


def test_every_interval_holds_its_point_and_every_rank_its_range(record: Record):
    for edition, until in ((2026, None), (2024, 2023), (2020, 2019)):
        table = nowcast(record, edition, until).table
        assert list(table.columns) == NOWCAST_COLUMNS and len(table) == 193
        for figure in FIGURES:
            assert (table[f"{figure}_low"] <= table[figure]).all() and (table[figure] <= table[f"{figure}_high"]).all(), figure
            assert table[f"{figure}_low"].between(0, 1).all() and table[f"{figure}_high"].between(0, 1).all()
        for prefix in ("rank", "asean_rank"):
            ranked = table[table[prefix].notna()]
            assert (ranked[f"{prefix}_low"] <= ranked[prefix]).all() and (ranked[prefix] <= ranked[f"{prefix}_high"]).all()
        assert table["asean_rank"].notna().sum() == 11 and table["rank"].min() == 1


def test_the_egdi_is_the_mean_of_the_sub_indices_and_the_osi_the_last_published(record: Record):
    forecast = predict(record.values, record.published, 2024, 2023)
    table = forecast.table.set_index("iso3")
    assert forecast.carried_from == 2022 and forecast.own_method and forecast.methodology.id == "egdi-2024"
    assert table.loc["KHM", "osi"] == 0.4181 and table.loc["KHM", "epi"] == 0.2841  # EGOV_DATA_2022.csv, Cambodia
    expected = (table["osi"] + table["tii"] + table["hci"]) / 3
    assert np.allclose(table["egdi"], expected, atol=1e-15)
    assert (table["rank"] == table["egdi"].rank(ascending=False, method="min").astype(int)).all()


def test_a_future_edition_borrows_the_latest_method_moved_and_says_so(record: Record):
    forecast = predict(record.values, record.published, 2026)
    assert not forecast.own_method and forecast.methodology.id == "egdi-2024@2026"
    assert forecast.methodology.data_year == 2024 and forecast.methodology.data_year_of("adult_literacy_pct") == 2023
    notes = Outlook(record).notes("en")
    assert "no file for 2026 yet; the egdi-2024 method is used, its data years moved to 2026" in notes[2]
    assert "ឯកសារ" in " ".join(Outlook(record).notes("km"))


@pytest.mark.parametrize(
    ("edition", "until", "key"),
    [(2012, None, "nowcast_too_early"), (2016, 2002, "nowcast_no_survey")],
)
def test_a_nowcast_that_cannot_be_made_says_why(record: Record, edition: int, until: int | None, key: str):
    with pytest.raises(ForecastError) as refused:
        predict(record.values, record.published, edition, until)
    assert refused.value.key == key and refused.value.message("km") != refused.value.message("en")


def test_the_command_writes_every_country_with_its_intervals(seeded_db: str, tmp_path: Path, capsys):
    out = tmp_path / "nowcast.csv"
    assert main(["nowcast", "--edition", "2024", "--data-until", "2023", "--db", seeded_db, "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Data: only what was published by the end of 2023" in printed and "Cambodia, 2024: EGDI" in printed
    written = pd.read_csv(out)
    assert list(written.columns) == [*NOWCAST_COLUMNS, "attribution"] and len(written) == 193
    assert "UNDP Human Development Report Office" in written["attribution"].iloc[0]
    assert written["how"].str.contains("osi=carried:2022").all()
    assert main(["nowcast", "--edition", "2012", "--db", seeded_db]) == 1
    assert "the first edition with a method file is 2014" in capsys.readouterr().err
    assert main(["nowcast", "--coverage", "1.5", "--db", seeded_db]) == 2
