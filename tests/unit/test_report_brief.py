"""The PDF brief: its text as pdftotext reads it in English and Khmer, its page count, and the embedded fonts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from indicators.report import brief_html, build_brief, gather
from indicators.report.charts import CHARTS
from tests.unit.test_report_helpers import cambodia_2024, fake_renderer, pdf_fonts, pdf_pages, pdf_text, seeded_store, tiny_png


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    yield from seeded_store(tmp_path_factory)


@pytest.fixture(scope="module")
def cambodia(seeded):
    return cambodia_2024(seeded)


@pytest.fixture(scope="module")
def briefs(cambodia, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("brief")
    paths = {}
    for lang in ("en", "km"):
        paths[lang] = folder / f"brief-{lang}.pdf"
        paths[lang].write_bytes(build_brief(cambodia, lang, fake_renderer(cambodia, lang)))
    return paths


def test_the_english_brief_has_the_figures_messages_peers_targets_and_sources(briefs):
    path = briefs["en"]
    assert path.read_bytes().startswith(b"%PDF")
    assert 2 <= pdf_pages(path) <= 4
    text = " ".join(pdf_text(path).split())
    for expected in (
        "E-GOVERNMENT READINESS BRIEF",
        "Cambodia",
        "UN E-Government Survey 2024",
        "0.5754",
        "+0.0698 since 2022",
        "120",
        "up 7 since 2022",
        "of 11 members",
        "Key messages",
        "Since 2022, the EGDI rose by 0.0698 to 0.5754.",
        "0.1746 below the Very High group",
        "Only 11 countries are stored for 2024",
        "ASEAN members, 2024",
        "Singapore",
        "Targets and status",
        "EGDI in the Very High group by 2034",
        "On track",
        "Sources and method",
        "undesa-cambodia-asean.csv",
        "data/targets/digital-government-policy.yaml",
        "egdi-2024",
    ):
        assert expected in text, expected


def test_the_khmer_brief_is_khmer_with_khmer_digits_and_an_embedded_khmer_font(briefs):
    path = briefs["km"]
    assert 2 <= pdf_pages(path) <= 4
    text = pdf_text(path)
    assert "០.៥៧៥៤" in text and "១២០" in text and "២០២៤" in text
    assert "កម្ពុជា" in text and "សារសំខាន់ៗ" in text
    fonts = pdf_fonts(path)
    khmer = [line for line in fonts.splitlines() if "Khmer" in line]
    assert khmer and all(" yes " in line for line in khmer)  # embedded (emb yes)


def test_the_charts_go_in_as_png_images(cambodia):
    html = brief_html(cambodia, "en", fake_renderer(cambodia, "en"))
    assert html.count('src="data:image/png;base64,') == len(CHARTS)
    assert "<svg" not in html


def test_a_missing_chart_leaves_its_place_empty(cambodia, tmp_path):
    html = brief_html(cambodia, "en", {"trend": tiny_png()})
    assert html.count("data:image/png") == 1
    path = tmp_path / "brief.pdf"
    path.write_bytes(build_brief(cambodia, "en", {}))
    assert "Key messages" in pdf_text(path)


def test_text_from_the_store_is_escaped(cambodia):
    content = replace(cambodia, components=cambodia.components.assign(source="<script>alert(1)</script>"))
    html = brief_html(content, "en", {})
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_country_without_targets_says_so(seeded, tmp_path):
    content = gather(seeded, "THA", 2024)
    path = tmp_path / "brief.pdf"
    path.write_bytes(build_brief(content, "en", {}))
    text = " ".join(pdf_text(path).split())
    assert "No targets apply to Thailand" in text and "0.8351" in text


def test_codes_paths_and_checksums_stay_in_the_small_appendix(cambodia):
    html = brief_html(cambodia, "en", {})
    body, appendix = html.split('<section class="appendix">')
    assert "SHA-256" not in body and ".yaml" not in body and "bundled:" not in body and "egdi-2024" not in body
    assert "Method: the UN E-Government Survey 2024 method" in body
    bundled = cambodia.versions[cambodia.versions["user"] == "bundled data"]
    assert f"Bundled with this tool, {len(bundled)} versions added on" in body  # versions as people say them
    assert len(bundled) >= 2 and ".csv" not in body.split("Bundled with this tool")[1].split("</li>")[0]
    assert "data/methodology/egdi-2024.yaml, SHA-256" in appendix and "dataset bundled:undesa-cambodia-asean" in appendix
