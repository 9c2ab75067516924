"""Methodology (analysts): per edition with a methodology file, the formulas and weights used, what is confirmed and
what is not, where every number comes from, and what changed since the previous edition. Everything is read from
`indicators.method.methodology` (the YAML files) and `indicators.method.changes`; nothing is restated here. The words
come from `method_words`."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.method.changes import edition_changes, previous_edition
from indicators.method.methodology import Form, Methodology, Origin, available_editions, load_methodology
from layouts.i18n import fmt_int, fmt_number, t
from layouts.views.choices import asked_edition, chosen_edition
from layouts.views.method_words import (
    change_labels,
    fmt_cap,
    fmt_share,
    fmt_weight,
    form_name,
    group_name,
    index_name,
    indicator_name,
    indicator_unit,
    item_name,
    known_text,
    method_title,
    note_text,
    reading_text,
    rule_text,
    source_kind,
    source_text,
    status_text,
)

# ---------------------------------------------------------------- formulas


def form_formula(symbol: str, form: Form) -> str:
    """The form's computation as one line, from its steps: e.g. TII = minmax(Σₖ wₖ · z(min(xₖ, capₖ)))."""
    single = len(form.components) == 1
    term = "x" if single else "xₖ"
    if "cap" in form.steps:
        term = f"min({term}, capₖ)"
    if "zscore" in form.steps:
        term = f"z({term})"
    if "weighted_mean" in form.steps and not single:
        term = f"Σₖ wₖ · {term}"
    if "minmax" in form.steps:
        term = f"minmax({term})"
    return f"{symbol} = {term}"


def egdi_formula(method: Methodology, lang: str) -> str:
    """EGDI = (OSI + TII + HCI) / 3 when the weights are equal, else the weighted sum."""
    weights = method.egdi_weights
    symbols = [index_name(code, lang, short=True) for code in weights]
    if len({round(w, 9) for w in weights.values()}) == 1:
        return f"EGDI = ({' + '.join(symbols)}) / {fmt_int(len(weights), lang)}"
    return "EGDI = " + " + ".join(f"{fmt_weight(w, lang)} · {s}" for s, w in zip(symbols, weights.values(), strict=True))


def group_range(method: Methodology, position: int, lang: str) -> str:
    levels = method.groups
    above = levels[position].above
    upper = levels[position - 1].above if position > 0 else None
    if above is None:
        return f"EGDI ≤ {fmt_number(upper, lang, 2)}" if upper is not None else "EGDI"
    if upper is None:
        return f"EGDI > {fmt_number(above, lang, 2)}"
    return f"{fmt_number(above, lang, 2)} < EGDI ≤ {fmt_number(upper, lang, 2)}"


# ---------------------------------------------------------------- what the page shows


@dataclass(frozen=True)
class Provenance:
    """Whether an item is confirmed (the badge: `status`, explained by `help`), the kind of its source and the file's
    note on it; `kind` and `note` are None for an item without an origin."""

    confirmed: bool
    status: str
    help: str
    kind: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class FormView:
    """One way of computing a sub-index: its name, formula, steps and components, and where it comes from."""

    name: str
    formula: str
    steps: list[str]
    components: Table
    provenance: Provenance | None


@dataclass(frozen=True)
class SubindexView:
    title: str
    role: str  # its weight in the EGDI
    provenance: Provenance
    ways: str | None  # "It can be computed in 2 ways" when it has several forms
    forms: list[FormView]


@dataclass(frozen=True)
class ChangesView:
    """What changed since the previous edition (`previous` None: the first edition with a file, said in `first`)."""

    previous: int | None
    title: str
    first: str = ""
    method: list[str] | None = None  # None: the method is the same, said in `same`
    same: str = ""
    data: list[str] | None = None  # the lag of the data read (edition − data year), where it changed
    provenance: list[str] | None = None


@dataclass(frozen=True)
class OriginRow:
    item: str
    provenance: Provenance
    citation: str
    note: str


