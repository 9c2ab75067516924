"""Simulator (analysts, ministers): what if a country's sub-indices or component indicators were different?

Every what-if re-scores the whole field with the edition's method (`indicators.outlook.whatif`): in `published` mode the
country's OSI, TII and HCI are set and its EGDI ranked against every other country's published EGDI (needs the whole
field of that edition); in `components` mode its component indicators are set and every country is re-scored from
the stored component data (needs component data for the whole field). Goal seek finds the smallest change of one
indicator that reaches a goal. Scenarios are saved in the store (dataset `scenario:<name>`), compared side by side,
and shared by URL: `?edition=2022&entity=KHM&mode=published&set=osi:0.6,tii:0.7`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import lru_cache

import dash
import pandas as pd
from dash import dcc, html

from indicators.catalogue import load_catalogue
from indicators.entities import load_countries, load_register
from indicators.method.methodology import Methodology, available_editions, load_methodology, methodology_for_classification
from indicators.method.scoring import score
from indicators.method.standing import WORLD_MINIMUM
from indicators.outlook.goal_seek import (
    component_evaluator,
    goal_better_class,
    goal_better_group,
    goal_rank,
    goal_seek_on_grid,
    goal_value,
    published_evaluator,
    seek_tolerance,
)
from indicators.outlook.scenarios import (
    COMPONENTS_MODE,
    PUBLISHED_MODE,
    SCENARIO_KIND,
    SavedScenario,
    format_changes,
    parse_changes,
    scenarios_from_tidy,
)
from indicators.outlook.whatif import SUBINDEX_CODES, Scenario, peer_rank, whatif_components, whatif_published
from indicators.tidy import latest_values
from layouts import ids
from layouts.components import data_table, notice
from layouts.figures.simulator import index_label, results_figure
from layouts.i18n import fmt_int, fmt_number, t
from layouts.state import language, make_query
from layouts.views.snapshot import request_snapshot, store

dash.register_page(__name__, path="/simulator", name="Simulator", order=6)


MODES = (PUBLISHED_MODE, COMPONENTS_MODE)
GOALS = ("group", "class", "rank", "egdi")
DEFAULT_RANK_GOAL = 100
SEEK_STEPS = 48  # the scan of indicators.outlook.whatif.goal_seek


# The field: what a what-if re-scores --------------------------------------------------------------------------


def method_for(mode: str, edition: int) -> Methodology:
    return load_methodology(edition) if mode == COMPONENTS_MODE else methodology_for_classification(edition)


def published_field(edition: int) -> pd.DataFrame | None:
    """The published results of `edition` when the store has the whole field, else None."""
    data = request_snapshot()
    return data.edition(edition) if edition in data.world_editions else None


@lru_cache(maxsize=8)
def _components(version: int, edition: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    observations = request_snapshot().observations
    method = load_methodology(edition)
    countries = set(load_register(method.entity_kind).codes)
    rows = observations[observations["entity"].isin(countries) & observations["indicator"].isin(method.input_codes())]
    data = latest_values(rows[["entity", "year", "indicator", "value"]], edition)[["entity", "indicator", "value"]]
    data = data.reset_index(drop=True)
    baseline = score(data, method).entities if not data.empty else pd.DataFrame(columns=["entity", "egdi"])
    return data, baseline


def components_field(edition: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The latest stored component values of every country up to `edition` (entity, indicator, value) and their
    scores (cached per store version)."""
    return _components(request_snapshot().version, edition)


def editions_for(mode: str) -> list[int]:
    if mode == COMPONENTS_MODE:
        return available_editions()
    data = request_snapshot()
    return data.world_editions or data.editions


def default_edition(mode: str) -> int:
    editions = editions_for(mode)
    if mode == COMPONENTS_MODE:
        covered = [e for e in editions if int(components_field(e)[1]["egdi"].notna().sum()) >= WORLD_MINIMUM]
        return (covered or editions)[-1]
    return editions[-1] if editions else available_editions()[-1]


