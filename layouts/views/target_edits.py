"""Editing a target on the Targets page: the form filled in as text, reading what was typed (Western or Khmer digits),
and saving the edit as a version of the store's targets dataset, with its user, so it has a history and can be rolled
back on the Data page."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from indicators.outlook.targets import (
    EditProblem,
    Target,
    TargetSet,
    bounds,
    edit_problems,
    edited_ids,
    targets_dataset,
    with_edit,
)
from indicators.store import StoreError
from layouts.i18n import KHMER_DIGITS, fmt_int, t
from layouts.views.labels import decimals, fmt_value
from layouts.views.snapshot import forget_request_snapshot, store
from layouts.views.targets import indicator_label, targets_view, unit_label

WESTERN_DIGITS = {v: k for k, v in KHMER_DIGITS.items()}


@dataclass(frozen=True)
class EditForm:
    """The editor's fields for one target, filled in with its values as text."""

    target: Target
    indicator: str
    range_hint: str
    baseline_year: str
    baseline_value: str
    milestones: list[tuple[int, str, str]]  # year, label, value


def edit_form(targets: TargetSet, chosen: str | None, lang: str) -> EditForm | None:
    """The form of one target: baseline year and value, a value per milestone, status and source (None: no target)."""
    if chosen is None or chosen not in {t.id for t in targets.targets}:
        return None
    target = targets.target(chosen)
    low, high = bounds(target.indicator)
    places = decimals(target.indicator)

    def number_text(value: float | None) -> str:
        if value is None:
            return ""
        return f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"

    range_hint = t(
        "targets_edit_range_rank" if target.lower_is_better else "targets_edit_range",
        lang,
        low=fmt_value(low, target.indicator, lang),
        high=fmt_value(high, target.indicator, lang),
        unit=unit_label(target.indicator, lang),
    )
    return EditForm(
        target,
        indicator_label(target.indicator, lang),
        range_hint,
        "" if target.baseline_year is None else str(target.baseline_year),
        number_text(target.baseline_value),
        [
            (year, t("targets_edit_milestone", lang, year=fmt_int(year, lang)), number_text(target.values.get(year)))
            for year in targets.milestones
        ],
    )


def parse_number(text: object) -> float | str | None:
    """A typed number (Western or Khmer digits): the float, None when blank, the text itself when not a number."""
    raw = str(text if text is not None else "").strip().translate(str.maketrans(WESTERN_DIGITS))
    if not raw:
        return None
    try:
        value = float(raw.replace(" ", ""))
    except ValueError:
        return str(text).strip()
    return value


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


@dataclass(frozen=True)
class EditOutcome:
    """What saving an edit did: `refused` (the `problems`, in words), `failed` (the store refused), `unchanged`
    (nothing to save) or `saved` (a new version); `text` says it."""

    kind: str
    text: str
    problems: list[str]


def save_edit(
    target_id: str,
    baseline_year: object,
    baseline_value: object,
    values: dict[int, object],
    status: str,
    source: str | None,
    user: str,
    lang: str,
) -> EditOutcome:
    """Check an edit as typed in the form (numbers in Western or Khmer digits) and save it as a version of the
    store's targets dataset, by `user`; nothing is saved when the edit has a problem."""
    view = targets_view()
    target = view.targets.target(target_id)
    typed = {"baseline_year": parse_number(baseline_year), "baseline": parse_number(baseline_value)}
    typed |= {str(year): parse_number(value) for year, value in values.items()}
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
        return EditOutcome("refused", t("targets_edit_refused", lang), [problem_text(p, target.indicator, lang) for p in problems])
    already = edited_ids(store().observations(kinds=["targets"], datasets=[targets_dataset(view.targets)]))
    _, tidy = with_edit(view.targets, edited, already)
    checksum = hashlib.sha256(tidy.to_csv(index=False).encode()).hexdigest()
    try:
        outcome = store().import_tidy(
            tidy, dataset=targets_dataset(view.targets), kind="targets", file_name="targets page", checksum=checksum, user=user
        )
    except StoreError as error:
        return EditOutcome("failed", t("targets_edit_failed", lang, message=error.text(lang)), [])
    forget_request_snapshot()
    if outcome.identical:
        return EditOutcome("unchanged", t("targets_edit_unchanged", lang), [])
    message = t("targets_edit_saved", lang, name=edited.name(lang), version=fmt_int(outcome.version_id, lang), user=user)
    return EditOutcome("saved", message, [])
