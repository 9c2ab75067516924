"""Scenarios of the Simulator page: saved in the store (dataset `scenario:<name>`, with the user who saved them),
listed with a link that reproduces each, and compared side by side with the baseline of each country and edition."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from indicators.outlook.scenarios import (
    SCENARIO_KIND,
    SavedScenario,
    format_changes,
    scenario_dataset,
    scenario_name,
    scenario_to_tidy,
    scenarios_from_tidy,
)
from indicators.store import StoreError
from layouts.i18n import fmt_int, fmt_number, t
from layouts.state import make_query
from layouts.views.labels import country_name, group_text
from layouts.views.simulator import Context, changes_from, changes_text, result_values, simulate, unavailable
from layouts.views.snapshot import forget_request_snapshot, request_snapshot, store
from layouts.views.version_cache import newest_version_cache

COMPARE_HEADERS = (
    "simulator_col_scenario",
    "simulator_col_settings",
    "tii_short",
    "hci_short",
    "osi_short",
    "egdi",
    "simulator_world_rank",
    "simulator_asean_rank",
    "simulator_group",
    "simulator_class",
)


def saved_scenarios() -> list[SavedScenario]:
    """The scenarios saved in the store, read once per store version (a saved scenario makes a new version)."""
    return _saved(request_snapshot().version)


@newest_version_cache(maxsize=1)
def _saved(version: int) -> list[SavedScenario]:
    # resolve=False: scenarios setting the same indicators of the same country and edition are all kept
    return scenarios_from_tidy(store().observations(kinds=[SCENARIO_KIND], resolve=False))


def clear_caches() -> None:
    """Forget the scenarios read from another database (tests that switch databases)."""
    _saved.cache_clear()


def scenario_href(scenario: SavedScenario, lang: str) -> str:
    """The Simulator's address that reproduces the scenario."""
    query = make_query(
        {
            "lang": lang,
            "entity": scenario.entity,
            "edition": scenario.edition,
            "mode": scenario.mode,
            "set": format_changes(scenario.changes),
        }
    )
    return "/simulator" + query


def describe(scenario: SavedScenario, lang: str) -> str:
    """'Cambodia, 2022: Online Service Index 0.6000, Telecommunication Infrastructure Index 0.7000'."""
    return t(
        "simulator_scenario_line",
        lang,
        country=country_name(scenario.entity, lang),
        edition=fmt_int(scenario.edition, lang),
        changes=changes_text(scenario.changes, lang),
    )


@dataclass(frozen=True)
class ScenarioEntry:
    """A saved scenario in the list: its name, what it sets, and the link that opens it."""

    name: str
    description: str
    href: str


def scenario_entries(lang: str) -> list[ScenarioEntry]:
    return [ScenarioEntry(s.name, describe(s, lang), scenario_href(s, lang)) for s in saved_scenarios()]


def _compare_row(name: str, settings: str, row: pd.Series, asean: int | None, lang: str) -> list[str]:
    return [
        name,
        settings,
        *[fmt_number(row[code], lang) for code in ("tii", "hci", "osi", "egdi")],
        fmt_int(row["rank"], lang),
        fmt_int(asean, lang),
        group_text(row["group"], lang),
        str(row["rating_class"] or "–"),
    ]


def compared(names: list[str], lang: str) -> list[list[str]]:
    """The results of the chosen scenarios, one row each (COMPARE_HEADERS), after the baseline of each country,
    edition and mode; a scenario that cannot be run here says so."""
    rows: list[list[str]] = []
    seen: set[tuple[str, int, str]] = set()
    for scenario in (s for s in saved_scenarios() if s.name in names):
        if unavailable(scenario.mode, scenario.edition, scenario.entity, lang) is not None:
            rows.append([scenario.name, describe(scenario, lang), t("simulator_compare_unavailable", lang), "", "", "", "", "", "", ""])
            continue
        result = simulate(scenario.mode, scenario.edition, scenario.entity, scenario.changes)
        before, after, asean_before, asean_after = result_values(result)
        key = (scenario.entity, scenario.edition, scenario.mode)
        if key not in seen:
            seen.add(key)
            country, edition = country_name(scenario.entity, lang), fmt_int(scenario.edition, lang)
            baseline_name = t("simulator_compare_baseline", lang, country=country, edition=edition)
            rows.append(_compare_row(baseline_name, t(f"simulator_mode_short_{scenario.mode}", lang), before, asean_before, lang))
        rows.append(_compare_row(scenario.name, describe(scenario, lang), after, asean_after, lang))
    return rows


@dataclass(frozen=True)
class SaveOutcome:
    """What saving a scenario did: `saved` (under `name`) or not, said in `text`."""

    saved: bool
    text: str
    name: str


def save_scenario(
    name: str | None, context: Context | None, values: Sequence[object], codes: list[str], user: str, lang: str
) -> SaveOutcome:
    """Save the values set on the page as a scenario named `name`, by `user`: refused without a name or a change."""
    name = scenario_name(name)
    changes = changes_from(values, codes, context["baseline"]) if context else {}
    if not name:
        return SaveOutcome(False, t("simulator_scenario_no_name", lang), name)
    if not context or not changes:
        return SaveOutcome(False, t("simulator_scenario_no_changes", lang), name)
    scenario = SavedScenario(name, str(context["entity"]), int(context["edition"]), changes)
    tidy = scenario_to_tidy(scenario)
    checksum = hashlib.sha256(tidy.to_csv(index=False).encode()).hexdigest()
    try:
        outcome = store().import_tidy(
            tidy, dataset=scenario_dataset(name), kind=SCENARIO_KIND, file_name="simulator page", checksum=checksum, user=user
        )
    except StoreError as error:
        return SaveOutcome(False, t("simulator_scenario_failed", lang, message=error.text(lang)), name)
    forget_request_snapshot()
    key = "simulator_scenario_unchanged" if outcome.identical else "simulator_scenario_saved"
    return SaveOutcome(True, t(key, lang, name=name, version=fmt_int(outcome.version_id, lang)), name)
