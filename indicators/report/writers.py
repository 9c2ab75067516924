"""Write tables to CSV or XLSX, never letting a cell be read as a formula.

Text that starts like a formula gets a leading apostrophe, and so does any part of a text after a ";" or a tab:
Excel in a locale whose list separator is ";" splits `ITU;=1+1` into two cells whatever the quotes, and would
make a formula of the second (`ITU;'=1+1` stays text). In a CSV file every text cell is also quoted.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from indicators.ingest.bundled import attribution_lines

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
AFTER_SEPARATOR = re.compile(r"([;\t][ ]*)(?=[=+\-@])")
TABLE_SUFFIXES = (".csv", ".xlsx")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would take for a formula (=, +, -, @ first, or after a ";" or a tab) gets an
    apostrophe before it."""
    if not isinstance(value, str):
        return value
    value = AFTER_SEPARATOR.sub(r"\1'", value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and headers are neutralised; numbers are left as numbers."""
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(neutralise)
    return safe.rename(columns=lambda c: neutralise(str(c)))


ATTRIBUTION = "attribution"


def with_attribution(frame: pd.DataFrame, lang: str = "en", header: str = ATTRIBUTION) -> pd.DataFrame:
    """`frame` with a last column `header` whose first row credits every bundled source with its licence
    (ingest.bundled.attribution_lines; the other rows empty): a CSV export carries the attribution of the data it
    holds, and readers of the table are not disturbed."""
    lines = attribution_lines(lang)
    column = [" | ".join(lines)] + [""] * (len(frame) - 1) if len(frame) else []
    return frame.assign(**{header: pd.Series(column, index=frame.index, dtype=object)})


def csv_text(frame: pd.DataFrame) -> str:
    """`frame` as the CSV text `write_table` writes: neutralised, every text cell quoted (a download's content)."""
    return neutralise_frame(frame).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC)


def write_table(frame: pd.DataFrame, path: str | Path, sheet_name: str = "data") -> Path:
    """Write `frame` to a .csv (UTF-8, every text cell quoted) or .xlsx file."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in TABLE_SUFFIXES:
        raise ValueError(f"unsupported output type {path.suffix!r}: use .csv or .xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        path.write_bytes(csv_text(frame).encode("utf-8"))
    else:
        neutralise_frame(frame).to_excel(path, index=False, sheet_name=sheet_name, engine="openpyxl")
    return path
