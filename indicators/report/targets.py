"""Target status for a report: the Targets page's rules (`indicators.outlook.status.evaluate_targets`) applied to the
effective targets (the target file with the edits stored in the store), measured with the results up to the edition.
Targets apply to their own entity only (Cambodia for the Digital Government Policy).
"""

from __future__ import annotations

import pandas as pd

from indicators.outlook.briefing import NOWCAST_BASIS
from indicators.outlook.status import Nowcast, evaluate_targets
from indicators.outlook.targets import TARGET_META_PREFIX, TARGET_PREFIX, TargetsError, stored_targets, targets_dataset
from indicators.report.strings import integer, text
from indicators.store import Store


def target_status(
    store: Store, table: pd.DataFrame, entity: str, edition: int, nowcast: Nowcast | None = None
) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """(status, edits): one row per target and milestone (`evaluate_targets` columns) and the stored target edit rows
    (with their versions); (None, empty) when no target set is about `entity`. `nowcast`: the next Survey's figures
    that decide the milestones measured in it, as on the dashboard's Targets page (None: trends only)."""
    try:
        targets = stored_targets(store)
    except TargetsError:
        return None, pd.DataFrame()
    if targets.entity != entity:
        return None, pd.DataFrame()
    observations = store.observations(entities=[entity])
    is_target = observations["indicator"].astype(str).str.startswith((TARGET_PREFIX, TARGET_META_PREFIX))
    edits = observations[is_target & (observations["dataset"] == targets_dataset(targets))]
    observations = observations[~is_target & (observations["year"].isna() | (observations["year"] <= edition))]
    status = evaluate_targets(targets, table[table["edition"] <= edition], observations, nowcast)
    return status.reset_index(drop=True), edits.reset_index(drop=True)


def nowcast_note(status: pd.DataFrame | None, lang: str) -> str | None:
    """Which statuses the next Survey's nowcast decided ('The statuses of the 2025 milestones … are based on the 2026
    nowcast …'), as the Targets page says it; None when the trends decided them all."""
    if status is None or status.empty:
        return None
    decided = status[status["basis"].astype(str).str.startswith(NOWCAST_BASIS)]
    if decided.empty:
        return None
    years = ", ".join(integer(year, lang) for year in sorted({int(y) for y in decided["milestone"]}))
    edition = integer(int(str(decided["basis"].iloc[0]).removeprefix(NOWCAST_BASIS)), lang)
    return text("targets_nowcast_basis", lang, years=years, edition=edition)


def next_milestones(status: pd.DataFrame, edition: int) -> pd.DataFrame:
    """Each target's row for its next milestone: the first measured in `edition` or later, else its last one."""
    rows = []
    for _, milestones in status.groupby("target_id", sort=False):
        ahead = milestones[milestones["measured_in"].astype(float) >= edition]
        rows.append(ahead.iloc[0] if not ahead.empty else milestones.iloc[-1])
    return pd.DataFrame(rows).reset_index(drop=True) if rows else status.iloc[0:0]
