"""Methodology (analysts): per edition with a methodology file, the formulas and weights used, what is confirmed
and what is not, where every number comes from, and what changed since the previous edition. Everything is read
from `indicators.method.methodology` (the YAML files) and `indicators.method.changes`; nothing is restated here."""

from __future__ import annotations

from fractions import Fraction

import dash
from dash import dcc, html

from indicators.catalogue import load_catalogue
from indicators.method.changes import MethodChange, edition_changes, previous_edition
from indicators.method.methodology import Form, Methodology, Origin, available_editions, load_methodology
from layouts import ids
from layouts.components import notice
from layouts.i18n import catalog, digits, fmt_int, fmt_number, t
from layouts.state import language

dash.register_page(__name__, path="/methodology", name="Methodology", order=4)

GROUPED_KINDS = ("component_added", "component_removed", "weight_changed", "cap_changed", "source_changed", "confirmation_changed")


# ---------------------------------------------------------------- words and numbers


def _text(key: str, lang: str, fallback: str, **params: object) -> str:
    """The catalog text of `key`, or `fallback` when the file names something the catalog does not know yet."""
    return t(key, lang, **params) if key in catalog() else fallback


def index_name(code: str, lang: str, short: bool = False) -> str:
    """'TII' (short) or 'Telecommunication Infrastructure Index'; the code itself when unknown."""
    if short and f"{code}_short" in catalog():
        return t(f"{code}_short", lang)
    return _text(code, lang, code)


def indicator_name(code: str, lang: str) -> str:
    indicator = load_catalogue().get(code)
    return indicator.name(lang) if indicator else code


def indicator_unit(code: str, lang: str) -> str:
    indicator = load_catalogue().get(code)
    return indicator.unit(lang) if indicator else ""


def form_name(form: str, lang: str) -> str:
    return _text(f"methodology_form_{form}", lang, t("methodology_form_other", lang, form=form))


def step_name(step: str, lang: str) -> str:
    return _text(f"methodology_stepname_{step}", lang, step)


def rule_text(rule: str, lang: str) -> str:
    return _text(f"methodology_rule_{rule}", lang, t("methodology_rule_other", lang, rule=rule))


def source_kind(key: str, lang: str) -> str:
    return _text(f"methodology_source_{key}", lang, key)


def status_text(confirmed: bool, lang: str) -> str:
    return t("methodology_confirmed" if confirmed else "methodology_unconfirmed", lang)


def group_name(label: str, lang: str) -> str:
    return _text(f"group_{label}", lang, label)


def fmt_weight(weight: object, lang: str) -> str:
    """A weight as the fraction it is (1/3, 2/9, 1/4) when its denominator is below 10, else a decimal (0.45)."""
    if not isinstance(weight, (int, float)):
        return "–"
    fraction = Fraction(weight).limit_denominator(9)
    if abs(float(fraction) - weight) < 1e-9:
        return digits(str(fraction), lang)
    return fmt_number(weight, lang, 2)


def fmt_cap(cap: object, lang: str) -> str:
    if not isinstance(cap, (int, float)):
        return t("methodology_no_cap", lang)
    return fmt_int(cap, lang) if float(cap).is_integer() else fmt_number(cap, lang, 2)


def fmt_share(share: object, lang: str) -> str:
    return digits(f"{float(share) * 100:g}%", lang) if isinstance(share, (int, float)) else "–"


