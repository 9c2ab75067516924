import shutil
from pathlib import Path

import openpyxl
import pytest

from indicators.ingest.published import read_published
from indicators.method.results import published_table
from tests.conftest import FIXTURES

PUBLISHED = FIXTURES / "published"

# One defect per fixture file: (file, severity, code, row, column, value, text in the English message)
DEFECTS = [
    ("unknown_country.csv", "unknown_entity", 3, "Country Name", "Cambodai", "Unknown country 'Cambodai'. Did you mean: Cambodia"),
    ("text_in_number.csv", "not_a_number", 3, "Online Service Index", "high", "'high' is not a number."),
    ("bad_year.csv", "bad_year", 3, "Survey Year", "20222", "Year '20222' is not a year between 2001 and 2100."),
    ("missing_column.csv", "missing_column", 1, "Online Service Index", "", "Required column 'Online Service Index' is missing"),
    ("duplicate_country.csv", "duplicate_country", 4, "Country Name", "", "Cambodia appears more than once in edition 2022 (rows 2, 4)."),
    ("negative_index.csv", "out_of_range", 2, "Telecommunication Infrastructure Index", "-0.5605", "outside the valid range 0–1"),
    ("header_only.csv", "empty_file", None, "", "", "The file has no data rows."),
    ("empty_value.csv", "missing_value", 2, "E-Government Index", "", "The value is empty."),
    ("not_a_workbook.xlsx", "unreadable_file", None, "", "", "it is not an Excel workbook"),
    ("binary_named_csv.csv", "unreadable_file", None, "", "", "it is a binary file, not text."),
]


@pytest.mark.parametrize(("name", "code", "row", "column", "value", "text"), DEFECTS)
def test_each_defect_is_reported_where_a_person_would_look(name, code, row, column, value, text):
    result = read_published(str(PUBLISHED / name))
    errors = [i for i in result.issues if i.severity == "error"]
    assert [i.code for i in errors] == [code]
    issue = errors[0]
    assert (issue.file, issue.row, issue.column, issue.value) == (name, row, column, value)
    assert text in issue.message
    assert issue.message_km and issue.message_km != issue.message
    assert result.tidy.empty and not result.ok


def test_header_variants_and_iso3_codes_are_understood():
    result = read_published(str(PUBLISHED / "variant_header_iso3.csv"))
    assert result.ok, result.issues
    table = published_table(result.tidy).set_index("iso3")
    assert table.loc["KHM", "country"] == "Cambodia"
    assert table.loc["KHM", "rank_published"] == 127 and table.loc["THA", "rank"] == 1
    provenance = result.tidy.query("entity == 'KHM' and indicator == 'osi'").iloc[0]
    assert (provenance["row"], provenance["column"], provenance["source"]) == (2, "osi", "variant_header_iso3.csv")


def test_missing_file_and_wrong_extension(tmp_path: Path):
    assert read_published(str(tmp_path / "nothere.csv")).issues[0].code == "file_not_found"
    odd = tmp_path / "results.ods"
    odd.write_text("x")
    issue = read_published(str(odd)).issues[0]
    assert issue.code == "unsupported_format" and "Accepted: .csv, .xlsx" in issue.message


def _xlsx_from_csv(source: Path, target: Path, sheet: str = "EGDI 2022") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for line in source.read_text(encoding="utf-8").splitlines():
        cells = [c.strip('"') for c in line.split(",")]
        ws.append([float(c) if c.replace(".", "", 1).isdigit() else c for c in cells])
    book.save(target)
    return target


def test_a_workbook_reads_like_the_csv(tmp_path: Path):
    source = PUBLISHED / "variant_header_iso3.csv"
    workbook = _xlsx_from_csv(source, tmp_path / "results.xlsx")
    from_csv, from_xlsx = read_published(str(source)), read_published(str(workbook))
    assert from_xlsx.ok
    assert from_xlsx.tidy[["entity", "year", "indicator", "value"]].equals(from_csv.tidy[["entity", "year", "indicator", "value"]])
    assert set(from_xlsx.tidy["sheet"]) == {"EGDI 2022"}


def test_a_truncated_workbook_is_refused_cleanly(tmp_path: Path):
    good = _xlsx_from_csv(PUBLISHED / "variant_header_iso3.csv", tmp_path / "good.xlsx")
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    issue = read_published(str(truncated)).issues[0]
    assert issue.code == "unreadable_file" and "damaged or truncated" in issue.message


def test_a_zip_bomb_is_refused_before_decompression(tmp_path: Path):
    import time
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (400 * 1024 * 1024))
    started = time.perf_counter()
    issue = read_published(str(bomb)).issues[0]
    assert time.perf_counter() - started < 2.0
    assert issue.code == "unreadable_file" and "refused as unsafe" in issue.message


def test_reference_quirks(reference_dir: Path, tmp_path: Path):
    result = read_published(str(reference_dir / "EGOV_DATA_2003.csv"))
    assert result.ok
    not_assessed = sorted(i.message.split(" was")[0] for i in result.issues if i.code == "not_assessed")
    assert not_assessed == ["Montenegro", "South Sudan"]
    assert not {"MNE", "SSD"} & set(result.tidy["entity"])
    anomalies = result.tidy[result.tidy["flags"] == "source_anomaly"]
    assert sorted(anomalies["entity"]) == ["FSM", "TUV"]
    assert anomalies.set_index("entity").loc["FSM", "value"] == pytest.approx(1.422, abs=1e-3)
    copy = shutil.copy(reference_dir / "EGOV_DATA_2022.csv", tmp_path / "EGOV_DATA_2022.csv")
    assert read_published(str(copy)).checksum == read_published(str(reference_dir / "EGOV_DATA_2022.csv")).checksum
