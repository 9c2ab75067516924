"""What a cell means: blank or not, a number or not (vectorised over a column), and how to show it in a message.

Rules, in order:
- an empty cell or a missing marker ("..", "n/a", "NaN", "#N/A", "-") holds no value: it is skipped, never an
  error, and the marker is named in the note that counts the skipped cells;
- a spreadsheet formula error ("#DIV/0!", "#VALUE!", "#REF!", …) is an error named as such;
- numbers may carry thousands separators and a decimal point, or (in a column that is unambiguous about it) a
  decimal comma: "0,226" is 0.226 only when no value of the same column uses a decimal point; a column mixing
  both is refused cell by cell (see `decimal_style`);
- Khmer digits ("៥៦.៧") are digits; booleans and non-finite numbers are text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

MISSING_MARKERS = {"", "..", "...", "-", "–", "na", "n/a", "n.a.", "nan", "null", "none", "#n/a"}
FORMULA_ERRORS = {
    "#div/0!": "division by zero",
    "#value!": "a value of the wrong type",
    "#ref!": "a reference to a deleted cell",
    "#name?": "an unknown function or name",
    "#num!": "an impossible calculation",
    "#null!": "an empty intersection of ranges",
    "#spill!": "a result that cannot spill",
    "#calc!": "a calculation error",
    "#getting_data": "data still being fetched",
}
POINT, COMMA, MIXED = "point", "comma", "mixed"
KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
_THOUSANDS_COMMA = re.compile(r"[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?")
_THOUSANDS_POINT = re.compile(r"[-+]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?")
_DECIMAL_COMMA = re.compile(r"[-+]?\d*,\d+")
_DECIMAL_POINT = re.compile(r"[-+]?\d*\.\d+([eE][-+]?\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def marker_of(cell: object) -> str | None:
    """The missing marker a cell holds, as written ("" for an empty cell); None when the cell is not a marker."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    if isinstance(cell, str):
        text = cell.strip()
        return text if text.casefold() in MISSING_MARKERS else None
    return None


def blank(cell: object) -> bool:
    """True for an empty cell or a missing marker ("..", "n/a")."""
    return marker_of(cell) is not None


def blank_mask(cells: pd.Series | np.ndarray) -> np.ndarray:
    """`blank` for every cell, vectorised (empty strings and None are by far the most common)."""
    values = np.asarray(cells, dtype=object)
    if values.size == 0:
        return np.zeros(0, dtype=bool)
    empty = (values == "") | pd.isna(values)
    rest = ~empty
    if rest.any():
        candidates = values[rest]
        text = np.fromiter((isinstance(c, str) for c in candidates), dtype=bool, count=candidates.size)
        marked = np.zeros(candidates.size, dtype=bool)
        if text.any():
            marked[text] = [c.strip().casefold() in MISSING_MARKERS for c in candidates[text]]
        empty[rest] = marked
    return np.asarray(empty, dtype=bool)


def formula_error(cell: object) -> str | None:
    """What a spreadsheet formula error means ("#DIV/0!" → "division by zero"); None for any other cell."""
    if isinstance(cell, str) and cell.startswith("#"):
        return FORMULA_ERRORS.get(cell.strip().casefold())
    return None


def _plain(text: str) -> str:
    return _SPACES.sub("", text.translate(KHMER_DIGITS))


def decimal_style(cells: Iterable[object], comma_separated: bool = False) -> str:
    """How the text cells of one column write decimals: POINT ("12.5", "1,234.5"), COMMA ("12,5", "0,226",
    "1.234,5") or MIXED (both, or undecidable). "1,234" alone says nothing (1234 or 1.234?): it is read as
    thousands in a column that also has decimal points, or in a comma-separated CSV file (`comma_separated`), where
    the writer had to quote it; elsewhere a column with nothing else to go by is MIXED, and such cells are refused."""
    comma = point = undecided = False
    for cell in cells:
        if not isinstance(cell, str):
            continue
        text = _plain(cell.strip())
        if _THOUSANDS_COMMA.fullmatch(text):
            point = point or "." in text
            undecided = undecided or "." not in text
        elif _THOUSANDS_POINT.fullmatch(text):
            comma = comma or "," in text
        elif _DECIMAL_COMMA.fullmatch(text):
            comma = True
        elif _DECIMAL_POINT.fullmatch(text):
            point = True
    if comma and point:
        return MIXED
    if comma:
        return COMMA
    return MIXED if undecided and not point and not comma_separated else POINT


