"""Simulator (analysts, ministers): what if a country's sub-indices or component indicators were different? Inputs,
the re-scored results, goal seek and saved scenarios (`layouts.views.simulator`, `simulator_seek`,
`simulator_scenarios`). A shared URL reproduces a scenario: `?edition=2022&entity=KHM&mode=published&set=osi:0.6`.
"""

from __future__ import annotations

from collections.abc import Mapping

import dash
import pandas as pd
from dash import dcc, html

from indicators.entities import load_countries
from indicators.outlook.scenarios import PUBLISHED_MODE, parse_changes
from layouts import ids
from layouts.components import notice, page_link, scroll_box
from layouts.components.chart_block import ChartTable, chart_block
from layouts.components.inert import inert
from layouts.components.no_published import no_published_page
from layouts.components.plotly_config import NO_BUTTONS
from layouts.components.write_note import write_note
from layouts.figures.simulator import results_figure
from layouts.i18n import fmt_int, t
from layouts.state import language, make_query
from layouts.views import simulator as view
from layouts.views import simulator_scenarios as scenarios
from layouts.views import simulator_seek as seeking
from layouts.views.about_data import survey_about
from layouts.views.choices import country_options
from layouts.views.labels import page_href
from layouts.views.snapshot import request_snapshot
from layouts.views.write_access import WriteNote, note_for

dash.register_page(__name__, path="/simulator", name="Simulator", order=5)


def layout(
    lang: str = "en", entity: str = "KHM", edition: str | None = None, mode: str | None = None, set: str | None = None, **_: str
) -> html.Div:
    lang = language(lang)
    mode = mode if mode in view.MODES else PUBLISHED_MODE
    if not request_snapshot().editions:  # both modes re-score against the published results of an edition
        return no_published_page(t("simulator_title", lang), lang)
    chosen = view.choose_edition(mode, edition)
    here = dash.get_relative_path("/simulator") + make_query({"lang": lang, "entity": entity, "edition": edition, "mode": mode, "set": set})
    modes = [{"label": t(f"simulator_mode_{m}", lang), "value": m} for m in view.MODES]
    controls = [
        _control(
            t("simulator_country", lang),
            dcc.Dropdown(id=ids.SIMULATOR_ENTITY, options=country_options(load_countries().codes, lang), value=entity, clearable=False),
        ),
        _control(
            t("simulator_edition", lang),
            dcc.Dropdown(id=ids.SIMULATOR_EDITION, options=edition_options(mode, lang), value=chosen, clearable=False),
        ),
        html.Fieldset(
            [
                html.Legend(t("simulator_mode", lang)),
                dcc.RadioItems(id=ids.SIMULATOR_MODE, options=modes, value=mode, className="sim-radios"),
            ],
            className="sim-mode",
        ),
    ]
    return html.Div(
        [
            dcc.Store(id=ids.SIMULATOR_LANG, data=lang),
            html.H1(t("simulator_title", lang)),
            html.P(t("simulator_subtitle", lang), className="subtitle"),
            html.Div(controls, className="controls sim-controls"),
            html.Div(body(mode, chosen, entity, parse_changes(set), lang), id=ids.SIMULATOR_BODY),
            scenarios_panel(lang, note_for("save_scenario", here, lang)),
            html.P(t("simulator_method_note", lang), className="source"),
        ],
        className="simulator-page",
    )


def _control(label: str, component: object, class_name: str = "control") -> html.Label:
    return html.Label([label, component], className=class_name)


def edition_options(mode: str, lang: str) -> list[dict[str, object]]:
    return [{"label": fmt_int(e, lang), "value": e} for e in view.editions_for(mode)]


def body(mode: str, edition: int, entity: str, changes: Mapping[str, float], lang: str) -> list[object]:
    """Inputs, results and goal seek for one mode, edition and entity, with `changes` applied."""
    problem = view.unavailable(mode, edition, entity, lang)
    if problem is not None:
        link = page_link(t("simulator_data_link", lang), page_href("/data", lang))
        shown = (
            html.Div([problem.text, " ", link], className="notice notice-warning") if problem.data_link else notice(problem.text, "warning")
        )
        return [dcc.Store(id=ids.SIMULATOR_CONTEXT, data=None), shown]
    context = view.context(mode, edition, entity)
    codes = context["codes"]
    kept = {code: value for code, value in changes.items() if code in codes}
    sliders = view.sliders(codes, context["baseline"], kept, lang)
    return [
        dcc.Store(id=ids.SIMULATOR_CONTEXT, data=context),
        html.Div(
            [
                html.Section(inputs_panel(mode, sliders, lang), className="panel sim-inputs"),
                html.Section(results_view(mode, edition, entity, kept, lang), id=ids.SIMULATOR_RESULTS, className="panel sim-results"),
            ],
            className="sim-grid",
        ),
        seek_panel(codes, lang),
    ]


