import struct
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from indicators.ingest import readers
from indicators.ingest.loaders import load_file
from indicators.ingest.readers import read_file
from indicators.ingest.sheets import preamble, split_at_header


def _workbook(path: Path, rows: list[list[object]], title: str = "Data") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _rewrite(source: Path, target: Path, member: str, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, change(data) if info.filename == member else data)
    return target


def _lie_about_size(path: Path, member: str, size: int = 1000) -> None:
    """Write a false uncompressed size for `member` into both its local header and the central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    struct.pack_into("<L", data, info.header_offset + 22, size)
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        length = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + length]) == member.encode():
            struct.pack_into("<L", data, position + 24, size)
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))


def test_the_header_is_found_below_title_lines_and_row_numbers_stay_as_excel_shows_them(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text('"Data Source","WDI",\n\n"Last Updated Date","2024-12-16",\n\nentity,indicator,value\nKHM,x,1\n\nTHA,x,2\n')
    raw, issues = read_file(path)
    assert raw is not None and not issues
    sheet = raw.sheets[0]
    assert (sheet.header_row, sheet.header[:2]) == (1, ["Data Source", "WDI"])
    found = split_at_header(sheet, lambda header: "entity" in header)
    assert found is not None
    assert (found.header_row, found.header, found.rows.index.tolist()) == (5, ["entity", "indicator", "value"], [6, 8])
    assert found.rows.loc[8].tolist() == ["THA", "x", "2"]
    assert preamble(sheet, 5) == [["Data Source", "WDI", ""], ["Last Updated Date", "2024-12-16", ""]]
    assert split_at_header(sheet, lambda header: "nothing" in header) is None


def test_numeric_header_cells_read_as_whole_numbers(tmp_path: Path):
    raw, _ = read_file(_workbook(tmp_path / "w.xlsx", [["Country", 2021, 2022.0, 2.5]]))
    assert raw is not None and raw.sheets[0].header == ["Country", "2021", "2022", "2.5"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("entity,value\nCôte d'Ivoire,1\n".encode("cp1252"), ["Côte d'Ivoire", "1"]),
        ("\ufeffentity;value\nកម្ពុជា;1,5\n".encode(), ["កម្ពុជា", "1,5"]),
        ("entity\tvalue\nកម្ពុជា\t1\n".encode("utf-16"), ["កម្ពុជា", "1"]),
        (b"entity,value\n\x81\x8d,1\n", ["\x81\x8d", "1"]),  # not cp1252: read as latin-1 rather than fail
    ],
)
def test_csv_encodings_and_separators(tmp_path: Path, content: bytes, expected: list[str]):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    raw, issues = read_file(path)
    assert not issues and raw is not None
    assert raw.sheets[0].header == ["entity", "value"] and raw.sheets[0].rows.iloc[0].tolist() == expected


def test_formulas_are_never_evaluated_their_cached_value_is_read(tmp_path: Path):
    path = _workbook(tmp_path / "f.xlsx", [["entity", "indicator", "value"], ["KHM", "internet_users_pct", 1]])
    cached = _rewrite(
        path,
        tmp_path / "cached.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<c r="C2" t="n"><v>1</v></c>', b'<c r="C2"><f>WEBSERVICE("http://example.org")+1</f><v>56.7</v></c>'),
    )
    result = load_file(cached)
    assert result.ok and result.tidy["value"].tolist() == [56.7]


def test_macros_in_an_xlsm_are_ignored(tmp_path: Path):
    path = _workbook(tmp_path / "m.xlsx", [["entity", "indicator", "value"], ["KHM", "internet_users_pct", 56.7]])
    target = tmp_path / "m.xlsm"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info.filename))
        new.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b'Sub AutoOpen(): Shell "calc": End Sub' * 10)
    result = load_file(target)
    assert result.ok and result.tidy["value"].tolist() == [56.7]


def test_a_zip_bomb_with_false_sizes_is_refused_quickly(tmp_path: Path):
    path = _workbook(tmp_path / "b.xlsx", [["entity", "indicator", "value"]])
    bomb = _rewrite(path, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", lambda xml: b"<a>" + b" " * (200 * 2**20) + b"</a>")
    _lie_about_size(bomb, "xl/worksheets/sheet1.xml")
    started = time.perf_counter()
    issue = load_file(bomb).issues[0]
    assert time.perf_counter() - started < 2.0
    assert issue.code == "unreadable_file" and "refused as unsafe" in issue.message
    assert "មិនមានសុវត្ថិភាព" in issue.message_km and "refused" not in issue.message_km


def test_one_stray_cell_far_away_is_refused_before_calamine_lays_out_the_sheet(tmp_path: Path):
    # calamine would allocate every cell from A1 to XFD1048576 (17 billion) and abort the whole process
    book = openpyxl.Workbook()
    book.active["A1"], book.active["XFD1048576"] = "entity", 1
    book.save(tmp_path / "far.xlsx")
    issue = load_file(tmp_path / "far.xlsx").issues[0]
    assert issue.code == "unreadable_file" and "1048576 rows × 16384 columns" in issue.message


def test_cell_references_in_any_spelling_are_counted(tmp_path: Path):
    path = _workbook(tmp_path / "s.xlsx", [["entity"]])
    odd = _rewrite(
        path,
        tmp_path / "odd.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</sheetData>", b"<row r = '900000'><x:c r = 'ZZ900000' t='n'><x:v>1</x:v></x:c></row></sheetData>"),
    )
    issue = load_file(odd).issues[0]
    assert issue.code == "unreadable_file" and "900000 rows × 702 columns" in issue.message


def test_a_truncated_workbook_and_other_zips(tmp_path: Path):
    good = _workbook(tmp_path / "g.xlsx", [["entity", "indicator", "value"], ["KHM", "internet_users_pct", 1]])
    truncated = tmp_path / "t.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size - 200])
    assert "damaged or truncated" in load_file(truncated).issues[0].message
    document = tmp_path / "report.xlsx"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "ZIP archive with no workbook inside" in load_file(document).issues[0].message
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "password-protected or in a format older than Excel 97" in load_file(old).issues[0].message


def test_an_encrypted_zip_member_is_refused(tmp_path: Path):
    path = _workbook(tmp_path / "e.xlsx", [["entity"]])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<H", data, info.header_offset + 6, info.flag_bits | 1)
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        length = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + length]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<H", data, position + 8, info.flag_bits | 1)
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))
    assert "encrypted" in load_file(path).issues[0].message


def test_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "big.csv"
    path.write_text("entity,indicator,value\n" + "KHM,internet_users_pct,1\n" * 100)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    issue = load_file(path).issues[0]
    assert "it is 0.002 MiB; the limit is 0.001 MiB." in issue.message and "ដែនកំណត់" in issue.message_km
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 10**6)
    monkeypatch.setattr(readers, "MAX_CSV_CELLS", 30)
    assert "more than the 30 cells allowed" in load_file(path).issues[0].message


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (51 * 2**20, ("51 MiB", "50 MiB")),
        (50 * 2**20 + 2**14, ("50.02 MiB", "50.00 MiB")),
        (50 * 2**20 + 1, ("52,428,801 bytes", "52,428,800 bytes")),
    ],
)
def test_a_size_never_reads_the_same_as_the_limit_it_exceeds(size: int, shown: tuple[str, str]):
    assert readers.size_texts(size, 50 * 2**20) == shown


def test_hidden_and_extra_sheets_do_not_disturb(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["These are my notes"])
    data = book.create_sheet("Data")
    data.append(["entity", "year", "indicator", "value"])
    data.append(["KHM", 2022, "internet_users_pct", 56.7])
    book.create_sheet("Empty")
    book.save(tmp_path / "w.xlsx")
    result = load_file(tmp_path / "w.xlsx")
    assert result.ok and result.tidy[["sheet", "row"]].values.tolist() == [["Data", 2]]


def _sheet_xml(rows: bytes) -> bytes:
    return b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"


def _inline(*texts: str) -> bytes:
    return b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % t.encode() for t in texts)


def test_cells_and_rows_without_references_are_laid_out_and_bounded(tmp_path: Path):
    base = _workbook(tmp_path / "base.xlsx", [["x"]])
    header = b"<row>" + _inline("entity", "year", "indicator", "value") + b"</row>"
    body = b"".join(
        b"<row>" + _inline("KHM", str(2000 + i), "internet_users_pct") + b"<c><v>%d</v></c></row>" % (40 + i) for i in range(20)
    )
    plain = _rewrite(base, tmp_path / "plain.xlsx", "xl/worksheets/sheet1.xml", lambda _: _sheet_xml(header + body))
    result = load_file(plain, entity_kind="country")
    assert result.ok, result.issues
    assert result.tidy[["year", "value", "row"]].values.tolist()[::19] == [[2000, 40.0, 2], [2019, 59.0, 21]]
    one_wide_row = _sheet_xml(b"<row>" + b"<c/>" * 2_100_000 + b"</row>")
    wide = _rewrite(base, tmp_path / "wide.xlsx", "xl/worksheets/sheet1.xml", lambda _: one_wide_row)
    issue = load_file(wide).issues[0]
    assert issue.code == "unreadable_file" and "at least 1 rows × 20" in issue.message


def test_a_workbook_needing_an_unsupported_zip_version_is_refused(tmp_path: Path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buffer.getvalue())
    data[4] = 64  # "version needed to extract" 6.4 in the local header: zipfile raises NotImplementedError
    path = tmp_path / "future.xlsx"
    path.write_bytes(bytes(data))
    raw, issues = read_file(path)
    assert raw is None and [i.code for i in issues] == ["unreadable_file"]
    assert "damaged" in issues[0].message
