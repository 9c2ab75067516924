"""World Bank layouts, as downloaded from data.worldbank.org and DataBank, with no hand edits.

- **Bulk download** (CSV, the zip that holds it, Excel .xlsx or legacy .xls): "Data Source" and "Last Updated
  Date" lines, then `Country Name, Country Code, Indicator Name, Indicator Code, 1960, …`; aggregates mixed with
  countries (skipped by the shared matcher).
- **DataBank, series × years**: `Series Name, Series Code, Country Name, Country Code, 1990 [YR1990], …`, ".." for
  missing, footer lines ("Data from database: …", "Last Updated: …").
- **DataBank, time as rows**: `Time, Time Code, Country Name, Country Code, <series name> [<series code>], …`.
- **Single series, long**: `Country Name, Country Code, Year, Value` with no series column; the user names the
  series (`--indicator IT.CEL.SETS.P2`), or it is the WDI code in the file or folder name
  (`wdi-long/IT.CEL.SETS.P2/data.csv`).
Series are chosen by their code, never by a name without its unit (see `mappings`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from indicators.ingest.cells import blank_mask
from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish
from indicators.ingest.issues import Location, make_issue
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, normalise_header, split_at_header
from indicators.ingest.validate import Candidates, Checked, check_candidates
from indicators.ingest.wide_format import check_wide_sheet, header_year, preamble_source

BULK = ["country name", "country code", "indicator name", "indicator code"]
DATABANK = ["series name", "series code", "country name", "country code"]
TIME_ROWS = ["time", "time code", "country name", "country code"]
SINGLE = ["country name", "country code", "year", "value"]
WDI_CODE = re.compile(r"[A-Z]{2,3}(?:\.[A-Z0-9]{2,}){1,4}")
SERIES_IN_HEADER = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]\s*$")
SOURCE = "World Bank, World Development Indicators"


def _starts(header: list[str], fields: list[str]) -> bool:
    return [normalise_header(h) for h in header[: len(fields)]] == fields


def is_bulk_header(header: list[str]) -> bool:
    return _starts(header, BULK) and any(header_year(h) is not None for h in header)


def is_databank_header(header: list[str]) -> bool:
    return _starts(header, DATABANK) and any(header_year(h) is not None for h in header)


def is_time_rows_header(header: list[str]) -> bool:
    return _starts(header, TIME_ROWS) and len(header) > len(TIME_ROWS)


def is_single_series_header(header: list[str]) -> bool:
    return [normalise_header(h) for h in header if h] == SINGLE


def _sheets(raw: RawFile, is_header: Callable[[list[str]], bool]) -> list[tuple[Sheet, Sheet]]:
    return [(sheet, found) for sheet in raw.sheets if (found := split_at_header(sheet, is_header)) is not None]


def recognise(raw: RawFile) -> str | None:
    """Which World Bank layout `raw` holds: bulk, databank, databank_time, single; None when none."""
    for name, test in (("bulk", is_bulk_header), ("databank", is_databank_header), ("databank_time", is_time_rows_header)):
        if _sheets(raw, test):
            return name
    return "single" if any(is_single_series_header(s.header) for s in raw.sheets) else None


def _names(sheets: list[tuple[Sheet, Sheet]], positions: tuple[int, ...]) -> list[object]:
    names: list[object] = []
    for _, sheet in sheets:
        for position in positions:
            names += pd.unique(sheet.rows[position].to_numpy(dtype=object)).tolist()
    return names


def _time_rows_candidates(sheet: Sheet) -> Candidates:
    """Each non-empty cell of a series column of a DataBank export with time as rows."""
    rows = sheet.rows
    series_columns = [(p, SERIES_IN_HEADER.match(h)) for p, h in enumerate(sheet.header) if p >= len(TIME_ROWS) and h]
    parts = []
    years = np.array([header_year(str(t)) if header_year(str(t)) is not None else t for t in rows[1].to_numpy(dtype=object)], dtype=object)
    for position, match in series_columns:
        cells = rows[position].to_numpy(dtype=object)
        present = ~blank_mask(cells)
        series = match.group(2) if match else sheet.header[position]
        parts.append(
            pd.DataFrame(
                {
                    "row": rows.index.to_numpy()[present],
                    "entity": rows[2].to_numpy(dtype=object)[present],
                    "code": rows[3].to_numpy(dtype=object)[present],
                    "year": years[present],
                    "indicator": series,
                    "value": cells[present],
                    "value_pos": position,
                    "source": SOURCE,
                    "label": sheet.header[position],
                }
            )
        )
    frame = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["row", "entity", "code", "year", "indicator", "value", "value_pos", "source"])
    )
    return Candidates(sheet, frame.sort_values(["row", "value_pos"], kind="stable"), entity_pos=2, code_pos=3, year_pos=1)


def series_from_path(raw: RawFile) -> str | None:
    """The WDI code in the file name, else in the closest folder name ("wdi-long/IT.CEL.SETS.P2/data.csv")."""
    for part in [raw.path.stem, *(parent.name for parent in raw.path.parents)]:
        found = WDI_CODE.search(part)
        if found:
            return found.group(0)
    return None


def _single_candidates(sheet: Sheet, series: str) -> Candidates:
    rows = sheet.rows
    entity, code, year, value = ([normalise_header(h) for h in sheet.header].index(field) for field in SINGLE)
    frame = pd.DataFrame(
        {
            "row": rows.index.to_numpy(),
            "entity": rows[entity].to_numpy(dtype=object),
            "code": rows[code].to_numpy(dtype=object),
            "year": rows[year].to_numpy(dtype=object),
            "indicator": series,
            "value": rows[value].to_numpy(dtype=object),
            "value_pos": value,
            "source": SOURCE,
        }
    )
    return Candidates(sheet, frame, entity_pos=entity, code_pos=code, year_pos=year)


LAYOUT_NAMES = {
    "bulk": "worldbank_bulk",
    "databank": "worldbank_databank",
    "databank_time": "worldbank_databank_time",
    "single": "worldbank_single",
}


def load(raw: RawFile, options: LoadOptions) -> LoadResult:
    """Tidy rows of a World Bank download in any of the layouts of the module docstring."""
    file = raw.path.name
    kind = recognise(raw)
    layout = LAYOUT_NAMES.get(kind or "", "worldbank_bulk")
    if kind == "bulk" and raw.path.suffix.casefold() == ".zip":
        layout = "worldbank_bulk_zip"
    elif kind == "bulk" and raw.path.suffix.casefold() in (".xlsx", ".xls", ".xlsm"):
        layout = "worldbank_excel"
    checked: list[Checked] = []
    issues = []
    if kind in ("bulk", "databank"):
        sheets = _sheets(raw, is_bulk_header if kind == "bulk" else is_databank_header)
        register = options.register() or guess_register(_names(sheets, (0, 1) if kind == "bulk" else (2, 3)))
        checked = [
            check_wide_sheet(original, sheet, file, register, preamble_source(original, sheet.header_row) or SOURCE, options.earliest_year)
            for original, sheet in sheets
        ]
    elif kind == "databank_time":
        sheets = _sheets(raw, is_time_rows_header)
        register = options.register() or guess_register(_names(sheets, (2, 3)))
        checked = [
            check_candidates(_time_rows_candidates(sheet), file, register, earliest_year=options.earliest_year) for _, sheet in sheets
        ]
    else:
        sheets = [(s, s) for s in raw.sheets if is_single_series_header(s.header)]
        register = options.register() or guess_register(_names(sheets, (0,)))
        series = options.indicator or series_from_path(raw)
        if series is None:
            issues.append(make_issue("error", "series_unnamed", Location(file, sheets[0][1].name, sheets[0][1].header_row)))
        else:
            checked = [
                check_candidates(_single_candidates(sheet, series), file, register, earliest_year=options.earliest_year)
                for _, sheet in sheets
            ]
    return finish(
        raw, checked, issues, matched=bool(sheets), format="worldbank", entity_kind=register.kind, layout=layout, publisher="worldbank"
    )
