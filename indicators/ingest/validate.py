"""Checks shared by every loader: what a cell means, and every problem of a sheet in one pass.

A loader turns its layout into `Candidates`: one row per value cell, with the raw entity, year, indicator and
value and the header positions they came from. `check_candidates` then validates them all at once, with
pandas rather than a Python loop per row, and says where each problem is as a person sees it in Excel: row
number, column header, the value as written, in English and Khmer:

- entities: unknown names (with "did you mean"); regional aggregates, territories and totals are skipped with one note;
- indicators: codes or any alias in `data/mappings/indicator-aliases.csv`;
- years: whole numbers in YEAR_RANGE;
- values: numbers (text is an error; empty and ".." are missing), inside the indicator's valid range;
- conflicting duplicates, across the sheets of a file;
- `jump_warnings`: values that moved by more than half since the entity's previous year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import EntityRegister, load_countries, load_provinces
from indicators.i18n import message
from indicators.ingest.cells import blank, parse_numbers, show
from indicators.ingest.issues import Issue, Location, has_errors, make_issue
from indicators.ingest.mappings import is_other_entity, resolve_indicator
from indicators.ingest.readers import RawFile, Sheet
from indicators.ingest.result import LoadResult
from indicators.tidy import TIDY_COLUMNS

YEAR_RANGE = (1990, 2100)
LONG_COLUMNS = [*TIDY_COLUMNS, "sheet", "row", "column", "flags"]
CANDIDATE_COLUMNS = ["row", "entity", "code", "year", "indicator", "value", "value_pos", "source"]
MAX_NAMES_LISTED = 12
MAX_SUGGESTED = 200  # distinct unknown names that get "did you mean" (difflib is slow); later ones get none


def empty_long() -> pd.DataFrame:
    """An empty frame with the columns and types of a loader's tidy rows."""
    return pd.DataFrame(
        {
            "entity": pd.Series(dtype=object),
            "year": pd.Series(dtype="Int64"),
            "indicator": pd.Series(dtype=object),
            "value": pd.Series(dtype=float),
            "source": pd.Series(dtype=object),
            "sheet": pd.Series(dtype=object),
            "row": pd.Series(dtype="Int64"),
            "column": pd.Series(dtype=object),
            "flags": pd.Series(dtype=object),
        }
    )


# ---------------------------------------------------------------------------------------------------------------
# What a cell means: indicator aliases, entities that are not scored, numbers


def guess_register(names: Iterable[object]) -> EntityRegister:
    """The province register when most distinct entity names are Cambodian provinces, else the country register."""
    distinct = {str(n).strip() for n in names if not blank(n)}
    provinces = load_provinces()
    resolved = sum(provinces.resolve(name) is not None for name in distinct)
    return provinces if distinct and resolved * 2 > len(distinct) else load_countries()


# ---------------------------------------------------------------------------------------------------------------
# Candidates of one sheet and their checks


@dataclass(frozen=True)
class Candidates:
    """Value cells of one sheet to validate: `frame` has CANDIDATE_COLUMNS, one row per value cell:

    row (as Excel shows it), entity (name as written), code (an entity code column, or None), year (cell or number),
    indicator (code or alias), value (cell as written), value_pos (header position of the value cell), source.
    The *_pos fields are header positions of the other cells; -1 when the field comes from a header and was
    checked there (a template's indicator, a wide table's year) or is absent (a long table without a year)."""

    sheet: Sheet
    frame: pd.DataFrame
    entity_pos: int
    code_pos: int = -1
    year_pos: int = -1
    indicator_pos: int = -1


def bilingual_issue(
    severity: str, code: str, at: Location, *, value: object = "", km: dict[str, object] | None = None, **params: object
) -> Issue:
    """`make_issue`, with `km` overriding parameters in the Khmer text only (an indicator's Khmer name, say)."""
    issue = make_issue(severity, code, at, value=value, **params)
    if not km:
        return issue
    khmer = message(code, "km", **{"value": issue.value, "column": at.column, **params, **km})
    return replace(issue, message_km=khmer)


class _Found:
    """Issues of one sheet with their sort key (row, column position), each cell's problem reported once."""

    def __init__(self, file: str, sheet: Sheet) -> None:
        self.file, self.sheet = file, sheet
        self.items: list[tuple[int, int, Issue]] = []
        self.seen: set[tuple[str, int, int]] = set()

    def add(
        self, severity: str, code: str, row: int, position: int, value: object = "", km: dict[str, object] | None = None, **params: object
    ) -> None:
        if (code, row, position) in self.seen:
            return
        self.seen.add((code, row, position))
        column = self.sheet.header[position] if 0 <= position < len(self.sheet.header) else ""
        at = Location(self.file, self.sheet.name, row, column)
        self.items.append((row, position, bilingual_issue(severity, code, at, value=value, km=km, **params)))

    def sorted(self) -> list[Issue]:
        return [issue for _, _, issue in sorted(self.items, key=lambda item: (item[0], item[1]))]


