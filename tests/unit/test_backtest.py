"""The back-test and the data/method split: which values an edition reads (its data years), the agreement figures, the
causes named for the worst countries, interval sizing for the nowcast, and the `backtest` command."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.cli import main
from indicators.method.backtest import ROW_COLUMNS, Backtest, backtest, interval_halfwidths
from indicators.method.inputs import method_inputs
from indicators.method.methodology import load_methodology
from indicators.method.scoring import score
from indicators.method.split import split_change

M2020, M2022, M2024 = (load_methodology(e) for e in (2020, 2022, 2024))
FIELD = ["AUS", "BRA", "KHM", "DEU", "IND", "NER", "SGP", "USA"]
TII_2022 = ["internet_users_pct", "mobile_subscriptions_per_100", "mobile_broadband_per_100", "fixed_broadband_per_100"]
HCI_PARTS = [
    "adult_literacy_pct",
    "gross_enrolment_primary_pct",
    "gross_enrolment_secondary_pct",
    "gross_enrolment_tertiary_pct",
    "expected_schooling_years",
    "mean_schooling_years",
]
PRICES = ["mobile_basket_gni_pct", "fixed_broadband_basket_gni_pct"]


def components(years: range = range(2015, 2024), seed: int = 1) -> pd.DataFrame:
    """Every component of every country in FIELD for each year: a level per country plus a trend."""
    rng = np.random.default_rng(seed)
    rows = []
    for i, entity in enumerate(FIELD):
        for code in [*TII_2022, *HCI_PARTS, *PRICES]:
            level = rng.uniform(5, 95) if "years" not in code else rng.uniform(3, 18)
            for year in years:
                rows.append((entity, year, code, round(level + (year - 2015) * (i + 1) * 0.3, 3)))
    return pd.DataFrame(rows, columns=["entity", "year", "indicator", "value"])


def published_from(tidy: pd.DataFrame, edition: int) -> pd.DataFrame:
    """A published table made by scoring the field with the edition's own method, rounded as the UN rounds (5 places)."""
    method = load_methodology(edition)
    scored = score(method_inputs(tidy, method)[["entity", "indicator", "value"]], method).entities
    return pd.DataFrame({"edition": edition, "iso3": scored["entity"], "tii": scored["tii"].round(5), "hci": scored["hci"].round(5)})


# --- the data year ---------------------------------------------------------------------------------------------


def test_each_input_is_the_latest_value_up_to_its_data_year():
    tidy = pd.DataFrame(
        [
            ("KHM", 2016, "internet_users_pct", 30.0),
            ("KHM", 2017, "internet_users_pct", 40.0),  # the 2020 Survey reads internet users of 2017
            ("KHM", 2018, "internet_users_pct", 50.0),
            ("KHM", 2018, "mobile_subscriptions_per_100", 110.0),  # ... and other telecom data of 2018
            ("KHM", 2019, "mobile_subscriptions_per_100", 120.0),
            ("KHM", 2009, "adult_literacy_pct", 70.0),  # however old: the latest up to 2017
            ("KHM", 2018, "adult_literacy_pct", 80.0),
            ("KHM", None, "mean_schooling_years", 5.0),  # without a year: current
        ],
        columns=["entity", "year", "indicator", "value"],
    ).astype({"year": "Int64"})
    chosen = method_inputs(tidy, M2020).set_index("indicator")
    assert chosen.loc["internet_users_pct", "value"] == 40.0
    assert chosen.loc["mobile_subscriptions_per_100", "value"] == 110.0
    assert chosen.loc["adult_literacy_pct", ["value", "year"]].tolist() == [70.0, 2009]
    assert chosen.loc["mean_schooling_years", "value"] == 5.0
    replay = method_inputs(tidy, M2020, until=2016).set_index("indicator")  # only what was known by 2016
    assert replay.loc["internet_users_pct", "value"] == 30.0 and "mobile_subscriptions_per_100" not in replay.index


