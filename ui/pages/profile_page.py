"""The ideal customer: profiles, their criteria with a live count of the core group, and
the texts the call sheets print."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from prospector.changes import Changes
from prospector.errors import ValidationFailed
from prospector.icp import Profile
from prospector.services import core_group, profiles
from prospector.services.company_query import count_companies, distinct_values
from prospector.services.core_group import CoreGroup
from ui.context import AppContext
from ui.messages import describe_field
from ui.pages.read_when_shown import ReadWhenShown
from ui.widgets.criteria_editor import CriteriaEditor, Loaders
from ui.widgets.form import ask_about_edits
from ui.widgets.progress import ProgressDialogs

log = logging.getLogger(__name__)

# Long enough to let a word be typed, short enough to feel live.
COUNT_DELAY_MS = 250


class ProfilePage(QWidget):
    """Edits one profile at a time; saving the active one scores every company again."""

    core_counted = Signal(object)  # CoreGroup | None, after each live count

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profilePage")
        self._operations = context.operations
        self._job = context.operations.job(self)
        ProgressDialogs(self, self._job)
        self._breakdown = context.operations.job(self)  # quiet: no progress dialog
        self._breakdown_wanted = False
        self._reading = ReadWhenShown(self, lambda: self._count_timer.start(), stale=False)
        self._profile = Profile(self.tr("Ideal customer"))  # what is being edited, as loaded
        self._dirty = False
        self._loading = False

        self.chooser = QComboBox()
        self.chooser.setObjectName("profileChooser")
        self.chooser.setMinimumContentsLength(24)
        self.chooser.activated.connect(self._on_chosen)
        self.new_button = QPushButton(self.tr("New profile…"))
        self.new_button.clicked.connect(self.new_profile)
        self.activate_button = QPushButton(self.tr("Make active"))
        self.activate_button.setObjectName("activateProfile")
        self.activate_button.setToolTip(
            self.tr("Score every company against this profile and plan with its core group")
        )
        self.activate_button.clicked.connect(self.activate)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete)
        top = QHBoxLayout()
        chooser_label = QLabel(self.tr("&Profile:"))
        chooser_label.setBuddy(self.chooser)
        top.addWidget(chooser_label)
        top.addWidget(self.chooser)
        top.addWidget(self.new_button)
        top.addWidget(self.activate_button)
        top.addWidget(self.delete_button)
        top.addStretch(1)

        self.core_label = QLabel()
        self.core_label.setObjectName("coreCount")
        font = self.core_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.core_label.setFont(font)
        self.core_hint = QLabel(
            self.tr(
                "The core group: the companies that meet every must-criterion. Plan with it, "
                "not with the whole market."
            )
        )
        self.core_hint.setWordWrap(True)
        self.core_hint.setEnabled(False)
        self.state_label = QLabel()
        self.state_label.setObjectName("profileState")

        self.name = QLineEdit()
        self.name.setObjectName("profileName")
        self.name_problem = QLabel()
        self.name_problem.setStyleSheet("color: #b00020;")
        self.name_problem.hide()
        name_form = QFormLayout()
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name)
        name_box = QVBoxLayout()
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_problem)
        name_form.addRow(name_label, name_box)

        self.editor = CriteriaEditor()
        self.editor.industry_picker_requested.connect(self.pick_industries)
        criteria_box = QGroupBox(self.tr("Criteria"))
        QVBoxLayout(criteria_box).addWidget(self.editor)

        self.markets = self._text_field("markets")
        self.pain_points = self._text_field("painPoints")
        self.value_proposition = self._text_field("valueProposition")
        self.description = self._text_field("description")
        texts_box = QGroupBox(self.tr("What the call sheets print"))
        texts = QFormLayout(texts_box)
        for caption, field in (
            (self.tr("&Markets:"), self.markets),
            (self.tr("P&ain points:"), self.pain_points),
            (self.tr("&Value proposition:"), self.value_proposition),
            (self.tr("N&otes:"), self.description),
        ):
            label = QLabel(caption)
            label.setBuddy(field)
            texts.addRow(label, field)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(name_form)
        body.addWidget(criteria_box)
        body.addWidget(texts_box)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveProfile")
        self.save_button.setToolTip(self.tr("Save the profile (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Discard changes"))
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.core_label)
        layout.addWidget(self.core_hint)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.count_now)
        self.editor.changed.connect(self._on_edited)
        self.name.textChanged.connect(self._on_edited)
        for field in (self.markets, self.pain_points, self.value_proposition, self.description):
            field.textChanged.connect(self._on_edited)
        self.editor.set_loaders(
            Loaders(
                industries=lambda: self._distinct("industry"),
                countries=lambda: self._distinct("country"),
                states=lambda: self._distinct("state"),
                tags=self._tag_names,
            )
        )
        context.operations.changed.connect(self.on_changes)
        self.reload()

    def _text_field(self, name: str) -> QPlainTextEdit:
        field = QPlainTextEdit()
        field.setObjectName(name)
        field.setTabChangesFocus(True)
        field.setFixedHeight(field.fontMetrics().lineSpacing() * 4 + 12)
        return field

    def _distinct(self, column: str) -> list[str]:
        return self._operations.read(lambda s: distinct_values(s, column), parent=self) or []

    def _tag_names(self) -> list[str]:
        from prospector.services.tags import list_tags

        return [t.name for t in self._operations.read(list_tags, parent=self) or ()]

    # -- loading

    def on_changes(self, changes: Changes) -> None:
        if changes.profiles:
            self._fill_chooser()
        if changes.companies or changes.tags:
            # Counted again when in sight; a hidden page counts when it is shown.
            self._reading.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reading.shown()

    def reload(self) -> None:
        """Show the active profile (or the first; a new draft when there is none)."""
        found = self._operations.read(profiles.list_profiles, parent=self) or []
        self._fill_chooser(found)
        self._show(found[0] if found else Profile(self.tr("Ideal customer")))

    def _fill_chooser(self, found: list[Profile] | None = None) -> None:
        if found is None:
            found = self._operations.read(profiles.list_profiles, parent=self) or []
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for profile in found:
            text = profile.name
            if profile.active:
                text = self.tr("%1 (active)").replace("%1", profile.name)
            self.chooser.addItem(text, profile.id)
        if self._profile.id is None:
            self.chooser.addItem(self.tr("%1 (new)").replace("%1", self._profile.name), None)
        index = self.chooser.findData(self._profile.id)
        self.chooser.setCurrentIndex(max(index, 0))
        self.chooser.blockSignals(False)
        self._update_buttons()

    def _show(self, profile: Profile) -> None:
        self._profile = profile
        self._loading = True
        try:
            self.name.setText(profile.name)
            self.editor.set_criteria(profile.criteria)
            self.markets.setPlainText(profile.markets)
            self.pain_points.setPlainText(profile.pain_points)
            self.value_proposition.setPlainText(profile.value_proposition)
            self.description.setPlainText(profile.description)
        finally:
            self._loading = False
        self.name_problem.hide()
        self._set_dirty(profile.id is None)
        self._fill_chooser()
        self.count_now()

    def _on_chosen(self, index: int) -> None:
        profile_id = self.chooser.itemData(index)
        if profile_id == self._profile.id:
            return
        if not self.maybe_keep_edits():
            self.chooser.setCurrentIndex(max(self.chooser.findData(self._profile.id), 0))
            return
        if profile_id is None:
            return
        found = self._operations.read(lambda s: profiles.get_profile(s, profile_id), parent=self)
        if found is not None:
            self._show(found)

    # -- editing

    def _on_edited(self) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        self._count_timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self._update_buttons()

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def _update_buttons(self) -> None:
        stored = self._profile.id is not None
        self.save_button.setEnabled(self._dirty)
        self.revert_button.setEnabled(self._dirty and stored)
        self.activate_button.setEnabled(stored and not self._profile.active)
        self.delete_button.setEnabled(stored)
        if not stored:
            self.state_label.setText(self.tr("Not saved yet."))
        elif self._profile.active:
            self.state_label.setText(
                self.tr("Active: the fit scores of all companies follow this profile.")
            )
        else:
            self.state_label.setText(self.tr("Not active: the fit scores follow another profile."))

    def draft(self) -> Profile | None:
        """The profile as edited; None while a field is invalid."""
        try:
            criteria = self.editor.criteria()
        except ValueError:
            return None
        return replace(
            self._profile,
            name=self.name.text(),
            criteria=criteria,
            markets=self.markets.toPlainText(),
            pain_points=self.pain_points.toPlainText(),
            value_proposition=self.value_proposition.toPlainText(),
            description=self.description.toPlainText(),
        )

    def count_now(self) -> int | None:
        """Count the core group of the profile as edited (what the user waits for), then
        fill in what each criterion costs from a pass in the background."""
        self._count_timer.stop()
        draft = self.draft()
        if draft is None:
            self.core_label.setText(self.tr("Core group: check the postcode areas"))
            self.editor.show_counts(None)
            self.core_counted.emit(None)
            return None
        found = self._operations.read(
            lambda s: (core_group.core_count(s, draft), count_companies(s)), parent=self
        )
        if found is None:
            return None
        core, total = found
        locale = QLocale()
        share = 100 * core // total if total else 0
        self.core_label.setText(
            self.tr("Core group: %1 of %2 companies (%3 %)")
            .replace("%1", locale.toString(core))
            .replace("%2", locale.toString(total))
            .replace("%3", locale.toString(share))
        )
        self._measure(draft)
        return core

    def _measure(self, draft: Profile) -> None:
        # One pass at a time: an edit while one runs asks for another when it is done, so
        # typing never waits for a pass, and the last edit is always the one shown.
        if self._breakdown.busy:
            self._breakdown_wanted = True
            return
        self._breakdown_wanted = False
        self._breakdown.start(
            self.tr("Counting what each criterion costs…"),
            lambda db, _progress: core_group.measure(db, draft),
            self._on_measured,
            on_failed=lambda error: log.warning("breakdown failed", exc_info=error),
        )

    def _on_measured(self, counts: object) -> None:
        if self._breakdown_wanted:
            draft = self.draft()
            if draft is not None:
                self._measure(draft)
                return
        assert isinstance(counts, CoreGroup)
        self.editor.show_counts(counts)
        self.core_counted.emit(counts)

    @property
    def measuring(self) -> bool:
        return self._breakdown.busy or self._breakdown_wanted

    def stop(self) -> None:
        """Wait for a pass still under way (the window closes): no thread outlives the page."""
        self._breakdown_wanted = False
        self._breakdown.abandon()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def pick_industries(self) -> None:
        from ui.dialogs.industry_dialog import IndustryDialog

        chosen = IndustryDialog.ask(multiple=True, parent=self)
        if chosen:
            self.editor.add_codes(chosen)

    # -- saving

    def save(self) -> bool:
        """Store the profile; the active one scores every company again, in the background.
        True when it was stored (or is being stored)."""
        if self._job.busy:
            return False
        draft = self.draft()
        if draft is None:
            self.editor.postcodes.setFocus()
            return False
        if draft.active:
            self._job.start(
                self.tr("Scoring every company against the profile…"),
                lambda db, progress: profiles.save_profile(db, draft, progress),
                self._on_saved,
                on_failed=self._on_save_failed,
            )
            return True
        try:
            outcome = self._operations.write(
                lambda db: profiles.save_profile(db, draft),
                parent=self,
                expected=(ValidationFailed,),
            )
        except ValidationFailed as exc:
            self._show_problem(exc)
            return False
        if outcome is None:
            return False
        self._on_saved(outcome.value)
        return True

    def _on_saved(self, saved: object) -> None:
        assert isinstance(saved, Profile)
        self._show(saved)

    def _on_save_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            self._show_problem(error)
        else:
            self._operations.report(error, self)

    def _show_problem(self, error: ValidationFailed) -> None:
        problem = error.problems.get("name")
        if problem is not None:
            self.name_problem.setText(describe_field(problem))
            self.name_problem.show()
            self.name.setFocus()

    def revert(self) -> None:
        if self._profile.id is None:
            return
        found = self._operations.read(
            lambda s: profiles.get_profile(s, self._profile.id or 0), parent=self
        )
        if found is not None:
            self._show(found)

    def maybe_keep_edits(self) -> bool:
        """Before the edits would be lost: save them, drop them, or stay (False)."""
        if not self._dirty:
            return True
        answer = ask_about_edits(
            self,
            self.tr("Unsaved profile"),
            self.tr("Save the changes to the profile \u201c{name}\u201d?").format(
                name=self.name.text() or self._profile.name
            ),
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save() and not self._job.busy
        return answer == QMessageBox.StandardButton.Discard

    def new_profile(self) -> None:
        if not self.maybe_keep_edits():
            return
        name, ok = QInputDialog.getText(self, self.tr("New profile"), self.tr("Name:"))
        if ok and name.strip():
            self._show(Profile(name.strip()))
            self.name.setFocus()

    def activate(self) -> None:
        if self._profile.id is None or self._job.busy or not self.maybe_keep_edits():
            return
        profile_id = self._profile.id
        self._job.start(
            self.tr("Scoring every company against the profile…"),
            lambda db, progress: profiles.activate_profile(db, profile_id, progress),
            self._on_saved,
        )

    def delete(self) -> None:
        if self._profile.id is None:
            return
        question = self.tr("Delete the profile \u201c{name}\u201d?").format(name=self._profile.name)
        if self._profile.active:
            question += " " + self.tr("It is the active one: the fit scores are cleared.")
        answer = QMessageBox.question(
            self,
            self.tr("Delete profile"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        profile_id = self._profile.id
        if self._operations.write(lambda db: profiles.delete_profile(db, profile_id), parent=self):
            self._dirty = False
            self.reload()

    @property
    def job_busy(self) -> bool:
        return self._job.busy
