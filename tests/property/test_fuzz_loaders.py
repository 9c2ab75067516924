"""Whatever bytes arrive, `load_file` returns a LoadResult: random bytes, cut or mutated workbooks, random cells,
shuffled headers and wrong types never raise."""

import datetime as dt
import io
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.catalogue import load_catalogue
from indicators.ingest.issues import SEVERITIES, has_errors
from indicators.ingest.loaders import load_file
from indicators.ingest.result import LoadResult
from indicators.ingest.template import write_template
from indicators.ingest.validate import LONG_COLUMNS

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
HEADER_WORDS = [
    "entity", "country", "Country Name", "Country Code", "province", "year", "Year", "indicator", "Indicator Name", "Series Code",
    "value", "source", "Survey Year", "E-Government Index", "Online Service Index", "Human Capital Index",
    "Telecommunication Infrastructure Index", "2000", "2021 [YR2021]", "2022", "1985", "Internet users [internet_users_pct]",
    "[osi_score]", "[unknown_code]", "", "ខេត្ត", "ឆ្នាំ",
]  # fmt: skip
CELL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
CELLS = st.one_of(
    st.none(),
    CELL_TEXT,
    st.sampled_from(["Cambodia", "KHM", "Siem Reap", "World", "internet_users_pct", "IT.NET.USER.ZS", "..", "n/a", "2022", "1e999", "-0"]),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)


def _check(result: object) -> None:
    assert isinstance(result, LoadResult)
    assert list(result.tidy.columns) == LONG_COLUMNS
    for issue in result.issues:
        assert issue.severity in SEVERITIES and issue.message and issue.message_km
    if has_errors(result.issues):
        assert result.tidy.empty
    else:
        catalogue = load_catalogue()
        for code, value in zip(result.tidy["indicator"], result.tidy["value"], strict=True):
            assert catalogue[code].min <= value <= catalogue[code].max


def _load(data: bytes, suffix: str) -> LoadResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        return load_file(path)


@lru_cache(maxsize=1)
def _filled_template() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(Path(folder) / "t.xlsx")
        book = openpyxl.load_workbook(path)
        sheet = book["Telecom infrastructure"]
        for row, (name, value) in enumerate([("Cambodia", 56.7), ("Thailand", 88), ("Viet Nam", 79.1)], start=2):
            sheet.cell(row, 1, name), sheet.cell(row, 2, 2022), sheet.cell(row, 3, value)
        book.save(path)
        return path.read_bytes()


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@given(st.binary(max_size=4096), st.sampled_from([".csv", ".xlsx", ".xlsm"]))
@SETTINGS
def test_random_bytes(data: bytes, suffix: str):
    _check(_load(data, suffix))


@given(st.data())
@SETTINGS
def test_cut_and_mutated_workbooks(data: st.DataObject):
    original = _filled_template()
    cut = data.draw(st.integers(0, len(original)))
    mutated = bytearray(original[:cut] if data.draw(st.booleans()) else original)
    for _ in range(data.draw(st.integers(0, 8))):
        if mutated:
            mutated[data.draw(st.integers(0, len(mutated) - 1))] = data.draw(st.integers(0, 255))
    _check(_load(bytes(mutated), ".xlsx"))


@given(st.data())
@SETTINGS
def test_mutated_members_of_a_valid_zip(data: st.DataObject):
    """Each member's XML is cut or garbled but the zip itself stays valid, so calamine has to parse the damage."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_filled_template())) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if data.draw(st.booleans()):
                content = content[: data.draw(st.integers(0, len(content)))] + data.draw(st.binary(max_size=40))
            target.writestr(info.filename, content)
    _check(_load(buffer.getvalue(), ".xlsx"))


@given(
    st.lists(st.sampled_from(HEADER_WORDS), min_size=1, max_size=8),
    st.lists(st.lists(CELLS, max_size=9), max_size=12),
    st.integers(0, 3),
)
@SETTINGS
def test_random_cells_under_shuffled_headers_in_a_workbook(header: list[str], rows: list[list[object]], blank_lines: int):
    _check(_load(_workbook([[], *([[None]] * blank_lines), header, *rows]), ".xlsx"))


@given(
    st.lists(st.sampled_from(HEADER_WORDS), min_size=1, max_size=8),
    st.lists(st.lists(CELLS.map(lambda c: "" if c is None else str(c)), max_size=9), max_size=12),
    st.sampled_from([",", ";", "\t"]),
)
@SETTINGS
def test_random_csv(header: list[str], rows: list[list[str]], separator: str):
    def line(cells: list[str]) -> str:
        return separator.join('"' + c.replace('"', '""') + '"' for c in cells)

    text = "\n".join(line(r) for r in [header, *rows]) + "\n"
    _check(_load(text.encode("utf-8"), ".csv"))


@given(st.lists(st.tuples(st.integers(2, 30), st.integers(1, 8), CELLS), max_size=25))
@SETTINGS
def test_wrong_types_in_a_template(edits: list[tuple[int, int, object]]):
    book = openpyxl.load_workbook(io.BytesIO(_filled_template()))
    sheet = book["Telecom infrastructure"]
    for row, column, value in edits:
        sheet.cell(row, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    _check(_load(buffer.getvalue(), ".xlsx"))
