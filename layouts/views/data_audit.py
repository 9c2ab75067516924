"""The audit trail on the Data page (`indicators.store.audit.audit_trail`): who changed what and when, in words.

What each visitor sees: every change to the data (imports, background imports queued, rollbacks, target edits,
saved scenarios) with who made it, their role and when, for everyone, as the version history already shows; the
address each change came from and the changes to accounts only for administrators, who manage the accounts (the
command line `python -m indicators audit` prints everything to the operator).
"""

from __future__ import annotations

import re

import pandas as pd

from indicators.i18n import ROLE_LABELS
from indicators.store.audit import audit_trail
from indicators.store.names import dataset_name, user_name
from layouts.i18n import fmt_int, t
from layouts.views.data_history import when
from layouts.views.grid_columns import table_column
from layouts.views.snapshot import store

LIMIT = 200
DATA_ACTIONS = ("import", "confirm", "rollback", "target_edit", "scenario_save")
COUNTS = re.compile(r"^(?P<file>.*): \+(?P<added>\d+) ~(?P<changed>\d+) -(?P<removed>\d+)$")  # "file.csv: +6 ~0 -0"
ROLLED_BACK = re.compile(r"^version (?P<version>\d+)$")
QUEUED = re.compile(r"^job (?P<job>\d+): \d+ file\(s\), (?P<files>.*)$")
ROLE_SET = re.compile(r"^role (?P<role>\w+)$")


def audit_columns(lang: str, with_address: bool) -> list[dict[str, object]]:
    columns = [  # what before who: on a phone the change is read first, who and where scroll into view
        table_column("at", t("data_col_when", lang), nowrap=True),
        table_column("what", t("data_col_what", lang), breaks_anywhere=True),
        table_column("who", t("data_col_who", lang), nowrap=True),
    ]
    return [*columns, table_column("address", t("data_col_address", lang), nowrap=True)] if with_address else columns


def _datasets(target: str, lang: str) -> str:
    return ", ".join(dataset_name(code.strip(), lang) for code in target.split(",") if code.strip())


def what(action: str, target: str, detail: str, version_id: object, lang: str) -> str:
    """An audit row's change in words, e.g. "Imported UN E-Government Survey 2022 from cambodia.csv as version 3: 6
    added, 0 changed, 0 removed"; the recorded detail as it is when it has an unexpected form."""
    version = fmt_int(version_id, lang) if not pd.isna(version_id) else "–"
    counts, rolled, queued, role = COUNTS.match(detail), ROLLED_BACK.match(detail), QUEUED.match(detail), ROLE_SET.match(detail)
    if action in ("import", "target_edit", "scenario_save") and counts:
        numbers = {k: fmt_int(counts.group(k), lang) for k in ("added", "changed", "removed")}
        key = "data_audit_import" if action == "import" else "data_audit_saved"
        return t(key, lang, dataset=dataset_name(target, lang), file=counts.group("file") or "–", version=version, **numbers)
    if action == "rollback" and rolled:
        old = fmt_int(rolled.group("version"), lang)
        return t("data_audit_rollback", lang, old=old, dataset=dataset_name(target, lang), version=version)
    if action == "confirm" and queued:
        job = fmt_int(queued.group("job"), lang)
        return t("data_audit_confirm", lang, job=job, dataset=_datasets(target, lang), files=queued.group("files"))
    if action == "user_set_role" and role and role.group("role") in ROLE_LABELS:
        return t("data_audit_user_set_role", lang, name=target, role=ROLE_LABELS[role.group("role")]["km" if lang == "km" else "en"])
    if action in ("user_add", "user_disable", "user_enable", "user_reset_password"):
        return t(f"data_audit_{action}", lang, name=target)
    return " ".join(part for part in (action, target, detail) if part)


def who(user: str, role: str, lang: str) -> str:
    """ "Sokha Chan (editor)"; the command line and the bundled data by what they are."""
    name = user_name(user, lang)
    label = ROLE_LABELS.get(role, {}).get("km" if lang == "km" else "en")
    return f"{name} ({label})" if label and name == user else name


def audit_rows(trail: pd.DataFrame, lang: str, full: bool) -> list[dict[str, object]]:
    """Rows for the grid from an `audit_trail` frame; `full` (administrators): account changes and addresses too."""
    shown = trail if full else trail[trail["action"].isin(DATA_ACTIONS)]
    rows = []
    for row in shown.itertuples(index=False):
        entry: dict[str, object] = {
            "at": row.at,
            "at_text": when(row.at, lang),
            "who": who(row.user, row.role, lang),
            "what": what(row.action, row.target, row.detail, row.version_id, lang),
        }
        if full:
            entry["address"] = row.address
        rows.append(entry)
    return rows


def audit_view(lang: str, full: bool) -> list[dict[str, object]]:
    """The newest LIMIT changes of the store as table rows (see `audit_rows`)."""
    return audit_rows(audit_trail(store(), limit=LIMIT), lang, full)
