"""The wizard's columns page: how sure each guess is, a near miss standing out, remembered
mappings, and fields several columns fill."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.services.import_mapping import remember_mapping
from ui.context import AppContext
from ui.dialogs.import_pages.columns_page import ColumnsPage
from ui.dialogs.import_wizard import ImportWizard
from ui.itemmodels.mapping_model import FIELD_COLUMN, GUESS_COLUMN, UNCERTAIN_COLOUR

HEADERS = ("Firma", "Postleitzal", "Ort", "E-Mail", "E-Mail 2", "Typ")
CSV = "\n".join(
    (
        ";".join(HEADERS),
        "Müller Maschinenbau GmbH;01069;Dresden;info@mueller-mb.de;vertrieb@mueller-mb.de;A",
        "Förde Druck KG;24103;Kiel;;post@foerde-druck.de;B",
    )
)


def _wizard(qtbot: QtBot, context: AppContext, tmp_path: Path) -> ImportWizard:
    """The wizard on its columns page, for a small CSV whose second header is misspelt."""
    path = tmp_path / "kunden.csv"
    path.write_bytes(CSV.encode("cp1252"))
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.table is not None, timeout=20_000)
    wizard.next()
    assert wizard.currentPage() is wizard.columns_page
    return wizard


def _guess(page: ColumnsPage, row: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return page.model.index(row, GUESS_COLUMN).data(role)


def test_a_near_miss_shows_its_confidence_and_stands_out(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, context, tmp_path)
    page = wizard.columns_page
    assert [page.combo(r).field() for r in range(6)] == [
        "name",
        "postcode",
        "city",
        "email",
        "email",  # a second address of the same field
        None,
    ]
    header = page.view.horizontalHeader()
    assert header.visualIndex(GUESS_COLUMN) == header.visualIndex(FIELD_COLUMN) + 1
    assert page.model.headerData(GUESS_COLUMN, Qt.Orientation.Horizontal) == "Recognised"

    assert _guess(page, 1) == "91 %"
    assert _guess(page, 1, Qt.ItemDataRole.ToolTipRole) == (
        "Guessed from a similar name: \u201cPostleitzahl\u201d. Check the examples."
    )
    assert _guess(page, 1, Qt.ItemDataRole.BackgroundRole) == UNCERTAIN_COLOUR
    assert page.combo(1).is_uncertain()
    assert page.combo(1).font().italic()

    # A known name is certain, and looks it.
    assert _guess(page, 0) == "100 %"
    assert _guess(page, 0, Qt.ItemDataRole.ToolTipRole) == "Recognised by the name of the column."
    assert _guess(page, 0, Qt.ItemDataRole.BackgroundRole) is None
    assert not page.combo(0).is_uncertain()
    assert _guess(page, 5) == ""  # ignored: nothing guessed

    # What the user chooses is no guess any more.
    page.combo(1).set_field("city")
    assert _guess(page, 1) == ""
    assert not page.combo(1).is_uncertain()
    assert page.combo(2).field() is None  # "Ort" gave the city up


def test_a_field_several_columns_fill_is_shared_not_moved(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, context, tmp_path)
    page = wizard.columns_page
    page.combo(5).set_field("email")
    assert page.model.mapping()[3:] == ("email", "email", "email")
    assert page.status_label.text() == (
        "\u201cE-mail\u201d now comes from 3 columns: the first filled one is stored, "
        "the others are kept with the record."
    )
    page.combo(5).set_field("street")
    page.combo(2).set_field("street")
    assert page.model.mapping()[2] == page.model.mapping()[5] == "street"
    assert page.status_label.text() == (
        "\u201cStreet\u201d now comes from 2 columns, joined in their order."
    )


def test_the_mapping_of_last_time_is_marked_as_such(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    with db.writing() as session:
        remember_mapping(session, HEADERS, ("name", "postcode", "city", "email", None, "tags"))
    wizard = _wizard(qtbot, context, tmp_path)
    page = wizard.columns_page
    assert page.model.mapping() == ("name", "postcode", "city", "email", None, "tags")
    assert [_guess(page, r) for r in range(6)] == [
        "as last time",
        "as last time",
        "as last time",
        "as last time",
        "",
        "as last time",
    ]
    assert _guess(page, 1, Qt.ItemDataRole.ToolTipRole) == (
        "As you chose it last time for a file with these columns."
    )
    assert not page.combo(1).is_uncertain()
