"""A large insert on SQLite drops and rebuilds indexes and triggers, and ends where it began."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event

from prospector import bulk_load
from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.records import CompanyInput, ContactInput
from prospector.services import companies, company_query, contact_query, contacts
from prospector.services.contact_query import ContactFilter


def _schema(db: Database) -> list[tuple[str, str, str]]:
    with db.reading() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        )
        return [tuple(row) for row in rows]


def _sound(db: Database) -> None:
    """SQLite's own checks of the file and of both search indexes."""
    with db.writing() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        for index in ("company_fts", "contact_fts"):
            connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")


@pytest.fixture
def statements(sqlite_db: Database) -> Iterator[list[str]]:
    sent: list[str] = []

    def note(_c: object, _cur: object, statement: str, *_rest: object) -> None:
        sent.append(statement)

    event.listen(sqlite_db.engine, "before_cursor_execute", note)
    yield sent
    event.remove(sqlite_db.engine, "before_cursor_execute", note)


def test_a_large_create_rebuilds_indexes_and_ends_with_the_same_schema(
    sqlite_db: Database, statements: list[str]
) -> None:
    before = _schema(sqlite_db)
    count = bulk_load.INDEX_ROWS
    with sqlite_db.writing() as session:
        ids = companies.create_companies(
            session,
            (CompanyInput(name=f"Großserie {n:05d} GmbH", city="Dresden") for n in range(count)),
        )

    assert any(s.startswith("DROP INDEX ix_companies_city") for s in statements)
    assert _schema(sqlite_db) == before
    _sound(sqlite_db)
    with sqlite_db.reading() as session:
        found = company_query.count_companies(session, CompanyFilter(query="großserie 01234"))
        in_city = company_query.count_companies(session, CompanyFilter(query="dresden"))
    assert found == 1
    assert in_city == count
    with sqlite_db.writing() as session:
        added = contacts.create_contacts(
            session,
            (ContactInput(last_name=f"Käufer{n}", company_id=i) for n, i in enumerate(ids)),
        )
    assert added == count
    assert _schema(sqlite_db) == before
    _sound(sqlite_db)
    with sqlite_db.reading() as session:
        assert contact_query.count_contacts(session, ContactFilter(query="käufer4711")) == 1


def test_a_few_rows_on_a_larger_table_keep_its_indexes(
    sqlite_db: Database, statements: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_load, "INDEX_ROWS", 20)
    monkeypatch.setattr(bulk_load, "SEARCH_ROWS", 20)
    with sqlite_db.writing() as session:
        companies.create_companies(session, (CompanyInput(name=f"Erst {n}") for n in range(60)))
    assert any(s.startswith("DROP INDEX") for s in statements)
    statements.clear()

    with sqlite_db.writing() as session:
        companies.create_companies(session, (CompanyInput(name=f"Dazu {n}") for n in range(30)))

    assert not any(s.startswith("DROP INDEX") for s in statements)
    assert any(s.startswith("DROP TRIGGER company_fts_after_insert") for s in statements)
    _sound(sqlite_db)
    with sqlite_db.reading() as session:
        assert company_query.count_companies(session, CompanyFilter(query="dazu")) == 30


def test_a_failed_large_insert_leaves_rows_indexes_and_triggers_as_they_were(
    sqlite_db: Database, sqlite_url: str
) -> None:
    before = _schema(sqlite_db)

    def insert_then_fail() -> None:
        with sqlite_db.writing() as session:
            companies.create_companies(
                session, (CompanyInput(name=f"Abbruch {n}") for n in range(bulk_load.INDEX_ROWS))
            )
            raise RuntimeError("stopped after the insert")

    with pytest.raises(RuntimeError, match="stopped"):
        insert_then_fail()

    assert _schema(sqlite_db) == before
    _sound(sqlite_db)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute("SELECT count(*) FROM companies").fetchone()[0] == 0
