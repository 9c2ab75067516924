"""The one exception the store raises for a person to read, in English and Khmer.

A refused import, a busy or unreachable database and an unknown version are not programmer errors: they become a
`StoreError` whose text comes from the message catalogue (`indicators.i18n`), never a traceback.
"""

from __future__ import annotations

from indicators.i18n import message


class StoreError(Exception):
    """A problem with the store that a person can act on. `str(error)` is the English text."""

    def __init__(self, text: str, *, code: str = "store_error", text_km: str = "") -> None:
        super().__init__(text)
        self.code = code
        self.message = text
        self.message_km = text_km or text

    def text(self, lang: str = "en") -> str:
        return self.message_km if lang == "km" else self.message


def store_error(code: str, **params: object) -> StoreError:
    """A `StoreError` whose English and Khmer texts are message `code` of the catalogue, filled with `params`."""
    return StoreError(message(code, "en", **params), code=code, text_km=message(code, "km", **params))
