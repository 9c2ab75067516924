"""Which release a computation reads: each country's series whole from one release, chosen by date; national values
in place of international ones only when asked; values published by a date, from the release dates and the
publication lags the bundled files show."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.method.vintages import RELEASE_COLUMNS, choose_releases, publication_lags, published_by, released_values


def values(rows: list[tuple[str, int, str, float, str, str, bool]]) -> pd.DataFrame:
    """(entity, year, indicator, value, release, released, national) rows in RELEASE_COLUMNS."""
    frame = pd.DataFrame(rows, columns=["entity", "year", "indicator", "value", "release", "released", "national"])
    return frame.assign(source="test", dataset=frame["release"], released=pd.to_datetime(frame["released"]))[RELEASE_COLUMNS]


HDR = values(
    [
        ("KHM", 2021, "mean_schooling_years", 5.0, "hdr-2024", "2024-03-13", False),
        ("KHM", 2022, "mean_schooling_years", 5.1, "hdr-2024", "2024-03-13", False),
        ("KHM", 2021, "mean_schooling_years", 5.2, "hdr-2025", "2025-05-06", False),  # revised
        ("KHM", 2022, "mean_schooling_years", 5.3, "hdr-2025", "2025-05-06", False),
        ("KHM", 2023, "mean_schooling_years", 5.4, "hdr-2025", "2025-05-06", False),
        ("KHM", 2022, "mean_schooling_years", 9.9, "national", "2026-01-10", True),
    ]
)


def series(chosen: pd.DataFrame) -> dict[int, float]:
    return dict(zip(chosen["year"], chosen["value"], strict=True))


def test_the_newest_release_out_by_then_gives_the_whole_series():
    assert series(choose_releases(HDR)) == {2021: 5.2, 2022: 5.3, 2023: 5.4}  # now: HDR 2025 only, never stitched
    assert series(choose_releases(HDR, as_of=2024)) == {2021: 5.0, 2022: 5.1}  # the 2024 release, not 2023 from 2025's


def test_before_any_release_came_out_the_earliest_is_read():
    assert series(choose_releases(HDR, as_of=2020)) == {2021: 5.0, 2022: 5.1}


def test_national_values_replace_the_international_ones_of_their_years_only_when_asked():
    assert 9.9 not in series(choose_releases(HDR)).values()
    chosen = choose_releases(HDR, national=True)
    assert series(chosen) == {2021: 5.2, 2022: 9.9, 2023: 5.4}
    assert chosen.set_index("year")["national"].to_dict() == {2021: False, 2022: True, 2023: False}


def test_published_by_a_year_keeps_what_was_out_then():
    lags = {"mean_schooling_years": 2}
    assert series(published_by(HDR, 2024, lags)[lambda t: t["release"] == "hdr-2024"]) == {2021: 5.0, 2022: 5.1}  # out in 2024
    known = published_by(HDR, 2024, lags)
    assert set(known.loc[known["release"] == "hdr-2025", "year"]) == {2021, 2022}  # 2023 + 2 > 2024: not yet
    assert published_by(HDR, 2022, lags).empty  # no release out, and 2021 + 2 > 2022: nothing known yet
    assert published_by(HDR, 2023, {})["year"].max() == 2022  # no lag known: a year after the data


def test_the_bundled_lags_are_the_shortest_delay_each_publisher_shows():
    lags = publication_lags()
    assert lags["internet_users_pct"] == 1  # ITU DataHub Aug 2025 holds 2024; the WDI copy of Jul 2026 holds 2025
    assert lags["expected_schooling_years"] == lags["mean_schooling_years"] == 2  # HDR 2025 (May 2025) holds 2023
    assert lags["mobile_basket_gni_pct"] == 0  # the Dec 2025 price baskets hold 2025
    assert lags["adult_literacy_pct"] == 2


def test_stored_values_get_their_release_gaps_join_the_release_they_fill():
    observations = pd.DataFrame(
        {
            "entity": ["KHM", "KHM", "LAO"],
            "year": [2022, 2023, 2022],
            "indicator": ["internet_users_pct"] * 3,
            "value": [56.0, 60.0, 62.0],
            "source": ["ITU", "WDI", "mine"],
            "version_id": [1, 2, 3],
            "dataset": ["bundled:itu-internet-users", "bundled:wdi-internet-users", "template:mine"],
            "kind": ["itu", "worldbank", "template"],
        }
    )
    versions = pd.DataFrame({"version_id": [1, 2, 3], "created_at": ["2026-11-30T07:00:00Z"] * 2 + ["2026-11-30T08:00:00Z"]})
    released = released_values(observations, versions)
    assert released["release"].tolist() == ["bundled:itu-internet-users", "bundled:itu-internet-users", "template:mine"]
    assert released["released"].tolist() == [pd.Timestamp("2025-08-01")] * 2 + [pd.Timestamp("2026-11-30 08:00:00")]
    assert released["national"].tolist() == [False, False, True]


@pytest.mark.parametrize("as_of", [None, 2019, 2024, 2030])
def test_one_value_per_country_year_and_indicator(as_of: int | None):
    chosen = choose_releases(HDR, as_of=as_of, national=True)
    assert not chosen.duplicated(["entity", "year", "indicator"]).any()
