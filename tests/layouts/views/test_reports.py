"""What the Reports page offers and says, and the reports it makes, without Dash, on the bundled data."""

from __future__ import annotations

import pytest

from indicators.report import ChartRenderError
from layouts.views import reports as view


def no_charts(content, lang, fmt="png"):  # type: ignore[no-untyped-def]
    raise ChartRenderError("no browser in this test")


def test_the_choice_keeps_what_has_results(partial):
    chosen = view.choice("THA", "2020", "km")
    assert (chosen.entity, chosen.edition) == ("THA", 2020) and chosen.editions[0] == {"label": "២០២៤", "value": 2024}
    assert {"value": "SGP", "label": "Singapore"} in view.choice("KHM", None, "en").countries
    fallback = view.choice("FRA", "1999", "en")
    assert (fallback.entity, fallback.edition, len(fallback.editions)) == ("KHM", 2024, 12)
    assert view.edition_options("SGP", "en") == ([{"label": str(e), "value": e} for e in (2024, 2022, 2020, 2018)], 2024)
    assert view.edition_options(None, "en") == ([], None)


def test_the_notes_say_what_a_report_cannot_show(partial):
    notes = view.report_notes("KHM", 2024, "en")
    assert {kind for kind, _ in notes} == {"warning"} and notes[0][1].startswith("Only 11 countries are stored for 2024")
    assert any("គ្មានគោលដៅសម្រាប់ ថៃ ទេ" in text for _, text in view.report_notes("THA", 2020, "km"))
    missing = view.report_notes("KHM", 2007, "en")
    assert missing[0][0] == "warning" and "no published results are stored for Cambodia in 2007" in missing[0][1]
    assert view.report_notes(None, None, "en") == []


def test_the_command_makes_the_same_report():
    assert view.cli_command("KHM", 2024, "en", "pdf") == (
        "python -m indicators report --entity KHM --format pdf --lang en --edition 2024 --output egdi-khm.pdf"
    )
    assert view.cli_command(None, None, "km", "csv").endswith("--lang km --output egdi-khm.csv")


@pytest.mark.parametrize(("fmt", "start"), [("xlsx", b"PK"), ("csv", "\ufeffEdition".encode())])
def test_downloads_without_charts_need_no_renderer(bundled, fmt, start):
    data, name = view.build_download("KHM", 2022, "en", fmt, no_charts)
    assert data.startswith(start) and name == f"egdi-{view.FILE_KINDS[fmt]}-KHM-2022-en.{fmt}"
    with pytest.raises(ChartRenderError):
        view.build_download("KHM", 2022, "en", "pdf", no_charts)


def test_the_trend_chart_comes_as_png_or_svg(bundled):
    asked: list[str] = []

    def charts(content, lang, fmt="png"):  # type: ignore[no-untyped-def]
        asked.append(fmt)
        return {"trend": b"<svg/>" if fmt == "svg" else b"\x89PNG"}

    assert view.build_download("KHM", 2022, "en", "svg", charts) == (b"<svg/>", "egdi-trend-KHM-2022-en.svg")
    assert view.build_download("KHM", 2022, "en", "png", charts)[0] == b"\x89PNG" and asked == ["svg", "png"]


def test_a_report_is_gathered_once_per_store_version(bundled):
    view.clear_caches()
    view.report_notes("KHM", 2024, "en")
    view.report_notes("KHM", 2024, "km")
    view.build_download("KHM", 2024, "en", "csv", no_charts)
    assert view.gathered.cache_info().misses == 1 and view.gathered.cache_info().hits == 2