def _resolve_entities(
    candidates: Candidates, register: EntityRegister | None, found: _Found
) -> tuple[np.ndarray, np.ndarray, list[str], int]:
    """(entity codes, ok mask, names of skipped entities, number of rows skipped); each distinct name resolved once."""
    frame = candidates.frame
    names = frame["entity"].map(show)
    codes = frame["code"].map(show)
    rows = frame["row"].to_numpy()
    kind = register.kind if register is not None else "entity"
    distinct: dict[tuple[str, str], int] = {}
    pairs = zip(names.tolist(), codes.tolist(), strict=True)
    keys = np.fromiter((distinct.setdefault(pair, len(distinct)) for pair in pairs), dtype=np.int64, count=len(names))
    statuses: list[str] = []
    resolved: list[str | None] = []
    for name, code in distinct:
        hit: str | None = None
        if not name and not code:
            status = "missing"
        elif register is None:
            status, hit = "ok", name or code
        else:
            hit = (register.resolve(code) if code else None) or (register.resolve(name) if name else None)
            status = "ok" if hit is not None else "other" if is_other_entity(name, code or None) else "unknown"
            if status == "other":
                hit = name or code
        statuses.append(status)
        resolved.append(hit)
    status_of = np.asarray(statuses, dtype=object)[keys]
    entities = np.asarray(resolved, dtype=object)[keys]
    ok = status_of == "ok"
    skipped: dict[str, set[int]] = {}
    suggestions: dict[str, list[str]] = {}
    for index in np.flatnonzero(~ok):
        status, name, code = str(status_of[index]), str(names.iat[int(index)]), str(codes.iat[int(index)])
        if status == "other":
            skipped.setdefault(str(entities[index]), set()).add(int(rows[index]))
        elif status == "missing":
            position = candidates.entity_pos if candidates.entity_pos >= 0 else candidates.code_pos
            found.add("error", "missing_entity", int(rows[index]), position, kind=kind)
        else:
            assert register is not None
            shown = name or code
            if shown not in suggestions:
                suggestions[shown] = register.suggest(shown) if len(suggestions) < MAX_SUGGESTED else []
            near = suggestions[shown]
            found.add(
                "error",
                "unknown_entity" if near else "unknown_entity_no_suggestion",
                int(rows[index]),
                candidates.entity_pos if name and candidates.entity_pos >= 0 else candidates.code_pos,
                value=shown,
                kind=kind,
                suggestions=", ".join(near),
            )
    return entities, np.asarray(ok, dtype=bool), list(skipped), sum(len(r) for r in skipped.values())


