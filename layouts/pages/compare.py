"""Compare (analysts): a country among its peers in one edition — a ranking table, a scatter of any two indices,
the gap to the best of the set on every index, and a world map of EGDI (`layouts.views.compare`). The view state
(entity, edition, peers, custom, x, y, lang) lives in the URL.
"""

from __future__ import annotations

from typing import NamedTuple

import dash
import plotly.graph_objects as go
from dash import dcc, html

from layouts import ids
from layouts.components import page_link
from layouts.components.chart_block import ChartTable, chart_block
from layouts.components.no_published import no_published_page
from layouts.components.plotly_config import NO_BUTTONS, ZOOM_GEO
from layouts.components.ranking_table import ranking_download, ranking_table
from layouts.components.timeline import edition_timeline
from layouts.figures.compare import gap_figure, map_figure, scatter_figure
from layouts.i18n import fmt_int, t
from layouts.state import language
from layouts.views import compare as view
from layouts.views.about_data import survey_about
from layouts.views.labels import catalog_texts, country_name, page_href
from layouts.views.snapshot import Snapshot, request_snapshot
from layouts.views.version_cache import newest_version_cache

dash.register_page(__name__, path="/compare", name="Compare", order=2)


def data_link(lang: str) -> dcc.Link:
    return page_link(t("compare_data_link", lang), page_href(dash.get_relative_path("/data"), lang), className="compare-data-link")


def notice_box(notice: view.Notice, lang: str) -> html.Div:
    children: list[object] = [notice.text]
    if notice.hint:
        children += [" ", notice.hint]
    if notice.data_link:
        children += [" ", data_link(lang)]
    return html.Div(children, className=f"notice notice-{notice.kind}", role="status")


class PeerView(NamedTuple):
    """Everything the peer callback returns, in its order (a NamedTuple: Dash runs page modules outside sys.modules)."""

    heading: list[object]
    coverage: list[object]
    rows: list[dict[str, object]]
    csv_name: str
    class_note: list[object]
    scatter: go.Figure
    scatter_summary: str
    scatter_table: ChartTable | None
    gaps: go.Figure
    gaps_summary: str
    gaps_table: ChartTable | None
    custom_style: dict[str, str]


def peer_view(data: Snapshot, entity: str, edition: int | None, kind: str, custom: tuple[str, ...], x: str, y: str, lang: str) -> PeerView:
    """The peer part of the page, drawn from the view of the set (cached per store version and choice)."""
    custom_style = {} if kind == "custom" else {"display": "none"}
    csv_name = view.csv_name(entity, edition, kind)
    summary = view.peer_summary(data, entity, edition, kind, custom, lang)
    if summary.missing is not None or edition is None:
        empty = go.Figure()
        missing = [notice_box(view.Notice(str(summary.missing)), lang)]
        return PeerView([html.H1(t("compare_title", lang))], missing, [], csv_name, [], empty, "", None, empty, "", None, custom_style)
    assert summary.gaps is not None and summary.gaps_table is not None
    heading = [html.H1(t("compare_title", lang)), html.P(summary.subtitle, className="subtitle")]
    class_note = [html.P(t("compare_class_legend", lang), className="muted compare-note")]
    if summary.class_note:
        class_note.insert(0, html.P(summary.class_note, className="muted compare-note"))
    points = view.scatter(data, entity, edition, kind, custom, x, y, lang)
    return PeerView(
        heading,
        [notice_box(summary.coverage, lang)] if summary.coverage else [],
        list(summary.rows),
        csv_name,
        class_note,
        scatter_figure(points, x, y, lang),
        view.scatter_summary(points, x, y, lang),
        ChartTable(*view.scatter_table(points, x, y, lang)),
        gap_figure(summary.gaps, lang),
        view.gaps_summary(summary.gaps, country_name(entity, lang), lang),
        ChartTable(summary.gaps_headers, summary.gaps_table),
        custom_style,
    )


class MapView(NamedTuple):
    """The world map's part of the page: the notice when it cannot be drawn (`hidden`), else its figure, sentence,
    note and table."""

    notice: list[object]
    hidden: bool
    figure: go.Figure
    summary: str
    note: str
    table: ChartTable | None


def map_view(data: Snapshot, entity: str, edition: int | None, lang: str) -> MapView:
    if edition is None or view.world_rows(data, edition) is None:
        return MapView([notice_box(view.world_data_notice(data, edition, lang), lang)], True, go.Figure(), "", "", None)
    headers = [t("compare_col_world_rank", lang), t("country", lang), t("egdi", lang)]
    return MapView(
        [],
        False,
        map_figure(view.map_rows(data.version, edition, lang), entity, lang),
        view.map_summary(data.version, edition, entity, lang),
        t("compare_map_note", lang, country=country_name(entity, lang)),
        ChartTable(headers, view.map_table(data.version, edition, lang)),
    )


def _dropdown(component_id: str, lang: str, **props: object) -> dcc.Dropdown:
    return dcc.Dropdown(id=component_id, labels=catalog_texts("compare_dropdown_", lang), **props)


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
    entity, kind, chosen, x, y = view.normalise(entity, peers, custom, x, y)
    data = request_snapshot()
    if not data.editions:
        return no_published_page(t("compare_title", lang), lang)
    return _drawn(data.version, entity, view.choose_edition(data, entity, edition), kind, tuple(chosen), x, y, lang)


