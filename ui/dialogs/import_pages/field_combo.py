"""The combo box that picks a column's field, grouped, and the delegate that puts it in a row."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from prospector.exchange.columns import FIELDS, Target
from prospector.import_texts import field_label
from ui.itemmodels.mapping_model import UNCERTAIN_COLOUR, UNCERTAIN_ROLE, ignore_label

AnyIndex = QModelIndex | QPersistentModelIndex

translate = QCoreApplication.translate

# The ID of an earlier export belongs with whose record it names; the row's kind stands apart.
_GROUP_OF = {"company_id": Target.COMPANY, "contact_id": Target.CONTACT}


def _groups() -> list[tuple[str, list[str]]]:
    company = [f.key for f in FIELDS if _GROUP_OF.get(f.key, f.target) is Target.COMPANY]
    person = [f.key for f in FIELDS if _GROUP_OF.get(f.key, f.target) is Target.CONTACT]
    other = [f.key for f in FIELDS if _GROUP_OF.get(f.key, f.target) is Target.ROW]
    # The export's ID columns last in their group: rarer than the fields people type.
    company.sort(key=lambda key: key == "company_id")
    person.sort(key=lambda key: key == "contact_id")
    return [
        (translate("FieldCombo", "Company fields"), company),
        (translate("FieldCombo", "Person fields"), person),
        (translate("FieldCombo", "Other"), other),
    ]


class FieldCombo(QComboBox):
    """'— ignore —', then the company fields, the person fields and the others under headings.

    Headings cannot be chosen; each field's key is its item data ('' for ignore).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxVisibleItems(20)
        self.addItem(ignore_label(), "")
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        for heading, keys in _groups():
            self.insertSeparator(self.count())
            self.addItem(heading)
            item = model.item(self.count() - 1)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
            for key in keys:
                self.addItem(field_label(key), key)

    def field(self) -> str | None:
        return self.currentData() or None

    def set_field(self, key: str | None) -> None:
        index = self.findData(key or "")
        self.setCurrentIndex(max(index, 0))

    def set_uncertain(self, uncertain: bool) -> None:
        """Mark a field guessed from a similar name, to be checked: italic on pale amber."""
        font = QFont(self.font())
        font.setItalic(uncertain)
        self.setFont(font)
        self.setStyleSheet(
            f"QComboBox {{ background-color: {UNCERTAIN_COLOUR.name()}; }}" if uncertain else ""
        )
        self.setProperty("uncertain", uncertain)

    def is_uncertain(self) -> bool:
        return bool(self.property("uncertain"))


class FieldDelegate(QStyledItemDelegate):
    """Edits the mapping model's field column with a FieldCombo that commits on every change."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = FieldCombo(parent)
        combo.currentIndexChanged.connect(lambda _index: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, FieldCombo):
            # Quietly: this is the model speaking, not the user choosing.
            editor.blockSignals(True)
            editor.set_field(index.data(Qt.ItemDataRole.EditRole))
            editor.set_uncertain(bool(index.data(UNCERTAIN_ROLE)))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, FieldCombo):
            model.setData(index, editor.field(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        editor.setGeometry(option.rect)
