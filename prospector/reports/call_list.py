"""The call list: one row per call on A4 landscape pages, the header row on every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, landscape

from prospector.call_day import Call, CallDay
from prospector.enums import ActivityKind, Criterion
from prospector.labels import (
    NOT_SET,
    Translate,
    activity_kind_label,
    activity_outcome_label,
    criterion_label,
)
from prospector.reports.dates import date_text, due_text
from prospector.reports.fonts import Fonts
from prospector.reports.text_lines import Pen, fit, one_line

PAGE = landscape(A4)
MARGIN = 28.0
_WIDTH = PAGE[0] - 2 * MARGIN
_TITLE = 13.0
_TITLE_TOP = PAGE[1] - MARGIN
_TABLE_TOP = _TITLE_TOP - 24.0
_TABLE_BOTTOM = 40.0  # the footer goes below
_PAD = 3.0
_MIN_ROW = 30.0  # room to write an outcome by hand
_TEXT = 8.0
_SMALL = 6.8
_HEAD = 7.2
_LEADING = 1.2  # line height per point of font size
_HEADER_FILL = 0.86
_OVERDUE_FILL = 0.94
# The columns' widths in points; the outcome column takes what is left.
_WIDTHS = (22.0, 58.0, 112.0, 100.0, 72.0, 80.0, 62.0, 104.0, 62.0)


@dataclass(frozen=True)
class _Line:
    text: str
    font: str
    size: float


_Cell = tuple[_Line, ...]


@dataclass(frozen=True)
class _Row:
    cells: tuple[_Cell, ...]
    height: float
    overdue: bool


def _height(cells: tuple[_Cell, ...]) -> float:
    return 2 * _PAD + max(
        (sum(line.size * _LEADING for line in cell) for cell in cells), default=0.0
    )


class CallList:
    """The list's rows, measured and cut into pages before anything is drawn, so that the
    number of pages is known up front. draw() draws one page's title and table; the footer
    is the document's."""

    def __init__(self, day: CallDay, translate: Translate, language: str, fonts: Fonts) -> None:
        self._fonts = fonts
        self._language = language
        self._on = day.on
        self._translate = translate
        owner = day.owner or translate("CallSheet", "Whole team")
        self.title = " \u00b7 ".join(
            (translate("CallSheet", "Call list"), date_text(day.on, language), owner)
        )
        titles = (
            translate("CallSheet", "No."),
            translate("CallSheet", "Due"),
            translate("CallSheet", "Company"),
            translate("CallSheet", "Contact"),
            translate("CallSheet", "Persona"),
            translate("CallSheet", "Phone"),
            translate("CallSheet", "Last touch"),
            translate("CallSheet", "Next step"),
            translate("CallSheet", "Open criteria"),
            translate("CallSheet", "Outcome"),
        )
        self._widths = (*_WIDTHS, _WIDTH - sum(_WIDTHS))
        self._header = tuple(
            tuple(_Line(text, fonts.bold, _HEAD) for text in fit(title, fonts.bold, _HEAD, room, 2))
            for title, room in zip(titles, self._rooms(), strict=True)
        )
        self._header_height = _height(self._header)
        self._kinds = {kind: activity_kind_label(kind, translate) for kind in ActivityKind}
        self._criteria = {c: criterion_label(c, translate) for c in Criterion}
        self._overdue = translate("CallSheet", "overdue")
        self._switchboard = translate("CallSheet", "(switchboard)")
        self._empty = translate("CallSheet", "No calls are planned for this day.")
        rows = [self._row(number, call) for number, call in enumerate(day.calls, start=1)]
        self._pages = self._paginate(rows)

    @property
    def pages(self) -> int:
        return len(self._pages)

    def _rooms(self) -> tuple[float, ...]:
        return tuple(width - 2 * _PAD for width in self._widths)

    def _lines(self, text: str | None, font: str, size: float, room: float, most: int) -> _Cell:
        return tuple(_Line(line, font, size) for line in fit(text, font, size, room, most))

    def _row(self, number: int, call: Call) -> _Row:
        regular, bold = self._fonts.regular, self._fonts.bold
        rooms = self._rooms()
        due = due_text(call.due_at, self._on, self._language)
        touch = call.last_touch
        touched = None
        if touch is not None:
            touched = self._kinds[touch.kind]
            if touch.outcome is not None:
                touched += " \u00b7 " + activity_outcome_label(touch.outcome, self._translate)
        cells: tuple[_Cell, ...] = (
            self._lines(str(number), bold, _TEXT, rooms[0], 1),
            self._lines(due, bold if call.overdue else regular, _TEXT, rooms[1], 1)
            + (self._lines(self._overdue, bold, _SMALL, rooms[1], 2) if call.overdue else ()),
            self._lines(call.company, bold, _TEXT, rooms[2], 2)
            + self._lines(call.city, regular, _SMALL, rooms[2], 1),
            self._lines(call.contact, regular, _TEXT, rooms[3], 2)
            + self._lines(call.job_title, regular, _SMALL, rooms[3], 2),
            self._lines(call.persona, regular, _SMALL + 0.4, rooms[4], 3),
            self._lines(call.phone or NOT_SET, bold, _TEXT, rooms[5], 2)
            + (
                self._lines(self._switchboard, regular, _SMALL, rooms[5], 1)
                if call.phone and call.phone_is_company
                else ()
            ),
            (
                self._lines(date_text(touch.on, self._language), regular, _TEXT, rooms[6], 1)
                + self._lines(touched, regular, _SMALL, rooms[6], 2)
                if touch is not None
                else ()
            ),
            self._lines(call.talking_point, regular, _TEXT, rooms[7], 3),
            self._lines(
                ", ".join(self._criteria[c] for c in call.open_criteria),
                regular,
                _SMALL,
                rooms[8],
                3,
            ),
            (),  # the outcome, written by hand
        )
        return _Row(cells, max(_MIN_ROW, _height(cells)), call.overdue)

    def _paginate(self, rows: list[_Row]) -> tuple[tuple[_Row, ...], ...]:
        room = _TABLE_TOP - _TABLE_BOTTOM - self._header_height
        pages: list[tuple[_Row, ...]] = []
        page: list[_Row] = []
        used = 0.0
        for row in rows:
            if page and used + row.height > room:
                pages.append(tuple(page))
                page, used = [], 0.0
            page.append(row)
            used += row.height
        pages.append(tuple(page))  # a day without calls still has its (empty) list
        return tuple(pages)

    def draw(self, canvas: Any, pen: Pen, index: int) -> None:
        """Draw page index (from 0) of the list onto the canvas's current page."""
        regular, bold = self._fonts.regular, self._fonts.bold
        pen.lines((one_line(self.title, bold, _TITLE, _WIDTH),), MARGIN, _TITLE_TOP, bold, _TITLE)
        top = _TABLE_TOP
        canvas.setFillGray(_HEADER_FILL)
        canvas.rect(
            MARGIN, top - self._header_height, _WIDTH, self._header_height, stroke=0, fill=1
        )
        self._write_cells(pen, self._header, top)
        y = top - self._header_height
        rows = self._pages[index]
        canvas.setFillGray(_OVERDUE_FILL)
        for row in rows:
            if row.overdue:
                canvas.rect(MARGIN, y - row.height, _WIDTH, row.height, stroke=0, fill=1)
            self._write_cells(pen, row.cells, y)
            y -= row.height
        canvas.setFillGray(0)
        if not rows:
            y = pen.lines((self._empty,), MARGIN + _PAD, y - 6, regular, _TEXT + 1) - 8
        lines = [(MARGIN, top, MARGIN + _WIDTH, top), (MARGIN, y, MARGIN + _WIDTH, y)]
        row_top = top - self._header_height
        for row in rows:
            lines.append((MARGIN, row_top, MARGIN + _WIDTH, row_top))
            row_top -= row.height
        # Without rows the columns end at the header, above the sentence that says so.
        columns_end = y if rows else top - self._header_height
        x = MARGIN
        lines.append((x, top, x, y))
        for width in self._widths[:-1]:
            x += width
            lines.append((x, top, x, columns_end))
        lines.append((MARGIN + _WIDTH, top, MARGIN + _WIDTH, y))
        canvas.setLineWidth(0.4)
        canvas.lines(lines)

    def _write_cells(self, pen: Pen, cells: tuple[_Cell, ...], top: float) -> None:
        x = MARGIN + _PAD
        for cell, width in zip(cells, self._widths, strict=True):
            y = top - _PAD
            for line in cell:
                y = pen.lines((line.text,), x, y, line.font, line.size, line.size * _LEADING)
            x += width
