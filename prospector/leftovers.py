"""Temporary files of a killed export, found through notes and removed at the next start."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

from prospector import paths, processes

log = logging.getLogger(__name__)

NOTES = "unfinished"
# Only files of these shapes are ever removed, whatever a note says.
_PART = re.compile(r"^\..+\.[0-9a-f]{8}\.part$")
_NOTE = re.compile(r"^(?P<pid>\d+)-[0-9a-f]{8}\.txt$")
SCRATCH_PREFIX = "prospector-xlsx-"
_SCRATCH = re.compile(rf"^{SCRATCH_PREFIX}(?P<pid>\d+)-")


def scratch_prefix() -> str:
    """The prefix of a spreadsheet writer's scratch folder, naming this process."""
    return f"{SCRATCH_PREFIX}{os.getpid()}-"


class Unfinished:
    """A note in the data folder that names the temporary files of one running export, so
    that they can be removed after a kill; the note goes when the export ends either way."""

    def __init__(self) -> None:
        self._note: Path | None = None
        self._files: list[Path] = []

    def add(self, path: Path) -> None:
        self._files.append(path.resolve())
        if self._note is None:
            self._note = paths.data_dir() / NOTES / f"{os.getpid()}-{secrets.token_hex(4)}.txt"
        try:
            self._note.parent.mkdir(parents=True, exist_ok=True)
            self._note.write_text("\n".join(map(str, self._files)) + "\n", encoding="utf-8")
        except OSError:
            log.info("cannot note the temporary files of an export in %s", self._note.parent)

    def done(self) -> None:
        if self._note is not None:
            with contextlib.suppress(OSError):
                self._note.unlink()
        self._note = None
        self._files = []


def clean() -> int:
    """Remove what exports of ended processes left behind; returns the files removed."""
    removed = 0
    folder = paths.data_dir() / NOTES
    with contextlib.suppress(OSError):
        for note in folder.iterdir():
            match = _NOTE.match(note.name)
            if match is None or processes.is_running(int(match["pid"])):
                continue
            try:
                lines = note.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            for line in lines:
                path = Path(line)
                if _PART.match(path.name):
                    with contextlib.suppress(OSError):
                        path.unlink()
                        removed += 1
            with contextlib.suppress(OSError):
                note.unlink()
    with contextlib.suppress(OSError):
        for scratch in Path(tempfile.gettempdir()).iterdir():
            match = _SCRATCH.match(scratch.name)
            if match and scratch.is_dir() and not processes.is_running(int(match["pid"])):
                shutil.rmtree(scratch, ignore_errors=True)
                removed += 1
    if removed:
        log.info("removed %d files that interrupted exports left behind", removed)
    return removed
