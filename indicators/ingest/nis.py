"""Cambodia National Institute of Statistics province tables: one row per province, one column per measure.

For example the 2008 census literacy table: `NCDD_CodeP, Province, T_LIT15, M_LIT15, F_LIT15`. The measures map
to our codes by their NIS code or their name with its unit (`data/sources/series.csv`: `T_LIT15`, the literacy
rate of people aged 15 and over, is read; the rates by sex are known and skipped). Province names match in
English, Khmer and the NIS's romanisations, with the Khmer prefixes ខេត្ត and រាជធានី folded. Such tables carry
no year: the user gives it (`--year 2008`); a table with a Year column uses it. Other columns (codes, labels)
are named in one note.
"""

from __future__ import annotations

import pandas as pd

from indicators.entities import load_provinces
from indicators.ingest.cells import blank_mask
from indicators.ingest.finish import finish
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.mappings import alias_key, resolve_series
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, split_at_header
from indicators.ingest.validate import Candidates, check_candidates

PROVINCE_KEYS = {"province", "province name", "provinces", "khett", "ខេត្ត", "ខេត្ត រាជធានី", "រាជធានី ខេត្ត", "ឈ្មោះខេត្ត"}
YEAR_KEYS = {"year", "ឆ្នាំ"}
SOURCE = "National Institute of Statistics, Cambodia"


def _positions(header: list[str]) -> tuple[int, int, list[int]] | None:
    """(province column, year column or -1, measure columns) of a province table; None for any other header."""
    keys = [alias_key(h) for h in header]
    provinces = [p for p, k in enumerate(keys) if k in PROVINCE_KEYS]
    measures = [p for p, h in enumerate(header) if h and p not in provinces and keys[p] not in YEAR_KEYS and resolve_series(h) is not None]
    if not provinces or not measures:
        return None
    years = [p for p, k in enumerate(keys) if k in YEAR_KEYS]
    return provinces[0], (years[0] if years else -1), measures


def is_header(header: list[str]) -> bool:
    return _positions(header) is not None


def recognise(raw: RawFile) -> bool:
    return any(split_at_header(sheet, is_header, max_scan=10) is not None for sheet in raw.sheets)


def _candidates(sheet: Sheet, province: int, year: int, measures: list[int], given_year: int | None) -> Candidates:
    rows = sheet.rows
    parts = []
    for position in measures:
        cells = rows[position].to_numpy(dtype=object)
        present = ~blank_mask(cells)
        parts.append(
            pd.DataFrame(
                {
                    "row": rows.index.to_numpy()[present],
                    "entity": rows[province].to_numpy(dtype=object)[present],
                    "code": None,
                    "year": given_year if given_year is not None else rows[year].to_numpy(dtype=object)[present],
                    "indicator": sheet.header[position],
                    "value": cells[present],
                    "value_pos": position,
                    "source": SOURCE,
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True).sort_values(["row", "value_pos"], kind="stable")
    return Candidates(sheet, frame, entity_pos=province, year_pos=year if given_year is None else -1)


def load(raw: RawFile, options: LoadOptions) -> LoadResult:
    file = raw.path.name
    register = options.register() or load_provinces()
    sheets = [found for sheet in raw.sheets if (found := split_at_header(sheet, is_header, max_scan=10)) is not None]
    issues: list[Issue] = []
    checked = []
    for sheet in sheets:
        province, year, measures = _positions(sheet.header) or (0, -1, [])
        others = [h for p, h in enumerate(sheet.header) if h and p not in (province, year, *measures)]
        if others:
            issues.append(make_issue("info", "columns_not_read", Location(file, sheet.name, sheet.header_row), value=", ".join(others)))
        if year < 0 and options.year is None:
            issues.append(make_issue("error", "year_needed", Location(file, sheet.name, sheet.header_row)))
            continue
        checked.append(
            check_candidates(
                _candidates(sheet, province, year, measures, options.year if year < 0 else None),
                file,
                register,
                earliest_year=options.earliest_year,
            )
        )
    return finish(
        raw, checked, issues, matched=bool(sheets), format="nis", entity_kind=register.kind, layout="nis_provinces", publisher="nis"
    )
