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


def test_a_logged_failure_keeps_its_frames_but_not_the_data_in_its_message(
    root: logging.Logger, tmp_path: Path
) -> None:
    path = configure_logging(tmp_path / "prospector.log")
    assert path is not None

    def store(row: tuple[str, str]) -> None:
        try:
            raise KeyError(row[1])
        except KeyError as exc:
            raise ValueError(f"refused row {row}") from exc

    try:
        # Built at run time, so that the traceback's source lines do not hold them.
        store((" ".join(("Anna", "Muster")), "@".join(("anna.muster", "example.de"))))
    except ValueError as exc:
        logging.getLogger("prospector.test").error("the import stopped", exc_info=exc)
    for handler in root.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "the import stopped" in text
    assert "in store" in text  # where it happened
    assert "ValueError" in text
    assert "KeyError" in text  # and what caused it
    assert "Anna Muster" not in text
    assert "anna.muster@example.de" not in text


def test_an_os_error_is_logged_with_its_errno_and_reason() -> None:
    from prospector.logsetup import safe_summary

    error = OSError(28, "No space left on device", "/daten/kunden-anna.xlsx")
    assert safe_summary(error) == "OSError [errno 28: No space left on device]"
