"""Survey methodology as versioned data: one YAML file per edition under `data/methodology/`.

A file says, for every sub-index, which components it combines with which weights, caps, directions and
combinations (see `components`), the normalisation steps, the EGDI weights, the group thresholds, the rating-class
rule, the rank rule, the missing-data rule and the data year that feeds the edition, each with an `origin` (source,
confirmed or not, note). Files are validated when they load; every problem of a file is reported at once.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from indicators.catalogue import input_codes
from indicators.method.components import Component, parse_component, parse_data_year, parse_number
from indicators.paths import METHODOLOGY_DIR

STEPS = ("cap", "zscore", "weighted_mean", "minmax")
ENTITY_KINDS = ("country", "province")
STATUSES = ("confirmed", "unconfirmed")
RATING_RULES = ("quartiles_within_group",)
RANK_RULES = ("descending_ties_share_best",)
EGDI_SUBINDICES = ("osi", "tii", "hci")
WEIGHT_TOLERANCE = 1e-9


class MethodologyError(ValueError):
    """A methodology file that cannot be used; `problems` lists everything wrong with it."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


@dataclass(frozen=True)
class Origin:
    source: str
    confirmed: bool
    note: str


@dataclass(frozen=True)
class Form:
    """One way of computing a sub-index, e.g. the OSI from raw points or from its five sub-indices."""

    name: str
    steps: tuple[str, ...]
    components: tuple[Component, ...]
    origin: Origin | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """The components' codes (a combination's code names the combination)."""
        return tuple(c.code for c in self.components)

    @property
    def input_codes(self) -> tuple[str, ...]:
        """The indicator codes the form reads, its combinations' parts included, without repeats."""
        return tuple(dict.fromkeys(code for c in self.components for code in c.input_codes))


@dataclass(frozen=True)
class SubIndex:
    code: str
    name_en: str
    name_km: str
    forms: tuple[Form, ...]
    origin: Origin


@dataclass(frozen=True)
class GroupLevel:
    """EGDI group: entities with EGDI strictly above `above` (the last level has no lower bound)."""

    code: str
    label: str
    above: float | None
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Methodology:
    id: str
    edition: int
    title: str
    entity_kind: str
    status: str
    sources: dict[str, str]
    egdi_weights: dict[str, float]
    subindices: dict[str, SubIndex]
    groups: tuple[GroupLevel, ...]
    rating_rule: str
    rank_rule: str
    subindex_min_weight_share: float
    egdi_min_weight_share: float
    origins: dict[str, Origin]
    checksum: str
    path: str
    data_year: int | None = None  # the year of the data that feeds the edition (None: not stated)

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    def input_codes(self) -> tuple[str, ...]:
        """Every indicator code any form of any sub-index reads (combinations' parts included), in file order, without
        repeats."""
        codes = [code for sub in self.subindices.values() for form in sub.forms for code in form.input_codes]
        return tuple(dict.fromkeys(codes))

    def components(self) -> tuple[Component, ...]:
        """Every component of every form, in file order."""
        return tuple(c for sub in self.subindices.values() for form in sub.forms for c in form.components)

    def data_year_of(self, code: str) -> int:
        """The data year for an input code: its component's own `data_year`, else the file's, else the edition."""
        for component in self.components():
            if code in component.input_codes and component.data_year is not None:
                return component.data_year
        return self.data_year if self.data_year is not None else self.edition

    def origin_rows(self) -> list[dict[str, object]]:
        """One row per item with its source citation, whether it is confirmed, and the note."""
        return [
            {
                "item": item,
                "source": self.sources.get(origin.source, origin.source),
                "confirmed": origin.confirmed,
                "note": origin.note,
            }
            for item, origin in self.origins.items()
        ]


def _parse_origin(raw: Any, where: str, sources: dict[str, str], problems: list[str]) -> Origin | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}.origin: missing (every item says where it comes from)")
        return None
    source, confirmed, note = raw.get("source"), raw.get("confirmed"), raw.get("note")
    if source not in sources:
        problems.append(f"{where}.origin.source: {source!r} is not one of the file's sources {sorted(sources)}")
    if not isinstance(confirmed, bool):
        problems.append(f"{where}.origin.confirmed: must be true or false")
    if not isinstance(note, str) or not note.strip():
        problems.append(f"{where}.origin.note: must be a non-empty text")
    return Origin(str(source), bool(confirmed), str(note or ""))


def _check_weights(weights: list[float], where: str, problems: list[str]) -> None:
    if any(w <= 0 for w in weights):
        problems.append(f"{where}: weights must be positive")
    if abs(sum(weights) - 1.0) > WEIGHT_TOLERANCE:
        problems.append(f"{where}: weights sum to {sum(weights):.6f}, not 1")


