"""Trends (policy staff): the EGDI, a sub-index or a component indicator over every edition or year, a country
against chosen peers, with markers where the method changed (read from the methodology files).

Index series come from the published results, one value per edition; component indicators from the stored
observations, one value per year with its source. A missing edition or year stays a gap: nothing is interpolated.
`Line`, `Marker` and `Axes` are what the figure (`layouts.figures.trends`) draws, with every text in the page language.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

import pandas as pd

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries
from indicators.method.changes import MethodChange, edition_changes
from indicators.method.methodology import available_editions, load_methodology
from layouts.i18n import fmt_int, fmt_number, t
from layouts.state import DEFAULTS, language
from layouts.views.chart_words import labelled_periods, trend_summary
from layouts.views.labels import country_name
from layouts.views.method_words import change_labels, join_and
from layouts.views.snapshot import Snapshot, request_snapshot

INDEX_SERIES = ("egdi", "osi", "tii", "hci", "epi")
DEFAULT_SERIES = "egdi"
NO_PEERS = "none"  # the URL value for "no peers chosen" (an absent value means the default peers)


@dataclass(frozen=True)
class Line:
    """One country's series on the full grid of periods: None where there is no value (drawn as a gap)."""

    name: str
    x: Sequence[int]
    y: Sequence[float | None]
    hover: Sequence[str]
    main: bool = False


@dataclass(frozen=True)
class Marker:
    """A change of method at period `x`, with its description for the hover box."""

    x: int
    hover: str


@dataclass(frozen=True)
class Axes:
    x_title: str
    y_title: str
    x_ticks: Sequence[tuple[int, str]]
    y_ticks: Sequence[tuple[float, str]]
    y_range: tuple[float, float]


@lru_cache(maxsize=1)
def component_codes() -> tuple[str, ...]:
    """Every indicator any edition's method reads, in catalogue order."""
    used = {code for edition in available_editions() for code in load_methodology(edition).input_codes()}
    return tuple(code for code in load_catalogue() if code in used)


def series_codes() -> tuple[str, ...]:
    return INDEX_SERIES + component_codes()


def series_name(series: str, lang: str) -> str:
    if series in INDEX_SERIES:
        return t(series, lang)
    indicator = load_catalogue()[series]
    return t("trends_indicator_option", lang, name=indicator.name(lang), unit=indicator.unit(lang))


_codes: dict[int, tuple[Snapshot, list[str]]] = {}


def country_codes(data: Snapshot) -> list[str]:
    """Countries with a published result or a stored indicator value (worked out once per snapshot)."""
    cached = _codes.get(data.version)
    if cached is None or cached[0] is not data:
        known = set(load_countries().codes)
        present = set(data.published["iso3"].unique()) | set(data.observations["entity"].unique())
        _codes.clear()
        cached = _codes[data.version] = (data, sorted(present & known))
    return cached[1]


def default_peers(data: Snapshot, entity: str) -> list[str]:
    """The ASEAN members present in the data, but the country itself."""
    table = load_countries().table
    asean = set(table.index[table["asean"]])
    return [code for code in country_codes(data) if code in asean and code != entity]


def chosen_peers(value: str | list[str] | None, entity: str, data: Snapshot) -> list[str]:
    """The peers of a URL value: absent → the default peers; 'none' → none; else the known ISO3 codes listed
    (comma-separated, or the key repeated)."""
    if not value:
        return default_peers(data, entity)
    listed = ",".join(value) if isinstance(value, list) else str(value)
    known = set(country_codes(data))
    return [code for code in dict.fromkeys(listed.upper().split(",")) if code in known and code != entity]


def requested_view(
    data: Snapshot, entity: object = None, peers: str | list[str] | None = None, series: object = None, **_: object
) -> tuple[str, list[str], str]:
    """The country, peers and series a URL query asks for (unknown values give way to the defaults)."""
    known = country_codes(data)
    chosen = entity.upper() if isinstance(entity, str) and entity.upper() in known else DEFAULTS["entity"]
    return chosen, chosen_peers(peers, chosen, data), series if series in series_codes() else DEFAULT_SERIES


