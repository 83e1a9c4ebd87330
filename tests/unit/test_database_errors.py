"""A failure of the database itself becomes one sentence, chosen by what the driver said."""

from __future__ import annotations

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
        ("database disk image is malformed", errors.NotADatabase),
        ("connection to server at 10.0.0.1 failed: Connection refused", errors.DatabaseUnreachable),
        ("server closed the connection unexpectedly", errors.DatabaseUnreachable),
        ("disk I/O error", errors.DatabaseError),
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
    found = database_error(_driver_error("disk I/O error\nHINT: check the disk"), "db")
    assert found.message == "The database db cannot be used: disk I/O error"


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