def _parse_form(raw: Any, where: str, sources: dict[str, str], edition: int, problems: list[str]) -> Form | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping with form, steps and components")
        return None
    steps = tuple(raw.get("steps") or ())
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        problems.append(f"{where}.steps: unknown step(s) {unknown}; known: {list(STEPS)}")
    elif list(steps) != sorted(steps, key=STEPS.index) or len(set(steps)) != len(steps):
        problems.append(f"{where}.steps: must be in the order {list(STEPS)}, each at most once")
    if "weighted_mean" not in steps:
        problems.append(f"{where}.steps: must include weighted_mean")
    known = set(input_codes())
    parsed = [
        parse_component(c, f"{where}.components[{i}]", steps, edition, known, problems) for i, c in enumerate(raw.get("components") or [])
    ]
    components = [c for c in parsed if c is not None]
    if not components:
        problems.append(f"{where}.components: at least one component is needed")
    has_cap = any(c.cap is not None or (c.combine is not None and any(p.cap is not None for p in c.combine.parts)) for c in components)
    if "cap" in steps and not has_cap:
        problems.append(f"{where}.steps: 'cap' is listed but no component has a cap")
    codes = [code for c in components for code in c.input_codes] + [
        c.code for c in components if c.combine is not None and c.combine.how == "mean_z"
    ]
    if len(set(codes)) != len(codes):
        problems.append(f"{where}.components: an indicator code appears twice")
    _check_weights([c.weight for c in components], f"{where}.components", problems)
    origin = _parse_origin(raw["origin"], where, sources, problems) if "origin" in raw else None
    return Form(str(raw.get("form", "")), steps, tuple(components), origin)


def _parse_groups(raw: Any, sources: dict[str, str], problems: list[str]) -> tuple[GroupLevel, ...]:
    levels: list[GroupLevel] = []
    raw_levels = raw.get("levels") if isinstance(raw, dict) else None
    if not isinstance(raw_levels, list) or not raw_levels:
        problems.append("groups.levels: a list of EGDI groups is needed")
        return ()
    for i, level in enumerate(raw_levels):
        above = None if level.get("above") is None else parse_number(level["above"], f"groups.levels[{i}].above", problems)
        classes = tuple(level.get("classes") or ())
        if len(classes) != 4 or len(set(classes)) != 4:
            problems.append(f"groups.levels[{i}].classes: four distinct class codes are needed, best first")
        levels.append(GroupLevel(str(level.get("code")), str(level.get("label")), above, classes))
    bounds = [lv.above for lv in levels]
    if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
        problems.append("groups.levels: every level but the last needs 'above'; the last has 'above: null'")
    elif any(a <= b for a, b in itertools.pairwise([b for b in bounds if b is not None])):
        problems.append("groups.levels: thresholds must decrease from the first level to the last")
    all_classes = [c for lv in levels for c in lv.classes]
    if len(set(all_classes)) != len(all_classes):
        problems.append("groups.levels: class codes must be unique across groups")
    return tuple(levels)


