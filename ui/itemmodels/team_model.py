"""Table model over the team: each member's rates and their share of the qualification backlog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from prospector.capacity import CapacityProblem, MemberLoad
from prospector.enums import TeamRole
from prospector.services.capacity_figures import CapacityFigures
from prospector.services.team import TeamMemberRecord
from ui.itemmodels.rows_model import AnyIndex, RowsModel
from ui.labels import team_role_label

translate = QCoreApplication.translate

NAME, ROLE, HOURS, CALLS, REACH, ACTIVE, LEADS, PER_WEEK, WEEKS = range(9)

# Short headers, so that the names keep the room; each is spelt out in its tooltip.
HEADERS: tuple[Callable[[], str], ...] = (
    lambda: translate("TeamModel", "Name"),
    lambda: translate("TeamModel", "Role"),
    lambda: translate("TeamModel", "Hours/week"),
    lambda: translate("TeamModel", "Calls/hour"),
    lambda: translate("TeamModel", "Reached"),
    lambda: translate("TeamModel", "Active"),
    lambda: translate("TeamModel", "Leads"),
    lambda: translate("TeamModel", "Leads/week"),
    lambda: translate("TeamModel", "Weeks"),
)
HEADER_TIPS: dict[int, Callable[[], str]] = {
    HOURS: lambda: translate("TeamModel", "Hours a week for qualifying leads"),
    CALLS: lambda: translate("TeamModel", "Calls an hour, reached or not"),
    REACH: lambda: translate("TeamModel", "Share of calls that reach the person wanted"),
    LEADS: lambda: translate(
        "TeamModel", "Own leads + a share of the leads without owner, by capacity"
    ),
    PER_WEEK: lambda: translate("TeamModel", "Leads qualified a week"),
    WEEKS: lambda: translate("TeamModel", "Weeks to work through these leads"),
}
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DASH = "\u2014"


@dataclass(frozen=True)
class TeamRow:
    """One line of the table: a member, or the what-if agency hours (id None)."""

    id: int | None
    name: str
    role: TeamRole
    weekly_hours: Fraction
    calls_per_hour: Fraction
    reach_percent: Fraction
    active: bool
    load: MemberLoad | None  # None: an inactive member, who takes no leads
    record: TeamMemberRecord | None  # what the edit form starts from; None for the agency


def team_rows(members: Sequence[TeamMemberRecord], figures: CapacityFigures) -> list[TeamRow]:
    """Every member (the inactive ones too, to take them back) and the agency row, if any."""
    loads = {load.id: load for load in figures.plan.members}
    rows = [
        TeamRow(
            id=m.id,
            name=m.name,
            role=m.role,
            weekly_hours=Fraction(m.weekly_hours),
            calls_per_hour=Fraction(m.calls_per_hour),
            reach_percent=Fraction(m.reach_percent),
            active=m.active,
            load=loads.get(m.id) if m.active else None,
            record=m,
        )
        for m in members
    ]
    agency = loads.get(None)
    if agency is not None:
        given = figures.assumptions
        rows.append(
            TeamRow(
                id=None,
                name=translate("TeamModel", "Agency (what-if)"),
                role=TeamRole.AGENCY,
                weekly_hours=figures.plan.extra_agency_hours,
                calls_per_hour=given.agency_calls_per_hour,
                reach_percent=given.agency_reach_rate * 100,
                active=True,
                load=agency,
                record=None,
            )
        )
    return rows


def figure(locale: QLocale, value: Fraction | Decimal | int) -> str:
    """A number as the locale writes it: whole numbers bare, others with one decimal."""
    tenths = round(Fraction(value) * 10)
    if tenths % 10 == 0:
        return locale.toString(tenths // 10)
    return locale.toString(tenths / 10, "f", 1)


def member_problem(problem: CapacityProblem | None) -> str:
    """Why a member's leads never get done, for the tooltip of their weeks."""
    if problem == CapacityProblem.NO_HOURS:
        return translate("TeamModel", "No hours for qualification: enter weekly hours.")
    if problem == CapacityProblem.NO_CALLS:
        return translate("TeamModel", "No calls per hour: enter how many calls an hour.")
    if problem == CapacityProblem.NO_REACH:
        return translate("TeamModel", "Nobody is ever reached: enter a reach rate above 0 %.")
    return ""


