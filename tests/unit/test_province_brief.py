"""The province brief (indicators.report.province, province_brief) and `report --province`: hand-computed content,
the FICTIONAL label wherever demonstration data is involved, both languages, located errors."""

from pathlib import Path

import pytest

from indicators.cli import main
from indicators.cli.common import EXIT_REFUSED, EXIT_USAGE
from indicators.report import ReportError
from indicators.report.province import gather_province
from indicators.report.province_brief import build_province_brief, messages, province_brief_html
from indicators.store import Store
from tests.unit.provinces_data import Q, assessment, empty_store, imported
from tests.unit.test_report_helpers import pdf_fonts, pdf_text


@pytest.fixture
def real_store(tmp_path: Path) -> Store:
    if_codes = [item.code for item in Q.criterion("IF").indicators]
    first = assessment(tmp_path, 2023, {"D": if_codes[:2], "F": if_codes}, "2023")
    second = assessment(tmp_path, 2025, {"D": [*if_codes[:6], "CP01"], "F": if_codes}, "2025")
    return imported(empty_store(tmp_path), first, second)


def test_the_content_of_a_real_assessment_is_computed_by_hand(real_store: Store):
    report = gather_province(real_store, "Banteay Meanchey")
    assert (report.code, report.year, report.previous_year, report.fictional_answers) == ("KH-1", 2025, 2023, False)
    assert report.fictional_panels  # no provincial panel value is stored: the demonstration values are shown, labelled
    assert (report.rank, report.ranked) == (2, 2)
    assert report.overall["points"] == 7 and report.overall["score"] == pytest.approx(7 / 86)
    # strongest IF 6/8; the weakest of the equal zeros is the first in questionnaire order (SP);
    # the middle level needs more than 0.25 × 86 = 21.5 indicators, so 22: 15 more than 7
    assert messages(report, "en") == [
        "Strongest criterion: Institutional framework (0.75); weakest: Services provision (0.00).",
        "15 more indicators would lift the overall score to the Middle level (above 0.25).",
    ]
    assert messages(report, "km")[1] == "សូចនាករ ១៥ បន្ថែមទៀតនឹងលើកពិន្ទុសរុបដល់កម្រិតមធ្យម (លើស ០.២៥)។"


def test_the_html_has_the_cards_tables_and_labels_only_the_fictional_part(real_store: Store):
    html = province_brief_html(gather_province(real_store, "KH-1", 2025), "en", {})
    assert "Banteay Meanchey" in html and "FICTIONAL DEMONSTRATION DATA" not in html
    assert html.count("FICTIONAL DEMONSTRATION VALUES") == 1 and html.index("FICTIONAL DEMONSTRATION VALUES") > html.index("Connectivity")
    assert "of 2 provinces assessed" in html and "+0.06 since 2023" in html and "7 / 86" in html
    assert "Indicators not found on the portal" in html and "IF07" in html and "IF01</td>" not in html
    assert "56 are this project&#x27;s own" in html and "17 are named in the UN&#x27;s 2022 list" in html


def test_demonstration_data_is_labelled_fictional_in_both_languages(tmp_path: Path):
    report = gather_province(empty_store(tmp_path), "Siem Reap")
    assert report.fictional_answers and report.fictional_panels and report.year == 2025
    assert "FICTIONAL DEMONSTRATION DATA" in province_brief_html(report, "en", {})
    assert "ទិន្នន័យសាកល្បងប្រឌិត" in province_brief_html(report, "km", {})


def test_unknown_provinces_and_years_without_an_assessment_are_refused_in_both_languages(real_store: Store):
    with pytest.raises(ReportError) as unknown:
        gather_province(real_store, "Siem Rep")
    assert unknown.value.message("en") == "unknown province 'Siem Rep'. Did you mean: Siem Reap?"
    with pytest.raises(ReportError) as no_year:
        gather_province(real_store, "KH-1", 2024)
    assert no_year.value.message("en") == "no portal assessment is stored for Banteay Meanchey in 2024. Years with one: 2023, 2025."
    assert "បន្ទាយមានជ័យ" in no_year.value.message("km")
    with pytest.raises(ReportError, match="Years with one: –"):
        gather_province(real_store, "KH-12")


def test_the_pdf_embeds_the_khmer_font_and_says_fictional(tmp_path: Path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(build_province_brief(gather_province(empty_store(tmp_path), "KH-17"), "km"))
    assert "Khmer" in pdf_fonts(path)
    assert "ទិន្នន័យសាកល្បងប្រឌិត" in pdf_text(path).replace(" ", "")


def test_report_command_for_a_province(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "egdi.sqlite")
    out = tmp_path / "kep.pdf"
    assert main(["report", "--db", db, "--province", "Kep", "--output", str(out)]) == 0
    assert "Wrote the province brief on Kep, assessment 2025 (FICTIONAL demonstration data) (en)" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["report", "--db", db, "--province", "Kep", "--output", str(tmp_path / "kep.xlsx")]) == EXIT_USAGE
    assert main(["report", "--db", db, "--province", "Kep", "--edition", "2024", "--output", str(out)]) == EXIT_REFUSED
    assert main(["report", "--db", db, "--province", "Atlantis", "--output", str(out)]) == EXIT_USAGE
    assert "unknown province 'Atlantis'" in capsys.readouterr().err
