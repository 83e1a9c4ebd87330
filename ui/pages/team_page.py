"""The team and its capacity: who qualifies leads, and how many weeks the backlog takes them."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.capacity import Assumptions, CapacityPlan, CapacityProblem
from prospector.changes import Changes
from prospector.enums import TeamRole
from prospector.errors import ConcurrentEdit, FieldProblem, ValidationFailed
from prospector.numbers import parse_decimal
from prospector.services import capacity_figures, team
from prospector.services.capacity_figures import CapacityFigures
from prospector.services.team import TeamMemberInput, TeamMemberRecord
from ui.context import AppContext
from ui.itemmodels.team_model import LEADS, NAME, ROLE, WEEKS, TeamModel, TeamRow, figure
from ui.labels import team_role_label
from ui.operations import Operations
from ui.pages.read_when_shown import ReadWhenShown
from ui.widgets.form import FieldProblems, add_row, ask_reload, combo_value, enum_combo, select_data

translate = QCoreApplication.translate

MAX_EXTRA_HOURS = 200
WARNING_STYLE = "color: #9b0016; font-weight: bold;"
# A code describe_field() does not know: the form then shows the problem's own text.
SHOWN = "shown"


def _fraction(value: float) -> Fraction:
    """A spin box's value as the exact number it shows (one decimal)."""
    return Fraction(Decimal(str(round(value, 1))))


def _input_of(record: TeamMemberRecord) -> TeamMemberInput:
    return TeamMemberInput(
        name=record.name,
        role=record.role,
        weekly_hours=record.weekly_hours,
        calls_per_hour=record.calls_per_hour,
        reach_percent=record.reach_percent,
        email=record.email,
        active=record.active,
    )


