"""The header of a list page: a menu that shows and hides columns, and a sort order only on
columns the database sorts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QWidget


class ColumnSpec(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def sort(self) -> str | None: ...

    @property
    def header(self) -> Callable[[], str]: ...


class SortedModel(Protocol):
    def is_sortable(self, column: int) -> bool: ...

    def sort_state(self) -> tuple[str, bool]: ...


def show_column_menu(
    parent: QWidget,
    header: QHeaderView,
    columns: Sequence[ColumnSpec],
    position: QPoint,
    set_visible: Callable[[int, bool], None],
) -> None:
    """Show or hide columns; the name always stays."""
    menu = QMenu(parent)
    for column, spec in enumerate(columns):
        action = menu.addAction(spec.header())
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.setEnabled(spec.key != "name")
        action.toggled.connect(lambda shown, c=column: set_visible(c, shown))
    menu.exec(header.mapToGlobal(position))


def keeps_previous_sort(
    header: QHeaderView, columns: Sequence[ColumnSpec], model: SortedModel, column: int
) -> bool:
    """Put the sort indicator back on the sorted column when `column` is one the database
    cannot sort quickly; True if it did."""
    if model.is_sortable(column):
        return False
    key, descending = model.sort_state()
    previous = next(i for i, spec in enumerate(columns) if spec.sort == key)
    header.blockSignals(True)
    header.setSortIndicator(
        previous, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    )
    header.blockSignals(False)
    return True
