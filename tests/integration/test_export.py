"""Excel and CSV export of the current view, and the import template, on every database kind."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

import factories
import openpyxl
import pytest

from prospector import i18n
from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    ActivityType,
    CompanyStage,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.exchange import export, export_rows, xlsx_export
from prospector.exchange.cells import CELL_LIMIT, CleanedCell, Cleaner, clean_text
from prospector.exchange.columns import guess_field, identifies_rows
from prospector.exchange.csv_export import CsvSheet
from prospector.exchange.export import (
    ExportFailed,
    ExportResult,
    activities_path,
    contacts_path,
    instructions,
    instructions_title,
    write_template,
)
from prospector.exchange.header_guess import guess
from prospector.exchange.readers import read_table
from prospector.exchange.xlsx_export import XlsxBook
from prospector.models import Activity, Company, Contact
from prospector.progress import Cancelled, Progress
from prospector.records import CompanyInput, ContactInput
from prospector.services import companies, company_bulk, contacts, export_query, tags, trash
from prospector.services.company_query import count_companies
from prospector.services.exporting import export_companies

# The headers stay German in every language: they are the file's format, which an import
# recognises as Prospector's own export whoever wrote it.
COMPANY_HEADERS = [
    "ID",
    "Firma",
    "Rechtsform",
    "USt-IdNr.",
    "Branche",
    "WZ-Code",
    "Mitarbeiter",
    "Umsatz (EUR)",
    "Größenklasse",  # derived: written to be read, never imported
    "Struktur",
    "Tätigkeit",
    "Straße",
    "PLZ",
    "Ort",
    "Bundesland",
    "Land",
    "Telefon",
    "Website",
    "E-Mail",
    "Notizen",
    "Quelle",
    "Schlagworte",
    "Phase",
    "Bearbeiter",
    "Fremdschlüssel",
    "Fremdsystem",
]
CONTACT_HEADERS = [
    "ID",
    "Ansprechpartner-ID",
    "Firma",
    "Anrede",
    "Titel",
    "Vorname",
    "Nachname",
    "Position",
    "Abteilung",
    "Durchwahl",
    "Mobil",
    "E-Mail Ansprechpartner",
    "LinkedIn",
    "Entscheiderrolle",
    "Budgetbefugnis",
    "Lead-Status",
    "Bearbeiter Ansprechpartner",
    "Rechtsgrundlage",
    "Kein Kontakt",
    "Widerspruch am",
    "Widerspruchsgrund",
    "Datenquelle",
    "Verbraucher",
    "Notizen Ansprechpartner",
]
ACTIVITY_HEADERS = [
    "ID",
    "Ansprechpartner-ID",
    "Aktivität-ID",
    "Aktivität",
    "Betreff",
    "Fällig am",
    "Erledigt am",
    "Ergebnis",
    "Beschreibung",
    "Bearbeiter",
]
INJECTIONS = ('=HYPERLINK("http://x","y")', "+SUM(1,2)", "@cmd", "-2+3", "=1+1", "#N/A")
SHEET_XML = "xl/worksheets/"
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DUE = dt.datetime(2025, 3, 4, 8, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The export writes in the language of the moment: English unless a test says otherwise."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@dataclass(frozen=True)
class Firms:
    dresden: int
    leipzig: int
    munich: int
    trashed: int
    person: int
    call: int  # the person's call, done, with an owner


@pytest.fixture
def firms(db: Database) -> Firms:
    with db.writing() as session:
        dresden = companies.create_company(
            session,
            CompanyInput(
                name="Müller Maschinenbau GmbH",
                postcode="01069",
                city="Dresden",
                state="Sachsen",
                phone="0351 4567890",
                employees=42,
                turnover_eur=Decimal("1234567.50"),
                wz_code="28.41",
                notes='Zeile 1\nZeile 2; mit "Zitat"',
            ),
        ).id
        leipzig = companies.create_company(
            session, CompanyInput(name="Auenwald Logistik GmbH", city="Leipzig", state="Sachsen")
        ).id
        munich = companies.create_company(
            session, CompanyInput(name="Alpenblick AG", city="München", state="Bayern")
        ).id
        trashed = companies.create_company(
            session, CompanyInput(name="Papierkorb GmbH", state="Sachsen")
        ).id
        person = contacts.create_contact(
            session,
            ContactInput(
                company_id=dresden,
                last_name="Schmidt",
                first_name="Anna",
                salutation=Salutation.MS,
                phone="+49 351 1234567",
                lead_status=LeadStatus.LEAD,
            ),
        ).id
        contacts.create_contact(session, ContactInput(company_id=munich, last_name="Huber"))
        contacts.create_contact(session, ContactInput(company_id=trashed, last_name="Weg"))
        tags.set_company_tags(session, dresden, ["Messe", "alt"])
        call = Activity(
            company_id=dresden,
            contact_id=person,
            kind=ActivityKind.CALL,
            subject="Erstkontakt",
            due_at=DUE,
            done_at=DUE + dt.timedelta(hours=1),
            outcome=ActivityOutcome.REACHED,
            owner_id=factories.team_member(session, "Anna Muster").id,
        )
        session.add_all([call, Activity(company_id=trashed, kind=ActivityKind.NOTE, subject="Weg")])
        session.flush()
        call_id = call.id
    trash.trash_companies(db, [trashed])
    return Firms(dresden, leipzig, munich, trashed, person, call_id)


def _export(db: Database, target: Path, **options: Any) -> ExportResult:
    return export_companies(db, target, **options)


def _exported_book(db: Database, target: Path) -> openpyxl.Workbook:
    """Everything exported to `target`, opened as Excel would."""
    _export(db, target)
    return openpyxl.load_workbook(target)


def _rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    workbook = openpyxl.load_workbook(path)
    return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]


def _sheet_xml(path: Path) -> Iterator[tuple[str, ElementTree.Element]]:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith(SHEET_XML) and name.endswith(".xml"):
                yield name, ElementTree.fromstring(archive.read(name))


def _csv(path: Path, delimiter: str = ";") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone().replace(tzinfo=None)


# --- xlsx ------------------------------------------------------------------------------------


def test_xlsx_has_three_sheets_with_the_import_headers_and_instructions(
    db: Database, firms: Firms, tmp_path: Path
) -> None:
    target = tmp_path / "firmen.xlsx"
    result = _export(db, target)

    assert (result.companies, result.contacts, result.activities) == (3, 2, 1)
    assert result.files == (target,)
    assert result.cleaned_cells == []
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Unternehmen", "Ansprechpartner", "Aktivitäten", "Instructions"]
    expected = {
        "Unternehmen": COMPANY_HEADERS,
        "Ansprechpartner": CONTACT_HEADERS,
        "Aktivitäten": ACTIVITY_HEADERS,
    }
    for title, headers in expected.items():
        ws = workbook[title]
        assert [c.value for c in ws[1]] == headers
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(len(headers))
        assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}"
        # Sized from header and values, never left at Excel's default of ~8.4.
        assert all(ws.column_dimensions[c.column_letter].width >= 6 for c in ws[1])
    names = [row[1] for row in _rows(target, "Unternehmen")[1:]]
    assert names == ["Alpenblick AG", "Auenwald Logistik GmbH", "Müller Maschinenbau GmbH"]


def test_every_company_and_contact_header_maps_back_automatically() -> None:
    """A re-import recognises each column but the derived size class; the activity sheet's
    cannot fill company fields, and picked as a sheet of companies it names none."""
    for header in COMPANY_HEADERS + CONTACT_HEADERS:
        if header != "Größenklasse":
            assert guess_field(header) is not None, header
    assert guess_field("Größenklasse") is None
    for header in ACTIVITY_HEADERS[2:-1]:
        assert guess_field(header) is None, header
    assert not identifies_rows(column.key for column in guess(ACTIVITY_HEADERS))


def test_xlsx_cells_are_typed(db: Database, firms: Firms, tmp_path: Path) -> None:
    target = tmp_path / "firmen.xlsx"
    workbook = _exported_book(db, target)

    company = {
        c.value: v
        for c, v in zip(workbook["Unternehmen"][1], workbook["Unternehmen"][4], strict=True)
    }
    assert company["ID"].value == firms.dresden
    assert company["ID"].data_type == "n"
    postcode = company["PLZ"]
    assert (postcode.value, postcode.data_type, postcode.number_format) == ("01069", "s", "@")
    assert company["WZ-Code"].value == "28.41"
    assert company["WZ-Code"].data_type == "s"
    # International and grouped, which the import turns back into the same E.164.
    assert company["Telefon"].value == "+49 351 4567890"
    assert company["Mitarbeiter"].value == 42
    assert company["Umsatz (EUR)"].data_type == "n"
    assert Decimal(str(company["Umsatz (EUR)"].value)) == Decimal("1234567.5")
    assert company["Schlagworte"].value == "alt, Messe"
    assert company["Notizen"].value == 'Zeile 1\nZeile 2; mit "Zitat"'
    assert company["Land"].value == "DE"

    person = _rows(target, "Ansprechpartner")[1:]
    headers = CONTACT_HEADERS
    dresden = next(row for row in person if row[0] == firms.dresden)
    values = dict(zip(headers, dresden, strict=True))
    assert values["Ansprechpartner-ID"] == firms.person
    assert values["Firma"] == "Müller Maschinenbau GmbH"
    assert values["Anrede"] == "Ms"
    assert values["Durchwahl"] == "+49 351 1234567"
    assert values["Lead-Status"] == "Lead"

    activity = workbook["Aktivitäten"]
    due, done = activity["F2"], activity["G2"]
    assert due.is_date
    assert due.number_format == "DD.MM.YYYY HH:MM"
    assert abs(due.value - _local(DUE)) < dt.timedelta(seconds=1)
    assert abs(done.value - _local(DUE + dt.timedelta(hours=1))) < dt.timedelta(seconds=1)
    assert [c.value for c in activity[2]][:5] == [
        firms.dresden,
        firms.person,
        firms.call,
        "Call",
        "Erstkontakt",
    ]
    assert activity["H2"].value == "Reached"
    assert activity["J2"].value == "Anna Muster"  # the owner, by name


def _column(ws: Any, letter: str) -> Any:
    """A column's dimensions; the file may give alike neighbours as one range (min to max)."""
    index = openpyxl.utils.column_index_from_string(letter)
    for dimension in ws.column_dimensions.values():
        if dimension.min <= index <= dimension.max:
            return dimension
    raise AssertionError(f"column {letter} has no dimensions")


