"""The Reports page without a browser: its layout in both languages, its callbacks called directly on a store of their
own, the brief's figures, and server-side chart rendering (kaleido in Debian's Chromium) with its cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import dcc

import app  # noqa: F401  (registers the pages)
import layouts.views.snapshot
from indicators.report import ChartRenderError, gather
from layouts import ids, render
from layouts.callbacks import reports as callbacks
from layouts.figures.report import report_figures, subindex_chart, trend_chart
from layouts.i18n import catalog
from layouts.pages import reports as page
from layouts.views import reports as view
from tests.layouts.trees import find, texts


@pytest.fixture(autouse=True)
def chart_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EGDI_CHART_CACHE", str(tmp_path / "charts"))
    render.clear_memory_cache()


def test_every_reports_key_has_english_and_khmer():
    keys = {key: pair for key, pair in catalog().items() if key.startswith("reports_")}
    assert len(keys) >= 20
    for key, pair in keys.items():
        assert pair["en"] and any("\u1780" <= c <= "\u17ff" for c in pair["km"]), key


def test_the_page_offers_country_edition_language_and_format(fresh):
    layout = page.layout(lang="en")
    assert "Reports" in texts(layout)
    entity = find(layout, ids.REPORTS_ENTITY)
    assert entity.value == "KHM" and {"value": "SGP", "label": "Singapore"} in entity.options
    edition = find(layout, ids.REPORTS_EDITION)
    assert edition.value == 2024 and edition.options[0] == {"label": "2024", "value": 2024} and len(edition.options) == 12
    assert find(layout, ids.REPORTS_FORMAT).value == "pdf"
    assert [o["value"] for o in find(layout, ids.REPORTS_FORMAT).options] == ["xlsx", "pdf", "csv", "png", "svg"]
    assert find(layout, ids.REPORTS_REPORT_LANG).value == "en"
    assert find(layout, ids.REPORTS_PROGRESS).hidden is True
    assert isinstance(find(layout, ids.REPORTS_DOWNLOAD), dcc.Download)
    notes = texts(find(layout, ids.REPORTS_NOTES))
    assert "countries are stored for 2024" not in notes  # a new store holds the whole field
    assert "python -m indicators report --entity KHM --format pdf --lang en --edition 2024" in texts(find(layout, ids.REPORTS_CLI))


def test_the_page_in_khmer(fresh):
    layout = page.layout(lang="km", entity="THA", edition="2020")
    assert "របាយការណ៍" in texts(layout)
    assert find(layout, ids.REPORTS_ENTITY).value == "THA" and find(layout, ids.REPORTS_EDITION).value == 2020
    assert find(layout, ids.REPORTS_EDITION).options[0]["label"] == "២០២៤"
    assert find(layout, ids.REPORTS_REPORT_LANG).value == "km"
    notes = texts(find(layout, ids.REPORTS_NOTES))
    assert "គ្មានគោលដៅសម្រាប់ ថៃ ទេ" in notes


def test_a_change_of_country_offers_its_editions(fresh):
    options, value = callbacks.update_editions("KHM", 2018, "en")
    assert value == 2018 and len(options) == 12
    options, value = callbacks.update_editions("SSD", 2010, "km")  # South Sudan: assessed from 2012
    assert value == 2024 and [o["value"] for o in options] == [2024, 2022, 2020, 2018, 2016, 2014, 2012]
    assert options[0]["label"] == "២០២៤"


def test_notes_and_the_command_follow_the_choice(fresh, monkeypatch):
    monkeypatch.setattr(render, "warm_up", lambda: None)
    notes, command, search = callbacks.update_notes("KHM", 2010, "en", "xlsx", "en", "?lang=km")
    assert (
        "no method of its own" in texts(notes)
        and "Only one country" not in texts(notes)  # the bundled 2010 Survey holds all 192 countries
        and "--format xlsx" in command
        and "--edition 2010" in command
    )
    assert search == "?edition=2010&lang=km"


def test_a_store_with_one_country_in_an_edition_says_so(partial_fresh, monkeypatch):
    monkeypatch.setattr(render, "warm_up", lambda: None)
    notes, _, _ = callbacks.update_notes("KHM", 2010, "en", "xlsx", "en", "")
    assert "Only one country is stored for 2010" in texts(notes)


@pytest.mark.parametrize(("fmt", "start"), [("xlsx", b"PK"), ("csv", "\ufeffEdition".encode())])
def test_downloads_without_charts(fresh, fmt, start):
    data, name = view.build_download("KHM", 2022, "en", fmt, render.report_charts)
    assert data.startswith(start) and name == f"egdi-{view.FILE_KINDS[fmt]}-KHM-2022-en.{fmt}"
    sent, status = callbacks.download(1, "KHM", 2022, "en", fmt, "km")
    assert sent["filename"] == name and sent["base64"] is True
    assert "រួចរាល់" in texts(status)


def test_a_download_that_cannot_be_made_is_a_message(fresh, monkeypatch):
    sent, status = callbacks.download(1, "KHM", 2007, "en", "xlsx", "en")
    assert sent is callbacks.dash.no_update
    assert "The report could not be made: no published results are stored for Cambodia in 2007" in texts(status)

    def broken(content, lang, fmt="png"):
        raise ChartRenderError("Chromium was not found")

    monkeypatch.setattr(render, "report_charts", broken)
    sent, status = callbacks.download(1, "KHM", 2024, "en", "pdf", "en")
    assert sent is callbacks.dash.no_update and "The charts could not be drawn on the server" in texts(status)
    assert "The Excel workbook and the table do not need them" in texts(status)


def test_an_unexpected_failure_is_logged_not_shown(fresh, monkeypatch, caplog):
    def bug(*_args, **_kwargs):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(view, "build_workbook", bug)
    _, status = callbacks.download(1, "KHM", 2024, "en", "xlsx", "en")
    assert "Something went wrong" in texts(status) and "oops" not in texts(status)
    assert "ZeroDivisionError" in caplog.text


def test_the_brief_figures(fresh):
    content = gather(layouts.views.snapshot.store(), "KHM", 2024)
    trend = trend_chart(content.history, "km", (("High", 0.5), ("Very High", 0.75)))
    assert len(trend.data) == 4 and trend.data[0].name == "EGDI"
    # a time axis: 2005 → 2008 is three years wide, 2003 → 2004 one (the editions are not evenly spaced in time)
    assert trend.layout.xaxis.type == "linear" and list(trend.data[0].x[:4]) == [2003, 2004, 2005, 2008]
    assert list(trend.layout.xaxis.ticktext) == ["២០០៣", "២០១០", "២០១៦", "២០២៤"]
    assert [shape.y0 for shape in trend.layout.shapes] == [0.5, 0.75]
    bars = subindex_chart(content, "en")
    assert [trace.name for trace in bars.data] == ["2022", "2024", "ASEAN mean"]
    assert list(bars.data[1].text) == ["0.5754", "0.4503", "0.7609", "0.5149", "0.3151"]
    assert set(report_figures(content, "en")) == {"trend", "subindices"}
    early = gather(layouts.views.snapshot.store(), "KHM", 2003)
    assert [trace.name for trace in subindex_chart(early, "en").data] == ["2003", "ASEAN mean"]  # no previous edition


def test_charts_render_to_png_and_svg_once_then_from_the_cache(fresh, monkeypatch):
    content = gather(layouts.views.snapshot.store(), "KHM", 2024)
    charts = render.report_charts(content, "km")
    assert set(charts) == {"trend", "subindices"}
    assert all(image.startswith(b"\x89PNG") for image in charts.values())
    width = int.from_bytes(charts["trend"][16:20], "big")
    assert width == 2 * 1000  # CSS width × scale 2
    svg = render.figure_image(report_figures(content, "en")["trend"], fmt="svg")
    assert svg.lstrip().startswith(b"<svg")

    def no_browser(jobs):
        raise AssertionError("drawn again instead of read from the cache")

    monkeypatch.setattr(render._browser, "render", no_browser)
    assert render.report_charts(content, "km") == charts  # memory cache
    render.clear_memory_cache()
    assert render.report_charts(content, "km") == charts  # disk cache


def test_a_missing_browser_is_a_chart_render_error(fresh, monkeypatch):
    monkeypatch.setenv("EGDI_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("EGDI_CHART_CACHE", "off")
    browser = render._Browser()
    monkeypatch.setattr(render, "_browser", browser)
    content = gather(layouts.views.snapshot.store(), "KHM", 2024)
    with pytest.raises(ChartRenderError, match=r"Chromium was not found \(EGDI_CHROMIUM=/nonexistent/chromium\)"):
        render.report_charts(content, "en")