def join_and(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return t("methodology_list_and", lang, rest=", ".join(items[:-1]), last=items[-1])


def item_name(item: str, lang: str) -> str:
    """The name of an origin item of a methodology file ('subindices.osi.subindices' → 'OSI, from its sub-indices')."""
    parts = item.split(".")
    if parts[0] == "subindices" and len(parts) == 2:
        return index_name(parts[1], lang)
    if parts[0] == "subindices" and len(parts) == 3:
        return t("methodology_item_form", lang, index=index_name(parts[1], lang, short=True), form=form_name(parts[2], lang))
    return _text(f"methodology_item_{item}", lang, item)


# ---------------------------------------------------------------- what changed, in words


def _value_text(change: MethodChange, value: object, lang: str) -> str:
    kind = change.kind
    if kind in ("weight_changed", "egdi_weight_changed", "component_added", "component_removed"):
        return fmt_weight(value, lang)
    if kind == "cap_changed":
        return fmt_cap(value, lang)
    if kind == "steps_changed" and isinstance(value, tuple):
        return ", ".join(step_name(s, lang) for s in value)
    if kind in ("group_classes_changed", "group_levels_changed") and isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if kind == "group_threshold_changed":
        return fmt_number(value, lang, 2)
    if kind in ("rating_rule_changed", "rank_rule_changed"):
        return rule_text(str(value), lang)
    if kind == "missing_data_changed":
        return fmt_share(value, lang)
    if kind == "status_changed":
        return status_text(value == "confirmed", lang)
    if kind == "source_changed":
        return source_kind(str(value), lang)
    if kind == "confirmation_changed":
        return status_text(bool(value), lang)
    return str(value)


def change_label(changes: list[MethodChange], lang: str) -> str:
    """One sentence for one change, or for several of the same kind with the same values (one per indicator)."""
    first = changes[0]
    before, after = _value_text(first, first.before, lang), _value_text(first, first.after, lang)
    index = index_name(first.item, lang, short=True)
    indicators = join_and([indicator_name(c.code, lang) for c in changes], lang)
    kind = first.kind
    if kind == "cap_changed":
        key = "cap_added" if first.before is None else "cap_removed" if first.after is None else "cap_changed"
        return t(f"methodology_change_{key}", lang, index=index, indicators=indicators, before=before, after=after)
    if kind in ("form_added", "form_removed"):
        parts = first.after if kind == "form_added" else first.before
        listed = ", ".join(f"{indicator_name(str(code), lang)} {fmt_weight(weight, lang)}" for code, weight in parts)  # type: ignore[union-attr]
        return t(f"methodology_change_{kind}", lang, index=index, form=form_name(first.form, lang), components=listed)
    if kind == "missing_data_changed":
        return t(f"methodology_change_{first.code}", lang, before=before, after=after)
    if kind in ("group_threshold_changed", "group_classes_changed"):
        labels = {level.code: level.label for level in load_methodology(first.edition).groups}
        group = group_name(labels.get(first.code, first.code), lang)
        return t(f"methodology_change_{kind}", lang, group=group, before=before, after=after)
    if kind == "egdi_weight_changed":
        index = index_name(first.code, lang, short=True)
    items = join_and([item_name(c.item, lang) for c in changes], lang)
    params = {"index": index, "indicators": indicators, "before": before, "after": after, "item": items}
    return _text(f"methodology_change_{kind}", lang, kind, **params)


def change_labels(changes: list[MethodChange], lang: str) -> list[str]:
    """Sentences for a list of changes: changes of one kind with the same values are said once, naming every
    indicator; a steps change that only adds or drops the cap of a capped form is left to the cap sentence."""
    capped_forms = {(c.item, c.form) for c in changes if c.kind == "cap_changed"}
    grouped: dict[tuple[object, ...], list[MethodChange]] = {}
    for change in changes:
        only_cap = change.kind == "steps_changed" and set(change.before) ^ set(change.after) == {"cap"}  # type: ignore[arg-type]
        if only_cap and (change.item, change.form) in capped_forms:
            continue
        if change.kind in GROUPED_KINDS:
            before = None if change.kind == "component_removed" else change.before
            item = None if change.kind in ("source_changed", "confirmation_changed") else change.item
            key: tuple[object, ...] = (change.kind, item, change.form, before, change.after)
        else:
            key = (id(change),)
        grouped.setdefault(key, []).append(change)
    return [change_label(group, lang) for group in grouped.values()]


# ---------------------------------------------------------------- building blocks


def badge(origin: Origin | None, lang: str) -> html.Span:
    """Confirmed or not, in words and with a sign (never by colour alone)."""
    confirmed = bool(origin and origin.confirmed)
    return html.Span(
        [html.Span("✓" if confirmed else "?", className="method-badge-sign", **{"aria-hidden": "true"}), status_text(confirmed, lang)],
        className="method-badge method-badge-confirmed" if confirmed else "method-badge method-badge-unconfirmed",
        title=t("methodology_confirmed_help" if confirmed else "methodology_unconfirmed_help", lang),
    )


def origin_line(origin: Origin | None, lang: str) -> html.Div:
    """The badge, the kind of source and the file's note for one item (the full citation is in the origin table)."""
    if origin is None:
        return html.Div(badge(None, lang), className="origin")
    return html.Div(
        [
            badge(origin, lang),
            html.Span(source_kind(origin.source, lang), className="origin-kind"),
            html.P(origin.note, className="origin-note", lang="en"),
        ],
        className="origin",
    )


def table(caption: str, headers: list[str], rows: list[list[object]], class_name: str = "data-table method-table") -> html.Table:
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
        ],
        className=class_name,
    )


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


