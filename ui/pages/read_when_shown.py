"""A page's reading kept current: read at once while the page is in sight, else when shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget


class ReadWhenShown:
    """Whether what a page shows may differ from the database (`stale`), and the one rule for
    reading it again: a change is read at once while the page is in sight and nothing holds
    it (`held`, e.g. outcomes being entered), else when the page is next shown. A page never
    shown costs nothing at start-up. The page's own reading sets `stale` to False."""

    def __init__(
        self,
        page: QWidget,
        read: Callable[[], None],
        *,
        stale: bool = True,
        held: Callable[[], bool] | None = None,
    ) -> None:
        self._page = page
        self._read = read
        self._held = held
        self.stale = stale

    def changed(self) -> None:
        """Something the page shows changed."""
        if self._page.isVisible() and not self._is_held():
            self._read()
        else:
            self.stale = True

    def shown(self) -> None:
        """The page came into sight (its showEvent)."""
        if self.stale and not self._is_held():
            self.stale = False
            self._read()

    def _is_held(self) -> bool:
        return self._held is not None and self._held()
