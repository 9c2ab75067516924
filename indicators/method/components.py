"""The components of a methodology form, as a methodology file writes them, and their validation.

A component is one indicator with a weight, or a combination of indicators:

    - {code: internet_users_pct, weight: 1/4, cap: 120}                    x' = min(x, 120)
    - {code: price_pct, weight: 1/4, direction: lower}                     z' = −z(x): lower is better
    - {code: adult_literacy_pct, weight: 1/3, fill: 100}                   x = 100 where an entity has no value (flagged)
    - {code: internet_users_pct, weight: 1/4, data_year: 2019}             values of 2019 or before (see inputs)
    - {code: gross_enrolment_pct, weight: 2/9,                             x = mean_j min(x_j, cap_j), every part needed
       combine: {how: mean, parts: [{code: a, cap: 100}, {code: b}]}}          (needs: any: over the parts present); a
                                                                             value of the code itself wins
    - {code: affordability, weight: 1/4, name: {en: …, km: …},              z = mean_j ±z(min(x_j, cap_j)) over the parts
       combine: {how: mean_z, parts: [{code: a, direction: lower}, …]}}        present; the code is a name, not an input

Every problem is reported with its place in the file (e.g. `subindices.tii.forms[0].components[3].combine.how`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

HIGHER, LOWER = "higher", "lower"
DIRECTIONS = (HIGHER, LOWER)
COMBINATIONS = ("mean", "mean_z")
NEEDS = ("all", "any")  # a mean of values: of every part, or of the parts present
COMPONENT_KEYS = ("code", "weight", "cap", "direction", "fill", "data_year", "combine", "name")
PART_KEYS = ("code", "cap", "direction")
DATA_YEAR_SPAN = 10  # a data year lies within the ten years before its edition


def parse_number(raw: Any, where: str, problems: list[str]) -> float | None:
    """A number, or a fraction written as 'a/b' (weights such as 1/3 stay exact until the float)."""
    if isinstance(raw, bool):
        problems.append(f"{where}: {raw!r} is not a number")
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*(/\s*\d+\s*)?", raw):
        try:
            return float(Fraction(raw.replace(" ", "")))
        except ZeroDivisionError:
            pass
    problems.append(f"{where}: {raw!r} is not a number or a fraction a/b")
    return None


def parse_data_year(raw: Any, edition: int, where: str, problems: list[str]) -> int | None:
    """A data year: a whole year in [edition − DATA_YEAR_SPAN, edition]."""
    if isinstance(raw, bool) or not isinstance(raw, int) or not edition - DATA_YEAR_SPAN <= raw <= edition:
        problems.append(f"{where}: {raw!r} must be a year from {edition - DATA_YEAR_SPAN} to the edition, {edition}")
        return None
    return raw


@dataclass(frozen=True)
class Part:
    """One indicator of a combination, with its own cap and direction."""

    code: str
    cap: float | None = None
    direction: str = HIGHER


@dataclass(frozen=True)
class Combination:
    """`mean`: the mean of the parts' (capped) values, a value like any other, of every part (`needs` all) or of the
    parts present (`needs` any); `mean_z`: the mean of the parts' standardised values (each negated where lower is
    better) over the parts present, which has no value of its own."""

    how: str
    parts: tuple[Part, ...]
    needs: str = "all"


@dataclass(frozen=True)
class Component:
    code: str
    weight: float
    cap: float | None = None
    direction: str = HIGHER
    fill: float | None = None
    data_year: int | None = None
    combine: Combination | None = None
    name_en: str = ""
    name_km: str = ""

    @property
    def input_codes(self) -> tuple[str, ...]:
        """The indicator codes this component reads: its own code (unless it is a mean of z-scores) and its parts'."""
        if self.combine is None:
            return (self.code,)
        parts = tuple(p.code for p in self.combine.parts)
        return parts if self.combine.how == "mean_z" else (self.code, *parts)

    @property
    def sign(self) -> float:
        return -1.0 if self.direction == LOWER else 1.0


def _unknown_keys(raw: dict[str, Any], known: tuple[str, ...], where: str, problems: list[str]) -> None:
    unknown = [key for key in raw if key not in known]
    if unknown:
        problems.append(f"{where}: unknown key(s) {unknown}; known: {list(known)}")


def _parse_direction(raw: dict[str, Any], where: str, problems: list[str]) -> str:
    direction = raw.get("direction", HIGHER)
    if direction not in DIRECTIONS:
        problems.append(f"{where}.direction: {direction!r} must be one of {list(DIRECTIONS)}")
        return HIGHER
    return str(direction)


def _parse_cap(raw: dict[str, Any], where: str, problems: list[str]) -> float | None:
    return None if raw.get("cap") is None else parse_number(raw["cap"], f"{where}.cap", problems)


