"""Logging to a rotating file in the data folder; users see sentences, the log keeps details."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from prospector import paths


def configure_logging(path: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to `path` (default: the data folder); the file, or None if it can't be written."""
    path = path or paths.log_path()
    root = logging.getLogger()
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
