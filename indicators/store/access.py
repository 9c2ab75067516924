"""Who may change what: three roles, the actions each allows, and the acting account every write names.

- **viewer** reads everything; **editor** also imports, edits targets and saves scenarios; **admin** also rolls
  back and manages accounts.
- Every write of the store takes the acting account (`Actor`) and checks its role before it touches anything, so a
  refused write leaves the store as it was. The web side passes the signed-in account of the request.
- A plain name instead of an `Actor` is a *local operator*: the command line, scripts and tests, which hold the
  database itself and so could change anything anyway. It acts as an admin from address "local".
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.store.errors import StoreError, store_error

ROLES = ("viewer", "editor", "admin")  # each role can do what the roles before it can
ACTIONS = {
    "import": "editor",
    "edit_targets": "editor",
    "save_scenario": "editor",
    "rollback": "admin",
    "manage_users": "admin",
}
KIND_ACTIONS = {"targets": "edit_targets", "scenario": "save_scenario"}  # an import of these kinds is this action
LOCAL_ADDRESS = "local"


@dataclass(frozen=True)
class Actor:
    """Who acts: the name recorded in the history and the audit trail, the role (None when nobody is signed in) and
    where the request came from (an IP address, or "local")."""

    name: str
    role: str | None
    address: str = LOCAL_ADDRESS

    def __str__(self) -> str:
        return self.name

    def may(self, action: str) -> bool:
        """True when this role allows `action` (a key of ACTIONS)."""
        return self.role in ROLES and ROLES.index(self.role) >= ROLES.index(ACTIONS[action])


def local_operator(name: str) -> Actor:
    return Actor(name, "admin", LOCAL_ADDRESS)


def acting(user: Actor | str) -> Actor:
    """The actor behind a write: `user` itself, or a local operator of that name."""
    return user if isinstance(user, Actor) else local_operator(user)


def action_for_kind(kind: str) -> str:
    """The action an import of data of `kind` is: editing targets, saving a scenario, or importing data."""
    return KIND_ACTIONS.get(kind, "import")


def refusal(actor: Actor, action: str) -> StoreError:
    """Why `actor` may not do `action`, in English and Khmer."""
    needed = ACTIONS[action]
    if actor.role is None:
        return store_error("access_sign_in", action=action, needed=needed)
    return store_error("access_refused", user=actor.name, role=actor.role, action=action, needed=needed)


def require(user: Actor | str, action: str) -> Actor:
    """The actor of `user`; StoreError (nothing done) when its role does not allow `action`."""
    actor = acting(user)
    if not actor.may(action):
        raise refusal(actor, action)
    return actor
