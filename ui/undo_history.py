"""The changes of this session that can be undone, and those undone that can be redone."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from prospector.enums import CompanyStage
from prospector.undo import UndoKind, UndoStep
from ui.labels import stage_label

# How far back Ctrl+Z goes; each step holds only the columns its change touched.
LIMIT = 50


class UndoHistory(QObject):
    """Two stacks: a new change clears what was undone, as in any editor."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._undo: list[UndoStep] = []
        self._redo: list[UndoStep] = []

    def push(self, step: UndoStep) -> None:
        self._undo.append(step)
        del self._undo[:-LIMIT]
        self._redo.clear()
        self.changed.emit()

    def next_undo(self) -> UndoStep | None:
        return self._undo[-1] if self._undo else None

    def next_redo(self) -> UndoStep | None:
        return self._redo[-1] if self._redo else None

    def undone(self, step: UndoStep) -> None:
        self._undo.remove(step)
        if step.redoable:
            self._redo.append(step)
        self.changed.emit()

    def redone(self, step: UndoStep) -> None:
        self._redo.remove(step)
        self._undo.append(step)
        self.changed.emit()

    def clear(self) -> None:
        """Forget every step: the data they were taken on was replaced (a restored backup)."""
        self._undo.clear()
        self._redo.clear()
        self.changed.emit()

    def drop(self, step: UndoStep) -> None:
        """Forget a step that can no longer be taken (its records changed since)."""
        for stack in (self._undo, self._redo):
            if step in stack:
                stack.remove(step)
        self.changed.emit()

    def describe(self, step: UndoStep) -> str:
        """What a step did, for "Undo: …" ("tag “Messe” on 120 companies")."""
        n, detail = step.count, step.detail
        if step.kind in (UndoKind.EDIT, UndoKind.CONTACT_EDIT):
            return self.tr("changes to \u201c%1\u201d").replace("%1", detail)
        if step.kind is UndoKind.CONTACT_OWNER:
            if not detail:
                return self.tr("no owner for %Ln persons", "", n)
            return self.tr("owner \u201c%1\u201d for %Ln persons", "", n).replace("%1", detail)
        if step.kind is UndoKind.OWNER:
            if not detail:
                return self.tr("no owner for %Ln companies", "", n)
            return self.tr("owner \u201c%1\u201d for %Ln companies", "", n).replace("%1", detail)
        if step.kind is UndoKind.STAGE:
            return self.tr("stage \u201c%1\u201d for %Ln companies", "", n).replace(
                "%1", stage_label(CompanyStage(detail))
            )
        if step.kind is UndoKind.ADD_TAGS:
            return self.tr("tag \u201c%1\u201d on %Ln companies", "", n).replace("%1", detail)
        if step.kind is UndoKind.REMOVE_TAGS:
            return self.tr("tag \u201c%1\u201d removed from %Ln companies", "", n).replace(
                "%1", detail
            )
        if step.kind is UndoKind.OBJECTION:
            return self.tr("objection for the contacts of %Ln companies", "", n)
        if step.kind is UndoKind.MERGE:
            return self.tr("merge of \u201c%1\u201d").replace("%1", detail)
        if step.kind is UndoKind.IMPORT:
            return self.tr("import of \u201c%1\u201d (%Ln companies)", "", n).replace("%1", detail)
        if step.kind is UndoKind.TRASH:
            return self.tr("%Ln companies moved to the trash", "", n)
        return self.tr("%Ln companies restored from the trash", "", n)
