"""Load any accepted file: read it once, recognise its layout, and hand it to that layout's loader.

Layouts, tried in this order (the most specific first; a header may sit below a few title lines):

| layout | module | recognised by |
| --- | --- | --- |
| UN DESA published results, UNU-EGOV EGDI files | `published` | Survey Year (or none, UNU), Country, E-Government Index, … |
| the national data template | `template` | headers ending with an indicator code in brackets |
| ITU DataHub export | `itu_datahub` | seriesCode, entityIso, dataValue, dataYear |
| SDMX / World Bank Data360 export | `sdmx` | REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE |
| UNESCO UIS.Stat export | `uis` | EDULIT_IND, LOCATION, TIME, Value |
| UNDP HDR composite indices time series | `undp` | iso3/code, country, eys_1990 … |
| ITU ICT Price Baskets workbook | `itu_baskets` | IsoCode, Economy, Code, Basket name, Unit, 2008 … |
| ITU country file (legacy .xls) | `itu_legacy` | a row of block titles over a row of years |
| World Bank bulk, DataBank (both layouts), single series | `worldbank` | Country Name, Country Code, Indicator Name/Code, … |
| Cambodia NIS province table | `nis` | Province and measure columns (T_LIT15), no year |
| long table | `long_format` | entity, indicator, value |
| wide table by year | `wide_format` | country, indicator, 2000, 2001, … |

Every loader returns the tidy shape (`LoadResult`), all problems of the file in one pass, what it recognised
(`describe`), and nothing when any problem is an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from indicators.ingest import itu_baskets, itu_datahub, itu_legacy, long_format, nis, sdmx, template, uis, undp, wide_format, worldbank
from indicators.ingest.entity_match import guess_register
from indicators.ingest.finish import refused
from indicators.ingest.issues import Location, make_issue
from indicators.ingest.published import is_published_header, is_unu_header, published_from_raw
from indicators.ingest.readers import read_file
from indicators.ingest.result import ENTITY_KINDS, LoadOptions, LoadResult
from indicators.ingest.sheets import RawFile, split_at_header
from indicators.ingest.validate import empty_long


@dataclass(frozen=True)
class Layout:
    """A file layout: its name, how to recognise it in a file, and its loader."""

    name: str
    recognise: Callable[[RawFile], bool]
    load: Callable[[RawFile, LoadOptions], LoadResult]


def _any_header(is_header: Callable[[list[str]], bool]) -> Callable[[RawFile], bool]:
    return lambda raw: any(split_at_header(sheet, is_header) is not None for sheet in raw.sheets)


def _published(raw: RawFile, options: LoadOptions) -> LoadResult:
    located = RawFile(raw.path, raw.checksum, [split_at_header(s, is_published_header) or s for s in raw.sheets], raw.notes)
    return published_from_raw(located, options=options)


def _template(raw: RawFile, options: LoadOptions) -> LoadResult:
    return template.template_from_raw(raw, options.register())


def _long(raw: RawFile, options: LoadOptions) -> LoadResult:
    return long_format.long_from_raw(raw, options.register() or guess_register(long_format.entity_names(raw)))


LAYOUTS = (
    Layout("published", _any_header(lambda h: is_published_header(h) or is_unu_header(h)), _published),
    Layout("template", _any_header(template.is_template_header), _template),
    Layout("itu_datahub", itu_datahub.recognise, itu_datahub.load),
    Layout("sdmx", sdmx.recognise, sdmx.load),
    Layout("uis", uis.recognise, uis.load),
    Layout("undp", undp.recognise, undp.load),
    Layout("itu_baskets", itu_baskets.recognise, itu_baskets.load),
    Layout("itu_legacy", itu_legacy.recognise, itu_legacy.load),
    Layout("worldbank", lambda raw: worldbank.recognise(raw) is not None, worldbank.load),
    Layout("nis", nis.recognise, nis.load),
    Layout("long", _any_header(long_format.is_long_header), _long),
    Layout("wide", _any_header(wide_format.is_wide_header), lambda raw, options: wide_format.wide_from_raw(raw, options=options)),
)
FORMATS = tuple(layout.name for layout in LAYOUTS)


def detect_format(raw: RawFile) -> str | None:
    """The first layout (in LAYOUTS order) that `raw` holds; None when none does."""
    return next((layout.name for layout in LAYOUTS if layout.recognise(raw)), None)


def load_raw(raw: RawFile, entity_kind: str = "auto", options: LoadOptions | None = None) -> LoadResult:
    """Tidy rows from an already-read file, whatever its layout (see the module docstring)."""
    options = options or LoadOptions(entity_kind=entity_kind)
    for layout in LAYOUTS:
        if layout.recognise(raw):
            return layout.load(raw, options)
    first = raw.sheets[0]
    issue = make_issue(
        "error",
        "unknown_format",
        Location(raw.path.name, first.name, first.header_row),
        found=", ".join(h for h in first.header if h)[:300],
    )
    return LoadResult(empty_long(), [*raw.notes, issue], raw.path.name, raw.checksum, "", "")


def load_file(path: str | Path, entity_kind: str = "auto", options: LoadOptions | None = None) -> LoadResult:
    """Read, recognise, validate and load one file into the tidy shape.

    entity_kind: "country" or "province" to use that register; "auto" uses the province register when most entity
    names are Cambodian provinces, else the country register (UN published results are always countries).
    `options` (see `LoadOptions`) carries what the user says about the file; its entity_kind wins when given.
    """
    if entity_kind not in ENTITY_KINDS:
        raise ValueError(f"entity_kind must be one of {ENTITY_KINDS}, not {entity_kind!r}")
    options = options or LoadOptions(entity_kind=entity_kind)
    raw, issues = read_file(path)
    if raw is None:
        return refused(Path(path), issues)
    return load_raw(raw, options=options)
