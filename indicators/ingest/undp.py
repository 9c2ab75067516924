"""UNDP Human Development Report composite indices, complete time series (`HDR25_Composite_indices_…csv`).

One row per country or aggregate (`iso3` or `code`, `country`, `hdicode`, `region`), then one column per
variable and year: `hdi_1990 … hdi_2023, le_…, eys_1990 … eys_2023, mys_1990 … mys_2023, …`. The tool reads
`eys` (expected years of schooling) and `mys` (mean years of schooling); the other variables are skipped with one
note, as are the aggregates `ZZA.VHHD … ZZK.WORLD`. Countries are matched by their ISO3 code first, so HDR
spellings ("Tanzania (United Republic of)") and names mis-encoded by an edited copy do not matter.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from indicators.ingest.cells import blank_mask
from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, normalise_header
from indicators.ingest.validate import Candidates, check_candidates
from indicators.ingest.value_checks import YEAR_RANGE

VARIABLE_YEAR = re.compile(r"([a-z][a-z_]*?)_(\d{4})")
SOURCE = "UNDP Human Development Report Office"


def _positions(header: list[str]) -> tuple[int, int] | None:
    """(code column, country column) of an HDR time-series header; None for any other header."""
    keys = [normalise_header(h) for h in header]
    if "country" not in keys or not ({"iso3", "code"} & set(keys)):
        return None
    variables = [VARIABLE_YEAR.fullmatch(h.strip()) for h in header]
    if not any(m and m.group(1) in ("eys", "mys", "hdi") for m in variables):
        return None
    return keys.index("iso3") if "iso3" in keys else keys.index("code"), keys.index("country")


def recognise(raw: RawFile) -> bool:
    return any(_positions(sheet.header) is not None for sheet in raw.sheets)


def _candidates(sheet: Sheet, code_pos: int, name_pos: int, source: str) -> Candidates:
    rows = sheet.rows
    found = [(p, m.group(1), int(m.group(2))) for p, h in enumerate(sheet.header) if (m := VARIABLE_YEAR.fullmatch(h.strip()))]
    found = [(p, variable, year) for p, variable, year in found if YEAR_RANGE[0] <= year <= YEAR_RANGE[1]]
    block = rows[[p for p, _, _ in found]].to_numpy(dtype=object)
    present = ~blank_mask(block.ravel()).reshape(block.shape)
    row_index, column_index = np.nonzero(present)
    frame = pd.DataFrame(
        {
            "row": rows.index.to_numpy()[row_index],
            "entity": rows[name_pos].to_numpy(dtype=object)[row_index],
            "code": rows[code_pos].to_numpy(dtype=object)[row_index],
            "year": np.array([y for _, _, y in found], dtype=object)[column_index],
            "indicator": np.array([v for _, v, _ in found], dtype=object)[column_index],
            "value": block[row_index, column_index],
            "value_pos": np.array([p for p, _, _ in found], dtype=np.int64)[column_index],
            "source": source,
        }
    )
    return Candidates(sheet, frame, entity_pos=name_pos, code_pos=code_pos)


def load(raw: RawFile, options: LoadOptions) -> LoadResult:
    file = raw.path.name
    sheets = [(sheet, found) for sheet in raw.sheets if (found := _positions(sheet.header)) is not None]
    register = options.register() or guess_register(n for s, (code, _) in sheets for n in s.rows[code].tolist())
    source = f"{SOURCE} ({raw.path.stem})"
    checked = [
        check_candidates(_candidates(sheet, code, name, source), file, register, earliest_year=options.earliest_year)
        for sheet, (code, name) in sheets
    ]
    return finish(raw, checked, [], matched=bool(sheets), format="undp", entity_kind=register.kind, layout="undp_hdr", publisher="undp")