def _parse(data: Any, path: Path, checksum: str) -> Methodology:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise MethodologyError(path, ["the file is not a YAML mapping"])
    for key in (
        "schema_version",
        "id",
        "edition",
        "title",
        "entity_kind",
        "status",
        "sources",
        "egdi",
        "subindices",
        "groups",
        "rating_classes",
        "rank",
        "missing_data",
    ):
        if key not in data:
            problems.append(f"{key}: missing")
    if problems:
        raise MethodologyError(path, problems)
    if data["schema_version"] != 1:
        problems.append(f"schema_version: {data['schema_version']!r} is not supported (expected 1)")
    if data["id"] != path.stem:
        problems.append(f"id: {data['id']!r} must equal the file name without extension ({path.stem!r})")
    if not isinstance(data["edition"], int):
        problems.append("edition: must be a year such as 2022")
    edition = data["edition"] if isinstance(data["edition"], int) and not isinstance(data["edition"], bool) else 0
    if data["entity_kind"] not in ENTITY_KINDS:
        problems.append(f"entity_kind: must be one of {list(ENTITY_KINDS)}")
    if data["status"] not in STATUSES:
        problems.append(f"status: must be one of {list(STATUSES)}")
    sources = data["sources"] if isinstance(data["sources"], dict) else {}
    if not sources:
        problems.append("sources: a mapping of source keys to citations is needed")
    origins: dict[str, Origin] = {}

    def origin_of(item: str, raw: Any) -> Origin | None:
        origin = _parse_origin(raw, item, sources, problems)
        if origin is not None:
            origins[item] = origin
        return origin

    subindices: dict[str, SubIndex] = {}
    for code, raw in (data["subindices"] or {}).items():
        where = f"subindices.{code}"
        forms = [_parse_form(f, f"{where}.forms[{i}]", sources, edition, problems) for i, f in enumerate(raw.get("forms") or [])]
        if not forms:
            problems.append(f"{where}.forms: at least one form is needed")
        origin = origin_of(where, raw.get("origin"))
        for form in forms:
            if form is not None and form.origin is not None:
                origins[f"{where}.{form.name}"] = form.origin
        name = raw.get("name") or {}
        subindices[code] = SubIndex(
            code=code,
            name_en=str(name.get("en", code)),
            name_km=str(name.get("km", code)),
            forms=tuple(f for f in forms if f is not None),
            origin=origin or Origin("", False, ""),
        )

    egdi_weights: dict[str, float] = {}
    for code, raw_weight in (data["egdi"].get("weights") or {}).items():
        weight = parse_number(raw_weight, f"egdi.weights.{code}", problems)
        if code not in subindices:
            problems.append(f"egdi.weights.{code}: no such sub-index in this file")
        egdi_weights[code] = weight or 0.0
    if set(egdi_weights) != set(EGDI_SUBINDICES):
        problems.append(f"egdi.weights: the EGDI combines exactly {list(EGDI_SUBINDICES)}")
    _check_weights(list(egdi_weights.values()), "egdi.weights", problems)
    origin_of("egdi", data["egdi"].get("origin"))

    groups = _parse_groups(data["groups"], sources, problems)
    origin_of("groups", (data["groups"] or {}).get("origin"))
    rating_rule = data["rating_classes"].get("rule")
    if rating_rule not in RATING_RULES:
        problems.append(f"rating_classes.rule: must be one of {list(RATING_RULES)}")
    origin_of("rating_classes", data["rating_classes"].get("origin"))
    rank_rule = data["rank"].get("rule")
    if rank_rule not in RANK_RULES:
        problems.append(f"rank.rule: must be one of {list(RANK_RULES)}")
    origin_of("rank", data["rank"].get("origin"))

    missing = data["missing_data"]
    shares = {}
    for key in ("subindex_min_weight_share", "egdi_min_weight_share"):
        share = parse_number(missing.get(key), f"missing_data.{key}", problems)
        if share is not None and not 0 < share <= 1:
            problems.append(f"missing_data.{key}: must be above 0 and at most 1")
        shares[key] = share or 1.0
    origin_of("missing_data", missing.get("origin"))
    data_year = _parse_file_data_year(data.get("data_year"), edition, origin_of, problems)

    if problems:
        raise MethodologyError(path, problems)
    return Methodology(
        id=str(data["id"]),
        edition=int(data["edition"]),
        title=str(data["title"]),
        entity_kind=str(data["entity_kind"]),
        status=str(data["status"]),
        sources={str(k): str(v) for k, v in sources.items()},
        egdi_weights=egdi_weights,
        subindices=subindices,
        groups=groups,
        rating_rule=str(rating_rule),
        rank_rule=str(rank_rule),
        subindex_min_weight_share=shares["subindex_min_weight_share"],
        egdi_min_weight_share=shares["egdi_min_weight_share"],
        origins=origins,
        checksum=checksum,
        path=str(path),
        data_year=data_year,
    )


def _parse_file_data_year(raw: Any, edition: int, origin_of: Callable[[str, Any], Origin | None], problems: list[str]) -> int | None:
    """`data_year: {year: 2022, origin: {...}}`: the year of the data that feeds the edition (optional)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append("data_year: must be a mapping with year and origin")
        return None
    origin_of("data_year", raw.get("origin"))
    return parse_data_year(raw.get("year"), edition, "data_year.year", problems)


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int) -> Methodology:
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise MethodologyError(path, [f"not valid YAML: {exc}"]) from exc
    return _parse(data, path, hashlib.sha256(raw).hexdigest())


def read_methodology(path: str | Path) -> Methodology:
    """Read and validate one methodology file; raises MethodologyError listing every problem."""
    path = Path(path).resolve()
    if not path.is_file():
        raise MethodologyError(path, ["file not found"])
    return _read(path, path.stat().st_mtime_ns)


def available_editions() -> list[int]:
    """Survey editions that have a national (`egdi-YYYY.yaml`) methodology file, oldest first."""
    return sorted(int(p.stem.split("-")[1]) for p in METHODOLOGY_DIR.glob("egdi-[0-9][0-9][0-9][0-9].yaml"))


def load_methodology(edition: int | str | Path) -> Methodology:
    """The methodology of a survey edition (e.g. 2022), or of a file given by path or id."""
    if isinstance(edition, int) or (isinstance(edition, str) and edition.isdigit()):
        path = METHODOLOGY_DIR / f"egdi-{int(edition)}.yaml"
        if not path.is_file():
            raise MethodologyError(path, [f"no methodology for edition {edition}; available: {available_editions()}"])
        return read_methodology(path)
    candidate = Path(edition)
    if not candidate.suffix:
        candidate = METHODOLOGY_DIR / f"{edition}.yaml"
    return read_methodology(candidate)


def methodology_for_classification(edition: int) -> Methodology:
    """The methodology whose groups and classes apply to `edition`: its own file, else the nearest earlier
    one, else the earliest (editions before 2014 have no file of their own; their thresholds are the same)."""
    editions = available_editions()
    earlier = [e for e in editions if e <= edition]
    return load_methodology(earlier[-1] if earlier else editions[0])