def choose_edition(mode: str, edition: object) -> int:
    text = str(edition or "")
    return int(text) if text.isdigit() and int(text) in editions_for(mode) else default_edition(mode)


def unavailable(mode: str, edition: int, entity: str, lang: str) -> html.Div | None:
    """Why a what-if cannot be run here (a notice pointing to the import), or None when it can."""
    name = load_countries().name(entity, lang)
    data_link = dcc.Link(t("simulator_data_link", lang), href="/data" + ("?lang=km" if lang == "km" else ""))
    if mode == PUBLISHED_MODE:
        field = published_field(edition)
        if field is None:
            return html.Div(
                [t("needs_world_data", lang, edition=fmt_int(edition, lang)), " ", data_link], className="notice notice-warning"
            )
        if entity not in set(field["iso3"]) or field.loc[field["iso3"] == entity, "egdi"].isna().all():
            return notice(t("simulator_no_entity", lang, country=name, edition=fmt_int(edition, lang)), "warning")
        return None
    _, baseline = components_field(edition)
    covered = int(baseline["egdi"].notna().sum())
    if covered < WORLD_MINIMUM:
        text = t("simulator_components_missing", lang, count=fmt_int(covered, lang), edition=fmt_int(edition, lang))
        return html.Div([text, " ", data_link], className="notice notice-warning")
    if baseline.loc[baseline["entity"] == entity, "egdi"].isna().all():
        return notice(t("simulator_no_entity_components", lang, country=name, edition=fmt_int(edition, lang)), "warning")
    return None


def input_codes(mode: str, edition: int) -> list[str]:
    """The indicators that can be set: OSI, TII and HCI, or the method's components the stored field has."""
    if mode == PUBLISHED_MODE:
        return list(SUBINDEX_CODES)
    data, _ = components_field(edition)
    present = set(data["indicator"])
    return [code for code in load_methodology(edition).input_codes() if code in present]


def baseline_values(mode: str, edition: int, entity: str) -> dict[str, float | None]:
    codes = input_codes(mode, edition)
    if mode == PUBLISHED_MODE:
        field = published_field(edition)
        row = field[field["iso3"] == entity].iloc[0] if field is not None and entity in set(field["iso3"]) else None
        return {code: (float(row[code]) if row is not None and not pd.isna(row[code]) else None) for code in codes}
    data, _ = components_field(edition)
    own = data[data["entity"] == entity].set_index("indicator")["value"]
    return {code: (float(own[code]) if code in own.index else None) for code in codes}


def simulate(mode: str, edition: int, entity: str, changes: Mapping[str, float]) -> Scenario:
    """The what-if (a full re-score of the field); call only when `unavailable` is None."""
    method = method_for(mode, edition)
    if mode == PUBLISHED_MODE:
        field = published_field(edition)
        assert field is not None
        return whatif_published(field, method, entity, {k: v for k, v in changes.items() if k in SUBINDEX_CODES})
    data, baseline = components_field(edition)
    return whatif_components(data, method, entity, dict(changes), baseline=baseline)


@lru_cache(maxsize=1)
def asean_members() -> list[str]:
    table = load_countries().table
    return sorted(table.index[table["asean"]])


def bounds_of(code: str) -> tuple[float, float]:
    spec = load_catalogue()[code]
    return float(spec.min), float(spec.max)


def step_of(code: str) -> float:
    """The input step of an indicator, also the tolerance of a goal seek on it."""
    return seek_tolerance(*bounds_of(code))


def decimals_of(code: str) -> int:
    return max(0, -math.floor(math.log10(step_of(code)) + 1e-9))


def code_label(code: str, lang: str) -> str:
    if code in SUBINDEX_CODES:
        return t(code, lang)
    return load_catalogue()[code].name(lang)


def input_value(code: str, value: float | None) -> float | None:
    """A value as an input holds it: on the grid of the indicator's step."""
    return None if value is None else round(value, decimals_of(code))


