"""The log file in the data folder, and a program that carries on when it cannot write one."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from prospector import paths
from prospector.logsetup import configure_logging


@pytest.fixture
def root() -> Iterator[logging.Logger]:
    """The root logger, given back afterwards as it was: without the handlers a test added."""
    logger = logging.getLogger()
    handlers, level = list(logger.handlers), logger.level
    yield logger
    for handler in logger.handlers[:]:
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)


def test_the_log_is_written_to_the_data_folder_made_on_demand(
    root: logging.Logger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROSPECTOR_DATA_DIR", str(tmp_path / "neu" / "daten"))
    path = configure_logging()
    assert path == paths.log_path() == tmp_path / "neu" / "daten" / "prospector.log"
    logging.getLogger("prospector.test").info("Import von kunden.xlsx begonnen")
    for handler in root.handlers:
        handler.flush()
    (line,) = path.read_text(encoding="utf-8").splitlines()
    assert line.endswith(" INFO prospector.test: Import von kunden.xlsx begonnen")


def test_a_folder_that_cannot_be_made_means_no_log_file(
    root: logging.Logger, tmp_path: Path
) -> None:
    blocker = tmp_path / "eine Datei"
    blocker.write_text("kein Ordner", encoding="utf-8")
    handlers = list(root.handlers)
    assert configure_logging(blocker / "prospector.log") is None
    assert root.handlers == handlers
