"""The first look at start-up: the company list's first rows read with sqlite3 alone."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from decimal import Decimal
from pathlib import Path

import factories
import pytest
from sqlalchemy.dialects import sqlite

from prospector import first_look
from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.enums import ActivityKind, CompanyStage
from prospector.models import Activity
from prospector.records import CompanyInput
from prospector.schema import head_revision, open_database
from prospector.services import company_bulk, company_query, tags, trash
from prospector.settings import sqlite_file

SORTS = list(itertools.product(company_query.SORT_KEYS, (False, True)))


def _compiled(statement: object) -> str:
    return str(statement.compile(dialect=sqlite.dialect(paramstyle="named")))  # type: ignore[attr-defined]


def test_its_schema_revision_is_the_migrations_head() -> None:
    assert head_revision() == first_look.SCHEMA_HEAD


def test_it_sorts_by_every_key_the_list_sorts_by() -> None:
    assert set(first_look.SORT_COLUMNS) == set(company_query.SORT_KEYS)


@pytest.mark.parametrize(("sort", "descending"), SORTS)
def test_its_statement_is_the_lists_own_word_for_word(sort: str, descending: bool) -> None:
    statement = company_query._list_statement("sqlite", CompanyFilter(), None, sort, descending)
    assert first_look.list_sql(sort, descending) == _compiled(statement)


def test_its_count_is_the_lists_own_word_for_word() -> None:
    statement = company_query._count_statement("sqlite", CompanyFilter(), None)
    assert _compiled(statement) == first_look.COUNT_SQL


@pytest.fixture
def filled(sqlite_db: Database, sqlite_url: str) -> Path:
    """Companies with what every column shows: owners, stages, tags, open and done
    follow-ups, turnover and headcount, phones and domains; one in the trash."""
    anna = factories.team_member(sqlite_db, "Anna Berger").id
    ben = factories.team_member(sqlite_db, "Ben Ölschläger").id
    inputs = [
        CompanyInput(
            name=f"{prefix} {n} GmbH",
            postcode=f"{10000 + n * 911:05d}",
            city=["Köln", "Berlin", "Aachen", None][n % 4],
            state=["Nordrhein-Westfalen", "Berlin", None][n % 3],
            industry=["Druck", "Logistik", None][n % 3],
            employees=None if n % 5 == 0 else n * 17,
            turnover_eur=None if n % 4 == 0 else Decimal(n * 250_000) + Decimal("0.25"),
            phone=None if n % 3 == 0 else f"0221 {n:06d}",
            website=None if n % 2 else f"www.firma-{n}.de",
        )
        for n, prefix in enumerate(["Ärzte", "Zander", "Müller", "Abel", "Bäcker", "Ölwerk"] * 4)
    ]
    ids = factories.companies(sqlite_db, *inputs)
    company_bulk.set_owner(sqlite_db, ids[::3], anna)
    company_bulk.set_owner(sqlite_db, ids[1::3], ben)
    company_bulk.set_stage(sqlite_db, ids[::4], CompanyStage.LEAD)
    company_bulk.set_stage(sqlite_db, ids[1::5], CompanyStage.CUSTOMER)
    day = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    with sqlite_db.writing() as session:
        for index, company_id in enumerate(ids[:12]):
            tags.set_company_tags(
                session, company_id, ["Messe", "Ärzte", "Zulieferer"][: index % 4]
            )
            session.add_all(
                [
                    Activity(
                        company_id=company_id,
                        kind=ActivityKind.CALL,
                        subject="Rückruf",
                        due_at=day + dt.timedelta(days=index, microseconds=index),
                    ),
                    Activity(
                        company_id=company_id,
                        kind=ActivityKind.CALL,
                        subject="Erledigt",
                        due_at=day - dt.timedelta(days=30),
                        done_at=day - dt.timedelta(days=29),
                    ),
                ]
            )
    trash.trash_companies(sqlite_db, [ids[5]])
    path = sqlite_file(sqlite_url)
    assert path is not None
    return path


@pytest.mark.parametrize(("sort", "descending"), SORTS)
def test_it_reads_the_rows_and_count_the_list_reads(
    filled: Path, sqlite_db: Database, sort: str, descending: bool
) -> None:
    with sqlite_db.reading() as session:
        for limit in (7, 200):  # a window that needs the count, and one that is the whole list
            expected = company_query.first_window(
                session, CompanyFilter(), limit=limit, sort=sort, descending=descending
            )
            found = first_look.read_first_window(
                filled, sort=sort, descending=descending, limit=limit
            )
            assert found == expected
    assert expected.total == 23
    assert any(row.tags for row in expected.rows)
    assert any(row.next_follow_up for row in expected.rows)
    assert any(row.owner for row in expected.rows)


def test_it_sees_what_an_open_connection_wrote_and_changes_nothing(filled: Path) -> None:
    with sqlite3.connect(filled) as probe:
        assert probe.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    # The write sits in the write-ahead log of a database that stays open.
    other = Database.connect(f"sqlite:///{filled}")
    try:
        factories.company(other, "Aaron Nachzügler KG")
        # The file and its log; readers mark their place in the shared-memory index (-shm).
        stored = [filled, filled.with_name(filled.name + "-wal")]
        before = [path.read_bytes() for path in stored]
        assert before[1], "the new company is in the log, not yet in the file"
        found = first_look.read_first_window(filled)
        after = [path.read_bytes() for path in stored]
    finally:
        other.dispose()
    assert found is not None
    assert found.total == 24
    assert found.rows[0].name == "Aaron Nachzügler KG"
    assert after == before


def test_a_file_of_another_revision_is_left_to_the_database_layer(filled: Path) -> None:
    with sqlite3.connect(filled) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0005'")
    assert first_look.read_first_window(filled) is None


def test_a_missing_empty_or_foreign_file_gives_no_first_look(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    assert first_look.read_first_window(missing) is None
    assert not missing.exists()  # read-only: nothing is created
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    assert first_look.read_first_window(empty) is None
    foreign = tmp_path / "notes.sqlite"
    foreign.write_bytes(b"Kundenliste\n" * 200)
    assert first_look.read_first_window(foreign) is None
    assert first_look.read_first_window(tmp_path) is None  # a folder


def test_a_damaged_table_gives_no_first_look(filled: Path) -> None:
    with sqlite3.connect(filled) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE companies SET turnover_eur = 'viel' WHERE id = 1")
    assert first_look.read_first_window(filled, sort="name") is None


def test_an_unknown_sort_gives_no_first_look(filled: Path) -> None:
    assert first_look.read_first_window(filled, sort="fit_score") is None


def test_a_new_database_has_a_first_look_of_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    open_database(f"sqlite:///{path}").database.dispose()
    found = first_look.read_first_window(path)
    assert found is not None
    assert (found.total, found.rows) == (0, ())


def test_stage_is_typed_as_the_list_types_it(filled: Path) -> None:
    found = first_look.read_first_window(filled, sort="stage")
    assert found is not None
    assert {row.stage for row in found.rows} >= {CompanyStage.LEAD, CompanyStage.CUSTOMER}
    assert all(isinstance(row.stage, CompanyStage) for row in found.rows)
