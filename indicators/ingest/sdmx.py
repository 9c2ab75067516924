"""SDMX-style long exports, as World Bank Data360 and other SDMX services give them.

Header: `REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE` with any of `REF_AREA_LABEL, INDICATOR_LABEL, UNIT_MEASURE,
SEX, AGE, URBANISATION, COMP_BREAKDOWN_n, DATABASE_ID_LABEL, OBS_STATUS, …`. The tool reads totals: a row broken
down by sex, age, urbanisation or another dimension (any value other than `_T`, `_Z` or empty) is skipped, with
one note. Series are chosen by `INDICATOR` code (Data360 codes such as `ITU_DH_ACT_MOB_PER_100`); aggregates are
skipped by the shared matcher. A value's source is the dataset's label (`DATABASE_ID_LABEL`) where there is one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.entities import EntityRegister
from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish
from indicators.ingest.issues import Location
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, normalise_header
from indicators.ingest.validate import Candidates, Checked, check_candidates

REQUIRED = ("ref area", "indicator", "time period", "obs value")
TOTALS = {"", "_t", "_z", "t", "total"}
BREAKDOWNS = ("sex", "age", "urbanisation", "urbanization", "comp breakdown 1", "comp breakdown 2", "comp breakdown 3")
SOURCE = "World Bank Data360"


def is_header(header: list[str]) -> bool:
    keys = [normalise_header(h) for h in header]
    return all(field in keys for field in REQUIRED)


def recognise(raw: RawFile) -> bool:
    return any(is_header(sheet.header) for sheet in raw.sheets)


def _column(sheet: Sheet, name: str) -> int:
    keys = [normalise_header(h) for h in sheet.header]
    return keys.index(name) if name in keys else -1


def _check(sheet: Sheet, file: str, register: EntityRegister, earliest_year: int) -> Checked:
    rows = sheet.rows
    position = {name: _column(sheet, name) for name in (*REQUIRED, "ref area label", "indicator label", "database id label", *BREAKDOWNS)}
    total = np.ones(len(rows), dtype=bool)
    for name in BREAKDOWNS:
        if position[name] >= 0:
            texts = pd.Series(rows[position[name]].to_numpy(dtype=object), dtype=object).fillna("").astype(str).str.strip().str.casefold()
            total &= texts.isin(TOTALS).to_numpy()
    chosen = rows[total]

    def cells(name: str) -> np.ndarray | None:
        return chosen[position[name]].to_numpy(dtype=object) if position[name] >= 0 else None

    databases = cells("database id label")
    source = SOURCE if databases is None else np.array([f"{SOURCE}: {d}" if str(d).strip() else SOURCE for d in databases], dtype=object)
    frame = pd.DataFrame(
        {
            "row": chosen.index.to_numpy(),
            "entity": cells("ref area label"),
            "code": cells("ref area"),
            "year": cells("time period"),
            "indicator": cells("indicator"),
            "value": cells("obs value"),
            "value_pos": position["obs value"],
            "source": source,
        }
    )
    labels = cells("indicator label")
    if labels is not None:
        frame["label"] = [f"{c} ({n})" for c, n in zip(frame["indicator"], labels, strict=True)]
    candidates = Candidates(
        sheet,
        frame,
        entity_pos=position["ref area label"],
        code_pos=position["ref area"],
        year_pos=position["time period"],
        indicator_pos=position["indicator"],
    )
    checked = check_candidates(candidates, file, register, earliest_year)
    if (~total).any():
        first = int(rows.index[np.flatnonzero(~total)[0]])
        checked.tally.breakdowns.add(int((~total).sum()), Location(file, sheet.name, first))
    return checked


def load(raw: RawFile, options: LoadOptions) -> LoadResult:
    file = raw.path.name
    sheets = [sheet for sheet in raw.sheets if is_header(sheet.header)]
    areas = [area for sheet in sheets for area in pd.unique(sheet.rows[_column(sheet, "ref area")].to_numpy(dtype=object))]
    register = options.register() or guess_register(areas)
    checked = [_check(sheet, file, register, options.earliest_year) for sheet in sheets]
    return finish(raw, checked, [], matched=bool(sheets), format="sdmx", entity_kind=register.kind, layout="sdmx", publisher="data360")
