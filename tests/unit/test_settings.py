"""Preferences on disk and the choice of database URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from prospector import paths
from prospector.errors import BadDatabaseUrl
from prospector.settings import (
    ENV_DATABASE_URL,
    Preferences,
    load_preferences,
    resolve_database_url,
    save_preferences,
    sqlite_file,
    to_url,
)


def test_preferences_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    prefs = Preferences(database_url="sqlite:////tmp/x.sqlite", language="de", layouts={"a": "b"})
    save_preferences(prefs, path)
    assert load_preferences(path) == prefs


@pytest.mark.parametrize(
    "content", ["", "{", "[]", '{"language": "fr"}', '{"layouts": 3}', '{"unknown": 1}']
)
def test_damaged_preferences_fall_back_to_defaults(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    prefs = load_preferences(path)
    assert prefs.language is None
    assert isinstance(prefs.layouts, dict)


def test_missing_preferences_are_defaults(tmp_path: Path) -> None:
    assert load_preferences(tmp_path / "nope.json") == Preferences()


def test_database_url_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    prefs = Preferences(database_url="sqlite:////prefs.sqlite")
    assert resolve_database_url(None, Preferences()) == to_url(str(paths.default_database_path()))
    assert resolve_database_url(None, prefs) == "sqlite:////prefs.sqlite"
    monkeypatch.setenv(ENV_DATABASE_URL, "postgresql+psycopg://u@h/db")
    assert resolve_database_url(None, prefs) == "postgresql+psycopg://u@h/db"
    file = tmp_path / "arg.sqlite"
    assert resolve_database_url(str(file), prefs) == f"sqlite:///{file}"


def test_a_malformed_url_is_refused_without_showing_its_password() -> None:
    with pytest.raises(BadDatabaseUrl) as caught:
        to_url("postgresql+psycopg://anna:Geheim-42@host:notaport/db")
    assert "Geheim-42" not in caught.value.message
    assert "anna:***@host:notaport" in caught.value.message
    assert caught.value.__cause__ is None  # the parser's error would repeat the URL


def test_the_file_of_a_sqlite_url_is_found_and_no_other(tmp_path: Path) -> None:
    path = tmp_path / "Kunden Liste.sqlite"
    assert sqlite_file(to_url(str(path))) == path.resolve()
    assert sqlite_file("sqlite:///" + str(path) + "?mode=ro") is None
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///") is None
    assert sqlite_file("postgresql+psycopg://team@server/prospector") is None
