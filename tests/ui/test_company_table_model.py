"""The company table model: windows from SQL, sorting in SQL, and Qt's model contract."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from prospector.db import Database
from prospector.records import CompanyInput, CompanyRow
from prospector.services import companies, company_query
from ui.models.company_table_model import WINDOW, CompanyTableModel


def _model(db: Database) -> CompanyTableModel:
    def fetch(offset: int, limit: int, sort: str, descending: bool) -> list[CompanyRow]:
        with db.reading() as session:
            return company_query.list_companies(
                session, offset=offset, limit=limit, sort=sort, descending=descending
            )

    def count() -> int:
        with db.reading() as session:
            return companies.count_companies(session)

    return CompanyTableModel(fetch, count)


def _fill(db: Database, count: int) -> None:
    with db.writing() as session:
        companies.create_companies(
            session,
            (
                CompanyInput(name=f"Firma {i:04d}", city=f"Ort {count - i:04d}", employees=i)
                for i in range(count)
            ),
        )


def test_model_contract_on_an_empty_and_a_filled_model(
    qtmodeltester: ModelTester, sqlite_db: Database
) -> None:
    model = _model(sqlite_db)
    model.reload()
    qtmodeltester.check(model)
    _fill(sqlite_db, 450)
    model.reload()
    qtmodeltester.check(model)


def test_rows_arrive_window_by_window(sqlite_db: Database) -> None:
    _fill(sqlite_db, 450)
    model = _model(sqlite_db)
    model.reload()
    assert model.total == 450
    assert model.rowCount() == WINDOW
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    assert model.index(449, 0).data() == "Firma 0449"


def test_sorting_happens_in_sql(db: Database) -> None:
    _fill(db, 30)
    model = _model(db)
    model.reload()
    assert model.index(0, 0).data() == "Firma 0000"
    model.sort(2, Qt.SortOrder.AscendingOrder)  # city runs the other way round
    assert model.index(0, 2).data() == "Ort 0001"
    assert model.index(0, 0).data() == "Firma 0029"
    model.sort(5, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 5).data() in {"29"}
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == model.row_at(0).id
