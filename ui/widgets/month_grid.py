"""A month of days, Monday first: touches planned and done per day, holidays, today; a touch
dropped on a day moves there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QMimeData,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from prospector.qualification import add_months
from prospector.services.calendar_view import DayCount
from ui.itemmodels.agenda_model import OVERDUE_COLOR, dragged_touch

WEEKS = 6
DAYS = 7
HOLIDAY_COLOR = QColor("#f0a000")
HOLIDAY_TEXT = QColor("#7a4a00")


def grid_start(year: int, month: int) -> dt.date:
    """The Monday on or before the month's first day: the grid's first cell."""
    first = dt.date(year, month, 1)
    return first - dt.timedelta(days=first.weekday())


def _blend(base: QColor, tint: QColor, amount: float) -> QColor:
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


@dataclass(frozen=True)
class Cell:
    """What one day's cell shows."""

    day: dt.date
    in_month: bool
    today: bool
    weekend: bool
    holiday: str | None
    planned: int  # to do, today or later
    overdue: int  # left undone on a day before today
    done: int


class MonthGrid(QWidget):
    """Six weeks of seven days around a month. Click or arrow keys select a day, Enter or a
    double-click opens it; a touch dragged from the agenda onto a day asks to move there."""

    day_selected = Signal(object)  # dt.date
    day_activated = Signal(object)  # dt.date
    touch_dropped = Signal(object, object)  # DraggedTouch, dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthGrid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Month"))
        self._locale = QLocale()
        today = dt.date.today()
        self.year, self.month = today.year, today.month
        self.today = today
        self.selected = today
        self._counts: Mapping[dt.date, DayCount] = {}
        self._holidays: Mapping[dt.date, str] = {}
        self._drop_day: dt.date | None = None
        line = self.fontMetrics().lineSpacing()
        self.setMinimumSize(DAYS * 9 * self.fontMetrics().averageCharWidth(), WEEKS * 3 * line)

    # -- what it shows --------------------------------------------------------------------

    def show_month(
        self,
        year: int,
        month: int,
        counts: Mapping[dt.date, DayCount],
        holidays: Mapping[dt.date, str],
        today: dt.date,
    ) -> None:
        self.year, self.month = year, month
        self._counts, self._holidays = counts, holidays
        self.today = today
        self._locale = QLocale()
        self._describe()
        self.update()

    def first_day(self) -> dt.date:
        return grid_start(self.year, self.month)

    def last_day(self) -> dt.date:
        return self.first_day() + dt.timedelta(days=WEEKS * DAYS - 1)

    def set_selected(self, day: dt.date) -> None:
        """Select the day without telling anyone (the page chose it)."""
        self.selected = day
        self._describe()
        self.update()

    def cell(self, day: dt.date) -> Cell:
        count = self._counts.get(day, DayCount())
        past = day < self.today
        return Cell(
            day=day,
            in_month=(day.year, day.month) == (self.year, self.month),
            today=day == self.today,
            weekend=day.weekday() >= 5,
            holiday=self._holidays.get(day),
            planned=0 if past else count.planned,
            overdue=count.planned if past else 0,
            done=count.done,
        )

    def count_parts(self, cell: Cell) -> list[tuple[str, QColor | None]]:
        """The counts as the cell writes them, each with its colour (None: the text's)."""
        parts: list[tuple[str, QColor | None]] = []
        if cell.overdue:
            parts.append((self.tr("%Ln overdue", "", cell.overdue), OVERDUE_COLOR))
        if cell.planned:
            parts.append((self.tr("%Ln planned", "", cell.planned), None))
        if cell.done:
            muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
            parts.append((self.tr("%Ln done", "", cell.done), muted))
        return parts

    def long_date(self, day: dt.date) -> str:
        return self._locale.toString(_qdate(day), QLocale.FormatType.LongFormat)

    def cell_text(self, day: dt.date) -> str:
        """Everything the cell says, in full: its tooltip and what a screen reader reads."""
        lines = [self.long_date(day)]
        if day == self.today:
            lines[0] = self.tr("Today, %1").replace("%1", lines[0])
        holiday = self._holidays.get(day)
        if holiday:
            lines.append(self.tr("Public holiday: %1").replace("%1", holiday))
        parts = [text for text, _color in self.count_parts(self.cell(day))]
        lines.append(" \u00b7 ".join(parts) if parts else self.tr("Nothing planned"))
        return "\n".join(lines)

    def _describe(self) -> None:
        self.setAccessibleDescription(self.cell_text(self.selected))

    # -- geometry -------------------------------------------------------------------------

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _edges(self, total: int, parts: int, start: int = 0) -> list[int]:
        return [start + round(n * total / parts) for n in range(parts + 1)]

    def cell_rect(self, day: dt.date) -> QRect:
        offset = (day - self.first_day()).days
        if not 0 <= offset < WEEKS * DAYS:
            return QRect()
        row, column = divmod(offset, DAYS)
        top = self._header_height()
        xs = self._edges(self.width() - 1, DAYS)
        ys = self._edges(self.height() - 1 - top, WEEKS, top)
        return QRect(QPoint(xs[column], ys[row]), QPoint(xs[column + 1], ys[row + 1]))

    def day_at(self, pos: QPoint) -> dt.date | None:
        top = self._header_height()
        if not (0 <= pos.x() < self.width() and top <= pos.y() < self.height()):
            return None
        column = min(pos.x() * DAYS // max(self.width(), 1), DAYS - 1)
        row = min((pos.y() - top) * WEEKS // max(self.height() - top, 1), WEEKS - 1)
        return self.first_day() + dt.timedelta(days=row * DAYS + column)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_header(painter)
        first = self.first_day()
        for offset in range(WEEKS * DAYS):
            self._paint_cell(painter, self.cell(first + dt.timedelta(days=offset)))
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        height = self._header_height()
        xs = self._edges(self.width() - 1, DAYS)
        names = [self._locale.dayName(n, QLocale.FormatType.LongFormat) for n in range(1, 8)]
        metrics = self.fontMetrics()
        if any(metrics.horizontalAdvance(n) + 8 > xs[1] - xs[0] for n in names):
            names = [self._locale.dayName(n, QLocale.FormatType.ShortFormat) for n in range(1, 8)]
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        for column, name in enumerate(names):
            box = QRect(xs[column], 0, xs[column + 1] - xs[column], height)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), name)

    def _paint_cell(self, painter: QPainter, cell: Cell) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        rect = self.cell_rect(cell.day)
        if cell.holiday:
            background = _blend(base, HOLIDAY_COLOR, 0.22)
        elif cell.weekend:
            background = _blend(base, palette.color(QPalette.ColorRole.Mid), 0.18)
        else:
            background = base
        if not cell.in_month:
            background = _blend(background, palette.color(QPalette.ColorRole.Window), 0.6)
        if cell.day == self.selected:
            background = _blend(background, highlight, 0.25)
        painter.fillRect(rect, background)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(rect)
        if cell.today:
            painter.setPen(QPen(highlight, 3))
            painter.drawRect(rect.adjusted(2, 2, -1, -1))
        if cell.day == self._drop_day:
            painter.setPen(QPen(highlight, 2, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(3, 3, -2, -2))
        elif cell.day == self.selected and self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine))
            painter.drawRect(rect.adjusted(5, 5, -4, -4))
        self._paint_texts(painter, cell, rect.adjusted(7, 4, -6, -4))

    def _paint_texts(self, painter: QPainter, cell: Cell, box: QRect) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        line = self.fontMetrics().lineSpacing()
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        number_font = QFont(self.font())
        number_font.setBold(cell.today)
        painter.setFont(number_font)
        painter.setPen(palette.color(QPalette.ColorRole.Highlight) if cell.today else text)
        if not cell.in_month:
            painter.setPen(dim)
        number = self._locale.toString(cell.day.day)
        painter.drawText(QRect(box.left(), box.top(), box.width(), line), left, number)
        used = QFontMetrics(number_font).horizontalAdvance(number) + 6
        if cell.holiday:
            small = QFont(self.font())
            small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 6.0))
            painter.setFont(small)
            painter.setPen(HOLIDAY_TEXT if cell.in_month else dim)
            name_box = QRect(box.left() + used, box.top(), box.width() - used, line)
            elided = QFontMetrics(small).elidedText(
                cell.holiday, Qt.TextElideMode.ElideRight, name_box.width()
            )
            painter.drawText(name_box, left, elided)
        painter.setFont(self.font())
        self._paint_counts(painter, cell, box, line)

    def _paint_counts(self, painter: QPainter, cell: Cell, box: QRect, line: int) -> None:
        """The counts at the cell's foot: on one line when they fit, else one per line."""
        parts = self.count_parts(cell)
        if not parts:
            return
        metrics = self.fontMetrics()
        separator = " \u00b7 "
        width = sum(metrics.horizontalAdvance(t) for t, _c in parts)
        width += metrics.horizontalAdvance(separator) * (len(parts) - 1)
        rows = [parts] if width <= box.width() else [[p] for p in parts]
        text = self.palette().color(QPalette.ColorRole.Text)
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText)
        top = max(box.bottom() + 1 - line * len(rows), box.top() + line)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for n, row in enumerate(rows):
            x = box.left()
            for m, (part, color) in enumerate(row):
                shown = part if m == 0 else separator + part
                painter.setPen((color or text) if cell.in_month else dim)
                elided = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, box.right() - x)
                painter.drawText(QRect(x, top + n * line, box.right() - x, line), flags, elided)
                x += metrics.horizontalAdvance(shown)

    # -- mouse and keys -------------------------------------------------------------------

    def _choose(self, day: dt.date) -> None:
        self.set_selected(day)
        self.day_selected.emit(day)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self._choose(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None:
            self.day_activated.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -DAYS,
            Qt.Key.Key_Down: DAYS,
        }
        day = self.selected
        if key in steps:
            self._choose(day + dt.timedelta(days=steps[key]))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self._choose(add_months(day, -1 if key == Qt.Key.Key_PageUp else 1))
        elif key == Qt.Key.Key_Home:
            self._choose(day.replace(day=1))
        elif key == Qt.Key.Key_End:
            self._choose(add_months(day.replace(day=1), 1) - dt.timedelta(days=1))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.day_activated.emit(day)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.cell_text(day), self)
            return True
        return super().event(event)

    # -- drops ----------------------------------------------------------------------------

    def drop_mime(self, mime: QMimeData, day: dt.date) -> bool:
        """A touch dropped on `day`: ask for its move (the page writes it, never the grid)."""
        touch = dragged_touch(mime)
        if touch is None:
            return False
        self.touch_dropped.emit(touch, day)
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dragged_touch(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None or dragged_touch(event.mimeData()) is None:
            event.ignore()
            day = None
        else:
            event.acceptProposedAction()
        if day != self._drop_day:
            self._drop_day = day
            self.update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop_day = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_day = None
        self.update()
        day = self.day_at(event.position().toPoint())
        if day is not None and self.drop_mime(event.mimeData(), day):
            event.acceptProposedAction()
        else:
            event.ignore()
