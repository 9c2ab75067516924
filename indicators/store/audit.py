"""The audit trail: every change to the store, who made it (name and role), when, from where and what.

A row is written inside the transaction of the change it records, so the trail never names a change that did not
happen, and no change lands without its row. Actions: `import` (a data version), `target_edit`, `scenario_save`,
`rollback`, `confirm` (a web import queued as a background job), and the account changes `user_add`,
`user_set_role`, `user_disable`, `user_enable`, `user_reset_password`.

    audit_trail(store, limit=200)  # newest first: AUDIT_COLUMNS
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indicators.store.access import Actor
from indicators.store.schema import audit
from indicators.store.writes import now

if TYPE_CHECKING:
    from indicators.store.store import Store

AUDIT_COLUMNS = ["audit_id", "at", "user", "role", "address", "action", "target", "detail", "version_id"]
KIND_AUDIT_ACTIONS = {"targets": "target_edit", "scenario": "scenario_save"}  # other kinds of data: "import"


def record(connection: Connection, actor: Actor, action: str, target: str, detail: str = "", version_id: int | None = None) -> None:
    """Write one audit row in the caller's (write) transaction."""
    connection.execute(
        audit.insert().values(
            at=now(),
            user_name=actor.name,
            role=actor.role or "",
            address=actor.address,
            action=action,
            target=target,
            detail=detail,
            version_id=version_id,
        )
    )


def audit_trail(store: Store, *, limit: int | None = 200, user: str | None = None, action: str | None = None) -> pd.DataFrame:
    """The newest `limit` audit rows (all when None), newest first, optionally of one user or one action:
    columns AUDIT_COLUMNS (`version_id` missing for changes that wrote no data version)."""
    query = sa.select(
        audit.c.id,
        audit.c.at,
        audit.c.user_name,
        audit.c.role,
        audit.c.address,
        audit.c.action,
        audit.c.target,
        audit.c.detail,
        audit.c.version_id,
    ).order_by(audit.c.id.desc())
    if user is not None:
        query = query.where(audit.c.user_name == user)
    if action is not None:
        query = query.where(audit.c.action == action)
    if limit is not None:
        query = query.limit(limit)
    with store.reading() as connection:
        rows = connection.execute(query).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=AUDIT_COLUMNS)
    frame["audit_id"] = frame["audit_id"].astype("int64")
    frame["version_id"] = pd.Series(frame["version_id"].tolist(), dtype="Int64")
    for column in AUDIT_COLUMNS[1:-1]:
        frame[column] = frame[column].astype("str")
    return frame
