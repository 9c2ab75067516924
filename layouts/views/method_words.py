"""How the methodology is said, in the page language: the names of indices, indicators, forms, steps, rules and kinds
of source (from the catalogs; the code itself when a file names something they do not know yet), weights as the
fractions they are, and the changes between editions as sentences (the Methodology and Trends pages)."""

from __future__ import annotations

import hashlib
import re
from fractions import Fraction
from functools import lru_cache

from indicators.catalogue import load_catalogue
from indicators.method.changes import MethodChange
from indicators.method.components import LOWER, Combination, Component
from indicators.method.methodology import available_editions, load_methodology
from layouts.i18n import catalog, digits, fmt_int, fmt_number, t

ANNEX_SOURCE = re.compile(r"^UN DESA, United Nations E-Government Survey (\d{4}), Annex: Survey Methodology")
KNOWN_SOURCES = {
    "This project's own rule, documented in README.md (Methodology)": "method_source_project",
    "Working assumption of this project, awaiting a primary source": "method_source_assumption",
    "This project's back-test: the edition rebuilt from public component data and compared with the UN's published results "
    "(python -m indicators backtest; figures in the note)": "method_source_backtest",
}
GROUPED_KINDS = (
    "component_added",
    "component_removed",
    "weight_changed",
    "cap_changed",
    "direction_changed",
    "fill_changed",
    "data_year_changed",
    "source_changed",
    "confirmation_changed",
)


# ---------------------------------------------------------------- words and numbers


def known_text(key: str, lang: str, fallback: str, **params: object) -> str:
    """The catalog text of `key`, or `fallback` when the file names something the catalog does not know yet."""
    return t(key, lang, **params) if key in catalog() else fallback


def note_key(note: str) -> str:
    """The catalog key of a methodology file's note: its English text's SHA-1, first 8 hex digits."""
    return "method_note_" + hashlib.sha1(note.encode("utf-8")).hexdigest()[:8]


def note_text(note: str, lang: str) -> str:
    """A methodology file's note in the page language (the file's own English when the catalog lacks it)."""
    return known_text(note_key(note), lang, note)


def source_text(source: str, lang: str) -> str:
    """A methodology file's citation in the page language."""
    annex = ANNEX_SOURCE.match(source)
    if annex:
        return t("method_source_annex", lang, edition=fmt_int(annex.group(1), lang))
    return t(KNOWN_SOURCES[source], lang) if source in KNOWN_SOURCES else source


def method_title(title: str, edition: int, lang: str) -> str:
    """A methodology file's title as people say it, in the page language."""
    key = "method_title_provinces" if "provinces" in title else "method_title_survey"
    return t(key, lang, edition=fmt_int(edition, lang))


def index_name(code: str, lang: str, short: bool = False) -> str:
    """'TII' (short) or 'Telecommunication Infrastructure Index'; the code itself when unknown."""
    if short and f"{code}_short" in catalog():
        return t(f"{code}_short", lang)
    return known_text(code, lang, code)


@lru_cache(maxsize=1)
def _combination_names() -> dict[str, tuple[str, str]]:
    """The names the methodology files give their combinations (a mean of z-scores has no catalogue entry)."""
    return {
        c.code: (c.name_en, c.name_km) for e in available_editions() for c in load_methodology(e).components() if c.name_en and c.name_km
    }


def indicator_name(code: str, lang: str) -> str:
    """The catalogue's name, else the name a methodology file gives a combination, else the code itself."""
    indicator = load_catalogue().get(code)
    if indicator:
        return indicator.name(lang)
    names = _combination_names().get(code)
    return (names[1] if lang == "km" else names[0]) if names else code


def indicator_unit(code: str, lang: str) -> str:
    indicator = load_catalogue().get(code)
    return indicator.unit(lang) if indicator else "–"


def form_name(form: str, lang: str) -> str:
    return known_text(f"methodology_form_{form}", lang, t("methodology_form_other", lang, form=form))


def step_name(step: str, lang: str) -> str:
    return known_text(f"methodology_stepname_{step}", lang, step)


def rule_text(rule: str, lang: str) -> str:
    return known_text(f"methodology_rule_{rule}", lang, t("methodology_rule_other", lang, rule=rule))


def source_kind(key: str, lang: str) -> str:
    return known_text(f"methodology_source_{key}", lang, key)


