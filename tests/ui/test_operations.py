"""The window's one way to the data: one error policy, one sentence, one signal of changes."""

from __future__ import annotations

import logging

import factories
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import ValidationFailed
from prospector.records import ContactInput
from prospector.services import contacts
from ui.operations import Operations


def _answer_the_box(texts: list[str]) -> None:
    """Note the text of the message box the next call opens, and close it."""

    def run() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, run)


def _logged(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "ui.operations"]


@pytest.fixture
def operations(qapp: QApplication, sqlite_db: Database) -> Operations:
    return Operations(sqlite_db)


def test_a_refused_write_is_one_sentence_and_publishes_nothing(
    operations: Operations, caplog: pytest.LogCaptureFixture
) -> None:
    published: list[Changes] = []
    operations.changed.connect(published.append)
    texts: list[str] = []
    _answer_the_box(texts)
    with caplog.at_level(logging.INFO, logger="ui.operations"):
        result = operations.write(lambda db: contacts.delete_contact(db, 4711))
    assert result is None
    assert texts == ["The contact with number 4711 no longer exists; it may have been deleted."]
    assert published == []
    # The log names the kind of refusal, never the sentence (it may quote a record).
    assert _logged(caplog) == [("INFO", "stopped: NotFound [not_found]")]


def test_an_unexpected_error_is_logged_in_full_and_shown_in_one_sentence(
    operations: Operations, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(db: Database) -> Outcome[None]:
        raise RuntimeError("index 7 out of range")

    texts: list[str] = []
    _answer_the_box(texts)
    assert operations.write(broken) is None
    assert texts == ["An unexpected error occurred: RuntimeError. The details are in the log file."]
    (record,) = [r for r in caplog.records if r.name == "ui.operations"]
    assert record.levelname == "ERROR"
    assert record.exc_info is not None
    assert str(record.exc_info[1]) == "index 7 out of range"


def test_an_expected_error_goes_to_the_caller_unshown(
    operations: Operations, sqlite_db: Database
) -> None:
    company_id = factories.company(sqlite_db).id
    invalid = ContactInput(company_id=company_id, last_name="")
    with pytest.raises(ValidationFailed):
        operations.write(
            lambda db: contacts.save_contact(db, invalid), expected=(ValidationFailed,)
        )
    assert QApplication.activeModalWidget() is None


def test_a_quiet_read_that_fails_only_logs(
    operations: Operations, caplog: pytest.LogCaptureFixture
) -> None:
    def failing(session: object) -> int:
        raise RuntimeError("gone")

    assert operations.read(failing, quiet=True) is None
    assert _logged(caplog) == [("WARNING", "read failed")]


def test_a_write_publishes_what_it_changed(operations: Operations, sqlite_db: Database) -> None:
    company_id = factories.company(sqlite_db).id
    published: list[Changes] = []
    operations.changed.connect(published.append)
    saved = operations.write(
        lambda db: contacts.save_contact(db, ContactInput(company_id=company_id, last_name="Neu"))
    )
    assert saved is not None
    assert published == [saved.changes] == [Changes.to_companies([company_id], contacts=True)]