def parse_number(value: object, style: str = POINT) -> float | None:
    """A number from a cell: None for an empty or missing marker ("..", "n/a"); ValueError for text, for a formula
    error, and for a separator `style` does not allow (a decimal comma in a POINT column, any comma in a MIXED
    column, "1.234" in a COMMA column, where it could be 1234 or 1.234)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if marker_of(value) is not None:
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError(value)
        return float(value)
    text = _plain(str(value).strip())
    if style == COMMA:
        if _THOUSANDS_POINT.fullmatch(text) and "," not in text:
            raise ValueError(value)  # "1.234": thousands or decimals?
        text = text.replace(".", "") if _THOUSANDS_POINT.fullmatch(text) else text
        if "." in text:
            raise ValueError(value)
        text = text.replace(",", ".")
    elif "," in text:
        if style == MIXED or not _THOUSANDS_COMMA.fullmatch(text):
            raise ValueError(value)
        text = text.replace(",", "")
    result = float(text)
    if not math.isfinite(result):
        raise ValueError(value)
    return result


def parse_numbers(cells: pd.Series | np.ndarray, style: str = POINT) -> tuple[np.ndarray, np.ndarray]:
    """(values, bad): `parse_number` of every cell, vectorised. values is NaN where a cell is missing or bad;
    bad is True where a cell holds text that is not a number (or a non-finite number, or a boolean)."""
    raw = np.asarray(cells, dtype=object)
    count = raw.size
    values = np.full(count, np.nan)
    bad = np.zeros(count, dtype=bool)
    if count == 0:
        return values, bad
    try:
        fast = pd.to_numeric(pd.Series(raw, dtype=object), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        fast = np.full(count, np.nan)
    booleans = np.fromiter((type(c) is bool for c in raw), dtype=bool, count=count)
    good = np.isfinite(fast) & ~booleans
    if style == COMMA:  # "1.234" parses as 1.234 above, but in this column it is ambiguous
        texts = np.fromiter((isinstance(c, str) for c in raw), dtype=bool, count=count)
        good &= ~texts
    values[good] = fast[good]
    cache: dict[object, float | None] = {}
    for position in np.flatnonzero(~good):
        cell = raw[position]
        key: object = cell if isinstance(cell, (str, int, float)) and not isinstance(cell, bool) else id(cell)
        if key not in cache:
            try:
                cache[key] = parse_number(cell, style)
            except (ValueError, TypeError, OverflowError):
                cache[key] = np.inf  # marker for "bad"
        number = cache[key]
        if number is None:
            continue
        if number == np.inf:
            bad[position] = True
        else:
            values[position] = number
    return values, bad


def show(cell: object) -> str:
    """A cell as a person would read it in a message: text stripped, whole numbers without ".0"."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell).strip()


def codes(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(key of each cell, the distinct cells as an object array); fast for the categories a CSV is read into."""
    keys, uniques = pd.factorize(cells if isinstance(cells.dtype, pd.CategoricalDtype) else cells.astype(object), use_na_sentinel=False)
    return keys.astype(np.int64), np.asarray(uniques, dtype=object)


def shown_codes(cells: pd.Series) -> tuple[np.ndarray, list[str]]:
    """(key of each cell, the distinct cells shown as text); blank cells share one key."""
    keys, uniques = codes(cells)
    return keys, [show(u) for u in uniques]


def present_keys(keys: np.ndarray, size: int) -> np.ndarray:
    """The distinct keys (0 ≤ key < size) found in `keys`, in order: a count, not a sort."""
    return np.flatnonzero(np.bincount(keys, minlength=size))