def url_state(entity: str, peers: list[str], series: str, data: Snapshot, period: tuple[int, int] | None = None) -> dict[str, object]:
    """The query values of a view; the defaults (ASEAN peers, the EGDI, every period) are left out to keep links
    short. The timeline is `period=FIRST-LAST`."""
    default = set(default_peers(data, entity))
    peers_value = None if set(peers) - {entity} == default else (",".join(peers) or NO_PEERS)
    return {
        "entity": entity,
        "peers": peers_value,
        "series": None if series == DEFAULT_SERIES else series,
        "period": f"{period[0]}-{period[1]}" if period else None,
    }


def requested_period(value: object) -> tuple[int, int] | None:
    """The timeline's range a URL value `FIRST-LAST` asks for; None when absent or unreadable."""
    first, _, last = str(value or "").partition("-")
    if not (first.isdigit() and last.isdigit()):
        return None
    return (int(first), int(last)) if int(first) <= int(last) else (int(last), int(first))


def period_choice(value: Sequence[int] | None, all_periods: list[int]) -> tuple[int, int] | None:
    """The timeline's value as a range to draw; None when it covers every period (the default)."""
    if not value or len(value) != 2 or not all_periods:
        return None
    first, last = int(min(value)), int(max(value))
    return None if (first <= all_periods[0] and last >= all_periods[-1]) else (first, last)


def peers_for_new_country(data: Snapshot, entity: str, peers: list[str], previous: str) -> list[str]:
    """The peers after the country changes from `previous` to `entity`: the new country's default peers when the
    previous ones were the previous country's defaults; else the same peers, with the new country replaced by the
    previous one (a country is never its own peer, and the one just left stays in the comparison)."""
    if entity == previous:
        return peers
    if set(peers) == set(default_peers(data, previous)):
        return default_peers(data, entity)
    return list(dict.fromkeys(previous if code == entity else code for code in peers))


# ---------------------------------------------------------------- the series


def series_values(data: Snapshot, series: str, entities: list[str]) -> pd.DataFrame:
    """entity, period, value, source: the stored values of a series for some entities (no row where none)."""
    if series in INDEX_SERIES:
        rows = data.published[data.published["iso3"].isin(entities)]
        frame = pd.DataFrame({"entity": rows["iso3"], "period": rows["edition"], "value": rows[series], "source": None})
    else:
        obs = data.observations
        rows = obs[(obs["indicator"] == series) & obs["entity"].isin(entities)]
        frame = pd.DataFrame({"entity": rows["entity"], "period": rows["year"], "value": rows["value"], "source": rows["source"]})
    frame = frame.dropna(subset=["value", "period"])
    return frame.astype({"period": int, "value": float}).sort_values(["entity", "period"]).reset_index(drop=True)


def periods(data: Snapshot, series: str, values: pd.DataFrame) -> list[int]:
    """The x grid: every edition for an index; every year from the first to the last value for an indicator."""
    if series in INDEX_SERIES:
        return [int(e) for e in data.editions]
    if values.empty:
        return []
    return list(range(int(values["period"].min()), int(values["period"].max()) + 1))


def decimals(series: str) -> int:
    return 4 if series in INDEX_SERIES or load_catalogue()[series].max <= 1 else 2


def nice_ticks(top: float) -> list[float]:
    """About five round ticks from 0 to at least `top` (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _axes(series: str, grid: list[int], values: pd.DataFrame, lang: str) -> Axes:
    top = float(values["value"].max()) if not values.empty else 1.0
    if series in INDEX_SERIES:
        ticks = nice_ticks(max(1.0, top))
        y_title, places = t("index_value", lang), 1
    else:
        ticks = nice_ticks(top * 1.05)
        y_title, places = series_name(series, lang), (2 if ticks[1] < 0.1 else 1 if ticks[1] < 1 else 0)
    x_ticks = [(p, fmt_int(p, lang)) for p in labelled_periods(grid)]
    y_ticks = [(v, fmt_number(v, lang, places)) for v in ticks]
    x_title = t("edition" if series in INDEX_SERIES else "year", lang)
    return Axes(x_title, y_title, x_ticks, y_ticks, (0.0, ticks[-1] * 1.04))


def labelled(series: str, values: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The values with their display texts: period_text, value_text and source_text (the published edition for an
    index, the stored source for an indicator), in the page language."""
    places = decimals(series)
    period_text = {p: fmt_int(p, lang) for p in values["period"].unique()}
    if series in INDEX_SERIES:
        sources = {p: t("trends_source_published", lang, edition=text) for p, text in period_text.items()}
        source_text = values["period"].map(sources)
    else:
        source_text = values["source"].astype(str)
    return values.assign(
        period_text=values["period"].map(period_text),
        value_text=[fmt_number(v, lang, places) for v in values["value"]],
        source_text=source_text,
    )


