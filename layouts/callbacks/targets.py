"""Targets: choosing a target to edit (written into the URL), and saving an edit as a dataset version of the store."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import dash
from dash import ALL, Input, Output, State, html
from dash.exceptions import PreventUpdate

from indicators.outlook.targets import EditProblem, edit_problems, edited_ids, targets_dataset, with_edit
from indicators.store import StoreError
from layouts import ids
from layouts.components import notice
from layouts.figures.targets import fmt_value
from layouts.i18n import fmt_int, t
from layouts.pages.targets import chosen_target, current_content, edit_fields, forget_request_snapshot, parse_number, targets_view
from layouts.state import parse_query, with_changes
from layouts.user import request_user
from layouts.views.snapshot import store


@dash.callback(
    Output(ids.TARGETS_EDIT_FIELDS, "children"),
    Output(ids.TARGETS_EDIT_MESSAGE, "children", allow_duplicate=True),
    Output(ids.URL, "search", allow_duplicate=True),
    Input(ids.TARGETS_EDIT_TARGET, "value"),
    State(ids.TARGETS_LANG, "data"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def choose_target(target_id: str, lang: str, search: str | None) -> tuple[list[object], None, str]:
    targets = targets_view().targets
    if chosen_target(targets, parse_query(search).get("target")) == target_id:
        raise PreventUpdate  # the editor shows it already (Dash calls this when it inserts the page): keep what is typed
    return edit_fields(targets, target_id, lang), None, with_changes(search, target=target_id)


def problem_text(problem: EditProblem, indicator: str, lang: str) -> str:
    """One problem of an edit in words."""
    where = problem.field
    if where == "baseline":
        label = t("targets_edit_baseline", lang)
    elif where.isdigit():
        label = t("targets_edit_milestone", lang, year=fmt_int(int(where), lang))
    else:
        label = t(f"targets_field_{where}", lang) if where in ("status", "source") else ""
    params = dict(problem.params)
    for key in ("value", "low", "high"):
        if key in params:
            params[key] = fmt_value(params[key], indicator, lang)
    for key in ("year", "first", "last"):
        if key in params:
            params[key] = fmt_int(params[key], lang)
    return t(f"targets_problem_{problem.code}", lang, field=label, **params)


@dash.callback(
    Output(ids.TARGETS_EDIT_MESSAGE, "children"),
    Output(ids.TARGETS_CONTENT, "children"),
    Input(ids.TARGETS_EDIT_SAVE, "n_clicks"),
    State(ids.TARGETS_EDIT_TARGET, "value"),
    State(ids.TARGETS_EDIT_BASELINE_YEAR, "value"),
    State(ids.TARGETS_EDIT_BASELINE_VALUE, "value"),
    State({"type": ids.TARGETS_EDIT_VALUE, "year": ALL}, "value"),
    State({"type": ids.TARGETS_EDIT_VALUE, "year": ALL}, "id"),
    State(ids.TARGETS_EDIT_STATUS, "value"),
    State(ids.TARGETS_EDIT_SOURCE, "value"),
    State(ids.TARGETS_LANG, "data"),
    prevent_initial_call=True,
)
def save_target(
    clicks: int,
    target_id: str,
    baseline_year: str | None,
    baseline_value: str | None,
    values: list[str | None],
    value_ids: list[dict[str, int]],
    status: str,
    source: str | None,
    lang: str,
) -> tuple[object, object]:
    view = targets_view()
    target = view.targets.target(target_id)
    typed = {"baseline_year": parse_number(baseline_year), "baseline": parse_number(baseline_value)}
    typed |= {str(i["year"]): parse_number(v) for i, v in zip(value_ids, values, strict=True)}
    bad = [
        EditProblem("number", key if key != "baseline_year" else "baseline", {"text": text})
        for key, text in typed.items()
        if isinstance(text, str)
    ]
    year = typed["baseline_year"]
    edited = replace(
        target,
        baseline_year=int(year) if isinstance(year, float) else None,
        baseline_value=typed["baseline"] if isinstance(typed["baseline"], float) else None,
        values={int(k): float(v) for k, v in typed.items() if k.isdigit() and isinstance(v, float)},
        status=status,
        source=" ".join(str(source or "").split()),
    )
    if isinstance(year, float) and not year.is_integer():
        bad.append(EditProblem("number", "baseline", {"text": baseline_year}))
    unreadable = {p.field for p in bad}
    problems = bad + [
        p for p in edit_problems(edited, view.targets.milestones) if not (p.code == "baseline_incomplete" and "baseline" in unreadable)
    ]
    if problems:
        items = [html.Li(problem_text(p, target.indicator, lang)) for p in problems]
        return html.Div(
            [html.P(t("targets_edit_refused", lang)), html.Ul(items)], className="notice notice-error", role="alert"
        ), dash.no_update
    already = edited_ids(store().observations(kinds=["targets"], datasets=[targets_dataset(view.targets)]))
    _, tidy = with_edit(view.targets, edited, already)
    checksum = hashlib.sha256(tidy.to_csv(index=False).encode()).hexdigest()
    user = request_user()
    try:
        outcome = store().import_tidy(
            tidy, dataset=targets_dataset(view.targets), kind="targets", file_name="targets page", checksum=checksum, user=user
        )
    except StoreError as error:
        return notice(t("targets_edit_failed", lang, message=error.text(lang)), "error"), dash.no_update
    forget_request_snapshot()
    if outcome.identical:
        return notice(t("targets_edit_unchanged", lang)), dash.no_update
    message = t("targets_edit_saved", lang, name=edited.name(lang), version=fmt_int(outcome.version_id, lang), user=user)
    return html.Div(message, className="notice notice-success", role="status"), current_content(lang)