def status_text(confirmed: bool, lang: str) -> str:
    return t("methodology_confirmed" if confirmed else "methodology_unconfirmed", lang)


def group_name(label: str, lang: str) -> str:
    return known_text(f"group_{label}", lang, label)


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


def direction_text(direction: object, lang: str, short: bool = False) -> str:
    if direction != LOWER:
        return t("methodology_higher_better", lang)
    return t("methodology_lower_better_short" if short else "methodology_lower_better", lang)


def combine_text(combination: object, lang: str) -> str:
    """How a combination is formed: 'the mean of the standardised values of A (…) and B (…), over those a country has'."""
    if not isinstance(combination, Combination):
        return t("methodology_combine_none", lang)
    parts = []
    for part in combination.parts:
        details = [t("methodology_capped_at", lang, cap=fmt_cap(part.cap, lang))] if part.cap is not None else []
        if part.direction == LOWER:
            details.append(direction_text(LOWER, lang, short=True))
        name = indicator_name(part.code, lang)
        parts.append(f"{name} ({', '.join(details)})" if details else name)
    how = "mean_z" if combination.how == "mean_z" else f"mean_{combination.needs}"
    return t(f"methodology_combine_{how}", lang, parts=join_and(parts, lang))


def reading_text(component: Component, lang: str) -> str:
    """How a component is read beyond its weight and cap: lower is better, the fill of a missing value, its own data
    year, the combination it is; '–' when it is read plainly."""
    said = []
    if component.combine is not None:
        said.append(combine_text(component.combine, lang))
    if component.direction == LOWER:
        said.append(direction_text(LOWER, lang))
    if component.fill is not None:
        said.append(t("methodology_fill", lang, fill=fmt_cap(component.fill, lang)))
    if component.data_year is not None:
        said.append(t("methodology_own_data_year", lang, year=fmt_int(component.data_year, lang)))
    return "; ".join(said) if said else "–"


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
    return known_text(f"methodology_item_{item}", lang, item)


# ---------------------------------------------------------------- what changed, in sentences


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
    if kind == "direction_changed":
        return direction_text(value, lang)
    if kind == "fill_changed":
        return fmt_cap(value, lang)
    if kind == "combine_changed":
        return combine_text(value, lang)
    if kind == "data_year_changed":
        return fmt_int(value, lang)
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
    if kind == "fill_changed":
        key = "fill_added" if first.before is None else "fill_removed" if first.after is None else "fill_changed"
        return t(f"methodology_change_{key}", lang, index=index, indicators=indicators, before=before, after=after)
    if kind == "data_year_changed" and first.item == "data_year":
        return t("methodology_change_data_year_file", lang, before=before, after=after)
    if kind in ("group_threshold_changed", "group_classes_changed"):
        labels = {level.code: level.label for level in load_methodology(first.edition).groups}
        group = group_name(labels.get(first.code, first.code), lang)
        return t(f"methodology_change_{kind}", lang, group=group, before=before, after=after)
    if kind == "egdi_weight_changed":
        index = index_name(first.code, lang, short=True)
    items = join_and([item_name(c.item, lang) for c in changes], lang)
    params = {"index": index, "indicators": indicators, "before": before, "after": after, "item": items}
    return known_text(f"methodology_change_{kind}", lang, kind, **params)


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


def change_summary(changes: list[MethodChange], lang: str) -> str:
    """The changes in one phrase: a component removed and another added to the same sub-index is said as a
    replacement ('TII: ICT affordability replaced Fixed (wired) broadband subscriptions'); the rest as `change_labels`."""
    said: list[str] = []
    rest = list(changes)
    for item in dict.fromkeys(c.item for c in changes):
        removed = [c for c in rest if c.item == item and c.kind == "component_removed"]
        added = [c for c in rest if c.item == item and c.kind == "component_added"]
        if len(removed) == 1 and len(added) == 1:
            index = index_name(item, lang, short=True)
            said.append(
                t(
                    "methodology_change_replaced",
                    lang,
                    index=index,
                    added=indicator_name(added[0].code, lang),
                    removed=indicator_name(removed[0].code, lang),
                )
            )
            rest = [c for c in rest if c not in (removed[0], added[0])]
    return "; ".join(said + change_labels(rest, lang))
