"""A throwaway PostgreSQL schema: the store tests and the load test each work in one of their own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from indicators.store.database import resolve_url


@contextmanager
def fresh_schema(base_url: str | sa.URL, prefix: str) -> Iterator[str]:
    """The URL of a new, empty schema `prefix_<random>` on the server at `base_url` (search_path set), dropped
    afterwards."""
    base = resolve_url(str(base_url)) if isinstance(base_url, str) else base_url
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
