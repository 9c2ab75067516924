"""Wide tables with one column per year: one row per entity and series, as the World Bank and the ITU publish them.

An entity column (Country Name, Country Code, Economy, …), a series column (Indicator Name, Indicator Code,
Series Name, Series Code) and year columns ("2000", or "2000 [YR2000]" in World Bank DataBank downloads). The
header may sit below title lines; a "Data Source" named above it becomes each value's source. Every non-empty
cell of a year column is a candidate value; the shared validator maps and checks them (see `validate`), and sets
aside values of years before 1990 with one note.

`wide_candidates` is shared with the publisher layouts that are wide tables too (World Bank, ITU price baskets).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from indicators.entities import EntityRegister
from indicators.ingest.cells import blank_mask, show
from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, match_columns, normalise_header, preamble, split_at_header
from indicators.ingest.validate import Candidates, Checked, check_candidates
from indicators.ingest.value_checks import YEAR_RANGE

WIDE_ALIASES: dict[str, tuple[str, ...]] = {
    "entity": (
        "country name",
        "country",
        "economy",
        "economy name",
        "entity",
        "entity name",
        "country or area",
        "reference area",
        "area",
        "province",
    ),
    "entity_code": ("country code", "iso3", "iso 3", "iso3 code", "iso code", "economy code", "entity code", "country iso3 code"),
    "indicator": ("indicator name", "indicator", "series name", "series", "indicator label"),
    "indicator_code": ("indicator code", "series code", "indicator id"),
    "source": ("source", "data source"),
}
YEAR_HEADER = re.compile(r"(?:yr)?(\d{4})(?:\.0+)?(?:\s*\[yr\d{4}\])?")


def header_year(text: str) -> int | None:
    """The year a column header stands for: "2000", "2000.0", "2000 [YR2000]", "YR2000"; else None."""
    match = YEAR_HEADER.fullmatch(str(text).strip().casefold())
    return int(match.group(1)) if match else None


def is_wide_header(header: list[str]) -> bool:
    columns = match_columns(header, WIDE_ALIASES)
    has_entity = "entity" in columns or "entity_code" in columns
    has_indicator = "indicator" in columns or "indicator_code" in columns
    return has_entity and has_indicator and any(header_year(h) is not None for h in header)


def wide_sheets(raw: RawFile) -> list[tuple[Sheet, Sheet]]:
    """(as read, split at its header) for each sheet of `raw` that holds a wide table."""
    return [(sheet, found) for sheet in raw.sheets if (found := split_at_header(sheet, is_wide_header)) is not None]


def preamble_source(original: Sheet, header_row: int) -> str:
    """The "Data Source" named above the header of a World Bank download ("World Development Indicators")."""
    for cells in preamble(original, header_row):
        texts = [c for c in cells if c]
        if len(texts) >= 2 and normalise_header(texts[0]) == "data source":
            return texts[1]
    return ""


def entity_names(raw: RawFile) -> list[object]:
    """Entity names and codes of every wide sheet (to choose a register)."""
    names: list[object] = []
    for _, sheet in wide_sheets(raw):
        columns = match_columns(sheet.header, WIDE_ALIASES)
        for field in ("entity", "entity_code"):
            if field in columns:
                names += sheet.rows[columns[field]].tolist()
    return names


def wide_candidates(
    sheet: Sheet, *, entity_pos: int, code_pos: int, series_pos: int, name_pos: int, source: str = "", source_pos: int = -1
) -> Candidates:
    """Every non-empty cell of a year column as a candidate (the validator sets aside years before 1990). The series
    is the code column's cell where there is one (the name is tried only when the code is not known), else the name
    column's; positions are -1 when absent."""
    rows = sheet.rows
    kept = [(p, y) for p, y in ((p, header_year(t)) for p, t in enumerate(sheet.header)) if y is not None]

    def cells(position: int) -> np.ndarray:
        return rows[position].to_numpy(dtype=object) if position >= 0 else np.full(len(rows), None, dtype=object)

    names, codes = cells(name_pos), cells(series_pos)
    series = np.where(blank_mask(codes), names, codes)
    labels = np.array(
        [f"{show(n)} ({show(c)})" if show(n) and show(c) else show(n) or show(c) for n, c in zip(names, codes, strict=True)], dtype=object
    )
    block = rows[[p for p, _ in kept]].to_numpy(dtype=object) if kept else np.empty((len(rows), 0), dtype=object)
    present = ~blank_mask(block.ravel()).reshape(block.shape)
    row_index, year_index = np.nonzero(present)
    positions = np.array([p for p, _ in kept], dtype=np.int64)
    year_values = np.array([y for _, y in kept], dtype=object)
    sources = cells(source_pos)
    source_texts = (
        np.array([show(s) or source for s in sources], dtype=object) if source_pos >= 0 else np.full(len(rows), source, dtype=object)
    )
    frame = pd.DataFrame(
        {
            "row": rows.index.to_numpy()[row_index],
            "entity": cells(entity_pos)[row_index],
            "code": cells(code_pos)[row_index],
            "year": year_values[year_index] if kept else np.array([], dtype=object),
            "indicator": series[row_index],
            "value": block[row_index, year_index],
            "value_pos": positions[year_index] if kept else np.array([], dtype=np.int64),
            "source": source_texts[row_index],
            "label": labels[row_index],
            "name": names[row_index],
        }
    )
    indicator_pos = series_pos if series_pos >= 0 else name_pos
    return Candidates(sheet, frame, entity_pos=entity_pos, code_pos=code_pos, indicator_pos=indicator_pos)


def check_wide_sheet(
    original: Sheet, sheet: Sheet, file: str, register: EntityRegister, source: str = "", earliest_year: int = YEAR_RANGE[0]
) -> Checked:
    """Candidates of a wide sheet found by WIDE_ALIASES, checked."""
    columns = match_columns(sheet.header, WIDE_ALIASES)
    candidates = wide_candidates(
        sheet,
        entity_pos=columns.get("entity", -1),
        code_pos=columns.get("entity_code", -1),
        series_pos=columns.get("indicator_code", -1),
        name_pos=columns.get("indicator", -1),
        source=source or preamble_source(original, sheet.header_row),
        source_pos=columns.get("source", -1),
    )
    return check_candidates(candidates, file, register, earliest_year)


def missing_wide_columns(first: Sheet, file: str) -> list[Issue]:
    """Errors naming what a wide table needs and the sheet lacks."""
    found = ", ".join(h for h in first.header if h)
    present = match_columns(first.header, WIDE_ALIASES)
    missing = []
    if "entity" not in present and "entity_code" not in present:
        missing.append("Country Name")
    if "indicator" not in present and "indicator_code" not in present:
        missing.append("Indicator Name")
    if not any(header_year(h) is not None for h in first.header):
        missing.append("2000, 2001, …")
    return [make_issue("error", "missing_column", Location(file, first.name, first.header_row, label), found=found) for label in missing]


def wide_from_raw(raw: RawFile, register: EntityRegister | None = None, options: LoadOptions | None = None) -> LoadResult:
    """Tidy rows from every sheet of a file that holds a wide year-column table. Without a register, the country
    or province register is chosen from the entity names."""
    options = options or LoadOptions()
    file = raw.path.name
    matching = wide_sheets(raw)
    register = register or options.register() or guess_register(entity_names(raw))
    issues = [] if matching else missing_wide_columns(raw.sheets[0], file)
    checked = [check_wide_sheet(original, sheet, file, register, earliest_year=options.earliest_year) for original, sheet in matching]
    return finish(raw, checked, issues, matched=bool(matching), format="wide", entity_kind=register.kind, layout="wide")
