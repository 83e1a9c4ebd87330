"""Fixtures for GUI tests: a real database and the context the pages share."""

from __future__ import annotations

import pytest

from prospector.db import Database
from prospector.settings import load_preferences
from ui.context import AppContext


@pytest.fixture
def context(db: Database) -> AppContext:
    """The app context on a fresh database of each kind."""
    return AppContext.open(db, load_preferences())


@pytest.fixture
def sqlite_context(sqlite_db: Database) -> AppContext:
    return AppContext.open(sqlite_db, load_preferences())