def confirm_deactivate(parent: QWidget, name: str, leads: int) -> bool:
    """Ask before a member is taken off the team; True to go ahead."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("TeamPage", "Deactivate team member"),
        translate("TeamPage", "Take \u201c%1\u201d off the team?").replace("%1", name),
        parent=parent,
    )
    details = translate(
        "TeamPage", "The member is kept, not deleted, and can be made active again at any time."
    )
    if leads:
        # No plural form: lupdate only finds those in self.tr().
        details += " " + translate(
            "TeamPage", "Until then, the leads they own (%1) count as leads without owner."
        ).replace("%1", QLocale().toString(leads))
    box.setInformativeText(details)
    go = box.addButton(translate("TeamPage", "Deactivate"), QMessageBox.ButtonRole.AcceptRole)
    go.setObjectName("confirmDeactivate")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


class MemberDialog(QDialog):
    """Add a team member or edit one; Save (or Enter) stores it, Cancel changes nothing."""

    def __init__(
        self,
        operations: Operations,
        record: TeamMemberRecord | None = None,
        leads: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberDialog")
        self._operations = operations
        self._record = record
        self._leads = leads  # backlog leads the member owns, for the question on deactivating
        self._locale = QLocale()
        self.saved_id: int | None = None
        self.setWindowTitle(
            self.tr("New team member")
            if record is None
            else self.tr("Edit \u201c%1\u201d").replace("%1", record.name)
        )

        self.name = QLineEdit()
        self.name.setMaxLength(team.NAME_LIMIT)
        self.role = enum_combo(TeamRole, team_role_label)
        self.weekly_hours = QLineEdit()
        self.weekly_hours.setPlaceholderText(
            self.tr("e.g. %1").replace("%1", self._locale.toString(10))
        )
        self.calls_per_hour = QLineEdit()
        self.reach_percent = QLineEdit()
        self.email = QLineEdit()
        self.active = QCheckBox(self.tr("&Active: takes on leads"))
        self.edits = {
            "name": self.name,
            "weekly_hours": self.weekly_hours,
            "calls_per_hour": self.calls_per_hour,
            "reach_percent": self.reach_percent,
            "email": self.email,
        }
        for field, edit in self.edits.items():
            edit.setObjectName(field)
        self.weekly_hours.setToolTip(self.tr("Hours a week this person spends qualifying leads."))
        self.calls_per_hour.setToolTip(self.tr("Dial attempts an hour, reached or not."))
        self.reach_percent.setToolTip(self.tr("Of 100 calls, how many reach the person wanted."))

        self._problems = FieldProblems()
        form = QFormLayout()
        for field, caption, widget in (
            ("name", self.tr("&Name:"), self.name),
            ("role", self.tr("&Role:"), self.role),
            ("weekly_hours", self.tr("&Hours a week for qualification:"), self.weekly_hours),
            ("calls_per_hour", self.tr("&Calls per hour:"), self.calls_per_hour),
            ("reach_percent", self.tr("Reach ra&te (%):"), self.reach_percent),
            ("email", self.tr("E-&mail:"), self.email),
        ):
            add_row(form, self._problems, field, caption, widget)
        form.addRow("", self._problems.wrap("active", self.active))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._fill(record)
        self.name.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)

    @classmethod
    def ask(
        cls,
        operations: Operations,
        record: TeamMemberRecord | None = None,
        leads: int = 0,
        parent: QWidget | None = None,
    ) -> int | None:
        """Show the form; the id of the saved member, or None if cancelled."""
        dialog = cls(operations, record, leads, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.saved_id
        return None

    def set_field(self, name: str, value: object) -> None:
        """Change a field as a user would: text, the role, or the active tick."""
        if name in self.edits:
            self.edits[name].setText(str(value))
        elif name == "role":
            select_data(self.role, value)
        elif name == "active":
            self.active.setChecked(bool(value))
        else:
            raise KeyError(name)

    def problem_text(self, name: str) -> str:
        return self._problems.text(name)

    def _fill(self, record: TeamMemberRecord | None) -> None:
        data = TeamMemberInput(name="", role=TeamRole.INSIDE_SALES)
        if record is not None:
            data = _input_of(record)
        self.name.setText(data.name)
        select_data(self.role, data.role)
        hours = data.weekly_hours
        self.weekly_hours.setText(figure(self._locale, hours) if record is not None else "")
        self.calls_per_hour.setText(figure(self._locale, data.calls_per_hour))
        self.reach_percent.setText(self._locale.toString(data.reach_percent))
        self.email.setText(data.email or "")
        self.active.setChecked(data.active)

    def _number(self, field: str, problems: dict[str, FieldProblem]) -> Decimal:
        text = self.edits[field].text().strip()
        try:
            value = parse_decimal(text)
        except ValueError:
            example = self._locale.toString(12.5, "f", 1)
            problems[field] = FieldProblem(
                SHOWN, self.tr("Not a number, e.g. %1.").replace("%1", example)
            )
            return Decimal(0)
        if value is None:
            if field != "weekly_hours":  # no hours is a real answer; no rate is not
                problems[field] = FieldProblem("required", "required")
            return Decimal(0)
        return value

    def _input(self) -> TeamMemberInput:
        """What the form says; ValidationFailed for numbers that cannot be read."""
        problems: dict[str, FieldProblem] = {}
        hours = self._number("weekly_hours", problems)
        calls = self._number("calls_per_hour", problems)
        reach = self._number("reach_percent", problems)
        if "reach_percent" not in problems and reach != reach.to_integral_value():
            problems["reach_percent"] = FieldProblem(
                SHOWN, self.tr("A whole number of percent, e.g. 25.")
            )
        if problems:
            raise ValidationFailed(problems)
        return TeamMemberInput(
            name=self.name.text(),
            role=combo_value(self.role, TeamRole),
            weekly_hours=hours,
            calls_per_hour=calls,
            reach_percent=int(reach),
            email=self.email.text() or None,
            active=self.active.isChecked(),
        )

    def _readable(self, problems: dict[str, FieldProblem]) -> dict[str, FieldProblem]:
        """The service's problems that the shared texts do not cover, in the user's language."""
        texts = {
            ("name", "duplicate"): self.tr("A team member with this name exists already."),
            ("weekly_hours", "too_many_hours"): self.tr("At most %1 hours a week.").replace(
                "%1", figure(self._locale, team.MAX_WEEKLY_HOURS)
            ),
            ("weekly_hours", "number_invalid"): self.tr("Not a number."),
            ("calls_per_hour", "out_of_range"): self.tr("Between 0 and %1 calls an hour.").replace(
                "%1", figure(self._locale, team.MAX_CALLS_PER_HOUR)
            ),
            ("calls_per_hour", "number_invalid"): self.tr("Not a number."),
            ("reach_percent", "out_of_range"): self.tr("Between 0 and 100 %."),
        }
        return {
            name: FieldProblem(SHOWN, texts[name, problem.code])
            if (name, problem.code) in texts
            else problem
            for name, problem in problems.items()
        }

    def accept(self) -> None:
        stored = self._record
        try:
            data = self._input()
            taken_off = stored is not None and stored.active and not data.active
            if taken_off and not confirm_deactivate(self, data.name, self._leads):
                return
            saved = self._operations.write(
                lambda db: team.save_team_member(
                    db, data, stored.id if stored else None, stored.version if stored else None
                ),
                parent=self,
                expected=(ValidationFailed, ConcurrentEdit),
            )
        except ValidationFailed as exc:
            self._problems.show(self._readable(exc.problems))
            first = next(iter(exc.problems))
            (self.edits.get(first) or self.role).setFocus()
            return
        except ConcurrentEdit as exc:
            # What was typed stays unless the user asks for the stored values.
            if ask_reload(self, exc):
                self._reload()
            return
        if saved is not None:
            self.saved_id = saved.value.id
            super().accept()

    def _reload(self) -> None:
        stored = self._record
        if stored is None:
            return
        members = self._operations.read(
            lambda session: team.list_team_members(session, active_only=False), parent=self
        )
        found = [m for m in members or [] if m.id == stored.id]
        if found:
            self._record = found[0]
            self._problems.show({})
            self._fill(found[0])


class TeamPage(QWidget):
    """Reads the team and its figures when shown and when the data changes; the arithmetic is
    the pure planner's."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamPage")
        self._operations = context.operations
        self._locale = QLocale()
        self._members: list[TeamMemberRecord] = []
        self._figures: CapacityFigures | None = None  # without the what-if hours
        self._what_if: CapacityFigures | None = None  # with them; None while there are none
        self._assumptions_edited = False
        # Read when first shown, not when the window starts.
        self._reading = ReadWhenShown(self, self.reload)

        intro = QLabel(
            self.tr(
                "Who qualifies your leads, and how long the backlog takes them. Leads nobody "
                "has the time to call are wasted."
            )
        )
        intro.setWordWrap(True)

        # The answer first (how many weeks), the team it comes from below.
        figures = QHBoxLayout()
        figures.addWidget(self._capacity_box(), 3)
        figures.addWidget(self._what_if_box(), 2)
        figures.addWidget(self._assumptions_box(), 2)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(figures)
        layout.addWidget(self._team_box(), 1)
        context.operations.changed.connect(self.on_changes)

    # -- building -------------------------------------------------------------------------

    def _team_box(self) -> QGroupBox:
        self.model = TeamModel(self)
        self.table = QTableView()
        self.table.setObjectName("teamTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.activated.connect(lambda _index: self.edit_member())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        metrics = self.table.fontMetrics()
        pad = metrics.averageCharWidth() * 3
        # Figures are short: each column as wide as its header in the user's language, the
        # names take the rest. Roles, "120 + 38.5" leads and late weeks need more.
        sample = {
            ROLE: max(metrics.horizontalAdvance(team_role_label(role)) for role in TeamRole),
            LEADS: metrics.horizontalAdvance(f"888 + {figure(self._locale, Fraction(888, 10))}"),
            WEEKS: metrics.horizontalAdvance(figure(self._locale, Fraction(888, 10)))
            + self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
            + metrics.averageCharWidth(),
        }
        for column in range(ROLE, self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            wide = header.fontMetrics().horizontalAdvance(title)
            self.table.setColumnWidth(column, max(wide, sample.get(column, 0)) + pad)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = QPushButton(self.tr("&New member\u2026"))
        self.add_button.setObjectName("addMember")
        self.add_button.clicked.connect(self.add_member)
        self.edit_button = QPushButton(self.tr("Ed&it\u2026"))
        self.edit_button.setObjectName("editMember")
        self.edit_button.clicked.connect(self.edit_member)
        self.active_button = QPushButton(self.tr("&Deactivate\u2026"))
        self.active_button.setObjectName("toggleActive")
        self.active_button.clicked.connect(self.toggle_active)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        box = QGroupBox(self.tr("Team"))
        row = QHBoxLayout(box)
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        self._update_buttons()
        return box

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _capacity_box(self) -> QGroupBox:
        self.backlog_label = self._label("backlog")
        self.rate_label = self._label("leadsPerWeek")
        self.weeks_label = self._label("weeks")
        font = self.weeks_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.weeks_label.setFont(font)

        # Over capacity, or no capacity at all: said loudly, with an icon, not only in colour.
        self.warning = QFrame()
        self.warning.setObjectName("capacityWarning")
        self.warning.setStyleSheet(
            "QFrame#capacityWarning { background: #fdecea; border: 1px solid #f1aeb5;"
            " border-radius: 4px; }"
        )
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning_icon.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warning_label = self._label("warningText")
        self.warning_label.setStyleSheet(WARNING_STYLE)
        row = QHBoxLayout(self.warning)
        row.addWidget(icon)
        row.addWidget(self.warning_label, 1)
        self.warning.hide()

        self.call_days_label = self._label("callDays")
        box = QGroupBox(self.tr("Backlog and capacity"))
        column = QVBoxLayout(box)
        for widget in (
            self.backlog_label,
            self.rate_label,
            self.weeks_label,
            self.warning,
            self.call_days_label,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        return box

    def _what_if_box(self) -> QGroupBox:
        self.what_if = QSpinBox()
        self.what_if.setObjectName("extraAgencyHours")
        self.what_if.setRange(0, MAX_EXTRA_HOURS)
        self.what_if.setSuffix(self.tr(" h"))
        self.what_if.valueChanged.connect(self.on_what_if)
        caption = QLabel(self.tr("E&xtra agency hours a week:"))
        caption.setBuddy(self.what_if)
        self.what_if_label = self._label("whatIfWeeks")
        self.target_label = self._label("hoursToTarget")
        box = QGroupBox(self.tr("What if an agency helps"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.what_if)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.what_if_label)
        column.addWidget(self.target_label)
        column.addStretch(1)
        return box

    def _assumptions_box(self) -> QGroupBox:
        def decimal_box(low: float, high: float) -> QDoubleSpinBox:
            spin = QDoubleSpinBox()
            spin.setDecimals(1)
            spin.setRange(low, high)
            return spin

        self.conversations = decimal_box(1, 20)
        self.target_weeks = QSpinBox()
        self.target_weeks.setRange(1, 52)
        self.target_weeks.setSuffix(self.tr(" weeks"))
        self.call_day_hours = decimal_box(1, 12)
        self.call_day_hours.setSuffix(self.tr(" h"))
        self.agency_calls = decimal_box(0, float(team.MAX_CALLS_PER_HOUR))
        self.agency_reach = QSpinBox()
        self.agency_reach.setRange(0, 100)
        self.agency_reach.setSuffix(" %")
        self.assumption_fields: dict[str, QSpinBox | QDoubleSpinBox] = {
            "conversations_per_lead": self.conversations,
            "target_weeks": self.target_weeks,
            "call_day_hours": self.call_day_hours,
            "agency_calls_per_hour": self.agency_calls,
            "agency_reach_rate": self.agency_reach,
        }
        self._assumption_problems = FieldProblems()
        form = QFormLayout()
        for field, caption in (
            ("conversations_per_lead", self.tr("Conversations &per lead:")),
            ("target_weeks", self.tr("Clear the backlog &within:")),
            ("call_day_hours", self.tr("Calling h&ours in a call day:")),
            ("agency_calls_per_hour", self.tr("Agency &calls per hour:")),
            ("agency_reach_rate", self.tr("Agency &reach rate:")),
        ):
            spin = self.assumption_fields[field]
            spin.setObjectName(field)
            spin.valueChanged.connect(self._on_assumption_edited)
            # Enter in a field saves, as in a dialog.
            spin.lineEdit().returnPressed.connect(self.save_assumptions)
            add_row(form, self._assumption_problems, field, caption, spin)
        self.save_assumptions_button = QPushButton(self.tr("&Save assumptions"))
        self.save_assumptions_button.setObjectName("saveAssumptions")
        self.save_assumptions_button.setEnabled(False)
        self.save_assumptions_button.clicked.connect(self.save_assumptions)
        box = QGroupBox(self.tr("Assumptions"))
        column = QVBoxLayout(box)
        column.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_assumptions_button)
        column.addLayout(row)
        column.addStretch(1)
        return box

    # -- reading --------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        # The backlog moves with leads (contacts, their status with opportunities) and with
        # companies going to and from the trash; the capacity with the team.
        if (
            changes.team
            or changes.contacts
            or changes.companies
            or changes.opportunities
            or changes.trash
        ):
            self._reading.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reading.shown()

    def reload(self) -> None:
        """Read the team, the backlog and the figures, with and without the what-if hours."""
        self._reading.stale = False
        extra = Fraction(self.what_if.value())
        found = self._operations.read(
            lambda session: (
                team.list_team_members(session, active_only=False),
                capacity_figures.capacity(session),
                capacity_figures.capacity(session, extra) if extra else None,
            ),
            parent=self,
        )
        if found is None:
            return
        self._members, self._figures, self._what_if = list(found[0]), found[1], found[2]
        if not self._assumptions_edited:
            self._show_assumptions(found[1].assumptions)
        self._show()

    def on_what_if(self, hours: int) -> None:
        """Read the figures again with these extra agency hours."""
        if self._figures is None:
            return
        extra = Fraction(hours)
        self._what_if = (
            self._operations.read(
                lambda session: capacity_figures.capacity(session, extra), parent=self
            )
            if hours
            else None
        )
        self._show()

    def _show(self) -> None:
        figures = self._figures
        if figures is None:
            return
        selected = self._selected()
        self.model.show(self._members, self._what_if or figures)
        if selected is not None and selected.id is not None:
            self.select_member(selected.id)
        self._update_buttons()
        self._show_capacity(figures)
        self._show_what_if(figures.plan)

    def _show_assumptions(self, given: Assumptions) -> None:
        for spin in self.assumption_fields.values():
            spin.blockSignals(True)
        self.conversations.setValue(float(given.conversations_per_lead))
        self.target_weeks.setValue(given.target_weeks)
        self.call_day_hours.setValue(float(given.call_day_hours))
        self.agency_calls.setValue(float(given.agency_calls_per_hour))
        self.agency_reach.setValue(round(given.agency_reach_rate * 100))
        for spin in self.assumption_fields.values():
            spin.blockSignals(False)
        self._assumptions_edited = False
        self.save_assumptions_button.setEnabled(False)
        self._assumption_problems.show({})

    # -- texts ----------------------------------------------------------------------------

    def weeks_text(self, weeks: Decimal | int) -> str:
        """ "4 weeks", "1 week", "4.1 weeks": a duration in the user's language."""
        if weeks == int(weeks):
            return self.tr("%Ln weeks", "", int(weeks))
        return self.tr("%1 weeks", "a duration with one decimal").replace(
            "%1", figure(self._locale, weeks)
        )

    def problem_text(self, problem: CapacityProblem) -> str:
        if problem == CapacityProblem.NO_HOURS:
            return self.tr(
                "Nobody has hours for qualification: enter weekly hours for a team member."
            )
        if problem == CapacityProblem.NO_CALLS:
            return self.tr(
                "Nobody with hours makes any calls: enter calls per hour for a team member."
            )
        return self.tr(
            "Nobody with hours ever reaches anyone: enter a reach rate above 0 % for a team member."
        )

    def _leads_a_week(self, plan: CapacityPlan) -> str:
        tenths = round(plan.leads_per_week * 10)
        if tenths % 10 == 0:
            return self.tr("The team qualifies about %Ln leads a week.", "", tenths // 10)
        return self.tr("The team qualifies about %1 leads a week.").replace(
            "%1", figure(self._locale, plan.leads_per_week)
        )

    def _show_capacity(self, figures: CapacityFigures) -> None:
        plan = figures.plan
        number = self._locale.toString
        if plan.backlog:
            text = self.tr("%Ln leads await qualification", "", plan.backlog)
            text += " " + self.tr("(%1 without owner).").replace(
                "%1", number(plan.unassigned_leads)
            )
            if figures.orphaned:
                text += " " + self.tr(
                    "%Ln of them belong to members who are no longer active.",
                    "",
                    figures.orphaned,
                )
        else:
            text = self.tr("No leads await qualification right now.")
        self.backlog_label.setText(text)
        self.rate_label.setText(self._leads_a_week(plan))

        warning = ""
        if plan.problem is not None:
            warning = self.problem_text(plan.problem)
        elif plan.over_capacity and plan.backlog:
            warning = self.tr("More than the %1 you aim for: over capacity.").replace(
                "%1", self.weeks_text(plan.target_weeks)
            )
        self.warning_label.setText(warning)
        self.warning.setVisible(bool(warning))

        self.weeks_label.clear()
        if plan.weeks_display is not None and plan.backlog:
            self.weeks_label.setText(
                self.tr("%1 to clear the backlog.", "%1 is a duration such as 4.1 weeks").replace(
                    "%1", self.weeks_text(plan.weeks_display)
                )
            )
        self.weeks_label.setVisible(bool(self.weeks_label.text()))
        self.call_days_label.setText(self._call_days(plan))

    def _call_days(self, plan: CapacityPlan) -> str:
        have = self.tr("Your team's hours are about %1 call days a week").replace(
            "%1", self._locale.toString(float(plan.call_days_per_week), "f", 1)
        )
        if not plan.backlog:
            return have + "."
        within = self.tr("in %Ln weeks", "", plan.target_weeks)
        needed = plan.call_days_needed_per_week
        if needed is None:
            return have + self.tr(
                "; how many clearing the backlog %1 needs cannot be said while leads have "
                "nobody who calls and reaches anyone."
            ).replace("%1", within)
        return have + self.tr("; clearing the backlog %1 needs %2 call days a week.").replace(
            "%1", within
        ).replace("%2", self._locale.toString(float(needed), "f", 1))

    def _show_what_if(self, plan: CapacityPlan) -> None:
        self.what_if_label.setText(self._what_if_text(plan))
        self.target_label.setText(self._target_text(plan))
        self.target_label.setVisible(bool(self.target_label.text()))

    def _what_if_text(self, base: CapacityPlan) -> str:
        hours = self.what_if.value()
        if not hours or self._what_if is None:
            return self.tr("Enter agency hours to see how much sooner the backlog is cleared.")
        plan = self._what_if.plan
        start = self.tr("With %Ln agency hours a week:", "", hours)
        if not plan.backlog:
            return start + " " + self.tr("no leads to clear.")
        if plan.weeks_display is None:
            return (
                start
                + " "
                + self.tr(
                    "still no progress: the assumed agency calls per hour or reach rate is 0."
                )
            )
        weeks = self.weeks_text(plan.weeks_display)
        if base.weeks_display is None:
            return (
                start
                + " "
                + self.tr("%1; without them the backlog is never cleared.").replace("%1", weeks)
            )
        return (
            start
            + " "
            + self.tr("%1 instead of %2.")
            .replace("%1", weeks)
            .replace("%2", self.weeks_text(base.weeks_display))
        )

    def _target_text(self, plan: CapacityPlan) -> str:
        if not plan.backlog:
            return ""
        within = self.tr("within %Ln weeks", "", plan.target_weeks)
        needed = plan.hours_to_meet_target
        if needed is None:
            return self.tr(
                "An agency cannot help at the assumed rates: enter its calls per hour and "
                "reach rate under Assumptions."
            )
        if needed == 0:
            return self.tr("The team clears the backlog %1 without an agency.").replace(
                "%1", within
            )
        return self.tr(
            "To clear it %1 you need about %Ln agency hours a week.", "", needed
        ).replace("%1", within)

    # -- acting ---------------------------------------------------------------------------

    def _selected(self) -> TeamRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of_member(member_id)
        if row is not None:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        row = self._selected()
        member = row.record if row is not None else None
        self.edit_button.setEnabled(member is not None)
        self.active_button.setEnabled(member is not None)
        if member is not None and not member.active:
            self.active_button.setText(self.tr("Ac&tivate again"))
        else:
            self.active_button.setText(self.tr("&Deactivate\u2026"))

    def _leads_of(self, row: TeamRow | None) -> int:
        return row.load.assigned_leads if row is not None and row.load is not None else 0

    def add_member(self) -> int | None:
        """Ask for a new member; their id once saved, or None."""
        saved = MemberDialog.ask(self._operations, None, 0, self)
        if saved is not None:
            self.select_member(saved)
        return saved

    def edit_member(self) -> int | None:
        """Edit the selected member; their id once saved, or None."""
        row = self._selected()
        if row is None or row.record is None:
            return None
        saved = MemberDialog.ask(self._operations, row.record, self._leads_of(row), self)
        if saved is not None:
            self.select_member(saved)
        return saved

    def toggle_active(self) -> bool:
        """Take the selected member off the team (after asking), or back on; True if stored."""
        row = self._selected()
        if row is None or row.record is None:
            return False
        record = row.record
        if record.active and not confirm_deactivate(self, record.name, self._leads_of(row)):
            return False
        data = replace(_input_of(record), active=not record.active)
        try:
            saved = self._operations.write(
                lambda db: team.save_team_member(db, data, record.id, record.version),
                parent=self,
                expected=(ConcurrentEdit,),
            )
        except ConcurrentEdit as exc:
            self._operations.report(exc, self)
            self.reload()  # someone else saved the member: show what they stored
            return False
        return saved is not None

    def _on_assumption_edited(self) -> None:
        self._assumptions_edited = True
        self.save_assumptions_button.setEnabled(True)

    def assumptions(self) -> Assumptions:
        """The assumptions as the fields show them."""
        return Assumptions(
            conversations_per_lead=_fraction(self.conversations.value()),
            target_weeks=self.target_weeks.value(),
            call_day_hours=_fraction(self.call_day_hours.value()),
            agency_calls_per_hour=_fraction(self.agency_calls.value()),
            agency_reach_rate=Fraction(self.agency_reach.value(), 100),
        )

    def save_assumptions(self) -> bool:
        """Store the assumptions for the whole team; True if stored."""
        values = self.assumptions()
        # Saved is saved: the figures read again from the change show the stored values.
        self._assumptions_edited = False
        try:
            saved = self._operations.write(
                lambda db: capacity_figures.save_assumptions(db, values),
                parent=self,
                expected=(ValidationFailed,),
            )
        except ValidationFailed as exc:
            self._assumptions_edited = True
            ranges = {
                "conversations_per_lead": self.tr("Between 1 and 20 conversations."),
                "target_weeks": self.tr("Between 1 and 52 weeks."),
                "call_day_hours": self.tr("Between 1 and 12 hours."),
            }
            self._assumption_problems.show(
                {
                    name: FieldProblem(SHOWN, ranges[name]) if name in ranges else problem
                    for name, problem in exc.problems.items()
                }
            )
            return False
        if saved is None:
            self._assumptions_edited = True
        return saved is not None