def _letter(headers: list[str], header: str) -> str:
    return openpyxl.utils.get_column_letter(headers.index(header) + 1)


def test_xlsx_header_row_is_bold_filled_and_centred(
    db: Database, firms: Firms, tmp_path: Path
) -> None:
    workbook = _exported_book(db, tmp_path / "firmen.xlsx")
    for title in ("Unternehmen", "Ansprechpartner", "Aktivitäten"):
        ws = workbook[title]
        for cell in ws[1]:
            assert cell.font.b, (title, cell.coordinate)
            assert cell.fill.fill_type == "solid"
            assert cell.fill.fgColor.rgb[-6:] == "DCE6F1"
            assert cell.alignment.vertical == "center"
            assert cell.data_type == "s"
        data = ws["B2"]
        assert not data.font.b
        assert data.fill.fill_type is None
    assert workbook.active.title == "Unternehmen"  # the file opens on its companies


def test_xlsx_code_columns_are_text_as_a_whole_and_cells_carry_their_formats(
    db: Database, described: int, tmp_path: Path
) -> None:
    workbook = _exported_book(db, tmp_path / "formate.xlsx")
    companies_ws, people_ws = workbook["Unternehmen"], workbook["Ansprechpartner"]
    for ws, headers, codes in (
        (companies_ws, COMPANY_HEADERS, ("WZ-Code", "PLZ", "Telefon")),
        (people_ws, CONTACT_HEADERS, ("Durchwahl", "Mobil")),
    ):
        for header in headers:
            wanted = "@" if header in codes else "General"
            assert _column(ws, _letter(headers, header)).number_format == wanted, header
    row = {h: c for h, c in zip(COMPANY_HEADERS, companies_ws[2], strict=True)}
    assert (row["Umsatz (EUR)"].value, row["Umsatz (EUR)"].number_format) == (8e6, "#,##0.00")
    assert (row["Mitarbeiter"].value, row["Mitarbeiter"].number_format) == (120, "General")
    assert row["Firma"].number_format == "General"
    person = {h: c for h, c in zip(CONTACT_HEADERS, people_ws[2], strict=True)}
    since = person["Widerspruch am"]
    assert since.is_date
    assert since.value == dt.datetime(2025, 5, 2)
    assert since.number_format == "DD.MM.YYYY"


