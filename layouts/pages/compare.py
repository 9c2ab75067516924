"""Compare (analysts): a country among its peers in one edition — a ranking table, a scatter of any two indices,
the gap to the best of the set on every index, and a world map of EGDI.

Peer sets come from `indicators.method.peers`; the view state (entity, edition, peers, custom, x, y, lang) lives in
the URL. The world map needs every country of the edition (`complete` in the snapshot); without it the page
says so and points to the import on the Data page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import dash
import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from indicators.entities import load_countries
from indicators.method.peers import NEIGHBOURS, PEER_KINDS, gaps_to_leader, missing_members, parse_codes, peer_set, peer_table
from layouts import ids
from layouts.components import data_table, notice
from layouts.figures.compare import gap_figure, map_figure, scatter_figure
from layouts.i18n import catalog, fmt_int, fmt_number, t
from layouts.state import language
from layouts.views.snapshot import Snapshot, snapshot

dash.register_page(__name__, path="/compare", name="Compare", order=2)


DEFAULTS = {"peers": "asean", "x": "tii", "y": "osi"}
INDICES = ("egdi", "osi", "tii", "hci", "epi")
MISSING_LISTED = 8  # names listed in the coverage message; the rest are counted


@lru_cache(maxsize=2)
def country_names(lang: str) -> dict[str, str]:
    """Every Member State's name in `lang`, looked up once (the register answers one name at a time)."""
    countries = load_countries()
    return {code: countries.name(code, lang) for code in countries.codes}


def country_name(code: str, lang: str) -> str:
    return country_names(lang).get(code, code)


def index_label(code: str, lang: str) -> str:
    return t("egdi", lang) if code == "egdi" else t(f"{code}_short", lang)


def region_name(kind: str, name: str | None, lang: str) -> str:
    key = f"compare_{'region' if kind == 'region' else 'subregion'}_{name}"
    return t(key, lang) if key in catalog() else str(name)


def peer_label(kind: str, entity: str, lang: str, long: bool = False) -> str:
    """The name of a peer set: short for the selector ("Region: Asia"), long for sentences ("the countries of Asia")."""
    prefix = "compare_set_" if long else "compare_peers_"
    if kind in ("region", "subregion"):
        column = "region" if kind == "region" else "sub_region"
        table = load_countries().table
        name = region_name(kind, str(table.at[entity, column]) if entity in table.index else None, lang)
        return t(prefix + kind, lang, **{kind: name})
    if kind == "neighbours":
        return t(prefix + kind, lang, k=fmt_int(NEIGHBOURS, lang))
    return t(prefix + kind, lang)


def peer_options(entity: str, lang: str) -> list[dict[str, str]]:
    return [{"label": peer_label(kind, entity, lang), "value": kind} for kind in PEER_KINDS]


def entity_editions(data: Snapshot, entity: str) -> list[int]:
    return [int(e) for e in data.history(entity)["edition"]]


def choose_edition(data: Snapshot, entity: str, edition: object) -> int | None:
    """The edition asked for when the entity has results in it, else the entity's latest."""
    editions = entity_editions(data, entity)
    asked = int(edition) if str(edition).isdigit() else None
    return asked if asked in editions else (editions[-1] if editions else None)


def edition_options(data: Snapshot, entity: str, lang: str) -> list[dict[str, object]]:
    return [{"label": fmt_int(e, lang), "value": e} for e in entity_editions(data, entity)]


def country_options(data: Snapshot, lang: str) -> list[dict[str, str]]:
    codes = sorted(data.published["iso3"].unique(), key=lambda code: country_name(code, lang))
    return [{"label": country_name(code, lang), "value": code} for code in codes]