def check_candidates(candidates: Candidates, file: str, register: EntityRegister | None) -> tuple[pd.DataFrame, list[Issue]]:
    """Tidy rows (LONG_COLUMNS) of the candidates that pass every check, and every problem found, sorted by place."""
    sheet, frame = candidates.sheet, candidates.frame
    found = _Found(file, sheet)
    if frame.empty:
        return empty_long(), []
    catalogue = load_catalogue()
    rows = frame["row"].to_numpy()
    entities, ok, skipped_names, skipped_rows = _resolve_entities(candidates, register, found)

    raw_indicators = frame["indicator"].to_numpy(dtype=object)
    keys, uniques = pd.factorize(pd.Series(raw_indicators, dtype=object).map(show))
    mapped = [resolve_indicator(u) for u in uniques]
    indicators = np.array([mapped[k] if k >= 0 else None for k in keys], dtype=object)
    unknown = np.array([c is None for c in indicators], dtype=bool)
    for index in np.flatnonzero(unknown):
        found.add(
            "error",
            "unknown_indicator",
            int(rows[index]),
            candidates.indicator_pos,
            value=show(raw_indicators[index]),
            known=", ".join(catalogue),
        )
    ok &= ~unknown

    years = np.full(len(frame), np.nan)
    if candidates.year_pos >= 0 or frame["year"].notna().any():
        raw_years = frame["year"].to_numpy(dtype=object)
        years, bad_years = parse_numbers(raw_years)
        missing = np.isnan(years) & ~bad_years
        if candidates.year_pos >= 0:
            for index in np.flatnonzero(missing):
                found.add("error", "missing_year", int(rows[index]), candidates.year_pos)
            ok &= ~missing
        with np.errstate(invalid="ignore"):
            out = bad_years | (~np.isnan(years) & ((years != np.floor(years)) | (years < YEAR_RANGE[0]) | (years > YEAR_RANGE[1])))
        for index in np.flatnonzero(out):
            found.add(
                "error",
                "bad_year",
                int(rows[index]),
                candidates.year_pos,
                value=show(raw_years[index]),
                min=YEAR_RANGE[0],
                max=YEAR_RANGE[1],
            )
        ok &= ~out

    raw_values = frame["value"].to_numpy(dtype=object)
    value_pos = frame["value_pos"].to_numpy()
    values, bad = parse_numbers(raw_values)
    for index in np.flatnonzero(bad):
        found.add("error", "not_a_number", int(rows[index]), int(value_pos[index]), value=show(raw_values[index]))
    missing_values = np.isnan(values) & ~bad
    for index in np.flatnonzero(missing_values):
        found.add("error", "missing_value", int(rows[index]), int(value_pos[index]))
    ok &= ~bad & ~missing_values
    lows = np.array([catalogue[c].min if c is not None else -np.inf for c in indicators], dtype=float)
    highs = np.array([catalogue[c].max if c is not None else np.inf for c in indicators], dtype=float)
    with np.errstate(invalid="ignore"):
        outside = ~np.isnan(values) & ((values < lows) | (values > highs))
    for index in np.flatnonzero(outside):
        spec = catalogue[str(indicators[index])]
        found.add(
            "error",
            "out_of_range",
            int(rows[index]),
            int(value_pos[index]),
            value=show(raw_values[index]),
            min=f"{spec.min:g}",
            max=f"{spec.max:g}",
            indicator=spec.name_en,
            km={"indicator": spec.name_km},
        )
    ok &= ~outside

    issues = found.sorted()
    if skipped_names:
        shown = ", ".join(skipped_names[:MAX_NAMES_LISTED]) + (", …" if len(skipped_names) > MAX_NAMES_LISTED else "")
        position = candidates.entity_pos if candidates.entity_pos >= 0 else candidates.code_pos
        column = sheet.header[position] if position >= 0 else ""
        issues.append(make_issue("info", "entities_skipped", Location(file, sheet.name, None, column), count=skipped_rows, names=shown))
    sources = frame["source"].map(lambda s: show(s) or file).to_numpy(dtype=object)
    tidy = pd.DataFrame(
        {
            "entity": entities[ok],
            "year": pd.array(np.where(np.isnan(years[ok]), 0, years[ok]).astype(np.int64), dtype="Int64"),
            "indicator": indicators[ok],
            "value": values[ok],
            "source": sources[ok],
            "sheet": sheet.name,
            "row": pd.array(rows[ok].astype(np.int64), dtype="Int64"),
            "column": np.asarray(sheet.header, dtype=object)[value_pos[ok].astype(np.int64)] if ok.any() else np.array([], dtype=object),
            "flags": "",
        },
        columns=LONG_COLUMNS,
    )
    no_year = np.isnan(years[ok])
    if no_year.any():
        tidy.loc[no_year, "year"] = pd.NA
    return tidy.astype(
        {"entity": object, "indicator": object, "source": object, "sheet": object, "column": object, "flags": object}
    ), issues


def conflict_issues(tidy: pd.DataFrame, file: str) -> list[Issue]:
    """An error for each (entity, year, indicator) given twice with different values."""
    keys = ["entity", "year", "indicator"]
    repeated = tidy[tidy.duplicated(keys, keep=False)]
    issues = []
    for _, group in repeated.groupby(keys, dropna=False, sort=False):
        if group["value"].nunique() > 1:
            last = group.iloc[-1]
            several_sheets = group["sheet"].nunique() > 1
            values = ", ".join(
                f"{v:g} ({f'sheet {s}, ' if several_sheets else ''}row {r})"
                for v, s, r in zip(group["value"], group["sheet"], group["row"], strict=True)
            )
            issues.append(
                make_issue(
                    "error",
                    "duplicate_conflict",
                    Location(file, str(last["sheet"]), int(last["row"]), str(last["column"])),
                    value=show(last["value"]),
                    entity=last["entity"],
                    indicator=last["indicator"],
                    year="—" if pd.isna(last["year"]) else int(last["year"]),
                    values=values,
                )
            )
    return issues


def finish(raw: RawFile, parts: list[pd.DataFrame], issues: list[Issue], *, matched: bool, format: str, entity_kind: str) -> LoadResult:
    """The LoadResult of a file: conflicting duplicates checked across sheets; nothing kept when anything is an error;
    identical repeats kept once; an `empty_file` error when the layout matched but no value was found."""
    file = raw.path.name
    frames = [p for p in parts if not p.empty]
    tidy = pd.concat(frames, ignore_index=True) if frames else empty_long()
    issues = [*issues, *conflict_issues(tidy, file)]
    if matched and tidy.empty and not has_errors(issues):
        issues.append(make_issue("error", "empty_file", Location(file)))
    if has_errors(issues):
        return LoadResult(empty_long(), issues, file, raw.checksum, format, entity_kind)
    tidy = tidy.drop_duplicates(["entity", "year", "indicator"]).reset_index(drop=True)
    return LoadResult(tidy, issues, file, raw.checksum, format, entity_kind)


def refused(path: object, issues: list[Issue], format: str = "") -> LoadResult:
    """The LoadResult of a file that could not be read at all."""
    name = getattr(path, "name", None) or str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return LoadResult(empty_long(), issues, name, "", format, "")


# ---------------------------------------------------------------------------------------------------------------
# Warnings across years
