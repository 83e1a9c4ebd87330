"""The funnel as bars, expected beside actual, drawn with QPainter and saved as PNG or PDF.

Drawn by hand rather than with a chart library: five pairs of bars need no second toolkit in
the bundle, they start with nothing to import, and they take the window's fonts, palette and
translations; Qt writes the PNG (QImage) and the PDF (QPdfWriter) itself.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPalette,
    QPdfWriter,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from prospector.funnel import Funnel

EXPECTED = QColor("#9ab8d8")
ACTUAL = QColor("#1f5f99")
PNG_SIZE = QSize(1400, 700)


class FunnelChart(QWidget):
    """One row per stage: the planned count and the real one, on a logarithmic scale (the
    target group is thousands of times the customers; a linear bar would hide the end)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("funnelChart")
        self.setMinimumSize(480, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._expected: Funnel | None = None
        self._actual: Funnel | None = None
        self._labels: dict[str, str] = {}
        self.title = ""

    def set_funnels(
        self, expected: Funnel | None, actual: Funnel | None, labels: dict[str, str], title: str
    ) -> None:
        self._expected = expected
        self._actual = actual
        self._labels = labels
        self.title = title
        self.update()

    def rows(self) -> list[tuple[str, int | None, int | None]]:
        """(stage label, expected, actual) as drawn, top to bottom."""
        funnel = self._actual or self._expected
        if funnel is None:
            return []
        found = []
        for stage in funnel.stages:
            expected = self._expected.count(stage.key) if self._expected else None
            actual = self._actual.count(stage.key) if self._actual else None
            found.append((self._labels.get(stage.key, stage.key), expected, actual))
        return found

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.render_into(painter, QRectF(self.rect()), self.palette())

    def render_into(
        self, painter: QPainter, area: QRectF, palette: QPalette, *, with_title: bool = False
    ) -> None:
        rows = self.rows()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        top = area.top() + line * 0.5
        if with_title and self.title:
            font = QFont(painter.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.3)
            painter.save()
            painter.setFont(font)
            painter.drawText(
                QRectF(area.left(), top, area.width(), line * 2),
                Qt.AlignmentFlag.AlignLeft,
                self.title,
            )
            painter.restore()
            top += line * 2.2
        legend_height = line * 1.6
        if not rows:
            return
        label_width = max(metrics.horizontalAdvance(label) for label, _e, _a in rows) + line
        number_width = metrics.horizontalAdvance(QLocale().toString(10_000_000)) + line
        left = area.left() + label_width
        width = max(area.right() - left - number_width, 10.0)
        height = (area.bottom() - top - legend_height) / len(rows)
        peak = max((max(e or 0, a or 0) for _l, e, a in rows), default=1)
        scale = math.log10(peak + 1) or 1.0
        locale = QLocale()
        bar = min(height * 0.32, line * 1.4)
        for index, (label, expected, actual) in enumerate(rows):
            y = top + index * height
            painter.setPen(text)
            painter.drawText(
                QRectF(area.left(), y, label_width - line * 0.5, height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            for offset, value, color in (
                (height / 2 - bar - 1, expected, EXPECTED),
                (height / 2 + 1, actual, ACTUAL),
            ):
                if value is None:
                    continue
                length = width * math.log10(value + 1) / scale
                rect = QRectF(left, y + offset, max(length, 1.0), bar)
                painter.fillRect(rect, color)
                painter.setPen(text)
                painter.drawText(
                    QRectF(rect.right() + line * 0.4, rect.top(), number_width, bar),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    locale.toString(value),
                )
        self._legend(
            painter, QRectF(left, area.bottom() - legend_height, width, legend_height), text
        )

    def _legend(self, painter: QPainter, area: QRectF, text: QColor) -> None:
        metrics = painter.fontMetrics()
        box = metrics.height() * 0.8
        x = area.left()
        entries = (
            (EXPECTED, self.tr("Planned (rule of ten)")),
            (ACTUAL, self.tr("Actual")),
        )
        for color, label in entries:
            painter.fillRect(QRectF(x, area.center().y() - box / 2, box, box), color)
            x += box * 1.4
            painter.setPen(text)
            painter.drawText(
                QRectF(x, area.top(), metrics.horizontalAdvance(label) + 4, area.height()),
                Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            x += metrics.horizontalAdvance(label) + box * 2
        note = self.tr("logarithmic scale")
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, note)

    def save_png(self, path: Path) -> None:
        image = QImage(PNG_SIZE, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        painter.setFont(font)
        margin = 40.0
        area = QRectF(image.rect()).marginsRemoved(QMarginsF(margin, margin, margin, margin))
        self.render_into(painter, area, _print_palette(), with_title=True)
        painter.end()
        if not image.save(str(path)):  # the format from the suffix: .png
            raise OSError(f"cannot write {path}")

    def save_pdf(self, path: Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setTitle(self.title)
        writer.setCreator("Prospector")
        painter = QPainter(writer)
        if not painter.isActive():
            raise OSError(f"cannot write {path}")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(11)
        painter.setFont(font)
        area = QRectF(painter.viewport())
        self.render_into(painter, area, _print_palette(), with_title=True)
        painter.end()


def _print_palette() -> QPalette:
    """Black on white, whatever the window's theme: paper is white."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("black"))
    return palette
