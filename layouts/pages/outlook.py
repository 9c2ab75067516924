"""Outlook (ministers, analysts): the next Survey's nowcast of a country and its ASEAN peers with intervals, how well
it predicted past Surveys, the ranked levers (each opening the Simulator with its change) and the cheapest path to each
Policy milestone (`layouts.views.outlook`). The view state in the URL: `lang`, `entity`.

The nowcast is computed off the request (`layouts.views.outlook_ready`): until it is ready the page says so and asks
again every second (OUTLOOK_POLL)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import dash
from dash import dcc, html

from indicators.entities import load_countries
from layouts import ids
from layouts.components import notice, page_link, scroll_box
from layouts.components.chart_block import ChartTable, chart_block
from layouts.components.inert import inert
from layouts.components.plotly_config import NO_BUTTONS
from layouts.figures.outlook import peers_figure, record_figure
from layouts.i18n import fmt_int, t
from layouts.state import language
from layouts.views import outlook as view
from layouts.views.about_data import AboutData, survey_about
from layouts.views.choices import country_options
from layouts.views.labels import page_href
from layouts.views.snapshot import request_snapshot

dash.register_page(__name__, path="/outlook", name="Outlook", order=3)

POLL_MS = 1000
TOP_LEVERS = 10  # shown at once; the rest behind "more"
METHOD_ID = re.compile(r"(egdi-\d{4}(?:@\d{4})?)")


def layout(lang: str = "en", entity: str = "KHM", **_: str) -> html.Div:
    lang = language(lang)
    content, computing = outlook_content(entity, lang)
    return html.Div(
        [
            html.H1(t("outlook_title", lang)),
            html.Div(
                html.Label(
                    [
                        t("outlook_country_label", lang),
                        dcc.Dropdown(
                            id=ids.OUTLOOK_ENTITY,
                            options=country_options(load_countries().codes, lang),
                            value=entity,
                            clearable=False,
                        ),
                    ],
                    className="control",
                ),
                className="controls",
            ),
            dcc.Store(id=ids.OUTLOOK_STATE, data={"lang": lang, "entity": entity}),
            dcc.Interval(id=ids.OUTLOOK_POLL, interval=POLL_MS, disabled=not computing),
            html.Div(content, id=ids.OUTLOOK_CONTENT, **{"aria-live": "polite", "aria-busy": "true" if computing else "false"}),
        ],
        className="outlook-page",
    )


def outlook_content(entity: str, lang: str) -> tuple[list[object], bool]:
    """(the page below its controls, whether a part of it is still computed); kept for the newest store version once
    complete."""
    key = (request_snapshot().version, entity, lang)
    if key in _drawn:
        return _drawn[key], False
    shown = view.outlook_page(entity, lang)
    drawn = draw(shown, entity, lang)
    computing = view.still_computing(shown)
    if not computing:
        if len(_drawn) >= MAX_DRAWN or any(version != key[0] for version, *_ in _drawn):
            _drawn.clear()
        _drawn[key] = drawn
    return drawn, computing


MAX_DRAWN = 64
_drawn: dict[tuple[int, str, str], list[object]] = {}


def clear_caches() -> None:
    """Forget what was drawn for earlier store versions (tests that switch databases)."""
    _drawn.clear()


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], lang: str, table_id: str | None = None) -> html.Div:
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in headers]))
    body = html.Tbody([html.Tr([html.Th(row[0], scope="row"), *[html.Td(c) for c in row[1:]]]) for row in rows])
    table = inert(html.Table([head, body], className="data-table ol-table"))
    if table_id:
        table.id = table_id
    return scroll_box(table, lang)


def _about(lang: str) -> AboutData:
    survey = survey_about(lang)
    return AboutData(survey.source, survey.citation, survey.licence, survey.updated, t("outlook_processing", lang))


def draw(shown: view.OutlookPage, entity: str, lang: str) -> list[object]:
    if shown.message:
        if shown.data_link:
            return [
                html.Div(
                    [shown.message, " ", page_link(t("outlook_data_link", lang), page_href("/data", lang))],
                    className="notice notice-warning",
                )
            ]
        return [notice(shown.message, "info" if shown.computing else "warning")]
    assert shown.peers is not None and shown.peer_rows is not None and shown.record is not None and shown.record_rows is not None
    figures = [[f.label, f.value, f.interval, f.how] for f in shown.figures]
    country = load_countries().name(entity, lang)
    return [
        html.P(shown.title, className="subtitle"),
        html.P(shown.line, id=ids.OUTLOOK_LINE, className="summary"),
        html.Section(
            [
                html.H2(t("outlook_figures_title", lang)),
                _table(
                    [t(k, lang) for k in ("outlook_col_figure", "outlook_col_nowcast", "outlook_col_interval", "outlook_col_how")],
                    figures,
                    lang,
                    ids.OUTLOOK_FIGURES,
                ),
            ],
            className="panel",
        ),
        chart_block(
            ids.OUTLOOK_PEERS_BLOCK,
            lang,
            title=t("outlook_peers_title", lang, country=country),
            summary=shown.peers_summary,
            figure=peers_figure(shown.peers, entity, lang),
            table=ChartTable([t(k, lang) for k in view.PEER_HEADERS], shown.peer_rows),
            about=_about(lang),
            graph_id=ids.OUTLOOK_PEERS,
            buttons=NO_BUTTONS,
            filename=f"nowcast-{shown.edition}-{entity.lower()}",
        ),
        html.Details(
            [html.Summary(t("outlook_notes_title", lang)), html.Ul([html.Li(with_codes(note)) for note in shown.notes])],
            className="panel ol-notes",
            open=True,
        ),
        html.H2(t("outlook_record_title", lang)),
        html.P(t("outlook_record_help", lang), className="muted"),
        chart_block(
            ids.OUTLOOK_RECORD_BLOCK,
            lang,
            title=t("outlook_record_chart_title", lang, country=country),
            summary=shown.record_summary,
            figure=record_figure(shown.record, lang),
            table=ChartTable([t(k, lang) for k in view.RECORD_HEADERS], shown.record_rows),
            about=_about(lang),
            graph_id=ids.OUTLOOK_RECORD,
            buttons=NO_BUTTONS,
            filename=f"nowcast-record-{entity.lower()}",
            heading="h3",
        ),
        html.Section(
            [
                html.H3(t("outlook_evaluation_title", lang)),
                html.P(t("outlook_evaluation_help", lang, coverage=fmt_int(80, lang)), className="muted"),
                _table([t(k, lang) for k in view.EVALUATION_HEADERS], shown.evaluation_rows, lang, ids.OUTLOOK_EVALUATION),
            ],
            className="panel",
        ),
        html.Section(levers_panel(shown, lang), className="panel", id=ids.OUTLOOK_LEVERS),
        html.Section(paths_panel(shown, lang), className="panel", id=ids.OUTLOOK_PATHS),
    ]


def with_codes(text: str) -> list[object]:
    """A note with the method files' ids (`egdi-2024@2026`) set as code: names of files, not words to translate."""
    parts = METHOD_ID.split(text)
    return [html.Code(part) if METHOD_ID.fullmatch(part) else part for part in parts if part]


