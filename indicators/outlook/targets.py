"""Targets as data: `data/targets/*.yaml`, each target with its indicator, baseline, milestone values, source
and status (`confirmed` or `indicative`).

Edits made in the dashboard are stored as a dataset version (kind `targets`), so they have a history and can be
rolled back like an import: `targets_to_tidy` and `apply_stored` convert between the two.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import yaml

from indicators.catalogue import load_catalogue
from indicators.paths import DATA_DIR

if TYPE_CHECKING:
    from indicators.store import Store

TARGETS_DIR = DATA_DIR / "targets"
DEFAULT_TARGETS = TARGETS_DIR / "digital-government-policy.yaml"
RANK_INDICATORS = {"world_rank": (1.0, 193.0), "asean_rank": (1.0, 11.0)}
STATUSES = ("confirmed", "indicative")
TARGET_PREFIX = "target:"
TARGET_META_PREFIX = "target-meta:"  # one row per target: its status and source, as a fingerprint value
BASELINE_FLAG = "baseline"
META_FLAG = "meta"
EARLIEST_BASELINE = 2000


class TargetsError(ValueError):
    """A targets file that cannot be used; `problems` lists everything wrong with it."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


@dataclass(frozen=True)
class Target:
    id: str
    indicator: str
    name_en: str
    name_km: str
    baseline_year: int | None
    baseline_value: float | None
    values: dict[int, float]  # policy milestone year -> target value
    status: str
    source: str

    @property
    def lower_is_better(self) -> bool:
        """Ranks improve downwards; every other indicator upwards."""
        return self.indicator in RANK_INDICATORS

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    def name(self, lang: str = "en") -> str:
        return self.name_km if lang == "km" else self.name_en


@dataclass(frozen=True)
class TargetSet:
    id: str
    title_en: str
    title_km: str
    entity: str
    milestones: dict[int, int]  # policy milestone year -> survey edition that measures it
    targets: tuple[Target, ...]

    def target(self, target_id: str) -> Target:
        return next(t for t in self.targets if t.id == target_id)


def bounds(indicator: str) -> tuple[float, float]:
    """The valid range of an indicator's values: ranks 1..N, catalogue ranges otherwise."""
    if indicator in RANK_INDICATORS:
        return RANK_INDICATORS[indicator]
    spec = load_catalogue()[indicator]
    return spec.min, spec.max


def _number(raw: Any, where: str, problems: list[str]) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
        problems.append(f"{where}: {raw!r} is not a number")
        return None
    return float(raw)


def _parse_target(raw: Any, index: int, milestones: dict[int, int], problems: list[str]) -> Target | None:
    where = f"targets[{index}]"
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping")
        return None
    indicator = str(raw.get("indicator"))
    if indicator not in RANK_INDICATORS and indicator not in load_catalogue():
        problems.append(f"{where}.indicator: unknown indicator {indicator!r}")
        return None
    low, high = bounds(indicator)
    name = raw.get("name") or {}
    baseline = raw.get("baseline")
    baseline_year = baseline_value = None
    if baseline is not None:
        baseline_year = int(baseline.get("year", 0))
        baseline_value = _number(baseline.get("value"), f"{where}.baseline.value", problems)
    values: dict[int, float] = {}
    for year, value in (raw.get("values") or {}).items():
        number = _number(value, f"{where}.values.{year}", problems)
        if int(year) not in milestones:
            problems.append(f"{where}.values.{year}: not a milestone year of this file {sorted(milestones)}")
        elif number is not None and not low <= number <= high:
            problems.append(f"{where}.values.{year}: {number:g} is outside the valid range {low:g}–{high:g} of {indicator}")
        elif number is not None:
            values[int(year)] = number
    if not values:
        problems.append(f"{where}.values: at least one milestone value is needed")
    status = raw.get("status")
    if status not in STATUSES:
        problems.append(f"{where}.status: must be one of {list(STATUSES)}")
    if not str(raw.get("source") or "").strip():
        problems.append(f"{where}.source: say where the target comes from")
    return Target(
        id=str(raw.get("id")),
        indicator=indicator,
        name_en=str(name.get("en", indicator)),
        name_km=str(name.get("km", name.get("en", indicator))),
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        values=dict(sorted(values.items())),
        status=str(status),
        source=str(raw.get("source") or ""),
    )


