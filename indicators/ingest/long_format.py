"""Read long (tidy) tables, as statistical offices publish them: `entity, [year,] indicator, value[, source]`.

Indicators may be given by our code, a publisher's code or a name with its unit (see `mappings`); rows of
series the tool does not use, of aggregates and of territories are skipped with one note each, and rows without
a value are counted, not refused. A code written like ours that is not one ("internet_user_pct", "web_users") is
an error naming the closest codes. The header may sit below a few title lines; the rest is the shared validator's.
A large table is checked in blocks of rows (its decimal style decided once for the whole value column), so that
a million rows never sit in memory as a million-row frame of every intermediate step.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.entities import EntityRegister
from indicators.ingest.finish import finish, refused
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.readers import read_file
from indicators.ingest.result import LoadResult
from indicators.ingest.sheets import RawFile, Sheet, match_columns, split_at_header
from indicators.ingest.validate import LONG_COLUMNS, Candidates, Checked, check_candidates
from indicators.ingest.value_checks import YEAR_RANGE, column_style

__all__ = ["LONG_ALIASES", "LONG_COLUMNS", "REQUIRED", "YEAR_RANGE", "is_long_header", "long_from_raw", "read_long"]

LONG_ALIASES: dict[str, tuple[str, ...]] = {
    "entity": ("entity", "country", "country name", "province", "entity name", "iso3", "country code"),
    "year": ("year", "time", "time period", "period"),
    "indicator": ("indicator", "indicator code", "series", "series code", "variable"),
    "value": ("value", "obs value", "observation", "observation value"),
    "source": ("source", "data source"),
}
REQUIRED = ("entity", "indicator", "value")
BLOCK_ROWS = 100_000


def is_long_header(header: list[str]) -> bool:
    return all(field in match_columns(header, LONG_ALIASES) for field in REQUIRED)


def long_sheets(raw: RawFile) -> list[Sheet]:
    """The sheets of `raw` that hold a long table, each split at its header row."""
    return [found for sheet in raw.sheets if (found := split_at_header(sheet, is_long_header)) is not None]


def candidates(sheet: Sheet, style: str | None = None) -> Candidates:
    """Every data row of a long sheet as a candidate value; `style`: the value column's decimal style, if known."""
    columns = match_columns(sheet.header, LONG_ALIASES)
    rows = sheet.rows

    def column(field: str) -> object:
        return rows[columns[field]].reset_index(drop=True) if field in columns else None

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
    return Candidates(
        sheet,
        frame,
        entity_pos=columns["entity"],
        year_pos=columns.get("year", -1),
        indicator_pos=columns["indicator"],
        own_codes=True,
        decimal_style=style,
    )


def check_sheet(sheet: Sheet, file: str, register: EntityRegister | None) -> Checked:
    """One long sheet checked block by block; identical repeats are dropped as the blocks come in (the first kept),
    so only distinct values accumulate."""
    values = sheet.rows[match_columns(sheet.header, LONG_ALIASES)["value"]]
    distinct = values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else pd.unique(values.to_numpy(dtype=object))
    style = column_style(np.asarray(distinct, dtype=object), sheet.delimiter == ",")
    result = Checked(pd.DataFrame(columns=LONG_COLUMNS), [])
    for start in range(0, len(sheet.rows), BLOCK_ROWS):
        rows = sheet.rows.iloc[start : start + BLOCK_ROWS]
        block = check_candidates(
            candidates(Sheet(sheet.name, sheet.header, rows, sheet.header_row, sheet.delimiter, sheet.linked), style), file, register
        )
        both = pd.concat([result.tidy, block.tidy], ignore_index=True) if len(result.tidy) else block.tidy
        result.tidy = both.drop_duplicates(["entity", "year", "indicator", "value"])
        result.issues += block.issues
        result.tally.merge(block.tally)
    return result


def entity_names(raw: RawFile) -> list[object]:
    """Entity cells of every long sheet (to choose a register)."""
    names: list[object] = []
    for sheet in long_sheets(raw):
        names += pd.unique(sheet.rows[match_columns(sheet.header, LONG_ALIASES)["entity"]].to_numpy(dtype=object)).tolist()
    return names


def long_from_raw(raw: RawFile, register: EntityRegister | None = None) -> LoadResult:
    """Tidy rows from every sheet of a file whose header has entity, indicator and value columns.
    Without a register, entities are kept as written."""
    file = raw.path.name
    issues: list[Issue] = []
    matching = long_sheets(raw)
    if not matching:
        first = raw.sheets[0]
        found = ", ".join(h for h in first.header if h)
        present = match_columns(first.header, LONG_ALIASES)
        for field in [f for f in REQUIRED if f not in present]:
            issues.append(make_issue("error", "missing_column", Location(file, first.name, first.header_row, field), found=found))
    checked = [check_sheet(sheet, file, register) for sheet in matching]
    kind = register.kind if register is not None else ""
    return finish(raw, checked, issues, matched=bool(matching), format="long", entity_kind=kind)


def read_long(path: str, register: EntityRegister | None = None) -> LoadResult:
    """Read a long table from a CSV or XLSX file (nothing is kept when there are errors)."""
    raw, issues = read_file(path)
    if raw is None:
        return refused(path, issues, "long")
    return long_from_raw(raw, register)
