"""The report's tables, one function each, with headers in the report language and a kind per column (which number
format a number gets). The workbook, the PDF brief and CSV exports all draw from these.

Kinds: index (0.0000), index_change (+0.0000), rank (0), rank_change (+0), year (0), value (#,##0.00), ratio (0.00),
count (0), text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from indicators.entities import load_countries
from indicators.report.content import INDEX_CODES, ReportContent
from indicators.report.messages import changes, group_name, index_name
from indicators.report.strings import integer, missing, text
from indicators.report.writers import neutralise, with_attribution

NUMBER_FORMATS = {
    "index": "0.0000",
    "index_change": "+0.0000;-0.0000;0.0000",
    "rank": "0",
    "rank_change": "+0;-0;0",
    "year": "0",
    "value": "#,##0.00",
    "ratio": "0.00",
    "count": "0",
    "text": "@",
}
RANKS = ("world_rank", "asean_rank")
KHMER = re.compile("[\u1780-\u17ff]")


@dataclass(frozen=True)
class Table:
    """A table: `frame` has one column per entry of `columns` (code, header, kind), in that order.

    row_kinds: for a table whose rows differ in kind (the summary), the kind of each row's numbers; it overrides the
    column kinds of numeric columns.
    """

    key: str
    columns: tuple[tuple[str, str, str], ...]
    frame: pd.DataFrame
    row_kinds: tuple[str, ...] | None = None

    @property
    def headers(self) -> list[str]:
        return [header for _, header, _ in self.columns]

    def kind(self, row: int, column: int) -> str:
        kind = self.columns[column][2]
        if self.row_kinds is not None and kind != "text":
            base = self.row_kinds[row]
            return f"{base}_change" if kind.endswith("_change") and base in ("index", "rank") else base
        return kind

    def labelled(self) -> pd.DataFrame:
        """The frame with the headers as column names."""
        return self.frame.set_axis(self.headers, axis=1)


def _header(key: str, lang: str, **params: object) -> str:
    return text(f"col_{key}", lang, **params)


def _none(value: object) -> object:
    return None if missing(value) else value


def _int(value: object) -> int | None:
    return None if missing(value) else int(value)  # type: ignore[call-overload]


def _each(series: pd.Series, convert: Callable[[object], object]) -> pd.Series:
    """`convert` applied to every value, kept as objects (pandas' map would turn ints with a gap into floats)."""
    return pd.Series([convert(v) for v in series], index=series.index, dtype=object)


def summary(content: ReportContent, lang: str) -> Table:
    """Headline figures of the edition, the previous edition and the change."""
    moved = changes(content)
    now, before = content.current, content.previous
    rows, kinds = [], []
    for record in moved.itertuples(index=False):
        is_rank = record.code in RANKS
        label = text(f"label_{record.code}", lang) if is_rank else index_name(str(record.code), lang)
        convert = _int if is_rank else _none
        rows.append([label, convert(record.value), convert(record.previous), convert(record.change)])
        kinds.append("rank" if is_rank else "index")
    rows.append(
        [text("label_group", lang), group_name(now["group"], lang), group_name(before["group"], lang) if before is not None else None, None]
    )
    kinds.append("text")
    rating = now["rating_class"] if isinstance(now["rating_class"], str) else text("class_needs_world", lang)
    rows.append([text("label_rating_class", lang), rating, None, None])
    kinds.append("text")
    previous = content.previous_edition
    columns = (
        ("figure", _header("figure", lang), "text"),
        ("value", _header("value_in", lang, edition=integer(content.edition, lang)), "index"),
        ("previous", _header("value_in", lang, edition=integer(previous, lang)) if previous else _header("previous", lang), "index"),
        ("change", _header("change", lang), "index_change"),
    )
    frame = pd.DataFrame(rows, columns=[c for c, _, _ in columns], dtype=object)
    return Table("summary", columns, frame, tuple(kinds))


def history(content: ReportContent, lang: str) -> Table:
    """EGDI, sub-indices, ranks, group and class by edition (the report's main table)."""
    columns = (
        ("edition", _header("edition", lang), "year"),
        *((code, index_name(f"{code}_short", lang), "index") for code in INDEX_CODES),
        ("world_rank", text("label_world_rank", lang), "rank"),
        ("asean_rank", text("label_asean_rank", lang), "rank"),
        ("group", text("label_group", lang), "text"),
        ("rating_class", text("label_rating_class", lang), "text"),
    )
    frame = content.history[[c for c, _, _ in columns]].astype(object).copy()
    frame["group"] = _each(frame["group"], lambda g: group_name(g, lang))
    frame["edition"] = _each(frame["edition"], _int)
    for code in RANKS:
        frame[code] = _each(frame[code], _int)
    for code in INDEX_CODES:
        frame[code] = _each(frame[code], _none)
    frame["rating_class"] = _each(frame["rating_class"], lambda c: c if isinstance(c, str) else None)
    return Table("history", columns, frame.reset_index(drop=True))


def components(content: ReportContent, lang: str) -> Table:
    """The entity's stored component values with year, unit, source and provenance."""
    columns = (
        ("name", _header("indicator", lang), "text"),
        ("indicator", _header("code", lang), "text"),
        ("year", _header("year", lang), "year"),
        ("value", _header("value", lang), "value"),
        ("unit", _header("unit", lang), "text"),
        ("source", _header("source", lang), "text"),
        ("file", _header("file", lang), "text"),
        ("row", _header("row", lang), "count"),
        ("version_id", _header("version", lang), "count"),
    )
    data = content.components
    frame = pd.DataFrame(
        {
            "name": data["name_km" if lang == "km" else "name_en"],
            "indicator": data["indicator"],
            "year": _each(data["year"], _int),
            "value": _each(data["value"], _none),
            "unit": data["unit_km" if lang == "km" else "unit_en"],
            "source": data["source"],
            "file": data["file"],
            "row": _each(data["row"], _int),
            "version_id": _each(data["version_id"], _int),
        },
        dtype=object,
    )
    return Table("components", columns, frame.reset_index(drop=True))


def peers(content: ReportContent, lang: str) -> Table:
    """The ASEAN table of the edition, best EGDI first."""
    countries = load_countries()
    columns = (
        ("peer_rank", text("label_asean_rank", lang), "rank"),
        ("country", _header("country", lang), "text"),
        ("iso3", _header("iso3", lang), "text"),
        *((code, index_name(f"{code}_short", lang), "index") for code in INDEX_CODES),
        ("world_rank", text("label_world_rank", lang), "rank"),
        ("group", text("label_group", lang), "text"),
    )
    data = content.peers
    frame = pd.DataFrame(
        {
            "peer_rank": _each(data["peer_rank"], _int),
            "country": _each(data["iso3"], lambda c: countries.name(str(c), lang)),
            "iso3": data["iso3"],
            **{code: _each(data[code], _none) for code in INDEX_CODES},
            "world_rank": _each(data["world_rank"], _int),
            "group": _each(data["group"], lambda g: group_name(g, lang)),
        },
        dtype=object,
    )
    return Table("peers", columns, frame.reset_index(drop=True))


def targets(content: ReportContent, lang: str) -> Table | None:
    """Targets with their milestone, the latest value and the progress status; None without targets."""
    data = content.targets
    if data is None:
        return None
    columns = (
        ("name", _header("target", lang), "text"),
        ("indicator", _header("code", lang), "text"),
        ("baseline_year", _header("baseline_year", lang), "year"),
        ("baseline_value", _header("baseline_value", lang), "value"),
        ("latest_year", _header("latest_year", lang), "year"),
        ("latest_value", _header("latest_value", lang), "value"),
        ("milestone", _header("milestone", lang), "year"),
        ("target_value", _header("target_value", lang), "value"),
        ("progress", _header("progress", lang), "text"),
        ("status", _header("target_status", lang), "text"),
        ("source", _header("source", lang), "text"),
    )
    frame = pd.DataFrame(
        {
            "name": data["name_km" if lang == "km" else "name_en"],
            "indicator": data["indicator"],
            "baseline_year": _each(data["baseline_year"], _int),
            "baseline_value": _each(data["baseline_value"], _none),
            "latest_year": _each(data["latest_year"], _int),
            "latest_value": _each(data["latest_value"], _none),
            "milestone": _each(data["milestone"], _int),
            "target_value": _each(data["target_value"], _none),
            "progress": _each(data["progress"], lambda s: text(f"progress_{s}", lang) if isinstance(s, str) and s else None),
            "status": _each(data["status"], lambda s: text(f"target_{s}", lang) if isinstance(s, str) and s else None),
            "source": data["source"],
        },
        dtype=object,
    )
    return Table("targets", columns, frame.reset_index(drop=True))


def provenance(content: ReportContent, lang: str) -> Table:
    """Every stored value the report shows, with the file, sheet, row and column it was read from, and its version."""
    countries = load_countries()
    columns = (
        ("figure", _header("table", lang), "text"),
        ("country", _header("country", lang), "text"),
        ("year", _header("year", lang), "year"),
        ("indicator", _header("code", lang), "text"),
        ("value", _header("value", lang), "value"),
        ("source", _header("source", lang), "text"),
        ("file", _header("file", lang), "text"),
        ("sheet", _header("sheet", lang), "text"),
        ("row", _header("row", lang), "count"),
        ("column", _header("column", lang), "text"),
        ("version_id", _header("version", lang), "count"),
        ("dataset", _header("dataset", lang), "text"),
    )
    data = content.provenance
    frame = pd.DataFrame(
        {
            "figure": _each(data["figure"], lambda f: text(f"sheet_{f}", lang)),
            "country": _each(data["entity"], lambda c: countries.name(str(c), lang)),
            "year": _each(data["year"], _int),
            "indicator": data["indicator"],
            "value": _each(data["value"], _none),
            "source": data["source"],
            "file": data["file"],
            "sheet": _each(data["sheet"], lambda s: s or None),
            "row": _each(data["row"], _int),
            "column": data["column"],
            "version_id": _each(data["version_id"], _int),
            "dataset": data["dataset"],
        },
        dtype=object,
    )
    return Table("sources", columns, frame.reset_index(drop=True))


def method(content: ReportContent, lang: str) -> Table:
    """The method of the edition: each item of the method file with its source and whether it is confirmed."""
    columns = (
        ("item", _header("method_item", lang), "text"),
        ("source", _header("source", lang), "text"),
        ("confirmed", _header("confirmed", lang), "text"),
        ("note", _header("note", lang), "text"),
    )
    rows = content.methodology.origin_rows()
    frame = pd.DataFrame(
        {
            "item": [str(r["item"]) for r in rows],
            "source": [str(r["source"]) for r in rows],
            "confirmed": [text("confirmed_yes" if r["confirmed"] else "confirmed_no", lang) for r in rows],
            "note": [str(r["note"]) for r in rows],
        },
        dtype=object,
    )
    return Table("method", columns, frame)


def versions(content: ReportContent, lang: str) -> Table:
    """The dataset versions the report's values come from."""
    columns = (
        ("version_id", _header("version", lang), "count"),
        ("dataset", _header("dataset", lang), "text"),
        ("kind", _header("kind", lang), "text"),
        ("file_name", _header("file", lang), "text"),
        ("user", _header("imported_by", lang), "text"),
        ("created_at", _header("imported_at", lang), "text"),
        ("checksum", _header("checksum", lang), "text"),
    )
    data = content.versions
    frame = data[[c for c, _, _ in columns]].astype(object).copy()
    frame["version_id"] = _each(frame["version_id"], _int)
    return Table("versions", columns, frame.reset_index(drop=True))


def table_csv(table: Table, lang: str | None = None) -> bytes:
    """A table as UTF-8 CSV (with a byte-order mark, so Excel reads Khmer right), its last column crediting the bundled
    sources (writers.with_attribution) in `lang` (default: the language of the table's headers); text that a
    spreadsheet would take for a formula is neutralised (indicators.report.writers.neutralise); whole numbers stay
    whole."""
    lang = lang or ("km" if any(KHMER.search(header) for header in table.headers) else "en")
    labelled = with_attribution(table.labelled(), lang, text("col_attribution", lang))
    safe = pd.DataFrame({neutralise(str(header)): _each(labelled.iloc[:, i], neutralise) for i, header in enumerate(labelled.columns)})
    return safe.to_csv(index=False).encode("utf-8-sig")