# --- the back-test -----------------------------------------------------------------------------------------------


def test_a_field_published_by_the_method_itself_is_rebuilt_to_the_rounding():
    tidy = components()
    result = backtest(tidy, published_from(tidy, 2022), M2022)
    assert list(result.rows.columns[: len(ROW_COLUMNS)]) == ROW_COLUMNS
    assert len(result.rows) == 2 * len(FIELD) and result.rows["error"].abs().max() <= 5e-6
    summary = result.summary.set_index("subindex")
    assert (summary["countries"] == len(FIELD)).all() and (summary["correlation"] > 0.999999).all()
    assert summary["rank_correlation"].tolist() == pytest.approx([1, 1]) and (summary["median_abs_rank_difference"] == 0).all()
    khm = result.rows[(result.rows["iso3"] == "KHM") & (result.rows["subindex"] == "tii")].iloc[0]
    assert khm["internet_users_pct_year"] == 2019 and khm["fixed_broadband_per_100_year"] == 2020  # the 2022 data years


def test_errors_are_reconstructed_minus_published_and_summarised():
    tidy = components()
    published = published_from(tidy, 2022)
    published.loc[published["iso3"] == "BRA", "tii"] += 0.1
    result = backtest(tidy, published, M2022, subindices=("tii",))
    assert result.worst.iloc[0]["iso3"] == "BRA" and result.worst.iloc[0]["error"] == pytest.approx(-0.1, abs=5e-6)
    errors = result.abs_errors("tii")
    assert result.summary.loc[0, "median_abs_error"] == pytest.approx(np.median(errors))
    assert result.summary.loc[0, "p90_abs_error"] == pytest.approx(np.quantile(errors, 0.9))
    assert result.summary.loc[0, "median_abs_error"] < 1e-5  # seven of eight agree


def test_data_after_the_data_year_and_countries_outside_the_field_change_nothing():
    tidy = components()
    published = published_from(tidy, 2022)
    extra = pd.DataFrame(
        [("KHM", 2021, "fixed_broadband_per_100", 99.0), ("ABW", 2020, "internet_users_pct", 99.0)],  # Aruba: not a UN member
        columns=["entity", "year", "indicator", "value"],
    )
    plain = backtest(tidy, published, M2022).rows
    more = backtest(pd.concat([tidy, extra], ignore_index=True), published, M2022).rows
    pd.testing.assert_frame_equal(plain, more)


def test_the_worst_countries_say_what_in_the_data_may_explain_them():
    tidy = components()
    published = published_from(tidy, 2022)
    gaps = tidy[~((tidy["entity"] == "NER") & (tidy["indicator"] == "fixed_broadband_per_100"))]
    gaps = gaps[~((gaps["entity"] == "SGP") & (gaps["indicator"] == "adult_literacy_pct"))]
    stale = gaps[~((gaps["entity"] == "IND") & (gaps["indicator"] == "internet_users_pct") & (gaps["year"] > 2015))]
    causes = backtest(stale, published, M2022).worst.set_index(["subindex", "iso3"])["cause"]
    assert causes[("tii", "NER")] == "no data for fixed_broadband_per_100 (re-weighted without it)"
    assert causes[("hci", "SGP")] == "adult_literacy_pct filled with 100 (no data)"
    assert causes[("tii", "IND")] == "old data: internet_users_pct from 2015"


def test_interval_half_widths_are_quantiles_of_the_pooled_errors():
    def made(edition: int, errors: list[float]) -> Backtest:
        rows = pd.DataFrame({"iso3": [f"C{i}" for i in range(len(errors))], "edition": edition, "subindex": "tii", "error": errors})
        return Backtest(edition, f"egdi-{edition}", rows, pd.DataFrame(), pd.DataFrame())

    pooled = [made(2020, [-0.01, 0.02, -0.03, 0.04, 0.05]), made(2022, [0.06, -0.07, 0.08, 0.09, -0.10])]
    # |errors| 0.01 … 0.10: the 80th percentile by linear interpolation is 0.01 + 0.8 · 9 · 0.01 = 0.082
    assert interval_halfwidths(pooled, 0.8) == pytest.approx({"tii": 0.082})