class TeamModel(RowsModel):
    """The team at once (it is small); show() replaces the rows and the figures together."""

    headers = HEADERS

    def show(self, members: Sequence[TeamMemberRecord], figures: CapacityFigures) -> None:
        self.set_rows(team_rows(members, figures))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        tip = HEADER_TIPS.get(section)
        if (
            role == int(Qt.ItemDataRole.ToolTipRole)
            and orientation == Qt.Orientation.Horizontal
            and tip is not None
        ):
            return tip()
        return super().headerData(section, orientation, role)

    def row_at(self, row: int) -> TeamRow:
        found: TeamRow = self._rows[row]
        return found

    def row_of_member(self, member_id: int) -> int | None:
        """The table row of the member with this id, or None."""
        for number, row in enumerate(self._rows):
            if row.id == member_id:
                return number
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        row: TeamRow | None = self._row_of(index)
        if row is None:
            return None
        column = index.column()
        if role == DISPLAY:
            return self._display(row, column)
        if role == int(Qt.ItemDataRole.TextAlignmentRole) and column >= HOURS and column != ACTIVE:
            return RIGHT
        if role == int(Qt.ItemDataRole.UserRole):
            return row.id
        if role == int(Qt.ItemDataRole.ToolTipRole):
            return self._tooltip(row, column)
        if role == int(Qt.ItemDataRole.DecorationRole) and column == WEEKS and self._late(row):
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == int(Qt.ItemDataRole.ForegroundRole) and not row.active:
            # Taken off the team: still listed, to make them active again, but greyed.
            return QBrush(
                QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            )
        if role == int(Qt.ItemDataRole.FontRole) and row.id is None:
            font = QFont()
            font.setItalic(True)  # hours that are only imagined
            return font
        return None

    def _late(self, row: TeamRow) -> bool:
        load = row.load
        return load is not None and load.leads > 0 and load.over_capacity

    def _display(self, row: TeamRow, column: int) -> str | None:
        number = self._locale
        load = row.load
        if column == NAME:
            return row.name
        if column == ROLE:
            return team_role_label(row.role)
        if column == HOURS:
            return figure(number, row.weekly_hours)
        if column == CALLS:
            return figure(number, row.calls_per_hour)
        if column == REACH:
            return translate("TeamModel", "%1 %").replace("%1", figure(number, row.reach_percent))
        if column == ACTIVE and row.id is not None:
            return translate("TeamModel", "Yes") if row.active else translate("TeamModel", "No")
        if load is None:
            return None  # an inactive member has no part in the plan
        if column == LEADS:
            own = number.toString(load.assigned_leads)
            if load.share == 0:
                return own
            return f"{own} + {figure(number, load.share)}"
        if column == PER_WEEK:
            return figure(number, load.leads_per_week)
        if column == WEEKS:
            if load.weeks_display is None or self._idle(row) is not None:
                return DASH
            return figure(number, load.weeks_display)
        return None

    def _idle(self, row: TeamRow) -> CapacityProblem | None:
        """Why a member works no leads at all, with leads or without (then the planner
        names no problem: nothing waits for them)."""
        load = row.load
        if load is None or load.leads_per_week > 0:
            return None
        if load.problem is not None:
            return load.problem
        if row.weekly_hours == 0:
            return CapacityProblem.NO_HOURS
        if row.calls_per_hour == 0:
            return CapacityProblem.NO_CALLS
        return CapacityProblem.NO_REACH

    def _tooltip(self, row: TeamRow, column: int) -> str | None:
        load = row.load
        if column == NAME and row.id is None:
            return translate(
                "TeamModel", "The extra agency hours of the what-if, at the assumed agency rates."
            )
        if load is None:
            return None
        if column == LEADS:
            return (
                translate("TeamModel", "%1 own leads and a share of %2 of the leads without owner")
                .replace("%1", self._locale.toString(load.assigned_leads))
                .replace("%2", figure(self._locale, load.share))
            )
        if column == WEEKS and (idle := self._idle(row)) is not None:
            return member_problem(idle)
        if column == WEEKS and self._late(row):
            return translate("TeamModel", "Over capacity: more weeks than you aim for.")
        return None
