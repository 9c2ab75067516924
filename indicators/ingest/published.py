"""Read the UN DESA E-Government Survey's published results (Data Center exports, CSV or XLSX).

Header: `Survey Year, Country Name, E-Government Rank, E-Government Index, E-Participation Index,
Online Service Index, Human Capital Index, Telecommunication Infrastructure Index` [, Region], or variants:
other case and spacing, short names (egdi, osi, tii, hci, epi, rank), an ISO3 `country-code` column.

Quirks handled (see the reference SOURCES.md): trailing spaces and renamed countries; all-zero rows with no
rank are members not yet admitted, "not assessed" (no rows); index values above 1 are flagged
`source_anomaly` and kept.
"""

from __future__ import annotations

import pandas as pd

from indicators.entities import EntityRegister, load_countries
from indicators.ingest.issues import Issue, Location, has_errors, make_issue
from indicators.ingest.readers import RawFile, Sheet, match_columns, parse_number, read_file
from indicators.ingest.result import LoadResult
from indicators.tidy import TIDY_COLUMNS

INDEX_CODES = ("egdi", "epi", "osi", "hci", "tii")
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "edition": ("survey year", "year", "edition", "survey edition"),
    "country": ("country name", "country", "name", "country or area", "member state"),
    "iso3": ("country code", "iso3", "iso 3", "iso", "iso code", "iso3 code", "code"),
    "rank_published": ("e government rank", "egdi rank", "e government development rank", "rank"),
    "egdi": ("e government index", "e government development index", "egdi", "egdi value"),
    "epi": ("e participation index", "epi", "eparticipation index"),
    "osi": ("online service index", "online services index", "osi"),
    "hci": ("human capital index", "hci"),
    "tii": ("telecommunication infrastructure index", "telecommunications infrastructure index", "tii"),
}
REQUIRED = ("edition", "egdi", "osi", "hci", "tii")
FIELD_LABELS = {
    "edition": "Survey Year",
    "country": "Country Name",
    "iso3": "Country Code",
    "rank_published": "E-Government Rank",
    "egdi": "E-Government Index",
    "epi": "E-Participation Index",
    "osi": "Online Service Index",
    "hci": "Human Capital Index",
    "tii": "Telecommunication Infrastructure Index",
}
EDITION_RANGE = (2001, 2100)


def is_published_header(header: list[str]) -> bool:
    columns = match_columns(header, HEADER_ALIASES)
    return all(f in columns for f in REQUIRED) and ("country" in columns or "iso3" in columns)


