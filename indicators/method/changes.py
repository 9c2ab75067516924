"""What changed in the method from one survey edition to the next, derived from the methodology files.

Two editions' files are compared item by item, never from a hand-kept list:
- sub-indices present; per sub-index its forms (matched by name); per form the steps and the components
  (matched by indicator code: added, removed, weight, cap, direction, fill or combination changed);
- the EGDI weights, the group levels (thresholds and classes), the rating-class and rank rules, the
  missing-data shares.
These are *method* changes. Apart from them, *data* changes say that an edition reads its data more or fewer years
before its own year (the lag, edition − data year, of the file or of one component: e.g. internet users read 3 years
before the 2022 Survey, 2 before the 2024 one); a data year that moves with the edition is no change. A split of a
change into data and method (see split) counts them as data: both methods are fed the newer edition's data years.
*Provenance* changes say that an item's source kind or its confirmation changed (e.g. rating classes, computed by
this project before 2020, published by the UN from 2020), or that the file's status changed; the numbers stay the same.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from indicators.method.methodology import Form, Methodology, available_editions, load_methodology

METHOD_KINDS = (
    "subindex_added",
    "subindex_removed",
    "form_added",
    "form_removed",
    "steps_changed",
    "component_added",
    "component_removed",
    "weight_changed",
    "cap_changed",
    "direction_changed",
    "fill_changed",
    "combine_changed",
    "egdi_weight_changed",
    "group_levels_changed",
    "group_threshold_changed",
    "group_classes_changed",
    "rating_rule_changed",
    "rank_rule_changed",
    "missing_data_changed",
)
DATA_KINDS = ("data_year_changed",)
PROVENANCE_KINDS = ("status_changed", "source_changed", "confirmation_changed")
SUBINDEX_KINDS = frozenset(METHOD_KINDS[:12])
COMPONENT_KINDS = frozenset(
    ("component_added", "component_removed", "weight_changed", "cap_changed", "direction_changed", "fill_changed", "combine_changed")
)
EGDI_INPUTS = ("osi", "tii", "hci")

Value = object  # a weight or cap (float | None), steps or classes (tuple[str, ...]), a rule or status (str), a flag (bool)


@dataclass(frozen=True)
class MethodChange:
    """One difference between the method of `previous` and that of `edition` (where it takes effect).

    item: the sub-index code ('tii'), 'egdi', 'groups', 'rating_classes', 'rank', 'missing_data', 'file', 'data_year'
          (the file's data year), or for provenance changes the origin item of the file ('subindices.osi', ...).
    form: the form name for form-level changes ('components', 'subindices', ...).
    code: the indicator code (component changes), sub-index code (EGDI weights), group code or setting name.
    before/after: the old and new value; None where there was none (no cap, no fill, a component not yet present, no
          combination). A direction is 'higher' or 'lower'; a combination a `components.Combination`; a data year
          change gives the lags in years (edition − data year).
    For form_added/form_removed, `after`/`before` is the form's components as ((code, weight), ...).
    """

    edition: int
    previous: int
    kind: str
    item: str
    form: str = ""
    code: str = ""
    before: Value = None
    after: Value = None

    @property
    def is_method(self) -> bool:
        return self.kind in METHOD_KINDS

    @property
    def is_data(self) -> bool:
        """A change of the data an edition reads (its lag), not of how it is scored."""
        return self.kind in DATA_KINDS

    @property
    def codes(self) -> tuple[str, ...]:
        """The indicator codes the change concerns (empty when it concerns no single indicator)."""
        if self.kind in COMPONENT_KINDS or (self.kind == "data_year_changed" and self.code):
            return (self.code,)
        if self.kind in ("form_added", "form_removed"):
            parts = self.after if self.kind == "form_added" else self.before
            return tuple(str(code) for code, _ in parts) if isinstance(parts, tuple) else ()
        return ()

    def affects(self, series: str) -> bool:
        """Whether this method change concerns a series: a sub-index code ('tii'), 'egdi' (the EGDI weights and
        every change to the OSI, TII or HCI), or an indicator code ('internet_users_pct')."""
        if not self.is_method:
            return False
        if series == "egdi":
            return self.kind == "egdi_weight_changed" or (self.kind in SUBINDEX_KINDS and self.item in EGDI_INPUTS)
        if self.kind in SUBINDEX_KINDS and self.item == series:
            return True
        if self.kind == "egdi_weight_changed" and self.code == series:
            return True
        return series in self.codes


def _form_parts(form: Form) -> tuple[tuple[str, float], ...]:
    return tuple((c.code, c.weight) for c in form.components)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9


def _form_changes(old: Form, new: Form, change: Callable[..., MethodChange]) -> list[MethodChange]:
    """`change` makes a MethodChange with the edition, sub-index and form already filled in."""
    changes: list[MethodChange] = []
    if old.steps != new.steps:
        changes.append(change(kind="steps_changed", before=old.steps, after=new.steps))
    before = {c.code: c for c in old.components}
    after = {c.code: c for c in new.components}
    changes += [change(kind="component_removed", code=code, before=c.weight) for code, c in before.items() if code not in after]
    changes += [change(kind="component_added", code=code, after=c.weight) for code, c in after.items() if code not in before]
    for code in (c for c in after if c in before):
        was, now = before[code], after[code]
        if not _close(was.weight, now.weight):
            changes.append(change(kind="weight_changed", code=code, before=was.weight, after=now.weight))
        if not _close(was.cap, now.cap):
            changes.append(change(kind="cap_changed", code=code, before=was.cap, after=now.cap))
        if was.direction != now.direction:
            changes.append(change(kind="direction_changed", code=code, before=was.direction, after=now.direction))
        if not _close(was.fill, now.fill):
            changes.append(change(kind="fill_changed", code=code, before=was.fill, after=now.fill))
        if was.combine != now.combine:
            changes.append(change(kind="combine_changed", code=code, before=was.combine, after=now.combine))
    return changes


def _lag(method: Methodology, year: int | None) -> int | None:
    return None if year is None else method.edition - year


def _data_changes(old: Methodology, new: Methodology, change: Callable[..., MethodChange]) -> list[MethodChange]:
    """The file's lag, then each component's own lag (its data year, else the file's), for components in both files;
    a component whose lag only follows the file's is not named again."""
    file_before, file_after = _lag(old, old.data_year), _lag(new, new.data_year)
    changes: list[MethodChange] = []
    if file_before != file_after:
        changes.append(change(kind="data_year_changed", item="data_year", before=file_before, after=file_after))
    for code, sub in new.subindices.items():
        if code not in old.subindices:
            continue
        was = {c.code: c for form in old.subindices[code].forms for c in form.components}
        for component in (c for form in sub.forms for c in form.components if c.code in was):
            own_before, own_after = was[component.code].data_year, component.data_year
            if own_before is None and own_after is None:
                continue
            before = _lag(old, own_before) if own_before is not None else file_before
            after = _lag(new, own_after) if own_after is not None else file_after
            if before != after:
                changes.append(change(kind="data_year_changed", item=code, code=component.code, before=before, after=after))
    return changes


def _subindex_changes(old: Methodology, new: Methodology, change: Callable[..., MethodChange]) -> list[MethodChange]:
    changes = [change(kind="subindex_removed", item=code) for code in old.subindices if code not in new.subindices]
    changes += [change(kind="subindex_added", item=code) for code in new.subindices if code not in old.subindices]
    for code, sub in new.subindices.items():
        if code not in old.subindices:
            continue
        old_forms = {f.name: f for f in old.subindices[code].forms}
        new_forms = {f.name: f for f in sub.forms}
        for name, form in old_forms.items():
            if name not in new_forms:
                changes.append(change(kind="form_removed", item=code, form=name, before=_form_parts(form)))
        for name, form in new_forms.items():
            if name not in old_forms:
                changes.append(change(kind="form_added", item=code, form=name, after=_form_parts(form)))
            else:
                changes.extend(_form_changes(old_forms[name], form, partial(change, item=code, form=name)))
    return changes


def _group_changes(old: Methodology, new: Methodology, change: Callable[..., MethodChange]) -> list[MethodChange]:
    old_levels = tuple(g.code for g in old.groups)
    new_levels = tuple(g.code for g in new.groups)
    if old_levels != new_levels:
        return [change(kind="group_levels_changed", item="groups", before=old_levels, after=new_levels)]
    changes: list[MethodChange] = []
    for was, now in zip(old.groups, new.groups, strict=True):
        if not _close(was.above, now.above):
            changes.append(change(kind="group_threshold_changed", item="groups", code=now.code, before=was.above, after=now.above))
        if was.classes != now.classes:
            changes.append(change(kind="group_classes_changed", item="groups", code=now.code, before=was.classes, after=now.classes))
    return changes


def _rule_changes(old: Methodology, new: Methodology, change: Callable[..., MethodChange]) -> list[MethodChange]:
    changes: list[MethodChange] = []
    for code in dict.fromkeys([*old.egdi_weights, *new.egdi_weights]):
        was, now = old.egdi_weights.get(code), new.egdi_weights.get(code)
        if not _close(was, now):
            changes.append(change(kind="egdi_weight_changed", item="egdi", code=code, before=was, after=now))
    changes += _group_changes(old, new, change)
    if old.rating_rule != new.rating_rule:
        changes.append(change(kind="rating_rule_changed", item="rating_classes", before=old.rating_rule, after=new.rating_rule))
    if old.rank_rule != new.rank_rule:
        changes.append(change(kind="rank_rule_changed", item="rank", before=old.rank_rule, after=new.rank_rule))
    for setting in ("subindex_min_weight_share", "egdi_min_weight_share"):
        was_share, now_share = getattr(old, setting), getattr(new, setting)
        if not _close(was_share, now_share):
            changes.append(change(kind="missing_data_changed", item="missing_data", code=setting, before=was_share, after=now_share))
    return changes


def _provenance_changes(old: Methodology, new: Methodology, change: Callable[..., MethodChange]) -> list[MethodChange]:
    changes: list[MethodChange] = []
    if old.status != new.status:
        changes.append(change(kind="status_changed", item="file", before=old.status, after=new.status))
    for item, origin in new.origins.items():
        was = old.origins.get(item)
        if was is None:
            continue
        if was.source != origin.source:
            changes.append(change(kind="source_changed", item=item, before=was.source, after=origin.source))
        if was.confirmed != origin.confirmed:
            changes.append(change(kind="confirmation_changed", item=item, before=was.confirmed, after=origin.confirmed))
    return changes


def changes_between(old: Methodology, new: Methodology) -> list[MethodChange]:
    """Every method change, then every data change, then every provenance change, from `old`'s edition to `new`'s."""
    change = partial(MethodChange, edition=new.edition, previous=old.edition)
    return [
        *_subindex_changes(old, new, change),
        *_rule_changes(old, new, change),
        *_data_changes(old, new, change),
        *_provenance_changes(old, new, change),
    ]


@lru_cache(maxsize=8)
def _consecutive(editions: tuple[int, ...]) -> tuple[MethodChange, ...]:
    changes: list[MethodChange] = []
    for older, newer in itertools.pairwise(editions):
        changes.extend(changes_between(load_methodology(older), load_methodology(newer)))
    return tuple(changes)


def edition_changes(editions: list[int] | None = None) -> list[MethodChange]:
    """The changes between each pair of consecutive editions that have a methodology file (default: all of
    them), oldest first. The first edition has nothing to compare with and so no changes."""
    chosen = tuple(sorted(editions if editions is not None else available_editions()))
    return list(_consecutive(chosen))


def previous_edition(edition: int) -> int | None:
    """The edition before `edition` that has a methodology file, or None."""
    earlier = [e for e in available_editions() if e < edition]
    return earlier[-1] if earlier else None
