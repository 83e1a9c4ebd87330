"""Pick industries from the WZ 2008 classification by code or by words of their titles."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from prospector import industry_codes

# Enough to show a whole division with its groups and classes; a search narrows further.
SHOWN = 300
_INDENT = {"section": 0, "division": 1, "group": 2, "class": 3, "subclass": 4}


def _repeats_its_class(code: industry_codes.IndustryCode) -> bool:
    """A subclass '10.73.0' that is its class again under the same title: shown once."""
    if code.level != "subclass" or not code.code.endswith(".0") or code.parent is None:
        return False
    parent = industry_codes.find(code.parent)
    return parent is not None and parent.title == code.title


class IndustryDialog(QDialog):
    """A search field over the classification and the codes found, indented by level."""

    def __init__(self, *, multiple: bool, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Choose industries") if multiple else self.tr("Choose industry")
        )
        self.search = QLineEdit(text)
        self.search.setObjectName("industrySearch")
        self.search.setPlaceholderText(self.tr("Code or words, e.g. 28.4 or Teigwaren"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("industryResults")
        self.results.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multiple
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        notice = QLabel(industry_codes.SOURCE_NOTICE)
        notice.setWordWrap(True)
        notice.setEnabled(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(notice)
        layout.addWidget(buttons)
        self.resize(640, 520)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.results.itemSelectionChanged.connect(self._update_ok)
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        text = self.search.text().strip()
        found = (
            industry_codes.search(text, limit=SHOWN + 1)
            if text
            else [c for c in industry_codes.all_codes() if c.level in ("section", "division")]
        )
        found = [c for c in found if not _repeats_its_class(c)]
        self.results.clear()
        indent = "    "
        for code in found[:SHOWN]:
            item = QListWidgetItem(f"{indent * _INDENT[code.level]}{code.code}  {code.title}")
            item.setData(Qt.ItemDataRole.UserRole, code.code)
            item.setToolTip(code.title)
            self.results.addItem(item)
        if len(found) > SHOWN:
            self.count_label.setText(
                self.tr("More than %Ln found; type more to narrow the list.", "", SHOWN)
            )
        elif not found:
            self.count_label.setText(self.tr("Nothing found."))
        else:
            self.count_label.setText(self.tr("%Ln found.", "", len(found)))
        if self.results.count():
            self.results.setCurrentRow(0)
        self._update_ok()

    def chosen(self) -> list[str]:
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in self.results.selectedItems()]

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.results.selectedItems()))

    @classmethod
    def ask(
        cls, *, multiple: bool, text: str = "", parent: QWidget | None = None
    ) -> list[str] | None:
        """The codes chosen; None when the user cancelled."""
        dialog = cls(multiple=multiple, text=text, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen() or None