def changes_from(values: list[object], codes: list[str], baseline: Mapping[str, float | None]) -> dict[str, float]:
    """The values that differ from the baseline (a value within half a step of it is no change: the inputs show
    the baseline rounded to the step)."""
    changes = {}
    for code, value in zip(codes, values, strict=True):
        if value is None or value == "":
            continue
        number = float(value)  # type: ignore[arg-type]
        base = baseline.get(code)
        if base is None or abs(number - base) > step_of(code) / 2:
            changes[code] = number
    return changes


# The page ------------------------------------------------------------------------------------------------------


def layout(
    lang: str = "en", entity: str = "KHM", edition: str | None = None, mode: str | None = None, set: str | None = None, **_: str
) -> html.Div:
    lang = language(lang)
    mode = mode if mode in MODES else PUBLISHED_MODE
    chosen = choose_edition(mode, edition)
    countries = load_countries()
    options = [
        {"label": countries.name(code, lang), "value": code} for code in sorted(countries.codes, key=lambda c: countries.name(c, lang))
    ]
    return html.Div(
        [
            dcc.Store(id=ids.SIMULATOR_LANG, data=lang),
            html.H1(t("simulator_title", lang)),
            html.P(t("simulator_subtitle", lang), className="subtitle"),
            html.Div(
                [
                    html.Label(
                        [
                            t("simulator_country", lang),
                            dcc.Dropdown(id=ids.SIMULATOR_ENTITY, options=options, value=entity, clearable=False),
                        ],
                        className="control",
                    ),
                    html.Label(
                        [
                            t("simulator_edition", lang),
                            dcc.Dropdown(id=ids.SIMULATOR_EDITION, options=edition_options(mode, lang), value=chosen, clearable=False),
                        ],
                        className="control",
                    ),
                    html.Fieldset(
                        [
                            html.Legend(t("simulator_mode", lang)),
                            dcc.RadioItems(
                                id=ids.SIMULATOR_MODE,
                                options=[{"label": t(f"simulator_mode_{m}", lang), "value": m} for m in MODES],
                                value=mode,
                                className="sim-radios",
                            ),
                        ],
                        className="sim-mode",
                    ),
                ],
                className="controls sim-controls",
            ),
            html.Div(body(mode, chosen, entity, parse_changes(set), lang), id=ids.SIMULATOR_BODY),
            scenarios_panel(lang),
            html.P(t("simulator_method_note", lang), className="source"),
        ],
        className="simulator-page",
    )


def edition_options(mode: str, lang: str) -> list[dict[str, object]]:
    return [{"label": fmt_int(e, lang), "value": e} for e in editions_for(mode)]


def body(mode: str, edition: int, entity: str, changes: Mapping[str, float], lang: str) -> list[object]:
    """Inputs, results and goal seek for one mode, edition and entity, with `changes` applied."""
    problem = unavailable(mode, edition, entity, lang)
    if problem is not None:
        return [dcc.Store(id=ids.SIMULATOR_CONTEXT, data=None), problem]
    codes = input_codes(mode, edition)
    baseline = baseline_values(mode, edition, entity)
    kept = {code: value for code, value in changes.items() if code in codes}
    context = {"mode": mode, "edition": edition, "entity": entity, "codes": codes, "baseline": baseline}
    return [
        dcc.Store(id=ids.SIMULATOR_CONTEXT, data=context),
        html.Div(
            [
                html.Section(inputs_panel(mode, codes, baseline, kept, lang), className="panel sim-inputs"),
                html.Section(results_view(mode, edition, entity, kept, lang), id=ids.SIMULATOR_RESULTS, className="panel sim-results"),
            ],
            className="sim-grid",
        ),
        seek_panel(mode, edition, codes, lang),
    ]


