"""Account and audit commands: `users add|list|set-role|disable|enable|reset-password`, `audit` and `jobs`.

The command line acts as a local operator (it holds the database itself): every change it makes is recorded in the
audit trail under `--user` (default: cli). Passwords are asked twice without echo, or read from the first line of
standard input with `--password-stdin` (for scripts); they never appear in arguments.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from indicators.cli.common import CommandError, Subcommands, add_db_option, open_store_or_error
from indicators.cli.data import print_table
from indicators.store import StoreError
from indicators.store.access import ROLES
from indicators.store.accounts import add_account, list_accounts, reset_password, set_disabled, set_role
from indicators.store.audit import audit_trail
from indicators.store.jobs import recent_jobs


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise CommandError("the two passwords differ; nothing was changed")
    return first


def cmd_users(args: argparse.Namespace) -> int:
    store = open_store_or_error(args)
    if args.users_command == "list":
        print_table(list_accounts(store))
        return 0
    try:
        if args.users_command == "add":
            account = add_account(store, args.user, args.name, args.role, read_password(args))
            print(f"Added {account.name} ({account.role}).")
        elif args.users_command == "set-role":
            account = set_role(store, args.user, args.name, args.role)
            print(f"{account.name} is now {account.role}; their open sessions have ended.")
        elif args.users_command in ("disable", "enable"):
            account = set_disabled(store, args.user, args.name, args.users_command == "disable")
            print(f"{account.name} is {'disabled: they can no longer sign in' if account.disabled else 'enabled again'}.")
        else:
            account = reset_password(store, args.user, args.name, read_password(args))
            print(f"The password of {account.name} is changed; their open sessions have ended.")
    except StoreError as exc:
        raise CommandError(exc.text(args.lang)) from exc
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    trail = audit_trail(open_store_or_error(args), limit=args.limit, user=args.who, action=args.action)
    print_table(trail.drop(columns="audit_id"))
    return 0


def cmd_jobs(args: argparse.Namespace) -> int:
    print_table(recent_jobs(open_store_or_error(args), args.limit))
    return 0


def add_commands(commands: Subcommands[argparse.ArgumentParser], with_lang: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "users",
        parents=[with_lang],
        help="manage the accounts that sign in to the dashboard",
        description="Accounts and roles: viewer (reads), editor (imports, edits targets, saves scenarios), admin (also rolls "
        "back and manages accounts). Every change is recorded in the audit trail.",
    )
    add_db_option(p)
    p.add_argument("--user", default="cli", help="who makes the change, recorded in the audit trail (default: cli)")
    p.set_defaults(run=cmd_users)
    actions = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    password_help = "read the password from the first line of standard input instead of asking"
    add = actions.add_parser("add", help="add an account", description="Add an account; the password is asked twice.")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=ROLES, default="viewer", help="its role (default: viewer)")
    add.add_argument("--password-stdin", action="store_true", help=password_help)
    actions.add_parser("list", help="list the accounts (never their passwords)")
    role = actions.add_parser("set-role", help="change an account's role (ends its open sessions)")
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", choices=ROLES)
    switches = {"disable": "stop an account from signing in (ends its sessions)", "enable": "let a disabled account sign in again"}
    for name, text in switches.items():
        actions.add_parser(name, help=text).add_argument("name", metavar="NAME")
    reset = actions.add_parser("reset-password", help="set a new password (ends the account's open sessions)")
    reset.add_argument("name", metavar="NAME")
    reset.add_argument("--password-stdin", action="store_true", help=password_help)

    p = commands.add_parser(
        "audit",
        parents=[with_lang],
        help="print the audit trail: who changed what, when and from where",
        description="Every change, newest first: imports, confirmed web imports, rollbacks, target edits, saved scenarios "
        "and account changes, with the user, role, address and the data version written.",
    )
    p.add_argument("--limit", type=int, default=200, help="how many rows (default: 200)")
    p.add_argument("--user", dest="who", metavar="NAME", help="only this user's changes")
    p.add_argument("--action", help="only this action (import, confirm, rollback, target_edit, scenario_save, user_add, ...)")
    add_db_option(p)
    p.set_defaults(run=cmd_audit)

    p = commands.add_parser("jobs", parents=[with_lang], help="list the background import jobs, newest first")
    p.add_argument("--limit", type=int, default=50, help="how many jobs (default: 50)")
    add_db_option(p)
    p.set_defaults(run=cmd_jobs)
