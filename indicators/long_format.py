"""Read long (tidy) tables, as statistical offices publish them: `entity, [year,] indicator, value[, source]`.

Every problem is reported in one pass: missing columns, unknown indicator codes, text in numeric cells,
values outside an indicator's valid range, years outside a sane range, conflicting duplicates and, when an
entity register is given, unknown entities with the closest known names.
"""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import EntityRegister
from indicators.issues import Issue, Location, has_errors, make_issue
from indicators.readers import RawFile, Sheet, match_columns, parse_number, read_file
from indicators.tidy import TIDY_COLUMNS, LoadResult

YEAR_RANGE = (1990, 2100)
LONG_ALIASES: dict[str, tuple[str, ...]] = {
    "entity": ("entity", "country", "country name", "province", "entity name", "iso3", "country code"),
    "year": ("year", "time", "time period", "period"),
    "indicator": ("indicator", "indicator code", "series", "series code", "variable"),
    "value": ("value", "obs value", "observation", "observation value"),
    "source": ("source", "data source"),
}
REQUIRED = ("entity", "indicator", "value")
LONG_COLUMNS = [*TIDY_COLUMNS, "sheet", "row", "column", "flags"]


def is_long_header(header: list[str]) -> bool:
    return all(field in match_columns(header, LONG_ALIASES) for field in REQUIRED)


def _read_sheet(sheet: Sheet, file: str, register: EntityRegister | None) -> tuple[list[dict[str, object]], list[Issue]]:
    columns = match_columns(sheet.header, LONG_ALIASES)
    catalogue = load_catalogue()
    issues: list[Issue] = []
    records: list[dict[str, object]] = []

    def place(row: int, field: str) -> Location:
        return Location(file, sheet.name, row, sheet.header[columns[field]])

    for row, cells in zip(sheet.rows.index.tolist(), sheet.rows.itertuples(index=False, name=None), strict=True):
        ok = True
        raw_entity = cells[columns["entity"]]
        entity = "" if raw_entity is None else str(raw_entity).strip()
        if register is not None:
            code = register.resolve(entity)
            if code is None:
                suggestions = register.suggest(entity)
                message = "unknown_entity" if suggestions else "unknown_entity_no_suggestion"
                issues.append(
                    make_issue(
                        "error", message, value=entity, kind=register.kind, suggestions=", ".join(suggestions), at=place(row, "entity")
                    )
                )
                ok = False
            else:
                entity = code
        elif not entity:
            issues.append(make_issue("error", "missing_value", at=place(row, "entity")))
            ok = False
        indicator = str(cells[columns["indicator"]] or "").strip()
        spec = catalogue.get(indicator)
        if spec is None:
            issues.append(make_issue("error", "unknown_indicator", value=indicator, known=", ".join(catalogue), at=place(row, "indicator")))
            ok = False
        year: int | None = None
        if "year" in columns:
            raw_year = cells[columns["year"]]
            try:
                number = parse_number(raw_year)
            except ValueError:
                number = -1.0
            if number is None or not number.is_integer() or not YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
                issues.append(make_issue("error", "bad_year", value=raw_year, min=YEAR_RANGE[0], max=YEAR_RANGE[1], at=place(row, "year")))
                ok = False
            else:
                year = int(number)
        raw_value = cells[columns["value"]]
        try:
            value = parse_number(raw_value)
        except ValueError:
            issues.append(make_issue("error", "not_a_number", value=raw_value, at=place(row, "value")))
            continue
        if value is None:
            issues.append(make_issue("error", "missing_value", at=place(row, "value")))
            continue
        if spec is not None and not spec.min <= value <= spec.max:
            issues.append(
                make_issue(
                    "error",
                    "out_of_range",
                    value=raw_value,
                    min=f"{spec.min:g}",
                    max=f"{spec.max:g}",
                    indicator=spec.name_en,
                    at=place(row, "value"),
                )
            )
            ok = False
        if not ok:
            continue
        source = str(cells[columns["source"]] or "").strip() if "source" in columns else ""
        records.append(
            {
                "entity": entity,
                "year": year,
                "indicator": indicator,
                "value": value,
                "source": source or file,
                "sheet": sheet.name,
                "row": row,
                "column": sheet.header[columns["value"]],
                "flags": "",
            }
        )
    return records, issues


def _conflicts(tidy: pd.DataFrame, file: str) -> list[Issue]:
    """An error for each (entity, year, indicator) given twice with different values."""
    keys = ["entity", "year", "indicator"]
    repeated = tidy[tidy.duplicated(keys, keep=False)]
    issues = []
    for _, group in repeated.groupby(keys, dropna=False, sort=False):
        if group["value"].nunique() > 1:
            last = group.iloc[-1]
            values = ", ".join(f"{v:g} (row {r})" for v, r in zip(group["value"], group["row"], strict=True))
            issues.append(
                make_issue(
                    "error",
                    "duplicate_conflict",
                    Location(file, str(last["sheet"]), int(last["row"]), str(last["column"])),
                    value=last["value"],
                    entity=last["entity"],
                    indicator=last["indicator"],
                    year="—" if pd.isna(last["year"]) else int(last["year"]),
                    values=values,
                )
            )
    return issues


def long_from_raw(raw: RawFile, register: EntityRegister | None = None) -> LoadResult:
    """Tidy rows from every sheet of a file whose header has entity, indicator and value columns."""
    file = raw.path.name
    records: list[dict[str, object]] = []
    issues: list[Issue] = []
    matching = [s for s in raw.sheets if is_long_header(s.header)]
    if not matching:
        found = ", ".join(h for h in raw.sheets[0].header if h)
        present = match_columns(raw.sheets[0].header, LONG_ALIASES)
        for field in [f for f in REQUIRED if f not in present]:
            issues.append(make_issue("error", "missing_column", Location(file, raw.sheets[0].name, 1, field), found=found))
    for sheet in matching:
        sheet_records, sheet_issues = _read_sheet(sheet, file, register)
        records += sheet_records
        issues += sheet_issues
    tidy = pd.DataFrame(records, columns=LONG_COLUMNS).astype({"year": "Int64", "value": float, "row": "Int64"})
    issues += _conflicts(tidy, file)
    if matching and not records and not has_errors(issues):
        issues.append(make_issue("error", "empty_file", Location(file)))
    if has_errors(issues):
        return LoadResult(tidy.iloc[0:0], issues, file, raw.checksum)
    return LoadResult(tidy.drop_duplicates(["entity", "year", "indicator"]).reset_index(drop=True), issues, file, raw.checksum)


def read_long(path: str, register: EntityRegister | None = None) -> LoadResult:
    """Read a long table from a CSV or XLSX file (nothing is kept when there are errors)."""
    raw, issues = read_file(path)
    if raw is None:
        return LoadResult(pd.DataFrame(columns=LONG_COLUMNS), issues, str(path))
    return long_from_raw(raw, register)