def inputs_panel(
    mode: str, codes: list[str], baseline: Mapping[str, float | None], changes: Mapping[str, float], lang: str
) -> list[object]:
    rows = []
    for code in codes:
        low, high = bounds_of(code)
        base = baseline.get(code)
        value = changes.get(code, input_value(code, base))
        places = decimals_of(code)
        label_id = ids.SIMULATOR_LABEL_PREFIX + code
        unit = "" if code in SUBINDEX_CODES else load_catalogue()[code].unit(lang)
        rows.append(
            html.Div(
                [
                    html.Div(
                        [
                            html.Span(code_label(code, lang), id=label_id, className="sim-label"),
                            html.Span(
                                t("simulator_input_baseline", lang, value=fmt_number(base, lang, places), unit=unit)
                                if base is not None
                                else t("simulator_input_no_value", lang),
                                className="sim-hint",
                            ),
                        ],
                        className="sim-input-head",
                    ),
                    dcc.Slider(
                        id={"type": ids.SIMULATOR_VALUE, "code": code},
                        min=low,
                        max=high,
                        step=step_of(code),
                        value=value,
                        marks=None,
                        updatemode="mouseup",
                        tooltip={"placement": "bottom", "always_visible": False},
                        className="sim-slider",
                    ),
                ],
                className="sim-input",
                role="group",
                **{"aria-labelledby": label_id},
            )
        )
    help_key = "simulator_inputs_help_published" if mode == PUBLISHED_MODE else "simulator_inputs_help_components"
    return [
        html.H2(t("simulator_inputs_title", lang)),
        html.P(t(help_key, lang), className="muted"),
        *rows,
        html.Button(t("simulator_reset", lang), id=ids.SIMULATOR_RESET, n_clicks=0, className="sim-button"),
    ]


def result_values(scenario: Scenario) -> tuple[pd.Series, pd.Series, int | None, int | None]:
    members = asean_members()
    return (
        scenario.row("baseline"),
        scenario.row("whatif"),
        peer_rank(scenario.baseline, scenario.entity, members),
        peer_rank(scenario.whatif, scenario.entity, members),
    )


def rank_change(before: object, after: object, lang: str) -> str:
    if before is None or after is None or pd.isna(before) or pd.isna(after):  # type: ignore[arg-type]
        return "–"
    places = int(before) - int(after)  # type: ignore[call-overload]
    if places == 0:
        return t("simulator_no_change", lang)
    key = "simulator_rank_up" if places > 0 else "simulator_rank_down"
    return t(key, lang, places=fmt_int(abs(places), lang))


def label_change(before: object, after: object, shown: str, lang: str) -> str:
    """`no change`, or `moves to <shown>` (the new group or class as displayed)."""
    return t("simulator_no_change", lang) if before == after else t("simulator_moves_to", lang, value=shown)


def group_text(group: object, lang: str) -> str:
    return t(f"group_{group}", lang) if isinstance(group, str) else "–"


