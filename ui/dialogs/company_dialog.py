"""Create or edit one company: its fields, contacts, notes and history, in tabs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
)
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from prospector import i18n, normalize
from prospector.countries import country_choices, country_code
from prospector.enums import ActivityType, CompanyStage, CompanyStructure
from prospector.errors import ConcurrentEdit, FieldProblem, ValidationFailed
from prospector.fit import CompanyFacts, fit
from prospector.fit_texts import explain
from prospector.icp import Profile
from prospector.look_alike import company_keys
from prospector.numbers import parse_decimal
from prospector.postcode_places import check_place, postcode_ranges
from prospector.records import CompanyInput, CompanyRecord, ContactRecord
from prospector.region import DEFAULT_COUNTRY, GERMAN_STATES
from prospector.services import (
    activities,
    companies,
    contacts,
    duplicates,
    profiles,
    sources,
    tags,
    team,
)
from prospector.services.activities import ActivityRecord
from prospector.services.companies import CompanyDraft
from prospector.services.tags import TagRecord
from prospector.services.team import TeamMemberRecord
from prospector.validation import validate_company
from ui.context import AppContext
from ui.dialogs.contact_dialog import ContactDialog
from ui.dialogs.duplicate_dialog import DuplicateChoice, DuplicateDialog
from ui.dialogs.merge_dialog import MergeDialog
from ui.itemmodels.contact_table_model import ContactTableModel, full_name
from ui.labels import (
    NOT_SET,
    activity_kind_label,
    activity_outcome_label,
    activity_type_label,
    company_structure_label,
    stage_label,
)
from ui.widgets.form import (
    FieldProblems,
    add_row,
    ask_reload,
    fill_owner_combo,
    long_year_format,
    select_data,
)

TEXT_FIELDS = (
    "name",
    "legal_form",
    "vat_id",
    "industry",
    "wz_code",
    "street",
    "postcode",
    "city",
    "phone",
    "website",
    "email",
    "source",
)
# Fields that are checked as soon as the user leaves them.
CHECKED_ON_LEAVE = ("phone", "website", "email", "postcode", "name", "vat_id")


class TagCompleter(QCompleter):
    """Completes the tag after the last comma, keeping the ones typed before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head, comma, _ = typed.rpartition(",")
        return f"{head}, {index.data()}" if comma else str(index.data())


def local_time(moment: dt.datetime) -> QDateTime:
    """A stored (UTC) moment in this computer's time zone."""
    local = moment.astimezone()
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