@lru_cache(maxsize=8)
def _read(path: Path, mtime_ns: int) -> TargetSet:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TargetsError(str(path), [f"cannot be read: {exc}"]) from exc
    if not isinstance(data, dict):
        raise TargetsError(str(path), ["the file is not a YAML mapping"])
    problems: list[str] = []
    if data.get("schema_version") != 1:
        problems.append("schema_version: must be 1")
    milestones = {int(k): int(v) for k, v in (data.get("milestones") or {}).items()}
    if not milestones:
        problems.append("milestones: a mapping of policy years to survey editions is needed")
    targets = [_parse_target(raw, i, milestones, problems) for i, raw in enumerate(data.get("targets") or [])]
    ids = [t.id for t in targets if t is not None]
    if len(set(ids)) != len(ids):
        problems.append("targets: every target needs its own id")
    if problems:
        raise TargetsError(str(path), problems)
    title = data.get("title") or {}
    return TargetSet(
        id=str(data.get("id")),
        title_en=str(title.get("en", "")),
        title_km=str(title.get("km", title.get("en", ""))),
        entity=str(data.get("entity", "KHM")),
        milestones=milestones,
        targets=tuple(t for t in targets if t is not None),
    )


def load_targets(path: str | Path = DEFAULT_TARGETS) -> TargetSet:
    """Read and validate a targets file; raises TargetsError listing every problem."""
    path = Path(path).resolve()
    if not path.is_file():
        raise TargetsError(str(path), ["file not found"])
    return _read(path, path.stat().st_mtime_ns)


def _fingerprint(status: str, source: str) -> float:
    """A number that changes whenever the status or the source text does (48 bits of SHA-256, exact in a float)."""
    return float(int(hashlib.sha256(f"{status}\n{source}".encode()).hexdigest()[:12], 16))


def targets_to_tidy(targets: TargetSet) -> pd.DataFrame:
    """The targets as tidy rows for the store: indicator `target:<id>`, one row per milestone year and one for
    the baseline (flag `baseline`); `source` carries the status and the source text. One more row per target,
    indicator `target-meta:<id>` without a year, holds a fingerprint of the status and source as its value, so
    that an edit of the status or the source alone is a change the store records (it compares values only)."""
    rows: list[tuple[object, ...]] = []
    for target in targets.targets:
        source = f"{target.status}: {target.source}"
        if target.baseline_year is not None and target.baseline_value is not None:
            rows.append((targets.entity, target.baseline_year, TARGET_PREFIX + target.id, target.baseline_value, source, BASELINE_FLAG))
        rows += [(targets.entity, year, TARGET_PREFIX + target.id, value, source, "") for year, value in target.values.items()]
        rows.append((targets.entity, None, TARGET_META_PREFIX + target.id, _fingerprint(target.status, target.source), source, META_FLAG))
    frame = pd.DataFrame(rows, columns=["entity", "year", "indicator", "value", "source", "flags"])
    return frame.astype({"year": "Int64"})


def _status_and_source(rows: pd.DataFrame, meta: pd.DataFrame) -> tuple[str, str]:
    """The status and source of the most recent write: the row with the highest `version_id` among the target's
    rows and its meta row when the frame has versions (rows read from the store), else the target's rows."""
    if "version_id" in rows.columns and not meta.empty:
        both = pd.concat([rows, meta], ignore_index=True)
        text = str(both["source"].iloc[int(both["version_id"].astype(float).to_numpy().argmax())])
    else:
        text = str((rows if not rows.empty else meta)["source"].iloc[0])
    status, _, source = text.partition(": ")
    return status, source


