"""Claim a database file for this window: who else has it open, a stale lock, a network drive."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

from prospector import file_lock
from prospector.file_lock import FileLock, Holder

translate = QCoreApplication.translate


class Claim(enum.Enum):
    TAKEN = "taken"
    OTHER = "other"  # the user chose another database
    QUIT = "quit"


def _since(holder: Holder) -> str:
    moment = holder.since_time
    if moment is None:
        return "?"
    when = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(when, QLocale.FormatType.ShortFormat)


def _question(holder: Holder, path: Path, parent: QWidget | None) -> Claim:
    box = QMessageBox(parent)
    box.setWindowTitle(translate("FileClaim", "Database in use"))
    box.setIcon(QMessageBox.Icon.Warning)
    take = None
    if holder.stale:
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(
            translate(
                "FileClaim",
                "%1 was not closed properly: Prospector ended on this computer without "
                "closing it (user %2, since %3).",
            )
            .replace("%1", str(path))
            .replace("%2", holder.user)
            .replace("%3", _since(holder))
        )
        box.setInformativeText(
            translate(
                "FileClaim",
                "This happens after a crash or a power cut. Nobody has it open now; "
                "it can be opened.",
            )
        )
        take = box.addButton(translate("FileClaim", "&Open"), QMessageBox.ButtonRole.AcceptRole)
    elif holder.here:
        box.setText(
            translate(
                "FileClaim",
                "%1 is already open in another Prospector window on this computer "
                "(user %2, since %3).",
            )
            .replace("%1", str(path))
            .replace("%2", holder.user)
            .replace("%3", _since(holder))
        )
        box.setInformativeText(
            translate("FileClaim", "Close it there, or choose another database.")
        )
    else:
        box.setText(
            translate("FileClaim", "%1 is open on the computer %2 by %3 since %4.")
            .replace("%1", str(path))
            .replace("%2", holder.host)
            .replace("%3", holder.user)
            .replace("%4", _since(holder))
        )
        box.setInformativeText(
            translate(
                "FileClaim",
                "Two people working in one database file can lose each other's changes. "
                "Open it anyway only if Prospector is closed on that computer (or it "
                "crashed there). For a team, use a PostgreSQL server.",
            )
        )
        take = box.addButton(
            translate("FileClaim", "Open &anyway"), QMessageBox.ButtonRole.DestructiveRole
        )
    other = box.addButton(
        translate("FileClaim", "&Choose another database…"), QMessageBox.ButtonRole.ActionRole
    )
    quit_button = box.addButton(translate("FileClaim", "&Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(take if holder.stale and take is not None else other)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if take is not None and clicked is take:
        return Claim.TAKEN
    return Claim.OTHER if clicked is other else Claim.QUIT


def claim(path: Path, parent: QWidget | None) -> tuple[Claim, FileLock | None]:
    """Take the file's lock, asking the user when someone holds it; then warn once if the
    file lies on a network drive."""
    lock = FileLock(path)
    holder = lock.acquire()
    if holder is not None:
        answer = _question(holder, path, parent)
        if answer is not Claim.TAKEN:
            return answer, None
        lock.acquire(force=True)
    kind = file_lock.network_drive(path)
    if kind is not None:
        QMessageBox.warning(
            parent,
            translate("FileClaim", "Database on a network drive"),
            translate(
                "FileClaim",
                "%1 lies on a network drive (%2). SQLite, which stores it, warns that its "
                "locks do not work reliably over a network: changes can be lost or the file "
                "damaged. Keep the file on this computer, or use a PostgreSQL server for a "
                "team.",
            )
            .replace("%1", str(path))
            .replace("%2", kind),
        )
    return Claim.TAKEN, lock