def results_view(mode: str, edition: int, entity: str, changes: Mapping[str, float], lang: str) -> list[object]:
    scenario = simulate(mode, edition, entity, changes)
    before, after, asean_before, asean_after = result_values(scenario)
    name = load_countries().name(entity, lang)
    rows = [
        [
            index_label(code, lang),
            fmt_number(before[code], lang),
            fmt_number(after[code], lang),
            fmt_number(after[code] - before[code], lang, signed=True),
        ]
        for code in ("tii", "hci", "osi", "egdi")
    ]
    rows += [
        [
            t("simulator_world_rank", lang),
            fmt_int(before["rank"], lang),
            fmt_int(after["rank"], lang),
            rank_change(before["rank"], after["rank"], lang),
        ],
        [
            t("simulator_asean_rank", lang),
            fmt_int(asean_before, lang),
            fmt_int(asean_after, lang),
            rank_change(asean_before, asean_after, lang),
        ],
        [
            t("simulator_group", lang),
            group_text(before["group"], lang),
            group_text(after["group"], lang),
            label_change(before["group"], after["group"], group_text(after["group"], lang), lang),
        ],
        [
            t("simulator_class", lang),
            str(before["rating_class"] or "–"),
            str(after["rating_class"] or "–"),
            label_change(before["rating_class"], after["rating_class"], str(after["rating_class"] or "–"), lang),
        ],
    ]
    headers = [
        t("simulator_col_indicator", lang),
        t("simulator_baseline", lang),
        t("simulator_whatif", lang),
        t("simulator_col_change", lang),
    ]
    table = html.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([html.Tr([html.Th(r[0], scope="row"), *[html.Td(c) for c in r[1:]]]) for r in rows]),
        ],
        className="data-table sim-table",
        id=ids.SIMULATOR_RESULTS_TABLE,
    )
    method = method_for(mode, edition)
    thresholds = [(level.label, float(level.above)) for level in method.groups if level.above is not None and level.above > 0.25]
    figure = results_figure(
        {code: float(before[code]) for code in ("osi", "tii", "hci", "egdi")},
        {code: float(after[code]) for code in ("osi", "tii", "hci", "egdi")},
        thresholds,
        lang,
    )
    summary_key = "simulator_summary_changed" if changes else "simulator_summary_baseline"
    changed_text = ", ".join(f"{code_label(c, lang)} {fmt_number(v, lang, decimals_of(c))}" for c, v in sorted(changes.items()))
    return [
        html.H2(t("simulator_results_title", lang)),
        html.P(
            t(
                summary_key,
                lang,
                country=name,
                edition=fmt_int(edition, lang),
                count=fmt_int(len(scenario.whatif), lang),
                changes=changed_text,
            ),
            className="muted",
            id=ids.SIMULATOR_SUMMARY,
        ),
        table,
        dcc.Graph(
            figure=figure,
            config={"displayModeBar": False},
            className="sim-chart",
            id=ids.SIMULATOR_FIGURE,
        ),
        data_table(pd.DataFrame(rows), headers, lang),
    ]


def seek_panel(mode: str, edition: int, codes: list[str], lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(t("simulator_seek_title", lang)),
            html.P(t("simulator_seek_help", lang), className="muted"),
            html.Div(
                [
                    html.Label(
                        [
                            t("simulator_seek_indicator", lang),
                            dcc.Dropdown(
                                id=ids.SIMULATOR_SEEK_CODE,
                                options=[{"label": code_label(c, lang), "value": c} for c in codes],
                                value=codes[0] if codes else None,
                                clearable=False,
                            ),
                        ],
                        className="control",
                    ),
                    html.Label(
                        [
                            t("simulator_seek_goal", lang),
                            dcc.Dropdown(
                                id=ids.SIMULATOR_SEEK_GOAL,
                                options=[{"label": t(f"simulator_goal_{g}", lang), "value": g} for g in GOALS],
                                value="group",
                                clearable=False,
                            ),
                        ],
                        className="control",
                    ),
                    html.Label(
                        [
                            t("simulator_seek_rank", lang),
                            dcc.Input(
                                id=ids.SIMULATOR_SEEK_RANK,
                                type="number",
                                min=1,
                                max=193,
                                step=1,
                                value=DEFAULT_RANK_GOAL,
                                className="sim-number",
                            ),
                        ],
                        className="control sim-small",
                    ),
                    html.Label(
                        [
                            t("simulator_seek_egdi", lang),
                            dcc.Input(
                                id=ids.SIMULATOR_SEEK_EGDI, type="number", min=0, max=1, step=0.0001, value=0.75, className="sim-number"
                            ),
                        ],
                        className="control sim-small",
                    ),
                ],
                className="sim-seek-controls",
            ),
            html.Button(t("simulator_seek_run", lang), id=ids.SIMULATOR_SEEK_RUN, n_clicks=0, className="sim-button sim-primary"),
            dcc.Store(id=ids.SIMULATOR_SEEK_FOUND),
            html.Div(id=ids.SIMULATOR_SEEK_RESULT, role="status", **{"aria-live": "polite"}),
            html.Button(t("simulator_seek_apply", lang), id=ids.SIMULATOR_SEEK_APPLY, n_clicks=0, className="sim-button", hidden=True),
        ],
        className="panel sim-seek",
    )


# Scenarios -----------------------------------------------------------------------------------------------------


def saved_scenarios() -> list[SavedScenario]:
    # resolve=False: scenarios setting the same indicators of the same country and edition are all kept
    return scenarios_from_tidy(store().observations(kinds=[SCENARIO_KIND], resolve=False))


