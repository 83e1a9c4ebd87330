"""The calls of a call day as tables: the list in calling order, and the outcomes entered."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QMimeData, QModelIndex, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont

from prospector.call_day import Call, PastTouch
from prospector.enums import ActivityKind, ActivityOutcome
from prospector.local_days import local_day
from prospector.services.call_outcomes import CallRecorded
from ui.itemmodels.rows_model import AnyIndex, RowsModel
from ui.labels import activity_kind_label, activity_outcome_label, criterion_label

translate = QCoreApplication.translate

# A dragged row carries its place in the list; rows only move inside one list.
MIME_TYPE = "application/x-prospector-call-row"
ID_ROLE = int(Qt.ItemDataRole.UserRole)
# The outcomes in the order of their keys 1 to 8 when entering them, and of the dialog's choices.
OUTCOMES = (
    ActivityOutcome.REACHED,
    ActivityOutcome.NOT_REACHED,
    ActivityOutcome.CALL_BACK,
    ActivityOutcome.WRONG_PERSON,
    ActivityOutcome.NOT_INTERESTED,
    ActivityOutcome.OBJECTED,
    ActivityOutcome.APPOINTMENT,
    ActivityOutcome.INFO_SENT,
)
# These need more than a key: when to call back, whom instead, why the person objected.
NEEDS_DETAILS = frozenset(
    {ActivityOutcome.CALL_BACK, ActivityOutcome.WRONG_PERSON, ActivityOutcome.OBJECTED}
)
_OVERDUE = QColor("#b00020")


def short_day(locale: QLocale, day: dt.date) -> str:
    """A day without its year as the locale writes it: 09.12. in German, 12/9 in English."""
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    without = re.sub(r"\W*y+\W*", "", fmt)
    if "." in fmt and not without.endswith("."):
        without += "."  # German writes the day's dot after the month too
    return locale.toString(QDate(day.year, day.month, day.day), without)


def short_time(locale: QLocale, moment: dt.datetime) -> str:
    local = moment.astimezone()
    return locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def touch_text(locale: QLocale, touch: PastTouch | None) -> str:
    """The last touch in a few words: 05.12. Call · Not reached."""
    if touch is None:
        return ""
    parts = [short_day(locale, touch.on), activity_kind_label(touch.kind)]
    if touch.outcome is not None:
        parts.append(activity_outcome_label(touch.outcome))
    return " \u00b7 ".join(parts)


def due_text(call: Call, locale: QLocale) -> str:
    """Overdue calls say since when; a call with an hour says it; others nothing."""
    if call.overdue:
        return translate("CallDay", "overdue %1").replace(
            "%1", short_day(locale, local_day(call.due_at))
        )
    local = call.due_at.astimezone()
    return "" if local.time() == dt.time() else short_time(locale, call.due_at)


def phone_text(call: Call) -> str:
    if call.phone is None:
        return ""
    if call.phone_is_company:
        return translate("CallDay", "%1 (switchboard)").replace("%1", call.phone)
    return call.phone


def next_text(locale: QLocale, recorded: CallRecorded) -> str:
    """What was planned from an outcome: next try 09.12., call back 10.12. 14:00, …"""
    outcome = recorded.done.outcome
    if outcome is ActivityOutcome.OBJECTED:
        gone = recorded.cancelled
        return translate("CallDay", "do not contact; %Ln touch(es) cancelled", "", gone)
    follow = recorded.next
    if follow is None or follow.due_at is None:
        if outcome is ActivityOutcome.WRONG_PERSON:
            return translate("CallDay", "no one to call instead")
        return ""
    day = short_day(locale, local_day(follow.due_at))
    if outcome is ActivityOutcome.NOT_REACHED:
        return translate("CallDay", "next try %1").replace("%1", day)
    if outcome is ActivityOutcome.CALL_BACK:
        return (
            translate("CallDay", "call back %1 %2")
            .replace("%1", day)
            .replace("%2", short_time(locale, follow.due_at))
        )
    if outcome is ActivityOutcome.WRONG_PERSON:
        return translate("CallDay", "colleague to call %1").replace("%1", day)
    return (
        translate("CallDay", "next step: %1 %2")
        .replace("%1", activity_kind_label(ActivityKind(follow.kind)))
        .replace("%2", day)
    )


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]
    text: Callable[[Call, QLocale], str]


COLUMNS: tuple[Column, ...] = (
    Column(lambda: translate("CallDay", "No."), lambda c, _: ""),  # the row's place
    Column(lambda: translate("CallDay", "Company"), lambda c, _: c.company),
    Column(lambda: translate("CallDay", "Contact"), lambda c, _: c.contact),
    Column(lambda: translate("CallDay", "Persona"), lambda c, _: c.persona or ""),
    Column(lambda: translate("CallDay", "Phone"), lambda c, _: phone_text(c)),
    Column(
        lambda: translate("CallDay", "Last touch"), lambda c, loc: touch_text(loc, c.last_touch)
    ),
    Column(lambda: translate("CallDay", "Next step"), lambda c, _: c.talking_point or ""),
    Column(
        lambda: translate("CallDay", "Open criteria"),
        lambda c, _: ", ".join(criterion_label(x) for x in c.open_criteria),
    ),
    Column(lambda: translate("CallDay", "Due"), due_text),
)
DUE = len(COLUMNS) - 1


class CallListModel(RowsModel):
    """The calls in the order they are made (and printed); rows move by drag or move(), and
    leave by remove(), which only shortens this list."""

    headers = tuple(column.header for column in COLUMNS)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._locale = QLocale()
        super().set_rows(rows)

    def calls(self) -> tuple[Call, ...]:
        return tuple(self._rows)

    def call_at(self, row: int) -> Call | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        call: Call | None = self._row_of(index)
        if call is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(index.row() + 1) if column == 0 else COLUMNS[column].text(call, self._locale)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return " \u00b7 ".join(p for p in (call.company, call.city) if p)
            if column == 2:
                return " \u00b7 ".join(p for p in (call.contact, call.job_title) if p)
            if column == DUE and call.overdue:
                return translate("CallDay", "Overdue since %1").replace(
                    "%1", short_day(self._locale, local_day(call.due_at))
                )
            if column == 4 and call.phone_is_company:
                return translate("CallDay", "The company's switchboard: the person has no number")
            return COLUMNS[column].text(call, self._locale) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == DUE and call.overdue:
            return QBrush(_OVERDUE)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return call.activity_id
        return None

    # -- moving and removing --------------------------------------------------------------

    def move(self, row: int, to: int) -> bool:
        """Put the call at `row` at place `to` (counted before the move)."""
        count = len(self._rows)
        if not (0 <= row < count and 0 <= to < count) or row == to:
            return False
        # Qt counts the destination as a gap between rows: below means one further.
        gap = to + 1 if to > row else to
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), gap):
            return False
        self._rows.insert(to, self._rows.pop(row))
        self.endMoveRows()
        self._renumber()
        return True

    def moveRows(
        self,
        source_parent: AnyIndex,
        source_row: int,
        count: int,
        destination_parent: AnyIndex,
        destination_child: int,
    ) -> bool:
        """Qt's move of one row to before `destination_child` (what a drop asks for)."""
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        to = destination_child - 1 if destination_child > source_row else destination_child
        return self.move(source_row, to)

    def remove(self, row: int) -> Call | None:
        """Take the call off this list (the planned call stays as it is)."""
        call = self.call_at(row)
        if call is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self._renumber()
        return call

    def _renumber(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    # -- drag and drop inside the list ----------------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # between rows only: a call never replaces one
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(MIME_TYPE, json.dumps({"row": rows[0]}).encode())
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction or not data.hasFormat(MIME_TYPE):
            return False
        try:
            source = int(json.loads(bytes(data.data(MIME_TYPE).data()).decode())["row"])
        except (ValueError, KeyError, TypeError):
            return False
        gap = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        self.moveRows(QModelIndex(), source, 1, QModelIndex(), gap)
        # Moved here already: False keeps the view from removing the dragged row afterwards.
        return False


# -- the outcomes entered, in printed order -----------------------------------------------


@dataclass(frozen=True)
class Entry:
    number: int  # as printed on the list and the sheet
    call: Call
    recorded: CallRecorded | None = None


ENTRY_HEADERS: tuple[Callable[[], str], ...] = (
    lambda: translate("CallDay", "No."),
    lambda: translate("CallDay", "Company"),
    lambda: translate("CallDay", "Contact"),
    lambda: translate("CallDay", "Phone"),
    lambda: translate("CallDay", "Outcome"),
    lambda: translate("CallDay", "Planned next"),
)


class EntryModel(RowsModel):
    """The calls of a printed call day with their numbers, and the outcome of each as it is
    entered."""

    headers = ENTRY_HEADERS

    def set_calls(self, calls: Sequence[Call]) -> None:
        self._locale = QLocale()
        self.set_rows([Entry(n, call) for n, call in enumerate(calls, start=1)])

    def entry_at(self, row: int) -> Entry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def entries(self) -> tuple[Entry, ...]:
        return tuple(self._rows)

    def set_recorded(self, row: int, recorded: CallRecorded) -> None:
        entry = self.entry_at(row)
        if entry is None:
            return
        self._rows[row] = replace(entry, recorded=recorded)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry: Entry | None = self._row_of(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._text(entry, column) or None
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return entry.call.activity_id
        return None

    def _text(self, entry: Entry, column: int) -> str:
        call, recorded = entry.call, entry.recorded
        if column == 0:
            return str(entry.number)
        if column == 1:
            return call.company
        if column == 2:
            return call.contact
        if column == 3:
            return phone_text(call)
        if recorded is None:
            return ""
        if column == 4:
            outcome = recorded.done.outcome
            return "\u2713 " + activity_outcome_label(outcome) if outcome is not None else ""
        return next_text(self._locale, recorded)
