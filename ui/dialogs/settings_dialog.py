"""Preferences of this machine (database, language, who works here) and the team's rules for
qualifying (the sales window), the pipeline (each stage's probability) and nurturing (the
firm's state for its holidays, when a lead counts as forgotten)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from prospector import paths
from prospector.enums import OpportunityStage
from prospector.errors import BadDatabaseUrl
from prospector.qualification import DEFAULT_PROBABILITIES, SalesWindow
from prospector.services import nurture_settings as nurture_settings_module
from prospector.services import pipeline_settings
from prospector.services.nurture_settings import NurtureSettings, nurture_settings
from prospector.services.team import list_team_members
from prospector.settings import Preferences, to_url
from prospector.workdays import state_labels
from ui.context import AppContext
from ui.labels import opportunity_stage_label


class SettingsDialog(QDialog):
    """Changes take effect at the next start; the dialog says so."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        prefs = context.preferences

        self.use_default = QRadioButton(self.tr("&Default file on this computer"))
        self.use_file = QRadioButton(self.tr("Another &file"))
        self.use_server = QRadioButton(self.tr("Shared &PostgreSQL server"))
        group = QButtonGroup(self)
        for button in (self.use_default, self.use_file, self.use_server):
            group.addButton(button)
        self.default_label = QLabel(str(paths.default_database_path()))
        self.default_label.setWordWrap(True)
        self.file_edit = QLineEdit()
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._on_browse)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("postgresql+psycopg://user:password@server/prospector")

        current = prefs.database_url or ""
        if not current:
            self.use_default.setChecked(True)
        elif current.startswith("sqlite:///"):
            self.use_file.setChecked(True)
            self.file_edit.setText(current.removeprefix("sqlite:///"))
        else:
            self.use_server.setChecked(True)
            self.url_edit.setText(current)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit)
        file_row.addWidget(browse)
        database_box = QGroupBox(self.tr("Database"))
        database_layout = QVBoxLayout(database_box)
        database_layout.addWidget(self.use_default)
        database_layout.addWidget(self.default_label)
        database_layout.addWidget(self.use_file)
        database_layout.addLayout(file_row)
        database_layout.addWidget(self.use_server)
        database_layout.addWidget(self.url_edit)

        self.language = QComboBox()
        self.language.addItem(self.tr("As the system"), None)
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.current_user = QComboBox()
        self.current_user.setObjectName("currentUser")
        self.current_user.addItem(self.tr("Nobody chosen"), None)
        members = context.operations.read(list_team_members, parent=self) or []
        names = [m.name for m in members]
        if prefs.current_user and prefs.current_user not in names:
            names.append(prefs.current_user)  # kept: another database may have them
        for name in names:
            self.current_user.addItem(name, name)
        self.current_user.setCurrentIndex(max(0, self.current_user.findData(prefs.current_user)))
        self.current_user.setToolTip(
            self.tr(
                "Your leads are shown under \u201cMy leads\u201d, and what you qualify is "
                "recorded under your name."
            )
        )
        general = QFormLayout()
        general.addRow(self.tr("&Language"), self.language)
        general.addRow(self.tr("&I am"), self.current_user)

        team_box = self._team_rules(context)
        nurture_box = self._nurture_rules(context)

        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        note = QLabel(self.tr("Changes take effect when Prospector is started again."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(database_box)
        layout.addLayout(general)
        layout.addWidget(team_box)
        layout.addWidget(nurture_box)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        checked = group.checkedButton()
        if checked is not None:
            checked.setFocus()

    def _team_rules(self, context: AppContext) -> QGroupBox:
        """The sales window and the stage probabilities: stored in the database for everyone."""

        found = context.operations.read(pipeline_settings.team_rules, parent=self)
        window, chances = found if found else (SalesWindow(), {})
        self.window_min = QSpinBox()
        self.window_max = QSpinBox()
        for box, value in (
            (self.window_min, window.min_months),
            (self.window_max, window.max_months),
        ):
            box.setRange(0, pipeline_settings.MAX_MONTHS)
            box.setSuffix(self.tr(" months"))
            box.setValue(value)
        self.window_max.setMinimum(1)
        self._stored_window = (window.min_months, window.max_months)
        window_row = QHBoxLayout()
        window_row.addWidget(self.window_min)
        window_row.addWidget(QLabel("\u2013"))
        window_row.addWidget(self.window_max)
        window_row.addStretch(1)
        self.probability: dict[OpportunityStage, QSpinBox] = {}
        form = QFormLayout()
        label = QLabel(self.tr("Usual &sales period:"))
        label.setBuddy(self.window_min)
        label.setToolTip(
            self.tr(
                "A decision expected within the longer period meets the timing criterion; "
                "a later one sends the lead to nurturing."
            )
        )
        form.addRow(label, window_row)
        for stage in (
            OpportunityStage.OFFER,
            OpportunityStage.OFFER_SENT,
            OpportunityStage.NEGOTIATION,
        ):
            box = QSpinBox()
            box.setRange(0, 100)
            box.setSuffix(" %")
            box.setValue(chances.get(stage, DEFAULT_PROBABILITIES[stage]))
            self.probability[stage] = box
            form.addRow(
                self.tr("Chance at \u201c%1\u201d:").replace("%1", opportunity_stage_label(stage)),
                box,
            )
        self._stored_chances = {stage: box.value() for stage, box in self.probability.items()}
        group = QGroupBox(self.tr("Qualifying and pipeline (for the whole team)"))
        group.setLayout(form)
        return group

    def _nurture_rules(self, context: AppContext) -> QGroupBox:
        """The firm's state for its holidays, and when a lead counts as forgotten: stored in
        the database for everyone."""
        self._stored_nurture = (
            context.operations.read(nurture_settings, parent=self) or NurtureSettings()
        )
        stored = self._stored_nurture
        self.state = QComboBox()
        self.state.setObjectName("firmState")
        self.state.addItem(self.tr("Only the nationwide holidays"), None)
        for code, name in state_labels(QCoreApplication.translate).items():
            self.state.addItem(name, code)
        self.state.setCurrentIndex(max(0, self.state.findData(stored.state)))
        self.quiet_days = QSpinBox()
        self.quiet_days.setObjectName("quietDays")
        self.retry_days = QSpinBox()
        self.retry_days.setObjectName("retryDays")
        for box, value in (
            (self.quiet_days, stored.quiet_days),
            (self.retry_days, stored.retry_days),
        ):
            box.setRange(1, nurture_settings_module.MAX_DAYS)
            box.setSuffix(self.tr(" days"))
            box.setValue(value)
        self.off_days = QCheckBox(self.tr("Plan touches on weekends and public holidays too"))
        self.off_days.setObjectName("offDays")
        self.off_days.setChecked(stored.off_days)
        form = QFormLayout()
        for caption, widget, tip in (
            (
                self.tr("Federal &state:"),
                self.state,
                self.tr("Its public holidays are marked in the calendar and kept free of touches."),
            ),
            (
                self.tr("Forgotten after:"),
                self.quiet_days,
                self.tr("A lead nobody touched for this long, with nothing planned, is listed."),
            ),
            (
                self.tr("Next try after:"),
                self.retry_days,
                self.tr("A call that did not reach the person is tried again this much later."),
            ),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            label.setToolTip(tip)
            widget.setToolTip(tip)
            form.addRow(label, widget)
        form.addRow("", self.off_days)
        group = QGroupBox(self.tr("Nurturing and calendar (for the whole team)"))
        group.setLayout(form)
        return group

    def _save_nurture_rules(self) -> bool:
        chosen = NurtureSettings(
            state=self.state.currentData(),
            quiet_days=self.quiet_days.value(),
            retry_days=self.retry_days.value(),
            off_days=self.off_days.isChecked(),
        )
        if chosen == self._stored_nurture:
            return True
        done = self._context.operations.write(
            lambda db: nurture_settings_module.save_nurture_settings(db, chosen), parent=self
        )
        return done is not None

    def _save_team_rules(self) -> bool:
        operations = self._context.operations
        window = (self.window_min.value(), self.window_max.value())
        if window != self._stored_window:
            low, high = window
            done = operations.write(
                lambda db: pipeline_settings.save_sales_window(db, low, high), parent=self
            )
            if done is None:
                return False
        chances = {stage: box.value() for stage, box in self.probability.items()}
        if chances != self._stored_chances:
            done_chances = operations.write(
                lambda db: pipeline_settings.save_probabilities(db, chances), parent=self
            )
            if done_chances is None:
                return False
        return True

    @classmethod
    def ask(cls, context: AppContext, parent: QWidget | None = None) -> Preferences | None:
        """Show the dialog; the saved preferences, or None if cancelled."""
        dialog = cls(context, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return context.preferences
        return None

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Database file"),
            self.file_edit.text() or str(paths.data_dir()),
            self.tr("Prospector database (*.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.file_edit.setText(path)
            self.use_file.setChecked(True)

    def chosen_database_url(self) -> str | None:
        """None for the default file; raises ValueError for an unusable entry."""
        if self.use_default.isChecked():
            return None
        text = self.file_edit.text() if self.use_file.isChecked() else self.url_edit.text()
        if not text.strip():
            raise ValueError("empty")
        if self.use_server.isChecked() and "://" not in text:
            raise ValueError("not a url")
        return to_url(text)

    def accept(self) -> None:
        try:
            url = self.chosen_database_url()
        except (ValueError, BadDatabaseUrl):
            self.problem.setText(
                self.tr("Enter a database file, or a server address such as %1.").replace(
                    "%1", "postgresql+psycopg://user@server/prospector"
                )
            )
            self.problem.show()
            return
        if not (self._save_team_rules() and self._save_nurture_rules()):
            return
        self._context.update_preferences(
            database_url=url,
            language=self.language.currentData(),
            current_user=self.current_user.currentData(),
        )
        super().accept()
