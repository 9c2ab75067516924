"""Errors as values: every problem found in an input, as one row of a table.

A loader never raises on bad input; it returns the problems it found, all of them in one pass, each with the
place a person would look in Excel (file, sheet, row number as shown, column header) and a message in
English and Khmer. Errors block an import; warnings and notes do not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pandas as pd

from indicators.i18n import message

SEVERITIES = ("error", "warning", "info")
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


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(issue.severity == "error" for issue in issues)


def issues_frame(issues: Iterable[Issue]) -> pd.DataFrame:
    """The issues as a table with the columns of `ISSUE_COLUMNS`."""
    rows = [asdict(issue) for issue in issues]
    frame = pd.DataFrame(rows, columns=ISSUE_COLUMNS)
    return frame.astype({"row": "Int64"})


def render_issues(issues: Iterable[Issue], lang: str = "en") -> str:
    """A plain-text table of the issues, one line each, for the command line."""
    lines = []
    for issue in issues:
        place = [issue.file]
        if issue.sheet:
            place.append(f"sheet '{issue.sheet}'")
        if issue.row is not None:
            place.append(f"row {issue.row}")
        if issue.column:
            place.append(f"column '{issue.column}'")
        text = issue.message_km if lang == "km" else issue.message
        lines.append(f"{issue.severity.upper():7} {', '.join(p for p in place if p)}: {text}")
    return "\n".join(lines)
