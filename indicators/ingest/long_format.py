"""Read long (tidy) tables, as statistical offices publish them: `entity, [year,] indicator, value[, source]`.

Every problem is reported in one pass (see `indicators.ingest.validate`): missing columns, unknown indicator codes,
text in numeric cells, values outside an indicator's valid range, years outside a sane range, conflicting
duplicates and, when an entity register is given, unknown entities with the closest known names. Indicators
may be given by our code or by any alias of `data/mappings/indicator-aliases.csv`. The header may sit below
a few title lines.
"""

from __future__ import annotations

import pandas as pd

from indicators.entities import EntityRegister
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.readers import RawFile, Sheet, match_columns, read_file, split_at_header
from indicators.ingest.result import LoadResult
from indicators.ingest.validate import LONG_COLUMNS, YEAR_RANGE, Candidates, check_candidates, finish, refused

__all__ = ["LONG_ALIASES", "LONG_COLUMNS", "REQUIRED", "YEAR_RANGE", "is_long_header", "long_from_raw", "read_long"]

LONG_ALIASES: dict[str, tuple[str, ...]] = {
    "entity": ("entity", "country", "country name", "province", "entity name", "iso3", "country code"),
    "year": ("year", "time", "time period", "period"),
    "indicator": ("indicator", "indicator code", "series", "series code", "variable"),
    "value": ("value", "obs value", "observation", "observation value"),
    "source": ("source", "data source"),
}
REQUIRED = ("entity", "indicator", "value")


def is_long_header(header: list[str]) -> bool:
    return all(field in match_columns(header, LONG_ALIASES) for field in REQUIRED)


def long_sheets(raw: RawFile) -> list[Sheet]:
    """The sheets of `raw` that hold a long table, each split at its header row."""
    return [found for sheet in raw.sheets if (found := split_at_header(sheet, is_long_header)) is not None]


def candidates(sheet: Sheet) -> Candidates:
    """Every data row of a long sheet as a candidate value."""
    columns = match_columns(sheet.header, LONG_ALIASES)
    rows = sheet.rows

    def column(field: str) -> pd.Series:
        if field in columns:
            return rows[columns[field]].reset_index(drop=True)
        return pd.Series([None] * len(rows), dtype=object)

    frame = pd.DataFrame(
        {
            "row": rows.index.to_numpy(),
            "entity": column("entity"),
            "code": None,
            "year": column("year"),
            "indicator": column("indicator"),
            "value": column("value"),
            "value_pos": columns["value"],
            "source": column("source"),
        }
    )
    return Candidates(sheet, frame, entity_pos=columns["entity"], year_pos=columns.get("year", -1), indicator_pos=columns["indicator"])


def entity_names(raw: RawFile) -> list[object]:
    """Entity cells of every long sheet (to choose a register)."""
    names: list[object] = []
    for sheet in long_sheets(raw):
        names += sheet.rows[match_columns(sheet.header, LONG_ALIASES)["entity"]].tolist()
    return names


def long_from_raw(raw: RawFile, register: EntityRegister | None = None) -> LoadResult:
    """Tidy rows from every sheet of a file whose header has entity, indicator and value columns.
    Without a register, entities are kept as written."""
    file = raw.path.name
    issues: list[Issue] = []
    parts = []
    matching = long_sheets(raw)
    if not matching:
        first = raw.sheets[0]
        found = ", ".join(h for h in first.header if h)
        present = match_columns(first.header, LONG_ALIASES)
        for field in [f for f in REQUIRED if f not in present]:
            issues.append(make_issue("error", "missing_column", Location(file, first.name, first.header_row, field), found=found))
    for sheet in matching:
        tidy, sheet_issues = check_candidates(candidates(sheet), file, register)
        parts.append(tidy)
        issues += sheet_issues
    kind = register.kind if register is not None else ""
    return finish(raw, parts, issues, matched=bool(matching), format="long", entity_kind=kind)


def read_long(path: str, register: EntityRegister | None = None) -> LoadResult:
    """Read a long table from a CSV or XLSX file (nothing is kept when there are errors)."""
    raw, issues = read_file(path)
    if raw is None:
        return refused(path, issues, "long")
    return long_from_raw(raw, register)
