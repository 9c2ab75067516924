"""Calling callbacks as a signed-in person: a request whose session cookie names an account of the app's store."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import app
import layouts.views.snapshot
from indicators.store import StoreError
from indicators.store.accounts import Account, add_account
from layouts.server.sessions import SESSION_COOKIE

PASSWORD = "a long enough password"


def account(name: str, role: str) -> Account:
    """The account `name` of the app's store, added with `role` when missing."""
    try:
        return add_account(layouts.views.snapshot.store(), "tests", name, role, PASSWORD)
    except StoreError as error:
        if error.code != "account_exists":
            raise
    from indicators.store.accounts import sign_in

    return sign_in(layouts.views.snapshot.store(), name, PASSWORD, "127.0.0.1")


@contextmanager
def signed_in(name: str, role: str = "editor", **headers: str) -> Iterator[None]:
    """Inside: a request of the app signed in as `name` (an account with `role`), with `headers` too."""
    chosen = account(name, role)
    serializer = app.server.session_interface.get_signing_serializer(app.server)  # type: ignore[attr-defined]
    cookie = serializer.dumps({"account": chosen.id, "epoch": chosen.session_epoch, "since": int(time.time())})
    request = {"headers": {"Cookie": f"{SESSION_COOKIE}={cookie}", **headers}, "environ_base": {"REMOTE_ADDR": "127.0.0.1"}}
    with app.server.test_request_context(**request):
        yield
