"""Read the UN DESA E-Government Survey's published results: the UN's Data Center exports and UNU-EGOV's copies.

- **UN DESA** (CSV or XLSX): `Survey Year, Country Name, E-Government Rank, E-Government Index, E-Participation
  Index, Online Service Index, Human Capital Index, Telecommunication Infrastructure Index` [, Region], or
  variants: other case and spacing, short names (egdi, osi, tii, hci, epi, rank), an ISO3 `country-code` column.
- **UNU-EGOV** (`egdi-2014.csv`): `country-code, country-name, e-gov-rank, e-gov-index, e-pat-index, osi, hci,
  tii`, with no year column: the edition comes from the file name or `--edition` (both, when they disagree, is an
  error). An empty index cell there means "not assessed" (2010: HCI of eight countries): it is counted in one
  note and not stored; in the UN's own files an empty cell is an error.

Quirks handled (see the reference SOURCES.md): trailing spaces and renamed countries; all-zero (or all-empty) rows
with no rank are members not yet admitted, "not assessed" (no rows); index values above 1 are flagged
`source_anomaly` and kept.
"""

from __future__ import annotations

import re

import pandas as pd

from indicators.entities import EntityRegister, load_countries
from indicators.ingest.cells import parse_number
from indicators.ingest.entity_match import EntityMatcher
from indicators.ingest.finish import finish, refused
from indicators.ingest.issues import Issue, Location, make_issue
from indicators.ingest.readers import read_file
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, match_columns
from indicators.ingest.validate import Checked, empty_long

INDEX_CODES = ("egdi", "epi", "osi", "hci", "tii")
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "edition": ("survey year", "year", "edition", "survey edition"),
    "country": ("country name", "country", "name", "country or area", "member state"),
    "iso3": ("country code", "iso3", "iso 3", "iso", "iso code", "iso3 code", "code"),
    "rank_published": ("e government rank", "egdi rank", "e government development rank", "rank", "e gov rank"),
    "egdi": ("e government index", "e government development index", "egdi", "egdi value", "e gov index"),
    "epi": ("e participation index", "epi", "eparticipation index", "e pat index"),
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
EDITION_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def _has_entity(columns: dict[str, int]) -> bool:
    return "country" in columns or "iso3" in columns


def is_published_header(header: list[str]) -> bool:
    columns = match_columns(header, HEADER_ALIASES)
    return all(f in columns for f in REQUIRED) and _has_entity(columns)


def is_unu_header(header: list[str]) -> bool:
    """A results header without a year column, as UNU-EGOV publishes it."""
    columns = match_columns(header, HEADER_ALIASES)
    return "edition" not in columns and all(f in columns for f in REQUIRED[1:]) and _has_entity(columns)


def edition_of(raw: RawFile, options: LoadOptions) -> tuple[int | None, list[Issue]]:
    """The edition of a results file without a year column: `--edition`, else the year in its file name."""
    file = raw.path.name
    named = [int(y) for y in EDITION_IN_NAME.findall(raw.path.stem)]
    if options.edition is not None:
        if named and options.edition not in named:
            return None, [make_issue("error", "edition_mismatch", Location(file), value=str(options.edition), named=named[0])]
        return options.edition, []
    if len(set(named)) == 1:
        return named[0], []
    return None, [make_issue("error", "edition_unknown", Location(file))]


