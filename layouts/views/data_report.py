"""What checking an upload found, so that it informs instead of floods (issue 10): per file, what it was read as
(`indicators.ingest.describe`); the problems grouped by kind, one row per kind and file with its count and first
places (`indicators.ingest.summarise`); and the full problem table as a CSV download (`issues_frame`, every text
neutralised so that a spreadsheet never runs a cell as a formula)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from indicators.ingest import describe, issues_frame, summarise
from indicators.ingest.imports import FileImport
from indicators.ingest.issues import Issue
from indicators.report.writers import csv_text
from layouts.i18n import digits, fmt_int, t

NUMBER = re.compile(r"(?<![\w.])\d[\d,]*")  # a number standing alone (not the 2 of a series code such as IT.CEL.SETS.P2)
FIRST_PLACES = 3
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def khmer_numbers(text: str, lang: str) -> str:
    """The free-standing numbers of `text` in Khmer digits in Khmer; digits inside codes and names are left alone."""
    return NUMBER.sub(lambda found: digits(found.group(), lang), text) if lang == "km" else text


def read_as(prepared: Sequence[FileImport], lang: str) -> list[tuple[str, str]]:
    """(file, what it was read as) per file, e.g. "World Bank bulk CSV, 1 series: IT.NET.USER.ZS → internet_users_pct;
    217 values of 217 countries, 2022; skipped: 49 aggregates"."""
    return [(item.loaded.file, khmer_numbers(describe(item.loaded, lang), lang)) for item in prepared]


def place(issue: Issue, lang: str) -> str:
    """Where a problem is, as a person finds it in the file: sheet, row (as Excel numbers it) and column."""
    parts = []
    if issue.sheet:
        parts.append(t("data_place_sheet", lang, sheet=issue.sheet))
    if issue.row is not None:
        parts.append(t("data_place_row", lang, row=fmt_int(issue.row, lang)))
    if issue.column:
        parts.append(t("data_place_column", lang, column=issue.column))
    return ", ".join(parts) or t("data_place_file", lang)


def problem_rows(issues: Sequence[Issue], lang: str) -> list[dict[str, object]]:
    """One row per kind of problem (file, severity and code): how many, the first one's message, and where the first
    FIRST_PLACES are (with "and N more" when there are more); errors first, then warnings, then notes."""
    rows = []
    for group in summarise(issues, FIRST_PLACES):
        example = group.first[0]
        places = "; ".join(place(issue, lang) for issue in group.first)
        if group.count > len(group.first):
            places += " " + t("data_places_more", lang, count=fmt_int(group.count - len(group.first), lang))
        rows.append(
            {
                "severity": SEVERITY_ORDER.get(group.severity, 3),
                "severity_key": group.severity,
                "severity_text": t(f"data_severity_{group.severity}", lang),
                "file": group.file,
                "count": group.count,
                "count_text": fmt_int(group.count, lang),
                "message": example.message_km if lang == "km" else example.message,
                "places": places,
            }
        )
    return rows


def problems_csv(prepared: Sequence[FileImport]) -> str:
    """Every problem of every file, one row each (the columns of `indicators.ingest.issues.ISSUE_COLUMNS`), as CSV
    text with a byte-order mark (so that Excel reads the Khmer messages as UTF-8); formulas neutralised."""
    return "\ufeff" + csv_text(issues_frame(issue for item in prepared for issue in item.issues))


def problems_file_name(prepared: Sequence[FileImport]) -> str:
    """`problems-<first file's name>.csv`, or `problems.csv`."""
    stem = prepared[0].loaded.file.rsplit(".", 1)[0] if prepared else ""
    return f"problems-{stem}.csv" if stem else "problems.csv"
