"""Provinces (ministry and provincial staff): the provincial portal assessment (LOSI-style) of Cambodia's 25 provinces
on a map and in a ranking, and one province's profile: criteria bars against the provinces' median, the indicators not
found on its portal, its connectivity and human capital against the national figure, and its PDF brief
(`layouts.views.provinces`). FICTIONAL demonstration data is labelled wherever it shows.
"""

from __future__ import annotations

from typing import NamedTuple

import dash
import plotly.graph_objects as go
from dash import dcc, html

from layouts import ids
from layouts.components import notice, scroll_box
from layouts.components.chart_block import ChartTable, chart_block
from layouts.components.inert import inert
from layouts.components.plotly_config import ZOOM_GEO
from layouts.components.report_download import report_download
from layouts.figures.provinces import criteria_figure, province_map
from layouts.i18n import fmt_int, t
from layouts.state import language
from layouts.views import province_profile as one
from layouts.views import provinces as view
from layouts.views.snapshot import request_snapshot
from layouts.views.version_cache import newest_version_cache

dash.register_page(__name__, path="/provinces", name="Provinces", order=6)

GEOMETRY = "geo/kh-provinces.geojson"


class MapParts(NamedTuple):
    """What a change of year, part or province redraws on the map (a NamedTuple: Dash runs page modules outside
    sys.modules)."""

    title: str
    figure: go.Figure
    summary: str
    table: ChartTable


def map_parts(choice: view.Choice, lang: str) -> MapParts:
    """The map block's title, figure, summary and table (cached per store version, like every part below)."""
    assert choice.year is not None
    return _map_parts(request_snapshot().version, choice.year, choice.part, choice.province, lang)


@newest_version_cache(maxsize=64)
def _map_parts(version: int, year: int, part: str, province: str, lang: str) -> MapParts:
    data = view.current()
    rows = view.map_rows(year, part, lang)
    classes = view.level_classes(view.questionnaire_of(data, year), lang)
    name = view.part_name(data, year, part, lang)
    figure = province_map(rows, classes, province, lang, dash.get_asset_url(GEOMETRY))
    headers, shown = view.map_table(rows, lang)
    title = t("provinces_map_title", lang, part=name, year=fmt_int(year, lang))
    return MapParts(title, figure, view.map_summary(rows, classes, name, year, lang), ChartTable(headers, shown))


def notices(lang: str) -> list[html.Div]:
    """The FICTIONAL DEMONSTRATION DATA notices, prominent, while demonstration data is shown."""
    return _notices(request_snapshot().version, lang)


@newest_version_cache(maxsize=8)
def _notices(version: int, lang: str) -> list[html.Div]:
    return [html.Div(text, className="notice notice-fictional", role="status") for text in view.fictional_notices(view.current(), lang)]


def _table(headers: list[str], rows: list[list[str]], class_name: str, row_classes: list[str] | None = None) -> html.Table:
    body = [
        html.Tr([html.Th(row[0], scope="row") if i == 0 else html.Td(cell) for i, cell in enumerate(row)], className=cls)
        for row, cls in zip(rows, row_classes or [""] * len(rows), strict=True)
    ]
    return inert(
        html.Table(
            [html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])), html.Tbody(body)], className=f"data-table {class_name}"
        )
    )


def ranking_section(choice: view.Choice, lang: str) -> list[object]:
    """The ranking table of the year, the chosen province's row marked."""
    assert choice.year is not None
    return _ranking_section(request_snapshot().version, choice.year, choice.province, lang)


@newest_version_cache(maxsize=64)
def _ranking_section(version: int, year: int, province: str, lang: str) -> list[object]:
    table = view.ranking_table(year, lang)
    marks = ["chosen" if code == province else "" for code in table.codes]
    return [
        html.H2(t("provinces_ranking_title", lang, year=fmt_int(year, lang))),
        html.P(t("provinces_ranking_note", lang), className="muted"),
        scroll_box(_table(table.headers, table.rows, "pv-ranking", marks), lang, t("provinces_ranking_label", lang)),
    ]


def _not_found(shown: one.Profile, lang: str) -> list[object]:
    """The indicators answered no, under their criterion: code and question in the page language."""
    parts: list[object] = [html.H3(t("provinces_not_found_title", lang, count=fmt_int(len(shown.not_found), lang)))]
    if not shown.not_found:
        return [*parts, html.P(t("provinces_none_missing", lang))]
    for criterion in dict.fromkeys(name for name, _, _ in shown.not_found):
        items = [html.Li([html.Code(code), " ", question]) for name, code, question in shown.not_found if name == criterion]
        parts += [html.H4(criterion), html.Ul(items, className="pv-questions")]
    return parts


def _panels(shown: one.Profile, province: str, lang: str) -> list[object]:
    parts: list[object] = [html.H3(t("provinces_panels_title", lang)), html.P(t("provinces_panels_note", lang), className="muted")]
    headers = one.panel_headers(province, lang)
    for name, rows in shown.panels:
        label = t("provinces_panels_label", lang, panel=name)
        parts += [html.H4(name), scroll_box(_table(headers, rows, "pv-panel"), lang, label)]
    return parts


