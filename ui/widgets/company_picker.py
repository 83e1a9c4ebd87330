"""A combo box that finds a company as the user types and holds the one chosen, or none."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from prospector.company_filter import CompanyFilter
from prospector.records import CompanyRow
from prospector.services import company_query
from ui.operations import Operations

# Suggestions while typing: enough to choose from, few enough to read at a glance.
SUGGESTIONS = 15
# Typing pauses this long before the companies are searched.
SEARCH_DELAY_MS = 150


def company_label(name: str, city: str | None) -> str:
    """'Müller GmbH (Dresden)': the city tells branches and namesakes apart."""
    return f"{name} ({city})" if city else name


class CompanyPicker(QComboBox):
    """Editable: typing searches the companies (name, place, …) through the company search,
    a few at a time, and offers them in a popup; choosing one links it. Empty text means no
    company; text that names no chosen company is `unresolved`."""

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._chosen: tuple[int, str] | None = None
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(SUGGESTIONS)
        edit = self._edit()
        edit.setPlaceholderText(self.tr("No company; type to search"))
        edit.setClearButtonEnabled(True)
        # The combo's own completer over its items, which are the search's answer already:
        # the popup shows them all instead of filtering them by the typed prefix again.
        self._completer().setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        edit.textEdited.connect(self._on_edited)
        self.currentIndexChanged.connect(self._on_index_changed)

    def company_id(self) -> int | None:
        """The chosen company, while the field still shows it."""
        if self._chosen is not None and self.currentText() == self._chosen[1]:
            return self._chosen[0]
        return None

    def is_unresolved(self) -> bool:
        """Text typed, but no company chosen for it."""
        return bool(self.currentText().strip()) and self.company_id() is None

    def set_company(self, company_id: int | None, label: str = "") -> None:
        """Show this company as chosen (None: no company)."""
        self._timer.stop()
        self.blockSignals(True)
        self.clear()
        if company_id is not None:
            self.addItem(label, company_id)
            self.setCurrentIndex(0)
        self.blockSignals(False)
        self._chosen = (company_id, label) if company_id is not None else None
        self.setEditText(label if company_id is not None else "")

    def search(self) -> list[CompanyRow]:
        """Offer the companies the typed text finds (now, not after the typing pause)."""
        self._timer.stop()
        text = self.currentText().strip()
        found: list[CompanyRow] = []
        if text:
            found = (
                self._operations.read(
                    lambda session: company_query.list_companies(
                        session, CompanyFilter(query=text), limit=SUGGESTIONS
                    ),
                    quiet=True,  # a failed suggestion must not interrupt the typing
                )
                or []
            )
        self._replace_items(found)
        if found and self._edit().hasFocus():
            self._completer().complete()
        return found

    def _replace_items(self, rows: list[CompanyRow]) -> None:
        """New suggestions under the text as typed, none of them chosen yet."""
        edit = self._edit()
        text, cursor = edit.text(), edit.cursorPosition()
        self.blockSignals(True)
        self.clear()
        for row in rows:
            self.addItem(company_label(row.name, row.city), row.id)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        edit.setText(text)
        edit.setCursorPosition(cursor)

    def _edit(self) -> QLineEdit:
        edit = self.lineEdit()
        assert edit is not None  # editable from the start
        return edit

    def _completer(self) -> QCompleter:
        completer = self.completer()
        assert completer is not None  # an editable combo's own
        return completer

    def _on_edited(self, text: str) -> None:
        if not text.strip():
            self._chosen = None
        self._timer.start()

    def _on_index_changed(self, index: int) -> None:
        """A suggestion was chosen: from the popup, the list, or by typing its whole text."""
        if index < 0:
            return
        company_id = self.itemData(index)
        if isinstance(company_id, int):
            self._chosen = (company_id, self.itemText(index))
