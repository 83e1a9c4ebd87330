"""The call day on paper: the call list, then a sheet per call, in one PDF."""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from prospector import i18n
from prospector.call_day import Call, CallDay
from prospector.enums import ActivityKind, ActivityOutcome, Criterion, CriterionStatus
from prospector.exchange.export import ExportTargetInUse
from prospector.labels import (
    NOT_SET,
    Translate,
    activity_kind_label,
    activity_outcome_label,
    criterion_label,
    criterion_status_label,
    lead_status_label,
    stage_label,
)
from prospector.leftovers import Unfinished
from prospector.progress import Progress
from prospector.reports import call_list
from prospector.reports.call_list import CallList
from prospector.reports.dates import date_text, due_text
from prospector.reports.fonts import Fonts, fonts
from prospector.reports.text_lines import Pen, fit, one_line

_WIDTH, _HEIGHT = A4
_MARGIN = 42.0
_LEFT, _RIGHT = _MARGIN, _WIDTH - _MARGIN
_SPAN = _RIGHT - _LEFT
_TOP = _HEIGHT - 36.0
_FOOTER = 22.0  # the footer's baseline, on the list's pages as on the sheets
_GUTTER = 18.0
_COLUMN = (_SPAN - _GUTTER) / 2
_TEXT = 9.0
_LEADING = 11.5
_HEADING = 10.0
_SMALL = 7.0
_GREY = 0.35
_COLUMN_LINES = 16  # per column of talking points and of pains and value
_NOTE_SPACING = 20.0
_BOX = 11.0


_saving = threading.Lock()


@dataclass(frozen=True)
class CallDayPdf:
    """A written call day: the file, its number of pages and of calls."""

    path: Path
    pages: int
    calls: int


def write_call_day(
    day: CallDay,
    target: Path,
    *,
    language: str,
    sheets: bool = True,
    progress: Progress | None = None,
) -> CallDayPdf:
    """Write the call list (A4 landscape) and, with sheets, one A4 sheet per call, in
    `language`, to target.

    Pages are numbered over the whole document: "Page 3 of 34" counts the list's pages and
    the sheets together. Every sheet is exactly one page (a text longer than its room is cut
    with an ellipsis) and the list is cut into pages before drawing, so the count is known
    before the first page is drawn.

    The file is written beside target under a temporary name and moved in place when
    complete: after an error or a cancel (progress.step raises Cancelled after a sheet),
    target is as it was and no temporary file remains."""
    translate = i18n.translator(language)
    face = fonts()
    listing = CallList(day, translate, language, face)
    calls = len(day.calls)
    total = listing.pages + (calls if sheets else 0)
    footer = _Footer(translate, face, day, language, total)
    if progress is not None:
        progress.step(0, calls if sheets else 0)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    unfinished = Unfinished()
    unfinished.add(temporary)  # so that a kill's leftover goes at the next start
    try:
        with temporary.open("xb") as handle:
            canvas = Canvas(handle, pagesize=call_list.PAGE)
            canvas.setTitle(listing.title)
            canvas.setCreator("Prospector")
            for index in range(listing.pages):
                pen = Pen(canvas)
                listing.draw(canvas, pen, index)
                footer.draw(pen, canvas.getPageNumber(), call_list.PAGE[0], call_list.MARGIN)
                pen.finish()
                canvas.showPage()
            if sheets:
                canvas.setPageSize(A4)
                sheet = _Sheet(translate, face, day, language)
                for number, call in enumerate(day.calls, start=1):
                    pen = Pen(canvas)
                    sheet.draw(canvas, pen, call, number)
                    footer.draw(pen, canvas.getPageNumber(), _WIDTH, _MARGIN)
                    pen.finish()
                    canvas.showPage()
                    if progress is not None:
                        progress.step(number, calls)
            with _binary_streams():
                canvas.save()
            handle.flush()
            os.fsync(handle.fileno())  # the data is on disk before its name is
        try:
            os.replace(temporary, target)
        except PermissionError as exc:
            # Windows refuses to replace a file that a PDF viewer holds open.
            raise ExportTargetInUse(path=target) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        unfinished.done()
    return CallDayPdf(path=target, pages=total, calls=calls)


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """reportlab encodes every page's stream in ASCII85 by default (for 7-bit channels,
    which PDF has not needed for decades): a quarter of the time of a day of 500 sheets and a
    quarter more bytes. The setting is read only while a document is saved, and is global,
    so it is switched off just for our save, under a lock."""
    with _saving:
        before = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = before


