"""Write tables to CSV or XLSX, never letting a cell be read as a formula."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TABLE_SUFFIXES = (".csv", ".xlsx")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would take for a formula (=, +, -, @ first) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and headers are neutralised; numbers are left as numbers."""
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(neutralise)
    return safe.rename(columns=lambda c: neutralise(str(c)))


def write_table(frame: pd.DataFrame, path: str | Path, sheet_name: str = "data") -> Path:
    """Write `frame` to a .csv (UTF-8) or .xlsx file."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in TABLE_SUFFIXES:
        raise ValueError(f"unsupported output type {path.suffix!r}: use .csv or .xlsx")
    safe = neutralise_frame(frame)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        safe.to_csv(path, index=False, encoding="utf-8")
    else:
        safe.to_excel(path, index=False, sheet_name=sheet_name, engine="openpyxl")
    return path
