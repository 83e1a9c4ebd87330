"""Window-wide shortcuts that keep working while the cursor is in a text field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)


class WindowKeys(QObject):
    """Lets the window's own actions (Ctrl+E, Ctrl+N, …) win over a focused text field.

    A text field claims the keys it has a meaning for before any shortcut sees them: on Linux
    Ctrl+E moves a line edit's cursor to the end, so the export would never open from the
    search field, where the cursor usually is. The fields of this window that take the focus
    get a filter that leaves exactly these actions' keys to the window; typing, copy, paste and
    the field's own undo stay the field's.
    """

    def __init__(self, window: QWidget, actions: Sequence[QAction]) -> None:
        super().__init__(window)
        self._window = window
        self._actions = tuple(actions)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, _TEXT_INPUTS) and new.window() is self._window:
            new.installEventFilter(self)  # a second install only moves it to the front

    def is_window_key(self, keys: QKeySequence) -> bool:
        """Whether an enabled action of the window has this key as a shortcut."""
        return any(action.isEnabled() and keys in action.shortcuts() for action in self._actions)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # Not delivered, so not accepted by the field: the shortcut map then triggers the
            # window's action.
            return self.is_window_key(QKeySequence(event.keyCombination()))
        return False
