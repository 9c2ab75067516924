"""UNESCO Institute for Statistics exports (UIS.Stat, `EDULIT_DS`): literacy and enrolment, several series per file.

Header: `EDULIT_IND, Indicator, LOCATION, Country, TIME, Time, Value, Flag Codes, Flags`. Series are matched by
code (`LR_AG15T99`, `GER_1`, `GER_2T3`, `GER_5T8`, or the newer dotted codes), else by their name with its unit
("Gross enrolment ratio, primary, both sexes (%)"); enrolment counts and the many other UIS series are skipped
with one note. A cell flagged "a" (category not applicable) or "n" (nil) holds no value and is counted as such;
other flags (UIS or national estimation) travel with the value in `flags`. Where a file gives the three gross
enrolment ratios of an entity and year but no combined one, the combined ratio is derived (see `derived`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, match_columns
from indicators.ingest.validate import Candidates, check_candidates

ALIASES: dict[str, tuple[str, ...]] = {
    "series": ("edulit ind", "indicator id"),
    "name": ("indicator",),
    "code": ("location",),
    "entity": ("country",),
    "year": ("time",),
    "value": ("value",),
    "flags": ("flags",),
}
SOURCE = "UNESCO Institute for Statistics (UIS.Stat)"


def is_header(header: list[str]) -> bool:
    return all(field in match_columns(header, ALIASES) for field in ("series", "code", "entity", "year", "value"))


def recognise(raw: RawFile) -> bool:
    return any(is_header(sheet.header) for sheet in raw.sheets)


def _flag(text: object) -> str:
    return re.sub(r"\W+", "_", str(text or "").strip().casefold()).strip("_")


def _candidates(sheet: Sheet) -> Candidates:
    columns = match_columns(sheet.header, ALIASES)
    rows = sheet.rows

    def cells(field: str) -> np.ndarray:
        return rows[columns[field]].to_numpy(dtype=object) if field in columns else np.full(len(rows), "", dtype=object)

    series, names = cells("series"), cells("name")
    flag_keys, flag_texts = pd.factorize(pd.Series(cells("flags"), dtype=object), use_na_sentinel=False)
    frame = pd.DataFrame(
        {
            "row": rows.index.to_numpy(),
            "entity": cells("entity"),
            "code": cells("code"),
            "year": cells("year"),
            "indicator": series,
            "value": cells("value"),
            "value_pos": columns["value"],
            "source": SOURCE,
            "name": names,
            "label": [f"{s} ({n})" if str(n).strip() else str(s) for s, n in zip(series, names, strict=True)],
            "flags": np.array([_flag(t) for t in flag_texts], dtype=object)[flag_keys],
        }
    )
    return Candidates(
        sheet, frame, entity_pos=columns["entity"], code_pos=columns["code"], year_pos=columns["year"], indicator_pos=columns["series"]
    )


def load(raw: RawFile, options: LoadOptions) -> LoadResult:
    file = raw.path.name
    sheets = [sheet for sheet in raw.sheets if is_header(sheet.header)]
    register = options.register() or guess_register(
        n for s in sheets for n in pd.unique(s.rows[match_columns(s.header, ALIASES)["entity"]].to_numpy(dtype=object))
    )
    checked = [check_candidates(_candidates(sheet), file, register, earliest_year=options.earliest_year) for sheet in sheets]
    return finish(
        raw, checked, [], matched=bool(sheets), format="uis", entity_kind=register.kind, layout="uis", publisher="uis", derive=True
    )
