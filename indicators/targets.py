"""Targets as data: `data/targets/*.yaml`, each target with its indicator, baseline, milestone values, source
and status (`confirmed` or `indicative`).

Edits made in the dashboard are stored as a dataset version (kind `targets`), so they have a history and can be
rolled back like an import: `targets_to_tidy` and `apply_stored` convert between the two.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from indicators.catalogue import load_catalogue
from indicators.paths import DATA_DIR

TARGETS_DIR = DATA_DIR / "targets"
DEFAULT_TARGETS = TARGETS_DIR / "digital-government-policy.yaml"
RANK_INDICATORS = {"world_rank": (1.0, 193.0), "asean_rank": (1.0, 11.0)}
STATUSES = ("confirmed", "indicative")
TARGET_PREFIX = "target:"
BASELINE_FLAG = "baseline"


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


def targets_to_tidy(targets: TargetSet) -> pd.DataFrame:
    """The targets as tidy rows for the store: indicator `target:<id>`, one row per milestone year and one for
    the baseline (flag `baseline`); `source` carries the status and the source text."""
    rows = []
    for target in targets.targets:
        source = f"{target.status}: {target.source}"
        if target.baseline_year is not None and target.baseline_value is not None:
            rows.append((targets.entity, target.baseline_year, TARGET_PREFIX + target.id, target.baseline_value, source, BASELINE_FLAG))
        rows += [(targets.entity, year, TARGET_PREFIX + target.id, value, source, "") for year, value in target.values.items()]
    frame = pd.DataFrame(rows, columns=["entity", "year", "indicator", "value", "source", "flags"])
    return frame.astype({"year": "Int64"})


def apply_stored(defaults: TargetSet, stored: pd.DataFrame) -> TargetSet:
    """The targets with the values and status stored by edits (rows as written by `targets_to_tidy`) in place of
    the file's; targets without stored rows keep the file's values."""
    edited = []
    for target in defaults.targets:
        rows = stored[stored["indicator"] == TARGET_PREFIX + target.id]
        if rows.empty:
            edited.append(target)
            continue
        base = rows[rows["flags"] == BASELINE_FLAG]
        milestones = rows[rows["flags"] != BASELINE_FLAG]
        status, _, source = str(rows["source"].iloc[0]).partition(": ")
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