def levers_panel(shown: view.OutlookPage, lang: str) -> list[object]:
    parts: list[object] = [html.H2(t("outlook_levers_title", lang)), html.P(t("outlook_levers_help", lang), className="muted")]
    if shown.levers is None:
        return [*parts, notice(t("outlook_levers_computing", lang), "info")]
    if not shown.levers:
        return [*parts, html.P(t("outlook_levers_none", lang))]
    headers = [t(k, lang) for k in view.LEVER_HEADERS]
    rows = [
        [
            lever.component,
            lever.subindex,
            lever.step,
            lever.change,
            lever.egdi,
            lever.world,
            lever.asean,
            page_link(t("outlook_try", lang), lever.href, className="ol-try"),
        ]
        for lever in shown.levers
    ]
    tables: list[object] = [_table(headers, rows[:TOP_LEVERS], lang, ids.OUTLOOK_LEVERS_TOP)]
    if len(rows) > TOP_LEVERS:
        more = t("outlook_levers_more", lang, count=fmt_int(len(rows) - TOP_LEVERS, lang))
        tables.append(html.Details([html.Summary(more), _table(headers, rows[TOP_LEVERS:], lang)], className="ol-more"))
    return [*parts, *tables, html.P(t("outlook_simulator_note", lang), className="muted")]


def paths_panel(shown: view.OutlookPage, lang: str) -> list[object]:
    parts: list[object] = [html.H2(t("outlook_paths_title", lang))]
    if shown.paths_note:
        return [*parts, html.P(shown.paths_note, className="muted")]
    parts.append(html.P(t("outlook_paths_help", lang), className="muted"))
    if shown.paths is None:
        return [*parts, notice(t("outlook_paths_computing", lang), "info")]
    headers = [t(k, lang) for k in ("outlook_col_milestone", "outlook_col_path", "outlook_col_changes", "outlook_col_simulator")]
    rows = [
        [
            path.target,
            path.outcome,
            html.Ul([html.Li(change) for change in path.changes]) if path.changes else t("outlook_no_change", lang),
            page_link(t("outlook_try", lang), path.href, className="ol-try") if path.href else "–",
        ]
        for path in shown.paths
    ]
    return [*parts, _table(headers, rows, lang)]
