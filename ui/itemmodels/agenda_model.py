"""Item models of the calendar: the touches of a day or week, which drag to a day, and the
forgotten leads."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QMimeData, QModelIndex, Qt, QTime
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from prospector.local_days import day_start
from prospector.normalize import phone_for_display
from prospector.nurturing import Due, Forgotten, due_state
from prospector.services.calendar_view import AgendaItem, ForgottenLead
from ui.itemmodels.rows_model import AnyIndex, RowsModel
from ui.labels import activity_kind_label, activity_outcome_label, lead_status_label

translate = QCoreApplication.translate

# What a dragged touch carries: the activity, the version it was read at, and when it is due.
MIME_TYPE = "application/x-prospector-touch"
ID_ROLE = int(Qt.ItemDataRole.UserRole)
OVERDUE_COLOR = QColor("#b00020")


@dataclass(frozen=True)
class DraggedTouch:
    """The planned touch a drag names."""

    id: int
    version: int
    all_day: bool
    due_at: dt.datetime  # aware

    def moved_to(self, day: dt.date) -> dt.datetime:
        """The same local time of day on `day` (the day's start for an all-day touch)."""
        if self.all_day:
            return day_start(day)
        clock = self.due_at.astimezone().time().replace(tzinfo=None)
        return dt.datetime.combine(day, clock).astimezone()


def touch_mime(item: AgendaItem) -> QMimeData:
    mime = QMimeData()
    assert item.due_at is not None
    payload = {
        "id": item.id,
        "version": item.version,
        "all_day": item.all_day,
        "due_at": item.due_at.isoformat(),
    }
    mime.setData(MIME_TYPE, json.dumps(payload).encode())
    mime.setText(" \u00b7 ".join(p for p in (item.company, item.contact, item.subject) if p))
    return mime


def dragged_touch(mime: QMimeData | None) -> DraggedTouch | None:
    """The touch in a drag; None for anything else."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
        due = dt.datetime.fromisoformat(payload["due_at"])
        if due.tzinfo is None:
            return None
        return DraggedTouch(
            int(payload["id"]), int(payload["version"]), bool(payload["all_day"]), due
        )
    except (ValueError, KeyError, TypeError):
        return None


def _muted() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def status_text(item: AgendaItem, now: dt.datetime) -> str:
    if item.done_at is not None:
        done = translate("Calendar", "Done")
        return done if item.outcome is None else f"{done}: {activity_outcome_label(item.outcome)}"
    assert item.due_at is not None
    state = due_state(item.due_at, now)
    if state is Due.OVERDUE:
        return translate("Calendar", "Overdue")
    if state is Due.TODAY:
        return translate("Calendar", "Today")
    return translate("Calendar", "Planned")


@dataclass(frozen=True)
class _Column:
    header: Callable[[], str]
    text: Callable[[AgendaItem], str]


class AgendaModel(RowsModel):
    """Touches to make and touches made, by time; overdue ones in red, done ones muted. A
    planned touch drags onto a day of the month grid."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._now = dt.datetime.now().astimezone()
        self._day: dt.date | None = None  # the one day shown; None for a week
        self._columns = (
            _Column(lambda: translate("Calendar", "When"), self._when),
            _Column(lambda: translate("Calendar", "Kind"), lambda i: activity_kind_label(i.kind)),
            _Column(lambda: translate("Calendar", "Company"), lambda i: i.company),
            _Column(lambda: translate("Calendar", "Contact"), lambda i: i.contact or ""),
            _Column(
                lambda: translate("Calendar", "Phone"),
                lambda i: phone_for_display(i.phone) if i.phone else "",
            ),
            _Column(lambda: translate("Calendar", "Talking point"), lambda i: i.subject or ""),
            _Column(lambda: translate("Calendar", "Owner"), lambda i: i.owner or ""),
            _Column(lambda: translate("Calendar", "Status"), lambda i: status_text(i, self._now)),
        )
        self.headers = tuple(c.header for c in self._columns)

    def show_items(
        self, items: Sequence[AgendaItem], now: dt.datetime, day: dt.date | None
    ) -> None:
        """The touches, judged overdue against `now`; `day` when one day is shown (then a
        touch of that day shows only its time)."""
        self.beginResetModel()
        self._rows = list(items)
        self._now = now
        self._day = day
        self._locale = QLocale()
        self.endResetModel()

    def item_at(self, row: int) -> AgendaItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, activity_id: int) -> int | None:
        return next((n for n, i in enumerate(self._rows) if i.id == activity_id), None)

    def _when(self, item: AgendaItem) -> str:
        moment = item.done_at or item.due_at
        assert moment is not None
        local = moment.astimezone()
        if item.all_day and item.done_at is None:
            clock = translate("Calendar", "all day")
        else:
            clock = self._locale.toString(
                QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat
            )
        day = local.date()
        if day == self._day:
            return clock
        weekday = self._locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
        date = self._locale.toString(
            QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
        )
        return f"{weekday} {date}, {clock}"

    def is_overdue(self, item: AgendaItem) -> bool:
        return (
            item.done_at is None
            and item.due_at is not None
            and due_state(item.due_at, self._now) is Due.OVERDUE
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._row_of(index)
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._columns[index.column()].text(item)
            return text if role == Qt.ItemDataRole.DisplayRole else (text or None)
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.done_at is not None:
                return _muted()
            return OVERDUE_COLOR if self.is_overdue(item) else None
        if role == ID_ROLE:
            return item.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        item = self._row_of(index)
        if item is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if item.done_at is None:  # only a touch still to make moves
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        items = (self._row_of(i) for i in indexes)
        found = next((i for i in items if i is not None and i.done_at is None), None)
        return QMimeData() if found is None else touch_mime(found)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class ForgottenModel(RowsModel):
    """Leads nobody looks after: nothing planned, and in nurturing or untouched for long."""

    headers = (
        lambda: translate("Calendar", "Name"),
        lambda: translate("Calendar", "Company"),
        lambda: translate("Calendar", "Status"),
        lambda: translate("Calendar", "Last touch"),
        lambda: translate("Calendar", "Why"),
        lambda: translate("Calendar", "Owner"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = dt.date.today()

    def show_leads(self, leads: Sequence[ForgottenLead], today: dt.date) -> None:
        self.beginResetModel()
        self._rows = list(leads)
        self._today = today
        self._locale = QLocale()
        self.endResetModel()

    def reason_text(self, lead: ForgottenLead) -> str:
        if lead.reason is Forgotten.NURTURING_UNPLANNED:
            return self.tr("in nurturing, nothing planned")
        if lead.last_touch is None:
            return self.tr("never touched, nothing planned")
        return self.tr("no touch for %Ln day(s)", "", (self._today - lead.last_touch).days)

    def lead_at(self, row: int) -> ForgottenLead | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _text(self, lead: ForgottenLead, column: int) -> str:
        if column == 0:
            return lead.name
        if column == 1:
            return lead.company
        if column == 2:
            return lead_status_label(lead.status)
        if column == 3:
            day = lead.last_touch
            if day is None:
                return translate("Calendar", "never")
            qdate = QDate(day.year, day.month, day.day)
            return self._locale.toString(qdate, QLocale.FormatType.ShortFormat)
        if column == 4:
            return self.reason_text(lead)
        return lead.owner or ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        lead = self._row_of(index)
        if lead is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(lead, index.column())
            return text if role == Qt.ItemDataRole.DisplayRole else (text or None)
        if role == ID_ROLE:
            return lead.contact_id
        return None
