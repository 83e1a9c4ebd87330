"""Create or edit one contact, of a company or of none, with every field checked as the user
leaves it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from prospector import normalize
from prospector.enums import DecisionRole, LeadStatus, LegalBasis, Salutation
from prospector.errors import ConcurrentEdit, FieldProblem, ValidationFailed
from prospector.records import CompanyRecord, ContactInput, ContactRecord
from prospector.services import companies, contacts, personas, team
from prospector.validation import validate_contact
from ui.context import AppContext
from ui.labels import (
    NOT_SET,
    decision_role_label,
    lead_status_label,
    legal_basis_explanation,
    legal_basis_label,
    salutation_label,
)
from ui.widgets.company_picker import CompanyPicker, company_label
from ui.widgets.form import (
    FieldProblems,
    add_row,
    align_captions,
    ask_reload,
    combo_value,
    enum_combo,
    fill_owner_combo,
    long_year_format,
    select_data,
    to_qdate,
)

TEXT_FIELDS = (
    "academic_title",
    "first_name",
    "last_name",
    "job_title",
    "department",
    "phone",
    "mobile",
    "email",
    "linkedin",
    "data_source",
    "do_not_contact_reason",
)


# As long an e-mail address as the form shows whole (a person at a firm with a long name).
_LONG_ADDRESS = "friederike.mustermann-schulze@maschinenbau-muster.de"


class ContactDialog(QDialog):
    """The contact form; Save stores it, Cancel leaves the database as it was.

    With a company given (from the company's form) the contact belongs to it; without one,
    a company field links the contact to a company, moves it to another, or leaves it alone.
    """

    def __init__(
        self,
        context: AppContext,
        company_id: int | None,
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._operations = context.operations
        self._company_id = company_id
        self.consents_button = QPushButton(self.tr("C&onsents…"))
        self.consents_button.clicked.connect(self.show_consents)
        self.qualify_button = QPushButton(self.tr("&Qualify…"))
        self.qualify_button.setObjectName("qualify")
        self.qualify_button.clicked.connect(self.qualify)
        # Only when no company is given: the contact's company is chosen here.
        self.company: CompanyPicker | None = (
            CompanyPicker(context.operations) if company_id is None else None
        )
        self._record: ContactRecord | None = None
        self._locale = QLocale()
        self.saved_id: int | None = None

        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        self.edits["academic_title"].setPlaceholderText(self.tr("e.g. Dr."))
        self.edits["phone"].setPlaceholderText(self.tr("e.g. 0351 123456"))
        self.edits["mobile"].setPlaceholderText(self.tr("e.g. 0171 1234567"))
        self.edits["linkedin"].setPlaceholderText(self.tr("profile address"))
        self.edits["data_source"].setPlaceholderText(self.tr("e.g. trade fair, website, referral"))
        self.combos: dict[str, QComboBox] = {
            "salutation": enum_combo(
                (Salutation.NONE, Salutation.MR, Salutation.MS), salutation_label
            ),
            "decision_role": enum_combo(DecisionRole, decision_role_label),
            "lead_status": enum_combo(LeadStatus, lead_status_label),
            "legal_basis": enum_combo(LegalBasis, legal_basis_label),
            "owner_id": QComboBox(),
            "persona_id": QComboBox(),
        }
        self.combos["persona_id"].setObjectName("contactPersona")
        self.combos["persona_id"].addItem(NOT_SET, None)
        select_data(self.combos["decision_role"], DecisionRole.UNKNOWN)
        select_data(self.combos["legal_basis"], LegalBasis.UNKNOWN)
        legal_basis = self.combos["legal_basis"]
        for index in range(legal_basis.count()):
            explanation = legal_basis_explanation(LegalBasis(legal_basis.itemData(index)))
            legal_basis.setItemData(index, explanation, Qt.ItemDataRole.ToolTipRole)
        self.legal_basis_hint = QLabel()
        self.legal_basis_hint.setWordWrap(True)
        self.legal_basis_hint.setStyleSheet("color: palette(placeholder-text);")
        self.checks: dict[str, QCheckBox] = {
            "budget_authority": QCheckBox(self.tr("Can approve the budget")),
            "do_not_contact": QCheckBox(self.tr("Objected to being contacted")),
            "is_consumer": QCheckBox(self.tr("Private person (consumer)")),
        }
        self.since = QDateEdit()
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat(long_year_format(self._locale))
        self.since.setDate(QDate.currentDate())
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(60)
        self._problems = FieldProblems()
        self.problem_labels = self._problems.labels

        layout = QVBoxLayout(self)
        if self.company is not None:
            # Across the whole form: company names are long, and linking is what this is for.
            company_row = QFormLayout()
            add_row(company_row, self._problems, "company_id", self.tr("Compa&ny"), self.company)
            layout.addLayout(company_row)
        # Two columns that stack independently, so neither has gaps to match the other's rows.
        columns = QHBoxLayout()
        for boxes in (
            (self._person_box(), self._reach_box()),
            (self._sales_box(), self._privacy_box()),
        ):
            align_captions(boxes)
            column = QVBoxLayout()
            for box in boxes:
                column.addWidget(box)
            column.addStretch(1)
            columns.addLayout(column, 1)
        layout.addLayout(columns)
        notes_caption = QLabel(self.tr("N&otes"))
        notes_caption.setBuddy(self.notes)
        layout.addWidget(notes_caption)
        layout.addLayout(self._problems.wrap("notes", self.notes))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for edit in self.edits.values():
            edit.editingFinished.connect(self._check_fields)
        self.checks["do_not_contact"].toggled.connect(self.on_do_not_contact_toggled)
        self.checks["is_consumer"].toggled.connect(self._update_consents_button)
        legal_basis.currentIndexChanged.connect(self.on_legal_basis_changed)

        self._load(contact_id)
        self._update_consents_button()
        self.on_do_not_contact_toggled(self.checks["do_not_contact"].isChecked())
        self.on_legal_basis_changed()
        self._saved_snapshot = self._snapshot()
        self.edits["first_name"].setFocus()  # typing goes into the form at once

    # -- layout ---------------------------------------------------------------------------

    def _group(self, title: str, rows: Sequence[tuple[str, str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        self._fill(form, rows)
        return box

    def _fill(self, form: QFormLayout, rows: Sequence[tuple[str, str, QWidget]]) -> None:
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, caption, widget in rows:
            add_row(form, self._problems, name, caption, widget)

    def _person_box(self) -> QGroupBox:
        return self._group(
            self.tr("Person"),
            (
                ("salutation", self.tr("Sal&utation"), self.combos["salutation"]),
                ("academic_title", self.tr("&Academic title"), self.edits["academic_title"]),
                ("first_name", self.tr("&First name"), self.edits["first_name"]),
                ("last_name", self.tr("&Last name *"), self.edits["last_name"]),
                ("job_title", self.tr("&Job title"), self.edits["job_title"]),
                ("department", self.tr("&Department"), self.edits["department"]),
            ),
        )

    def _reach_box(self) -> QGroupBox:
        # Addresses are long: room for a long one without scrolling.
        room = self.fontMetrics().horizontalAdvance(_LONG_ADDRESS) + 16
        for name in ("email", "linkedin"):
            self.edits[name].setMinimumWidth(room)
        return self._group(
            self.tr("How to reach them"),
            (
                ("phone", self.tr("P&hone"), self.edits["phone"]),
                ("mobile", self.tr("&Mobile"), self.edits["mobile"]),
                ("email", self.tr("&E-mail"), self.edits["email"]),
                ("linkedin", self.tr("L&inkedIn"), self.edits["linkedin"]),
            ),
        )

    def _sales_box(self) -> QGroupBox:
        return self._group(
            self.tr("Sales"),
            (
                ("persona_id", self.tr("&Persona"), self.combos["persona_id"]),
                ("decision_role", self.tr("De&cision role"), self.combos["decision_role"]),
                ("budget_authority", self.tr("Budget"), self.checks["budget_authority"]),
                ("lead_status", self.tr("Lead s&tatus"), self._status_row()),
                ("owner_id", self.tr("O&wner"), self.combos["owner_id"]),
            ),
        )

    def _status_row(self) -> QWidget:
        """The lead status, and beside it the checklist that moves it on."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.combos["lead_status"], 1)
        line.addWidget(self.qualify_button)
        return row

    def qualify(self) -> None:
        """The checklist of this (stored) person; unsaved edits are saved first, since the
        checklist moves the person's status on."""
        from ui.dialogs.qualification_dialog import QualificationDialog

        if self._record is None:
            return
        if self.is_modified():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Save the changes to this person first?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer != QMessageBox.StandardButton.Save or not self.save_only():
                return
        if QualificationDialog.ask(self._context, self._record.id, self):
            self._reload()

    def _consumer_row(self) -> QWidget:
        """The consumer box, and beside it the consents a consumer must have given."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.checks["is_consumer"])
        line.addStretch(1)
        line.addWidget(self.consents_button)
        return row

    def show_consents(self) -> None:
        """The consents of this (stored) person: when, how and to whom they were given."""
        from ui.dialogs.consent_dialog import ConsentDialog

        if self._record is None:
            return
        name = " ".join(p for p in (self._record.first_name, self._record.last_name) if p)
        dialog = ConsentDialog(self._context, self._record.id, name, self)
        self.consent_dialog = dialog
        dialog.open()

    def _update_consents_button(self) -> None:
        self.qualify_button.setEnabled(self._record is not None)
        self.qualify_button.setToolTip(
            self.tr("The four criteria: authority, need, budget and timing")
            if self._record is not None
            else self.tr("Save the person first; then qualify them.")
        )
        consumer = self.checks["is_consumer"].isChecked()
        self.consents_button.setEnabled(consumer and self._record is not None)
        self.consents_button.setToolTip(
            ""
            if self._record is not None or not consumer
            else self.tr("Save the person first; then record their consents.")
        )

    def _privacy_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data protection"))
        column = QVBoxLayout(box)
        basis, rest = QFormLayout(), QFormLayout()
        self._fill(basis, (("legal_basis", self.tr("Le&gal basis"), self.combos["legal_basis"]),))
        self._fill(
            rest,
            (
                ("data_source", self.tr("Data sou&rce"), self.edits["data_source"]),
                ("is_consumer", self.tr("Consumer"), self._consumer_row()),
                ("do_not_contact", self.tr("Do not contact"), self.checks["do_not_contact"]),
                ("do_not_contact_since", self.tr("Objected on"), self.since),
                ("do_not_contact_reason", self.tr("Reason"), self.edits["do_not_contact_reason"]),
            ),
        )
        # The explanation between two forms, across the box: a form gives a wrapped label
        # the height of one line and clips the rest.
        column.addLayout(basis)
        column.addWidget(self.legal_basis_hint)
        column.addLayout(rest)
        return box

    # -- public API -----------------------------------------------------------------------

    @classmethod
    def ask(
        cls,
        context: AppContext,
        company_id: int | None,
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ) -> int | None:
        """Show the dialog; the id of the saved contact, or None if cancelled. Without
        `company_id`, the dialog has a field for the contact's company."""
        dialog = cls(context, company_id, contact_id, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.saved_id
        return None

    def set_field(self, name: str, value: object) -> None:
        """Change a field as a user would: text, a choice (enum or owner id), a tick, a date."""
        if name in self.edits:
            self.edits[name].setText(str(value))
        elif name in self.combos:
            select_data(self.combos[name], value)
        elif name in self.checks:
            self.checks[name].setChecked(bool(value))
        elif name == "do_not_contact_since":
            assert isinstance(value, dt.date)
            self.since.setDate(to_qdate(value))
        elif name == "notes":
            self.notes.setPlainText(str(value))
        else:
            raise KeyError(name)

    def problem_text(self, name: str) -> str:
        return self._problems.text(name)

    def is_modified(self) -> bool:
        return self._snapshot() != self._saved_snapshot

    # -- loading --------------------------------------------------------------------------

    def _load(self, contact_id: int | None) -> None:
        given = self._company_id
        found = self._operations.read(
            lambda session: (
                None if given is None else companies.get_company(session, given),
                team.list_team_members(session, active_only=False),
                None if contact_id is None else contacts.get_contact(session, contact_id),
                personas.list_personas(session),
            ),
            parent=self,
        )
        linked = found[2].company_id if found is not None and found[2] is not None else None
        if found is not None and given is None and linked is not None:
            # The contact's own company, shown in the company field.
            company = self._operations.read(
                lambda session: companies.get_company(session, linked), parent=self
            )
            found = None if company is None else (company, *found[1:])
        if found is None:
            # Nothing to save onto: a contact or company that is gone must not come back.
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        company, members, record, known = found
        for persona in known:
            self.combos["persona_id"].addItem(persona.name, persona.id)
        self.setWindowTitle(self._title(company, record is None))
        if self.company is not None and company is not None:
            self.company.set_company(company.id, company_label(company.name, company.city))
        fill_owner_combo(self.combos["owner_id"], members, record.owner_id if record else None)
        if record is not None:
            self._show_record(record)

    def _title(self, company: CompanyRecord | None, new: bool) -> str:
        if company is None:
            return self.tr("New contact") if new else self.tr("Contact without a company")
        title = self.tr("New contact at {company}") if new else self.tr("Contact at {company}")
        return title.format(company=company.name)

    def _show_record(self, record: ContactRecord) -> None:
        self._record = record
        for name in TEXT_FIELDS:
            value = getattr(record, name)
            if name in ("phone", "mobile") and value:
                value = normalize.phone_for_display(value)
            self.edits[name].setText(value or "")
        for name in ("salutation", "decision_role", "lead_status", "legal_basis", "persona_id"):
            select_data(self.combos[name], getattr(record, name))
        for name, check in self.checks.items():
            check.setChecked(bool(getattr(record, name)))
        since = record.do_not_contact_since
        self.since.setDate(QDate.currentDate() if since is None else to_qdate(since))
        self.notes.setPlainText(record.notes or "")
        self._problems.show({})

    def _reload(self) -> None:
        """Replace the fields with what is stored now, and take on its version."""
        assert self._record is not None
        contact_id = self._record.id
        found = self._operations.read(
            lambda session: (
                contacts.get_contact(session, contact_id),
                team.list_team_members(session, active_only=False),
            ),
            parent=self,
        )
        if found is None:
            return
        record, members = found
        fill_owner_combo(self.combos["owner_id"], members, record.owner_id)
        self._show_record(record)
        self._saved_snapshot = self._snapshot()

    # -- reacting to the user -------------------------------------------------------------

    def on_do_not_contact_toggled(self, checked: bool) -> None:
        was_blocked = self._record is not None and self._record.do_not_contact
        if checked and not was_blocked and not self.since.isEnabled():
            # A new objection is recorded today unless the user picks another day.
            self.since.setDate(QDate.currentDate())
        self.since.setEnabled(checked)
        self.edits["do_not_contact_reason"].setEnabled(checked)

    def on_legal_basis_changed(self) -> None:
        self.legal_basis_hint.setText(
            legal_basis_explanation(combo_value(self.combos["legal_basis"], LegalBasis))
        )

    def _snapshot(self) -> tuple[object, ...]:
        return (
            *((self.company.currentText(), self.company.company_id()) if self.company else ()),
            *(edit.text() for edit in self.edits.values()),
            *(combo.currentData() for combo in self.combos.values()),
            *(check.isChecked() for check in self.checks.values()),
            self.since.date().toString(Qt.DateFormat.ISODate),
            self.notes.toPlainText(),
        )

    def _input(self) -> ContactInput:
        texts = {n: (edit.text() or None) for n, edit in self.edits.items() if n != "last_name"}
        blocked = self.checks["do_not_contact"].isChecked()
        since = self.since.date()
        return ContactInput(
            **texts,
            company_id=self._company_id if self.company is None else self.company.company_id(),
            last_name=self.edits["last_name"].text(),
            salutation=combo_value(self.combos["salutation"], Salutation),
            decision_role=combo_value(self.combos["decision_role"], DecisionRole),
            lead_status=combo_value(self.combos["lead_status"], LeadStatus),
            legal_basis=combo_value(self.combos["legal_basis"], LegalBasis),
            owner_id=self.combos["owner_id"].currentData(),
            budget_authority=self.checks["budget_authority"].isChecked(),
            do_not_contact=blocked,
            do_not_contact_since=(
                dt.date(since.year(), since.month(), since.day()) if blocked else None
            ),
            is_consumer=self.checks["is_consumer"].isChecked(),
            notes=self.notes.toPlainText() or None,
            persona_id=self.combos["persona_id"].currentData(),
        )

    def _check_fields(self) -> None:
        """Check as the user leaves a field, but only complain about fields already filled."""
        try:
            validate_contact(self._input())
        except ValidationFailed as exc:
            self._problems.show({n: p for n, p in exc.problems.items() if p.code != "required"})
        else:
            self._problems.show({})

    def _focus(self, name: str) -> None:
        widget: QWidget | None = self.edits.get(name) or self.combos.get(name)
        if widget is None and name == "company_id":
            widget = self.company
        if widget is None and name == "do_not_contact_since":
            widget = self.since
        if widget is not None:
            widget.setFocus()

    def reject(self) -> None:
        """Cancel; typed changes are only thrown away when the user says so."""
        if self.is_modified():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Discard the changes you made to this contact?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def accept(self) -> None:
        if self.save_only():
            super().accept()

    def save_only(self) -> bool:
        """Store the form and stay open; True when it was stored."""
        stored = self._record
        if self.company is not None and self.company.is_unresolved():
            # Text that names no company would silently save the contact without one.
            self._problems.show(
                {
                    "company_id": FieldProblem(
                        "company_not_chosen",
                        self.tr("Choose a company from the list, or empty the field."),
                    )
                }
            )
            self.company.setFocus()
            return False
        by = self._context.current_member_id()
        try:
            data = self._input()
            saved = self._operations.write(
                lambda db: contacts.save_contact(
                    db,
                    data,
                    stored.id if stored else None,
                    stored.version if stored else 0,
                    by_id=by,
                ),
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
        self.saved_id = saved.value.id
        self._record = saved.value
        self._saved_snapshot = self._snapshot()
        return True
