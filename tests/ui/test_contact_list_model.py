"""The contact list model: windows from SQL, sorting in SQL, and Qt's model contract."""

from __future__ import annotations

import datetime as dt

import factories
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from prospector.db import Database
from prospector.records import ContactInput
from prospector.services import contacts
from prospector.services.contact_query import ContactFilter
from ui.itemmodels.contact_list_model import COLUMNS, ContactListModel
from ui.itemmodels.windows import MAX_WINDOWS, WINDOW
from ui.operations import Operations


def _model(db: Database) -> ContactListModel:
    return ContactListModel(Operations(db))


def _fill(db: Database, count: int) -> None:
    """Person 0000 … without a company."""
    with db.writing() as session:
        contacts.create_contacts(
            session,
            (ContactInput(company_id=None, last_name=f"Person {i:04d}") for i in range(count)),
        )


def _column(key: str) -> int:
    return next(i for i, column in enumerate(COLUMNS) if column.key == key)


def test_model_contract_on_an_empty_and_a_filled_model(
    qtmodeltester: ModelTester, sqlite_db: Database
) -> None:
    model = _model(sqlite_db)
    model.reload()
    qtmodeltester.check(model)
    company = factories.company(sqlite_db, "Förde Druck KG").id
    factories.contact(
        sqlite_db, company, "Weber", do_not_contact=True, do_not_contact_since=dt.date(2024, 5, 2)
    )
    _fill(sqlite_db, 450)
    model.reload()
    qtmodeltester.check(model)


def test_rows_are_read_only_for_the_windows_shown(sqlite_db: Database) -> None:
    _fill(sqlite_db, 450)
    model = _model(sqlite_db)
    model.reload()
    assert (model.total, model.rowCount()) == (450, 450)
    assert model.cached_windows() == [0]
    assert model.index(449, 0).data() == "Person 0449"
    assert model.cached_windows() == [0, 449 // WINDOW]


def test_only_a_bounded_number_of_windows_is_kept(sqlite_db: Database) -> None:
    _fill(sqlite_db, WINDOW * (MAX_WINDOWS + 2))
    model = _model(sqlite_db)
    model.reload()
    for row in range(0, model.rowCount(), WINDOW):
        assert model.row_at(row) is not None
    assert len(model.cached_windows()) == MAX_WINDOWS


def test_cells_show_the_company_or_nothing_and_mark_an_objection(db: Database) -> None:
    company = factories.company(db, "Förde Druck KG").id
    factories.contact(
        db,
        company,
        "Weber",
        first_name="Anna",
        academic_title="Dr.",
        mobile="0171 2345678",
        do_not_contact=True,
        do_not_contact_since=dt.date(2024, 5, 2),
    )
    factories.contact(db, None, "Zander", email="z@example.de")
    model = _model(db)
    model.reload()
    cells = [
        [model.index(row, column).data() for column in range(len(COLUMNS))] for row in range(2)
    ]
    assert cells == [
        ["Dr. Anna Weber", "Förde Druck KG", None, "0171 2345678", None, "Contact", None],
        ["Zander", None, None, None, "z@example.de", "Contact", None],
    ]
    weber = model.index(0, 0)
    assert weber.data(Qt.ItemDataRole.ToolTipRole) == "Objected to being contacted."
    assert weber.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.UserRole) == model.row_at(1).id  # type: ignore[union-attr]


def test_sorting_and_filtering_happen_in_sql(db: Database) -> None:
    company = factories.company(db, "Alpha GmbH").id
    factories.contact(db, company, "Meier")
    factories.contact(db, None, "Adler")
    model = _model(db)
    model.reload()
    assert [model.index(r, 0).data() for r in range(2)] == ["Adler", "Meier"]
    model.sort(_column("company"), Qt.SortOrder.AscendingOrder)
    assert model.sort_state() == ("company", False)
    assert [model.index(r, 0).data() for r in range(2)] == ["Meier", "Adler"]
    model.sort(_column("phone"), Qt.SortOrder.AscendingOrder)  # not sortable: order stays
    assert model.sort_state() == ("company", False)
    model.set_filter(ContactFilter(without_company=True))
    assert (model.total, model.index(0, 0).data()) == (1, "Adler")
    model.set_filter(ContactFilter(query="mei"))
    assert (model.total, model.index(0, 0).data()) == (1, "Meier")
