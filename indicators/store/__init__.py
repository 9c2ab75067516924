"""A versioned store of tidy values: every import is one transaction and one dataset version, with a diff,
cell provenance and rollback. SQLite by default (`var/egdi.sqlite`), any database through `EGDI_DATABASE_URL`.

    store = open_store()
    outcome = store.import_tidy(tidy, dataset="undesa:EGOV_DATA_2022", kind="published", file_name=..., checksum=...)
    store.import_many([ImportRequest(...), ...])  # several files: all land or none
    store.preview_import(tidy, dataset="undesa:EGOV_DATA_2022")  # what an import would change, writing nothing
    store.observations(indicators=["egdi"]), store.versions(), store.diff(outcome.version_id), store.rollback(v)

Every write names who acts (`access.Actor`, or a local operator's name) and is refused when the role does not allow
it. Beside the data: `accounts` (sign-in, roles), `audit` (the trail of every change), `jobs` (background imports).
"""

from indicators.store.errors import StoreError
from indicators.store.store import ImportOutcome, ImportRequest, Store, open_store

__all__ = ["ImportOutcome", "ImportRequest", "Store", "StoreError", "open_store"]