class CompanyDialog(QDialog):
    """The company form; Save stores it, Cancel leaves the database as it was."""

    def __init__(
        self, context: AppContext, company_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # Keys (see look_alike) whose look-alikes the user already chose to keep or merge.
        self._accepted_look_alike: tuple[object, ...] | None = None
        self.open_instead_id: int | None = None
        self.merged = False
        self._context = context
        self._operations = context.operations
        self._locale = QLocale()
        self._record: CompanyRecord | None = None
        self.saved_id: int | None = None
        self.setMinimumSize(820, 560)

        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        # Every country by its name in the user's language; typing its first letters picks it.
        self.country = QComboBox()
        self.country.setObjectName("companyCountry")
        for code, country_name in country_choices(i18n.current_language()):
            self.country.addItem(country_name, code)
        select_data(self.country, DEFAULT_COUNTRY)
        self.stage = QComboBox()
        for stage in CompanyStage:
            self.stage.addItem(stage_label(stage), stage.value)
        # What the postcode says about the town: filled in, or a word where they disagree.
        self.place_hint = QLabel()
        self.place_hint.setObjectName("placeHint")
        self.place_hint.setWordWrap(True)
        self.place_hint.setStyleSheet("color: #b26a00;")  # a warning, not an error
        self.place_hint.hide()
        self.edits["vat_id"].setPlaceholderText(self.tr("e.g. DE136695976"))
        self.edits["postcode"].setMaxLength(12)
        self.edits["phone"].setPlaceholderText(self.tr("e.g. 0351 123456"))
        self.edits["website"].setPlaceholderText(self.tr("e.g. www.example.de"))
        self.employees = QLineEdit()
        self.employees.setValidator(QIntValidator(0, 10_000_000, self))
        self.turnover = QLineEdit()
        self.turnover.setPlaceholderText(self.tr("in euros, e.g. 2.500.000"))
        self.state = QComboBox()
        self.state.setEditable(True)
        self.state.addItem("")
        self.state.addItems(GERMAN_STATES)
        self.structure = self._choice_combo(
            (v.value, company_structure_label(v)) for v in CompanyStructure
        )
        self.activity_type = self._choice_combo(
            (v.value, activity_type_label(v)) for v in ActivityType
        )
        self.owner = QComboBox()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("e.g. Trade fair 2024, Customer"))
        self.tags.setToolTip(self.tr("Separate tags with commas."))
        self._tag_names = QStringListModel(self)
        self.tag_completer = TagCompleter(self._tag_names, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(self.tag_completer)
        self.notes = QPlainTextEdit()
        # How the company, as typed, fits the active profile; hidden without one.
        self._profile: Profile | None = None
        self.fit_box = QGroupBox(self.tr("Fit to the ideal customer"))
        self.fit_box.setObjectName("fitBox")
        self.fit_label = QLabel()
        self.fit_label.setObjectName("fitPanel")
        self.fit_label.setWordWrap(True)
        self.fit_label.setTextFormat(Qt.TextFormat.PlainText)
        QVBoxLayout(self.fit_box).addWidget(self.fit_label)
        self.fit_box.hide()
        self.wz_button = QToolButton()
        self.wz_button.setObjectName("pickWzCode")
        self.wz_button.setText(self.tr("Choose…"))
        self.wz_button.setToolTip(self.tr("Choose the industry from the WZ 2008 classification"))
        self.wz_button.clicked.connect(self.pick_wz_code)
        self._problems = FieldProblems()
        self.problem_labels = self._problems.labels

        self.contacts_model = ContactTableModel(self)
        self.contacts_view = QTableView()
        self.contacts_hint = QLabel(
            self.tr("Contacts can be added once the company is saved. Add… saves it first.")
        )
        self.add_contact_button = QPushButton(self.tr("Add…"))
        self.edit_contact_button = QPushButton(self.tr("Edit…"))
        self.remove_contact_button = QPushButton(self.tr("Remove"))
        self.qualify_contact_button = QPushButton(self.tr("Qualify…"))
        self.qualify_contact_button.setObjectName("qualifyContact")
        self.qualify_contact_button.setToolTip(
            self.tr("The four criteria of the chosen person: authority, need, budget and timing")
        )
        self.history = QTreeWidget()
        self.history_empty = QLabel(self.tr("No activities yet."))

        self.tabs = QTabWidget()
        self.tabs.addTab(self._company_tab(), self.tr("Compan&y"))
        self.tabs.addTab(self._contacts_tab(), self.tr("Cont&acts"))
        self.tabs.addTab(self._notes_tab(), self.tr("N&otes"))
        self.tabs.addTab(self._history_tab(), self.tr("Histo&ry"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

        for name in CHECKED_ON_LEAVE:
            self.edits[name].editingFinished.connect(self._check_fields)
        for name in ("postcode", "city"):
            self.edits[name].editingFinished.connect(self._check_place)
        self.country.currentIndexChanged.connect(self._check_fields)
        self.country.currentIndexChanged.connect(self._check_place)

        self._load(company_id)
        self._saved_snapshot = self._snapshot()
        self.edits["name"].setFocus()  # typing goes into the form at once

    # -- layout ---------------------------------------------------------------------------

    def _choice_combo(self, items: Iterable[tuple[str, str]]) -> QComboBox:
        """A combo of (stored value, label) choices after "—" for not set."""
        combo = QComboBox()
        combo.addItem(NOT_SET, None)
        for value, label in items:
            combo.addItem(label, value)
        return combo

    def _form(self, rows: Sequence[tuple[str, str, QWidget]]) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, caption, widget in rows:
            add_row(form, self._problems, name, caption, widget)
        return page

    def _company_tab(self) -> QWidget:
        business = self._form(
            (
                ("name", self.tr("&Name *"), self.edits["name"]),
                ("legal_form", self.tr("&Legal form"), self.edits["legal_form"]),
                ("vat_id", self.tr("VAT ID"), self.edits["vat_id"]),
                ("industry", self.tr("&Industry"), self.edits["industry"]),
                ("wz_code", self.tr("WZ code"), self._with_button(self.edits["wz_code"])),
                ("structure", self.tr("Str&ucture"), self.structure),
                ("activity_type", self.tr("Acti&vity"), self.activity_type),
                ("employees", self.tr("&Employees"), self.employees),
                ("turnover_eur", self.tr("&Turnover (EUR)"), self.turnover),
                ("stage", self.tr("Stage"), self.stage),
                ("owner_id", self.tr("Owner"), self.owner),
                ("tags", self.tr("Ta&gs"), self.tags),
            )
        )
        address = self._form(
            (
                ("street", self.tr("&Street"), self.edits["street"]),
                ("postcode", self.tr("&Postcode"), self.edits["postcode"]),
                ("city", self.tr("&City"), self.edits["city"]),
                ("state", self.tr("S&tate"), self.state),
                ("country", self.tr("Country"), self.country),
                ("phone", self.tr("P&hone"), self.edits["phone"]),
                ("website", self.tr("&Website"), self.edits["website"]),
                ("email", self.tr("E-&mail"), self.edits["email"]),
                ("source", self.tr("Source"), self.edits["source"]),
            )
        )
        page = QWidget()
        columns = QHBoxLayout(page)
        columns.setSpacing(24)
        for form in (business, address):
            column = QVBoxLayout()
            column.addWidget(form)
            if form is address:
                column.addWidget(self.place_hint)
                column.addWidget(self.fit_box)
            column.addStretch(1)
            columns.addLayout(column, 1)
        return page

    def _with_button(self, edit: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(self.wz_button)
        box.setFocusProxy(edit)  # the caption's shortcut goes to the field
        return box

    def pick_wz_code(self) -> None:
        from prospector import industry_codes
        from ui.dialogs.industry_dialog import IndustryDialog

        typed = self.edits["wz_code"].text().strip()
        chosen = IndustryDialog.ask(multiple=False, text=typed, parent=self)
        if not chosen:
            return
        self.edits["wz_code"].setText(chosen[0])
        found = industry_codes.find(chosen[0])
        if found is not None and not self.edits["industry"].text().strip():
            self.edits["industry"].setText(found.title)

    def _update_fit(self) -> None:
        """Score the company as the form shows it (every keystroke: the rule is pure)."""
        profile = self._profile
        if profile is None:
            self.fit_box.hide()
            return
        employees = self.employees.text().strip()
        try:
            turnover = self._turnover()
        except ValidationFailed:
            turnover = None
        structure = self.structure.currentData()
        activity_type = self.activity_type.currentData()
        found = fit(
            profile,
            CompanyFacts(
                wz_code=self.edits["wz_code"].text().strip() or None,
                industry=self.edits["industry"].text().strip() or None,
                employees=int(employees) if employees.isdigit() else None,
                turnover_eur=turnover,
                country=self.country.currentData() or DEFAULT_COUNTRY,
                state=self.state.currentText().strip() or None,
                postcode=self.edits["postcode"].text().strip() or None,
                structure=structure or None,
                activity_type=activity_type or None,
                tags=frozenset(normalize.split_tag_text(self.tags.text())),
            ),
        )
        heading = self.tr("Fit %1 against \u201c%2\u201d").replace("%1", str(found.score))
        heading = heading.replace("%2", profile.name)
        if not found.core:
            heading += " " + self.tr("(not in the core group)")
        reasons = explain(found, QCoreApplication.translate)
        self.fit_label.setText(f"{heading}\n{reasons}" if reasons else heading)
        self.fit_box.show()

    def _contacts_tab(self) -> QWidget:
        view = self.contacts_view
        view.setModel(self.contacts_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.horizontalHeader().setStretchLastSection(True)
        view.doubleClicked.connect(self.on_contact_double_clicked)
        view.selectionModel().selectionChanged.connect(self._update_contact_buttons)
        self.contacts_hint.setWordWrap(True)
        self.add_contact_button.clicked.connect(self.add_contact)
        self.edit_contact_button.clicked.connect(self.edit_contact)
        self.remove_contact_button.clicked.connect(self.remove_contact)
        self.qualify_contact_button.clicked.connect(self.qualify_contact)
        buttons = QHBoxLayout()
        for button in (
            self.add_contact_button,
            self.edit_contact_button,
            self.remove_contact_button,
            self.qualify_contact_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.contacts_hint)
        layout.addWidget(view)
        layout.addLayout(buttons)
        return page

    def _notes_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self._problems.wrap("notes", self.notes))
        return page

    def _history_tab(self) -> QWidget:
        self.history.setRootIsDecorated(False)
        self.history.setAlternatingRowColors(True)
        self.history.setHeaderLabels(
            [self.tr("Date"), self.tr("Kind"), self.tr("Subject"), self.tr("Outcome")]
        )
        self.history.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.history_empty.setStyleSheet("color: palette(placeholder-text);")
        self.log_button = QPushButton(self.tr("&Log activity…"))
        self.log_button.setObjectName("logActivity")
        self.log_button.clicked.connect(self._log_activity)
        self.plan_button = QPushButton(self.tr("Pla&n touch…"))
        self.plan_button.setObjectName("planActivity")
        self.plan_button.clicked.connect(self._plan_activity)
        self.done_button = QPushButton(self.tr("&Done…"))
        self.done_button.setObjectName("completeActivity")
        self.done_button.setToolTip(self.tr("Mark the chosen planned touch as done"))
        self.done_button.clicked.connect(self._complete_activity)
        self.done_button.setEnabled(False)
        self.history.itemSelectionChanged.connect(self._on_history_selected)
        # Bound methods, not closures: a closure would keep the dialog alive past its use.
        self.history.itemActivated.connect(self._complete_activity)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.plan_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.history_empty)
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        return page

    def _planned_chosen(self) -> int | None:
        item = self.history.currentItem()
        if item is None or item.data(0, Qt.ItemDataRole.UserRole + 1):
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return int(ident) if ident is not None else None

    def _on_history_selected(self) -> None:
        self.done_button.setEnabled(self._planned_chosen() is not None)

    def _log_activity(self) -> None:
        self._activity()

    def _plan_activity(self) -> None:
        self._activity(plan_only=True)

    def _activity(self, *, plan_only: bool = False) -> None:
        from ui.dialogs.activity_dialog import ActivityDialog

        if self._record is None:
            return
        contact = self._selected_contact()
        if ActivityDialog.ask(
            self._context,
            self._record.id,
            contact_id=contact.id if contact else None,
            plan_only=plan_only,
            parent=self,
        ):
            self._reload_history()

    def _complete_activity(self) -> None:
        from ui.dialogs.activity_dialog import ActivityDialog

        chosen = self._planned_chosen()
        if chosen is None or self._record is None:
            return
        if ActivityDialog.ask(self._context, self._record.id, activity_id=chosen, parent=self):
            self._reload_history()

    def _reload_history(self) -> None:
        if self._record is None:
            return
        company_id = self._record.id
        history = self._operations.read(
            lambda session: activities.list_activities(session, company_id), parent=self
        )
        if history is not None:
            self._show_history(history)

    # -- public API -----------------------------------------------------------------------

    @classmethod
    def ask(
        cls, context: AppContext, company_id: int | None = None, parent: QWidget | None = None
    ) -> int | None:
        """Show the dialog; the id of the company if it was saved, None if nothing was stored.

        A new company can be saved before the dialog closes (to add contacts to it); its id
        is returned even if the user cancels afterwards, because the company exists.
        """
        dialog = cls(context, company_id, parent)
        dialog.exec()
        return dialog.saved_id

    def set_field(self, name: str, value: object) -> None:
        """Change a field as a user would: text, or a choice (enum value or owner id)."""
        if name == "state":
            self.state.setCurrentText(str(value))
        elif name == "country":
            self._select_country(country_code(str(value)) or str(value))
        elif name == "stage":
            select_data(self.stage, value)
        elif name == "notes":
            self.notes.setPlainText(str(value))
        elif name == "employees":
            self.employees.setText(str(value))
        elif name == "turnover_eur":
            self.turnover.setText(str(value))
        elif name == "tags":
            self.tags.setText(str(value))
        elif name == "structure":
            select_data(self.structure, value)
        elif name == "activity_type":
            select_data(self.activity_type, value)
        elif name == "owner_id":
            select_data(self.owner, value)
        else:
            self.edits[name].setText(str(value))

    def problem_text(self, name: str) -> str:
        return self._problems.text(name)

    def is_modified(self) -> bool:
        return self._snapshot() != self._saved_snapshot

    # -- loading --------------------------------------------------------------------------

    def _load(self, company_id: int | None) -> None:
        """Read the company with everything the tabs show, in one session."""
        found = self._operations.read(
            lambda session: (
                team.list_team_members(session, active_only=False),
                tags.list_tags(session),
                None if company_id is None else companies.get_company(session, company_id),
                [] if company_id is None else tags.company_tags(session, company_id),
                [] if company_id is None else contacts.list_contacts(session, company_id),
                [] if company_id is None else activities.list_activities(session, company_id),
                profiles.active_profile(session),
            ),
            parent=self,
        )
        if found is None:
            # Nothing to save onto: a company that is gone must not come back as a new one.
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self._show_saved_state()
            return
        members, vocabulary, record, company_tags, people, history, self._profile = found
        # The sources in use, offered as the user types: one spelling per source. Read at the
        # first keystroke there, not for every form opened (it reads every company).
        self._source_names = QStringListModel(self)
        source_completer = QCompleter(self._source_names, self)
        source_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edits["source"].setCompleter(source_completer)
        self.edits["source"].textEdited.connect(self._load_source_names)
        self._tag_names.setStringList([tag.name for tag in vocabulary])
        self._show_owner(members, record.owner_id if record else None)
        if record is not None:
            self._show_record(record, company_tags)
        self._show_contacts(people)
        self._show_history(history)
        self._show_saved_state()
        self._update_fit()
        for line in (*self.edits.values(), self.employees, self.turnover, self.tags):
            line.textChanged.connect(self._update_fit)
        for combo in (self.country, self.structure, self.activity_type):
            combo.currentIndexChanged.connect(self._update_fit)
        self.state.currentTextChanged.connect(self._update_fit)

    def _load_source_names(self) -> None:
        if self._source_names.rowCount():
            return
        known = self._operations.read(sources.source_names, parent=self, quiet=True)
        self._source_names.setStringList(known or [])

    def _show_owner(self, members: Sequence[TeamMemberRecord], owner_id: int | None) -> None:
        fill_owner_combo(self.owner, members, owner_id)

    def _show_record(self, record: CompanyRecord, company_tags: Sequence[TagRecord]) -> None:
        self._record = record
        for name in TEXT_FIELDS:
            value = getattr(record, name)
            if name == "phone" and value:
                value = normalize.phone_for_display(value)
            self.edits[name].setText(value or "")
        self.employees.setText("" if record.employees is None else str(record.employees))
        self.turnover.setText(
            ""
            if record.turnover_eur is None
            else self._locale.toString(float(record.turnover_eur), "f", 2)
        )
        self.state.setCurrentText(record.state or "")
        self._select_country(record.country)
        select_data(self.stage, record.stage)
        self.place_hint.hide()
        select_data(self.structure, record.structure)
        select_data(self.activity_type, record.activity_type)
        self.tags.setText(", ".join(tag.name for tag in company_tags))
        self.notes.setPlainText(record.notes or "")
        self._problems.show({})

    def _show_contacts(self, people: Sequence[ContactRecord]) -> None:
        self.contacts_model.set_rows(people)
        # A company has a handful of contacts: sizing to contents is cheap here.
        self.contacts_view.resizeColumnsToContents()

    def _show_history(self, history: Sequence[ActivityRecord]) -> None:
        self.history.clear()
        time_format = self._locale.timeFormat(QLocale.FormatType.ShortFormat)
        date_time_format = f"{long_year_format(self._locale)} {time_format}"
        for activity in history:
            when = activity.when
            date = self._locale.toString(local_time(when), date_time_format) if when else ""
            if activity.outcome is not None:
                outcome = activity_outcome_label(activity.outcome)
            elif not activity.is_done and activity.due_at is not None:
                outcome = self.tr("planned")
            else:
                outcome = ""
            item = QTreeWidgetItem(
                [date, activity_kind_label(activity.kind), activity.subject or "", outcome]
            )
            item.setToolTip(2, activity.notes or "")
            item.setData(0, Qt.ItemDataRole.UserRole, activity.id)
            item.setData(0, Qt.ItemDataRole.UserRole + 1, activity.is_done)
            self.history.addTopLevelItem(item)
        self.history.setVisible(bool(history))
        self.history_empty.setVisible(not history)

    def _show_saved_state(self) -> None:
        """Title, contacts hint and buttons follow whether the company is stored yet."""
        stored = self._record is not None
        self.setWindowTitle(self.tr("Company") if stored else self.tr("New company"))
        self.contacts_hint.setVisible(not stored)
        self.contacts_view.setEnabled(stored)
        self.log_button.setEnabled(stored)
        self.plan_button.setEnabled(stored)
        count = self.contacts_model.rowCount()
        self.tabs.setTabText(
            1, self.tr("Cont&acts ({count})").format(count=count) if count else self.tr("Cont&acts")
        )
        self._update_contact_buttons()

    def _update_contact_buttons(self) -> None:
        selected = self._selected_contact() is not None
        self.edit_contact_button.setEnabled(selected)
        self.remove_contact_button.setEnabled(selected)
        self.qualify_contact_button.setEnabled(selected)

    def _reload(self) -> None:
        """Replace the fields with what is stored now, and take on its version."""
        assert self._record is not None
        self._load(self._record.id)
        self._saved_snapshot = self._snapshot()

    def _reload_contacts(self, select_id: int | None = None) -> None:
        assert self._record is not None
        company_id = self._record.id
        people = self._operations.read(
            lambda session: contacts.list_contacts(session, company_id), parent=self
        )
        if people is None:
            return
        self._show_contacts(people)
        for row, person in enumerate(people):
            if person.id == select_id:
                self.contacts_view.selectRow(row)
        self._show_saved_state()

    # -- contacts tab ---------------------------------------------------------------------

    def _selected_contact(self) -> ContactRecord | None:
        rows = self.contacts_view.selectionModel().selectedRows()
        return self.contacts_model.row_at(rows[0].row()) if rows else None

    def add_contact(self) -> None:
        """Add a contact; a new company is saved first, if the user agrees."""
        if self._record is None:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("The company must be saved before contacts can be added. Save it now?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer != QMessageBox.StandardButton.Save or not self._save():
                return
        assert self._record is not None
        contact_id = ContactDialog.ask(self._context, self._record.id, parent=self)
        if contact_id is not None:
            self._reload_contacts(contact_id)

    def edit_contact(self) -> None:
        contact = self._selected_contact()
        if contact is None or self._record is None:
            return
        if ContactDialog.ask(self._context, self._record.id, contact.id, parent=self) is not None:
            self._reload_contacts(contact.id)

    def qualify_contact(self) -> None:
        """The checklist of the chosen person; the list shows their new status after it."""
        from ui.dialogs.qualification_dialog import QualificationDialog

        contact = self._selected_contact()
        if contact is None or self._record is None:
            return
        if self.is_modified():
            # The company's stage follows its people, so the checklist may change the company.
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Save the changes to the company first?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer != QMessageBox.StandardButton.Save or not self._save():
                return
        if QualificationDialog.ask(self._context, contact.id, self):
            self._reload()
            self._reload_contacts(contact.id)

    def on_contact_double_clicked(self, index: QModelIndex) -> None:
        self.contacts_view.selectRow(index.row())
        self.edit_contact()

    def remove_contact(self) -> None:
        """Remove the selected contact after asking; the removal is stored at once."""
        contact = self._selected_contact()
        if contact is None:
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr(
                "Remove \u201c{name}\u201d from the contacts of this company? "
                "This cannot be undone."
            ).format(name=full_name(contact)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._operations.write(
            lambda db: contacts.delete_contact(db, contact.id, contact.version), parent=self
        )
        self._reload_contacts()

    # -- editing --------------------------------------------------------------------------

    def _snapshot(self) -> tuple[object, ...]:
        texts = [edit.text() for edit in self.edits.values()]
        extra = [self.employees.text(), self.turnover.text(), self.state.currentText()]
        combos = (self.structure, self.activity_type, self.country, self.stage)
        choices = [combo.currentData() for combo in combos]
        return (
            *texts,
            *extra,
            *choices,
            self.owner.currentData(),
            self.tags.text(),
            self.notes.toPlainText(),
        )

    def reject(self) -> None:
        """Cancel; typed changes are only thrown away when the user says so."""
        if self.is_modified():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Discard the changes you made to this company?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def _turnover(self) -> Decimal | None:
        try:
            return parse_decimal(self.turnover.text())
        except ValueError:
            raise ValidationFailed(
                {"turnover_eur": FieldProblem("number_invalid", "not a number")}
            ) from None

    def _input(self) -> CompanyInput:
        texts = {name: edit.text() for name, edit in self.edits.items()}
        employees = self.employees.text().strip()
        structure = self.structure.currentData()
        activity_type = self.activity_type.currentData()
        return CompanyInput(
            **{name: (texts[name] or None) for name in TEXT_FIELDS if name != "name"},
            name=texts["name"],
            country=self.country.currentData() or DEFAULT_COUNTRY,
            employees=int(employees) if employees else None,
            turnover_eur=self._turnover(),
            state=self.state.currentText() or None,
            notes=self.notes.toPlainText() or None,
            structure=CompanyStructure(structure) if structure else None,
            activity_type=ActivityType(activity_type) if activity_type else None,
            owner_id=self.owner.currentData(),
            stage=CompanyStage(self.stage.currentData() or CompanyStage.TARGET),
        )

    def _select_country(self, code: str) -> None:
        """Select the country; a code the list lacks (stored by an older version) is added."""
        if self.country.findData(code) < 0:
            self.country.addItem(code, code)
        select_data(self.country, code)

    def _check_place(self) -> None:
        """For a German address: fill in the town and the Bundesland the postcode names
        (where empty), and say so where the postcode is padded or names another town."""
        check = check_place(
            self.edits["postcode"].text(),
            self.edits["city"].text(),
            self.country.currentData() or DEFAULT_COUNTRY,
        )
        notes: list[str] = []
        if check is not None:
            places = check.places
            if places is not None and not self.edits["city"].text().strip():
                self.edits["city"].setText(places.cities[0])
            if places is not None and places.state and not self.state.currentText():
                self.state.setCurrentText(places.state)
            if check.padded:
                notes.append(
                    self.tr("%1 is stored as %2: German postcodes have five digits.")
                    .replace("%1", self.edits["postcode"].text().strip())
                    .replace("%2", check.postcode)
                )
            city = self.edits["city"].text().strip()
            if check.city_agrees is False and places is not None:
                notes.append(
                    self.tr("%1 is the postcode of %2, not of %3.")
                    .replace("%1", check.postcode)
                    .replace("%2", " / ".join(places.cities[:2]))
                    .replace("%3", city)
                )
            elif places is None and city:
                notes.append(
                    self.tr("No place is known with the postcode %1.").replace("%1", check.postcode)
                )
            if check.city_postcodes:
                notes.append(
                    self.tr("%1 has the postcodes %2.")
                    .replace("%1", city)
                    .replace("%2", postcode_ranges(check.city_postcodes))
                )
        self.place_hint.setText(" ".join(notes))
        self.place_hint.setVisible(bool(notes))

    def _check_fields(self) -> None:
        """Check as the user leaves a field, but only complain about fields already filled."""
        try:
            validate_company(self._input())
        except ValidationFailed as exc:
            self._problems.show({n: p for n, p in exc.problems.items() if p.code != "required"})
        else:
            self._problems.show({})

    def _focus(self, name: str) -> None:
        """Show the tab holding the field with a problem, and put the cursor in it."""
        widgets: dict[str, QWidget] = {
            **self.edits,
            "employees": self.employees,
            "turnover_eur": self.turnover,
            "state": self.state,
            "country": self.country,
            "stage": self.stage,
            "tags": self.tags,
            "notes": self.notes,
        }
        widget = widgets.get(name)
        if widget is None:
            return
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def _duplicate_choice(self, data: CompanyInput) -> tuple[DuplicateChoice, int | None]:
        """Ask about look-alikes of what is about to be saved (once per set of values)."""
        values = validate_company(data)
        key = company_keys(values)
        if key == self._accepted_look_alike:
            return DuplicateChoice.KEEP_BOTH, None
        exclude = self._record.id if self._record else None
        found = self._operations.read(
            lambda session: duplicates.find_duplicates(session, values, exclude_id=exclude),
            parent=self,
        )
        if found is None:
            return DuplicateChoice.BACK, None
        if not found:
            return DuplicateChoice.KEEP_BOTH, None
        choice, other_id = DuplicateDialog.ask(values["name"], found, self)
        if choice in (DuplicateChoice.KEEP_BOTH, DuplicateChoice.MERGE):
            self._accepted_look_alike = key
        return choice, other_id

    def _save(self) -> bool:
        """Store the company with its tags in one transaction; False if the user must act."""
        stored = self._record
        try:
            data = self._input()
            choice, other_id = self._duplicate_choice(data)
            if choice is DuplicateChoice.BACK:
                return False
            if choice is DuplicateChoice.OPEN and other_id is not None:
                self._open_instead(other_id)
                return False
            draft = CompanyDraft(
                data,
                self.tags.text(),
                stored.id if stored else None,
                stored.version if stored else 0,
            )
            saved = self._operations.write(
                lambda db: companies.save_company(db, draft),
                parent=self,
                expected=(ValidationFailed, ConcurrentEdit),
            )
        except ValidationFailed as exc:
            self._problems.show(exc.problems)
            self._focus(next(iter(exc.problems)))
            return False
        except ConcurrentEdit as exc:
            if ask_reload(self, exc):
                self._reload()
            return False
        if saved is None:
            return False
        record = saved.value.record
        self._record = record
        self.saved_id = record.id
        self._problems.show({})
        # Show the tags as stored: trimmed, de-duplicated, spelled as the existing ones.
        self.tags.setText(", ".join(tag.name for tag in saved.value.tags))
        self._saved_snapshot = self._snapshot()
        self._show_saved_state()
        if choice is DuplicateChoice.MERGE and other_id is not None:
            merged = MergeDialog.ask(self._context, other_id, record.id, self)
            if merged is not None:
                self.saved_id = merged
                self._saved_snapshot = self._snapshot()
                self.merged = True
        return True

    def _open_instead(self, company_id: int) -> None:
        """Leave this form unsaved (the user chose so) and open the existing company."""
        self.open_instead_id = company_id
        parent = self.parentWidget()
        context = self._context
        QDialog.done(self, QDialog.DialogCode.Rejected)
        QTimer.singleShot(0, lambda: CompanyDialog.ask(context, company_id, parent))

    def accept(self) -> None:
        if self._save():
            super().accept()