def _sheet(*columns: tuple[str, export_rows.Kind]) -> export_rows.Sheet:
    return export_rows.Sheet(
        "Test", tuple(export_rows.Column(header, kind) for header, kind in columns)
    )


def _save(book: XlsxBook, target: Path) -> Path:
    with target.open("xb") as out:
        book.save(out)
    return target


def test_xlsx_columns_are_sized_from_the_first_rows_and_filtered_over_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_export, "SAMPLE_ROWS", 2)
    sheet = _sheet(
        ("Name", export_rows.Kind.TEXT),
        ("Betrag", export_rows.Kind.MONEY),
        ("Datum", export_rows.Kind.DATE),
        ("PLZ", export_rows.Kind.CODE),
        ("Notiz", export_rows.Kind.TEXT),
    )
    book = XlsxBook([sheet], Cleaner())
    first = ("x" * 30, Decimal("1234567.5"), dt.date(2025, 1, 2), "01069", "z" * 100)
    book.sheets[0].add([first, ("kurz", None, None, None, "Zeile 1\n" + "y" * 200)])
    book.sheets[0].add([("w" * 50, Decimal(1), None, "1", None)])  # after the sample
    ws = openpyxl.load_workbook(_save(book, tmp_path / "breiten.xlsx"))["Test"]

    widths = [_column(ws, letter).width for letter in "ABCDE"]
    # Name: its longest value + 2; Betrag: 9 digits and separators; Datum: "31.12.2025";
    # PLZ: its header + 4 (bold, the filter's button); Notiz: at most MAX_WIDTH.
    assert widths == [32, 15, 12, 7, xlsx_export.MAX_WIDTH]
    assert ws.auto_filter.ref == "A1:E4"
    assert ws.freeze_panes == "A2"
    assert ws["A4"].value == "w" * 50


def test_xlsx_other_values_keep_their_types(tmp_path: Path) -> None:
    """IDs and integers as numbers, a bool as a boolean cell, as openpyxl wrote them."""
    sheet = _sheet(("ID", export_rows.Kind.ID), ("Zahl", export_rows.Kind.INTEGER))
    book = XlsxBook([sheet], Cleaner())
    book.sheets[0].add([(7, 2.5), (True, False), (None, "")])
    ws = openpyxl.load_workbook(_save(book, tmp_path / "typen.xlsx"))["Test"]
    assert [(c.value, c.data_type) for c in ws[2]] == [(7, "n"), (2.5, "n")]
    assert [(c.value, c.data_type) for c in ws[3]] == [(True, "b"), (False, "b")]
    assert ws.max_row == 3  # empty values are no cells
    assert ws.auto_filter.ref == "A1:B4"


