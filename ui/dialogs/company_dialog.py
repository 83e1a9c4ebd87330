"""Create or edit one company, with every field checked as the user leaves it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from prospector import normalize
from prospector.errors import ConcurrentEdit, FieldProblem, ProspectorError, ValidationFailed
from prospector.records import CompanyInput, CompanyRecord
from prospector.services import companies
from prospector.validation import validate_company
from ui.context import AppContext
from ui.messages import describe, describe_field, show_error

GERMAN_STATES = (
    "Baden-Württemberg",
    "Bayern",
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Mecklenburg-Vorpommern",
    "Niedersachsen",
    "Nordrhein-Westfalen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
)

TEXT_FIELDS = (
    "name",
    "legal_form",
    "industry",
    "wz_code",
    "street",
    "postcode",
    "city",
    "country",
    "phone",
    "website",
    "email",
    "source",
)


class CompanyDialog(QDialog):
    """The company form; Save stores it, Cancel leaves the database as it was."""

    def __init__(
        self, context: AppContext, company_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._locale = QLocale()
        self._record: CompanyRecord | None = None
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New company") if company_id is None else self.tr("Company"))
        self.setMinimumWidth(520)

        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        self.edits["country"].setText("DE")
        self.edits["country"].setMaxLength(2)
        self.edits["postcode"].setMaxLength(12)
        self.employees = QLineEdit()
        self.employees.setValidator(QIntValidator(0, 10_000_000, self))
        self.turnover = QLineEdit()
        self.turnover.setPlaceholderText(self.tr("in euros, e.g. 2.500.000"))
        self.state = QComboBox()
        self.state.setEditable(True)
        self.state.addItem("")
        self.state.addItems(GERMAN_STATES)
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(70)
        self.edits["phone"].setPlaceholderText(self.tr("e.g. 0351 123456"))
        self.edits["website"].setPlaceholderText(self.tr("e.g. www.example.de"))
        self.problem_labels: dict[str, QLabel] = {}

        form = QFormLayout()
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("name", self.tr("&Name *"), self.edits["name"]),
            ("legal_form", self.tr("&Legal form"), self.edits["legal_form"]),
            ("industry", self.tr("&Industry"), self.edits["industry"]),
            ("wz_code", self.tr("WZ code"), self.edits["wz_code"]),
            ("employees", self.tr("&Employees"), self.employees),
            ("turnover_eur", self.tr("&Turnover (EUR)"), self.turnover),
            ("street", self.tr("&Street"), self.edits["street"]),
            ("postcode", self.tr("&Postcode"), self.edits["postcode"]),
            ("city", self.tr("&City"), self.edits["city"]),
            ("state", self.tr("S&tate"), self.state),
            ("country", self.tr("Country"), self.edits["country"]),
            ("phone", self.tr("P&hone"), self.edits["phone"]),
            ("website", self.tr("&Website"), self.edits["website"]),
            ("email", self.tr("E-&mail"), self.edits["email"]),
            ("source", self.tr("Source"), self.edits["source"]),
            ("notes", self.tr("N&otes"), self.notes),
        )
        for name, label, widget in rows:
            problem = QLabel()
            problem.setObjectName(f"problem_{name}")
            problem.setStyleSheet("color: #b00020;")
            problem.setWordWrap(True)
            problem.hide()
            self.problem_labels[name] = problem
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(problem)
            caption = QLabel(label)
            caption.setBuddy(widget)  # Alt+underlined letter jumps to the field
            form.addRow(caption, box)

        for name in ("phone", "website", "email", "postcode", "name"):
            self.edits[name].editingFinished.connect(self._check_fields)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        if company_id is not None:
            self._load(company_id)
        self._saved_snapshot = self._snapshot()

    @classmethod
    def ask(
        cls, context: AppContext, company_id: int | None = None, parent: QWidget | None = None
    ) -> int | None:
        """Show the dialog; the id of the saved company, or None if cancelled."""
        dialog = cls(context, company_id, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.saved_id
        return None

    def set_field(self, name: str, value: str) -> None:
        """Put text in a field as a user would type it."""
        if name == "state":
            self.state.setCurrentText(value)
        elif name == "notes":
            self.notes.setPlainText(value)
        elif name == "employees":
            self.employees.setText(value)
        elif name == "turnover_eur":
            self.turnover.setText(value)
        else:
            self.edits[name].setText(value)

    def problem_text(self, name: str) -> str:
        label = self.problem_labels[name]
        return label.text() if not label.isHidden() else ""

    def _load(self, company_id: int) -> None:
        try:
            with self._context.database.reading() as session:
                record = companies.get_company(session, company_id)
        except ProspectorError as exc:
            show_error(self, exc)
            return
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
        self.notes.setPlainText(record.notes or "")

    def _snapshot(self) -> tuple[str, ...]:
        texts = [edit.text() for edit in self.edits.values()]
        extra = [self.employees.text(), self.turnover.text(), self.state.currentText()]
        return (*texts, *extra, self.notes.toPlainText())

    def is_modified(self) -> bool:
        return self._snapshot() != self._saved_snapshot

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
        text = self.turnover.text().strip()
        if not text:
            return None
        value, ok = self._locale.toDouble(text)
        if not ok:
            try:
                return Decimal(text.replace(".", "").replace(",", "."))
            except InvalidOperation:
                raise ValidationFailed(
                    {"turnover_eur": FieldProblem("number_invalid", "not a number")}
                ) from None
        return Decimal(str(value))

    def _input(self) -> CompanyInput:
        texts = {name: edit.text() for name, edit in self.edits.items()}
        employees = self.employees.text().strip()
        return CompanyInput(
            **{
                name: (texts[name] or None)
                for name in TEXT_FIELDS
                if name not in ("name", "country")
            },
            name=texts["name"],
            country=texts["country"] or "DE",
            employees=int(employees) if employees else None,
            turnover_eur=self._turnover(),
            state=self.state.currentText() or None,
            notes=self.notes.toPlainText() or None,
            structure=self._record.structure if self._record else None,
            activity_type=self._record.activity_type if self._record else None,
            owner_id=self._record.owner_id if self._record else None,
        )

    def _show_problems(self, problems: dict[str, FieldProblem]) -> None:
        for name, label in self.problem_labels.items():
            problem = problems.get(name)
            if problem is None:
                label.hide()
                label.clear()
            else:
                label.setText(describe_field(problem))
                label.show()

    def _check_fields(self) -> None:
        """Check as the user leaves a field, but only complain about fields already filled."""
        try:
            validate_company(self._input())
        except ValidationFailed as exc:
            filled = {n: p for n, p in exc.problems.items() if p.code != "required"}
            self._show_problems(filled)
        else:
            self._show_problems({})

    def accept(self) -> None:
        try:
            data = self._input()
            with self._context.database.writing() as session:
                if self._record is None:
                    record = companies.create_company(session, data)
                else:
                    record = companies.update_company(
                        session, self._record.id, self._record.version, data
                    )
        except ValidationFailed as exc:
            self._show_problems(exc.problems)
            first = next(iter(exc.problems))
            if first in self.edits:
                self.edits[first].setFocus()
            return
        except ConcurrentEdit as exc:
            QMessageBox.warning(self, self.windowTitle(), describe(exc))
            return
        except ProspectorError as exc:
            show_error(self, exc)
            return
        self.saved_id = record.id
        self._context.events.companies_changed.emit()
        super().accept()
