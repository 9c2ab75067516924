"""Scenarios: named what-ifs saved in the store (dataset `scenario:<name>`) and shared by URL (`osi:0.6,tii:0.7`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.outlook.whatif import SUBINDEX_CODES

PUBLISHED_MODE = "published"


COMPONENTS_MODE = "components"


SCENARIO_KIND = "scenario"


SCENARIO_PREFIX = "scenario:"  # of the dataset key and of the stored indicator codes


SCENARIO_NAME_LIMIT = 60


@dataclass(frozen=True)
class SavedScenario:
    """A named what-if: the entity, the survey edition, and the values set (codes of one mode)."""

    name: str
    entity: str
    edition: int
    changes: dict[str, float]

    @property
    def mode(self) -> str:
        return mode_of(self.changes)


def mode_of(changes: Mapping[str, float]) -> str:
    """`published` when only sub-indices are set (osi, tii, hci), else `components`."""
    return PUBLISHED_MODE if set(changes) <= set(SUBINDEX_CODES) else COMPONENTS_MODE


def scenario_name(name: object) -> str:
    """A scenario name as stored: spaces collapsed, at most SCENARIO_NAME_LIMIT characters ('' when blank)."""
    return " ".join(str(name or "").split())[:SCENARIO_NAME_LIMIT]


def scenario_dataset(name: str) -> str:
    return SCENARIO_PREFIX + scenario_name(name)


def scenario_to_tidy(scenario: SavedScenario) -> pd.DataFrame:
    """The rows a scenario is stored as: entity, year = edition, indicator = `scenario:<code>`, value. The codes are
    prefixed so that a scenario never stands in for a measured value of the same entity, year and indicator."""
    codes = sorted(scenario.changes)
    return pd.DataFrame(
        {
            "entity": scenario.entity,
            "year": pd.array([scenario.edition] * len(codes), dtype="Int64"),
            "indicator": [SCENARIO_PREFIX + code for code in codes],
            "value": [float(scenario.changes[code]) for code in codes],
            "source": f"{SCENARIO_KIND}: {scenario.name}",
        }
    )


def scenarios_from_tidy(stored: pd.DataFrame) -> list[SavedScenario]:
    """The scenarios in rows read from the store (columns dataset, entity, year, indicator, value; read with
    `resolve=False`, so that scenarios setting the same values all come back), by name."""
    found = []
    ours = stored["dataset"].astype(str).str.startswith(SCENARIO_PREFIX) & stored["indicator"].astype(str).str.startswith(SCENARIO_PREFIX)
    rows = stored[ours]
    for dataset, group in rows.groupby("dataset", sort=True):
        first = group.iloc[0]
        changes = {str(code)[len(SCENARIO_PREFIX) :]: float(value) for code, value in zip(group["indicator"], group["value"], strict=True)}
        found.append(SavedScenario(str(dataset)[len(SCENARIO_PREFIX) :], str(first["entity"]), int(first["year"]), changes))
    return found


def parse_changes(text: str | None) -> dict[str, float]:
    """`osi:0.6,tii:0.7` (as in a shared URL) into {code: value}; malformed or non-finite parts are left out."""
    changes: dict[str, float] = {}
    for part in (text or "").split(","):
        code, sep, raw = part.partition(":")
        try:
            value = float(raw)
        except ValueError:
            continue
        if sep and code.strip() and np.isfinite(value):
            changes[code.strip()] = value
    return changes


def format_changes(changes: Mapping[str, float]) -> str:
    """{code: value} as `code:value,...` (codes sorted, values to 10 significant digits); '' when empty."""
    return ",".join(f"{code}:{float(changes[code]):.10g}" for code in sorted(changes))