@dataclass(frozen=True)
class MethodologyView:
    """Every section of the page for one edition's methodology file."""

    edition: int
    subtitle: str
    title: str  # the method's title as people say it
    file_provenance: Provenance
    egdi_formula: str
    egdi_provenance: Provenance
    subindices: list[SubindexView]
    groups: Table
    groups_provenance: Provenance
    rating_rule: str
    rating_provenance: Provenance
    rank_rule: str
    rank_provenance: Provenance
    missing_data: str
    missing_provenance: Provenance
    data_year: str  # which year's data the edition reads, in words
    data_year_provenance: Provenance
    changes: ChangesView
    origins_caption: str
    origins_headers: list[str]
    origins: list[OriginRow]
    file: str


def provenance(origin: Origin | None, lang: str) -> Provenance:
    confirmed = bool(origin and origin.confirmed)
    help_text = t("methodology_confirmed_help" if confirmed else "methodology_unconfirmed_help", lang)
    if origin is not None and origin.source == "backtest":
        help_text = t("methodology_source_backtest_help", lang)
    if origin is None:
        return Provenance(confirmed, status_text(confirmed, lang), help_text)
    return Provenance(confirmed, status_text(confirmed, lang), help_text, source_kind(origin.source, lang), note_text(origin.note, lang))


def form_view(code: str, form: Form, lang: str) -> FormView:
    rows = [
        [indicator_name(c.code, lang), indicator_unit(c.code, lang), fmt_weight(c.weight, lang), fmt_cap(c.cap, lang), reading]
        for c in form.components
        for reading in [reading_text(c, lang)]
    ]
    keys = ("methodology_indicator", "methodology_unit", "methodology_weight", "methodology_cap", "methodology_reading")
    headers = [t(k, lang) for k in keys]
    caption = t("methodology_components_caption", lang, index=index_name(code, lang), form=form_name(form.name, lang))
    steps = [step_text(step, lang) for step in form.steps]
    origin = provenance(form.origin, lang) if form.origin is not None else None
    return FormView(
        form_name(form.name, lang), form_formula(index_name(code, lang, short=True), form), steps, Table(caption, headers, rows), origin
    )


def step_text(step: str, lang: str) -> str:
    return known_text(f"methodology_step_{step}", lang, t("methodology_step_other", lang, step=step))


def subindex_view(method: Methodology, code: str, lang: str) -> SubindexView:
    sub = method.subindices[code]
    weight = method.egdi_weights.get(code)
    role = t("methodology_in_egdi", lang, weight=fmt_weight(weight, lang)) if weight else t("methodology_not_in_egdi", lang)
    ways = t("methodology_forms_either", lang, count=fmt_int(len(sub.forms), lang)) if len(sub.forms) > 1 else None
    title = f"{index_name(code, lang)} ({index_name(code, lang, short=True)})"
    return SubindexView(title, role, provenance(sub.origin, lang), ways, [form_view(code, form, lang) for form in sub.forms])


def groups_table(method: Methodology, lang: str) -> Table:
    headers = [t(k, lang) for k in ("methodology_group", "methodology_group_range", "methodology_classes")]
    rows = [
        [group_name(level.label, lang), group_range(method, i, lang), ", ".join(level.classes)] for i, level in enumerate(method.groups)
    ]
    return Table(t("methodology_groups_caption", lang, edition=fmt_int(method.edition, lang)), headers, rows)


def missing_data_text(method: Methodology, lang: str) -> str:
    egdi_share = method.egdi_min_weight_share
    egdi_text = (
        t("methodology_missing_egdi_all", lang)
        if egdi_share >= 1
        else t("methodology_missing_egdi_share", lang, share=fmt_share(egdi_share, lang))
    )
    return " ".join(
        [
            t("methodology_missing_never", lang),
            t("methodology_missing_subindex", lang, share=fmt_share(method.subindex_min_weight_share, lang)),
            egdi_text,
        ]
    )