def test_xlsx_text_beyond_excels_limit_is_cut_by_the_cleaner_and_reported(
    tmp_path: Path,
) -> None:
    """xlsxwriter would cut too (returning -2): the cleaner does it first, and says so."""
    clean = Cleaner()
    book = XlsxBook([_sheet(("Notiz", export_rows.Kind.TEXT))], clean)
    texts = ("a" * CELL_LIMIT, "😀" * 20_000, "b" * 40_000)
    book.sheets[0].add([(text,) for text in texts])
    ws = openpyxl.load_workbook(_save(book, tmp_path / "lang.xlsx"))["Test"]

    assert [len(ws.cell(row, 1).value) for row in (2, 3, 4)] == [
        CELL_LIMIT,
        CELL_LIMIT // 2,  # an emoji is two of Excel's units, never cut in half
        CELL_LIMIT,
    ]
    assert clean.cleaned == [
        CleanedCell("Test", 3, "Notiz", (), 20_000 - CELL_LIMIT // 2),
        CleanedCell("Test", 4, "Notiz", (), 40_000 - CELL_LIMIT),
    ]


def test_xlsx_text_with_line_breaks_and_escape_lookalikes_reads_back_exactly(
    tmp_path: Path,
) -> None:
    """The import reads what the export wrote: Excel's escapes ("_x000D_" for a carriage
    return) are decoded, and text that only looks like one stays as it is."""
    texts = ("Zeile 1\r\nZeile 2", "Mac\rZeile", "_x0041_", "a_x005F_b", "Tab\tStopp")
    sheet = _sheet(("Firma", export_rows.Kind.TEXT), ("Notizen", export_rows.Kind.TEXT))
    book = XlsxBook([sheet], Cleaner())
    book.sheets[0].add([(f"Firma {n}", text) for n, text in enumerate(texts)])
    table = read_table(_save(book, tmp_path / "zeilen.xlsx"), isolate=False)
    assert [row[1] for row in table.rows] == list(texts)


def test_filter_is_respected_and_trash_never_exported(
    db: Database, firms: Firms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows of one company, so the streaming over several windows is exercised too.
    monkeypatch.setattr(export_query, "CHUNK", 1)
    target = tmp_path / "sachsen.xlsx"
    result = _export(db, target, flt=CompanyFilter(states=("Sachsen",)))

    assert (result.companies, result.contacts, result.activities) == (2, 1, 1)
    company_ids = {row[0] for row in _rows(target, "Unternehmen")[1:]}
    assert company_ids == {firms.dresden, firms.leipzig}
    assert {row[0] for row in _rows(target, "Ansprechpartner")[1:]} == {firms.dresden}
    assert {row[0] for row in _rows(target, "Aktivitäten")[1:]} == {firms.dresden}

    everything = _export(db, tmp_path / "alle.xlsx")
    ids = {row[0] for row in _rows(tmp_path / "alle.xlsx", "Unternehmen")[1:]}
    assert ids == {firms.dresden, firms.leipzig, firms.munich}
    assert (everything.companies, everything.contacts, everything.activities) == (3, 2, 1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("munchen", "munich"), ("a", "leipzig_and_munich"), ("anna schmidt", "dresden")],
)
def test_a_search_in_the_view_is_respected(
    db: Database, firms: Firms, tmp_path: Path, query: str, expected: str
) -> None:
    wanted = {
        "munich": {firms.munich},
        "leipzig_and_munich": {firms.leipzig, firms.munich},  # one letter: names starting so
        "dresden": {firms.dresden},  # a person's name
    }[expected]
    target = tmp_path / "gesucht.xlsx"
    result = _export(db, target, flt=CompanyFilter(query=query))
    assert {row[0] for row in _rows(target, "Unternehmen")[1:]} == wanted
    assert result.companies == len(wanted)


def test_an_empty_view_gives_sheets_with_headers_only(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "leer.xlsx"
    result = _export(db, target, flt=CompanyFilter(states=("Bremen",)))

    assert (result.companies, result.contacts, result.activities) == (0, 0, 0)
    workbook = openpyxl.load_workbook(target)
    assert [c.value for c in workbook["Unternehmen"][1]] == COMPANY_HEADERS
    assert workbook["Unternehmen"].max_row == 1
    last = openpyxl.utils.get_column_letter(len(COMPANY_HEADERS))
    assert workbook["Unternehmen"].auto_filter.ref == f"A1:{last}1"


# --- the user's language ----------------------------------------------------------------------


@pytest.fixture
def described(db: Database) -> int:
    """A company with every category, an owner, a VAT ID and another system's key, and a
    person with every category and flag set."""
    member = factories.team_member(db, "Anna Berger")
    record = factories.company(
        db,
        "Labeltest GmbH",
        employees=120,
        turnover_eur=Decimal("8000000"),
        structure=CompanyStructure.SUBSIDIARY,
        activity_type=ActivityType.CRAFT,
        owner_id=member.id,
    )
    with db.writing() as session:
        company_bulk.apply_stage(session, [record.id], CompanyStage.CUSTOMER)
        stored = session.get(Company, record.id)
        assert stored is not None
        stored.vat_id = "DE136695976"
        stored.external_ref = "D-10001"
        stored.external_source = "DATEV"
    factories.contact(
        db,
        record.id,
        "Schulz",
        salutation=Salutation.MR,
        decision_role=DecisionRole.GATEKEEPER,
        lead_status=LeadStatus.NURTURING,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        budget_authority=True,
        is_consumer=True,
        do_not_contact=True,
        do_not_contact_since=dt.date(2025, 5, 2),
        notes="kennt uns von der Messe",
    )
    return record.id


@pytest.mark.parametrize(
    ("language", "company", "person"),
    [
        (
            "de",
            {
                "Größenklasse": "Mittleres Unternehmen (< 250)",
                "Struktur": "Tochtergesellschaft",
                "Tätigkeit": "Handwerk",
                "Phase": "Kunde",
            },
            {
                "Anrede": "Herr",
                "Entscheiderrolle": "Vorzimmer",
                "Lead-Status": "In Lead-Pflege",
                "Rechtsgrundlage": "Berechtigtes Interesse",
                "Kein Kontakt": "ja",
                "Budgetbefugnis": "ja",
                "Verbraucher": "ja",
            },
        ),
        (
            "en",
            {
                "Größenklasse": "Medium (< 250)",
                "Struktur": "Subsidiary",
                "Tätigkeit": "Craft",
                "Phase": "Customer",
            },
            {
                "Anrede": "Mr",
                "Entscheiderrolle": "Gatekeeper",
                "Lead-Status": "Nurturing",
                "Rechtsgrundlage": "Legitimate interest",
                "Kein Kontakt": "yes",
                "Budgetbefugnis": "yes",
                "Verbraucher": "yes",
            },
        ),
    ],
)
def test_categories_are_written_as_labels_in_the_users_language(
    db: Database,
    described: int,
    tmp_path: Path,
    language: str,
    company: dict[str, str],
    person: dict[str, str],
) -> None:
    i18n.set_language(language)
    for suffix in ("xlsx", "csv"):
        target = tmp_path / f"export.{suffix}"
        _export(db, target)
        if suffix == "xlsx":
            companies_sheet = _rows(target, "Unternehmen")
            people_sheet = _rows(target, "Ansprechpartner")
        else:
            companies_sheet = [tuple(r) for r in _csv(target)]
            people_sheet = [tuple(r) for r in _csv(contacts_path(target))]
        row = dict(zip(COMPANY_HEADERS, companies_sheet[1], strict=True))
        assert {k: row[k] for k in company} == company, suffix
        assert row["Bearbeiter"] == "Anna Berger"
        assert (row["USt-IdNr."], row["Fremdschlüssel"], row["Fremdsystem"]) == (
            "DE136695976",
            "D-10001",
            "DATEV",
        )
        contact = dict(zip(CONTACT_HEADERS, people_sheet[1], strict=True))
        assert {k: contact[k] for k in person} == person, suffix
        assert contact["Notizen Ansprechpartner"] == "kennt uns von der Messe"
    workbook = openpyxl.load_workbook(tmp_path / "export.xlsx")
    title = {"de": "Anleitung", "en": "Instructions"}[language]
    assert workbook.sheetnames[-1] == title
    lines = [row[0] for row in workbook[title].iter_rows(values_only=True) if row[0]]
    assert lines[0] == {"de": "Export aus Prospector", "en": "Export from Prospector"}[language]
    assert any("Größenklasse" in line for line in lines)  # derived, not imported: said so


def test_empty_categories_and_flags_are_empty_cells(db: Database, tmp_path: Path) -> None:
    record = factories.company(db, "Leer GmbH")
    factories.contact(db, record.id, "Ohne")
    target = tmp_path / "leer.xlsx"
    _export(db, target)
    row = dict(zip(COMPANY_HEADERS, _rows(target, "Unternehmen")[1], strict=True))
    assert [row[k] for k in ("Größenklasse", "Struktur", "Tätigkeit", "Bearbeiter")] == [None] * 4
    assert row["Phase"] == "Target"  # every company has a stage
    person = dict(zip(CONTACT_HEADERS, _rows(target, "Ansprechpartner")[1], strict=True))
    assert person["Anrede"] is None  # no salutation: empty, not a form's dash
    flags = ("Kein Kontakt", "Budgetbefugnis", "Verbraucher")
    assert [person[k] for k in flags] == [None] * 3


def test_persons_without_a_company_end_the_contacts_sheet(
    db: Database, firms: Firms, tmp_path: Path
) -> None:
    with db.writing() as session:
        session.add_all(
            [
                Contact(last_name="Zander", first_name="Ute", mobile="+491701234567"),
                Contact(last_name="Adler", first_name="Jan"),
            ]
        )
    for suffix in ("xlsx", "csv"):
        target = tmp_path / f"alle.{suffix}"
        result = _export(db, target)
        assert result.contacts == 4
        if suffix == "xlsx":
            people = _rows(target, "Ansprechpartner")[1:]
        else:
            people = [
                tuple(cell or None for cell in row) for row in _csv(contacts_path(target))[1:]
            ]
        loose = [dict(zip(CONTACT_HEADERS, row, strict=True)) for row in people[-2:]]
        assert [(p["ID"], p["Firma"], p["Nachname"]) for p in loose] == [
            (None, None, "Adler"),
            (None, None, "Zander"),
        ]
        assert loose[1]["Mobil"] == ("+49 170 1234567" if suffix == "xlsx" else "'+49 170 1234567")
    # A view of some companies is about those companies: no persons without one.
    filtered = _export(db, tmp_path / "sachsen.xlsx", flt=CompanyFilter(states=("Sachsen",)))
    assert filtered.contacts == 1


# --- never a formula -------------------------------------------------------------------------


@pytest.fixture
def hostile(db: Database) -> int:
    with db.writing() as session:
        company_id = companies.create_company(
            session,
            CompanyInput(name=INJECTIONS[0], notes=INJECTIONS[1], city="-2+3", source="#N/A"),
        ).id
        contacts.create_contact(
            session,
            ContactInput(company_id=company_id, last_name="@cmd", first_name="=1+1"),
        )
        companies.create_company(
            session, CompanyInput(name="Minus GmbH", notes="-2+3", street="=1+1", city="@cmd")
        )
    return company_id


def test_xlsx_writes_user_text_as_text_never_as_formula(
    db: Database, hostile: int, tmp_path: Path
) -> None:
    target = tmp_path / "gefahr.xlsx"
    _export(db, target)

    texts: set[str] = set()
    for name, root in _sheet_xml(target):
        assert root.findall(f".//{MAIN_NS}f") == [], name
        for cell in root.iter(f"{MAIN_NS}c"):
            assert cell.get("t") != "e", name  # "#N/A" is text, not an error value
            if cell.find(f"{MAIN_NS}is") is not None:
                assert cell.get("t") == "inlineStr"
                texts.add("".join(t.text or "" for t in cell.iter(f"{MAIN_NS}t")))
    assert set(INJECTIONS) <= texts
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith(SHEET_XML):
                assert b"<f>" not in archive.read(name)
                assert b"<f " not in archive.read(name)


def test_xlsx_stores_every_tricky_text_as_a_string_cell(tmp_path: Path) -> None:
    """Text that openpyxl (or Excel) would read as a formula, error, number, date or boolean."""
    tricky = (
        *INJECTIONS,
        "=",
        "#DIV/0!",
        "#REF!",
        "{=A1}",
        "TRUE",
        "1e5",
        "0123",
        "2024-01-01",
        " =1+1",
        "\t=1+1",
    )
    sheet = export_rows.Sheet(
        "Test",
        (
            export_rows.Column("Text", export_rows.Kind.TEXT),
            export_rows.Column("Code", export_rows.Kind.CODE),
        ),
    )
    book = XlsxBook([sheet], Cleaner())
    book.sheets[0].add([(text, text) for text in tricky])
    target = tmp_path / "tricky.xlsx"
    with target.open("xb") as out:
        book.save(out)

    ((_name, root),) = list(_sheet_xml(target))
    rows = root.findall(f".//{MAIN_NS}row")[1:]
    assert len(rows) == len(tricky)
    for row, text in zip(rows, tricky, strict=True):
        cells = row.findall(f"{MAIN_NS}c")
        assert [c.get("t") for c in cells] == ["inlineStr", "inlineStr"], text
        assert ["".join(t.text or "" for t in c.iter(f"{MAIN_NS}t")) for c in cells] == [
            text,
            text,
        ]
    assert root.findall(f".//{MAIN_NS}f") == []


def test_csv_neutralises_text_fields_but_not_numbers(
    db: Database, hostile: int, firms: Firms, tmp_path: Path
) -> None:
    target = tmp_path / "gefahr.csv"
    _export(db, target)

    rows = _csv(target)
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    mine = by_id[str(hostile)]
    assert mine["Firma"] == "'" + INJECTIONS[0]
    assert mine["Notizen"] == "'+SUM(1,2)"
    assert mine["Ort"] == "'-2+3"
    assert mine["Quelle"] == "#N/A"  # not a formula trigger in CSV
    minus = next(r for r in by_id.values() if r["Firma"] == "Minus GmbH")
    assert (minus["Notizen"], minus["Straße"], minus["Ort"]) == ("'-2+3", "'=1+1", "'@cmd")
    dresden = by_id[str(firms.dresden)]
    assert dresden["Mitarbeiter"] == "42"
    assert dresden["Umsatz (EUR)"] == "1234567,50"
    assert dresden["Telefon"] == "'+49 351 4567890"  # "+" would start a formula
    people = _csv(contacts_path(target))
    person = next(row for row in people[1:] if row[0] == str(hostile))
    assert person[CONTACT_HEADERS.index("Nachname")] == "'@cmd"
    assert person[CONTACT_HEADERS.index("Vorname")] == "'=1+1"


def test_csv_numbers_stay_numbers_even_negative() -> None:
    """Only text is neutralised: a negative amount is a number, not an injection."""
    sheet = export_rows.Sheet(
        "Test",
        (
            export_rows.Column("Betrag", export_rows.Kind.MONEY),
            export_rows.Column("Zahl", export_rows.Kind.INTEGER),
            export_rows.Column("Text", export_rows.Kind.TEXT),
            export_rows.Column("Code", export_rows.Kind.CODE),
        ),
    )
    for delimiter, amount in ((";", "-2,50"), (",", "-2.50")):
        out = io.StringIO(newline="")
        CsvSheet(out, sheet, Cleaner(), delimiter).add(
            [(Decimal("-2.5"), -3, "-2,50", "+43 1 5123456")]
        )
        rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=delimiter))
        assert rows[1] == [amount, "-3", "'-2,50", "'+43 1 5123456"]