def normalise(
    entity: str | None, peers: str | None, custom: object, x: str | None, y: str | None
) -> tuple[str, str, tuple[str, ...], str, str]:
    """Query values made safe: known codes, peer kind and indices, else the defaults."""
    countries = load_countries()
    code = entity.upper() if isinstance(entity, str) else ""  # a repeated query key arrives as a list
    entity = code if code in countries.table.index else "KHM"
    kind = peers if peers in PEER_KINDS else DEFAULTS["peers"]
    chosen = parse_codes(custom if isinstance(custom, str | list | tuple) else None, countries.codes)
    return entity, kind, tuple(c for c in chosen if c != entity), x if x in INDICES else DEFAULTS["x"], y if y in INDICES else DEFAULTS["y"]


# --- the peer view: heading, coverage, ranking rows, scatter, gaps ------------------------------------------


@lru_cache(maxsize=256)
def _peers(version: int, kind: str, entity: str, edition: int, custom: tuple[str, ...]) -> tuple[pd.DataFrame, tuple[str, ...], bool]:
    """The peer table, the members without results, and whether the edition holds every country."""
    rows = snapshot().edition(edition)
    peers = peer_set(kind, entity, rows, custom=custom)
    complete = bool(rows["complete"].all()) if not rows.empty else False
    return peer_table(rows, peers), missing_members(rows, peers), complete


