"""Accounts: who may sign in, with which role, and the sign-in check with its rate limit.

- Passwords are hashed with argon2id (argon2-cffi's defaults); a hash made with older parameters is renewed at the
  next sign-in. A name is unique whatever its case and spacing.
- Managing accounts needs the admin role (`indicators.store.access`); every change is in the audit trail and raises
  the account's `session_epoch`, which ends the sessions it had open (a new role or password takes effect at once).
- **Rate limit**: after LIMIT_PER_NAME failed sign-ins for one name, or LIMIT_PER_ADDRESS from one address, within
  WINDOW, sign-in is refused until the oldest of them is older than WINDOW. The failures live in the store, so every
  server process shares the count. An unknown name costs as long as a wrong password.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Connection

from indicators.store import audit
from indicators.store.access import ROLES, Actor, require
from indicators.store.errors import store_error
from indicators.store.schema import accounts, sign_in_failures
from indicators.store.store import Store
from indicators.store.writes import now

MIN_PASSWORD = 10
MAX_NAME = 100
WINDOW = timedelta(minutes=15)
LIMIT_PER_NAME = 5
LIMIT_PER_ADDRESS = 20
ACCOUNT_COLUMNS = ["name", "role", "disabled", "created_at", "changed_at"]

_hasher = PasswordHasher()
_UNKNOWN_HASH = _hasher.hash("an account that does not exist")  # verified against, so an unknown name takes as long


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    disabled: bool
    session_epoch: int


def clean_name(name: str) -> str:
    """The name as stored: spaces trimmed and collapsed; StoreError when empty, too long or with control characters."""
    cleaned = " ".join(str(name).split())
    if not cleaned or len(cleaned) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise store_error("account_bad_name", name=str(name)[:MAX_NAME])
    return cleaned


def name_key(name: str) -> str:
    """What makes two names the same account: the cleaned name, case-folded."""
    return " ".join(str(name).split()).casefold()


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise store_error("account_bad_role", role=role)
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise store_error("account_weak_password", minimum=MIN_PASSWORD)
    return _hasher.hash(password)


def _account(row: sa.Row[tuple[object, ...]] | None) -> Account | None:
    if row is None:
        return None
    return Account(int(row.id), str(row.name), str(row.role), bool(row.disabled), int(row.session_epoch))


def _find(connection: Connection, name: str) -> Account:
    found = _account(connection.execute(sa.select(accounts).where(accounts.c.name_key == name_key(name))).first())
    if found is None:
        raise store_error("account_unknown", name=name)
    return found


def add_account(store: Store, user: Actor | str, name: str, role: str, password: str) -> Account:
    """A new, active account."""
    actor = require(user, "manage_users")
    cleaned, role, hashed = clean_name(name), _check_role(role), _check_password(password)
    with store.writing() as connection:
        if connection.execute(sa.select(accounts.c.id).where(accounts.c.name_key == name_key(cleaned))).first() is not None:
            raise store_error("account_exists", name=cleaned)
        stamp = now()
        values = {"name": cleaned, "name_key": name_key(cleaned), "role": role, "password_hash": hashed, "disabled": False}
        connection.execute(accounts.insert().values(**values, session_epoch=1, created_at=stamp, changed_at=stamp))
        audit.record(connection, actor, "user_add", cleaned, f"role {role}")
        return _find(connection, cleaned)


def _change(store: Store, user: Actor | str, name: str, action: str, detail: str, values: dict[str, object]) -> Account:
    """Change one account (raising its session epoch), refusing to leave the store without an active admin."""
    actor = require(user, "manage_users")
    with store.writing() as connection:
        found = _find(connection, name)
        stays_admin = values.get("role", found.role) == "admin" and not values.get("disabled", found.disabled)
        if found.role == "admin" and not found.disabled and not stays_admin:
            others = sa.select(sa.func.count()).where(accounts.c.role == "admin", accounts.c.disabled.is_(False), accounts.c.id != found.id)
            if connection.execute(others).scalar() == 0:
                raise store_error("account_last_admin", name=found.name)
        connection.execute(
            accounts.update().where(accounts.c.id == found.id).values(**values, session_epoch=found.session_epoch + 1, changed_at=now())
        )
        audit.record(connection, actor, action, found.name, detail)
        return _find(connection, name)


def set_role(store: Store, user: Actor | str, name: str, role: str) -> Account:
    return _change(store, user, name, "user_set_role", f"role {_check_role(role)}", {"role": role})


def set_disabled(store: Store, user: Actor | str, name: str, disabled: bool = True) -> Account:
    """Disable an account (it can no longer sign in, and its sessions end), or enable it again."""
    return _change(store, user, name, "user_disable" if disabled else "user_enable", "", {"disabled": disabled})


def reset_password(store: Store, user: Actor | str, name: str, password: str) -> Account:
    return _change(store, user, name, "user_reset_password", "", {"password_hash": _check_password(password)})


def list_accounts(store: Store) -> pd.DataFrame:
    """Every account (columns ACCOUNT_COLUMNS), by name; never a password hash."""
    query = sa.select(accounts.c.name, accounts.c.role, accounts.c.disabled, accounts.c.created_at, accounts.c.changed_at)
    with store.reading() as connection:
        rows = [tuple(row) for row in connection.execute(query.order_by(accounts.c.name_key))]
    frame = pd.DataFrame(rows, columns=ACCOUNT_COLUMNS)
    return frame.astype({"disabled": bool})


def account_by_id(store: Store, account_id: int) -> Account | None:
    with store.reading() as connection:
        return _account(connection.execute(sa.select(accounts).where(accounts.c.id == account_id)).first())


def _since(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _limited_minutes(connection: Connection, key: str, address: str) -> int:
    """Minutes until a sign-in for `key` from `address` is allowed again (0: now)."""
    start = _since(datetime.now(UTC) - WINDOW)
    waits = []
    for column, value, limit in (
        (sign_in_failures.c.name_key, key, LIMIT_PER_NAME),
        (sign_in_failures.c.address, address, LIMIT_PER_ADDRESS),
    ):
        times = connection.execute(
            sa.select(sign_in_failures.c.at)
            .where(column == value, sign_in_failures.c.at > start)
            .order_by(sign_in_failures.c.at.desc())
            .limit(limit)
        ).scalars()
        recent = list(times)
        if len(recent) >= limit:
            oldest = datetime.fromisoformat(recent[-1].replace("Z", "+00:00"))
            waits.append(oldest + WINDOW - datetime.now(UTC))
    return max((int(wait.total_seconds() // 60) + 1 for wait in waits), default=0)


def sign_in(store: Store, name: str, password: str, address: str) -> Account:
    """The account when `name` and `password` match an active account; StoreError otherwise (a wrong name or password,
    a disabled account and a rate-limited attempt are refused alike, the last saying when to try again)."""
    key = name_key(name)
    with store.reading() as connection:
        minutes = _limited_minutes(connection, key, address)
        row = connection.execute(sa.select(accounts).where(accounts.c.name_key == key)).first()
    if minutes:
        raise store_error("sign_in_limited", minutes=minutes)
    try:
        _hasher.verify(row.password_hash if row is not None else _UNKNOWN_HASH, password)
        matched = row is not None and not row.disabled
    except (VerificationError, InvalidHashError):
        matched = False
    if not matched:
        with store.writing() as connection:
            connection.execute(sign_in_failures.insert().values(name_key=key[:MAX_NAME], address=address, at=now()))
            connection.execute(sign_in_failures.delete().where(sign_in_failures.c.at < _since(datetime.now(UTC) - 4 * WINDOW)))
        raise store_error("sign_in_failed")
    account = _account(row)
    assert account is not None and row is not None
    with store.writing() as connection:
        connection.execute(sign_in_failures.delete().where(sign_in_failures.c.name_key == key))
        if _hasher.check_needs_rehash(row.password_hash):
            connection.execute(accounts.update().where(accounts.c.id == row.id).values(password_hash=_hasher.hash(password)))
    return account