def scenario_href(scenario: SavedScenario, lang: str) -> str:
    query = make_query(
        {
            "lang": lang,
            "entity": scenario.entity,
            "edition": scenario.edition,
            "mode": scenario.mode,
            "set": format_changes(scenario.changes),
        }
    )
    return "/simulator" + query


def describe(scenario: SavedScenario, lang: str) -> str:
    changes = ", ".join(f"{code_label(c, lang)} {fmt_number(v, lang, decimals_of(c))}" for c, v in sorted(scenario.changes.items()))
    return t(
        "simulator_scenario_line",
        lang,
        country=load_countries().name(scenario.entity, lang),
        edition=fmt_int(scenario.edition, lang),
        changes=changes,
    )


def scenario_options(lang: str) -> list[dict[str, object]]:
    return [
        {
            "label": html.Span(
                [
                    html.Strong(s.name),
                    " — ",
                    describe(s, lang),
                    " ",
                    dcc.Link(t("simulator_scenario_open", lang), href=scenario_href(s, lang)),
                ]
            ),
            "value": s.name,
        }
        for s in saved_scenarios()
    ]


def scenarios_panel(lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(t("simulator_scenarios_title", lang)),
            html.P(t("simulator_scenarios_help", lang), className="muted"),
            html.Div(
                [
                    html.Label(
                        [
                            t("simulator_scenario_name", lang),
                            dcc.Input(id=ids.SIMULATOR_SCENARIO_NAME, type="text", maxLength=60, debounce=False, className="sim-text"),
                        ],
                        className="control",
                    ),
                    html.Button(
                        t("simulator_scenario_save", lang), id=ids.SIMULATOR_SCENARIO_SAVE, n_clicks=0, className="sim-button sim-primary"
                    ),
                ],
                className="sim-save",
            ),
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
    chosen = [s for s in saved_scenarios() if s.name in names]
    headers = [
        t(key, lang)
        for key in (
            "simulator_col_scenario",
            "simulator_col_settings",
            "tii_short",
            "hci_short",
            "osi_short",
            "egdi",
            "simulator_world_rank",
            "simulator_asean_rank",
            "simulator_group",
            "simulator_class",
        )
    ]
    rows: list[list[object]] = []
    seen: set[tuple[str, int, str]] = set()
    for scenario in chosen:
        problem = unavailable(scenario.mode, scenario.edition, scenario.entity, lang)
        if problem is not None:
            rows.append([scenario.name, describe(scenario, lang), t("simulator_compare_unavailable", lang), "", "", "", "", "", "", ""])
            continue
        result = simulate(scenario.mode, scenario.edition, scenario.entity, scenario.changes)
        before, after, asean_before, asean_after = result_values(result)
        key = (scenario.entity, scenario.edition, scenario.mode)
        if key not in seen:
            seen.add(key)
            baseline_name = t(
                "simulator_compare_baseline",
                lang,
                country=load_countries().name(scenario.entity, lang),
                edition=fmt_int(scenario.edition, lang),
            )
            rows.append(_compare_row(baseline_name, t(f"simulator_mode_short_{scenario.mode}", lang), before, asean_before, lang))
        rows.append(_compare_row(scenario.name, describe(scenario, lang), after, asean_after, lang))
    table = html.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([html.Tr([html.Th(r[0], scope="row"), *[html.Td(c) for c in r[1:]]]) for r in rows]),
        ],
        className="data-table sim-compare-table",
    )
    return [table]


def _compare_row(name: str, settings: str, row: pd.Series, asean: int | None, lang: str) -> list[object]:
    return [
        name,
        settings,
        *[fmt_number(row[code], lang) for code in ("tii", "hci", "osi", "egdi")],
        fmt_int(row["rank"], lang),
        fmt_int(asean, lang),
        group_text(row["group"], lang),
        str(row["rating_class"] or "–"),
    ]


# Goal seek ----------------------------------------------------------------------------------------------------


