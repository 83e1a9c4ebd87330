"""The trash table model: what each column shows, and Qt's model contract."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt
from pytestqt.modeltest import ModelTester

from prospector.services.trash import TrashedCompany
from ui.itemmodels.trash_table_model import TrashTableModel

DELETED = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
ROWS = [
    TrashedCompany(id=7, name="Eins GmbH", city="Dresden", contact_count=1234, deleted_at=DELETED),
    TrashedCompany(id=3, name="Zwei KG", city=None, contact_count=0, deleted_at=DELETED),
]


def test_model_contract_on_an_empty_and_a_filled_model(qtmodeltester: ModelTester) -> None:
    model = TrashTableModel()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_columns_show_the_row_in_the_users_locale() -> None:
    model = TrashTableModel()
    model.set_rows(ROWS)
    locale = QLocale()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Name", "City", "Contacts", "Deleted on", "Removed for good on"]
    assert [model.index(0, c).data() for c in range(3)] == [
        "Eins GmbH",
        "Dresden",
        locale.toString(1234),
    ]
    deleted = QDateTime.fromSecsSinceEpoch(int(DELETED.timestamp()))
    assert model.index(0, 3).data() == locale.toString(deleted, QLocale.FormatType.ShortFormat)
    removed = (DELETED + dt.timedelta(days=30)).astimezone()  # the day in this time zone
    assert model.index(0, 4).data() == locale.toString(
        QDate(removed.year, removed.month, removed.day), QLocale.FormatType.ShortFormat
    )
    assert model.index(1, 1).data() is None
    assert model.index(1, 2).data() == "0"
    assert model.index(1, 0).data(Qt.ItemDataRole.UserRole) == 3
    assert model.row_at(1) == ROWS[1]
    alignment = model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight
