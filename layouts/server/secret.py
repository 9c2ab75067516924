"""The secret that signs session cookies: EGDI_SECRET_KEY, else the file EGDI_SECRET_KEY_FILE, else var/secret-key.

Nothing is ever signed with a default. When none is found, a development server (`python app.py`) makes
var/secret-key once (random, readable by its owner only); a production server (EGDI_REQUIRE_SECRET=1, set by
scripts/serve.sh) refuses to start and says how to make one. Every machine serving the same site needs the same
secret (a cookie signed by one must be read by the others).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from indicators.paths import PROJECT_DIR

DEFAULT_FILE = PROJECT_DIR / "var" / "secret-key"
MIN_LENGTH = 32


class SecretError(RuntimeError):
    """No usable secret; the message says what to do."""


def _checked(secret: str, where: str) -> str:
    secret = secret.strip()
    if len(secret) < MIN_LENGTH:
        raise SecretError(f"the secret in {where} is too short: use at least {MIN_LENGTH} random characters")
    return secret


def secret_file() -> Path:
    """Where the secret is kept when EGDI_SECRET_KEY is not set: EGDI_SECRET_KEY_FILE, else var/secret-key."""
    named = os.environ.get("EGDI_SECRET_KEY_FILE")
    return Path(named) if named else DEFAULT_FILE


def make_secret_file(path: Path | None = None) -> Path:
    """Write a new random secret to `path` (default: `secret_file()`, mode 0600) unless one is there already."""
    path = path or secret_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path  # made by another process meanwhile, or earlier
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(48) + "\n")
    return path


def secret_key(create: bool) -> str:
    """The session secret (see the module docstring); `create`: make var/secret-key when there is none."""
    if os.environ.get("EGDI_SECRET_KEY"):
        return _checked(os.environ["EGDI_SECRET_KEY"], "EGDI_SECRET_KEY")
    path = secret_file()
    if not path.is_file():
        if not create:
            raise SecretError(
                f"no secret to sign sessions with: {path} does not exist. Set EGDI_SECRET_KEY (the same on every machine), "
                "or make the file once with `.venv/bin/python app.py --make-secret`"
            )
        make_secret_file(path)
    return _checked(path.read_text(encoding="ascii", errors="replace"), str(path))
