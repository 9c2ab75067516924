"""Files uploaded on the Data page: decoded from the data URLs the browser sends and written under their (sanitised)
original names to a temporary folder that is removed afterwards, so the core's messages name the files. Nothing is
kept on the server between callbacks: a confirm sends the files again, so any worker of a multi-process server can
import them."""

from __future__ import annotations

import base64
import binascii
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_file_name(name: object) -> str:
    """The last part of an uploaded file's name, without characters a file system refuses or a leading dot."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = UNSAFE_NAME.sub("_", base).strip().lstrip(".").strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:120].strip() or "upload"
    return f"{stem}.{suffix[:12]}" if dot else stem


def decoded(content: str | None) -> bytes:
    """The bytes of a `data:...;base64,...` URL as dcc.Upload gives them (nothing when it is not one)."""
    payload = (content or "").partition(",")[2]
    try:
        return base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        return b""


@contextmanager
def uploaded_files(contents: Sequence[str], names: Sequence[str]) -> Iterator[list[str]]:
    """The uploads written to a temporary directory under their sanitised names (made unique), removed afterwards;
    in the order of their names (the browser hands them over in the order it finished reading them), so the check
    and the import take them in the same order."""
    uploads = sorted(zip(contents, names, strict=True), key=lambda upload: safe_file_name(upload[1]))
    with tempfile.TemporaryDirectory(prefix="egdi-upload-") as folder:
        paths: list[str] = []
        for content, name in uploads:
            safe = safe_file_name(name)
            path, number = Path(folder) / safe, 1
            while path.exists():
                number += 1
                stem, dot, suffix = safe.rpartition(".")
                path = Path(folder) / (f"{stem} ({number}).{suffix}" if dot else f"{safe} ({number})")
            path.write_bytes(decoded(content))
            paths.append(str(path))
        yield paths


def as_list(value: object) -> list[str]:
    """A component property that holds one value or several, as a list (empty for None)."""
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
