"""Drive a CompaniesPage the way a user does, each step timed to the viewport's next paint."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtTest import QTest

from benchmarks import company_cases as cases
from benchmarks.paint_watch import PaintWatch
from prospector.company_filter import CompanyFilter
from prospector.schema import open_database
from prospector.settings import load_preferences
from prospector.sizeclass import SizeClass
from ui.app import create_application
from ui.context import AppContext
from ui.itemmodels.company_table_model import COLUMNS
from ui.pages.companies_page import CompaniesPage
from ui.translations import install_translations

# Scrolling to the end may fetch every window; allow it this long before giving up.
SCROLL_TIMEOUT_S = 600.0
COLUMN = {spec.key: index for index, spec in enumerate(COLUMNS)}
ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


class PageDriver:
    """The app's QApplication (German), the database opened as the app does, and one page."""

    def __init__(self, database: str) -> None:
        self.app = create_application()
        self._translators = install_translations(self.app, "de")
        self.opened = open_database(f"sqlite:///{database}")  # at head already; not timed
        self.context = AppContext.open(self.opened.database, load_preferences())
        self._resets = 0
        self.scroll_calls = 0

    def open(self) -> float:
        """Construct, reload and show the page: seconds to the end of the viewport's first paint."""
        start = time.perf_counter()
        self.page = page = CompaniesPage(self.context)
        self.watch = PaintWatch(page.view.viewport())
        self.watch.start()
        self.watch.started_at = start
        page.reload()
        page.resize(cases.WIDTH, cases.HEIGHT)
        page.show()
        painted = self.watch.wait() - start
        self.model, self.view, self.bar = page.model, page.view, page.filter_bar
        self.model.modelReset.connect(self._on_reset)
        return painted

    def close(self) -> None:
        self.opened.database.dispose()

    def _on_reset(self) -> None:
        self._resets += 1

    def after_reset(self, action: Callable[[], object]) -> float:
        """Seconds from `action` to the end of the first viewport paint after a model reset."""
        seen = self._resets
        return self.watch.measure(action, lambda: self._resets > seen)

    # --- search -------------------------------------------------------------------------------

    def set_text_quietly(self, text: str) -> None:
        self.bar.search.blockSignals(True)
        self.bar.search.setText(text)
        self.bar.search.blockSignals(False)

    def apply_search(self) -> None:
        """What the debounce timer ends in: the page gets the filter bar's current filter."""
        self.page.set_filter(self.bar.current())

    def show_search(self, text: str) -> None:
        """Untimed: the box holds `text`, the list shows its result and has painted it."""
        self.set_text_quietly(text)
        self.after_reset(self.apply_search)

    def search_fired(self, search: cases.Search) -> float:
        """From the moment the debounce timer would fire, with the new text in the box."""
        self.show_search(search.before)
        self.set_text_quietly(search.after)
        return self.after_reset(self.apply_search)

    def search_rows(self, search: cases.Search) -> float:
        """From the moment the debounce timer would fire to the model holding the new result: its
        count and the window of rows the view paints next (the paint itself follows, untimed)."""
        self.show_search(search.before)
        self.set_text_quietly(search.after)
        seen = self._resets
        self.watch.start(lambda: self._resets > seen)
        start = time.perf_counter()
        self.apply_search()
        if self.model.rowCount():
            self.model.row_at(0)  # reads the first window, as the view's first data() call would
        seconds = time.perf_counter() - start
        self.watch.wait()
        return seconds

    def search_typed(self, search: cases.Search) -> float:
        """From QTest.keyClick, the debounce delay included."""
        self.show_search(search.before)
        # Qt's keyClick(widget, char) overload, which the stubs do not list.
        seconds = self.after_reset(
            lambda: QTest.keyClick(self.bar.search, search.char)  # type: ignore[call-overload]
        )
        if self.bar.search.text() != search.after:
            raise RuntimeError(f"typed {search.char!r}, the box shows {self.bar.search.text()!r}")
        return seconds

    # --- filters and sorting ------------------------------------------------------------------

    def filter_state(self) -> float:
        return self.after_reset(lambda: self.bar.state.set_selected([cases.FILTER_STATE]))

    def filter_size(self) -> float:
        size = self.bar.size_class
        return self.after_reset(lambda: size.set_selected([SizeClass.SMALL]))

    def clear_filters(self) -> float:
        return self.after_reset(lambda: self.bar.apply(CompanyFilter()))

    def sort(self, key: str, order: Qt.SortOrder) -> float:
        """Sort by the column of `key`; 0.0 if the list is sorted so already (nothing to do)."""
        wanted = (COLUMNS[COLUMN[key]].sort, order == DESCENDING)
        if self.model.sort_state() == wanted:
            return 0.0
        return self.after_reset(lambda: self.view.sortByColumn(COLUMN[key], order))

    # --- scrolling ----------------------------------------------------------------------------

    def at_end(self) -> bool:
        """Every row is known and the last one is wholly on screen."""
        model, view = self.model, self.view
        count = model.rowCount()
        if model.canFetchMore(QModelIndex()) or count == 0:
            return False
        rect = view.visualRect(model.index(count - 1, COLUMN["name"]))
        return rect.isValid() and rect.top() >= 0 and rect.bottom() <= view.viewport().height()

    def _scroll_step(self) -> None:
        if self.at_end():
            return
        self.scroll_calls += 1
        self.view.scrollToBottom()
        QTimer.singleShot(0, self._scroll_step)

    def scroll_to_end(self) -> float:
        """scrollToBottom again and again (fetching window after window, if the model fetches
        that way) until the last row is on screen; seconds to the end of the paint showing it."""
        self.scroll_calls = 0
        self.watch.start(self.at_end)
        self._scroll_step()
        return self.watch.wait(SCROLL_TIMEOUT_S) - self.watch.started_at

    def state(self) -> dict[str, Any]:
        """What the list shows now: its count, rows and first row (read after the timing)."""
        model = self.model
        first = model.row_at(0) if model.rowCount() else None
        return {
            "total": model.total,
            "rows": model.rowCount(),
            "first_id": first.id if first is not None else None,
        }
