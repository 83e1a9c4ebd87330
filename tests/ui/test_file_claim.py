"""Opening a database file someone else holds: the user is told who, and decides."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from prospector import file_lock
from prospector.file_lock import FileLock, lock_path, read_holder
from prospector.settings import to_url
from ui.app import open_interactively
from ui.file_claim import Claim, claim

seen: list[str] = []


def _answer(button: str) -> None:
    """Press `button` on the next message box, after noting its text."""

    def run() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + "\n" + box.informativeText())
        choice = next(b for b in box.buttons() if b.text().replace("&", "") == button)
        choice.click()

    QTimer.singleShot(0, run)


def _held_by(path: Path, **fields: object) -> None:
    data = {"host": socket.gethostname(), "user": "anna", "pid": 0, "since": "2026-12-06T08:00"}
    data.update(fields)
    lock_path(path).write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh() -> None:
    seen.clear()


def test_a_stale_lock_is_explained_and_opening_takes_it_over(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "firma.sqlite"
    _held_by(path, pid=0)
    _answer("Open")
    answer, lock = claim(path, None)
    assert answer is Claim.TAKEN
    assert lock is not None
    assert "was not closed properly" in seen[0]
    assert "user anna" in seen[0]
    holder = read_holder(path)
    assert holder is not None
    assert holder.pid == os.getpid()
    lock.release()
    assert not lock_path(path).exists()


def test_another_computers_lock_names_it_and_quit_changes_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "firma.sqlite"
    _held_by(path, host="laptop-vertrieb", pid=4711)
    before = lock_path(path).read_bytes()
    _answer("Quit")
    answer, lock = claim(path, None)
    assert (answer, lock) == (Claim.QUIT, None)
    assert "is open on the computer laptop-vertrieb by anna" in seen[0]
    assert "PostgreSQL server" in seen[0]
    assert lock_path(path).read_bytes() == before


def test_opening_anyway_opens_the_database_and_holds_its_lock_until_released(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "firma.sqlite"
    _held_by(path, host="laptop-vertrieb", pid=4711)
    locks: list[FileLock] = []
    _answer("Open anyway")
    opened = open_interactively(to_url(str(path)), None, locks)
    assert opened is not None
    opened.database.dispose()
    assert len(locks) == 1
    holder = read_holder(path)
    assert holder is not None
    assert holder.pid == os.getpid()
    locks[0].release()
    assert not lock_path(path).exists()


def test_a_free_file_opens_without_a_question(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "firma.sqlite"
    locks: list[FileLock] = []
    opened = open_interactively(to_url(str(path)), None, locks)
    assert opened is not None
    opened.database.dispose()
    assert seen == []
    assert lock_path(path).exists()
    locks[0].release()


def test_a_file_on_a_network_drive_is_warned_about_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[Path] = []

    def on_nfs(path: Path) -> str:
        checked.append(path)
        return "nfs4"

    monkeypatch.setattr(file_lock, "network_drive", on_nfs)
    path = tmp_path / "firma.sqlite"
    _answer("OK")
    answer, lock = claim(path, None)
    assert answer is Claim.TAKEN
    assert lock is not None
    assert checked == [path]
    assert "lies on a network drive (nfs4)" in seen[0]
    lock.release()


def test_the_application_ended_by_the_system_releases_its_lock(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from helpers import ROOT

    path = tmp_path / "firma.sqlite"
    environment = {**os.environ, "PROSPECTOR_DATA_DIR": str(tmp_path / "daten")}
    environment.update(QT_QPA_PLATFORM="offscreen")
    environment.pop("PROSPECTOR_DATABASE_URL", None)
    app = subprocess.Popen(
        [sys.executable, "main.py", "--language", "en", "--database", str(path)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not lock_path(path).exists() or not path.exists():
            assert app.poll() is None, app.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(1.0)  # the window is up and the data shown
        app.send_signal(signal.SIGTERM)  # as at logging out
        _out, err = app.communicate(timeout=30)
        assert app.returncode == 0, err
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert not lock_path(path).exists()
