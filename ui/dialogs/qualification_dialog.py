"""The checklist of one lead: authority, need, budget and timing, and what follows from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from prospector.enums import Criterion, CriterionStatus, DisqualifyReason, LeadStatus
from prospector.errors import ConcurrentEdit, ValidationFailed
from prospector.qualification import (
    CRITERIA,
    Timing,
    Verdict,
    missing,
    requalify_date,
    timing,
    verdict,
)
from prospector.services import qualification as service
from prospector.services.opportunities import MAX_VALUE
from prospector.services.qualification import (
    Decision,
    MoveRefused,
    QualificationInput,
    QualificationRecord,
    SetStatus,
)
from ui.context import AppContext
from ui.dialogs.lead_decisions import DisqualifyDialog, NurtureDialog, OpenOpportunityDialog
from ui.labels import (
    NOT_SET,
    criterion_label,
    criterion_status_label,
    disqualify_reason_label,
    lead_status_label,
)
from ui.messages import describe
from ui.widgets.criterion_box import CriterionBox
from ui.widgets.form import (
    FieldProblems,
    ask_about_edits,
    conflict_box,
    long_year_format,
    to_qdate,
)

NO_DATE = QDate(2000, 1, 1)
_REASONS = frozenset(r.value for r in DisqualifyReason)
_CRITERIA = frozenset(c.value for c in Criterion)


def _day(day: dt.date) -> str:
    locale = QLocale()
    return locale.toString(to_qdate(day), long_year_format(locale))


class QualificationDialog(QDialog):
    """Shows the stored checklist, saves it, and makes the lead's next move in the same step.
    An opportunity can be created only when all four criteria are met; the service enforces
    it, the button only says so first."""

    def __init__(self, context: AppContext, contact_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualificationDialog")
        self._context = context
        self._operations = context.operations
        self._contact_id = contact_id
        self._by = context.current_member_id()
        self._record: QualificationRecord | None = None
        self._shown: QualificationInput | None = None
        self.saved = False
        self.conflict_box: QMessageBox | None = None  # while the user is asked about a conflict
        self._problems = FieldProblems()
        self.setMinimumWidth(900)

        self.heading = QLabel()
        self.heading.setObjectName("leadHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.status_line = QLabel()
        self.status_line.setObjectName("leadStatus")
        self.status_line.setWordWrap(True)

        self.boxes = {
            Criterion.AUTHORITY: CriterionBox(
                Criterion.AUTHORITY,
                self.tr("Does this person decide?"),
                self.tr("&Authority:"),
                self._problems,
            ),
            Criterion.NEED: CriterionBox(
                Criterion.NEED,
                self.tr("Is there a need we can meet?"),
                self.tr("&Need:"),
                self._problems,
            ),
            Criterion.BUDGET: CriterionBox(
                Criterion.BUDGET,
                self.tr("Is money there for it?"),
                self.tr("B&udget:"),
                self._problems,
            ),
            Criterion.TIMING: CriterionBox(
                Criterion.TIMING,
                self.tr("Does the decision fall in the sales period?"),
                self.tr("&Timing:"),
                self._problems,
            ),
        }
        self._build_authority()
        self._build_need()
        self._build_budget()
        self._build_timing()
        grid = QGridLayout()
        for index, criterion in enumerate(CRITERIA):
            grid.addWidget(self.boxes[criterion], index // 2, index % 2)
            self.boxes[criterion].changed.connect(self._update)

        self.verdict_line = QLabel()
        self.verdict_line.setObjectName("verdict")
        self.verdict_line.setWordWrap(True)
        self.history = QTreeWidget()
        self.history.setObjectName("leadHistory")
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Why")]
        )
        checklist = QWidget()
        checklist_layout = QVBoxLayout(checklist)
        checklist_layout.addLayout(grid)
        checklist_layout.addWidget(self.verdict_line)
        checklist_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(checklist, self.tr("&Checklist"))
        self.tabs.addTab(self.history, self.tr("&History"))

        self.open_button = QPushButton(self.tr("Create &opportunity…"))
        self.open_button.setObjectName("openOpportunity")
        self.open_button.clicked.connect(self.open_opportunity)
        self.nurture_button = QPushButton(self.tr("Nu&rture…"))
        self.nurture_button.setObjectName("nurture")
        self.nurture_button.clicked.connect(self.nurture)
        self.disqualify_button = QPushButton(self.tr("Dis&qualify…"))
        self.disqualify_button.setObjectName("disqualify")
        self.disqualify_button.clicked.connect(self.disqualify)
        self.reopen_button = QPushButton(self.tr("Take &up again"))
        self.reopen_button.setObjectName("reopen")
        self.reopen_button.clicked.connect(self.take_up_again)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_and_close)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_and_close)
        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.nurture_button,
            self.disqualify_button,
            self.reopen_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status_line)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.reload()

    # --- the criteria's own fields -------------------------------------------------------------

    def _build_authority(self) -> None:
        self.others = QListWidget()
        self.others.setObjectName("authorityOthers")
        self.others.setMaximumHeight(self.fontMetrics().height() * 6)
        self.others.itemChanged.connect(self._update)
        self.boxes[Criterion.AUTHORITY].add_row(
            self.tr("Also decide or &influence:"), self.others, below=True
        )

    def _build_need(self) -> None:
        self.pains = QListWidget()
        self.pains.setObjectName("needPains")
        self.pains.setMaximumHeight(self.fontMetrics().height() * 6)
        self.pains.itemChanged.connect(self._update)
        self.no_pains = QLabel(
            self.tr("The active ideal customer lists no pain points yet; note the need above.")
        )
        self.no_pains.setWordWrap(True)
        box = self.boxes[Criterion.NEED]
        box.add_row(self.tr("&Pains they have:"), self.pains, below=True)
        box.form.addRow(self.no_pains)

    def _money(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, float(MAX_VALUE))
        spin.setDecimals(0)
        spin.setGroupSeparatorShown(True)
        spin.setSuffix(" \u20ac")
        spin.setSpecialValueText(NOT_SET)
        spin.valueChanged.connect(self._update)
        return spin

    def _build_budget(self) -> None:
        self.budget_available = QComboBox()
        self.budget_available.setObjectName("budgetAvailable")
        for text, value in (
            (self.tr("Not known"), None),
            (self.tr("Yes"), True),
            (self.tr("No"), False),
        ):
            self.budget_available.addItem(text, value)
        self.budget_available.currentIndexChanged.connect(self._update)
        self.budget_min = self._money("budgetMin")
        self.budget_max = self._money("budgetMax")
        self.budget_period = QLineEdit()
        self.budget_period.setObjectName("budgetPeriod")
        self.budget_period.setMaxLength(service.PERIOD_LIMIT)
        self.budget_period.setPlaceholderText(self.tr("e.g. 2027 or second half of 2027"))
        self.budget_period.textChanged.connect(self._update)
        span = QHBoxLayout()
        span.setContentsMargins(0, 0, 0, 0)
        span.addWidget(self.budget_min)
        span.addWidget(QLabel("\u2013"))
        span.addWidget(self.budget_max)
        holder = QWidget()
        holder.setLayout(span)
        box = self.boxes[Criterion.BUDGET]
        box.add_row(self.tr("Available:"), self.budget_available)
        range_label = QLabel(self.tr("&Range:"))
        range_label.setBuddy(self.budget_min)
        box.form.addRow(range_label, self._problems.wrap("budget_max_eur", holder))
        box.add_row(self.tr("Budget &period:"), self.budget_period)

    def _build_timing(self) -> None:
        self.decision_known = QCheckBox(self.tr("&Decision expected on"))
        self.decision_known.setObjectName("decisionKnown")
        self.decision_on = QDateEdit()
        self.decision_on.setObjectName("decisionOn")
        self.decision_on.setCalendarPopup(True)
        self.decision_on.setDisplayFormat(long_year_format(QLocale()))
        self.decision_on.setMinimumDate(NO_DATE)
        self.decision_on.setDate(to_qdate(dt.date.today() + dt.timedelta(days=180)))
        self.decision_on.setEnabled(False)
        self.decision_known.toggled.connect(self.decision_on.setEnabled)
        self.decision_known.toggled.connect(self._on_decision_date)
        self.decision_on.dateChanged.connect(self._on_decision_date)
        self.timing_hint = QLabel()
        self.timing_hint.setObjectName("timingHint")
        self.timing_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.decision_known)
        row.addWidget(self.decision_on, 1)
        holder = QWidget()
        holder.setLayout(row)
        box = self.boxes[Criterion.TIMING]
        box.form.addRow(holder)
        box.form.addRow(self.timing_hint)

    # --- reading and showing -------------------------------------------------------------------

    @classmethod
    def ask(cls, context: AppContext, contact_id: int, parent: QWidget | None = None) -> bool:
        """Show the checklist; True when anything was saved."""
        dialog = cls(context, contact_id, parent)
        if dialog._record is None:
            return False
        dialog.exec()
        return dialog.saved

    def reload(self) -> None:
        """Show the lead as stored; the typed values go."""
        record = self._operations.read(
            lambda session: service.read_qualification(session, self._contact_id), parent=self
        )
        if record is None:
            return
        self._record = record
        self._show(record)
        self._shown = self.current_input()
        self._update()

    def _show(self, record: QualificationRecord) -> None:
        company = record.company_name or self.tr("no company")
        self.setWindowTitle(self.tr("Qualify %1").replace("%1", record.contact_name))
        self.heading.setText(f"{record.contact_name} \u2013 {company}")
        for criterion in CRITERIA:
            self.boxes[criterion].show_record(record.criteria[criterion])
        self.others.blockSignals(True)
        self.others.clear()
        for colleague in record.colleagues:
            extra = ", ".join(p for p in (colleague.job_title, colleague.persona) if p)
            text = f"{colleague.name} ({extra})" if extra else colleague.name
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, colleague.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = colleague.id in record.authority_others
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.others.addItem(item)
        self.others.blockSignals(False)
        self.pains.blockSignals(True)
        self.pains.clear()
        # The profile's pains, and any this lead has that the profile no longer lists.
        for pain in dict.fromkeys((*record.pains, *record.need_pains)):
            item = QListWidgetItem(pain)
            item.setToolTip(pain)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = pain in record.need_pains
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.pains.addItem(item)
        self.pains.blockSignals(False)
        self.pains.setVisible(self.pains.count() > 0)
        self.no_pains.setVisible(self.pains.count() == 0)
        self.budget_available.setCurrentIndex(
            max(0, self.budget_available.findData(record.budget_available))
        )
        self.budget_min.setValue(float(record.budget_min_eur or 0))
        self.budget_max.setValue(float(record.budget_max_eur or 0))
        self.budget_period.setText(record.budget_period)
        self.decision_known.setChecked(record.decision_expected_on is not None)
        if record.decision_expected_on is not None:
            self.decision_on.setDate(to_qdate(record.decision_expected_on))
        self._show_status(record)
        self._show_history(record)

    def _show_status(self, record: QualificationRecord) -> None:
        text = self.tr("Status: %1").replace("%1", lead_status_label(record.lead_status))
        if record.persona:
            text += " \u00b7 " + self.tr("Persona: %1").replace("%1", record.persona)
        if record.lead_status is LeadStatus.NURTURING and record.requalify_on is not None:
            day = _day(record.requalify_on)
            text += " \u00b7 " + self.tr("qualify again on %1").replace("%1", day)
        self.status_line.setText(text)
        closed = record.lead_status in (LeadStatus.DISQUALIFIED, LeadStatus.OPPORTUNITY)
        self.nurture_button.setVisible(record.lead_status is not LeadStatus.DISQUALIFIED)
        self.disqualify_button.setVisible(record.lead_status is not LeadStatus.DISQUALIFIED)
        self.reopen_button.setVisible(record.lead_status is LeadStatus.DISQUALIFIED)
        self.open_button.setVisible(not closed)

    def _show_history(self, record: QualificationRecord) -> None:
        self.history.clear()
        locale = QLocale()
        for event in record.history:
            when = locale.toString(
                QDateTime.fromSecsSinceEpoch(int(event.at.timestamp())),
                QLocale.FormatType.ShortFormat,
            )
            what = self._event_text(event.subject, event.old_value, event.new_value)
            why = event.note or ""
            if event.reason in _REASONS:
                why = " \u2013 ".join(
                    p for p in (disqualify_reason_label(DisqualifyReason(event.reason)), why) if p
                )
            self.history.addTopLevelItem(QTreeWidgetItem([when, event.by or NOT_SET, what, why]))
        for column in range(3):
            self.history.resizeColumnToContents(column)

    def _event_text(self, subject: str, old: str | None, new: str | None) -> str:
        if subject == "status":
            before = lead_status_label(LeadStatus(old)) if old else NOT_SET
            after = lead_status_label(LeadStatus(new)) if new else NOT_SET
            return self.tr("Status: %1 \u2192 %2").replace("%1", before).replace("%2", after)
        if subject == "opportunity":
            return self.tr("Opportunity created")
        if subject not in _CRITERIA:
            return subject
        before = criterion_status_label(CriterionStatus(old)) if old else NOT_SET
        after = criterion_status_label(CriterionStatus(new)) if new else NOT_SET
        return f"{criterion_label(Criterion(subject))}: {before} \u2192 {after}"

    # --- what the user typed -------------------------------------------------------------------

    def _checked(self, widget: QListWidget) -> list[QListWidgetItem]:
        items = (widget.item(i) for i in range(widget.count()))
        return [item for item in items if item.checkState() == Qt.CheckState.Checked]

    def _decision_date(self) -> dt.date | None:
        if not self.decision_known.isChecked():
            return None
        day = self.decision_on.date()
        return dt.date(day.year(), day.month(), day.day())

    def current_input(self) -> QualificationInput:
        record = self._record
        assert record is not None
        low, high = self.budget_min.value(), self.budget_max.value()
        return QualificationInput(
            contact_id=self._contact_id,
            criteria={c: box.state() for c, box in self.boxes.items()},
            authority_others=tuple(
                int(item.data(Qt.ItemDataRole.UserRole)) for item in self._checked(self.others)
            ),
            need_pains=tuple(item.text() for item in self._checked(self.pains)),
            budget_available=self.budget_available.currentData(),
            budget_min_eur=Decimal(str(int(low))) if low > 0 else None,
            budget_max_eur=Decimal(str(int(high))) if high > 0 else None,
            budget_period=self.budget_period.text(),
            decision_expected_on=self._decision_date(),
            version=record.version,
            status_read=record.lead_status,
        )

    def has_edits(self) -> bool:
        return self._record is not None and self.current_input() != self._shown

    def _on_decision_date(self) -> None:
        """A decision date inside the window meets timing; a later one does not."""
        record = self._record
        if record is None:
            return
        found = timing(self._decision_date(), dt.date.today(), record.window)
        box = self.boxes[Criterion.TIMING]
        if found in (Timing.INSIDE, Timing.SOON):
            box.set_status(CriterionStatus.MET)
            if not box.evidence.text().strip():
                decision = self._decision_date()
                assert decision is not None
                box.evidence.setText(
                    self.tr("Decision expected on %1").replace("%1", _day(decision))
                )
        elif found is Timing.LATER:
            box.set_status(CriterionStatus.NOT_MET)
        self._update()

    def _timing_text(self) -> str:
        record = self._record
        assert record is not None
        window = record.window
        found = timing(self._decision_date(), dt.date.today(), window)
        span = (
            self.tr("%1\u2013%2 months")
            .replace("%1", str(window.min_months))
            .replace("%2", str(window.max_months))
        )
        if found is Timing.UNKNOWN:
            return self.tr("Ask when they decide. The usual sales period is %1.").replace(
                "%1", span
            )
        if found is Timing.PAST:
            return self.tr("That date has passed: ask again when they decide.")
        if found is Timing.SOON:
            return self.tr(
                "Sooner than the usual %1: timing is met, the offer must hurry."
            ).replace("%1", span)
        if found is Timing.INSIDE:
            return self.tr("Inside the usual %1: timing is met.").replace("%1", span)
        decision = self._decision_date()
        assert decision is not None
        again = requalify_date(decision, dt.date.today(), window)
        day = _day(again)
        return (
            self.tr("Later than the usual %1: nurture the lead and qualify it again from %2.")
            .replace("%1", span)
            .replace("%2", day)
        )

    def _update(self) -> None:
        record = self._record
        if record is None:
            return
        data = self.current_input()
        lacking = missing(data.criteria)
        names = ", ".join(criterion_label(c) for c in lacking)
        state = verdict(data.criteria)
        if state is Verdict.READY:
            text = self.tr("All four criteria are met: an offer can be placed.")
        elif state is Verdict.FAILED:
            failed = [c for c in CRITERIA if data.criteria[c].status is CriterionStatus.NOT_MET]
            text = self.tr("Not met: %1. Nurture the lead, or disqualify it.").replace(
                "%1", ", ".join(criterion_label(c) for c in failed)
            )
        else:
            text = (
                self.tr("%1 of 4 criteria met; still open: %2.")
                .replace("%1", str(4 - len(lacking)))
                .replace("%2", names)
            )
        self.verdict_line.setText(text)
        self.open_button.setEnabled(not lacking)
        self.open_button.setToolTip(
            self.tr("Creates the opportunity: an offer can be placed.")
            if not lacking
            else self.tr("Needs all four criteria met with evidence. Missing: %1.").replace(
                "%1", names
            )
        )
        self.timing_hint.setText(self._timing_text())

    # --- saving ---------------------------------------------------------------------------------

    def _save(
        self, decision: Decision | None = None, data: QualificationInput | None = None
    ) -> bool:
        """Save the checklist (as typed, or `data`) with the decision; True when stored."""
        typed = data or self.current_input()
        by = self._by
        try:
            outcome = self._operations.write(
                lambda db: service.save_qualification(db, typed, decision, by_id=by),
                parent=self,
                expected=(ValidationFailed, ConcurrentEdit),
            )
        except MoveRefused as exc:
            self._problems.show({})
            QMessageBox.information(self, self.windowTitle(), describe(exc))
            return False
        except ValidationFailed as exc:
            self._problems.show(exc.problems)
            return False
        except ConcurrentEdit as exc:
            return self._on_conflict(exc, typed, decision)
        if outcome is None:
            return False
        self._problems.show({})
        self.saved = True
        self._record = outcome.value
        self._show(outcome.value)
        self._shown = self.current_input()
        self._update()
        return True

    def _on_conflict(
        self, error: ConcurrentEdit, typed: QualificationInput, decision: Decision | None
    ) -> bool:
        """Someone else saved this lead: keep every typed value, and let the user save theirs
        over it (the other change stays in the history) or look at the stored one."""
        box = conflict_box(
            self,
            error,
            self.tr(
                "Your entries are still here. Save them over the other change (it stays in the "
                "history), or show the stored checklist instead of yours."
            ),
        )
        mine = box.addButton(self.tr("Save mine"), QMessageBox.ButtonRole.AcceptRole)
        mine.setObjectName("saveMine")
        theirs = box.addButton(
            self.tr("Show the stored one"), QMessageBox.ButtonRole.DestructiveRole
        )
        theirs.setObjectName("showStored")
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepEditing")
        box.setDefaultButton(keep)
        self.conflict_box = box
        box.exec()
        self.conflict_box = None
        if box.clickedButton() is theirs:
            self.reload()
            return False
        if box.clickedButton() is not mine:
            return False
        stored = self._operations.read(
            lambda session: service.read_qualification(session, self._contact_id), parent=self
        )
        if stored is None:
            return False
        # The stored version and status, everything else as typed.
        again = replace(typed, version=stored.version, status_read=stored.lead_status)
        return self._save(decision, again)

    def save_and_close(self) -> None:
        if self._save():
            self.accept()

    def open_opportunity(self) -> None:
        record = self._record
        if record is None:
            return
        close_on = self._decision_date() or dt.date.today() + dt.timedelta(days=90)
        title = self.tr("Offer for %1").replace("%1", record.company_name or record.contact_name)
        start = OpenOpportunityDialog(title, close_on, self)
        if start.exec() == QDialog.DialogCode.Accepted and self._save(start.decision()):
            self.accept()

    def nurture(self) -> None:
        record = self._record
        if record is None:
            return
        decision = self._decision_date()
        today = dt.date.today()
        if decision is not None and timing(decision, today, record.window) is Timing.LATER:
            again = requalify_date(decision, today, record.window)
        else:
            again = record.requalify_on or today + dt.timedelta(days=90)
        start = NurtureDialog(again, self)
        if start.exec() == QDialog.DialogCode.Accepted and self._save(start.decision()):
            self.accept()

    def disqualify(self) -> None:
        start = DisqualifyDialog(self)
        if start.exec() == QDialog.DialogCode.Accepted and self._save(start.decision()):
            self.accept()

    def take_up_again(self) -> None:
        self._save(SetStatus(LeadStatus.LEAD))

    def reject(self) -> None:
        if self.has_edits():
            answer = ask_about_edits(
                self,
                self.windowTitle(),
                self.tr("Save the changes to the checklist?"),
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self._save():
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_edits():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
