"""Shared fixtures: real databases (SQLite files, and PostgreSQL when configured)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from prospector.db import Database

# Qt must never need a display in tests; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "PROSPECTOR_TEST_DATABASE_URL"


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the user's real data folder or preferences."""
    monkeypatch.setenv("PROSPECTOR_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("PROSPECTOR_DATABASE_URL", raising=False)


def postgres_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must test PostgreSQL: set {PG_ENV}")
    return None


# Each test process works in a schema of its own, so that two runs of the suite (two
# developers, or a run beside a benchmark) never drop each other's tables.
PG_SCHEMA = f"prospector_test_{os.getpid()}"


def in_own_schema(url: str) -> str:
    """The server URL with this process's schema first on the search path."""
    from sqlalchemy.engine import make_url

    own = make_url(url).update_query_dict({"options": f"-csearch_path={PG_SCHEMA}"})
    return own.render_as_string(hide_password=False)


def reset_postgres(url: str) -> None:
    """Drop everything in this process's schema, so each test starts from nothing."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
    finally:
        engine.dispose()


def drop_own_schema() -> None:
    url = os.environ.get(PG_ENV)
    if not url:
        return
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind: a fresh SQLite file, and the PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'prospector.sqlite'}"
    url = postgres_url()
    if url is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (CI always sets it)")
    reset_postgres(url)
    return in_own_schema(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'prospector.sqlite'}"


def _close_windows() -> None:
    """Close what a GUI test left open before its database goes: a list still on screen, or a
    timer still pending, would query and open a connection on the disposed engine."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None:
        return
    app = widgets.QApplication.instance()
    if app is None:
        return
    timer = sys.modules["PySide6.QtCore"].QTimer
    for window in widgets.QApplication.topLevelWidgets():
        for pending in window.findChildren(timer):  # e.g. a search box's typing delay
            pending.stop()
        window.close()
    app.processEvents()


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """An opened, migrated database of each kind."""
    from prospector.schema import open_database

    opened = open_database(database_url)
    yield opened.database
    _close_windows()
    opened.database.dispose()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    from prospector.schema import open_database

    opened = open_database(sqlite_url)
    yield opened.database
    _close_windows()
    opened.database.dispose()


_POSTGRES_PASSED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed and "[postgresql" in report.nodeid:
        _POSTGRES_PASSED.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _POSTGRES_PASSED:
        drop_own_schema()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly whether the PostgreSQL half of the suite ran (CI logs are read for it)."""
    url = os.environ.get(PG_ENV)
    if url:
        from sqlalchemy.engine import make_url

        where = make_url(url).render_as_string(hide_password=True)
        terminalreporter.write_line(
            f"PostgreSQL: {len(_POSTGRES_PASSED)} tests passed against {where}"
        )
    else:
        terminalreporter.write_line(f"PostgreSQL: not tested ({PG_ENV} is not set)")
