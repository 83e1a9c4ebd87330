"""The target personas: who a sale must reach, their titles for matching contacts, and what
to say to them."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from prospector.changes import Changes
from prospector.enums import DecisionRole
from prospector.errors import ValidationFailed
from prospector.services import personas
from prospector.services.personas import PersonaRecord
from ui.context import AppContext
from ui.labels import decision_role_label
from ui.messages import describe_field
from ui.widgets.form import ask_about_edits


def _split_lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.replace(";", "\n").splitlines() if line.strip())


class PersonaPage(QWidget):
    """A list of personas and the form of the one chosen; edits are kept until saved or
    discarded, as on the ideal customer's page."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personaPage")
        self._context = context
        self._operations = context.operations
        self._persona = PersonaRecord(self.tr("New persona"))
        self._dirty = False
        self._loading = False

        self.list = QListWidget()
        self.list.setObjectName("personaList")
        self.list.currentItemChanged.connect(self._on_current)
        self.new_button = QPushButton(self.tr("&New persona"))
        self.new_button.clicked.connect(self.new_persona)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete)
        self.match_button = QPushButton(self.tr("Match contacts…"))
        self.match_button.setObjectName("matchContacts")
        self.match_button.setToolTip(
            self.tr("Suggest a persona for every contact whose job title fits one")
        )
        self.match_button.clicked.connect(self.match_contacts)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        left.addWidget(self.delete_button)
        left.addWidget(self.match_button)
        left_box = QWidget()
        left_box.setLayout(left)

        self.name = QLineEdit()
        self.name.setObjectName("personaName")
        self.name_problem = QLabel()
        self.name_problem.setStyleSheet("color: #b00020;")
        self.name_problem.hide()
        self.titles = self._text("personaTitles", 4)
        self.titles.setPlaceholderText(
            self.tr("One per line, e.g.\nEinkaufsleiter\nLeiter Einkauf\nHead of Procurement")
        )
        self.keywords = self._text("personaKeywords", 2)
        self.keywords.setPlaceholderText(self.tr("One per line, e.g. Einkauf, Procurement"))
        self.department = QLineEdit()
        self.seniority = QLineEdit()
        self.seniority.setPlaceholderText(self.tr("e.g. management, head of department"))
        self.decision_role = QComboBox()
        self.decision_role.setObjectName("personaDecisionRole")
        for role in DecisionRole:
            self.decision_role.addItem(decision_role_label(role), role.value)
        self.budget_authority = QCheckBox(self.tr("Can approve the budget"))
        self.goals = self._text("personaGoals", 3)
        self.pains = self._text("personaPains", 3)
        self.objections = self._text("personaObjections", 3)
        self.talking_points = self._text("personaTalkingPoints", 3)

        form = QFormLayout()
        name_box = QVBoxLayout()
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_problem)
        rows: tuple[tuple[str, QWidget | QVBoxLayout], ...] = (
            (self.tr("&Name:"), name_box),
            (self.tr("Job &titles:"), self.titles),
            (self.tr("&Keywords:"), self.keywords),
            (self.tr("&Department:"), self.department),
            (self.tr("S&eniority:"), self.seniority),
            (self.tr("Decision &role:"), self.decision_role),
            ("", self.budget_authority),
            (self.tr("&Goals:"), self.goals),
            (self.tr("&Pains:"), self.pains),
            (self.tr("&Objections:"), self.objections),
            (self.tr("Talking &points:"), self.talking_points),
        )
        for caption, field in rows:
            label = QLabel(caption)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                form.addRow(label, field)
            else:
                label.setBuddy(self.name)
                form.addRow(label, field)
        content = QWidget()
        content.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.state_label = QLabel()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("savePersona")
        self.save_button.setToolTip(self.tr("Save the persona (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Discard changes"))
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addLayout(buttons)
        right_box = QWidget()
        right_box.setLayout(right)

        splitter = QSplitter()
        splitter.addWidget(left_box)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save)
        for line in (self.name, self.department, self.seniority):
            line.textChanged.connect(self._on_edited)
        for text in (
            self.titles,
            self.keywords,
            self.goals,
            self.pains,
            self.objections,
            self.talking_points,
        ):
            text.textChanged.connect(self._on_edited)
        self.decision_role.currentIndexChanged.connect(self._on_edited)
        self.budget_authority.toggled.connect(self._on_edited)
        context.operations.changed.connect(self.on_changes)
        self.reload()

    def _text(self, name: str, lines: int) -> QPlainTextEdit:
        field = QPlainTextEdit()
        field.setObjectName(name)
        field.setTabChangesFocus(True)
        field.setFixedHeight(field.fontMetrics().lineSpacing() * lines + 12)
        return field

    # -- loading

    def on_changes(self, changes: Changes) -> None:
        if changes.profiles and not self._dirty:
            self.reload()

    def reload(self) -> None:
        found = self._operations.read(personas.list_personas, parent=self) or []
        keep = self._persona.id
        self._fill_list(found)
        chosen = next((p for p in found if p.id == keep), found[0] if found else None)
        self._show(chosen or PersonaRecord(self.tr("New persona")))

    def _fill_list(self, found: list[PersonaRecord]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for persona in found:
            item = QListWidgetItem(persona.name)
            item.setData(Qt.ItemDataRole.UserRole, persona.id)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _select_in_list(self, persona_id: int | None) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == persona_id:
                self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _show(self, persona: PersonaRecord) -> None:
        self._persona = persona
        self._loading = True
        try:
            self.name.setText(persona.name)
            self.titles.setPlainText("\n".join(persona.titles))
            self.keywords.setPlainText("\n".join(persona.keywords))
            self.department.setText(persona.department)
            self.seniority.setText(persona.seniority)
            self.decision_role.setCurrentIndex(
                max(self.decision_role.findData(persona.decision_role.value), 0)
            )
            self.budget_authority.setChecked(persona.budget_authority)
            self.goals.setPlainText(persona.goals)
            self.pains.setPlainText(persona.pains)
            self.objections.setPlainText(persona.objections)
            self.talking_points.setPlainText(persona.talking_points)
        finally:
            self._loading = False
        self.name_problem.hide()
        self._select_in_list(persona.id)
        self._set_dirty(persona.id is None and self.list.count() == 0)

    def _on_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        persona_id = item.data(Qt.ItemDataRole.UserRole)
        if persona_id == self._persona.id:
            return
        if not self.maybe_keep_edits():
            self._select_in_list(self._persona.id)
            return
        found = self._operations.read(lambda s: personas.get_persona(s, persona_id), parent=self)
        if found is not None:
            self._show(found)

    # -- editing

    def _on_edited(self) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        stored = self._persona.id is not None
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty and stored)
        self.delete_button.setEnabled(stored)
        self.match_button.setEnabled(self.list.count() > 0)
        self.state_label.setText("" if stored else self.tr("Not saved yet."))

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def draft(self) -> PersonaRecord:
        return replace(
            self._persona,
            name=self.name.text(),
            titles=_split_lines(self.titles.toPlainText()),
            keywords=_split_lines(self.keywords.toPlainText()),
            department=self.department.text(),
            seniority=self.seniority.text(),
            decision_role=DecisionRole(self.decision_role.currentData()),
            budget_authority=self.budget_authority.isChecked(),
            goals=self.goals.toPlainText(),
            pains=self.pains.toPlainText(),
            objections=self.objections.toPlainText(),
            talking_points=self.talking_points.toPlainText(),
        )

    def save(self) -> bool:
        draft = self.draft()
        try:
            outcome = self._operations.write(
                lambda db: personas.save_persona(db, draft),
                parent=self,
                expected=(ValidationFailed,),
            )
        except ValidationFailed as exc:
            problem = exc.problems.get("name")
            if problem is not None:
                self.name_problem.setText(describe_field(problem))
                self.name_problem.show()
                self.name.setFocus()
            return False
        if outcome is None:
            return False
        self._dirty = False
        self._persona = outcome.value
        self.reload()
        return True

    def revert(self) -> None:
        if self._persona.id is not None:
            self._dirty = False
            self.reload()

    def maybe_keep_edits(self) -> bool:
        """Before the edits would be lost: save them, drop them, or stay (False)."""
        if not self._dirty:
            return True
        answer = ask_about_edits(
            self,
            self.tr("Unsaved persona"),
            self.tr("Save the changes to the persona \u201c{name}\u201d?").format(
                name=self.name.text() or self._persona.name
            ),
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            return True
        return False

    def new_persona(self) -> None:
        if not self.maybe_keep_edits():
            return
        self._show(PersonaRecord(self.tr("New persona")))
        self._set_dirty(True)
        self.name.selectAll()
        self.name.setFocus()

    def delete(self) -> None:
        persona = self._persona
        if persona.id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete persona"),
            self.tr(
                "Delete the persona \u201c{name}\u201d? Contacts matched to it keep everything "
                "else."
            ).format(name=persona.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        persona_id = persona.id
        if self._operations.write(lambda db: personas.delete_persona(db, persona_id), parent=self):
            self._dirty = False
            self._persona = PersonaRecord(self.tr("New persona"))
            self.reload()

    def match_contacts(self) -> None:
        from ui.dialogs.persona_match_dialog import PersonaMatchDialog

        if not self.maybe_keep_edits():
            return
        PersonaMatchDialog.ask(self._context, parent=self)
