"""Read wide tables with one column per year, as the World Bank and the ITU publish them.

One row per entity and indicator: an entity column (Country Name, Country Code, Economy, …), an indicator column
(Indicator Name, Indicator Code, Series Name, Series Code) and year columns ("2000", or "2000 [YR2000]" in
World Bank DataBank downloads). World Bank CSV downloads begin with "Data Source", "Last Updated Date" lines
above the real header: the header is the first row that looks like one, and the data source named above it
becomes each value's source.

Indicators map to ours through `data/mappings/indicator-aliases.csv`; the rows of other indicators are skipped
with one warning per indicator (downloads hold many series). Empty cells and ".." are missing values, not
errors. Regional aggregates and territories that are not UN Member States are skipped with one note.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from indicators.entities import EntityRegister
from indicators.ingest.cells import blank_mask, show
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.mappings import resolve_indicator
from indicators.ingest.readers import RawFile, Sheet, match_columns, normalise_header, preamble, read_file, split_at_header
from indicators.ingest.result import LoadResult
from indicators.ingest.validate import YEAR_RANGE, Candidates, check_candidates, finish, guess_register, refused

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


def _preamble_source(original: Sheet, header_row: int) -> str:
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


def _sheet_candidates(original: Sheet, sheet: Sheet, file: str) -> tuple[Candidates, list[Issue]]:
    columns = match_columns(sheet.header, WIDE_ALIASES)
    rows = sheet.rows
    issues: list[Issue] = []
    years = [(position, header_year(text)) for position, text in enumerate(sheet.header)]
    kept = [(p, y) for p, y in years if y is not None and YEAR_RANGE[0] <= y <= YEAR_RANGE[1]]
    ignored = [(p, y) for p, y in years if y is not None and not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]]

    def cells(field: str) -> np.ndarray:
        if field in columns:
            return rows[columns[field]].to_numpy(dtype=object)
        return np.full(len(rows), None, dtype=object)

    names, codes = cells("indicator"), cells("indicator_code")
    labels = [f"{show(n)} ({show(c)})" if show(n) and show(c) else show(n) or show(c) for n, c in zip(names, codes, strict=True)]
    mapped = np.array([resolve_indicator(c) or resolve_indicator(n) for n, c in zip(names, codes, strict=True)], dtype=object)
    block = rows[[p for p, _ in kept]].to_numpy(dtype=object) if kept else np.empty((len(rows), 0), dtype=object)
    present = ~blank_mask(block.ravel()).reshape(block.shape)
    has_data = present.any(axis=1)
    indicator_pos = columns.get("indicator", columns.get("indicator_code", -1))
    row_numbers = rows.index.to_numpy()

    unmapped: dict[str, list[int]] = {}
    for index in np.flatnonzero(has_data & (mapped == None)):  # noqa: E711 (element-wise comparison)
        label = labels[index]
        if not label:
            at = Location(file, sheet.name, int(row_numbers[index]), sheet.header[indicator_pos])
            issues.append(make_issue("error", "missing_value", at))
            continue
        unmapped.setdefault(label, []).append(int(row_numbers[index]))
    for label, where in unmapped.items():
        at = Location(file, sheet.name, where[0], sheet.header[indicator_pos])
        issues.append(make_issue("warning", "unmapped_indicator", at, value=label, count=len(where)))

    use = has_data & (mapped != None)  # noqa: E711
    if ignored:
        outside = rows.loc[use, [p for p, _ in ignored]].to_numpy(dtype=object)
        if outside.size and (~blank_mask(outside.ravel())).any():
            listed = ", ".join(sheet.header[p] for p, _ in ignored)
            at = Location(file, sheet.name, sheet.header_row, sheet.header[ignored[0][0]])
            issues.append(make_issue("warning", "years_ignored", at, value=listed, min=YEAR_RANGE[0], max=YEAR_RANGE[1], columns=listed))

    chosen = present & use[:, None]
    row_index, year_index = np.nonzero(chosen)
    positions = np.array([p for p, _ in kept], dtype=np.int64)
    year_values = np.array([y for _, y in kept], dtype=object)
    source = _preamble_source(original, sheet.header_row)
    sources = cells("source")
    frame = pd.DataFrame(
        {
            "row": row_numbers[row_index],
            "entity": cells("entity")[row_index],
            "code": cells("entity_code")[row_index],
            "year": year_values[year_index] if kept else np.array([], dtype=object),
            "indicator": mapped[row_index],
            "value": block[row_index, year_index],
            "value_pos": positions[year_index] if kept else np.array([], dtype=np.int64),
            "source": [show(s) or source for s in sources[row_index]],
        }
    )
    candidates = Candidates(sheet, frame, entity_pos=columns.get("entity", -1), code_pos=columns.get("entity_code", -1))
    return candidates, issues


def wide_from_raw(raw: RawFile, register: EntityRegister | None = None) -> LoadResult:
    """Tidy rows from every sheet of a file that holds a wide year-column table. Without a register, the country
    or province register is chosen from the entity names."""
    file = raw.path.name
    matching = wide_sheets(raw)
    register = register or guess_register(entity_names(raw))
    issues: list[Issue] = []
    parts = []
    if not matching:
        first = raw.sheets[0]
        found = ", ".join(h for h in first.header if h)
        present = match_columns(first.header, WIDE_ALIASES)
        missing = []
        if "entity" not in present and "entity_code" not in present:
            missing.append("Country Name")
        if "indicator" not in present and "indicator_code" not in present:
            missing.append("Indicator Name")
        if not any(header_year(h) is not None for h in first.header):
            missing.append("2000, 2001, …")
        for label in missing:
            issues.append(make_issue("error", "missing_column", Location(file, first.name, first.header_row, label), found=found))
    for original, sheet in matching:
        candidates, sheet_issues = _sheet_candidates(original, sheet, file)
        tidy, checked = check_candidates(candidates, file, register)
        parts.append(tidy)
        issues += sheet_issues + checked
    return finish(raw, parts, issues, matched=bool(matching), format="wide", entity_kind=register.kind)


def read_wide(path: str, register: EntityRegister | None = None) -> LoadResult:
    """Read a wide year-column table from a CSV or XLSX file (nothing is kept when there are errors)."""
    raw, issues = read_file(path)
    if raw is None:
        return refused(path, issues, "wide")
    return wide_from_raw(raw, register)