class _SheetReader:
    """The rows of one results sheet; `edition` is set for a sheet without a year column (UNU-EGOV)."""

    def __init__(self, sheet: Sheet, file: str, matcher: EntityMatcher, edition: int | None):
        self.sheet, self.file, self.matcher, self.edition = sheet, file, matcher, edition
        self.columns = match_columns(sheet.header, HEADER_ALIASES)
        self.entity_field = "iso3" if "iso3" in self.columns else "country"
        self.issues: list[Issue] = []
        self.records: list[dict[str, object]] = []
        self.not_given: dict[str, int] = {}
        self.seen: dict[tuple[int, str], int] = {}

    def place(self, row: int, field: str) -> Location:
        return Location(self.file, self.sheet.name, row, self.sheet.header[self.columns[field]])

    def read(self) -> Checked:
        for row, cells in zip(self.sheet.rows.index.tolist(), self.sheet.rows.itertuples(index=False, name=None), strict=True):
            self._row(int(row), cells)
        if self.not_given:
            counts = ", ".join(f"{FIELD_LABELS[code]} ({count})" for code, count in self.not_given.items())
            self.issues.append(make_issue("info", "index_not_given", Location(self.file, self.sheet.name), value=counts, counts=counts))
        tidy = pd.DataFrame(self.records, columns=list(empty_long().columns)).astype(empty_long().dtypes.to_dict())
        return Checked(tidy, self.issues)

    def _numbers(self, row: int, cells: tuple[object, ...]) -> dict[str, float | None] | None:
        values: dict[str, float | None] = {}
        bad = False
        for field in ("edition", "rank_published", *INDEX_CODES):
            if field not in self.columns:
                continue
            cell = cells[self.columns[field]]
            try:
                values[field] = parse_number(cell)
            except ValueError:
                self.issues.append(make_issue("error", "not_a_number", value=cell, at=self.place(row, field)))
                bad = True
        return None if bad else values

    def _entity(self, row: int, cells: tuple[object, ...]) -> str | None:
        name = str(cells[self.columns[self.entity_field]] or "").strip()
        match = self.matcher.match("" if self.entity_field == "iso3" else name, name if self.entity_field == "iso3" else "")
        if match.status == "ok":
            return match.code
        suggestions = self.matcher.suggest(name)
        code = "unknown_entity" if suggestions else "unknown_entity_no_suggestion"
        at = self.place(row, self.entity_field)
        self.issues.append(make_issue("error", code, value=name, kind="country", suggestions=", ".join(suggestions), at=at))
        return None

    def _edition(self, row: int, values: dict[str, float | None], cells: tuple[object, ...]) -> int | None:
        if self.edition is not None:
            return self.edition
        edition = values.get("edition")
        if edition is None or not edition.is_integer() or not EDITION_RANGE[0] <= edition <= EDITION_RANGE[1]:
            at = self.place(row, "edition")
            self.issues.append(
                make_issue("error", "bad_year", value=cells[self.columns["edition"]], min=EDITION_RANGE[0], max=EDITION_RANGE[1], at=at)
            )
            return None
        return int(edition)

    def _row(self, row: int, cells: tuple[object, ...]) -> None:
        values = self._numbers(row, cells)
        iso3 = self._entity(row, cells)
        year = self._edition(row, values, cells) if values is not None else None
        if values is None or iso3 is None or year is None:
            return
        scores = {code: values.get(code) for code in INDEX_CODES if code in self.columns}
        country = self.matcher.register.name(iso3)
        if values.get("rank_published") is None and all(not v for v in scores.values()):
            self.issues.append(make_issue("info", "not_assessed", country=country, edition=year, at=self.place(row, self.entity_field)))
            return
        if (year, iso3) in self.seen:
            rows = f"{self.seen[(year, iso3)]}, {row}"
            self.issues.append(
                make_issue("error", "duplicate_country", country=country, edition=year, rows=rows, at=self.place(row, self.entity_field))
            )
            return
        self.seen[(year, iso3)] = row
        if "rank_published" in self.columns and values.get("rank_published") is None:
            self.issues.append(make_issue("warning", "missing_rank", at=self.place(row, "rank_published")))
        for code, value in [*scores.items(), ("rank_published", values.get("rank_published"))]:
            if code in self.columns:
                self._value(row, iso3, year, code, value)

    def _value(self, row: int, iso3: str, year: int, code: str, value: float | None) -> None:
        header = self.sheet.header[self.columns[code]]
        if value is None:
            if self.edition is not None and code != "rank_published":
                self.not_given[code] = self.not_given.get(code, 0) + 1
            elif code != "rank_published":
                self.issues.append(make_issue("error", "missing_value", at=self.place(row, code)))
            return
        flags = ""
        if code != "rank_published" and value < 0:
            self.issues.append(make_issue("error", "out_of_range", value=value, min=0, max=1, indicator=header, at=self.place(row, code)))
            return
        if code != "rank_published" and value > 1:
            self.issues.append(make_issue("warning", "source_anomaly", value=value, indicator=header, at=self.place(row, code)))
            flags = "source_anomaly"
        self.records.append(
            {
                "entity": iso3,
                "year": year,
                "indicator": code,
                "value": value,
                "source": self.file,
                "sheet": self.sheet.name,
                "row": row,
                "column": header,
                "flags": flags,
            }
        )


def published_from_raw(raw: RawFile, countries: EntityRegister | None = None, options: LoadOptions | None = None) -> LoadResult:
    """Tidy rows from every sheet of an already-read file whose header is a results header (UN or UNU-EGOV)."""
    matcher = EntityMatcher(countries or load_countries())
    file = raw.path.name
    issues: list[Issue] = []
    matching = [s for s in raw.sheets if is_published_header(s.header)]
    unu = [s for s in raw.sheets if is_unu_header(s.header)] if not matching else []
    edition: int | None = None
    if unu:
        edition, issues = edition_of(raw, options or LoadOptions())
    elif not matching:
        first = raw.sheets[0]
        found = ", ".join(h for h in first.header if h)
        missing = [f for f in REQUIRED if f not in match_columns(first.header, HEADER_ALIASES)]
        for field in missing or ["country"]:
            issues.append(
                make_issue("error", "missing_column", Location(file, first.name, first.header_row, FIELD_LABELS[field]), found=found)
            )
    sheets = (unu if edition is not None else []) or matching
    checked = [_SheetReader(sheet, file, matcher, edition).read() for sheet in sheets]
    layout = "unu" if unu else "published"
    return finish(raw, checked, issues, matched=bool(sheets), format="published", entity_kind="country", layout=layout)


def read_published(path: str, countries: EntityRegister | None = None, options: LoadOptions | None = None) -> LoadResult:
    """Read one results file (UN DESA or UNU-EGOV) into tidy rows (nothing is kept when there are errors)."""
    raw, issues = read_file(path)
    if raw is None:
        return refused(path, issues, "published")
    return published_from_raw(raw, countries, options)
