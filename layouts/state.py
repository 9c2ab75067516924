"""View state kept in the URL's query string (language, country, edition, peer set, ...), so a link
reproduces the view. Pages receive the query as keyword arguments of their `layout` function."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

DEFAULTS = {"lang": "en", "entity": "KHM"}


def parse_query(search: str | None) -> dict[str, str]:
    """`?lang=km&entity=KHM` → {'lang': 'km', 'entity': 'KHM'} (empty values dropped)."""
    return {k: v for k, v in parse_qsl((search or "").lstrip("?")) if v}


def make_query(state: dict[str, object]) -> str:
    """The query string for a state, leaving out values equal to the defaults; '' when nothing is left."""
    kept = {k: str(v) for k, v in state.items() if v not in (None, "") and DEFAULTS.get(k) != str(v)}
    return "?" + urlencode(sorted(kept.items())) if kept else ""


def language(value: object) -> str:
    return "km" if value == "km" else "en"


def with_changes(search: str | None, **changes: object) -> str:
    """The query string `search` with some values changed (None removes a value)."""
    state: dict[str, object] = dict(parse_query(search))
    state.update(changes)
    return make_query({k: v for k, v in state.items() if v is not None})
