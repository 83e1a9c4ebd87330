"""The company table model: windows from SQL, sorting in SQL, and Qt's model contract."""

from __future__ import annotations

import factories
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from prospector.db import Database
from prospector.records import CompanyInput
from prospector.services import companies, company_query
from ui.itemmodels.company_table_model import CompanyTableModel
from ui.itemmodels.windows import MAX_WINDOWS, WINDOW
from ui.operations import Operations


def _model(db: Database) -> CompanyTableModel:
    return CompanyTableModel(Operations(db))


def _fill(db: Database, count: int) -> list[int]:
    """Firma 0000 … in order of name and employees, their cities the other way round."""
    return factories.companies(
        db,
        *(
            CompanyInput(name=f"Firma {i:04d}", city=f"Ort {count - i:04d}", employees=i)
            for i in range(count)
        ),
        bulk=True,
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


def test_rows_are_read_only_for_the_windows_shown(sqlite_db: Database) -> None:
    _fill(sqlite_db, 450)
    model = _model(sqlite_db)
    model.reload()
    assert model.total == 450
    assert model.rowCount() == 450  # the scroll bar knows the whole length at once
    assert model.cached_windows() == [0]  # read with the count, in the same transaction
    assert model.index(449, 0).data() == "Firma 0449"  # a jump to the end reads one window
    assert model.cached_windows() == [0, 449 // WINDOW]
    assert model.index(0, 0).data() == "Firma 0000"
    assert model.cached_windows() == [449 // WINDOW, 0]


def test_only_a_bounded_number_of_windows_is_kept(sqlite_db: Database) -> None:
    _fill(sqlite_db, WINDOW * (MAX_WINDOWS + 3))
    model = _model(sqlite_db)
    model.reload()
    for row in range(0, model.rowCount(), WINDOW):
        assert model.row_at(row) is not None
    assert len(model.cached_windows()) == MAX_WINDOWS
    assert model.cached_windows()[-1] == MAX_WINDOWS + 2


def test_a_list_that_shrank_since_counting_gives_empty_cells(sqlite_db: Database) -> None:
    _fill(sqlite_db, WINDOW + 5)
    model = _model(sqlite_db)
    model.reload()  # counted WINDOW + 5 and read the first window; the second not yet
    with sqlite_db.writing() as session:
        (first,) = company_query.list_companies(session, limit=1)
        companies.delete_company(session, first.id)
    last = WINDOW + 4
    assert model.row_at(last) is None  # the second window is read now, one row short
    assert model.index(last, 0).data() is None
    assert model.index(last - 1, 0).data() == f"Firma {last:04d}"
    assert model.index(0, 0).data() == "Firma 0000"  # the first window as it was read


def test_sorting_happens_in_sql(db: Database) -> None:
    count = WINDOW * 2 + 1
    ids = _fill(db, count)
    model = _model(db)
    model.reload()
    assert model.index(0, 0).data() == "Firma 0000"
    model.sort(2, Qt.SortOrder.AscendingOrder)  # city runs the other way round
    # One window read holds the first rows of the whole list in the new order: the database
    # sorted every row, not the model the rows it happened to hold.
    assert [model.index(0, column).data() for column in (0, 2)] == ["Firma 0400", "Ort 0001"]
    assert model.cached_windows() == [0]
    assert model.index(count - 1, 0).data() == "Firma 0000"
    model.sort(5, Qt.SortOrder.DescendingOrder)
    assert [model.index(0, column).data() for column in (0, 5)] == ["Firma 0400", "400"]
    assert model.cached_windows() == [0]
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == ids[-1]