def data_year_text(method: Methodology, lang: str) -> str:
    """'The 2024 Survey reads data of 2022: …', and the components read from another year."""
    edition = fmt_int(method.edition, lang)
    if method.data_year is None:
        return t("methodology_data_year_unstated", lang, edition=edition)
    own = [c for c in method.components() if c.data_year is not None and c.data_year != method.data_year]
    words = [t("methodology_data_year_text", lang, edition=edition, year=fmt_int(method.data_year, lang))]
    words += [t("methodology_data_year_own", lang, indicator=indicator_name(c.code, lang), year=fmt_int(c.data_year, lang)) for c in own]
    return " ".join(words)


def changes_view(method: Methodology, lang: str) -> ChangesView:
    previous = previous_edition(method.edition)
    if previous is None:
        return ChangesView(
            None,
            t("methodology_changes_title_first", lang),
            first=t("methodology_changes_first", lang, edition=fmt_int(method.edition, lang)),
        )
    changes = [c for c in edition_changes() if c.edition == method.edition]
    method_changes = [c for c in changes if c.is_method]
    data_changes = [c for c in changes if c.is_data]
    provenance_changes = [c for c in changes if not c.is_method and not c.is_data]
    return ChangesView(
        previous,
        t("methodology_changes_title", lang, previous=fmt_int(previous, lang)),
        method=change_labels(method_changes, lang) if method_changes else None,
        same=t("methodology_changes_method_none", lang, previous=fmt_int(previous, lang)),
        data=change_labels(data_changes, lang) if data_changes else None,
        provenance=change_labels(provenance_changes, lang) if provenance_changes else None,
    )


def methodology_view(edition: int, lang: str) -> MethodologyView:
    method = load_methodology(edition)
    origins = [
        OriginRow(
            item_name(item, lang),
            provenance(origin, lang),
            source_text(method.sources.get(origin.source, origin.source), lang),
            note_text(origin.note, lang),
        )
        for item, origin in method.origins.items()
    ]
    keys = ("methodology_item", "methodology_status", "methodology_source_kind", "methodology_citation", "methodology_note")
    return MethodologyView(
        edition=edition,
        subtitle=t("methodology_subtitle", lang, edition=fmt_int(edition, lang)),
        title=method_title(method.title, method.edition, lang),
        file_provenance=provenance(Origin("", method.confirmed, ""), lang),
        egdi_formula=egdi_formula(method, lang),
        egdi_provenance=provenance(method.origins.get("egdi"), lang),
        subindices=[subindex_view(method, code, lang) for code in method.subindices],
        groups=groups_table(method, lang),
        groups_provenance=provenance(method.origins.get("groups"), lang),
        rating_rule=rule_text(method.rating_rule, lang),
        rating_provenance=provenance(method.origins.get("rating_classes"), lang),
        rank_rule=rule_text(method.rank_rule, lang),
        rank_provenance=provenance(method.origins.get("rank"), lang),
        missing_data=missing_data_text(method, lang),
        missing_provenance=provenance(method.origins.get("missing_data"), lang),
        data_year=data_year_text(method, lang),
        data_year_provenance=provenance(method.origins.get("data_year"), lang),
        changes=changes_view(method, lang),
        origins_caption=t("methodology_origins_caption", lang, edition=fmt_int(method.edition, lang)),
        origins_headers=[t(key, lang) for key in keys],
        origins=origins,
        file=t("methodology_file", lang, path=f"data/methodology/{method.id}.yaml", checksum=method.checksum[:12]),
    )


def shown_edition(edition: object) -> int:
    """The edition asked for when it has a methodology file, else the latest that has one."""
    chosen = chosen_edition(edition, available_editions())
    assert chosen is not None  # there is always a methodology file
    return chosen


def no_file_notice(edition: object, lang: str) -> str | None:
    """Why another edition than the one asked for is shown (it has no methodology file); None when it is shown."""
    asked, shown, editions = asked_edition(edition), shown_edition(edition), available_editions()
    if asked is None or asked == shown:
        return None
    return t(
        "methodology_no_file",
        lang,
        edition=fmt_int(asked, lang),
        shown=fmt_int(shown, lang),
        first=fmt_int(editions[0], lang),
        last=fmt_int(editions[-1], lang),
    )
