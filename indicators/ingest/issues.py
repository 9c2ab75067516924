"""Errors as values: every problem found in an input, as one row of a table.

A loader never raises on bad input; it returns the problems it found, all of them in one pass, each with the
place a person would look in Excel (file, sheet, row number as shown, column header) and a message in
English and Khmer. Errors block an import; warnings and notes do not.

The full table (`issues_frame`) is for downloads and `--all`; people read `summarise`: repeated problems of one
kind in one file grouped into one line with their count and first places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace

import pandas as pd

from indicators.i18n import message

SEVERITIES = ("error", "warning", "info")
FIRST_PLACES = 3
FILE_KIND_KM = {"an Excel workbook": "សៀវភៅបញ្ជី Excel", "CSV": "ឯកសារ CSV", "XLSX": "សៀវភៅបញ្ជី Excel", "XLSM": "សៀវភៅបញ្ជី Excel"}
FILE_KIND_KM |= {"XLS": "សៀវភៅបញ្ជី Excel", "ZIP": "ឯកសារ ZIP"}
ISSUE_COLUMNS = ["severity", "code", "file", "sheet", "row", "column", "value", "message", "message_km"]


@dataclass(frozen=True)
class Issue:
    severity: str
    code: str
    file: str
    sheet: str
    row: int | None
    column: str
    value: str
    message: str
    message_km: str


@dataclass(frozen=True)
class Location:
    """Where a problem is, as a person finds it: file, sheet, row number as Excel shows it, column header."""

    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""


def make_issue(severity: str, code: str, at: Location | None = None, *, value: object = "", **params: object) -> Issue:
    """An issue at `at` whose English and Khmer texts come from the message catalogue (`value` is also a parameter)."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    at = at or Location()
    text_value = "" if value is None else str(value)
    params.setdefault("value", text_value)
    params.setdefault("column", at.column)
    return Issue(
        severity=severity,
        code=code,
        file=at.file,
        sheet=at.sheet,
        row=at.row,
        column=at.column,
        value=text_value,
        message=message(code, "en", **params),
        message_km=message(code, "km", **params),
    )


def unreadable_file(display: str, kind: str, reason: str, **params: object) -> Issue:
    """An `unreadable_file` error whose reason (message code `reason`) is given in English and in Khmer."""
    issue = make_issue("error", "unreadable_file", Location(display), kind=kind, reason=message(reason, "en", **params))
    khmer = message("unreadable_file", "km", kind=FILE_KIND_KM.get(kind, kind), reason=message(reason, "km", **params))
    return replace(issue, message_km=khmer)


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(issue.severity == "error" for issue in issues)


def issues_frame(issues: Iterable[Issue]) -> pd.DataFrame:
    """The issues as a table with the columns of `ISSUE_COLUMNS`."""
    rows = [asdict(issue) for issue in issues]
    frame = pd.DataFrame(rows, columns=ISSUE_COLUMNS)
    return frame.astype({"row": "Int64"})


def place_of(issue: Issue, with_file: bool = True) -> str:
    """Where an issue is, as a person reads it: "file.xlsx, sheet 'Data', row 7, column '2019'"."""
    place = [issue.file] if with_file else []
    if issue.sheet:
        place.append(f"sheet '{issue.sheet}'")
    if issue.row is not None:
        place.append(f"row {issue.row}")
    if issue.column:
        place.append(f"column '{issue.column}'")
    return ", ".join(p for p in place if p)


def render_issues(issues: Iterable[Issue], lang: str = "en") -> str:
    """A plain-text table of the issues, one line each, for the command line."""
    lines = []
    for issue in issues:
        text = issue.message_km if lang == "km" else issue.message
        lines.append(f"{issue.severity.upper():7} {place_of(issue)}: {text}")
    return "\n".join(lines)


@dataclass(frozen=True)
class IssueGroup:
    """Issues of one severity and code in one file: how many, and the first few in file order."""

    severity: str
    code: str
    file: str
    count: int
    first: list[Issue]


def summarise(issues: Sequence[Issue], first: int = FIRST_PLACES) -> list[IssueGroup]:
    """The issues grouped by (file, severity, code), errors first, then in order of first appearance."""
    groups: dict[tuple[str, str, str], list[Issue]] = {}
    for issue in issues:
        groups.setdefault((issue.file, issue.severity, issue.code), []).append(issue)
    ordered = sorted(groups.items(), key=lambda item: SEVERITIES.index(item[0][1]))
    return [IssueGroup(severity, code, file, len(found), found[:first]) for (file, severity, code), found in ordered]


def render_summary(issues: Sequence[Issue], lang: str = "en", first: int = FIRST_PLACES) -> str:
    """One line per issue, except that repeated problems of one kind are one line with their count, the first
    one's message and the first places (see `summarise`)."""
    lines = []
    for group in summarise(issues, first):
        if group.count == 1:
            lines.append(render_issues(group.first, lang))
            continue
        sample = group.first[0]
        places = "; ".join(place_of(issue, with_file=False) or issue.file for issue in group.first)
        text = message(
            "repeated_issue", lang, count=f"{group.count:,}", example=sample.message_km if lang == "km" else sample.message, places=places
        )
        lines.append(f"{group.severity.upper():7} {group.file}: {text}")
    return "\n".join(lines)
