"""The import wizard's models: the column mapping and the preview, and Qt's model contract."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from prospector.exchange.rows import parse_row
from prospector.services.import_plan import Action, PlannedRow
from ui.itemmodels.mapping_model import FIELD_COLUMN, MappingModel, sample_values
from ui.itemmodels.preview_model import (
    ACTION_COLOURS,
    ACTION_COLUMN,
    DETAILS_COLUMN,
    WARNING_COLOUR,
    PreviewModel,
)

HEADERS = ("Firma", "PLZ", "Ort", "Telefon", "", "Ansprechpartner")
ROWS = [
    ("Müller Maschinenbau GmbH", "01069", "Dresden", "0351 4567890", None, "Dr. Max Müller"),
    ("Müller Maschinenbau GmbH", None, "Dresden", None, None, "Anna Schäfer"),
    ("Bäckerei Groß", 4109.0, "Leipzig", "0341 12", "x", None),
    ("Alpha GmbH", "01067", "Dresden", None, None, None),
]
MAPPING = ("name", "postcode", "city", "phone", None, "full_name")


def _mapping_model() -> MappingModel:
    model = MappingModel()
    model.set_columns(HEADERS, sample_values(ROWS, len(HEADERS)), MAPPING)
    return model


def _planned() -> list[PlannedRow]:
    first = parse_row(5, ROWS[0], MAPPING)
    return [
        PlannedRow(first, Action.NEW),
        PlannedRow(parse_row(6, ROWS[1], MAPPING), Action.LINK, None, "name", same_as_line=5),
        PlannedRow(parse_row(7, ROWS[2], MAPPING), Action.NEW),
        PlannedRow(parse_row(8, ROWS[3], MAPPING), Action.SKIP, 42, "name_and_postcode"),
        PlannedRow(
            parse_row(9, (None, "01069", "Dresden", None, None, None), MAPPING), Action.ERROR
        ),
    ]


def test_mapping_model_contract(qtmodeltester: ModelTester) -> None:
    model = MappingModel()
    qtmodeltester.check(model)
    model.set_columns(HEADERS, sample_values(ROWS, len(HEADERS)), MAPPING)
    qtmodeltester.check(model)
    model.set_columns((), (), ())
    qtmodeltester.check(model)


def test_mapping_model_shows_columns_examples_and_fields() -> None:
    model = _mapping_model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Column in the file",
        "Import as",
        "Examples from the file",
    ]
    assert [model.index(r, 0).data() for r in range(6)] == [
        "Firma",
        "PLZ",
        "Ort",
        "Telefon",
        "(column 5 without a name)",
        "Ansprechpartner",
    ]
    # Three different values at most, none empty, numbers as the file meant them.
    assert model.index(0, 2).data() == "Müller Maschinenbau GmbH  ·  Bäckerei Groß  ·  Alpha GmbH"
    assert model.index(1, 2).data() == "01069  ·  4109  ·  01067"
    assert model.index(2, 2).data() == "Dresden  ·  Leipzig"
    assert model.index(0, FIELD_COLUMN).data() == "Company name"
    assert model.index(0, FIELD_COLUMN).data(Qt.ItemDataRole.EditRole) == "name"
    assert model.index(4, FIELD_COLUMN).data() == "\u2014 ignore \u2014"
    assert model.index(4, FIELD_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.flags(model.index(0, FIELD_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_a_field_moves_to_the_column_that_chose_it_last(qtbot: QtBot) -> None:
    model = _mapping_model()
    with qtbot.waitSignal(model.field_moved) as moved:
        assert model.setData(model.index(4, FIELD_COLUMN), "city")
    assert moved.args == ["city", "Ort"]
    assert model.mapping() == ("name", "postcode", None, "phone", "city", "full_name")
    assert not model.setData(model.index(0, FIELD_COLUMN), "no_such_field")
    assert not model.setData(model.index(0, 0), "name")
    assert model.setData(model.index(0, FIELD_COLUMN), None)
    assert model.has_identifying_field()  # the full name still names a person
    model.set_field(5, None)
    assert not model.has_identifying_field()
    model.set_field(3, "company_id")
    assert model.has_identifying_field()


def test_a_remembered_mapping_that_does_not_fit_is_cut_or_padded() -> None:
    model = MappingModel()
    model.set_columns(("A", "B"), [], ("name", "postcode", "city"))
    assert model.mapping() == ("name", "postcode")
    model.set_columns(("A", "B", "C"), [], ("gone_field",))
    assert model.mapping() == (None, None, None)


def test_preview_model_contract(qtmodeltester: ModelTester) -> None:
    model = PreviewModel()
    qtmodeltester.check(model)
    model.set_rows(_planned())
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_preview_shows_rows_as_they_will_be_stored() -> None:
    model = PreviewModel()
    model.set_rows(_planned())
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Row",
        "Action",
        "Company",
        "Postcode",
        "City",
        "Phone",
        "Person",
        "Problems and notes",
    ]
    assert [model.index(0, c).data() for c in range(8)] == [
        "5",
        "New",
        "Müller Maschinenbau GmbH",
        "01069",
        "Dresden",
        "0351 4567890",
        "Dr. Max Müller",
        None,
    ]
    assert model.index(1, ACTION_COLUMN).data() == "Add person"
    assert model.index(1, DETAILS_COLUMN).data() == "Person added to the company of row 5."
    noted = [model.index(2, c).data() for c in range(8)]
    assert noted == [  # a bad phone number costs the field, not the row; the note keeps it
        "7",
        "New",
        "Bäckerei Groß",
        "04109",
        "Leipzig",
        None,
        None,
        "Phone: \u201c0341 12\u201d is not a valid phone number.",
    ]
    warning = model.index(2, DETAILS_COLUMN).data(Qt.ItemDataRole.ForegroundRole).color()
    assert warning == WARNING_COLOUR
    error = [model.index(4, c).data() for c in range(8)]
    assert error == [  # a row that is not stored shows the file's values, unchanged
        "9",
        "Error",
        None,
        None,
        None,
        None,
        None,
        "The row names neither a company nor a person.",
    ]
    red = ACTION_COLOURS[Action.ERROR]
    assert model.index(4, DETAILS_COLUMN).data(Qt.ItemDataRole.ForegroundRole).color() == red
    assert model.index(4, ACTION_COLUMN).data(Qt.ItemDataRole.ForegroundRole).color() == red
    assert model.index(0, DETAILS_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(3, DETAILS_COLUMN).data() == (
        "Already in the database (same name and postcode); skipped."
    )
    assert model.index(3, ACTION_COLUMN).data(Qt.ItemDataRole.UserRole) == "skip"
    assert model.row_at(3).target_id == 42


def test_a_row_that_updates_a_stored_person_says_so() -> None:
    mapping = ("company_id", "contact_id", "name", "job_title", "last_name")
    parsed = parse_row(2, (7, 31, "Alpha GmbH", "Leiterin Einkauf", "Vogt"), mapping)
    model = PreviewModel()
    model.set_rows([PlannedRow(parsed, Action.UPDATE, 7, "id", person_id=31)])
    assert model.index(0, DETAILS_COLUMN).data() == (
        "Updates the person already in the database (same ID)."
    )
