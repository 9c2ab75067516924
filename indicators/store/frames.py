"""Between pandas and the database: checking a tidy frame before it is stored, and rows for bulk inserts.

A tidy frame (see `indicators.ingest.long_format.LONG_COLUMNS`) needs `entity`, `indicator` and `value`; `year`, `source`,
`sheet`, `row`, `column` and `flags` are optional. Each (entity, year, indicator) may appear once: a repeat with the
same value is dropped, a repeat with another value refuses the frame (loaders report such conflicts already).
Text with a control character is refused (loaders report it already): it breaks XLSX exports and PostgreSQL.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from indicators.store.diff import KEY, NO_YEAR, as_int
from indicators.store.errors import store_error

REQUIRED = ("entity", "indicator", "value")
TEXT_COLUMNS = ("source", "sheet", "column", "flags")
STORED_COLUMNS = ["entity", "year", "indicator", "value", "source", "sheet", "row", "column", "flags"]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what XML (XLSX) forbids, and PostgreSQL's NUL


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str)


def prepare_tidy(tidy: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """`tidy` with exactly STORED_COLUMNS and clean types, one row per key; StoreError when it cannot be stored."""
    missing = [column for column in REQUIRED if column not in tidy.columns]
    if missing:
        raise store_error("store_missing_columns", dataset=dataset, columns=", ".join(missing))
    if tidy.empty:
        raise store_error("store_empty_import", dataset=dataset)
    size = len(tidy)
    try:
        value = pd.to_numeric(tidy["value"], errors="raise").astype(float)
    except (TypeError, ValueError) as error:
        raise store_error("store_bad_column", dataset=dataset, column="value", reason=str(error)) from error
    numbers: dict[str, pd.Series] = {}
    for column in ("year", "row"):
        try:
            numbers[column] = as_int(tidy[column]) if column in tidy.columns else pd.Series(pd.NA, index=tidy.index, dtype="Int64")
        except (TypeError, ValueError) as error:
            raise store_error("store_bad_column", dataset=dataset, column=column, reason=str(error)) from error
    frame = pd.DataFrame(
        {
            "entity": _text(tidy["entity"]),
            "year": numbers["year"],
            "indicator": _text(tidy["indicator"]),
            "value": value,
            **{column: _text(tidy[column]) if column in tidy.columns else pd.Series("", index=tidy.index) for column in TEXT_COLUMNS},
            "row": numbers["row"],
        }
    )[STORED_COLUMNS].reset_index(drop=True)
    for column in ("entity", "indicator", *TEXT_COLUMNS):
        dirty = [text for text in frame[column].unique() if CONTROL.search(text)]
        if dirty:
            shown = dirty[0].encode("unicode_escape").decode()
            raise store_error("store_bad_column", dataset=dataset, column=column, reason=f"a control character in {shown!r}")
    blank = frame["entity"].isin(_blank(frame["entity"])) | frame["indicator"].isin(_blank(frame["indicator"]))
    if blank.any():
        raise store_error("store_blank_key", dataset=dataset, position=int(np.flatnonzero(blank.to_numpy())[0]) + 1)
    return _one_row_per_key(frame, dataset) if size > 1 else frame


def _blank(texts: pd.Series) -> list[str]:
    """The distinct texts of `texts` that are empty or only spaces (checked once per distinct text)."""
    return [text for text in texts.unique() if not text.strip()]


def _one_row_per_key(frame: pd.DataFrame, dataset: str) -> pd.DataFrame:
    keys = frame[KEY].assign(year=frame["year"].fillna(NO_YEAR))
    repeated = keys.duplicated(keep="first")
    if not repeated.any():
        return frame
    values = frame["value"].fillna(np.inf)
    conflicting = keys.assign(value=values).drop_duplicates().duplicated(KEY, keep=False)
    if conflicting.any():
        first = frame.loc[conflicting[conflicting].index[0]]
        year = "—" if pd.isna(first["year"]) else int(first["year"])
        raise store_error("store_duplicate_key", dataset=dataset, entity=first["entity"], indicator=first["indicator"], year=year)
    return frame[~repeated.to_numpy()].reset_index(drop=True)


def python_values(series: pd.Series) -> list[object]:
    """The values of `series` as Python objects a database driver binds, with None for missing values."""
    if series.dtype == "Int64":
        return [None if value is pd.NA else int(value) for value in series.astype(object)]
    if series.dtype.kind == "f":
        array = series.to_numpy(dtype=float)
        return [None if value != value else value for value in array.tolist()]
    return series.astype(object).where(series.notna(), None).tolist()
