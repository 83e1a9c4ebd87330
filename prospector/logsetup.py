"""Logging to a rotating file in the data folder; users see sentences, the log keeps details."""

from __future__ import annotations

import logging
import logging.handlers
import sqlite3
import traceback
from pathlib import Path
from types import TracebackType

from prospector import paths

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def safe_summary(error: BaseException) -> str:
    """An error for the log without its message, which may quote a record's data (a driver
    repeats the row it refused, a parser the cell): the type, and what names the fault."""
    from prospector.errors import ProspectorError

    name = type(error).__name__
    if isinstance(error, ProspectorError):
        return f"{name} [{error.code}]"
    if isinstance(error, OSError):
        return f"{name} [errno {error.errno}: {error.strerror}]"
    cause = getattr(error, "orig", error)
    if isinstance(cause, sqlite3.Error):
        return f"{name} [{getattr(cause, 'sqlite_errorname', type(cause).__name__)}]"
    return name


class PrivateFormatter(logging.Formatter):
    """Tracebacks with their frames but without the messages of the exceptions."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full traceback text in the record already.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: ExcInfo) -> str:  # noqa: N802 (logging's name)
        error = ei[1]
        blocks: list[str] = []
        seen: set[int] = set()
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            frames = "".join(traceback.format_tb(error.__traceback__))
            blocks.append(f"Traceback (most recent call last):\n{frames}{safe_summary(error)}")
            error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
        return "\n\nwhich was caused while handling:\n".join(reversed(blocks))


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
    # Alembic names each of its plugins at every migration; its steps stay in the log.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