def _lines(series: str, entities: list[str], entity: str, grid: list[int], values: pd.DataFrame, lang: str) -> list[Line]:
    """One line per entity with values, on the whole grid: None (a gap) where the entity has no value."""
    period_key = "trends_hover_edition" if series in INDEX_SERIES else "trends_hover_year"
    lines = []
    for code, rows in values.groupby("entity", sort=False):
        name = country_name(str(code), lang)
        by_period = dict(zip(rows["period"], rows.itertuples(index=False), strict=True))
        y: list[float | None] = []
        hover: list[str] = []
        for period in grid:
            row = by_period.get(period)
            y.append(None if row is None else row.value)
            if row is not None:
                when = t(period_key, lang, edition=row.period_text, year=row.period_text, value=row.value_text)
                hover.append(f"<b>{name}</b><br>{when}<br>{t('trends_hover_source', lang, source=row.source_text)}")
            else:
                hover.append("")
        lines.append(Line(name, grid, y, hover, main=code == entity))
    order = {code: i for i, code in enumerate(country_name(c, lang) for c in entities)}
    return sorted(lines, key=lambda line: order.get(line.name, len(order)))


def _wrapped(text: str) -> str:
    return "<br>".join(textwrap.wrap(text, 90)) or text


def series_changes(series: str) -> dict[int, list[MethodChange]]:
    """The method changes that concern a series, by the edition where they take effect."""
    by_edition: dict[int, list[MethodChange]] = {}
    for change in edition_changes():
        if change.affects(series):
            by_edition.setdefault(change.edition, []).append(change)
    return by_edition


def _markers(changes: dict[int, list[MethodChange]], grid: list[int], lang: str) -> list[Marker]:
    markers = []
    for edition, items in changes.items():
        if grid and grid[0] <= edition <= grid[-1]:
            title = t("trends_method_change_hover", lang, edition=fmt_int(edition, lang), previous=fmt_int(items[0].previous, lang))
            markers.append(Marker(edition, "<br>".join([f"<b>{title}</b>", *(_wrapped(label) for label in change_labels(items, lang))])))
    return markers


# ---------------------------------------------------------------- the view


@dataclass(frozen=True)
class EditionChanges:
    """The method changes that take effect in one edition, with a link to its methodology."""

    heading: str
    labels: list[str]
    link: str
    href: str


@dataclass(frozen=True)
class TrendsView:
    """What the page shows of a series for a country and its peers."""

    subtitle: str
    lines: list[Line]
    markers: list[Marker]
    axes: Axes
    notice: tuple[str, str] | None  # (kind, text): no value at all, or countries without values
    table: pd.DataFrame | None  # country, period, value, source as displayed; None without values
    table_headers: list[str]
    source: str
    changes: list[EditionChanges]
    no_changes: str | None  # said when the series never changed method
    changes_scope: str
    all_periods: list[int]  # every edition (index) or year (indicator) of the series, whatever the timeline shows
    shown_periods: tuple[int, int] | None  # the first and last period shown (the timeline's value)
    summary: str  # one sentence on the chart, for screen readers


def _changes(changes: dict[int, list[MethodChange]], lang: str) -> list[EditionChanges]:
    found = []
    for edition, items in changes.items():
        href = "/methodology?" + urlencode({"edition": edition, **({"lang": lang} if lang != DEFAULTS["lang"] else {})})
        heading = t("trends_changes_edition", lang, edition=fmt_int(edition, lang), previous=fmt_int(items[0].previous, lang))
        link = t("trends_changes_link", lang, edition=fmt_int(edition, lang))
        found.append(EditionChanges(heading, change_labels(items, lang), link, href))
    return found


