"""Opening databases: migrations, pragmas, backups, and the bad files that must be refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import factories
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from prospector import errors, schema
from prospector.db import Database
from prospector.models import Base
from prospector.services import companies

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_empty_database_migrates_to_head(database_url: str) -> None:
    opened = schema.open_database(database_url)
    try:
        assert opened.created
        with opened.database.engine.connect() as conn:
            assert schema.current_revision(conn) == schema.head_revision()
            tables = set(inspect(conn).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        opened.database.dispose()


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": schema.include_name}
            ),
            Base.metadata,
        )
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(db: Database) -> None:
    schema.downgrade(db, "base")
    with db.engine.connect() as conn:
        assert schema.current_revision(conn) is None
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    schema.upgrade(db, "head")
    factories.company(db, "Wieder da GmbH")
    with db.reading() as session:
        assert companies.count_companies(session) == 1


def test_reopening_keeps_the_data(database_url: str) -> None:
    first = schema.open_database(database_url)
    factories.company(first.database, "Bleibt GmbH")
    first.database.dispose()
    second = schema.open_database(database_url)
    try:
        assert not second.created
        assert second.migrated_from is None
        assert second.backup_path is None
        with second.database.reading() as session:
            assert companies.count_companies(session) == 1
    finally:
        second.database.dispose()


def test_pragmas_on_every_pooled_connection(sqlite_db: Database) -> None:
    connections = [sqlite_db.engine.connect() for _ in range(4)]
    try:
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    finally:
        for conn in connections:
            conn.close()
    # And after the pool hands a returned connection out again.
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(sqlite_db: Database) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), sqlite_db.writing() as session:
        session.execute(
            text(
                "INSERT INTO contacts (company_id, salutation, last_name, decision_role, "
                "budget_authority, lead_status, do_not_contact, legal_basis, is_consumer, "
                "created_at, updated_at, version) VALUES (999, 'none', 'X', 'unknown', 0, "
                "'contact', 0, 'unknown', 0, '2026-01-01', '2026-01-01', 1)"
            )
        )


def test_backup_is_taken_before_migrating_an_existing_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = Database.connect(url)
    schema.upgrade(old, "base")  # a database from before the first schema
    with old.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS alembic_version (version_num TEXT)")
    old.dispose()

    opened = schema.open_database(url)
    opened.database.dispose()

    assert opened.backup_path is not None
    assert opened.backup_path.exists()
    assert opened.backup_path.parent == tmp_path / "backups"
    backup = sqlite3.connect(opened.backup_path)
    try:
        assert backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = {r[0] for r in backup.execute("SELECT name FROM sqlite_master")}
    finally:
        backup.close()
    assert "companies" not in tables  # the backup is the state before the migration
    with opened.database.reading() as session:
        assert companies.count_companies(session) == 0  # and the original was migrated


# --- the four bad databases: one clear message each, nothing changed -------------------------


@pytest.fixture
def prospector_file(tmp_path: Path) -> Path:
    path = tmp_path / "prospector.sqlite"
    opened = schema.open_database(f"sqlite:///{path}")
    factories.company(opened.database, "Unberührt GmbH")
    opened.database.dispose()
    return path


def _assert_refused(path: Path, error: type[errors.DatabaseError], **kwargs: int) -> str:
    before = _digest(path)
    with pytest.raises(error) as info:
        schema.open_database(f"sqlite:///{path}", **kwargs)
    assert _digest(path) == before
    assert str(path) in info.value.message
    assert "Traceback" not in info.value.message
    return info.value.message


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "kunden.sqlite"
    path.write_bytes(b"Firma;PLZ;Ort\nM\xfcller GmbH;01069;Dresden\n" * 50)
    message = _assert_refused(path, errors.NotADatabase)
    assert "not a Prospector database" in message


def test_a_database_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('A')")
    conn.commit()
    conn.close()
    _assert_refused(path, errors.ForeignDatabase)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "firma.sqlite"
    folder.mkdir()
    with pytest.raises(errors.NotADatabase) as info:
        schema.open_database(f"sqlite:///{folder}")
    assert str(folder) in info.value.message
    assert list(folder.iterdir()) == []


def test_a_database_of_another_program_on_every_kind(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"))
        with pytest.raises(errors.ForeignDatabase) as info:
            schema.open_database(database_url)
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == ["customers"]  # nothing added
    finally:
        engine.dispose()
    assert "another program" in info.value.message
    password = make_url(database_url).password
    assert not password or f":{password}@" not in info.value.message


def test_a_database_from_a_newer_version(prospector_file: Path) -> None:
    conn = sqlite3.connect(prospector_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    message = _assert_refused(prospector_file, errors.DatabaseTooNew)
    assert "newer version" in message


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_read_only_database(prospector_file: Path) -> None:
    prospector_file.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        message = _assert_refused(prospector_file, errors.DatabaseReadOnly)
    finally:
        prospector_file.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert "read-only" in message


def test_a_database_locked_by_another_process(prospector_file: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline()\n",
            str(prospector_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        message = _assert_refused(prospector_file, errors.DatabaseLocked, busy_timeout_ms=300)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(10)
        holder.stdout.close()
    assert "locked by another program" in message
    # Once the other program is gone, the file opens normally.
    opened = schema.open_database(f"sqlite:///{prospector_file}")
    with opened.database.reading() as session:
        assert companies.count_companies(session) == 1
    opened.database.dispose()


def test_an_unreachable_server_is_one_clear_message() -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/prospector"
    with pytest.raises(errors.DatabaseUnreachable) as info:
        schema.open_database(url)
    assert "secret" not in info.value.message
    assert "127.0.0.1" in info.value.message


# --- two processes writing at once never deadlock ----------------------------------------------

_WRITER = """
import sys
from sqlalchemy import select, func
from prospector.schema import open_database
from prospector.models import Company
from prospector.records import CompanyInput
from prospector.services import companies

