"""Targets (policy staff, analysts): where each target of the Digital Government Policy stands, every status with its
inputs, and an editor whose edits are saved in the store (shown to those who may edit targets; others read who
may). What it shows comes from `layouts.views.targets`.
The view state in the URL: `lang`, and `target` (the one open in the editor).
"""

from __future__ import annotations

import dash
from dash import dcc, html

from indicators.outlook.targets import TargetSet
from layouts import ids
from layouts.components import notice, page_link, scroll_box
from layouts.components.chart_block import ChartTable, chart_block
from layouts.components.inert import inert
from layouts.components.plotly_config import NO_BUTTONS
from layouts.components.write_note import write_note
from layouts.figures.targets import lights_table, status_badge, status_light, target_figure
from layouts.i18n import t
from layouts.state import language, make_query
from layouts.views import target_edits
from layouts.views import targets as view
from layouts.views.about_data import targets_about
from layouts.views.labels import page_href
from layouts.views.version_cache import newest_version_cache
from layouts.views.write_access import note_for

dash.register_page(__name__, path="/targets", name="Targets", order=4)

CHART_HEADERS = (
    "year",
    "targets_chart_observed",
    "targets_chart_target",
    "targets_chart_projection",
    "targets_col_lower",
    "targets_col_upper",
)