def grid_rows(table: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    """One record per country for the grid: raw values for sorting, filtering and the CSV; *_text for display."""
    records = []
    for row in table.itertuples(index=False):
        record: dict[str, object] = {
            "iso3": row.iso3,
            "country": country_name(row.iso3, lang),
            "is_entity": bool(row.is_entity),
            "group": t(f"group_{row.group}", lang) if isinstance(row.group, str) else None,
            "rating_class": row.rating_class if isinstance(row.rating_class, str) else None,
        }
        for code in INDICES:
            value = getattr(row, code)
            record[code] = None if pd.isna(value) else round(float(value), 4)
            record[f"{code}_text"] = fmt_number(value, lang)
        for code in ("peer_rank", "world_rank"):
            value = getattr(row, code)
            record[code] = None if pd.isna(value) else int(value)
            record[f"{code}_text"] = fmt_int(value, lang)
        records.append(record)
    return records


def grid_columns(lang: str) -> list[dict[str, object]]:
    def shown(code: str) -> dict[str, str]:
        return {"function": f"params.data.{code}_text"}

    number = {"filter": "agNumberColumnFilter", "type": "rightAligned", "useValueFormatterForExport": False, "minWidth": 90}
    columns: list[dict[str, object]] = [
        {"field": "iso3", "headerName": t("compare_col_code", lang), "hide": True},
        {"field": "country", "headerName": t("country", lang), "filter": "agTextColumnFilter", "minWidth": 170, "pinned": "left"},
    ]
    columns += [
        {
            "field": code,
            "headerName": index_label(code, lang),
            "headerTooltip": t("egdi_long" if code == "egdi" else code, lang),
            "valueFormatter": shown(code),
        }
        | number
        for code in INDICES
    ]
    columns += [
        {"field": "peer_rank", "headerName": t("compare_col_peer_rank", lang), "valueFormatter": shown("peer_rank")}
        | number
        | {"minWidth": 120},
        {"field": "world_rank", "headerName": t("compare_col_world_rank", lang), "valueFormatter": shown("world_rank")}
        | number
        | {"minWidth": 120},
        {"field": "group", "headerName": t("compare_col_group", lang), "filter": "agTextColumnFilter", "minWidth": 110},
        {"field": "rating_class", "headerName": t("compare_col_class", lang), "filter": "agTextColumnFilter", "minWidth": 90},
    ]
    return columns


def dropdown_labels(lang: str) -> dict[str, str]:
    """The drop-down lists' own texts (select all, search, ...), from the catalog."""
    prefix = "compare_dropdown_"
    return {key[len(prefix) :]: t(key, lang) for key in catalog() if key.startswith(prefix)}


def grid_locale(lang: str) -> dict[str, str]:
    """AG Grid's own texts (filter menus), from the catalog."""
    prefix = "compare_grid_"
    return {key[len(prefix) :]: t(key, lang) for key in catalog() if key.startswith(prefix)}


def csv_params(entity: str, edition: int | None, kind: str) -> dict[str, object]:
    return {"fileName": f"egdi-{entity}-{edition}-{kind}.csv", "allColumns": True}


def coverage_notice(missing: tuple[str, ...], expected: int, edition: int, complete: bool, lang: str) -> list[object]:
    """Which members of the set have no results in the edition (and where to import them)."""
    if not missing:
        return []
    names = [country_name(code, lang) for code in missing[:MISSING_LISTED]]
    if len(missing) > MISSING_LISTED:
        names.append(t("compare_coverage_more", lang, count=fmt_int(len(missing) - MISSING_LISTED, lang)))
    text = t(
        "compare_coverage",
        lang,
        present=fmt_int(expected - len(missing), lang),
        expected=fmt_int(expected, lang),
        edition=fmt_int(edition, lang),
        missing=t("compare_list_separator", lang).join(names),
    )
    children: list[object] = [text]
    if not complete:
        children += [" ", t("compare_import_hint", lang), " ", data_link(lang)]
    return [html.Div(children, className="notice notice-warning", role="status")]


def data_link(lang: str) -> dcc.Link:
    return dcc.Link(
        t("compare_data_link", lang),
        href=dash.get_relative_path("/data") + ("?lang=km" if lang == "km" else ""),
        className="compare-data-link",
    )


def scatter_points(table: pd.DataFrame, x: str, y: str, lang: str) -> pd.DataFrame:
    rows = table.dropna(subset=[x, y])
    return pd.DataFrame(
        {"name": [country_name(c, lang) for c in rows["iso3"]], "x": rows[x], "y": rows[y], "is_entity": rows["is_entity"]}
    ).reset_index(drop=True)


def gap_rows(table: pd.DataFrame, entity: str, lang: str) -> pd.DataFrame:
    shown = table.assign(**{code: table[code].round(4) for code in INDICES})  # the values as displayed, so gaps add up on screen
    gaps = gaps_to_leader(shown, entity, INDICES)
    return gaps.assign(leader_name=[country_name(c, lang) if isinstance(c, str) else "–" for c in gaps["leader"]])


def gap_table(gaps: pd.DataFrame, country: str, lang: str) -> html.Details:
    frame = pd.DataFrame(
        {
            "index": [t("egdi_long" if c == "egdi" else c, lang) for c in gaps["index"]],
            "value": [fmt_number(v, lang) for v in gaps["value"]],
            "leader": gaps["leader_name"],
            "leader_value": [fmt_number(v, lang) for v in gaps["leader_value"]],
            "gap": [fmt_number(v, lang) for v in gaps["gap"]],
        }
    )
    headers = [
        t("compare_col_index", lang),
        country,
        t("compare_col_leader", lang),
        t("compare_col_leader_value", lang),
        t("compare_col_gap", lang),
    ]
    return data_table(frame, headers, lang)


class PeerView(NamedTuple):
    """Everything the peer callback returns, in its order (a NamedTuple: Dash runs page modules outside sys.modules)."""

    heading: list[object]
    coverage: list[object]
    rows: list[dict[str, object]]
    csv: dict[str, object]
    class_note: list[object]
    scatter: go.Figure
    gaps: go.Figure
    gaps_table: object
    custom_style: dict[str, str]


def peer_view(data: Snapshot, entity: str, edition: int | None, kind: str, custom: tuple[str, ...], x: str, y: str, lang: str) -> PeerView:
    """The peer part of the page, cached per store version and choice (the scatter also per pair of axes)."""
    custom_style = {} if kind == "custom" else {"display": "none"}
    if edition is None or edition not in entity_editions(data, entity):
        message = t("compare_no_results", lang, country=country_name(entity, lang))
        empty = go.Figure()
        return PeerView(
            [html.H1(t("compare_title", lang))],
            [notice(message, "warning")],
            [],
            csv_params(entity, edition, kind),
            [],
            empty,
            empty,
            None,
            custom_style,
        )
    version = data.version
    custom = custom if kind == "custom" else ()  # one cache entry per set, whatever the hidden list holds
    heading, coverage, rows, class_note, gaps, gaps_table = _peer_summary(version, kind, entity, edition, custom, lang)
    scatter = _scatter(version, kind, entity, edition, custom, x, y, lang)
    return PeerView(heading, coverage, rows, csv_params(entity, edition, kind), class_note, scatter, gaps, gaps_table, custom_style)


@lru_cache(maxsize=256)
def _peer_summary(version: int, kind: str, entity: str, edition: int, custom: tuple[str, ...], lang: str) -> tuple[object, ...]:
    """Heading, coverage notice, grid rows, class note, gap figure and gap table of one peer set."""
    name = country_name(entity, lang)
    table, missing, complete = _peers(version, kind, entity, edition, custom)
    heading = [
        html.H1(t("compare_title", lang)),
        html.P(
            t("compare_subtitle", lang, country=name, peers=peer_label(kind, entity, lang, long=True), edition=fmt_int(edition, lang)),
            className="subtitle",
        ),
    ]
    coverage = coverage_notice(missing, len(table) + len(missing), edition, complete, lang)
    if kind == "custom" and not custom:
        coverage = [notice(t("compare_custom_empty", lang, country=name))]
    if kind == "neighbours" and not complete:  # the closest among those loaded, not among all 193
        loaded = int(snapshot().edition(edition)["egdi"].notna().sum())
        text = t("compare_neighbours_partial", lang, count=fmt_int(loaded, lang), edition=fmt_int(edition, lang))
        coverage = [html.Div([text, " ", data_link(lang)], className="notice notice-warning", role="status")]
    gaps = gap_rows(table, entity, lang)
    class_note = [] if complete else [html.P(t("compare_class_note", lang, edition=fmt_int(edition, lang)), className="muted compare-note")]
    return heading, coverage, grid_rows(table, lang), class_note, gap_figure(gaps, lang), gap_table(gaps, name, lang)


@lru_cache(maxsize=256)
def _scatter(version: int, kind: str, entity: str, edition: int, custom: tuple[str, ...], x: str, y: str, lang: str) -> go.Figure:
    table = _peers(version, kind, entity, edition, custom)[0]
    return scatter_figure(scatter_points(table, x, y, lang), x, y, lang)


# --- the world map -----------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _map(version: int, entity: str, edition: int, lang: str) -> go.Figure:
    rows = snapshot().edition(edition).dropna(subset=["egdi"])
    frame = pd.DataFrame(
        {
            "iso3": rows["iso3"],
            "name": [country_name(c, lang) for c in rows["iso3"]],
            "egdi": rows["egdi"],
            "world_rank": rows["world_rank"],
        }
    )
    return map_figure(frame, entity, lang)


def plotly_config(lang: str, buttons: list[str]) -> dict[str, object]:
    """Graph options: only the tool-bar buttons we translate, with their texts from the catalog."""
    texts = {
        "Download plot as a PNG": "compare_plotly_download",
        "Zoom": "compare_plotly_zoom",
        "Zoom in": "compare_plotly_zoom_in",
        "Zoom out": "compare_plotly_zoom_out",
        "Pan": "compare_plotly_pan",
        "Reset": "compare_plotly_reset",
        "Reset axes": "compare_plotly_reset_axes",
        "Double-click to zoom back out": "compare_plotly_zoom_back",
    }
    return {
        "displaylogo": False,
        "modeBarButtons": [buttons],
        "locale": lang,
        "locales": {lang: {"dictionary": {english: t(key, lang) for english, key in texts.items()}}},
        "topojsonURL": dash.get_asset_url("topojson/"),
        "toImageButtonOptions": {"filename": "egdi-compare"},
    }


def world_data_notice(data: Snapshot, edition: int | None, loaded: int, lang: str) -> html.Div:
    """Why the map is missing: no world data at all (import it), or not for this edition (choose another)."""
    worlds = data.world_editions
    if not worlds:
        children: list[object] = [t("needs_world_data", lang, edition=fmt_int(edition, lang)), " ", data_link(lang)]
    else:
        editions = t("compare_list_separator", lang).join(fmt_int(e, lang) for e in worlds)
        children = [t("compare_map_partial", lang, edition=fmt_int(edition, lang), count=fmt_int(loaded, lang), editions=editions)]
    return html.Div(children, className="notice notice-warning", role="status")


def map_view(data: Snapshot, entity: str, edition: int | None, lang: str) -> list[object]:
    """The map with its title, or why it cannot be drawn."""
    title = html.H2(t("compare_map_title", lang, edition=fmt_int(edition, lang)))
    rows = data.edition(edition) if edition is not None else data.published.iloc[0:0]
    if rows.empty or not bool(rows["complete"].all()):
        return [title, world_data_notice(data, edition, len(rows), lang)]
    return [
        title,
        html.P(t("compare_map_note", lang, country=country_name(entity, lang)), className="muted"),
        dcc.Graph(
            id=ids.COMPARE_MAP,
            figure=_map(data.version, entity, edition, lang),
            config=plotly_config(lang, ["zoomInGeo", "zoomOutGeo", "resetGeo", "toImage"]),
            className="compare-map",
        ),
    ]


def map_table_view(data: Snapshot, edition: int | None, lang: str) -> list[object]:
    """Under the map (it depends on the edition only, so a new country does not resend it): the UN disclaimer
    and the map's data as a table."""
    rows = data.edition(edition) if edition is not None else data.published.iloc[0:0]
    if rows.empty or not bool(rows["complete"].all()):
        return []
    return [html.P(t("compare_map_disclaimer", lang), className="source"), _map_table(data.version, edition, lang)]


@lru_cache(maxsize=64)
def _map_table(version: int, edition: int, lang: str) -> html.Details:
    """The map's data: world rank, country and EGDI of every country with a result."""
    table = snapshot().edition(edition).dropna(subset=["egdi"]).sort_values(["world_rank", "iso3"])
    frame = pd.DataFrame(
        {
            "rank": [fmt_int(v, lang) for v in table["world_rank"]],
            "country": [country_name(c, lang) for c in table["iso3"]],
            "egdi": [fmt_number(v, lang) for v in table["egdi"]],
        }
    )
    return data_table(frame, [t("compare_col_world_rank", lang), t("country", lang), t("egdi", lang)], lang)


# --- the page ----------------------------------------------------------------------------------------------


def _dropdown(component_id: str, lang: str, **props: object) -> dcc.Dropdown:
    return dcc.Dropdown(id=component_id, labels=dropdown_labels(lang), **props)


def _control(label: str, component: object, class_name: str = "control") -> html.Label:
    return html.Label([label, component], className=class_name)


def layout(
    lang: str = "en",
    entity: str = "KHM",
    edition: str | None = None,
    peers: str | None = None,
    custom: str | None = None,
    x: str | None = None,
    y: str | None = None,
    **_: str,
) -> html.Div:
    lang = language(lang)
    entity, kind, chosen, x, y = normalise(entity, peers, custom, x, y)
    data = snapshot()
    year = choose_edition(data, entity, edition)
    view = peer_view(data, entity, year, kind, chosen, x, y, lang)
    axis_options = [{"label": t("egdi_long" if code == "egdi" else code, lang), "value": code} for code in INDICES]
    controls = html.Div(
        [
            _control(
                t("compare_country_label", lang),
                _dropdown(ids.COMPARE_ENTITY, lang, options=country_options(data, lang), value=entity, clearable=False),
            ),
            _control(
                t("compare_edition_label", lang),
                _dropdown(ids.COMPARE_EDITION, lang, options=edition_options(data, entity, lang), value=year, clearable=False),
            ),
        ],
        className="controls",
    )
    peer_controls = html.Div(
        [
            html.Fieldset(
                [
                    html.Legend(t("compare_peers_label", lang)),
                    dcc.RadioItems(
                        id=ids.COMPARE_PEERS,
                        options=peer_options(entity, lang),
                        value=kind,
                        className="compare-peers",
                        inputClassName="compare-radio",
                    ),
                ],
                className="compare-fieldset",
            ),
            html.Div(
                _control(
                    t("compare_custom_label", lang),
                    _dropdown(
                        ids.COMPARE_CUSTOM,
                        lang,
                        options=[o for o in country_options(data, lang) if o["value"] != entity],
                        value=list(chosen),
                        multi=True,
                        placeholder=t("compare_custom_placeholder", lang),
                    ),
                    "control compare-custom",
                ),
                id=ids.COMPARE_CUSTOM_BOX,
                style=view.custom_style,
            ),
        ],
        className="compare-peer-controls",
    )
    ranking = html.Section(
        [
            html.Div(
                [
                    html.H2(t("compare_ranking_title", lang)),
                    html.Button(t("compare_download_csv", lang), id=ids.COMPARE_DOWNLOAD, n_clicks=0, className="compare-button"),
                ],
                className="compare-panel-head",
            ),
            html.P(t("compare_ranking_help", lang), className="muted"),
            dag.AgGrid(
                id=ids.COMPARE_GRID,
                columnDefs=grid_columns(lang),
                rowData=view.rows,
                defaultColDef={"sortable": True, "filter": True, "resizable": True, "wrapHeaderText": True, "autoHeaderHeight": True},
                columnSize="responsiveSizeToFit",
                dashGridOptions={
                    "localeText": grid_locale(lang),
                    "tooltipShowDelay": 300,
                    "animateRows": False,
                },
                getRowId="params.data.iso3",
                rowClassRules={"compare-entity-row": "params.data.is_entity"},
                csvExportParams=view.csv,
                className="compare-grid",
                style={"height": "420px"},
            ),
            html.Div(view.class_note, id=ids.COMPARE_CLASS_NOTE),
        ],
        className="panel",
    )
    charts = html.Div(
        [
            html.Section(
                [
                    html.H2(t("compare_scatter_title", lang)),
                    html.Div(
                        [
                            _control(
                                t("compare_x_label", lang),
                                _dropdown(ids.COMPARE_X, lang, options=axis_options, value=x, clearable=False),
                            ),
                            _control(
                                t("compare_y_label", lang),
                                _dropdown(ids.COMPARE_Y, lang, options=axis_options, value=y, clearable=False),
                            ),
                        ],
                        className="controls compare-axes",
                    ),
                    dcc.Graph(
                        id=ids.COMPARE_SCATTER,
                        figure=view.scatter,
                        config=plotly_config(lang, ["zoom2d", "pan2d", "resetScale2d", "toImage"]),
                    ),
                ],
                className="panel compare-half",
            ),
            html.Section(
                [
                    html.H2(t("compare_gap_title", lang)),
                    dcc.Graph(id=ids.COMPARE_GAPS, figure=view.gaps, config=plotly_config(lang, ["toImage"])),
                    html.Div(view.gaps_table, id=ids.COMPARE_GAPS_TABLE),
                ],
                className="panel compare-half",
            ),
        ],
        className="compare-charts",
    )
    return html.Div(
        [
            dcc.Store(id=ids.COMPARE_LANG, data=lang),
            html.Div(view.heading, id=ids.COMPARE_HEADING),
            controls,
            peer_controls,
            html.Div(view.coverage, id=ids.COMPARE_COVERAGE),
            ranking,
            charts,
            html.Section(
                [
                    html.Div(map_view(data, entity, year, lang), id=ids.COMPARE_MAP_BOX),
                    html.Div(map_table_view(data, year, lang), id=ids.COMPARE_MAP_TABLE),
                ],
                className="panel",
            ),
            html.P(t("source_undesa", lang), className="source"),
        ],
        className="compare-page",
    )
