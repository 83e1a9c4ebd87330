"""Where the program's files are: resources, migrations, and the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Prospector"
APP_AUTHOR = "Prospector"


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return _root() / "resources"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def data_dir() -> Path:
    """The user's data folder; PROSPECTOR_DATA_DIR overrides it (tests, portable use)."""
    override = os.environ.get("PROSPECTOR_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=True))


def config_dir() -> Path:
    override = os.environ.get("PROSPECTOR_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=True))


def default_database_path() -> Path:
    return data_dir() / "prospector.sqlite"


def log_path() -> Path:
    return data_dir() / "prospector.log"