def reached_goal(goal: str, current: pd.Series, method: Methodology, rank: object, egdi: object) -> Callable[[pd.Series], bool]:
    """The goal as a predicate on the entity's result row."""
    if goal == "class":
        return goal_better_class(current, [c for level in method.groups for c in level.classes])
    if goal == "rank":
        return goal_rank(int(rank or DEFAULT_RANK_GOAL))  # type: ignore[call-overload]
    if goal == "egdi":
        return goal_value("egdi", float(egdi if egdi is not None else 0.75))  # type: ignore[arg-type]
    return goal_better_group(current, [level.label for level in method.groups])


def best_of(goal: str, method: Methodology) -> tuple[str, ...]:
    """The best group (or rating class): nothing is above it."""
    return (method.groups[0].label,) if goal == "group" else method.groups[0].classes[:1]


def outcome_text(row: pd.Series, lang: str) -> str:
    klass = row["rating_class"] if isinstance(row["rating_class"], str) else "–"
    return t(
        "simulator_seek_outcome",
        lang,
        egdi=fmt_number(row["egdi"], lang),
        rank=fmt_int(row["rank"], lang),
        group=group_text(row["group"], lang),
        klass=klass,
    )


def seek(
    context: dict[str, object], code: str, goal: str, rank: object, egdi: object, values: list[object], lang: str
) -> tuple[list[object], dict[str, object] | None]:
    """Goal seek from the current scenario: the smallest value of `code` reaching `goal`, as a message, and the value
    found ({code, value}) or None."""
    mode, edition, entity = str(context["mode"]), int(context["edition"]), str(context["entity"])  # type: ignore[call-overload]
    codes, baseline = list(context["codes"]), dict(context["baseline"])  # type: ignore[call-overload]
    changes = changes_from(values, codes, baseline)
    method = method_for(mode, edition)
    fixed = {k: v for k, v in changes.items() if k != code}
    low, high = bounds_of(code)
    start = changes.get(code, baseline.get(code))
    start = low if start is None else float(start)
    if mode == PUBLISHED_MODE:
        field = published_field(edition)
        assert field is not None
        evaluate = published_evaluator(field, method, entity, code, fixed=fixed)
        count = len(field)
    else:
        data, _ = components_field(edition)
        evaluate = component_evaluator(data, method, entity, code, fixed=fixed)
        count = int(data["entity"].nunique())
    current = evaluate(start)
    if goal in ("group", "class") and current["group" if goal == "group" else "rating_class"] in best_of(goal, method):
        return [html.Div(t(f"simulator_seek_best_{goal}", lang, outcome=outcome_text(current, lang)), className="notice")], None
    reached = reached_goal(goal, current, method, rank, egdi)
    tolerance = step_of(code)
    found = goal_seek_on_grid(evaluate, reached, start, high, tolerance, steps=SEEK_STEPS)
    places = decimals_of(code)
    label = code_label(code, lang)
    note = html.P(
        t(
            "simulator_seek_tolerance",
            lang,
            tolerance=fmt_number(tolerance, lang, places),
            steps=fmt_int(SEEK_STEPS, lang),
            count=fmt_int(count, lang),
        ),
        className="muted",
    )
    if found is None:
        text = t(
            "simulator_seek_out_of_reach",
            lang,
            indicator=label,
            value=fmt_number(high, lang, places),
            outcome=outcome_text(evaluate(high), lang),
        )
        return [html.Div(text, className="notice notice-warning"), note], None
    if found == start:
        text = t(
            "simulator_seek_already", lang, indicator=label, value=fmt_number(start, lang, places), outcome=outcome_text(current, lang)
        )
        return [html.Div(text, className="notice"), note], None
    text = t(
        "simulator_seek_found",
        lang,
        indicator=label,
        start=fmt_number(start, lang, places),
        value=fmt_number(found, lang, places),
        change=fmt_number(found - start, lang, places, signed=True),
        outcome=outcome_text(evaluate(found), lang),
    )
    return [html.Div(text, className="notice notice-success"), note], {"code": code, "value": found}
