"""A damaged database at start: choose one of its backups to put in its place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from prospector import backups
from prospector.errors import ProspectorError
from prospector.restore import replace_damaged
from ui.messages import describe

translate = QCoreApplication.translate


def usable_backups(path: Path) -> list[tuple[backups.Backup, backups.Contents]]:
    """The backups of `path` that can be read, newest first."""
    found = []
    for backup in backups.list_backups(path):
        contents = backups.contents(backup.path)
        if contents is not None:
            found.append((backup, contents))
    return found


def choose_and_restore(path: Path, parent: QWidget | None) -> bool:
    """Let the user pick a backup and put it in place of the damaged file; whether it was."""
    choices = usable_backups(path)
    if not choices:
        return False
    locale = QLocale()
    labels = []
    for backup, contents in choices:
        taken = QDateTime.fromSecsSinceEpoch(int(backup.taken.timestamp()))
        labels.append(
            translate("RestoreAtOpen", "%1: %2 companies, %3 contacts")
            .replace("%1", locale.toString(taken, QLocale.FormatType.ShortFormat))
            .replace("%2", locale.toString(contents.companies))
            .replace("%3", locale.toString(contents.contacts))
        )
    label, chosen = QInputDialog.getItem(
        parent,
        translate("RestoreAtOpen", "Restore a backup"),
        translate(
            "RestoreAtOpen",
            "Put this backup in place of the damaged file (which is kept in the backups folder):",
        ),
        labels,
        0,
        False,
    )
    if not chosen:
        return False
    backup = choices[labels.index(label)][0]
    try:
        replace_damaged(path, backup.path)
    except (ProspectorError, OSError) as exc:
        QMessageBox.warning(parent, translate("RestoreAtOpen", "Restore a backup"), describe(exc))
        return False
    return True
