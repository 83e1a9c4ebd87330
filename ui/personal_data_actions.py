"""A person's rights in the window: their data as one file (Art. 15), erasure (Art. 17)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from prospector.records import ContactRow
from prospector.services.personal_data import Erasure, erase_person, export_person
from ui.context import AppContext
from ui.widgets.progress import ProgressDialogs

if TYPE_CHECKING:
    from prospector.db import Database
    from prospector.progress import Progress


def _name(row: ContactRow) -> str:
    return " ".join(part for part in (row.first_name, row.last_name) if part)


class PersonalDataActions(QObject):
    """Two actions on the person `current()` names: export their data, erase them."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget,
        current: Callable[[], ContactRow | None],
    ) -> None:
        super().__init__(parent)
        self._operations = context.operations
        self._parent = parent
        self._current = current
        self.job = context.operations.job(parent)
        self._progress = ProgressDialogs(parent, self.job)
        self.export_action = QAction(self.tr("E&xport the person's data (GDPR Art. 15)…"), self)
        self.export_action.triggered.connect(lambda: self.export_current())
        self.erase_action = QAction(self.tr("E&rase the person on request (GDPR Art. 17)…"), self)
        self.erase_action.triggered.connect(lambda: self.erase_current())
        self.last_export: Path | None = None

    def export_current(self, target: Path | None = None) -> bool:
        """Ask where (unless `target` is given) and write the person's data as JSON."""
        row = self._current()
        if row is None or self.job.busy:
            return False
        if target is None:
            suggested = f"{_name(row)} {dt.date.today().isoformat()}.json"
            path, _ = QFileDialog.getSaveFileName(
                self._parent,
                self.tr("Export the person's data"),
                str(Path.home() / suggested),
                self.tr("JSON file (*.json)"),
            )
            if not path:
                return False
            target = Path(path)
        chosen = target

        def work(db: Database, _progress: Progress) -> Path:
            return export_person(db, row.id, chosen)

        self.job.start(self.tr("Exporting the person's data…"), work, self._exported)
        return True

    def _exported(self, path: object) -> None:
        assert isinstance(path, Path)
        self.last_export = path
        QMessageBox.information(
            self._parent,
            self.tr("Export the person's data"),
            self.tr(
                "Everything stored about the person is in %1: every field, their company, "
                "activities, qualification and opportunities, and where the data came from."
            ).replace("%1", str(path)),
        )

    def erase_current(self) -> Erasure | None:
        """Erase the person after saying what that means; what was erased, or None."""
        row = self._current()
        if row is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Erase the person"),
            self.tr(
                "Erase \u201c%1\u201d with their activities and qualification, as they asked "
                "(GDPR Art. 17)? This cannot be undone."
            ).replace("%1", _name(row)),
            parent=self._parent,
        )
        box.setInformativeText(
            self.tr(
                "Only keyed hashes of their e-mail address and phone numbers are kept, so that "
                "no later import brings them back. Their company stays. Backups made before "
                "today still hold them until they are thinned out."
            )
        )
        erase = box.addButton(self.tr("&Erase"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        if box.clickedButton() is not erase:
            return None
        outcome = self._operations.write(lambda db: erase_person(db, row.id), parent=self._parent)
        if outcome is None:
            return None
        # Undo steps may hold the person's values: they must not bring them back.
        self._operations.history.clear()
        return outcome.value