@newest_version_cache(maxsize=16)  # about 0.45 MiB a view: the defaults in both languages and the views in fashion
def _drawn(version: int, entity: str, year: int | None, kind: str, chosen: tuple[str, ...], x: str, y: str, lang: str) -> html.Div:
    """The page for one view of one store version (cached: the same view is the same page for every visitor)."""
    data = request_snapshot()
    shown = view.shown(entity, year, kind, chosen, x, y)
    peer = peer_view(data, entity, year, kind, chosen, x, y, lang)
    countries = view.country_options(data, lang)
    axis_options = [{"label": t("egdi_long" if code == "egdi" else code, lang), "value": code} for code in view.INDICES]
    editions = view.edition_options(data, entity, lang)
    controls = html.Div(
        [
            _control(
                t("compare_country_label", lang), _dropdown(ids.COMPARE_ENTITY, lang, options=countries, value=entity, clearable=False)
            ),
            _control(t("compare_edition_label", lang), _dropdown(ids.COMPARE_EDITION, lang, options=editions, value=year, clearable=False)),
        ],
        className="controls",
    )
    custom_choice = _dropdown(
        ids.COMPARE_CUSTOM,
        lang,
        options=[o for o in countries if o["value"] != entity],
        value=list(chosen),
        multi=True,
        placeholder=t("compare_custom_placeholder", lang),
    )
    peer_controls = html.Div(
        [
            html.Fieldset(
                [
                    html.Legend(t("compare_peers_label", lang)),
                    dcc.RadioItems(
                        id=ids.COMPARE_PEERS,
                        options=view.peer_options(entity, lang),
                        value=kind,
                        className="compare-peers",
                        inputClassName="compare-radio",
                    ),
                ],
                className="compare-fieldset",
            ),
            html.Div(
                _control(t("compare_custom_label", lang), custom_choice, "control compare-custom"),
                id=ids.COMPARE_CUSTOM_BOX,
                style=peer.custom_style,
            ),
        ],
        className="compare-peer-controls",
    )
    ranking = html.Section(
        [
            html.Div(
                [
                    html.H2(t("compare_ranking_title", lang)),
                    ranking_download(lang),
                ],
                className="compare-panel-head",
            ),
            html.P(t("compare_ranking_help", lang), className="muted"),
            ranking_table(peer.rows, peer.csv_name, lang),
            html.Div(peer.class_note, id=ids.COMPARE_CLASS_NOTE),
        ],
        className="panel",
    )
    axes = html.Div(
        [
            _control(t("compare_x_label", lang), _dropdown(ids.COMPARE_X, lang, options=axis_options, value=x, clearable=False)),
            _control(t("compare_y_label", lang), _dropdown(ids.COMPARE_Y, lang, options=axis_options, value=y, clearable=False)),
        ],
        className="controls compare-axes",
    )
    about = survey_about(lang)
    scatter = chart_block(
        ids.COMPARE_SCATTER_BLOCK,
        lang,
        title=t("compare_scatter_title", lang),
        summary=peer.scatter_summary,
        figure=peer.scatter,
        table=peer.scatter_table,
        about=about,
        graph_id=ids.COMPARE_SCATTER,
        filename=f"egdi-scatter-{entity.lower()}-{year}",
    )
    gaps = chart_block(
        ids.COMPARE_GAPS_BLOCK,
        lang,
        title=t("compare_gap_title", lang),
        summary=peer.gaps_summary,
        figure=peer.gaps,
        table=peer.gaps_table,
        about=about,
        graph_id=ids.COMPARE_GAPS,
        buttons=NO_BUTTONS,
        filename=f"egdi-gaps-{entity.lower()}-{year}",
    )
    charts = html.Div([html.Div([axes, scatter], className="compare-half"), html.Div(gaps, className="compare-half")])
    charts.className = "compare-charts"
    shown_map = map_view(data, entity, year, lang)
    world = html.Div(
        [
            html.Div(shown_map.notice, id=ids.COMPARE_MAP_NOTICE),
            html.Div(
                [
                    html.P(shown_map.note, id=ids.COMPARE_MAP_NOTE, className="muted"),
                    chart_block(
                        ids.COMPARE_MAP_BLOCK,
                        lang,
                        title=t("compare_map_title", lang, edition=fmt_int(year, lang)),
                        summary=shown_map.summary,
                        figure=shown_map.figure,
                        table=shown_map.table,
                        about=about,
                        graph_id=ids.COMPARE_MAP,
                        buttons=ZOOM_GEO,
                        timeline=edition_timeline(
                            ids.COMPARE_MAP_TIMELINE, t("compare_map_timeline", lang), data.world_editions, year, lang
                        ),
                        filename="egdi-world",
                        is_map=True,
                    ),
                    html.P(t("compare_map_disclaimer", lang), className="source"),
                ],
                id=ids.COMPARE_MAP_BOX,
                hidden=shown_map.hidden,
            ),
            dcc.Store(id=ids.COMPARE_MAP_STATE, data={"edition": None if shown_map.hidden else year, "entity": entity, "shown": shown}),
        ]
    )
    return html.Div(
        [
            dcc.Store(id=ids.COMPARE_LANG, data=lang),
            html.Div(peer.heading, id=ids.COMPARE_HEADING),
            controls,
            peer_controls,
            html.Div(peer.coverage, id=ids.COMPARE_COVERAGE),
            ranking,
            charts,
            world,
            html.P(t("source_undesa", lang), className="source"),
        ],
        className="compare-page",
    )


def clear_caches() -> None:
    """Forget the pages drawn for earlier store versions (tests that switch databases)."""
    _drawn.cache_clear()
