"""Overview (ministers): the latest EGDI, ranks, group and class, sub-index cards with sparklines, and one
plain-language sentence on what moved most (`layouts.views.overview`), with the targets' status lights. One laptop
screen."""

from __future__ import annotations

import dash
from dash import dcc, html

from layouts import ids
from layouts.components import card, notice, page_link
from layouts.components.chart_block import ChartTable, chart_block
from layouts.components.plotly_config import NO_BUTTONS
from layouts.figures import sparkline, trend_figure
from layouts.figures.targets import lights_table
from layouts.i18n import fmt_int, t
from layouts.state import language, with_changes
from layouts.views import outlook as outlook_view
from layouts.views import overview as view
from layouts.views import targets as targets_view
from layouts.views.about_data import survey_about
from layouts.views.chart_words import trend_summary
from layouts.views.labels import country_name, index_label, page_href
from layouts.views.method_split import latest_split_sentences
from layouts.views.version_cache import newest_version_cache

dash.register_page(__name__, path="/", name="Overview", order=0)

TABLE_HEADERS = ("edition", "egdi", "osi_short", "tii_short", "hci_short", "epi_short", "overview_world_rank")


def layout(lang: str = "en", entity: str = "KHM", edition: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    controls = view.controls(entity, edition, lang)
    content = overview_content(entity, controls.edition, lang)
    return html.Div(
        [
            html.Div(
                [
                    html.Label(
                        [
                            t("overview_country_label", lang),
                            dcc.Dropdown(id=ids.OVERVIEW_ENTITY, options=controls.countries, value=entity, clearable=False),
                        ],
                        className="control",
                    ),
                    html.Label(
                        [
                            t("overview_edition_label", lang),
                            dcc.Dropdown(
                                id=ids.OVERVIEW_EDITION,
                                options=[{"label": fmt_int(e, lang), "value": e} for e in controls.editions],
                                value=controls.edition,
                                clearable=False,
                            ),
                        ],
                        className="control",
                    ),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.OVERVIEW_STATE, data=drawn(lang, entity, controls.edition)),
            *(html.Div(part, id=part_id) for part, part_id in zip(content, (ids.OVERVIEW_CARDS, ids.OVERVIEW_HISTORY), strict=True)),
        ]
    )


HEADLINE_PARTS = 3  # title, subtitle and the headline cards: the nowcast line goes under them
EDITION_PARTS = 5  # ... then the summary and the sub-index cards: what differs between editions of one country


def drawn(lang: str, entity: str, edition: int | None) -> dict[str, object]:
    """What the page shows (kept in OVERVIEW_STATE): language, country, edition, and what its targets' lights were
    drawn from (the store version and whether the nowcast was ready, `targets_view.view_key`)."""
    return {"lang": lang, "entity": entity, "edition": edition, "version": list(targets_view.view_key())}


def overview_content(entity: str, edition: int | None, lang: str) -> tuple[list[object], list[object]]:
    """The page below its controls, cached per store version and readiness of the nowcast (its targets' lights depend
    on it, `targets_view.view_key`; the page on nothing else), in two parts: what differs between editions
    (OVERVIEW_CARDS: the headline, with the line on the next Survey's nowcast under it, drawn anew as it is computed
    in the background, `nowcast_block`; the summary and the sub-index cards), and what a country shows in every
    edition (OVERVIEW_HISTORY: the targets, the trend chart and its source), which another edition of the same country
    leaves as it is drawn."""
    content = _content(*targets_view.view_key(), entity, edition, lang)
    if len(content) <= HEADLINE_PARTS:  # a notice: no results to show
        return content, []
    return [*content[:HEADLINE_PARTS], nowcast_block(entity, lang), *content[HEADLINE_PARTS:EDITION_PARTS]], content[EDITION_PARTS:]


def nowcast_block(entity: str, lang: str) -> html.Div:
    """The next Survey's nowcast in one line with a link to the Outlook page; while it is computed a note, and a poll
    (OVERVIEW_NOWCAST_POLL) that asks again; nothing when no nowcast can be made."""
    line, computing = outlook_view.nowcast_line(entity, lang)
    return html.Div(
        [
            html.Div(nowcast_children(line, computing, entity, lang), id=ids.OVERVIEW_NOWCAST),
            dcc.Interval(id=ids.OVERVIEW_NOWCAST_POLL, interval=1000, disabled=not computing),
        ],
        className="ov-nowcast",
    )


def nowcast_children(line: str | None, computing: bool, entity: str, lang: str) -> list[object]:
    """The nowcast line, then what of the latest change is data and what method (read once the background computation
    has read the component data, so the first draw of the page never waits for it)."""
    if computing:
        return [html.P(t("overview_nowcast_computing", lang), className="muted")]
    splits = [html.P(sentence, className="ov-split") for sentence in latest_split_sentences(entity, lang)]
    if line is None:
        return splits
    href = "/outlook" + with_changes(None, entity=entity, lang=lang)
    return [html.P([line, " ", dcc.Link(t("overview_nowcast_link", lang), href=href)], className="ov-nowcast-line"), *splits]


@newest_version_cache(maxsize=64)
def _content(version: int, nowcast: bool, entity: str, edition: int | None, lang: str) -> list[object]:
    shown = view.overview(entity, edition, lang)
    if shown.missing:
        if shown.data_link:
            return [
                html.Div(
                    [shown.missing, " ", page_link(t("overview_data_link", lang), page_href("/data", lang))],
                    className="notice notice-warning",
                )
            ]
        return [notice(shown.missing, "warning")]
    assert shown.history is not None and shown.table is not None
    country = country_name(entity, lang)

    def summary(code: str) -> str:
        points = list(zip(shown.history["edition"].astype(int), shown.history[code].astype(float), strict=True))
        return trend_summary(index_label(code, lang), country, points, lang)

    subindex_cards = [
        card(
            item.label,
            item.value,
            item.detail,
            html.Div(
                html.Img(src=sparkline(shown.history, code), alt="", className="sparkline"), role="img", **{"aria-label": summary(code)}
            ),
        )
        for code, item in shown.subindices
    ]
    return [
        html.H1(t("overview_title", lang)),
        html.P(shown.subtitle, className="subtitle"),
        html.Div([card(item.label, item.value, item.detail) for item in shown.headline], className="cards"),
        html.P(shown.summary, id=ids.OVERVIEW_SUMMARY, className="summary"),
        html.Div(subindex_cards, className="cards"),
        html.Div([html.H2(t("overview_targets", lang)), *targets_panel(entity, lang)], id=ids.OVERVIEW_TARGETS, className="panel"),
        chart_block(
            ids.OVERVIEW_TREND_BLOCK,
            lang,
            title=t("overview_trend_title", lang),
            summary=summary("egdi"),
            figure=trend_figure(shown.history, lang),
            table=ChartTable([t(key, lang) for key in TABLE_HEADERS], shown.table),
            about=survey_about(lang),
            graph_id=ids.OVERVIEW_TREND,
            buttons=NO_BUTTONS,  # one trustworthy screen: nothing to zoom, no toolbar over the plot on a phone
            filename=f"egdi-{entity.lower()}",
        ),
        html.P(t("source_undesa", lang), className="source"),
    ]


def targets_panel(entity: str, lang: str) -> list[object]:
    """The status lights of the targets (they belong to one country: Cambodia), or why they are not shown."""
    panel = targets_view.targets_panel(entity, lang)
    if panel.error:
        return [notice(panel.error, "error")]
    if panel.other_country:
        return [
            html.P(t("overview_targets_other_country", lang), className="muted"),
            dcc.Link(t("overview_targets_link", lang), href=panel.link),
        ]
    return [
        html.P(panel.reporting, className="tg-reporting"),
        html.P(panel.help, className="muted"),
        *([html.P(panel.nowcast, className="tg-nowcast")] if panel.nowcast else []),
        _lights(*targets_view.view_key(), lang),
        dcc.Link(t("overview_targets_link", lang), href=panel.link, className="tg-more"),
    ]


@newest_version_cache(maxsize=8)
def _lights(version: int, nowcast: bool, lang: str) -> html.Table:
    status = targets_view.targets_view()
    return lights_table(status.status, status.targets.milestones, lang, link=page_href("/targets", lang))


def clear_caches() -> None:
    """Forget what was drawn for earlier store versions (tests that switch databases)."""
    for cached in (_content, _lights):
        cached.cache_clear()