# --- data or method ------------------------------------------------------------------------------------------------


def test_data_and_method_add_up_to_the_change_and_an_unchanged_method_has_no_effect():
    tidy = components()
    published = pd.concat([published_from(tidy, 2020), published_from(tidy, 2022)], ignore_index=True)
    split = split_change(tidy, published, M2020, M2022)
    table = split.table
    assert np.allclose(table["data"] + table["method"], table["total"])
    assert (table["method"] == 0).all()  # the 2020 and 2022 TII and HCI are one method: only the data moved
    assert split.changes == {"tii": (), "hci": ()}
    assert np.allclose(table["data_published"], table["published_total"])


def test_the_2024_change_of_method_is_measured_on_the_2024_data():
    tidy = components()
    published = pd.concat([published_from(tidy, 2022), published_from(tidy, 2024)], ignore_index=True)
    split = split_change(tidy, published, M2022, M2024, subindices=("tii",))
    khm = split.table.set_index("iso3").loc["KHM"]
    bridge = score(method_inputs(tidy, M2022, data_from=M2024)[["entity", "indicator", "value"]], M2022).entities
    assert khm["bridge"] == pytest.approx(bridge.set_index("entity").loc["KHM", "tii"])
    assert khm["method"] == pytest.approx(khm["after"] - khm["bridge"]) and khm["method"] != 0
    assert {(c.kind, c.code) for c in split.changes["tii"]} == {
        ("component_removed", "fixed_broadband_per_100"),
        ("component_added", "ict_affordability"),
    }


# --- the command ---------------------------------------------------------------------------------------------------


def test_the_command_prints_the_agreement_and_writes_every_country(seeded_db: str, tmp_path: Path, capsys):
    out = tmp_path / "backtest.csv"
    assert main(["backtest", "--edition", "2022", "--db", seeded_db, "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "TII 2022 (egdi-2022): 193 countries compared; correlation 0.9858; |error| median 0.0199" in printed
    assert "HCI 2022 (egdi-2022): 193 countries compared; correlation 0.9743; |error| median 0.0241" in printed
    assert "(re-weighted without it)" in printed or "old data:" in printed  # the worst name a cause found in the data
    rows = pd.read_csv(out)
    assert list(rows.columns[:6]) == ["iso3", "edition", "subindex", "reconstructed", "published", "error"]
    assert len(rows) == 2 * 193
    khm = rows[(rows["iso3"] == "KHM") & (rows["subindex"] == "tii")].iloc[0]
    assert khm["published"] == 0.5605  # EGOV_DATA_2022.csv, bundled
    assert khm["error"] == pytest.approx(khm["reconstructed"] - khm["published"])
    assert khm["internet_users_pct_year"] == 2019 and khm["mobile_subscriptions_per_100_year"] == 2020  # the 2022 data years


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--edition", "2019"], 2, "no methodology for edition 2019"),
        (["--edition", "2024", "--output", "out.txt"], 2, "the file name must end in .csv or .xlsx"),
    ],
)
def test_the_command_refuses_with_a_message(seeded_db: str, capsys, args: list[str], code: int, message: str):
    assert main(["backtest", *args, "--db", seeded_db]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_without_component_data_the_command_says_what_to_import(tmp_path: Path, capsys):
    from indicators.ingest.imports import bundled_published
    from indicators.store import open_store

    path = str(tmp_path / "egdi.sqlite")
    with open_store(path) as store:
        store.import_many(bundled_published())  # the published results only, no component data
    assert main(["backtest", "--edition", "2024", "--db", path]) == 1
    assert "no component data is stored for the 2024 method" in capsys.readouterr().err
