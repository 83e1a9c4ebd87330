"""A failure of the database itself becomes one sentence, chosen by what the driver said."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc

from prospector import errors
from prospector.db import database_error, is_sqlite


def _driver_error(message: str, *, invalidated: bool = False) -> sa_exc.DBAPIError:
    return sa_exc.OperationalError(
        "SELECT 1", {}, Exception(message), connection_invalidated=invalidated
    )


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("database is locked", errors.DatabaseLocked),
        ("database table is busy", errors.DatabaseLocked),
        ("attempt to write a readonly database", errors.DatabaseReadOnly),
        ("unable to open database file", errors.DatabaseReadOnly),
        ("file is not a database", errors.NotADatabase),
        ("database disk image is malformed", errors.DatabaseDamaged),
        ("database or disk is full", errors.DiskFull),
        ("connection to server at 10.0.0.1 failed: Connection refused", errors.DatabaseUnreachable),
        ("server closed the connection unexpectedly", errors.DatabaseUnreachable),
        ("disk I/O error", errors.DiskFailure),
        ("no such table: companies", errors.DatabaseError),
    ],
)
def test_the_driver_message_picks_the_sentence(
    message: str, error: type[errors.DatabaseError]
) -> None:
    found = database_error(_driver_error(message), "/daten/firma.sqlite")
    assert type(found) is error
    assert "/daten/firma.sqlite" in found.message


def test_a_dropped_connection_is_unreachable_whatever_it_says() -> None:
    found = database_error(
        _driver_error("SSL SYSCALL error: EOF\nDETAIL: more", invalidated=True), "db"
    )
    assert type(found) is errors.DatabaseUnreachable
    assert found.params["reason"] == "SSL SYSCALL error: EOF"  # the first line only


def test_an_unknown_failure_keeps_the_drivers_first_line() -> None:
    found = database_error(_driver_error("out of shared memory\nHINT: raise the limit"), "db")
    assert found.message == "The database db cannot be used: out of shared memory"


@pytest.mark.parametrize(
    ("url", "sqlite"),
    [
        ("sqlite:////daten/firma.sqlite", True),
        ("sqlite+pysqlite:///:memory:", True),
        ("postgresql+psycopg://u@h/db", False),
    ],
)
def test_is_sqlite(url: str, sqlite: bool) -> None:
    assert is_sqlite(url) is sqlite


def _sqlite_error(code: int, message: str = "whatever the text") -> sa_exc.DBAPIError:
    orig = sqlite3.OperationalError(message)
    orig.sqlite_errorcode = code
    return sa_exc.OperationalError("SELECT 1", {}, orig)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (13, errors.DiskFull),  # SQLITE_FULL
        (10 | (12 << 8), errors.DiskFailure),  # SQLITE_IOERR_FSYNC, an extended code
        (11, errors.DatabaseDamaged),  # SQLITE_CORRUPT
        (26, errors.DatabaseDamaged),  # SQLITE_NOTADB after the header was SQLite's
        (5, errors.DatabaseLocked),  # SQLITE_BUSY
        (8, errors.DatabaseReadOnly),  # SQLITE_READONLY
        (14, errors.DatabaseReadOnly),  # SQLITE_CANTOPEN
    ],
)
def test_sqlites_result_code_picks_the_sentence_whatever_the_text(
    code: int, error: type[errors.DatabaseError]
) -> None:
    found = database_error(_sqlite_error(code), "/daten/firma.sqlite")
    assert type(found) is error
    assert found.message.startswith(("/daten/firma.sqlite", "The disk of /daten/firma.sqlite"))


def test_a_real_full_database_is_reported_as_a_full_disk(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "klein.sqlite")
    conn.execute("CREATE TABLE t (x BLOB)")
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {page_count + 2}")
    with pytest.raises(sqlite3.OperationalError) as info:
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    conn.close()
    assert type(database_error(info.value, "klein.sqlite")) is errors.DiskFull
