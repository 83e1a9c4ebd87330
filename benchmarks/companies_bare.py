"""Child, the Qt floor of the company page: a bare QTableView over a trivial 100,000-row model."""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

from benchmarks import company_cases as cases
from benchmarks.paint_watch import PaintWatch
from benchmarks.probe import peak_rss_mb, report

AnyIndex = QModelIndex | QPersistentModelIndex
ROWS, COLUMNS = 100_000, 13


class TrivialModel(QAbstractTableModel):
    """Every cell's text made on demand from its row and column."""

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else ROWS

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return f"{index.row()}:{index.column()}"
        return None


def main() -> int:
    QApplication(sys.argv[:1])
    values: dict[str, Any] = {}

    start = time.perf_counter()
    model = TrivialModel()
    view = QTableView()
    view.setModel(model)
    view.resize(cases.WIDTH, cases.HEIGHT)
    watch = PaintWatch(view.viewport())
    watch.start()
    watch.started_at = start
    view.show()
    values["open_s"] = watch.wait() - start
    values["open_mb"] = round(peak_rss_mb(), 1)

    viewport = view.viewport()

    def reset() -> None:
        model.beginResetModel()
        model.endResetModel()

    # The Qt part of every list change on the page: a model reset, then a repaint.
    values["reset_s"] = watch.measure(reset)
    values["reset_mb"] = round(peak_rss_mb(), 1)

    def at_end() -> bool:
        rect = view.visualRect(model.index(ROWS - 1, 0))
        return rect.isValid() and rect.top() >= 0 and rect.bottom() <= viewport.height()

    values["scroll_s"] = watch.measure(view.scrollToBottom, at_end)
    values["scroll_mb"] = round(peak_rss_mb(), 1)
    values["forced_repaints"] = watch.forced_repaints
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main())
