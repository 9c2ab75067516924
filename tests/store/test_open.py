"""Which database `open_store` opens, and the clear refusals when it cannot."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from indicators.store import StoreError, database, open_store
from indicators.store.database import ENV_URL, resolve_url
from tests.store.builders import big_tidy, tidy
from tests.store.conftest import postgres_base_url


def refusal(url: str) -> StoreError:
    with pytest.raises(StoreError) as refused:
        open_store(url)
    text = str(refused.value)
    assert "Traceback" not in text and "\n" not in text
    assert refused.value.message_km and refused.value.message_km != text
    return refused.value


def test_a_path_without_scheme_is_an_sqlite_file_in_wal_mode(tmp_path):
    path = tmp_path / "my store.sqlite"
    with open_store(str(path)) as store:
        assert store.url_for_display == f"sqlite:///{path}"
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert path.is_file()


def test_the_environment_variable_then_the_default_file(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "DEFAULT_PATH", tmp_path / "var" / "egdi.sqlite")
    monkeypatch.delenv(ENV_URL, raising=False)
    with open_store() as store:
        assert store.url_for_display == f"sqlite:///{tmp_path}/var/egdi.sqlite"
        assert store.is_empty()
        store.import_tidy(tidy([("KHM", 2022, "egdi", 0.5)]), dataset="d", kind="long", file_name="a.csv", checksum="a")
    with open_store() as again:
        assert not again.is_empty()

    monkeypatch.setenv(ENV_URL, f"sqlite:///{tmp_path}/other.sqlite")
    with open_store() as store:
        assert store.url_for_display.endswith("/other.sqlite") and store.is_empty()
    with open_store(str(tmp_path / "explicit.sqlite")) as store:  # an explicit URL beats the environment
        assert store.url_for_display.endswith("/explicit.sqlite")


def test_the_default_file_lives_in_the_ignored_var_folder():
    from indicators.paths import PROJECT_DIR

    assert database.DEFAULT_PATH == PROJECT_DIR / "var" / "egdi.sqlite"
    assert "/var/" in (PROJECT_DIR / ".gitignore").read_text().split()


def test_postgres_urls_use_psycopg_and_passwords_are_masked():
    url = resolve_url("postgresql://ana:s3cret@db.example:5432/egdi")
    assert url.drivername == "postgresql+psycopg"
    assert resolve_url("postgres://ana@db/egdi").drivername == "postgresql+psycopg"
    assert database.display_url(url) == "postgresql+psycopg://ana:***@db.example:5432/egdi"


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 100)
    error = refusal(str(path))
    assert error.code == "store_not_a_database"
    assert str(path) in str(error)
    assert path.read_text().startswith("these are my notes")


def test_a_missing_folder_is_refused(tmp_path):
    error = refusal(str(tmp_path / "no" / "such" / "folder" / "egdi.sqlite"))
    assert error.code == "store_cannot_open"


def test_an_import_into_a_damaged_sqlite_file_is_refused_and_writes_nothing(tmp_path):
    path = tmp_path / "egdi.sqlite"
    with open_store(str(path)) as store:
        store.import_tidy(big_tidy(20_000), dataset="big", kind="long", file_name="a.csv", checksum="a")
    with sqlite3.connect(path) as connection:  # move everything out of the WAL into the file, then damage a page of it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(path.read_bytes())
    page = 4096 * (pages // 2)  # a page of the big dataset's values, which an import of another dataset never reads
    data[page : page + 4096] = bytes(4096)
    path.write_bytes(bytes(data))
    damaged = path.read_bytes()
    with open_store(str(path)) as store, pytest.raises(StoreError) as refused:
        store.import_tidy(tidy([("LAO", 2022, "egdi", 0.4)]), dataset="new", kind="long", file_name="c.csv", checksum="c")
    assert refused.value.code == "store_not_a_database" and "\n" not in str(refused.value)
    assert path.read_bytes() == damaged


@pytest.mark.parametrize("url", ["postgresql://ana:s3cret@host:notaport/egdi", "postgresql+nosuchdriver://ana:s3cret@host/egdi"])
def test_a_malformed_url_is_one_line_that_hides_the_password(url):
    error = refusal(url)
    assert error.code == "store_bad_url" and "s3cret" not in str(error)


@pytest.mark.parametrize("url", ["nosuchdb://host/x", "sqlite://user@host/x.db", "   "])
def test_bad_urls_are_refused(url):
    assert refusal(url).code == "store_bad_url"


def test_an_unreachable_server_is_refused_without_showing_the_password():
    error = refusal("postgresql://ana:s3cret@127.0.0.1:1/egdi")
    assert error.code == "store_cannot_open"
    assert "127.0.0.1" in str(error) and "s3cret" not in str(error) and "s3cret" not in error.message_km


@pytest.mark.postgres
def test_a_missing_postgres_database_is_refused():
    base = postgres_base_url()
    error = refusal(base.set(database="egdi_no_such_database").render_as_string(hide_password=False))
    assert error.code == "store_cannot_open"
    assert "egdi_no_such_database" in str(error)


@pytest.mark.postgres
def test_the_display_url_of_a_postgres_store_hides_its_password(postgres_url):
    with_password = sa.make_url(postgres_url).set(password="hunter2").render_as_string(hide_password=False)
    with open_store(with_password) as store:  # the test server trusts local connections: the password is unused
        assert "hunter2" not in store.url_for_display and "***" in store.url_for_display