# ---------------------------------------------------------------- sections


def _form_section(code: str, form: Form, lang: str) -> html.Div:
    symbol = index_name(code, lang, short=True)
    rows = [
        [indicator_name(c.code, lang), indicator_unit(c.code, lang), fmt_weight(c.weight, lang), fmt_cap(c.cap, lang)]
        for c in form.components
    ]
    headers = [t(k, lang) for k in ("methodology_indicator", "methodology_unit", "methodology_weight", "methodology_cap")]
    children: list[object] = [
        html.H4(form_name(form.name, lang)),
        html.P([html.Span(t("methodology_formula", lang) + " ", className="muted"), html.Code(form_formula(symbol, form))]),
        html.Div(t("methodology_steps", lang), className="muted"),
        html.Ol([html.Li(_text(f"methodology_step_{s}", lang, t("methodology_step_other", lang, step=s))) for s in form.steps]),
        table(t("methodology_components_caption", lang, index=index_name(code, lang), form=form_name(form.name, lang)), headers, rows),
    ]
    if form.origin is not None:
        children.append(origin_line(form.origin, lang))
    return html.Div(children, className="method-form")


def _subindex_section(method: Methodology, code: str, lang: str) -> html.Section:
    sub = method.subindices[code]
    weight = method.egdi_weights.get(code)
    role = t("methodology_in_egdi", lang, weight=fmt_weight(weight, lang)) if weight else t("methodology_not_in_egdi", lang)
    children: list[object] = [
        html.H3(f"{index_name(code, lang)} ({index_name(code, lang, short=True)})"),
        html.P(role, className="muted"),
        origin_line(sub.origin, lang),
    ]
    if len(sub.forms) > 1:
        children.append(html.P(t("methodology_forms_either", lang, count=fmt_int(len(sub.forms), lang))))
    children += [_form_section(code, form, lang) for form in sub.forms]
    return html.Section(children, className="panel method-subindex")


def _groups_section(method: Methodology, lang: str) -> html.Section:
    headers = [t(k, lang) for k in ("methodology_group", "methodology_group_range", "methodology_classes")]
    rows = [
        [group_name(level.label, lang), group_range(method, i, lang), ", ".join(level.classes)] for i, level in enumerate(method.groups)
    ]
    return html.Section(
        [
            html.H2(t("methodology_groups_title", lang)),
            table(t("methodology_groups_caption", lang, edition=fmt_int(method.edition, lang)), headers, rows),
            origin_line(method.origins.get("groups"), lang),
            html.H3(t("methodology_item_rating_classes", lang)),
            html.P(rule_text(method.rating_rule, lang)),
            origin_line(method.origins.get("rating_classes"), lang),
        ],
        className="panel",
    )


def _rules_sections(method: Methodology, lang: str) -> list[html.Section]:
    egdi_share = method.egdi_min_weight_share
    egdi_text = (
        t("methodology_missing_egdi_all", lang)
        if egdi_share >= 1
        else t("methodology_missing_egdi_share", lang, share=fmt_share(egdi_share, lang))
    )
    missing = " ".join(
        [
            t("methodology_missing_never", lang),
            t("methodology_missing_subindex", lang, share=fmt_share(method.subindex_min_weight_share, lang)),
            egdi_text,
        ]
    )
    return [
        html.Section(
            [
                html.H2(t("methodology_rank_title", lang)),
                html.P(rule_text(method.rank_rule, lang)),
                origin_line(method.origins.get("rank"), lang),
            ],
            className="panel",
        ),
        html.Section(
            [html.H2(t("methodology_missing_title", lang)), html.P(missing), origin_line(method.origins.get("missing_data"), lang)],
            className="panel",
        ),
    ]