def apply_stored(defaults: TargetSet, stored: pd.DataFrame) -> TargetSet:
    """The targets with the values and status stored by edits (rows as written by `targets_to_tidy`) in place of
    the file's; targets without stored rows keep the file's values."""
    edited = []
    for target in defaults.targets:
        rows = stored[stored["indicator"] == TARGET_PREFIX + target.id]
        if rows.empty:
            edited.append(target)
            continue
        meta = stored[stored["indicator"] == TARGET_META_PREFIX + target.id]
        base = rows[rows["flags"] == BASELINE_FLAG]
        milestones = rows[rows["flags"] != BASELINE_FLAG].sort_values("year")
        status, source = _status_and_source(rows, meta)
        edited.append(
            replace(
                target,
                baseline_year=int(base["year"].iloc[0]) if not base.empty else None,
                baseline_value=float(base["value"].iloc[0]) if not base.empty else None,
                values={int(y): float(v) for y, v in zip(milestones["year"], milestones["value"], strict=True)},
                status=status if status in STATUSES else target.status,
                source=source or target.source,
            )
        )
    return replace(defaults, targets=tuple(edited))


# Edits made in the dashboard ----------------------------------------------------------------------------------


def targets_dataset(targets: TargetSet) -> str:
    """The store dataset that holds the edits of a target set."""
    return f"targets:{targets.id}"


def stored_targets(store: Store, defaults: TargetSet | None = None) -> TargetSet:
    """The effective targets: the file's (`load_targets()` by default) overlaid with the edits stored in `store`."""
    defaults = load_targets() if defaults is None else defaults
    stored = store.observations(kinds=["targets"], datasets=[targets_dataset(defaults)])
    return apply_stored(defaults, stored) if not stored.empty else defaults


def edited_ids(stored: pd.DataFrame) -> list[str]:
    """The ids of the targets that have stored edits."""
    codes = stored["indicator"].astype(str)
    return sorted({code[len(TARGET_PREFIX) :] for code in codes if code.startswith(TARGET_PREFIX)})


def with_edit(targets: TargetSet, target: Target, already_edited: list[str]) -> tuple[TargetSet, pd.DataFrame]:
    """The target set with `target` in place of its namesake, and the rows to store: every target edited so far and
    this one (targets never edited are not stored, so later changes of the file still reach them)."""
    updated = replace(targets, targets=tuple(target if t.id == target.id else t for t in targets.targets))
    keep = set(already_edited) | {target.id}
    return updated, targets_to_tidy(replace(updated, targets=tuple(t for t in updated.targets if t.id in keep)))


@dataclass(frozen=True)
class EditProblem:
    """One problem of an edit: a code for the message, the field it concerns (`baseline`, `source`, `status` or a
    milestone year) and the values the message needs."""

    code: str
    field: str
    params: dict[str, object] = dataclass_field(default_factory=dict)


def edit_problems(target: Target, milestones: dict[int, int]) -> list[EditProblem]:
    """Every problem of an edited target: values outside the indicator's valid range, a baseline with only a year or
    only a value or a year outside 2000..the last milestone, no milestone value, an unknown status, no source."""
    low, high = bounds(target.indicator)
    problems = []

    def check(value: float, where: str) -> None:
        if not math.isfinite(value) or not low <= value <= high:
            problems.append(EditProblem("range", where, {"value": value, "low": low, "high": high}))

    if (target.baseline_year is None) != (target.baseline_value is None):
        problems.append(EditProblem("baseline_incomplete", "baseline"))
    if target.baseline_year is not None and not EARLIEST_BASELINE <= target.baseline_year <= max(milestones):
        span: dict[str, object] = {"year": target.baseline_year, "first": EARLIEST_BASELINE, "last": max(milestones)}
        problems.append(EditProblem("baseline_year", "baseline", span))
    if target.baseline_value is not None:
        check(target.baseline_value, "baseline")
    for year, value in target.values.items():
        if year not in milestones:
            problems.append(EditProblem("milestone", str(year), {"year": year}))
        check(value, str(year))
    if not target.values:
        problems.append(EditProblem("no_values", "values"))
    if target.status not in STATUSES:
        problems.append(EditProblem("status", "status", {"status": target.status}))
    if not target.source.strip():
        problems.append(EditProblem("source", "source"))
    return problems
