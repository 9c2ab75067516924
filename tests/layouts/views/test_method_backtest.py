"""The back-test as the Methodology page shows it: its figures are those of `indicators.method.backtest` run on the
store's data as the CLI runs it, the evidence for a method change is the previous method scored on the same data
(built here independently, as tests/unit/test_backtest_bundled.py builds it), and Cambodia's values are the bundle's."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest

from indicators.ingest.bundled import BUNDLED_PUBLISHED
from indicators.method.backtest import backtest
from indicators.method.methodology import load_methodology
from indicators.method.stored import stored_components, stored_published
from indicators.method.vintages import choose_releases
from layouts.views import method_backtest as view
from layouts.views.snapshot import store


def core(edition: int, methodology=None) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The back-test summary as `python -m indicators backtest` computes it."""
    components = choose_releases(stored_components(store()), as_of=edition)
    result = backtest(components, stored_published(store()), methodology or load_methodology(edition))
    return result.summary.set_index("subindex")


@pytest.mark.parametrize("edition", [2018, 2024])
def test_the_page_figures_are_the_back_test_of_the_stored_data(bundled, edition):
    fits = view.edition_fits(edition)
    assert fits is not None and fits.edition == edition
    summary = core(edition)
    for fit in fits.fits:
        expected = summary.loc[fit.subindex]
        assert fit.countries == expected["countries"] == 193
        assert fit.median == pytest.approx(expected["median_abs_error"], abs=1e-12)
        assert fit.p90 == pytest.approx(expected["p90_abs_error"], abs=1e-12)
        assert fit.correlation == pytest.approx(expected["correlation"], abs=1e-12)
    assert [f.subindex for f in fits.fits] == ["tii", "hci"]
    assert len(fits.points) == 2 * 193
    assert (fits.points["error"] == fits.points["reconstructed"] - fits.points["published"]).all()


def test_the_2024_tii_is_shown_against_the_2022_method_on_the_same_data(bundled):
    """The 2022 TII (fixed broadband), every component read at the 2024 data year, built without `data_from`."""
    m2022, m2024 = load_methodology(2022), load_methodology(2024)
    old_tii = m2022.subindices["tii"]
    as_in_2022 = replace(
        old_tii, forms=tuple(replace(f, components=tuple(replace(c, data_year=None) for c in f.components)) for f in old_tii.forms)
    )
    fixed = core(2024, replace(m2024, subindices={**m2024.subindices, "tii": as_in_2022})).loc["tii"]
    [tii, hci] = view.edition_fits(2024).fits  # type: ignore[union-attr]
    assert tii.previous_median == pytest.approx(fixed["median_abs_error"], abs=1e-12)
    assert tii.previous_p90 == pytest.approx(fixed["p90_abs_error"], abs=1e-12)
    assert round(tii.median, 3) == 0.010 and round(tii.previous_median, 3) == 0.073  # the file's note: 0.0103 and 0.0730
    assert hci.previous_median is None  # the HCI method did not change from 2022
    published = pd.read_csv(BUNDLED_PUBLISHED)
    khm = published[(published["entity"] == "KHM") & (published["year"] == 2024)].set_index("indicator")["value"]
    assert tii.focus_published == pytest.approx(khm["tii"]) and hci.focus_published == pytest.approx(khm["hci"])
    assert abs(tii.focus_rebuilt - khm["tii"]) < 0.01  # Cambodia's 2024 TII is rebuilt within 0.01 (0.764 against 0.761)


def test_the_section_in_both_languages(bundled):
    en = view.backtest_view(2024, "en")
    fits = view.edition_fits(2024)
    assert fits is not None
    tii = fits.fits[0]
    assert en.rows[0] == ["TII", "193", f"{tii.median:.3f}", f"{tii.p90:.3f}", f"{tii.correlation:.3f}", en.rows[0][5]]
    assert en.rows[0][5] == f"{tii.focus_rebuilt:.3f} / {tii.focus_published:.3f}"
    assert en.findings[0] == (
        f"TII 2024: this method rebuilds the published values with a median error of {tii.median:.3f} (9 in 10 within "
        f"{tii.p90:.3f}); the 2022 method, fed the same data, misses them by a median {tii.previous_median:.3f}. "
        "The change of method is what fits the published values."
    )
    assert en.headers[-1] == "Cambodia: rebuilt / published"
    assert len(en.table) == 2 * 193 and list(en.table.columns) == ["country", "subindex", "published", "rebuilt", "error"]
    km = view.backtest_view(2024, "km")
    words = " ".join([km.title, km.intro, *km.headers, *km.findings, km.chart_title, km.chart_summary, *km.table_headers])
    assert not re.search(r"[0-9]", words + " ".join(c for row in km.rows for c in row))  # Khmer digits only
    assert not re.findall(r"[a-z]{3,}", words)  # no English word left (only the TII/HCI/UN names)
    assert km.rows[0][2] == en.rows[0][2].translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩"))


def test_no_back_test_without_component_data(fresh, monkeypatch):
    monkeypatch.setattr(view, "stored_components", lambda store, codes: pd.DataFrame(columns=["entity", "indicator"]))
    view.clear_caches()
    shown = view.backtest_view(2024, "en")
    assert shown.notice == (
        "No back-test for 2024: the store holds no published TII and HCI of that edition, or no component data for its "
        "method. Import them on the Data page."
    )
    assert shown.rows == [] and shown.points.empty
    view.clear_caches()