def _changes_section(method: Methodology, lang: str) -> html.Section:
    previous = previous_edition(method.edition)
    if previous is None:
        return html.Section(
            [
                html.H2(t("methodology_changes_title_first", lang)),
                html.P(t("methodology_changes_first", lang, edition=fmt_int(method.edition, lang))),
            ],
            className="panel",
        )
    changes = [c for c in edition_changes() if c.edition == method.edition]
    method_changes = [c for c in changes if c.is_method]
    provenance = [c for c in changes if not c.is_method]
    children: list[object] = [
        html.H2(t("methodology_changes_title", lang, previous=fmt_int(previous, lang))),
        html.H3(t("methodology_changes_method", lang)),
    ]
    if method_changes:
        children.append(html.Ul([html.Li(label) for label in change_labels(method_changes, lang)], className="change-list"))
    else:
        children.append(html.P(t("methodology_changes_method_none", lang, previous=fmt_int(previous, lang))))
    if provenance:
        children += [
            html.H3(t("methodology_changes_provenance", lang)),
            html.Ul([html.Li(label) for label in change_labels(provenance, lang)], className="change-list"),
        ]
    return html.Section(children, className="panel", id=ids.METHODOLOGY_CHANGES)


def _origins_section(method: Methodology, lang: str) -> html.Section:
    headers = [
        t(k, lang)
        for k in ("methodology_item", "methodology_status", "methodology_source_kind", "methodology_citation", "methodology_note")
    ]
    rows = [
        [
            item_name(item, lang),
            badge(origin, lang),
            source_kind(origin.source, lang),
            html.Span(method.sources.get(origin.source, origin.source), lang="en"),
            html.Span(origin.note, lang="en"),
        ]
        for item, origin in method.origins.items()
    ]
    return html.Section(
        [
            html.H2(t("methodology_origins_title", lang)),
            table(
                t("methodology_origins_caption", lang, edition=fmt_int(method.edition, lang)),
                headers,
                rows,
                "data-table method-table origin-table",
            ),
            html.P(
                t("methodology_file", lang, path=f"data/methodology/{method.id}.yaml", checksum=method.checksum[:12]), className="source"
            ),
        ],
        className="panel",
    )


def methodology_content(edition: int, lang: str) -> list[object]:
    """Every section of the page for one edition's methodology file."""
    method = load_methodology(edition)
    status = [html.Span(t("methodology_file_status", lang), className="muted"), badge(Origin("", method.confirmed, ""), lang)]
    children: list[object] = [
        html.H1(t("methodology_title", lang)),
        html.P(t("methodology_subtitle", lang, edition=fmt_int(edition, lang)), className="subtitle"),
        html.P([html.Span(method.title, lang="en", className="method-title"), " ", *status], className="file-status"),
    ]
    if not method.confirmed:
        children.append(notice(t("methodology_file_unconfirmed", lang), "warning"))
    children += [
        html.Section(
            [
                html.H2(t("egdi_long", lang)),
                html.P(t("methodology_egdi_text", lang)),
                html.P(html.Code(egdi_formula(method, lang)), className="formula"),
                origin_line(method.origins.get("egdi"), lang),
            ],
            className="panel",
        ),
        html.H2(t("methodology_subindices_title", lang), className="section-title"),
        html.Div([_subindex_section(method, code, lang) for code in method.subindices], className="method-subindices"),
        _groups_section(method, lang),
        *_rules_sections(method, lang),
        _changes_section(method, lang),
        _origins_section(method, lang),
    ]
    return children


def chosen_edition(edition: object) -> int:
    """The edition asked for when it has a methodology file, else the latest that has one."""
    editions = available_editions()
    text = str(edition or "")
    return int(text) if text.isdigit() and int(text) in editions else editions[-1]


def layout(lang: str = "en", edition: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    editions = available_editions()
    chosen = chosen_edition(edition)
    children: list[object] = [
        html.Div(
            html.Fieldset(
                [
                    html.Legend(t("methodology_edition_label", lang)),
                    dcc.RadioItems(
                        id=ids.METHODOLOGY_EDITION,
                        options=[{"label": fmt_int(e, lang), "value": e} for e in editions],
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
    if edition and str(edition).isdigit() and int(edition) != chosen:
        missing = t(
            "methodology_no_file",
            lang,
            edition=fmt_int(edition, lang),
            shown=fmt_int(chosen, lang),
            first=fmt_int(editions[0], lang),
            last=fmt_int(editions[-1], lang),
        )
        content.insert(2, notice(missing, "info"))
    children.append(html.Div(content, id=ids.METHODOLOGY_CONTENT))
    return html.Div(children, className="methodology-page")
