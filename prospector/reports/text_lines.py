"""Text on a page: cut into lines that fit a width, and written in one text object per page."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

ELLIPSIS = "\u2026"
_BULLETS = frozenset("\u2022\u2023\u25e6\u2043\u2013\u2014-*\u00b7")


def _wrapped(text: str, font: str, size: float, width: float) -> Iterator[str]:
    """The lines of text at most width wide, broken between words; the user's line breaks
    are kept and empty lines dropped, and a bulleted line continues indented under its text.
    Widths add up (no kerning), so a line is measured once per word."""
    space = stringWidth(" ", font, size)
    for paragraph in text.splitlines():
        words = paragraph.split()
        if not words:
            continue
        whole = " ".join(words)
        if stringWidth(whole, font, size) <= width:  # most texts: one measure
            yield whole
            continue
        hang = ""
        if len(words) > 1 and words[0] in _BULLETS:
            hang = " " * round((stringWidth(words[0], font, size) + space) / space)
        prefix, room = "", width
        line: list[str] = []
        used = 0.0
        for word in words:
            wide = stringWidth(word, font, size)
            if line and used + space + wide <= room:
                line.append(word)
                used += space + wide
                continue
            if line:
                yield prefix + " ".join(line)
                prefix, room = hang, width - len(hang) * space
            while wide > room:  # a word wider than the line, such as a web address
                cut = _fitting(word, font, size, room)
                yield prefix + word[:cut]
                prefix, room = hang, width - len(hang) * space
                word = word[cut:]
                wide = stringWidth(word, font, size)
            line, used = [word], wide
        yield prefix + " ".join(line)


def _fitting(text: str, font: str, size: float, width: float) -> int:
    """How many leading characters of text fit into width; at least one, so that cutting a
    text into lines always ends."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


# The same texts come back on many sheets of a day: the ideal customer's pains and value,
# a persona's talking points, the labels.
@functools.lru_cache(maxsize=4096)
def fit(
    text: str | None, font: str, size: float, width: float, max_lines: int = 1
) -> tuple[str, ...]:
    """text in at most max_lines lines of width; the last ends in an ellipsis when text was
    longer. None or blank text gives no lines."""
    if not text or max_lines < 1:
        return ()
    lines = list(islice(_wrapped(text, font, size, width), max_lines + 1))
    if len(lines) <= max_lines:
        return tuple(lines)
    del lines[max_lines:]
    room = width - stringWidth(ELLIPSIS, font, size)
    last = lines[-1]
    if stringWidth(last, font, size) > room:
        last = last[: _fitting(last, font, size, room)]
    lines[-1] = last.rstrip() + ELLIPSIS
    return tuple(lines)


def one_line(text: str | None, font: str, size: float, width: float) -> str:
    """text on one line of width, cut with an ellipsis if longer; '' for None."""
    lines = fit(text, font, size, width, 1)
    return lines[0] if lines else ""


class Pen:
    """Writes a page's texts into one PDF text object, drawn by finish(): a drawString per
    line would cost a text object, a font and a position each, and dominate the time of a
    day of 500 sheets. Call finish() before the page is shown."""

    def __init__(self, canvas: Any) -> None:
        self._canvas = canvas
        self._text = canvas.beginText()
        self._font: tuple[str, float, float] | None = None
        self._gray = 0.0

    def _use(self, font: str, size: float, leading: float, gray: float) -> None:
        if (font, size, leading) != self._font:
            self._text.setFont(font, size, leading)
            self._font = (font, size, leading)
        if gray != self._gray:
            self._text.setFillGray(gray)
            self._gray = gray

    def lines(
        self,
        lines: Sequence[str],
        x: float,
        top: float,
        font: str,
        size: float,
        leading: float | None = None,
        gray: float = 0.0,
    ) -> float:
        """Write lines from top (the top of the first) down; returns the y below them."""
        leading = leading or size * 1.28
        if lines:
            self._use(font, size, leading, gray)
            self._text.setTextOrigin(x, top - size)
            for line in lines:
                self._text.textLine(line)
        return top - leading * len(lines)

    def at(self, x: float, baseline: float, text: str, font: str, size: float) -> None:
        """Write one black line with its baseline at `baseline`."""
        if text:
            self._use(font, size, size * 1.28, 0.0)
            self._text.setTextOrigin(x, baseline)
            self._text.textLine(text)

    def finish(self) -> None:
        """Put the page's texts onto the canvas."""
        if self._gray:
            self._text.setFillGray(0)  # the colour outlives the text object
        self._canvas.drawText(self._text)
