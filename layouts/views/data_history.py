"""The Data page's version history: every import and rollback with its user, what a version changed, and rolling a
version back (as a new version, by the user who asked)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.store import StoreError
from indicators.store.names import dataset_name, user_name
from layouts.i18n import digits, fmt_int, t
from layouts.views.data import CHANGE_KINDS, ROW_LIMIT, Outcome, change_rows
from layouts.views.grid_columns import table_column
from layouts.views.snapshot import store


def versions() -> pd.DataFrame:
    """Every version of the store, newest first (`Store.versions`)."""
    return store().versions()


def history_columns(lang: str) -> list[dict[str, object]]:
    """The history's columns (a sortable table); each shown as its `<key>_text` where a row has one (history_rows)."""
    return [
        table_column("version_id", t("data_col_version", lang), numeric=True),
        table_column("created_at", t("data_col_when", lang), nowrap=True),
        table_column("user", t("data_col_user", lang), nowrap=True),
        table_column("action", t("data_col_action", lang), nowrap=True),
        table_column("dataset", t("data_col_dataset", lang)),
        table_column("file_name", t("data_col_file", lang), breaks_anywhere=True),
        table_column("added", t("data_col_added", lang), numeric=True),
        table_column("changed", t("data_col_changed", lang), numeric=True),
        table_column("removed", t("data_col_removed", lang), numeric=True),
        table_column("n_values", t("data_col_values", lang), numeric=True),
    ]


def when(created_at: str, lang: str) -> str:
    """`2026-05-01T09:30:00Z` → `1 May 2026, 09:30` (Khmer digits and month names in Khmer)."""
    stamp = pd.Timestamp(created_at)
    text = t(
        "data_datetime", lang, day=stamp.day, month=t(f"data_month_{stamp.month}", lang), year=stamp.year, time=stamp.strftime("%H:%M")
    )
    return digits(text, lang)


def history_rows(versions: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    rows = []
    for version in versions.itertuples(index=False):
        rolled_back = version.rolled_back_version
        action = (
            t("data_action_import", lang)
            if version.action == "import"
            else t("data_action_rollback", lang, version=fmt_int(rolled_back, lang))
        )
        row: dict[str, object] = {
            "version_id": int(version.version_id),
            "created_at": version.created_at,
            "created_at_text": when(version.created_at, lang),
            "user": version.user,
            "user_text": user_name(version.user, lang),
            "action": version.action,
            "action_text": action,
            "dataset": dataset_name(version.dataset, lang),  # the code is in the version's technical details
            "file_name": version.file_name,
        }
        for count in ("version_id", "added", "changed", "removed", "n_values"):
            row[count] = int(getattr(version, count))
            row[f"{count}_text"] = fmt_int(row[count], lang)
        rows.append(row)
    return rows


def version_options(versions: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    return [
        {
            "label": t(
                "data_version_option",
                lang,
                version=fmt_int(v.version_id, lang),
                dataset=dataset_name(v.dataset, lang),
                file=v.file_name or "–",
                when=when(v.created_at, lang),
            ),
            "value": int(v.version_id),
        }
        for v in versions.itertuples(index=False)
    ]


def rollback(version_id: int, user: str, lang: str) -> Outcome:
    """Undo the changes of a version as a new version by `user`."""
    try:
        outcome = store().rollback(version_id, user=user)
    except StoreError as error:
        return Outcome(False, t("data_rollback_failed", lang, message=error.text(lang)))
    numbers = {k: fmt_int(getattr(outcome, k), lang) for k in CHANGE_KINDS}
    text = t(
        "data_rolled_back",
        lang,
        version=fmt_int(version_id, lang),
        dataset=dataset_name(outcome.dataset, lang),
        new=fmt_int(outcome.version_id, lang),
        **numbers,
    )
    return Outcome(True, text)


def version(version_id: int | None) -> pd.Series | None:
    """The stored version `version_id` (a row of `Store.versions`), or None."""
    stored = versions()
    chosen = stored[stored["version_id"] == version_id]
    return None if version_id is None or chosen.empty else chosen.iloc[0]


@dataclass(frozen=True)
class VersionDetail:
    """What a version changed: in words, and the first ROW_LIMIT changed values of `total`; the label of the button
    that rolls it back."""

    text: str
    rows: list[dict[str, object]]
    total: int
    rollback: str
    technical: str  # the dataset's code, the file and its checksum, the user as recorded


def version_detail(version_id: int, lang: str) -> VersionDetail | None:
    found = version(version_id)
    if found is None:
        return None
    changes = store().diff(int(version_id))
    numbers = {k: fmt_int(found[k], lang) for k in CHANGE_KINDS}
    text = t("data_version_changes", lang, version=fmt_int(found["version_id"], lang), **numbers)
    rollback = t("data_rollback", lang, version=fmt_int(version_id, lang))
    technical = t(
        "data_version_technical",
        lang,
        dataset=found["dataset"],
        file=found["file_name"] or "–",
        checksum=str(found["checksum"] or "–"),
        user=found["user"],
        when=str(found["created_at"]),
    )
    return VersionDetail(text, change_rows(changes.head(ROW_LIMIT), lang), len(changes), rollback, technical)


def rollback_explained(version_id: int | None, lang: str) -> str | None:
    """What rolling back the version does, to confirm; None when there is no such version."""
    found = version(version_id)
    return (
        None
        if found is None
        else t("data_rollback_explain", lang, version=fmt_int(version_id, lang), dataset=dataset_name(found["dataset"], lang))
    )


def latest_version() -> int:
    stored = versions()
    return int(stored["version_id"].max()) if not stored.empty else 0
