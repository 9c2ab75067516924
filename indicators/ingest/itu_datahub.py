"""ITU DataHub exports (datahub.itu.int): several series in one long file.

Header: `seriesID, seriesCode, seriesName, seriesParent, seriesUnits, entityID, entityIso, entityName, dataValue,
dataYear, dataNote, dataSource, seriesDescription`. Series are chosen by `seriesCode` only: `seriesUnits` is wrong
in real exports (`i911mw`, per 100 inhabitants, says "count"; `i4213tfbb`, a count, says "per 100 people"). ITU
territory codes that are not ISO (`AAA` Guernsey, `KSO` Kosovo) are skipped by the shared matcher. Each value's
source is "ITU DataHub" and the export's own `dataSource` text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, match_columns
from indicators.ingest.validate import Candidates, check_candidates

ALIASES: dict[str, tuple[str, ...]] = {
    "series": ("seriescode",),
    "name": ("seriesname",),
    "code": ("entityiso",),
    "entity": ("entityname",),
    "value": ("datavalue",),
    "year": ("datayear",),
    "source": ("datasource",),
}
SOURCE = "ITU DataHub"


def is_header(header: list[str]) -> bool:
    return all(field in match_columns(header, ALIASES) for field in ("series", "code", "entity", "value", "year"))


def recognise(raw: RawFile) -> bool:
    return any(is_header(sheet.header) for sheet in raw.sheets)


def _candidates(sheet: Sheet) -> Candidates:
    columns = match_columns(sheet.header, ALIASES)
    rows = sheet.rows
    sources = rows[columns["source"]].to_numpy(dtype=object) if "source" in columns else None
    keys, texts = pd.factorize(pd.Series(sources if sources is not None else [""] * len(rows), dtype=object), use_na_sentinel=False)
    labels = [f"{SOURCE}: {str(t).strip()}" if str(t).strip() else SOURCE for t in texts]
    names = rows[columns["name"]].to_numpy(dtype=object) if "name" in columns else rows[columns["series"]].to_numpy(dtype=object)
    series = rows[columns["series"]].to_numpy(dtype=object)
    frame = pd.DataFrame(
        {
            "row": rows.index.to_numpy(),
            "entity": rows[columns["entity"]].to_numpy(dtype=object),
            "code": rows[columns["code"]].to_numpy(dtype=object),
            "year": rows[columns["year"]].to_numpy(dtype=object),
            "indicator": series,
            "value": rows[columns["value"]].to_numpy(dtype=object),
            "value_pos": columns["value"],
            "source": np.array(labels, dtype=object)[keys],
            "label": [f"{s} ({n})" for s, n in zip(series, names, strict=True)],
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
    return finish(raw, checked, [], matched=bool(sheets), format="itu", entity_kind=register.kind, layout="itu_datahub", publisher="itu")