def layout(lang: str = "en", target: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    targets = view.targets_view().targets
    return html.Div(
        [
            dcc.Store(id=ids.TARGETS_LANG, data=lang),
            html.Div(current_content(lang), id=ids.TARGETS_CONTENT),
            editor(targets, target, lang),
        ],
        className="targets-page",
    )


@newest_version_cache(maxsize=8)
def _content(version: int, nowcast: bool, lang: str) -> list[object]:
    return targets_content(view.targets_view(), lang)


def current_content(lang: str) -> list[object]:
    """The page's content for the current store version (cached per version and language)."""
    return _content(*view.view_key(), lang)


def clear_caches() -> None:
    """Forget the content drawn for earlier store versions (tests that switch databases)."""
    _content.cache_clear()


def light(status: view.Light, lang: str) -> html.Span:
    return status_light(status.progress, lang, status.short)


def legend(lang: str) -> html.Details:
    items = [html.Li([status_light(p, lang), " ", t(f"targets_band_{p}", lang)]) for p in view.PROGRESS_ORDER]
    return html.Details([html.Summary(t("targets_legend_title", lang)), html.Ul(items, className="tg-legend")], className="tg-method")


def targets_content(targets: view.TargetsView, lang: str) -> list[object]:
    error = view.file_error(targets, lang)
    if error:
        return [html.H1(t("targets_title", lang)), notice(error, "error")]
    parts: list[object] = [html.H1(t("targets_title", lang)), html.P(view.subtitle(targets, lang), className="subtitle")]
    indicative = view.indicative_note(targets, lang)
    if indicative:
        parts.append(notice(indicative, "warning"))
    parts += [
        html.Div(
            [
                html.H2(t("targets_summary_title", lang)),
                html.P(view.reporting_status(targets, lang), className="tg-reporting"),
                html.P(view.summary_help(targets, lang), className="muted"),
                *([html.P(note, className="tg-nowcast")] if (note := view.nowcast_note(targets, lang)) else []),
                lights_table(targets.status, targets.targets.milestones, lang, ids.TARGETS_TABLE),
                legend(lang),
            ],
            className="panel",
        ),
        html.Div(
            [target_card(view.target_card(targets, target, lang), lang) for target in targets.targets.targets],
            className="tg-cards",
            id=ids.TARGETS_CARDS,
        ),
        html.P(t("targets_method_note", lang), className="source"),
        html.P(t("source_undesa", lang), className="source"),
    ]
    return parts


def target_card(card: view.TargetCard, lang: str) -> html.Section:
    target = card.target
    milestones = inert(
        html.Ul(
            [
                html.Li([html.Span(caption, className="tg-ms-year"), html.Span(value, className="tg-ms-target"), light(status, lang)])
                for caption, value, status in card.milestones
            ],
            className="tg-milestones",
        )
    )
    return html.Section(
        [
            html.H3([html.Span(target.name(lang)), " ", status_badge(target.status, lang)]),
            html.P([html.Span(card.indicator), html.Br(), html.Span(card.facts)], className="tg-facts"),
            milestones,
            chart_block(
                ids.TARGETS_BLOCK_PREFIX + target.id,
                lang,
                title=t("targets_chart_title", lang),
                summary=card.summary,
                figure=target_figure(card.series, card.rows, target.indicator, lang),
                table=ChartTable([t(key, lang) for key in CHART_HEADERS], card.chart_table),
                about=targets_about(lang),
                graph_id=ids.TARGETS_CHART_PREFIX + target.id,
                buttons=NO_BUTTONS,
                filename=f"target-{target.id}",
                heading="h4",
            ),
            inputs_details(card, lang),
            rank_note(card.rank_note, lang),
            html.P(card.source, className="source"),
        ],
        className="panel tg-card",
        id=ids.TARGETS_CARD_PREFIX + target.id,
    )


def inputs_details(card: view.TargetCard, lang: str) -> html.Details:
    """The inputs behind each milestone's status, one column per milestone."""
    body = [
        html.Tr([html.Th(label, scope="row"), *[html.Td(light(c, lang) if isinstance(c, view.Light) else c) for c in cells]])
        for label, cells in card.inputs
    ]
    head = html.Tr([html.Th(t("targets_in_milestone", lang), scope="col"), *[html.Th(m, scope="col") for m in card.inputs_head]])
    table = html.Table([html.Thead(head), html.Tbody(body)], className="data-table tg-inputs")
    title = t("targets_inputs_title", lang)
    return inert(html.Details([html.Summary(title), scroll_box(table, lang, title)], className="tg-details"))


def rank_note(note: view.RankNote | None, lang: str) -> html.Div | None:
    if note is None:
        return None
    if note.missing:
        return html.Div(
            [note.missing, " ", page_link(t("targets_data_link", lang), page_href("/data", lang))],
            className="notice notice-info tg-rank-note",
        )
    return html.Div([html.P(note.intro), html.Ul([html.Li(line) for line in note.lines])], className="tg-rank-note")


# The editor ----------------------------------------------------------------------------------------------------


def editor(targets: TargetSet, target: str | None, lang: str) -> html.Section:
    """The target editor for those who may edit targets; for others, who may and how to sign in."""
    here = dash.get_relative_path("/targets") + make_query({"lang": lang, "target": target})
    refused = note_for("edit_targets", here, lang)
    if refused is None:
        return edit_panel(targets, view.chosen_target(targets, target), lang)
    title = html.H2(t("targets_edit_title", lang))
    return html.Section([title, write_note(refused, ids.TARGETS_EDIT_NOTE)], className="panel tg-edit", id=ids.TARGETS_EDITOR)


def edit_panel(targets: TargetSet, chosen: str | None, lang: str) -> html.Section:
    options = [{"label": target.name(lang), "value": target.id} for target in targets.targets]
    return html.Section(
        [
            html.H2(t("targets_edit_title", lang)),
            html.P(t("targets_edit_help", lang), className="muted"),
            html.Label(
                [t("targets_edit_choose", lang), dcc.Dropdown(id=ids.TARGETS_EDIT_TARGET, options=options, value=chosen, clearable=False)],
                className="control tg-edit-choose",
            ),
            html.Div(edit_fields(targets, chosen, lang), id=ids.TARGETS_EDIT_FIELDS),
            html.Button(t("targets_edit_save", lang), id=ids.TARGETS_EDIT_SAVE, n_clicks=0, className="tg-button tg-primary"),
            html.Div(id=ids.TARGETS_EDIT_MESSAGE, role="status", **{"aria-live": "polite"}),
        ],
        className="panel tg-edit",
        id=ids.TARGETS_EDITOR,
    )


def _field(label: str, component: object) -> html.Label:
    return html.Label([html.Span(label, className="tg-field-label"), component], className="tg-field")


def _text_input(component_id: object, value: str, mode: str) -> dcc.Input:
    return dcc.Input(id=component_id, value=value, type="text", inputMode=mode, debounce=True, className="tg-input")


def edit_fields(targets: TargetSet, chosen: str | None, lang: str) -> list[object]:
    """The form of one target: baseline year and value, a value per milestone, status and source."""
    form = target_edits.edit_form(targets, chosen, lang)
    if form is None:
        return []
    milestones = [
        _field(label, _text_input({"type": ids.TARGETS_EDIT_VALUE, "year": year}, value, "decimal"))
        for year, label, value in form.milestones
    ]
    return [
        html.P(
            [html.Strong(form.indicator), " · ", form.range_hint, " · ", t("targets_edit_blank", lang)],
            className="tg-field-hint",
        ),
        html.Div(
            [
                _field(t("targets_edit_baseline_year", lang), _text_input(ids.TARGETS_EDIT_BASELINE_YEAR, form.baseline_year, "numeric")),
                _field(
                    t("targets_edit_baseline_value", lang), _text_input(ids.TARGETS_EDIT_BASELINE_VALUE, form.baseline_value, "decimal")
                ),
                *milestones,
            ],
            className="tg-fields",
        ),
        html.Fieldset(
            [
                html.Legend(t("targets_edit_status", lang)),
                dcc.RadioItems(
                    id=ids.TARGETS_EDIT_STATUS,
                    options=[{"label": t(f"targets_status_{s}", lang), "value": s} for s in ("indicative", "confirmed")],
                    value=form.target.status,
                    inline=True,
                    className="tg-radios",
                ),
            ],
            className="tg-fieldset",
        ),
        html.Label(
            [
                html.Span(t("targets_edit_source", lang), className="tg-field-label"),
                dcc.Textarea(id=ids.TARGETS_EDIT_SOURCE, value=form.target.source, className="tg-textarea", rows=2),
            ],
            className="tg-field tg-field-wide",
        ),
    ]


def edit_message(outcome: target_edits.EditOutcome) -> html.Div:
    """What saving an edit did, as a notice (the problems listed when it was refused)."""
    if outcome.kind == "refused":
        items = [html.Li(problem) for problem in outcome.problems]
        return html.Div([html.P(outcome.text), html.Ul(items)], className="notice notice-error", role="alert")
    kinds = {"failed": "error", "unchanged": "info", "saved": "success"}
    return notice(outcome.text, kinds[outcome.kind])
