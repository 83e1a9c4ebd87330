"""What a list does with its people as leads: qualify one, log a touch with one, give many an
owner or a nurturing plan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QWidget

from prospector.services import contact_bulk, team
from ui.context import AppContext


class LeadActions(QObject):
    """ "Qualify…" and "Log activity…" on the current person; "Set owner…" and "Apply
    nurturing plan…" on the selected ones."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget,
        current: Callable[[], int | None],
        selected: Callable[[], list[int]],
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self._current = current
        self._selected = selected
        self.qualify_action = QAction(self.tr("&Qualify…"), self)
        self.qualify_action.setShortcut(QKeySequence("Ctrl+L"))
        self.qualify_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.qualify_action.setToolTip(
            self.tr("The four criteria of this lead: authority, need, budget and timing")
        )
        self.qualify_action.triggered.connect(lambda: self.qualify_current())
        self.owner_action = QAction(self.tr("Set &owner…"), self)
        self.owner_action.triggered.connect(lambda: self.set_owner_selected())
        self.cadence_action = QAction(self.tr("Apply &nurturing plan…"), self)
        self.cadence_action.setToolTip(
            self.tr("Plan a series of touches for the chosen leads, e.g. six in nine months")
        )
        self.cadence_action.triggered.connect(lambda: self.apply_cadence_selected())
        self.activity_action = QAction(self.tr("&Log activity…"), self)
        self.activity_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.activity_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.activity_action.triggered.connect(lambda: self.log_activity_current())

    def qualify_current(self) -> bool:
        """Open the checklist of the current person; True when something was saved."""
        from ui.dialogs.qualification_dialog import QualificationDialog

        contact_id = self._current()
        if contact_id is None:
            return False
        return QualificationDialog.ask(self._context, contact_id, self._parent)

    def set_owner_selected(self, owner: str | None = None) -> int:
        """Give the selected persons an owner, asked for unless `owner` (a name) is given;
        how many changed. Undo takes it back."""
        ids = self._selected()
        operations = self._context.operations
        members = operations.read(team.list_team_members, parent=self._parent)
        if not ids or members is None:
            return 0
        nobody = self.tr("Nobody")
        if owner is None:
            names = [nobody, *(m.name for m in members)]
            owner, ok = QInputDialog.getItem(
                self._parent,
                self.tr("Set owner"),
                self.tr("Owner of %Ln persons:", "", len(ids)),
                names,
                0,
                False,
            )
            if not ok:
                return 0
        member = next((m.id for m in members if m.name == owner), None)
        done = operations.write(
            lambda db: contact_bulk.set_owner(db, ids, member), parent=self._parent
        )
        return done.value if done is not None else 0

    def apply_cadence_selected(self) -> int:
        """Start a nurturing plan for the selected persons; how many got one."""
        from ui.dialogs.cadence_dialog import ApplyCadenceDialog, skipped_text

        ids = self._selected()
        applied = ApplyCadenceDialog.ask(self._context, ids, self._parent)
        if applied is None:
            return 0
        message = self.tr("Nurturing plan started for %Ln person(s).", "", applied.started)
        left_out = skipped_text(applied)
        if left_out:
            message += " " + self.tr("Left out: {who}.").format(who=left_out)
        window = self._parent.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 8000)
        return applied.started

    def log_activity_current(self) -> bool:
        """Log a touch with the current person (and plan the next); True when saved."""
        from prospector.services.contacts import get_contact
        from ui.dialogs.activity_dialog import ActivityDialog

        contact_id = self._current()
        if contact_id is None:
            return False
        person = self._context.operations.read(
            lambda session: get_contact(session, contact_id), parent=self._parent
        )
        if person is None or person.company_id is None:
            return False
        return ActivityDialog.ask(
            self._context, person.company_id, contact_id=contact_id, parent=self._parent
        )