def _table(series: str, entities: list[str], values: pd.DataFrame, lang: str) -> pd.DataFrame:
    order = {code: i for i, code in enumerate(entities)}
    ordered = values.assign(rank=values["entity"].map(order)).sort_values(["rank", "period"])
    names = {code: country_name(code, lang) for code in entities}
    return pd.DataFrame(
        {
            "country": ordered["entity"].map(names),
            "period": ordered["period_text"],
            "value": ordered["value_text"],
            "source": ordered["source_text"],
        }
    )


def shown_range(all_periods: list[int], period: tuple[int, int] | None) -> tuple[int, int] | None:
    """The timeline's range within the series' periods (all of them when none is asked or it holds none)."""
    if not all_periods:
        return None
    if period is not None:
        inside = [p for p in all_periods if period[0] <= p <= period[1]]
        if inside:
            return inside[0], inside[-1]
    return all_periods[0], all_periods[-1]


def build_view(data: Snapshot, entity: str, peers: list[str], series: str, lang: str, period: tuple[int, int] | None = None) -> TrendsView:
    """The lines, markers and axes of the figure, and the details under it (notices, table, sources, method changes),
    for the periods of the timeline (`period`: first and last; None: all)."""
    entities = [entity, *(p for p in dict.fromkeys(peers) if p != entity)]
    every_value = labelled(series, series_values(data, series, entities), lang)
    all_periods = periods(data, series, every_value)
    shown = shown_range(all_periods, period)
    grid = [p for p in all_periods if shown is not None and shown[0] <= p <= shown[1]]
    values = every_value[every_value["period"].isin(grid)] if shown is not None else every_value
    changes = series_changes(series)
    key = "trends_subtitle_edition" if series in INDEX_SERIES else "trends_subtitle_year"
    subtitle = t(key, lang, series=series_name(series, lang), country=country_name(entity, lang))
    present = set(values["entity"])
    missing = [country_name(code, lang) for code in entities if code not in present]
    notice = None
    if values.empty:
        notice = ("warning", t("trends_no_data", lang))
    elif missing:
        notice = ("info", t("trends_missing", lang, countries=join_and(missing, lang)))
    editions = available_editions()
    first, last = fmt_int(editions[0], lang), fmt_int(editions[-1], lang)
    headers = [t(key, lang) for key in ("country", "edition" if series in INDEX_SERIES else "year", "value", "source")]
    return TrendsView(
        subtitle,
        _lines(series, entities, entity, grid, values, lang),
        _markers(changes, grid, lang),
        _axes(series, grid, values, lang),
        notice,
        _table(series, entities, values, lang) if not values.empty else None,
        headers,
        t("source_undesa" if series in INDEX_SERIES else "trends_sources_components", lang),
        _changes(changes, lang),
        None if changes else t("trends_changes_none", lang, first=first, last=last),
        t("trends_changes_scope", lang, first=first, last=last),
        all_periods,
        shown,
        _summary(series, entity, values, lang),
    )


def _summary(series: str, entity: str, values: pd.DataFrame, lang: str) -> str:
    rows = values[values["entity"] == entity]
    points = list(zip(rows["period"].astype(int), rows["value"].astype(float), strict=True))
    return trend_summary(series_name(series, lang), country_name(entity, lang), points, lang, decimals(series))


_views: dict[tuple[object, ...], tuple[Snapshot, TrendsView]] = {}


def trends_view(
    entity: str, peers: list[str], series: str, lang: str, data: Snapshot | None = None, period: tuple[int, int] | None = None
) -> TrendsView:
    """`build_view`, built once per snapshot and choice (the last 64 of the newest version are kept). The snapshot
    itself is kept with each view: a view is reused only for the very snapshot it was built from."""
    data = data or request_snapshot()
    chosen = series if series in series_codes() else DEFAULT_SERIES
    key = (data.version, entity, tuple(peers or ()), chosen, language(lang), period)
    cached = _views.get(key)
    if cached is None or cached[0] is not data:
        if len(_views) >= 64 or any(version != data.version for version, *_ in _views):
            _views.clear()
        cached = _views[key] = (data, build_view(data, entity, list(peers or ()), chosen, language(lang), period))
    return cached[1]


def clear_caches() -> None:
    """Forget the views built from earlier snapshots (tests that switch databases)."""
    _views.clear()
    _codes.clear()
