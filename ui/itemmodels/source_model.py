"""Table model over the funnel of each lead source, with its cost editable in place."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from prospector.funnel import SourceFunnel
from prospector.numbers import parse_decimal
from ui.itemmodels.rows_model import AnyIndex, RowsModel

translate = QCoreApplication.translate

NAME, COMPANIES, LEADS, OPPORTUNITIES, CUSTOMERS, COST = range(6)
PER_LEAD, PER_OPPORTUNITY, PER_CUSTOMER = range(6, 9)

HEADERS: tuple[Callable[[], str], ...] = (
    lambda: translate("SourceModel", "Source"),
    lambda: translate("SourceModel", "Companies"),
    lambda: translate("SourceModel", "Leads"),
    lambda: translate("SourceModel", "Opportunities"),
    lambda: translate("SourceModel", "Customers"),
    lambda: translate("SourceModel", "Cost (€)"),
    lambda: translate("SourceModel", "per lead"),
    lambda: translate("SourceModel", "per opportunity"),
    lambda: translate("SourceModel", "per customer"),
)
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

# (name, cost) -> whether it was stored; the page saves it and the model is read again.
SaveCost = Callable[[str, Decimal | None], bool]


class SourceModel(RowsModel):
    """One row per source; a cost typed into the cost column goes to `save_cost`."""

    headers = HEADERS

    def __init__(self, save_cost: SaveCost, parent: Any = None) -> None:
        super().__init__(parent)
        self._save_cost = save_cost

    def row_at(self, row: int) -> SourceFunnel:
        found: SourceFunnel = self._rows[row]
        return found

    def _money(self, value: Decimal | None) -> str | None:
        return None if value is None else self._locale.toString(float(value), "f", 2)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        row = self._row_of(index)
        if row is None:
            return None
        column = index.column()
        if role == int(Qt.ItemDataRole.TextAlignmentRole) and column != NAME:
            return RIGHT
        if role == EDIT and column == COST:
            return self._money(row.cost_eur) or ""
        if role == int(Qt.ItemDataRole.ToolTipRole) and column in (PER_LEAD, PER_CUSTOMER):
            nothing = not (row.leads if column == PER_LEAD else row.customers)
            return (
                translate("SourceModel", "Money spent, nothing yet in return.")
                if row.cost_eur and nothing
                else None
            )
        if role != DISPLAY:
            return None
        if column == NAME:
            return row.source or translate("SourceModel", "(no source)")
        counts = {
            COMPANIES: row.companies,
            LEADS: row.leads,
            OPPORTUNITIES: row.opportunities,
            CUSTOMERS: row.customers,
        }
        if column in counts:
            return self._locale.toString(counts[column])
        money = {
            COST: row.cost_eur,
            PER_LEAD: row.cost_per_lead,
            PER_OPPORTUNITY: row.cost_per_opportunity,
            PER_CUSTOMER: row.cost_per_customer,
        }
        value = money[column]
        if value is None and column != COST and row.cost_eur is not None:
            return "\u2014"  # a cost, but nothing to divide it by: no figure, not zero
        return self._money(value)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        found = super().flags(index)
        row = self._row_of(index)
        if row is not None and index.column() == COST and row.source:
            found |= Qt.ItemFlag.ItemIsEditable
        return found

    def setData(self, index: AnyIndex, value: Any, role: int = EDIT) -> bool:
        row = self._row_of(index)
        if role != EDIT or row is None or index.column() != COST or not row.source:
            return False
        text = str(value).replace("\u20ac", "").strip()
        try:
            cost = parse_decimal(text) if text else None
        except ValueError:
            return False
        return self._save_cost(row.source, cost)
