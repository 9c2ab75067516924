"""Load any accepted file: read it once, recognise its layout, and hand it to that layout's loader.

Layouts, tried in this order on the first rows of every sheet (a header may sit below a few title lines):

- `published`: UN DESA published results (Survey Year, Country Name, E-Government Index, …);
- `template`: the national data template (headers that end with an indicator code in brackets);
- `long`: entity, [year,] indicator, value[, source];
- `wide`: Country Name/Code, Indicator Name/Code and one column per year (World Bank, ITU).

Every loader returns the tidy shape (`LoadResult`, with `format` and `entity_kind` set), all problems of the
file in one pass, and nothing when any problem is an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from indicators.entities import EntityRegister, load_register
from indicators.ingest import long_format, template, wide_format
from indicators.ingest.issues import Location, make_issue
from indicators.ingest.published import is_published_header, published_from_raw
from indicators.ingest.readers import RawFile, read_file, split_at_header
from indicators.ingest.result import LoadResult
from indicators.ingest.validate import empty_long, guess_register, refused

FORMATS: dict[str, Callable[[list[str]], bool]] = {
    "published": is_published_header,
    "template": template.is_template_header,
    "long": long_format.is_long_header,
    "wide": wide_format.is_wide_header,
}
ENTITY_KINDS = ("auto", "country", "province")


def detect_format(raw: RawFile) -> str | None:
    """The first layout (in FORMATS order) that some sheet of `raw` has a header for; None when none does."""
    for name, is_header in FORMATS.items():
        if any(split_at_header(sheet, is_header) is not None for sheet in raw.sheets):
            return name
    return None


def _entity_names(raw: RawFile, format: str) -> list[object]:
    readers: dict[str, Callable[[RawFile], list[object]]] = {
        "template": template.entity_names,
        "long": long_format.entity_names,
        "wide": wide_format.entity_names,
    }
    return readers[format](raw)


def load_raw(raw: RawFile, entity_kind: str = "auto") -> LoadResult:
    """Tidy rows from an already-read file, whatever its layout (see the module docstring)."""
    if entity_kind not in ENTITY_KINDS:
        raise ValueError(f"entity_kind must be one of {ENTITY_KINDS}, not {entity_kind!r}")
    format = detect_format(raw)
    if format is None:
        first = raw.sheets[0]
        issue = make_issue(
            "error", "unknown_format", Location(raw.path.name, first.name, first.header_row), found=", ".join(h for h in first.header if h)
        )
        return LoadResult(empty_long(), [issue], raw.path.name, raw.checksum, "", "")
    if format == "published":
        located = RawFile(raw.path, raw.checksum, [split_at_header(s, is_published_header) or s for s in raw.sheets])
        return published_from_raw(located)
    register: EntityRegister = load_register(entity_kind) if entity_kind != "auto" else guess_register(_entity_names(raw, format))
    if format == "template":
        return template.template_from_raw(raw, register)
    if format == "long":
        return long_format.long_from_raw(raw, register)
    return wide_format.wide_from_raw(raw, register)


def load_file(path: str | Path, entity_kind: str = "auto") -> LoadResult:
    """Read, recognise, validate and load one CSV or XLSX file into the tidy shape.

    entity_kind: "country" or "province" to use that register; "auto" uses the province register when most entity
    names are Cambodian provinces, else the country register (UN published results are always countries).
    """
    if entity_kind not in ENTITY_KINDS:
        raise ValueError(f"entity_kind must be one of {ENTITY_KINDS}, not {entity_kind!r}")
    raw, issues = read_file(path)
    if raw is None:
        return refused(Path(path), issues)
    return load_raw(raw, entity_kind)