def profile_section(choice: view.Choice, lang: str) -> list[object]:
    """The chosen province's profile: headline, criteria chart block, indicators not found, panels."""
    assert choice.year is not None
    return _profile_section(request_snapshot().version, choice.province, choice.year, lang)


@newest_version_cache(maxsize=64)
def _profile_section(version: int, province: str, year: int, lang: str) -> list[object]:
    shown = one.profile(province, year, lang)
    parts: list[object] = [html.H2(shown.title)]
    if shown.missing:
        return [*parts, notice(shown.missing, "warning"), *_panels(shown, province, lang)]
    parts += [
        html.P(shown.headline, className="pv-headline"),
        chart_block(
            ids.PROVINCES_CRITERIA_BLOCK,
            lang,
            title=t("provinces_criteria_title", lang),
            summary=shown.summary,
            figure=criteria_figure(shown.bars, lang, shown.fictional),
            table=ChartTable(shown.table_headers, shown.table),
            about=view.provinces_about(view.current(), year, lang),
            graph_id=ids.PROVINCES_CRITERIA,
            buttons=(),
            filename=f"province-criteria-{province.lower()}-{year}",
            heading="h3",
        ),
        *_not_found(shown, lang),
        *_panels(shown, province, lang),
    ]
    return parts


def _control(label: str, control: object) -> html.Label:
    return html.Label([label, control], className="control")


def _brief(lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(t("provinces_brief_title", lang)),
            html.P(t("provinces_brief_hint", lang), className="muted"),
            *report_download(
                ids.PROVINCES_BRIEF_BUTTON,
                t("provinces_brief_button", lang),
                ids.PROVINCES_BRIEF_PROGRESS,
                t("provinces_brief_building", lang),
                ids.PROVINCES_BRIEF_STATUS,
                ids.PROVINCES_BRIEF_DOWNLOAD,
            ),
        ],
        className="panel",
    )


def _method(choice: view.Choice, lang: str) -> html.Section:
    paragraphs = view.method_note(view.current(), choice.year, lang)
    children: list[object] = [html.H2(t("provinces_method_title", lang)), html.P(paragraphs[0], className="pv-formula")]
    children += [html.P(p) for p in paragraphs[1:]]
    children.append(html.P(t("provinces_map_note", lang), className="muted"))
    return html.Section(children, className="panel pv-method")


def layout(lang: str = "en", year: str | None = None, part: str | None = None, province: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    data = view.current()
    choice = view.choose(data, year, part, province)
    count = fmt_int(len(view.questionnaire_of(data, choice.year).indicators), lang)
    head: list[object] = [
        dcc.Store(id=ids.PROVINCES_LANG, data=lang),
        html.H1(t("provinces_title", lang)),
        html.P(t("provinces_subtitle", lang, count=count), className="subtitle"),
        html.Div(notices(lang), id=ids.PROVINCES_NOTICE),
    ]
    if choice.year is None:
        return html.Div([*head, notice(t("provinces_no_assessment", lang), "warning"), _method(choice, lang)], className="provinces-page")
    controls = html.Div(
        [
            _control(
                t("provinces_year_label", lang),
                dcc.Dropdown(id=ids.PROVINCES_YEAR, options=view.year_options(choice.years, lang), value=choice.year, clearable=False),
            ),
            _control(
                t("provinces_part_label", lang),
                dcc.Dropdown(id=ids.PROVINCES_PART, options=view.part_options(data, choice.year, lang), value=choice.part, clearable=False),
            ),
            _control(
                t("provinces_province_label", lang),
                dcc.Dropdown(id=ids.PROVINCES_PROVINCE, options=view.province_options(lang), value=choice.province, clearable=False),
            ),
        ],
        className="controls pv-controls",
    )
    shown = map_parts(choice, lang)
    unknown = view.unknown_province(choice, lang)
    return html.Div(
        [
            *head,
            *([notice(unknown, "warning")] if unknown else []),
            controls,
            chart_block(
                ids.PROVINCES_MAP_BLOCK,
                lang,
                title=shown.title,
                summary=shown.summary,
                figure=shown.figure,
                table=shown.table,
                about=view.provinces_about(data, choice.year, lang),
                graph_id=ids.PROVINCES_MAP,
                buttons=ZOOM_GEO,
                filename=f"provinces-{choice.part}-{choice.year}",
                is_map=True,
                click_store=ids.PROVINCES_MAP_CLICK,
            ),
            dcc.Store(id=ids.PROVINCES_MAP_CLICK),
            html.Section(ranking_section(choice, lang), id=ids.PROVINCES_RANKING, className="panel"),
            html.Section(profile_section(choice, lang), id=ids.PROVINCES_PROFILE, className="panel"),
            _brief(lang),
            _method(choice, lang),
        ],
        className="provinces-page",
    )


def clear_caches() -> None:
    """Forget what was drawn for earlier store versions (tests that switch databases)."""
    for cached in (_map_parts, _notices, _ranking_section, _profile_section):
        cached.cache_clear()