def inputs_panel(mode: str, sliders: list[view.Slider], lang: str) -> list[object]:
    rows = [
        html.Div(
            [
                html.Div(
                    [
                        html.Span(s.label, id=ids.SIMULATOR_LABEL_PREFIX + s.code, className="sim-label"),
                        html.Span(s.hint, className="sim-hint"),
                    ],
                    className="sim-input-head",
                ),
                dcc.Slider(
                    id={"type": ids.SIMULATOR_VALUE, "code": s.code},
                    min=s.low,
                    max=s.high,
                    step=s.step,
                    value=s.value,
                    marks=None,
                    updatemode="mouseup",
                    tooltip={"placement": "bottom", "always_visible": False},
                    className="sim-slider",
                ),
            ],
            className="sim-input",
            role="group",
            **{"aria-labelledby": ids.SIMULATOR_LABEL_PREFIX + s.code},
        )
        for s in sliders
    ]
    help_key = "simulator_inputs_help_published" if mode == PUBLISHED_MODE else "simulator_inputs_help_components"
    return [
        html.H2(t("simulator_inputs_title", lang)),
        html.P(t(help_key, lang), className="muted"),
        *rows,
        html.Button(t("simulator_reset", lang), id=ids.SIMULATOR_RESET, n_clicks=0, className="sim-button"),
    ]


def results_view(mode: str, edition: int, entity: str, changes: Mapping[str, float], lang: str) -> list[object]:
    shown = view.results(mode, edition, entity, changes, lang)
    table = inert(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(h, scope="col") for h in shown.headers])),
                html.Tbody([html.Tr([html.Th(r[0], scope="row"), *[html.Td(c) for c in r[1:]]]) for r in shown.rows]),
            ],
            className="data-table sim-table",
            id=ids.SIMULATOR_RESULTS_TABLE,
        )
    )
    figure = results_figure(shown.before, shown.after, shown.thresholds, lang)
    return [
        html.H2(t("simulator_results_title", lang)),
        html.P(shown.summary, className="muted", id=ids.SIMULATOR_SUMMARY),
        scroll_box(table, lang),
        chart_block(
            ids.SIMULATOR_BLOCK,
            lang,
            title=t("simulator_chart_title", lang),
            summary=shown.summary,
            figure=figure,
            table=ChartTable(shown.headers, pd.DataFrame(shown.rows)),
            about=survey_about(lang, "chart_processing_whatif"),
            graph_id=ids.SIMULATOR_FIGURE,
            buttons=NO_BUTTONS,
            filename=f"whatif-{entity.lower()}-{edition}",
            heading="h3",
        ),
    ]


