"""A button with a menu of checkable options, for filters that allow several values."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget


class ChoiceButton(QToolButton):
    """Shows its label, bold with the count of values chosen ("Industry (2)"), and the values
    in its tooltip; `changed` fires on every tick. Its width never changes: a filter bar that
    reflowed under the mouse would put the next click on another control."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self._menu = QMenu(self)
        self._actions: list[QAction] = []
        self._loader: Callable[[], Sequence[tuple[Any, str]]] | None = None
        self._loaded = False
        self.setMenu(self._menu)
        self._menu.aboutToShow.connect(self.refresh)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._fix_width()
        self._update_text()

    def _fix_width(self) -> None:
        """As wide as its widest text: bold, with a two-digit count."""
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setText(f"{self._label} (99)")
        self.setFixedWidth(self.sizeHint().width())
        font.setBold(False)
        self.setFont(font)

    def set_loader(self, loader: Callable[[], Sequence[tuple[Any, str]]]) -> None:
        """Read the options only when the menu opens (values in use change with the data)."""
        self._loader = loader
        self._loaded = False

    def refresh(self) -> None:
        if self._loader is not None:
            self.set_options(self._loader())

    def set_options(self, options: Sequence[tuple[Any, str]]) -> None:
        """Replace the options; values still offered stay chosen."""
        self._loaded = True
        chosen = set(self.selected())
        self._menu.clear()
        self._actions = []
        for value, text in options:
            action = self._menu.addAction(text)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value in chosen)
            action.toggled.connect(self._on_toggled)
            self._actions.append(action)
        self._update_text()

    def options(self) -> list[tuple[Any, str]]:
        return [(action.data(), action.text()) for action in self._actions]

    def selected_texts(self) -> list[str]:
        return [action.text() for action in self._actions if action.isChecked()]

    def selected(self) -> tuple[Any, ...]:
        return tuple(action.data() for action in self._actions if action.isChecked())

    def set_selected(self, values: Iterable[Any]) -> None:
        wanted = set(values)
        if wanted and not self._loaded:
            self.refresh()
        for action in self._actions:
            action.blockSignals(True)
            action.setChecked(action.data() in wanted)
            action.blockSignals(False)
        self._update_text()
        self.changed.emit()

    def _on_toggled(self) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [action.text() for action in self._actions if action.isChecked()]
        self.setText(f"{self._label} ({len(chosen)})" if chosen else self._label)
        self.setToolTip(f"{self._label}: " + ", ".join(chosen) if chosen else "")
        font = self.font()
        font.setBold(bool(chosen))
        self.setFont(font)
