"""The list of every contact, with or without a company: search, filter, open, add."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QLocale, QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.changes import Changes
from prospector.enums import LeadStatus
from prospector.qualification import ACTIVE_LEAD
from prospector.records import ContactRow
from prospector.services import contact_query
from prospector.services.contact_query import ContactFilter
from ui.context import AppContext
from ui.dialogs.contact_dialog import ContactDialog
from ui.itemmodels.contact_list_model import COLUMNS, ContactListModel
from ui.labels import lead_status_label
from ui.lead_actions import LeadActions
from ui.pages.read_when_shown import ReadWhenShown
from ui.personal_data_actions import PersonalDataActions
from ui.widgets.list_header import keeps_previous_sort, show_column_menu
from ui.widgets.row_table import row_table

LAYOUT_KEY = "contacts"
# Typing pauses this long before the list is queried again (as on the company list).
SEARCH_DELAY_MS = 30
# Initial widths in characters, so the first look needs no measuring of 200,000 rows.
COLUMN_CHARS = {
    "name": 26,
    "company": 30,
    "job_title": 22,
    "phone": 16,
    "email": 28,
    "lead_status": 12,
    "owner": 16,
}


class ContactsPage(QWidget):
    """A table of the contacts that pass the search and the filter."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._operations = context.operations
        self._total = 0
        # Read when first shown, not when the window starts.
        self._reading = ReadWhenShown(self, self.reload)
        self.setObjectName("contactsPage")

        self.search = QLineEdit()
        self.search.setObjectName("contactSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search name, job title, e-mail or phone"))
        self.without_company = QCheckBox(self.tr("Only contacts without a company"))
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("Every status"), "")
        self.status.addItem(self.tr("Leads being worked on"), "active")
        for status in LeadStatus:
            self.status.addItem(lead_status_label(status), status.value)
        self.mine = QCheckBox(self.tr("&My leads"))
        self.mine.setObjectName("myLeads")
        self.count_label = QLabel()
        self.new_button = QPushButton(self.tr("New contact…"))
        self.new_button.setToolTip(self.tr("Add a person; link them to a company now or later"))

        self.model = ContactListModel(context.operations, self)
        self.view = row_table(
            QTableView(),
            self.model,
            "contactTable",
            QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        char = self.fontMetrics().averageCharWidth()
        # Wide enough for the header text and its sort arrow, whichever language it is in.
        arrow = header.fontMetrics().height() + 16
        # The longest lead status in this language ("Ansprechpartner" in German) fits.
        statuses = max(
            self.fontMetrics().horizontalAdvance(lead_status_label(s)) for s in LeadStatus
        )
        for column, spec in enumerate(COLUMNS):
            title = header.fontMetrics().horizontalAdvance(spec.header()) + arrow
            width = max(COLUMN_CHARS[spec.key] * char + 16, title)
            if spec.key == "lead_status":
                width = max(width, statuses + 16)
            self.view.setColumnWidth(column, width)
        self.empty_hint = QLabel(self.view.viewport())
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_hint.setContentsMargins(24, 24, 24, 24)
        self.empty_hint.hide()
        self.view.viewport().installEventFilter(self)
        self._restore_layout()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._timer.start)
        self.without_company.toggled.connect(self._apply_filter)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self.mine.toggled.connect(self._apply_filter)
        self.new_button.clicked.connect(self.new_contact)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        header.sectionMoved.connect(self._save_layout)
        header.sectionResized.connect(self._save_layout)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        header.customContextMenuRequested.connect(self._on_header_menu)
        self.delete_action = QAction(self.tr("&Delete contact…"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.view.addAction(self.delete_action)
        self.personal_data = PersonalDataActions(context, self, self.current_row)
        self.leads = LeadActions(context, self, self._current_id, self.selected_ids)
        separator = QAction(self)
        separator.setSeparator(True)
        for action in (
            self.leads.qualify_action,
            self.leads.owner_action,
            self.leads.cadence_action,
            self.leads.activity_action,
            separator,
            self.personal_data.export_action,
            self.personal_data.erase_action,
        ):
            self.view.addAction(action)
        # Right-click: the actions above, on the row under the pointer.
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.without_company)
        top.addWidget(self.status)
        top.addWidget(self.mine)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        context.operations.changed.connect(self.on_changes)

    # --- data ---------------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Contacts, or the companies and owners their rows show, changed: read again, or
        when next shown."""
        if changes.contacts or changes.companies or changes.team:
            self._reading.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reading.shown()

    def reload(self) -> None:
        self._reading.stale = False
        total = self._operations.read(contact_query.count_contacts, parent=self)
        self._total = total if total is not None else self._total
        self.model.reload()
        self._show_count()

    def current_filter(self) -> ContactFilter:
        chosen = self.status.currentData()
        if chosen == "active":
            statuses = frozenset(ACTIVE_LEAD)
        elif chosen:
            statuses = frozenset({LeadStatus(chosen)})
        else:
            statuses = frozenset()
        mine = self._context.current_member_id() if self.mine.isChecked() else None
        if self.mine.isChecked() and mine is None:
            mine = -1  # nobody is chosen in the settings: then nobody's leads are "mine"
        if self.mine.isChecked() and not statuses:
            statuses = frozenset(ACTIVE_LEAD)  # "my leads" are the ones being worked on
        return ContactFilter(
            query=self.search.text(),
            without_company=self.without_company.isChecked(),
            owner_id=mine,
            statuses=statuses,
        )

    def _apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.current_filter())
        self._show_count()

    def _show_count(self) -> None:
        """Say how many contacts are listed; say why when none is."""
        shown = self.model.total
        if shown == self._total:
            self.count_label.setText(self.tr("%Ln contacts", "", self._total))
        else:
            self.count_label.setText(
                self.tr("%1 of %Ln contacts", "", self._total).replace(
                    "%1", QLocale().toString(shown)
                )
            )
        if shown:
            self.empty_hint.hide()
            return
        if not self._total:
            text = self.tr(
                "No contacts yet. Add a person with New contact…, import an address book"
                " (Ctrl+I), or add contacts to a company in its form."
            )
        elif self.search.text().strip():
            text = self.tr("No contact matches the search.")
        else:
            text = self.tr("Every contact belongs to a company.")
        self.empty_hint.setText(text)
        self.empty_hint.setGeometry(self.view.viewport().rect())
        self.empty_hint.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_hint.setGeometry(self.view.viewport().rect())
        return super().eventFilter(watched, event)

    # --- actions ------------------------------------------------------------------------------

    def new_contact(self) -> int | None:
        """A new person, linked to a company in the form or to none."""
        return ContactDialog.ask(self._context, None, parent=self)

    def open_contact(self, contact_id: int) -> int | None:
        return ContactDialog.ask(self._context, None, contact_id, parent=self)

    def current_row(self) -> ContactRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row is not None else None

    def selected_ids(self) -> list[int]:
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        found = (self.model.row_at(row) for row in sorted(rows))
        return [row.id for row in found if row is not None]

    def delete_selected(self) -> bool:
        """Del: delete the current person for good, after saying so; whether it was done."""
        from prospector.services import contacts

        index = self.view.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return False
        name = " ".join(part for part in (row.first_name, row.last_name) if part)
        answer = QMessageBox.question(
            self,
            self.tr("Delete contact"),
            self.tr(
                "Delete \u201c%1\u201d for good, with their history? This cannot be undone."
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        deleted = self._operations.write(
            lambda db: contacts.delete_contact(db, row.id), parent=self
        )
        return deleted is not None

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.open_contact(row.id)

    # --- layout -------------------------------------------------------------------------------

    def _on_header_menu(self, position: QPoint) -> None:
        header = self.view.horizontalHeader()
        show_column_menu(self, header, COLUMNS, position, self.set_column_visible)

    def set_column_visible(self, column: int, visible: bool) -> None:
        self.view.horizontalHeader().setSectionHidden(column, not visible)
        self._save_layout()

    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        # Columns the database cannot sort quickly keep the previous order.
        if not keeps_previous_sort(self.view.horizontalHeader(), COLUMNS, self.model, column):
            self._save_layout()

    def _restore_layout(self) -> None:
        saved = self._context.preferences.layouts.get(LAYOUT_KEY)
        if saved:
            self.view.horizontalHeader().restoreState(QByteArray.fromBase64(saved.encode()))

    def _save_layout(self) -> None:
        state = bytes(self.view.horizontalHeader().saveState().toBase64().data()).decode()
        layouts = dict(self._context.preferences.layouts)
        layouts[LAYOUT_KEY] = state
        self._context.preferences = self._context.preferences.with_changes(layouts=layouts)