def seek_panel(codes: list[str], lang: str) -> html.Section:
    number = {"type": "number", "className": "sim-number"}
    controls = [
        _control(
            t("simulator_seek_indicator", lang),
            dcc.Dropdown(
                id=ids.SIMULATOR_SEEK_CODE,
                options=[{"label": view.code_label(c, lang), "value": c} for c in codes],
                value=codes[0] if codes else None,
                clearable=False,
            ),
        ),
        _control(
            t("simulator_seek_goal", lang),
            dcc.Dropdown(
                id=ids.SIMULATOR_SEEK_GOAL,
                options=[{"label": t(f"simulator_goal_{g}", lang), "value": g} for g in seeking.GOALS],
                value=seeking.DEFAULT_GOAL,
                clearable=False,
            ),
        ),
        html.Div(
            _control(
                t("simulator_seek_rank", lang),
                dcc.Input(id=ids.SIMULATOR_SEEK_RANK, min=1, max=193, step=1, value=seeking.DEFAULT_RANK_GOAL, **number),
                "control sim-small",
            ),
            id=ids.SIMULATOR_SEEK_RANK_BOX,
            hidden=not seeking.needs_field("rank", seeking.DEFAULT_GOAL),
        ),
        html.Div(
            _control(
                t("simulator_seek_egdi", lang),
                dcc.Input(id=ids.SIMULATOR_SEEK_EGDI, min=0, max=1, step=0.0001, value=seeking.DEFAULT_EGDI_GOAL, **number),
                "control sim-small",
            ),
            id=ids.SIMULATOR_SEEK_EGDI_BOX,
            hidden=not seeking.needs_field("egdi", seeking.DEFAULT_GOAL),
        ),
    ]
    return html.Section(
        [
            html.H2(t("simulator_seek_title", lang)),
            html.P(t("simulator_seek_help", lang), className="muted"),
            html.Div(controls, className="sim-seek-controls"),
            html.Button(t("simulator_seek_run", lang), id=ids.SIMULATOR_SEEK_RUN, n_clicks=0, className="sim-button sim-primary"),
            dcc.Store(id=ids.SIMULATOR_SEEK_FOUND),
            html.Div(id=ids.SIMULATOR_SEEK_RESULT, role="status", **{"aria-live": "polite"}),
            html.Button(t("simulator_seek_apply", lang), id=ids.SIMULATOR_SEEK_APPLY, n_clicks=0, className="sim-button", hidden=True),
        ],
        className="panel sim-seek",
    )


def seek_message(outcome: seeking.SeekOutcome) -> list[object]:
    """What goal seek found, and how it searched."""
    message = html.Div(outcome.text, className=f"notice notice-{outcome.kind}" if outcome.kind else "notice")
    return [message, html.P(outcome.note, className="muted")] if outcome.note else [message]


# Scenarios -----------------------------------------------------------------------------------------------------


def scenario_options(lang: str) -> list[dict[str, object]]:
    open_text = t("simulator_scenario_open", lang)
    return [
        {"label": html.Span([html.Strong(s.name), " — ", s.description, " ", dcc.Link(open_text, href=s.href)]), "value": s.name}
        for s in scenarios.scenario_entries(lang)
    ]


def scenarios_panel(lang: str, refused: WriteNote | None) -> html.Section:
    """Saved scenarios to compare; naming and saving one for those who may (`refused`: why the user may not)."""
    name = dcc.Input(id=ids.SIMULATOR_SCENARIO_NAME, type="text", maxLength=60, debounce=False, className="sim-text")
    save = html.Button(t("simulator_scenario_save", lang), id=ids.SIMULATOR_SCENARIO_SAVE, n_clicks=0, className="sim-button sim-primary")
    saving = html.Div([_control(t("simulator_scenario_name", lang), name), save], className="sim-save")
    return html.Section(
        [
            html.H2(t("simulator_scenarios_title", lang)),
            html.P(t("simulator_scenarios_help", lang), className="muted"),
            saving if refused is None else write_note(refused, ids.SIMULATOR_SCENARIO_NOTE),
            html.Div(id=ids.SIMULATOR_SCENARIO_MESSAGE, role="status", **{"aria-live": "polite"}),
            html.Fieldset(
                [
                    html.Legend(t("simulator_scenarios_compare", lang)),
                    dcc.Checklist(id=ids.SIMULATOR_SCENARIO_LIST, options=scenario_options(lang), value=[], className="sim-checklist"),
                ],
                className="sim-fieldset",
            ),
            html.Div(compare_view([], lang), id=ids.SIMULATOR_COMPARE),
        ],
        className="panel sim-scenarios",
        id=ids.SIMULATOR_SCENARIOS,
    )


def compare_view(names: list[str], lang: str) -> list[object]:
    """The results of the chosen scenarios side by side, with the baseline of each edition and country."""
    if not names:
        return [html.P(t("simulator_compare_empty", lang), className="muted")]
    rows = scenarios.compared(names, lang)
    table = inert(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(t(key, lang), scope="col") for key in scenarios.COMPARE_HEADERS])),
                html.Tbody([html.Tr([html.Th(r[0], scope="row"), *[html.Td(c) for c in r[1:]]]) for r in rows]),
            ],
            className="data-table sim-compare-table",
        )
    )
    return [scroll_box(table, lang)]
