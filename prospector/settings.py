"""This machine's preferences (a JSON file) and how the database URL is chosen."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from prospector import paths

log = logging.getLogger(__name__)

ENV_DATABASE_URL = "PROSPECTOR_DATABASE_URL"
LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Preferences:
    """What this user chose on this machine; the database holds what a team shares."""

    database_url: str | None = None
    language: str | None = None  # None: follow the system locale
    window_geometry: str | None = None  # base64 of the window's saved geometry
    window_state: str | None = None
    layouts: dict[str, str] = field(default_factory=dict)  # view name -> base64 header state
    # Who uses the app here: a team member's name (names are unique in a database), so that
    # "my leads" and the lead history know them in any database that has them.
    current_user: str | None = None
    show_due_at_start: bool = True  # the touches due today, listed when the app starts

    def with_changes(self, **changes: Any) -> Preferences:
        return replace(self, **changes)


def preferences_path() -> Path:
    return paths.config_dir() / "settings.json"


def load_preferences(path: Path | None = None) -> Preferences:
    """Read the preferences; a missing or damaged file gives the defaults."""
    path = path or preferences_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable preferences %s: %s", path, exc)
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    known = {k: v for k, v in raw.items() if k in Preferences.__dataclass_fields__}
    if not isinstance(known.get("layouts", {}), dict):
        known.pop("layouts")
    try:
        prefs = Preferences(**known)
    except TypeError:
        return Preferences()
    if prefs.language not in (None, *LANGUAGES):
        prefs = prefs.with_changes(language=None)
    return prefs


def save_preferences(prefs: Preferences, path: Path | None = None) -> None:
    """Write atomically, so a crash never leaves half a file."""
    path = path or preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(prefs), handle, indent=2, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def to_url(location: str) -> str:
    """A database URL from what the user gave: a URL as it is, a file path as SQLite."""
    location = location.strip()
    if "://" in location:
        # Imported here: reading the preferences must not load the database layer.
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        from prospector.errors import BadDatabaseUrl

        try:
            make_url(location)
        except (ArgumentError, ValueError):
            # Never the URL as given: it may hold a password.
            raise BadDatabaseUrl(location=hide_password(location)) from None
        return location
    path = Path(location).expanduser().resolve()
    return f"sqlite:///{path}"


def hide_password(location: str) -> str:
    """A URL as the user may see it: the password, if any, as ***."""
    return re.sub(r"^([^:/]+://[^:/@]*):[^@/]*@", r"\1:***@", location)


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL (as to_url() makes them), None for any other."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or url == prefix:
        return None
    return Path(url.removeprefix(prefix))


def resolve_database_url(argument: str | None, prefs: Preferences) -> str:
    """The URL to open: --database, then the environment, then the preference, then the default."""
    for candidate in (argument, os.environ.get(ENV_DATABASE_URL), prefs.database_url):
        if candidate:
            return to_url(candidate)
    return to_url(str(paths.default_database_path()))