def test_foreign_phone_numbers_are_international(db: Database, tmp_path: Path) -> None:
    with db.writing() as session:
        companies.create_company(
            session, CompanyInput(name="Wiener Werkstätten", country="AT", phone="01 5123456")
        )
    _export(db, tmp_path / "at.csv")
    _export(db, tmp_path / "at.xlsx")
    assert _csv(tmp_path / "at.csv")[1][COMPANY_HEADERS.index("Telefon")] == "'+43 1 5123456"
    assert _rows(tmp_path / "at.xlsx", "Unternehmen")[1][COMPANY_HEADERS.index("Telefon")] == (
        "+43 1 5123456"
    )


# --- characters Excel rejects ----------------------------------------------------------------


def test_control_characters_are_removed_and_reported(db: Database, tmp_path: Path) -> None:
    with db.writing() as session:
        companies.create_company(session, CompanyInput(name="Anton GmbH"))
        bad = companies.create_company(session, CompanyInput(name="Bell\x07 Es\x1bc GmbH")).id
        contacts.create_contact(session, ContactInput(company_id=bad, last_name="Ok"))
        companies.create_company(session, CompanyInput(name="Lang GmbH", notes="x" * 40_000))

    for suffix in ("xlsx", "csv"):
        target = tmp_path / f"sauber.{suffix}"
        result = _export(db, target)
        assert result.cleaned_cells == [
            CleanedCell("Unternehmen", 3, "Firma", ("U+0007", "U+001B"), 0),
            CleanedCell("Unternehmen", 4, "Notizen", (), 40_000 - CELL_LIMIT),
            CleanedCell("Ansprechpartner", 2, "Firma", ("U+0007", "U+001B"), 0),
        ], suffix
    rows = _rows(tmp_path / "sauber.xlsx", "Unternehmen")
    assert rows[2][1] == "Bell Esc GmbH"
    assert len(rows[3][COMPANY_HEADERS.index("Notizen")]) == CELL_LIMIT
    assert _csv(tmp_path / "sauber.csv")[2][1] == "Bell Esc GmbH"
    with zipfile.ZipFile(tmp_path / "sauber.xlsx") as archive:
        assert not any(b"\x07" in archive.read(n) for n in archive.namelist())


