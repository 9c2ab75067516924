"""ITU country files, as the ITU published them until about 2020 (legacy .xls, e.g. `Mobile_cellular_2000-2018.xls`).

One sheet, no indicator column: a row of block titles ("Mobile-cellular telephone subscriptions", "… per 100
inhabitants", "Metadata for …"), below it a row of years, and one row per economy named in the first column (ITU
spellings: "Korea (Rep. of)", "Congo (Rep. of the)"). Each run of year columns is one series, named by its title:
counts, per-100 values and notes sit side by side, and only the blocks whose title maps to one of our codes
(with its unit) are read. A value's source is the "Source YYYY" cell of its row where there is one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.ingest.cells import blank_mask, show
from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, Sheet, cell_text
from indicators.ingest.validate import Candidates, check_candidates
from indicators.ingest.wide_format import header_year

MIN_YEARS = 5
SOURCE = "ITU country file"


def _layout(sheet: Sheet) -> tuple[list[str], int] | None:
    """(titles, position of the year row in `sheet.rows`) when the sheet is an ITU country file."""
    titles = [cell_text(c) for c in sheet.header]
    if titles[:1] != [""] or not any(titles[1:]) or sheet.rows.empty:
        return None
    years = [cell_text(c) for c in sheet.rows.iloc[0].tolist()]
    if years[:1] != [""] or sum(header_year(y) is not None for y in years) < MIN_YEARS:
        return None
    return titles, 0


def recognise(raw: RawFile) -> bool:
    return any(_layout(sheet) is not None for sheet in raw.sheets)


def blocks(titles: list[str], years: list[str]) -> list[tuple[str, list[int]]]:
    """(title, year columns) of each run of year columns, named by the last title at or before the run."""
    found: list[tuple[str, list[int]]] = []
    title = ""
    for position, text in enumerate(years):
        title = titles[position] if position < len(titles) and titles[position] else title
        if header_year(text) is None:
            continue
        starts = not found or found[-1][1][-1] != position - 1 or (position < len(titles) and titles[position])
        if starts:
            found.append((title, []))
        found[-1][1].append(position)
    return found


def _candidates(sheet: Sheet, titles: list[str]) -> Candidates:
    year_row = sheet.rows.iloc[0]
    years = [cell_text(c) for c in year_row.tolist()]
    body = sheet.rows.iloc[1:]
    table = Sheet(sheet.name, years, body, int(sheet.rows.index[0]), sheet.delimiter, sheet.linked)
    source_of = {header_year(text[len("source ") :]): p for p, text in enumerate(years) if text.casefold().startswith("source ")}
    parts = []
    for title, positions in blocks(titles, years):
        for position in positions:
            cells = body[position].to_numpy(dtype=object)
            present = ~blank_mask(cells)
            year = header_year(years[position])
            notes = body[source_of[year]].to_numpy(dtype=object) if year in source_of else np.full(len(body), "", dtype=object)
            parts.append(
                pd.DataFrame(
                    {
                        "row": body.index.to_numpy()[present],
                        "entity": body[0].to_numpy(dtype=object)[present],
                        "code": None,
                        "year": year,
                        "indicator": title,
                        "value": cells[present],
                        "value_pos": position,
                        "source": [f"{SOURCE}: {show(n)}" if show(n) else SOURCE for n in notes[present]],
                    }
                )
            )
    frame = pd.concat(parts, ignore_index=True).sort_values(["row", "value_pos"], kind="stable")
    return Candidates(table, frame, entity_pos=0)


def load(raw: RawFile, options: LoadOptions) -> LoadResult:
    file = raw.path.name
    sheets = [(sheet, found[0]) for sheet in raw.sheets if (found := _layout(sheet)) is not None]
    register = options.register() or guess_register(n for s, _ in sheets for n in s.rows[0].tolist())
    checked = [
        check_candidates(_candidates(sheet, titles), file, register, earliest_year=options.earliest_year) for sheet, titles in sheets
    ]
    return finish(
        raw, checked, [], matched=bool(sheets), format="itu", entity_kind=register.kind, layout="itu_country_file", publisher="itu"
    )
