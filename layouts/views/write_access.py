"""Who may change what, said where a write control is hidden: what the action needs, how to sign in (back to this
page afterwards), and, on a new install with no account at all, the one command that makes the first one.

A hidden control is a convenience; the server refuses a forged write anyway (`layouts.server.guard`).
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.i18n import ACTION_LABELS, ROLE_LABELS
from indicators.store.access import ACTIONS, Actor
from indicators.store.accounts import list_accounts
from layouts.i18n import t
from layouts.user import acting_user, sign_in_href
from layouts.views.snapshot import store

FIRST_ACCOUNT = '.venv/bin/python -m indicators users add "YOUR NAME" --role admin'  # as the README says


@dataclass(frozen=True)
class WriteNote:
    """Why a control is not shown: `text`; `sign_in` (the sign-in address, when nobody is signed in) and its link
    text; `command` to run on the server when no account exists yet, introduced by `command_intro`."""

    text: str
    sign_in: str | None
    sign_in_text: str
    command: str | None
    command_intro: str


def write_note(action: str, actor: Actor, accounts_exist: bool, here: str, lang: str) -> WriteNote:
    """What to say in place of the controls of `action` for `actor` (who may not do it)."""
    code = "km" if lang == "km" else "en"
    needed = ROLE_LABELS[ACTIONS[action]][code]
    doing = ACTION_LABELS[action][code]
    if actor.role is None:
        text = t("access_sign_in_to", lang, action=doing, role=needed)
        link: str | None = sign_in_href(here, lang)
    else:
        text = t("access_role_too_low", lang, name=actor.name, role=ROLE_LABELS[actor.role][code], action=doing, needed=needed)
        link = None
    command = FIRST_ACCOUNT if not accounts_exist else None
    return WriteNote(text, link, t("auth_sign_in", lang), command, t("access_first_account", lang))


def note_for(action: str, here: str, lang: str) -> WriteNote | None:
    """The note for the request's user, or None when they may do `action` (then the controls are shown)."""
    actor = acting_user()
    if actor.may(action):
        return None
    return write_note(action, actor, not list_accounts(store()).empty, here, lang)