def test_clean_text_counts_like_excel() -> None:
    assert clean_text("a\tb\nc\rd") == ("a\tb\nc\rd", (), 0)  # allowed in a cell
    assert clean_text("a\x00b\x0bc\x0c\ufffe\uffff\ud800") == (
        "abc",
        ("U+0000", "U+000B", "U+000C", "U+FFFE", "U+FFFF", "U+D800"),
        0,
    )
    # Excel counts UTF-16 units: an emoji is two, and is never cut in half.
    emoji = "😀" * (CELL_LIMIT // 2 + 1)
    text, removed, truncated = clean_text(emoji)
    assert (len(text), removed, truncated) == (CELL_LIMIT // 2, (), 1)
    assert clean_text("a" * CELL_LIMIT) == ("a" * CELL_LIMIT, (), 0)


# --- csv -------------------------------------------------------------------------------------


def test_csv_files_bom_delimiter_and_multiline_notes(
    db: Database, firms: Firms, tmp_path: Path
) -> None:
    target = tmp_path / "firmen.csv"
    result = _export(db, target)

    assert result.files == (target, contacts_path(target), activities_path(target))
    assert contacts_path(target).name == "firmen-ansprechpartner.csv"
    for path in result.files:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _csv(target)
    assert rows[0] == COMPANY_HEADERS
    assert len(rows) == 4
    dresden = next(row for row in rows if row[0] == str(firms.dresden))
    assert dresden[COMPANY_HEADERS.index("Notizen")] == 'Zeile 1\nZeile 2; mit "Zitat"'
    assert dresden[COMPANY_HEADERS.index("PLZ")] == "01069"
    assert _csv(contacts_path(target))[0] == CONTACT_HEADERS
    activities = _csv(activities_path(target))
    assert activities[0] == ACTIVITY_HEADERS
    assert activities[1][5] == _local(DUE).strftime("%d.%m.%Y %H:%M")

    comma = tmp_path / "komma.csv"
    _export(db, comma, csv_delimiter=",")
    rows = _csv(comma, ",")
    assert rows[0] == COMPANY_HEADERS
    dresden = next(row for row in rows if row[0] == str(firms.dresden))
    assert dresden[COMPANY_HEADERS.index("Notizen")] == 'Zeile 1\nZeile 2; mit "Zitat"'
    assert dresden[COMPANY_HEADERS.index("Umsatz (EUR)")] == "1234567.50"
    assert dresden[COMPANY_HEADERS.index("Schlagworte")] == "alt, Messe"


def test_format_follows_the_suffix_unless_given(db: Database, tmp_path: Path) -> None:
    result = _export(db, tmp_path / "export.dat", fmt="csv")
    assert result.files[0].read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(export.ExportUnknownFormat, match=r"\.xlsx or \.csv"):
        _export(db, tmp_path / "export.dat")


# --- template --------------------------------------------------------------------------------


def test_template_has_instructions_and_the_headers(tmp_path: Path) -> None:
    target = tmp_path / "vorlage.xlsx"
    write_template(target)

    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == [instructions_title(), "Unternehmen", "Ansprechpartner"]
    instructions = " ".join(
        str(row[0]) for row in workbook[instructions_title()].iter_rows(values_only=True) if row[0]
    )
    assert "DD.MM.YYYY" in instructions
    assert "empty" in instructions
    assert "Größenklasse" not in instructions  # the template has no derived columns
    template_headers = [h for h in COMPANY_HEADERS if h != "Größenklasse"]
    for title, headers in (
        ("Unternehmen", template_headers),
        ("Ansprechpartner", CONTACT_HEADERS),
    ):
        ws = workbook[title]
        assert [c.value for c in ws[1]] == headers
        assert ws.max_row == 1
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
    plz = openpyxl.utils.get_column_letter(template_headers.index("PLZ") + 1)
    assert workbook["Unternehmen"].column_dimensions[plz].number_format == "@"
    assert list(tmp_path.iterdir()) == [target]


# --- the instructions sheet -------------------------------------------------------------------


@pytest.mark.parametrize("in_export", [True, False])
def test_instructions_sheet_place_and_look(
    db: Database, firms: Firms, tmp_path: Path, in_export: bool
) -> None:
    """Last in an export (it opens on the companies), first in the template."""
    target = tmp_path / "datei.xlsx"
    if in_export:
        _export(db, target)
    else:
        write_template(target)
    workbook = openpyxl.load_workbook(target)
    title = instructions_title()
    assert workbook.sheetnames.index(title) == (3 if in_export else 0)
    assert workbook.active.title == ("Unternehmen" if in_export else title)
    ws = workbook[title]
    lines = instructions(export=in_export)
    assert [row[0] for row in ws.iter_rows(values_only=True)] == [line or None for line in lines]
    assert _column(ws, "A").width == 110
    assert (ws["A1"].font.b, ws["A1"].font.sz) == (True, 13)
    body = next(c for c in ws["A"][1:] if c.value)
    assert (body.font.b, body.font.sz) == (False, 11)
    assert all(c.data_type == "s" for c in ws["A"] if c.value)
    assert ws.freeze_panes is None
    assert ws.auto_filter.ref is None


# --- cancel and failure ----------------------------------------------------------------------


def _cancelling() -> Progress:
    """A progress whose user presses cancel at the first report."""
    made: list[Progress] = []
    made.append(Progress(lambda done, total: made[0].cancel()))
    return made[0]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_cancel_leaves_no_file_and_keeps_an_existing_one(
    db: Database, firms: Firms, tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_query, "CHUNK", 1)
    monkeypatch.setattr(xlsx_export, "SAMPLE_ROWS", 1)  # rows are streaming when cancelled
    folder = tmp_path / "exporte"
    folder.mkdir()
    target = folder / f"neu.{suffix}"
    with pytest.raises(Cancelled):
        _export(db, target, progress=_cancelling())
    assert list(folder.iterdir()) == []

    existing = folder / f"alt.{suffix}"
    existing.write_bytes(b"old content")
    with pytest.raises(Cancelled):
        _export(db, existing, progress=_cancelling())
    assert existing.read_bytes() == b"old content"
    assert list(folder.iterdir()) == [existing]


def test_progress_reports_every_window(
    db: Database, firms: Firms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_query, "CHUNK", 2)
    reports: list[tuple[int, int]] = []
    _export(db, tmp_path / "x.xlsx", progress=Progress(lambda d, t: reports.append((d, t))))
    assert reports == [(0, 3), (2, 3), (3, 3)]


def test_a_missing_folder_is_a_clear_error(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "fehlt" / "firmen.xlsx"
    with pytest.raises(ExportFailed) as caught:
        _export(db, target)
    assert caught.value.code == "export_no_folder"
    assert str(target) in caught.value.message
    assert not target.parent.exists()


def test_an_export_session_sees_one_state_of_the_data(db: Database) -> None:
    with db.writing() as session:
        companies.create_company(session, CompanyInput(name="Erste GmbH"))
    with db.snapshot() as session:
        assert count_companies(session, CompanyFilter()) == 1
        with db.writing() as other:  # someone saves meanwhile
            companies.create_company(other, CompanyInput(name="Zweite GmbH"))
        assert count_companies(session, CompanyFilter()) == 1
    with db.reading() as session:
        assert count_companies(session, CompanyFilter()) == 2


class _FullDisk(io.BytesIO):
    """A file on a disk that is full."""

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder of temporary files, to see what is left in it."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_no_temporary_files_are_left_after_an_export_or_a_cancel(
    db: Database, firms: Firms, tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _export(db, tmp_path / "fertig.xlsx")
    assert list(scratch.iterdir()) == []
    write_template(tmp_path / "vorlage.xlsx")
    assert list(scratch.iterdir()) == []

    monkeypatch.setattr(export_query, "CHUNK", 1)
    streaming: list[Path] = []
    made: list[Progress] = []

    def cancel(done: int, total: int) -> None:
        streaming.extend(path for path in scratch.rglob("*") if path.is_file())
        made[0].cancel()

    made.append(Progress(cancel))
    with pytest.raises(Cancelled):
        _export(db, tmp_path / "abgebrochen.xlsx", progress=made[0])
    assert streaming  # the rows were streaming into temporary files when cancelled
    assert list(scratch.iterdir()) == []


def test_a_full_disk_is_a_clear_error_and_leaves_nothing_behind(
    db: Database, firms: Firms, tmp_path: Path, scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = XlsxBook(
        [_sheet(("ID", export_rows.Kind.ID), ("Firma", export_rows.Kind.TEXT))], Cleaner()
    )
    book.sheets[0].add([(1, "Firma")])
    with pytest.raises(OSError, match="No space left"):
        book.save(_FullDisk())
    assert list(scratch.iterdir()) == []

    staged_binary = export._Staged.binary

    def full(self: Any, target: Path) -> IO[bytes]:
        staged_binary(self, target)  # the staged file, which the failed export removes
        return _FullDisk()

    monkeypatch.setattr(export._Staged, "binary", full)
    folder = tmp_path / "exporte"
    folder.mkdir()
    with pytest.raises(export.ExportDiskFull, match=r"no room left for .*firmen\.xlsx"):
        _export(db, folder / "firmen.xlsx")
    with pytest.raises(export.ExportDiskFull, match="Free some space"):
        write_template(folder / "vorlage.xlsx")
    assert list(folder.iterdir()) == []
    assert list(scratch.iterdir()) == []


def test_a_sheet_past_excels_row_limit_is_refused_not_cut(
    db: Database, firms: Firms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_export, "MAX_ROWS", 3)  # the header and two companies fit
    target = tmp_path / "firmen.xlsx"
    with pytest.raises(export.ExportTooLarge) as caught:
        _export(db, target)
    assert caught.value.params["sheet"] == "Unternehmen"  # the sheet names are German
    assert "Export to CSV" in caught.value.message
    assert not target.exists()

    csv_target = tmp_path / "firmen.csv"
    assert _export(db, csv_target).companies == 3  # CSV has no such limit
