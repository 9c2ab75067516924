"""Methodology (analysts): per edition with a methodology file, the formulas and weights used, what is confirmed
and what is not, where every number comes from, and what changed since the previous edition
(`layouts.views.methodology`, read from the methodology files); how well the method rebuilds the published values
(`layouts.views.method_backtest`); and whose data the tool ships, under which licence (`layouts.views.method_sources`)."""

from __future__ import annotations

import dash
from dash import dcc, html

from indicators.method.methodology import available_editions
from layouts import ids
from layouts.components import notice, scroll_box
from layouts.components.chart_block import ChartTable, chart_block
from layouts.components.inert import inert
from layouts.figures.methodology import backtest_figure
from layouts.i18n import fmt_int, t
from layouts.state import language
from layouts.views import methodology as view
from layouts.views.about_data import AboutData, last_updated
from layouts.views.labels import country_name
from layouts.views.method_backtest import FOCUS, backtest_view
from layouts.views.method_sources import sources_view
from layouts.views.method_words import index_name
from layouts.views.snapshot import request_snapshot
from layouts.views.version_cache import newest_version_cache

dash.register_page(__name__, path="/methodology", name="Methodology", order=9)


def layout(lang: str = "en", edition: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    chosen = view.shown_edition(edition)
    children: list[object] = [
        html.Div(
            html.Fieldset(
                [
                    html.Legend(t("methodology_edition_label", lang)),
                    dcc.RadioItems(
                        id=ids.METHODOLOGY_EDITION,
                        options=[{"label": fmt_int(e, lang), "value": e} for e in available_editions()],
                        value=chosen,
                        inline=True,
                        className="edition-choice",
                    ),
                ],
                className="control edition-fieldset",
            ),
            className="controls",
        ),
        dcc.Store(id=ids.METHODOLOGY_LANG, data=lang),
    ]
    content = methodology_content(chosen, lang)
    missing = view.no_file_notice(edition, lang)
    if missing:
        content.insert(2, notice(missing, "info"))
    children.append(html.Div(content, id=ids.METHODOLOGY_CONTENT))
    return html.Div(children, className="methodology-page")


def methodology_content(edition: int, lang: str) -> list[object]:
    """Every section of the page for one edition's methodology file (drawn once per store version, edition and
    language: the back-test depends on the store's data, the rest on the file)."""
    return list(_content(request_snapshot().version, edition, lang))


@newest_version_cache(maxsize=32)
def _content(version: int, edition: int, lang: str) -> tuple[object, ...]:
    shown = view.methodology_view(edition, lang)
    status = [html.Span(t("methodology_file_status", lang), className="muted"), badge(shown.file_provenance)]
    children: list[object] = [
        html.H1(t("methodology_title", lang)),
        html.P(shown.subtitle, className="subtitle"),
        html.P([html.Span(shown.title, className="method-title"), " ", *status], className="file-status"),
    ]
    if not shown.file_provenance.confirmed:
        children.append(notice(t("methodology_file_unconfirmed", lang), "warning"))
    children += [
        html.Section(
            [
                html.H2(t("egdi_long", lang)),
                html.P(t("methodology_egdi_text", lang)),
                html.P(html.Code(shown.egdi_formula), className="formula"),
                origin_line(shown.egdi_provenance),
            ],
            className="panel",
        ),
        html.H2(t("methodology_subindices_title", lang), className="section-title"),
        html.Div([subindex_section(sub, lang) for sub in shown.subindices], className="method-subindices"),
        html.Section(
            [
                html.H2(t("methodology_groups_title", lang)),
                table(shown.groups.caption, shown.groups.headers, list(shown.groups.rows)),
                origin_line(shown.groups_provenance),
                html.H3(t("methodology_item_rating_classes", lang)),
                html.P(shown.rating_rule),
                origin_line(shown.rating_provenance),
            ],
            className="panel",
        ),
        html.Section(
            [html.H2(t("methodology_rank_title", lang)), html.P(shown.rank_rule), origin_line(shown.rank_provenance)],
            className="panel",
        ),
        html.Section(
            [html.H2(t("methodology_missing_title", lang)), html.P(shown.missing_data), origin_line(shown.missing_provenance)],
            className="panel",
        ),
        html.Section(
            [html.H2(t("methodology_data_year_title", lang)), html.P(shown.data_year), origin_line(shown.data_year_provenance)],
            className="panel",
        ),
        changes_section(shown.changes, lang),
        backtest_section(edition, lang),
        origins_section(shown, lang),
        sources_section(lang),
    ]
    return tuple(children)


def clear_caches() -> None:
    """Forget what was drawn for earlier store versions (tests that switch databases)."""
    _content.cache_clear()


def badge(provenance: view.Provenance) -> html.Span:
    """Confirmed or not, in words and with a sign (never by colour alone)."""
    confirmed = provenance.confirmed
    return html.Span(
        [html.Span("✓" if confirmed else "?", className="method-badge-sign", **{"aria-hidden": "true"}), provenance.status],
        className="method-badge method-badge-confirmed" if confirmed else "method-badge method-badge-unconfirmed",
        title=provenance.help,
    )


def origin_line(provenance: view.Provenance) -> html.Div:
    """The badge, the kind of source and the file's note for one item (the full citation is in the origin table)."""
    if provenance.kind is None:
        return html.Div(badge(provenance), className="origin")
    return html.Div(
        [
            badge(provenance),
            html.Span(provenance.kind, className="origin-kind"),
            html.P(provenance.note, className="origin-note"),
        ],
        className="origin",
    )


def table(caption: str, headers: list[str], rows: list[list[object]], class_name: str = "data-table method-table") -> html.Div:
    return scroll_box(
        inert(
            html.Table(
                [
                    html.Caption(caption),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                    html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
                ],
                className=class_name,
            )
        ),
        "en",
        caption,
    )


def subindex_section(sub: view.SubindexView, lang: str) -> html.Section:
    children: list[object] = [html.H3(sub.title), html.P(sub.role, className="muted"), origin_line(sub.provenance)]
    if sub.ways:
        children.append(html.P(sub.ways))
    children += [form_section(form, lang) for form in sub.forms]
    return html.Section(children, className="panel method-subindex")


def form_section(form: view.FormView, lang: str) -> html.Div:
    children: list[object] = [
        html.H4(form.name),
        html.P([html.Span(t("methodology_formula", lang) + " ", className="muted"), html.Code(form.formula)]),
        html.Div(t("methodology_steps", lang), className="muted"),
        html.Ol([html.Li(step) for step in form.steps]),
        table(form.components.caption, form.components.headers, list(form.components.rows)),
    ]
    if form.provenance is not None:
        children.append(origin_line(form.provenance))
    return html.Div(children, className="method-form")


def changes_section(changes: view.ChangesView, lang: str) -> html.Section:
    if changes.previous is None:
        return html.Section([html.H2(changes.title), html.P(changes.first)], className="panel")
    children: list[object] = [html.H2(changes.title), html.H3(t("methodology_changes_method", lang))]
    if changes.method is not None:
        children.append(html.Ul([html.Li(label) for label in changes.method], className="change-list"))
    else:
        children.append(html.P(changes.same))
    if changes.data is not None:
        children += [
            html.H3(t("methodology_changes_data", lang)),
            html.Ul([html.Li(label) for label in changes.data], className="change-list"),
        ]
    if changes.provenance is not None:
        children += [
            html.H3(t("methodology_changes_provenance", lang)),
            html.Ul([html.Li(label) for label in changes.provenance], className="change-list"),
        ]
    return html.Section(children, className="panel", id=ids.METHODOLOGY_CHANGES)


def origins_section(shown: view.MethodologyView, lang: str) -> html.Section:
    rows = [[row.item, badge(row.provenance), row.provenance.kind, html.Span(row.citation), html.Span(row.note)] for row in shown.origins]
    return html.Section(
        [
            html.H2(t("methodology_origins_title", lang)),
            table(shown.origins_caption, shown.origins_headers, rows, "data-table method-table origin-table"),
            html.Details([html.Summary(t("technical_details", lang)), html.P(shown.file, className="source")], className="tech-details"),
        ],
        className="panel",
    )


def backtest_section(edition: int, lang: str) -> html.Section:
    """The back-test's figures per sub-index, what they prove, and the rebuilt-against-published scatter."""
    shown = backtest_view(edition, lang)
    children: list[object] = [html.H2(shown.title)]
    if shown.notice is not None:
        return html.Section([*children, notice(shown.notice, "info")], className="panel", id=ids.METHODOLOGY_BACKTEST)
    caption = t("methodology_backtest_caption", lang, edition=fmt_int(edition, lang))
    children += [
        html.P(shown.intro),
        table(caption, shown.headers, list(shown.rows), "data-table method-table backtest-table"),
        html.Ul([html.Li(finding) for finding in shown.findings], className="backtest-findings"),
    ]
    codes = {index_name(code, lang, short=True): code for code in ("tii", "hci")}
    about = AboutData(
        t("chart_source_indicators", lang),
        t("chart_citation_survey", lang),
        t("chart_licence_sources", lang),
        last_updated(lang),
        t("methodology_backtest_processing", lang),
    )
    block = chart_block(
        f"{ids.METHODOLOGY_BACKTEST}-block",
        lang,
        title=shown.chart_title,
        summary=shown.chart_summary,
        figure=backtest_figure(shown.points, codes, country_name(FOCUS, lang), lang),
        table=ChartTable(shown.table_headers, shown.table),
        about=about,
        graph_id=ids.METHODOLOGY_BACKTEST_GRAPH,
        filename=f"backtest-{edition}",
        heading="h3",
    )
    return html.Section([*children, block], className="panel", id=ids.METHODOLOGY_BACKTEST)


def sources_section(lang: str) -> html.Section:
    """Every bundled source with its publisher, attribution, licence and link; its files in the technical details."""
    shown = sources_view(lang)
    rows = [[row.name, row.attribution, row.licence, html.A(row.url, href=row.url, rel="noopener")] for row in shown.rows]
    files = [
        html.Li([html.Strong(row.name), f" ({count}): ", ", ".join(row.files)])
        for row, count in zip(shown.rows, shown.files_counts, strict=True)
    ]
    return html.Section(
        [
            html.H2(shown.title),
            html.P(shown.intro),
            table(shown.caption, shown.headers, rows, "data-table method-table sources-table"),
            html.Details(
                [
                    html.Summary(t("technical_details", lang)),
                    html.P(shown.files_title, className="muted"),
                    html.Ul(files, className="source"),
                ],
                className="tech-details",
            ),
        ],
        className="panel",
        id=ids.METHODOLOGY_SOURCES,
    )
