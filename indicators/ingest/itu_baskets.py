"""The ITU ICT Price Baskets workbook (`ITU_ICTPriceBaskets_2008-2025.xlsx`): sheet `economies_2008-2025`.

Header: `IsoCode, Economy, Code, Basket name, Unit, ITURegion, LDC, LLDC, SIDS, Income_2025, 2008, …, 2025`: one
row per economy, basket and unit (GNIpc, PPP, USD), "NA" for missing. The tool reads two baskets as % of monthly
GNI per capita (lower is better): the mobile data-and-voice high-consumption basket and the fixed-broadband
basket. Their definitions change over time (1.5 GB → 2 GB in 2021 → 5 GB in 2025; 1 GB → 5 GB in 2018), so each
basket code maps to our code only for the years it defines (`data/sources/series.csv`), and each value's source
names its basket. The other sheets (overview, history, medians by group, GNI denominators) are not data to load.
"""

from __future__ import annotations

from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import finish
from indicators.ingest.result import LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, match_columns, split_at_header
from indicators.ingest.validate import check_candidates
from indicators.ingest.wide_format import header_year, wide_candidates

ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("isocode",),
    "entity": ("economy",),
    "series": ("code",),
    "name": ("basket name",),
    "unit": ("unit",),
}
SOURCE = "ITU ICT Price Baskets"


def is_header(header: list[str]) -> bool:
    columns = match_columns(header, ALIASES)
    return len(columns) == len(ALIASES) and any(header_year(h) is not None for h in header)


def recognise(raw: RawFile) -> bool:
    return any(split_at_header(sheet, is_header, max_scan=5) is not None for sheet in raw.sheets)


def load(raw: RawFile, options: LoadOptions) -> LoadResult:
    file = raw.path.name
    sheets = [found for sheet in raw.sheets if (found := split_at_header(sheet, is_header, max_scan=5)) is not None]
    register = options.register() or guess_register(n for s in sheets for n in s.rows[match_columns(s.header, ALIASES)["entity"]].tolist())
    checked = []
    for sheet in sheets:
        columns = match_columns(sheet.header, ALIASES)
        candidates = wide_candidates(
            sheet, entity_pos=columns["entity"], code_pos=columns["code"], series_pos=columns["series"], name_pos=columns["name"]
        )
        names = candidates.frame["label"].astype(str).str.rsplit(" (", n=1).str[0]
        candidates.frame["source"] = SOURCE + ": " + names
        checked.append(check_candidates(candidates, file, register, earliest_year=options.earliest_year))
    return finish(
        raw, checked, [], matched=bool(sheets), format="itu", entity_kind=register.kind, layout="itu_price_baskets", publisher="itu"
    )