def _read_sheet(sheet: Sheet, file: str, countries: EntityRegister) -> tuple[list[dict[str, object]], list[Issue]]:
    columns = match_columns(sheet.header, HEADER_ALIASES)
    issues: list[Issue] = []
    records: list[dict[str, object]] = []
    seen: dict[tuple[int, str], int] = {}
    entity_field = "iso3" if "iso3" in columns else "country"

    def place(row: int, field: str) -> Location:
        return Location(file, sheet.name, row, sheet.header[columns[field]])

    for row, cells in zip(sheet.rows.index.tolist(), sheet.rows.itertuples(index=False, name=None), strict=True):
        values: dict[str, float | None] = {}
        bad = False
        for field in ("edition", "rank_published", *INDEX_CODES):
            if field not in columns:
                continue
            cell = cells[columns[field]]
            try:
                values[field] = parse_number(cell)
            except ValueError:
                issues.append(make_issue("error", "not_a_number", value=cell, at=place(row, field)))
                bad = True
        name = cells[columns[entity_field]]
        iso3 = countries.resolve(name)
        if iso3 is None:
            suggestions = countries.suggest(name)
            code = "unknown_entity" if suggestions else "unknown_entity_no_suggestion"
            issues.append(
                make_issue(
                    "error", code, value=str(name).strip(), kind="country", suggestions=", ".join(suggestions), at=place(row, entity_field)
                )
            )
            bad = True
        edition = values.get("edition")
        if edition is None or not edition.is_integer() or not EDITION_RANGE[0] <= edition <= EDITION_RANGE[1]:
            if "edition" in values:  # a non-number is reported above already
                issues.append(
                    make_issue(
                        "error",
                        "bad_year",
                        value=cells[columns["edition"]],
                        min=EDITION_RANGE[0],
                        max=EDITION_RANGE[1],
                        at=place(row, "edition"),
                    )
                )
            bad = True
        if bad:
            continue
        assert iso3 is not None and edition is not None
        year = int(edition)
        scores = {code: values.get(code) for code in INDEX_CODES if code in columns}
        country = countries.name(iso3)
        if values.get("rank_published") is None and all(not v for v in scores.values()):
            issues.append(make_issue("info", "not_assessed", country=country, edition=year, at=place(row, entity_field)))
            continue
        if (year, iso3) in seen:
            issues.append(
                make_issue(
                    "error",
                    "duplicate_country",
                    country=country,
                    edition=year,
                    rows=f"{seen[(year, iso3)]}, {row}",
                    at=place(row, entity_field),
                )
            )
            continue
        seen[(year, iso3)] = row
        if "rank_published" in columns and values.get("rank_published") is None:
            issues.append(make_issue("warning", "missing_rank", at=place(row, "rank_published")))
        for code, value in [*scores.items(), ("rank_published", values.get("rank_published"))]:
            if code not in columns:
                continue
            if value is None:
                issues.append(make_issue("error", "missing_value", at=place(row, code)))
                continue
            flags = ""
            if code != "rank_published" and value < 0:
                issues.append(
                    make_issue(
                        "error", "out_of_range", value=value, min=0, max=1, indicator=sheet.header[columns[code]], at=place(row, code)
                    )
                )
                continue
            if code != "rank_published" and value > 1:
                issues.append(
                    make_issue("warning", "source_anomaly", value=value, indicator=sheet.header[columns[code]], at=place(row, code))
                )
                flags = "source_anomaly"
            records.append(
                {
                    "entity": iso3,
                    "year": year,
                    "indicator": code,
                    "value": value,
                    "source": file,
                    "sheet": sheet.name,
                    "row": row,
                    "column": sheet.header[columns[code]],
                    "flags": flags,
                }
            )
    return records, issues


def published_from_raw(raw: RawFile, countries: EntityRegister | None = None) -> LoadResult:
    """Tidy rows from every sheet of an already-read file whose header is a published-results header."""
    countries = countries or load_countries()
    file = raw.path.name
    records: list[dict[str, object]] = []
    issues: list[Issue] = []
    matching = [s for s in raw.sheets if is_published_header(s.header)]
    if not matching:
        found = ", ".join(h for h in raw.sheets[0].header if h)
        missing = [f for f in REQUIRED if f not in match_columns(raw.sheets[0].header, HEADER_ALIASES)]
        for field in missing or ["country"]:
            issues.append(make_issue("error", "missing_column", Location(file, raw.sheets[0].name, 1, FIELD_LABELS[field]), found=found))
    for sheet in matching:
        sheet_records, sheet_issues = _read_sheet(sheet, file, countries)
        records += sheet_records
        issues += sheet_issues
    if matching and not records and not has_errors(issues):
        issues.append(make_issue("error", "empty_file", Location(file)))
    tidy = pd.DataFrame(records, columns=[*TIDY_COLUMNS, "sheet", "row", "column", "flags"])
    tidy = tidy.astype({"year": "Int64", "value": float, "row": "Int64"})
    if has_errors(issues):
        tidy = tidy.iloc[0:0]
    return LoadResult(tidy, issues, file, raw.checksum, format="published", entity_kind="country")


def read_published(path: str, countries: EntityRegister | None = None) -> LoadResult:
    """Read one UN DESA published-results file into tidy rows (nothing is kept when there are errors)."""
    raw, issues = read_file(path)
    if raw is None:
        return LoadResult(pd.DataFrame(columns=[*TIDY_COLUMNS, "sheet", "row", "column", "flags"]), issues, str(path))
    return published_from_raw(raw, countries)