db = open_database(sys.argv[1]).database
for i in range(40):
    with db.writing() as session:
        # Read, then write: with deferred transactions two processes would deadlock here.
        session.scalar(select(func.count()).select_from(Company))
        companies.create_company(session, CompanyInput(name=f"{sys.argv[2]} {i}"))
print("ok")
"""


def test_two_processes_writing_at_once_do_not_deadlock(sqlite_db: Database) -> None:
    url = str(sqlite_db.url)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, url, name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("A", "B")
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [out.strip() for out, _ in outputs] == ["ok", "ok"], [err for _, err in outputs]
    with sqlite_db.reading() as session:
        assert companies.count_companies(session) == 80


def test_schema_head_constant_is_alembics_head() -> None:
    assert schema.head_revision() == schema.SCHEMA_HEAD


def test_opening_a_current_database_needs_no_alembic(sqlite_url: str) -> None:
    schema.open_database(sqlite_url).database.dispose()
    code = (
        "import sys\n"
        "from prospector.schema import open_database\n"
        f"open_database({sqlite_url!r}).database.dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_wz_codes_written_before_0010_are_put_in_the_official_form(db: Database) -> None:
    from sqlalchemy import text

    schema.downgrade(db, "0009")
    with db.engine.begin() as connection:
        for name, code in (("A", "2841"), ("B", "28 41 0"), ("C", "SIC 3599"), ("D", "62.01")):
            connection.execute(
                text(
                    "INSERT INTO companies (name, name_key, country, stage, search_text,"
                    " wz_code, created_at, updated_at, version)"
                    " VALUES (:name, :name, 'DE', 'target', '', :code, :now, :now, 1)"
                ),
                {"name": name, "code": code, "now": dt.datetime(2026, 1, 1)},
            )
    schema.upgrade(db, "head")
    with db.engine.connect() as connection:
        found = dict(connection.execute(text("SELECT name, wz_code FROM companies")).all())
    assert found == {"A": "28.41", "B": "28.41.0", "C": "SIC 3599", "D": "62.01"}
