"""Item models of the pipeline: one stage's cards, which drag to another stage, and the list."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QLocale,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)

from prospector.enums import LostReason, OpportunityStage
from prospector.services.opportunities import OpportunityRow
from ui.itemmodels.rows_model import AnyIndex, RowsModel
from ui.labels import lost_reason_label, opportunity_stage_label

translate = QCoreApplication.translate

# What a dragged card carries: its deal, the version it was read at and where it comes from.
MIME_TYPE = "application/x-prospector-opportunity"
ID_ROLE = int(Qt.ItemDataRole.UserRole)


def lost_reason_text(reason: LostReason | None) -> str:
    """Why a deal was lost; a deal lost without a reason says so."""
    return translate("Pipeline", "No reason given") if reason is None else lost_reason_label(reason)


def money(locale: QLocale, value: Decimal | None) -> str:
    """Euros as the locale writes them, cents only where there are any: 45.000 €, 99,50 €."""
    if value is None:
        return ""
    cents = 0 if value == value.to_integral_value() else 2
    return locale.toCurrencyString(float(value), "\u20ac", cents)


def short_date(locale: QLocale, day: dt.date | None) -> str:
    if day is None:
        return ""
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


@dataclass(frozen=True)
class Dragged:
    """The deal a card's mime data names."""

    id: int
    version: int
    stage: OpportunityStage


def card_mime(row: OpportunityRow) -> QMimeData:
    mime = QMimeData()
    payload = {"id": row.id, "version": row.version, "stage": row.stage.value}
    mime.setData(MIME_TYPE, json.dumps(payload).encode())
    mime.setText(row.title)  # dropped into a text editor, a card is its title
    return mime


def dragged(mime: QMimeData | None) -> Dragged | None:
    """The deal in a drag; None for anything else."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
        return Dragged(
            int(payload["id"]), int(payload["version"]), OpportunityStage(payload["stage"])
        )
    except (ValueError, KeyError, TypeError):
        return None


class CardModel(QAbstractListModel):
    """The cards of one stage. A card dropped here asks for a move with `move_requested`
    (id, version, this stage): the page writes it, the model never does."""

    move_requested = Signal(int, int, str)

    def __init__(self, stage: OpportunityStage, parent: Any = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self._rows: list[OpportunityRow] = []
        self._locale = QLocale()

    def set_rows(self, rows: Sequence[OpportunityRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._locale = QLocale()
        self.endResetModel()

    def row_at(self, row: int) -> OpportunityRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, opportunity_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == opportunity_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def card_lines(self, row: OpportunityRow) -> tuple[str, str, str]:
        """Title, company, and what it is worth and when it closes."""
        worth = money(self._locale, row.value_eur) or translate("Pipeline", "no value yet")
        if row.stage is OpportunityStage.LOST:
            when = lost_reason_text(row.lost_reason_code)  # why says more than when
        elif row.closed_on is not None:
            when = translate("Pipeline", "closed %1").replace(
                "%1", short_date(self._locale, row.closed_on)
            )
        elif row.expected_close_on is not None:
            when = translate("Pipeline", "closes %1").replace(
                "%1", short_date(self._locale, row.expected_close_on)
            )
        else:
            when = ""
        return row.title, row.company, " \u00b7 ".join(p for p in (worth, when) if p)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or index.column() != 0:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(self.card_lines(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [row.title, row.company, row.contact or "", row.owner or "", row.offer or ""]
            return "\n".join(p for p in parts if p)
        if role == ID_ROLE:
            return row.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # a drop lands on the column, not on a card
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = [self.row_at(i.row()) for i in indexes if i.isValid()]
        found = next((r for r in rows if r is not None), None)
        return QMimeData() if found is None else card_mime(found)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        card = dragged(data)
        return card is not None and card.stage is not self.stage

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        card = dragged(data)
        if action == Qt.DropAction.IgnoreAction or card is None or card.stage is self.stage:
            return False
        self.move_requested.emit(card.id, card.version, self.stage.value)
        return True


@dataclass(frozen=True)
class Column:
    """One column of the list: its header, its cell text and how it sorts."""

    key: str
    header: Callable[[], str]
    text: Callable[[OpportunityRow, QLocale], str]
    sort_key: Callable[[OpportunityRow], Any]
    numeric: bool = False


def _percent(row: OpportunityRow, locale: QLocale) -> str:
    return "" if row.probability is None else f"{locale.toString(row.probability)} %"


COLUMNS: tuple[Column, ...] = (
    Column(
        "title", lambda: translate("Pipeline", "Title"), lambda r, _: r.title, lambda r: r.title
    ),
    Column(
        "company",
        lambda: translate("Pipeline", "Company"),
        lambda r, _: r.company,
        lambda r: r.company,
    ),
    Column(
        "contact",
        lambda: translate("Pipeline", "Contact"),
        lambda r, _: r.contact or "",
        lambda r: r.contact,
    ),
    Column(
        "stage",
        lambda: translate("Pipeline", "Stage"),
        lambda r, _: opportunity_stage_label(r.stage),
        lambda r: list(OpportunityStage).index(r.stage),
    ),
    Column(
        "value",
        lambda: translate("Pipeline", "Value"),
        lambda r, loc: money(loc, r.value_eur),
        lambda r: r.value_eur,
        numeric=True,
    ),
    Column(
        "probability",
        lambda: translate("Pipeline", "Probability"),
        _percent,
        lambda r: r.probability,
        numeric=True,
    ),
    Column(
        "weighted",
        lambda: translate("Pipeline", "Weighted"),
        lambda r, loc: money(loc, r.weighted_eur),
        lambda r: r.weighted_eur,
        numeric=True,
    ),
    Column(
        "expected_close",
        lambda: translate("Pipeline", "Expected close"),
        lambda r, loc: short_date(loc, r.expected_close_on),
        lambda r: r.expected_close_on,
    ),
    Column(
        "owner",
        lambda: translate("Pipeline", "Owner"),
        lambda r, _: r.owner or "",
        lambda r: r.owner,
    ),
)


def _text_key(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


class OpportunityTableModel(RowsModel):
    """Every deal that passes the filter, held at once and sorted in Python: a firm's deals
    number in the thousands at most."""

    headers = tuple(column.header for column in COLUMNS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._locale = QLocale()
        if self._sorted is not None:
            self._rows = self._in_order(*self._sorted)
        self.endResetModel()

    def row_at(self, row: int) -> OpportunityRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_of(index)
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row, self._locale)
        if role == Qt.ItemDataRole.ToolTipRole and not column.numeric:
            return column.text(row, self._locale) or None  # long titles are elided
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.id
        return None

    def _in_order(self, column: int, order: Qt.SortOrder) -> list[OpportunityRow]:
        key = COLUMNS[column].sort_key
        known = [r for r in self._rows if key(r) is not None]
        unknown = [r for r in self._rows if key(r) is None]
        descending = order == Qt.SortOrder.DescendingOrder
        known.sort(key=lambda r: _text_key(key(r)), reverse=descending)
        return known + unknown  # rows without a value last, either way

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._sorted = (column, order)
        self._rows = self._in_order(column, order)
        where = {r.id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(where[i], old.column()) for i, old in zip(ids, before, strict=True)]
        )
        self.layoutChanged.emit()