class _Footer:
    """The date and the caller on the left, "Page x of y" on the right of every page."""

    def __init__(
        self, translate: Translate, fonts: Fonts, day: CallDay, language: str, total: int
    ) -> None:
        self._font = fonts.regular
        self._left = " \u00b7 ".join(
            (date_text(day.on, language), day.owner or translate("CallSheet", "Whole team"))
        )
        self._page = translate("CallSheet", "Page {page} of {pages}")
        self._total = total

    def draw(self, pen: Pen, number: int, width: float, margin: float) -> None:
        size = _SMALL + 0.5
        page = self._page.format(page=number, pages=self._total)
        page_width = stringWidth(page, self._font, size)
        left = one_line(self._left, self._font, size, width - 2 * margin - page_width - 12)
        pen.lines((left,), margin, _FOOTER + size, self._font, size, gray=_GREY)
        pen.lines(
            (page,), width - margin - page_width, _FOOTER + size, self._font, size, gray=_GREY
        )


class _Sheet:
    """Draws one call's sheet onto a canvas page, from the top down: who and where, the phone
    and the person, what to say, the criteria, the history, room for notes, the small print.
    Texts that are the same on every sheet are translated and measured once."""

    def __init__(self, translate: Translate, fonts: Fonts, day: CallDay, language: str) -> None:
        self._regular, self._bold = fonts.regular, fonts.bold
        self._language = language
        self._on = day.on
        self._total = len(day.calls)
        self._heading = " \u00b7 ".join(
            (
                translate("CallSheet", "Call list"),
                date_text(day.on, language),
                day.owner or translate("CallSheet", "Whole team"),
            )
        )
        self._kinds = {kind: activity_kind_label(kind, translate) for kind in ActivityKind}
        self._outcomes = {o: activity_outcome_label(o, translate) for o in ActivityOutcome}
        self._criteria = {c: criterion_label(c, translate) for c in Criterion}
        self._statuses = {s: criterion_status_label(s, translate) for s in CriterionStatus}
        self._translate = translate
        self._texts = {
            "switchboard": translate("CallSheet", "(switchboard)"),
            "no phone": translate("CallSheet", "No phone number"),
            "status": translate("CallSheet", "Status: {status}"),
            "stage": translate("CallSheet", "Stage: {stage}"),
            "fit": translate("CallSheet", "Fit score: {score}"),
            "owner": translate("CallSheet", "Owner: {owner}"),
            "overdue": translate("CallSheet", "Overdue since {date}"),
            "due": translate("CallSheet", "Due {time}"),
            "persona": translate("CallSheet", "Persona: {persona}"),
            "talking points": translate("CallSheet", "Talking points"),
            "pains": translate("CallSheet", "Pain points"),
            "value": translate("CallSheet", "Value proposition"),
            "criteria": translate("CallSheet", "Qualification"),
            "recent": translate("CallSheet", "Recent activities"),
            "no activities": translate("CallSheet", "No activities yet"),
            "notes": translate("CallSheet", "Notes"),
            "source": translate("CallSheet", "Source of the data: {source}"),
            "not recorded": translate("CallSheet", "not recorded"),
        }
        self._objection = fit(
            translate(
                "CallSheet",
                "Art. 21 GDPR: the person may object to the use of their data for advertising "
                "at any time; record an objection at once as do-not-contact.",
            ),
            self._regular,
            _SMALL,
            _SPAN,
            2,
        )

    def draw(self, canvas: Any, pen: Pen, call: Call, number: int) -> None:
        y = self._top(pen, call, number)
        y = self._rule(canvas, y)
        y = self._phone_and_person(pen, call, y)
        y = self._rule(canvas, y)
        y = self._points(pen, call, y)
        y = self._rule(canvas, y)
        y = self._qualification(canvas, pen, call, y)
        y = self._rule(canvas, y)
        y = self._recent(pen, call, y)
        y = self._rule(canvas, y)
        self._notes_and_small_print(canvas, pen, call, y)

    def _rule(self, canvas: Any, y: float) -> float:
        canvas.setLineWidth(0.6)
        canvas.line(_LEFT, y - 2, _RIGHT, y - 2)
        return y - 10

    def _section(self, pen: Pen, title: str, x: float, y: float, width: float) -> float:
        line = one_line(title, self._bold, _HEADING, width)
        return pen.lines((line,), x, y, self._bold, _HEADING)

    def _top(self, pen: Pen, call: Call, number: int) -> float:
        bold, regular = self._bold, self._regular
        label = f"{number} / {self._total}"
        label_width = stringWidth(label, bold, 24)
        pen.at(_RIGHT - label_width, _TOP - 22, label, bold, 24)
        beside = _SPAN - label_width - 16
        pen.lines(
            (one_line(self._heading, regular, 8, beside),), _LEFT, _TOP, regular, 8, gray=_GREY
        )
        y = pen.lines(fit(call.company, bold, 17, beside, 2), _LEFT, _TOP - 12, bold, 17)
        texts = self._texts
        facts = (
            call.city,
            texts["status"].format(status=lead_status_label(call.status, self._translate))
            if call.status is not None
            else None,
            texts["stage"].format(stage=stage_label(call.stage, self._translate)),
            texts["fit"].format(score=call.fit_score) if call.fit_score is not None else None,
            texts["owner"].format(owner=call.owner) if call.owner else None,
        )
        line = " \u00b7 ".join(fact for fact in facts if fact)
        y = pen.lines(fit(line, regular, 10, _SPAN, 2), _LEFT, y - 2, regular, 10)
        if call.overdue:
            text = texts["overdue"].format(date=date_text(call.due_at.date(), self._language))
            y = pen.lines(fit(text, bold, 10, _SPAN), _LEFT, y, bold, 10)
        elif due := due_text(call.due_at, self._on, self._language):
            y = pen.lines(
                fit(texts["due"].format(time=due), regular, 10, _SPAN), _LEFT, y, regular, 10
            )
        return y

    def _phone_and_person(self, pen: Pen, call: Call, y: float) -> float:
        bold, regular = self._bold, self._regular
        if call.phone:
            aside = self._texts["switchboard"] if call.phone_is_company else ""
            room = _SPAN - (stringWidth(aside, regular, 11) + 10 if aside else 0)
            # A long number is printed smaller rather than cut: every digit counts.
            size = max(10.0, min(22.0, room / (stringWidth(call.phone, bold, 1) or 1.0)))
            phone = one_line(call.phone, bold, size, room)
            pen.at(_LEFT, y - 22, phone, bold, size)
            pen.at(_LEFT + stringWidth(phone, bold, size) + 10, y - 22, aside, regular, 11)
            y -= 30
        else:
            y = pen.lines((self._texts["no phone"],), _LEFT, y, bold, 14) - 2
        y = pen.lines(fit(call.contact, bold, 13, _SPAN), _LEFT, y, bold, 13)
        about = [call.job_title]
        if call.persona:
            about.append(self._texts["persona"].format(persona=call.persona))
        line = " \u00b7 ".join(part for part in about if part)
        return pen.lines(fit(line, regular, 10, _SPAN, 2), _LEFT, y, regular, 10)

    def _points(self, pen: Pen, call: Call, y: float) -> float:
        """The talking points on the left (the call's own first), the ideal customer's pains
        and value proposition on the right, each column in at most _COLUMN_LINES lines."""
        bold, regular = self._bold, self._regular
        own_need = len(fit(call.talking_point, bold, _TEXT, _COLUMN, _COLUMN_LINES))
        persona_need = len(fit(call.persona_points, regular, _TEXT, _COLUMN, _COLUMN_LINES))
        own_most, persona_most = _share(own_need, persona_need, _COLUMN_LINES)
        own = fit(call.talking_point, bold, _TEXT, _COLUMN, own_most)
        persona = fit(call.persona_points, regular, _TEXT, _COLUMN, persona_most)
        left = self._section(pen, self._texts["talking points"], _LEFT, y, _COLUMN) - 1
        left = pen.lines(own, _LEFT, left, bold, _TEXT, _LEADING)
        if own and persona:
            left -= 3
        left = pen.lines(
            persona or (() if own else (NOT_SET,)), _LEFT, left, regular, _TEXT, _LEADING
        )

        x = _LEFT + _COLUMN + _GUTTER
        pain_need = len(fit(call.pains, regular, _TEXT, _COLUMN, _COLUMN_LINES))
        value_need = len(fit(call.value_proposition, regular, _TEXT, _COLUMN, _COLUMN_LINES))
        # The second heading takes the room of two lines.
        pain_most, value_most = _share(pain_need, value_need, _COLUMN_LINES - 2)
        pains = fit(call.pains, regular, _TEXT, _COLUMN, max(pain_most, 1)) or (NOT_SET,)
        value = fit(call.value_proposition, regular, _TEXT, _COLUMN, max(value_most, 1))
        right = self._section(pen, self._texts["pains"], x, y, _COLUMN) - 1
        right = pen.lines(pains, x, right, regular, _TEXT, _LEADING) - 4
        right = self._section(pen, self._texts["value"], x, right, _COLUMN) - 1
        right = pen.lines(value or (NOT_SET,), x, right, regular, _TEXT, _LEADING)
        return min(left, right)

    def _qualification(self, canvas: Any, pen: Pen, call: Call, y: float) -> float:
        """Each criterion with an empty box to tick by hand (ticked when already met)."""
        y = self._section(pen, self._texts["criteria"], _LEFT, y, _SPAN) - 4
        width = _SPAN / max(4, len(call.criteria))
        room = width - _BOX - 12
        canvas.setLineWidth(0.8)
        for index, (criterion, status) in enumerate(call.criteria):
            x = _LEFT + index * width
            canvas.rect(x, y - _BOX, _BOX, _BOX, stroke=1, fill=0)
            if status is CriterionStatus.MET:
                canvas.lines([(x + 2, y - 6, x + 4.5, y - 9), (x + 4.5, y - 9, x + 9.5, y - 2)])
            label = one_line(self._criteria[criterion], self._bold, _HEADING, room)
            pen.at(x + _BOX + 5, y - 9.5, label, self._bold, _HEADING)
            state = one_line(self._statuses[status], self._regular, 8, room)
            pen.at(x + _BOX + 5, y - 20, state, self._regular, 8)
        return y - 24

    def _recent(self, pen: Pen, call: Call, y: float) -> float:
        """The last five activities, a line each: date, kind, outcome, subject and who."""
        regular, size = self._regular, 8.5
        y = self._section(pen, self._texts["recent"], _LEFT, y, _SPAN) - 1
        if not call.recent:
            return pen.lines((self._texts["no activities"],), _LEFT, y, regular, size, gray=_GREY)
        touches = call.recent[:5]
        # Column by column, so that each column is one run of lines.
        columns: tuple[tuple[float, list[str | None]], ...] = (
            (58.0, [date_text(touch.on, self._language) for touch in touches]),
            (56.0, [self._kinds[touch.kind] for touch in touches]),
            (124.0, [self._outcomes[t.outcome] if t.outcome else None for t in touches]),
            (
                _SPAN - 238.0,
                [" \u2014 ".join(p for p in (t.subject, t.contact) if p) for t in touches],
            ),
        )
        x, leading = _LEFT, size * 1.35
        for width, cells in columns:
            lines = [one_line(cell, regular, size, width - 6) for cell in cells]
            pen.lines(lines, x, y, regular, size, leading)
            x += width
        return y - leading * len(touches)

    def _notes_and_small_print(self, canvas: Any, pen: Pen, call: Call, y: float) -> None:
        """Ruled lines for notes down to the small print: where the data came from and the
        person's right to object."""
        regular = self._regular
        source = self._texts["source"].format(
            source=call.data_source or self._texts["not recorded"]
        )
        small_print = (one_line(source, regular, _SMALL, _SPAN), *self._objection)
        bottom = _FOOTER + 12 + len(small_print) * _SMALL * 1.28
        pen.lines(small_print, _LEFT, bottom, regular, _SMALL, gray=_GREY)
        y = self._section(pen, self._texts["notes"], _LEFT, y, _SPAN) - _NOTE_SPACING
        lines = []
        while y > bottom + 8:
            lines.append((_LEFT, y, _RIGHT, y))
            y -= _NOTE_SPACING
        canvas.setLineWidth(0.4)
        canvas.setStrokeGray(0.55)
        canvas.lines(lines)
        canvas.setStrokeGray(0)


def _share(first: int, second: int, room: int) -> tuple[int, int]:
    """How many lines two texts get of room: each what it needs if both fit, else each half
    at least and the rest to the one that needs more."""
    if first + second <= room:
        return first, second
    half = room // 2
    if first <= half:
        return first, room - first
    if second <= room - half:
        return room - second, second
    return half, room - half