def _parse_parts(raw: Any, where: str, known: set[str], problems: list[str]) -> tuple[Part, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        problems.append(f"{where}: a list of at least two parts is needed")
        return ()
    parts = []
    for i, item in enumerate(raw):
        pwhere = f"{where}[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{pwhere}: must be a mapping with code[, cap, direction]")
            continue
        _unknown_keys(item, PART_KEYS, pwhere, problems)
        code = item.get("code")
        if code not in known:
            problems.append(f"{pwhere}.code: unknown indicator code {code!r}")
        parts.append(Part(str(code), _parse_cap(item, pwhere, problems), _parse_direction(item, pwhere, problems)))
    codes = [p.code for p in parts]
    if len(set(codes)) != len(codes):
        problems.append(f"{where}: an indicator code appears twice")
    return tuple(parts)


def _parse_combination(raw: Any, code: str, where: str, known: set[str], problems: list[str]) -> Combination | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping with how and parts")
        return None
    _unknown_keys(raw, ("how", "parts", "needs"), where, problems)
    how = raw.get("how")
    if how not in COMBINATIONS:
        problems.append(f"{where}.how: {how!r} must be one of {list(COMBINATIONS)}")
    needs = raw.get("needs", "all")
    if needs not in NEEDS:
        problems.append(f"{where}.needs: {needs!r} must be one of {list(NEEDS)}")
    elif how == "mean_z" and "needs" in raw:
        problems.append(f"{where}.needs: a mean of z-scores is always over the parts present; 'needs' is for a mean of values")
    parts = _parse_parts(raw.get("parts"), f"{where}.parts", known, problems)
    if code in {p.code for p in parts}:
        problems.append(f"{where}.parts: {code!r} cannot be a part of itself")
    if how == "mean" and any(p.direction != HIGHER for p in parts):
        problems.append(f"{where}.parts: a mean of values takes the component's direction; give it there, not per part")
    return Combination(str(how), parts, str(needs))


def _check_combination(
    component: Component, raw: dict[str, Any], steps: tuple[str, ...], where: str, known: set[str], problems: list[str]
) -> None:
    combine = component.combine
    assert combine is not None
    if combine.how == "mean" and component.code not in known:
        problems.append(f"{where}.code: a mean of values is an indicator: {component.code!r} is not a known indicator code")
    if combine.how != "mean_z":
        return
    if "zscore" not in steps:
        problems.append(f"{where}.combine.how: a mean of z-scores needs the step 'zscore'")
    if component.code in known:
        problems.append(f"{where}.code: a mean of z-scores has no value of its own: name it with a code that is not an indicator")
    name = raw.get("name")
    if not isinstance(name, dict) or not all(isinstance(name.get(lang), str) and name[lang].strip() for lang in ("en", "km")):
        problems.append(f"{where}.name: a mean of z-scores needs a name in English and Khmer (name: {{en: …, km: …}})")
    for key in ("cap", "fill", "direction"):
        if key in raw:
            problems.append(f"{where}.{key}: a mean of z-scores has no value of its own: give {key} per part")


def parse_component(raw: Any, where: str, steps: tuple[str, ...], edition: int, known: set[str], problems: list[str]) -> Component | None:
    """One component of a form with `steps`; `known` are the indicator codes of the catalogue."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping with code and weight")
        return None
    _unknown_keys(raw, COMPONENT_KEYS, where, problems)
    code = str(raw.get("code"))
    weight = parse_number(raw.get("weight"), f"{where}.weight", problems)
    combine = _parse_combination(raw["combine"], code, f"{where}.combine", known, problems) if "combine" in raw else None
    if combine is None and code not in known:
        problems.append(f"{where}.code: unknown indicator code {raw.get('code')!r}")
    fill = None if raw.get("fill") is None else parse_number(raw["fill"], f"{where}.fill", problems)
    data_year = None if raw.get("data_year") is None else parse_data_year(raw["data_year"], edition, f"{where}.data_year", problems)
    raw_name = raw.get("name")
    name: dict[str, Any] = raw_name if isinstance(raw_name, dict) else {}
    component = Component(
        code=code,
        weight=weight if weight is not None else 0.0,
        cap=_parse_cap(raw, where, problems),
        direction=_parse_direction(raw, where, problems),
        fill=fill,
        data_year=data_year,
        combine=combine,
        name_en=str(name.get("en", "")),
        name_km=str(name.get("km", "")),
    )
    if combine is not None:
        _check_combination(component, raw, steps, where, known, problems)
    if component.direction == LOWER and "zscore" not in steps:
        problems.append(f"{where}.direction: 'lower' negates a z-score: the steps need 'zscore'")
    caps = [component.cap, *(p.cap for p in combine.parts)] if combine is not None else [component.cap]
    if any(c is not None for c in caps) and "cap" not in steps:
        problems.append(f"{where}.cap: a cap is given but the steps have no 'cap'")
    return component
