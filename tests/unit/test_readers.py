"""Reading awkward but valid spreadsheets and CSV files: headers, ends, values, encodings."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Border, PatternFill, Side
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from prospector.exchange import ooxml, readers, workbook_reader
from prospector.exchange.errors import ReadError
from prospector.exchange.readers import (
    FileFormat,
    Limits,
    SharedTexts,
    inspect_file,
    iter_rows,
    read_table,
)
from prospector.exchange.table_shape import find_header
from prospector.progress import Cancelled, Progress

HEADERS = ["Firma", "Straße", "PLZ", "Ort", "Telefon"]
COMPANIES = [
    ["Müller Maschinenbau GmbH", "Hauptstraße 1", "01069", "Dresden", "0351 4567890"],
    ["Schröder & Söhne KG", "Weißdornweg 7", "95101", "Rehau", "09283 1234"],
    ["Öko-Bäckerei Groß e.K.", "Am Markt 3", "80331", "München", "089 123456"],
]


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def write_ods(path: Path, name: str, rows: Sequence[Sequence[object]]) -> Path:
    """A minimal OpenDocument spreadsheet: mimetype (stored first), manifest and content."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )

    def cell(value: object) -> str:
        if isinstance(value, float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        if isinstance(value, dt.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
            "</table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
        f'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{name}">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _crashing_reader(conn: object, request: object) -> None:
    """Stands in for the reader process's entry point: dies like a crashed native reader."""
    os._exit(139)


def _segfaulting_reader(conn: object, request: object) -> None:
    import ctypes

    ctypes.string_at(0)  # a real SIGSEGV, as a crash in the Rust reader would be


# --- header and end of the data ---------------------------------------------------------


def test_header_under_title_rows_is_found(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "messe.xlsx",
        {
            "Kunden": [
                ["Kundenliste Messe 2024"],
                ["Stand: 01.03.2024"],
                [],
                HEADERS,
                *COMPANIES,
            ]
        },
    )
    table = read_table(path)
    assert table.header_row_index == 3
    assert table.header_row_number == 4
    assert table.headers == tuple(HEADERS)
    assert table.rows == [tuple(row) for row in COMPANIES]
    assert table.source_row_numbers == [5, 6, 7]
    assert table.sheet == "Kunden"
    assert table.format is FileFormat.XLSX
    assert table.skipped_empty == ()


def test_a_table_away_from_a1_keeps_its_row_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for offset, row in enumerate([HEADERS, *COMPANIES]):
        for column, value in enumerate(row):
            sheet.cell(4 + offset, 3 + column, value)  # the table starts at C4
    path = tmp_path / "versetzt.xlsx"
    workbook.save(path)
    for isolate in (True, False):
        table = read_table(path, isolate=isolate)
        assert table.header_row_index == 3
        assert table.headers == tuple(HEADERS)
        assert table.rows == [tuple(row) for row in COMPANIES]
        assert table.source_row_numbers == [5, 6, 7]
    for isolate in (True, False):
        with pytest.raises(ReadError) as caught:
            read_table(path, limits=Limits(max_columns=4), isolate=isolate)
        assert caught.value.params["column"] == "E"  # columns count as Excel shows them


def test_trailing_formatted_rows_are_not_records_and_gaps_are_reported(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Daten"
    for row in [HEADERS, COMPANIES[0], [], COMPANIES[1], ["   ", None, ""], COMPANIES[2]]:
        sheet.append(row)
    fill = PatternFill("solid", fgColor="FFFF00")
    border = Border(bottom=Side(style="thin"))
    for number in range(7, 501):
        for column in range(1, 6):
            sheet.cell(number, column).fill = fill
            sheet.cell(number, column).border = border
    path = tmp_path / "formatiert.xlsx"
    workbook.save(path)

    table = read_table(path)
    assert table.rows == [tuple(row) for row in COMPANIES]
    assert table.source_row_numbers == [2, 4, 6]
    assert table.skipped_empty == (3, 5)


def test_known_header_names_win_over_an_earlier_text_row() -> None:
    rows = [
        ("Liste", "intern", "vertraulich"),  # three text cells, consistent below, no known names
        ("Firma", "PLZ", "Ort"),
        ("A GmbH", "01069", "Dresden"),
        ("B AG", "80331", "München"),
    ]
    numbered = list(enumerate(rows, start=1))
    assert find_header(numbered, 30) == 1


def test_metadata_pair_above_a_wide_table_is_not_the_header(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "export.xlsx",
        {
            "Export": [
                ["Erstellt von", "Frau Schulz"],
                ["Name A", "Name B", "Wert C", "Wert D", "Wert E"],
                ["a", "b", "c", "d", "e"],
                ["f", "g", "h", "i", "j"],
            ]
        },
    )
    table = read_table(path)
    assert table.header_row_index == 1
    assert table.headers == ("Name A", "Name B", "Wert C", "Wert D", "Wert E")


def test_data_right_of_the_last_header_gets_an_unnamed_column(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "breit.xlsx",
        {"S": [["Firma", "Ort"], ["A GmbH", "Köln"]] + [["B", "Bonn"]] * 12 + [["C", "Jena", "x"]]},
    )
    table = read_table(path)
    assert table.headers == ("Firma", "Ort", "")
    assert table.rows[0] == ("A GmbH", "Köln", None)
    assert table.rows[-1] == ("C", "Jena", "x")


def test_persons_and_companies_mixed_are_read_as_they_are(tmp_path: Path) -> None:
    rows = [
        ["Art", "Firma", "Vorname", "Nachname", "E-Mail"],
        ["Firma", "Müller GmbH", None, None, "info@mueller.de"],
        ["Person", "Müller GmbH", "Jörg", "Müller", "j.mueller@mueller.de"],
        ["Person", None, "Anna", "Groß", None],
        ["Firma", "Weiß AG"],
    ]
    path = write_xlsx(tmp_path / "gemischt.xlsx", {"Kontakte": rows})
    table = read_table(path)
    assert table.headers == tuple(rows[0])
    assert table.rows[0] == ("Firma", "Müller GmbH", None, None, "info@mueller.de")
    assert table.rows[2] == ("Person", None, "Anna", "Groß", None)
    assert table.rows[3] == ("Firma", "Weiß AG", None, None, None)


# --- values -----------------------------------------------------------------------------


def test_codes_stored_as_numbers_stay_floats_and_text_codes_stay_text(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "plz.xlsx",
        {"PLZ": [["Firma", "PLZ", "WZ-Code", "Aktiv"], ["A", 95101, "01069", True]]},
    )
    row = read_table(path).rows[0]
    assert row == ("A", 95101.0, "01069", True)
    assert isinstance(row[1], float)


def test_dates_of_the_1904_date_system_are_right(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.append(["Firma", "Erfasst am", "Letzter Anruf"])
    sheet.append(["A GmbH", dt.date(2024, 3, 1), dt.datetime(2023, 12, 31, 16, 45)])
    sheet.append(["B GmbH", dt.date(1904, 1, 2), dt.datetime(2000, 2, 29, 8, 0)])
    path = tmp_path / "mac.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b'date1904="1"' in archive.read("xl/workbook.xml")

    table = read_table(path)
    assert table.rows == [
        ("A GmbH", dt.date(2024, 3, 1), dt.datetime(2023, 12, 31, 16, 45)),
        ("B GmbH", dt.date(1904, 1, 2), dt.datetime(2000, 2, 29, 8, 0)),
    ]


def test_times_and_durations_become_text(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "zeiten.xlsx",
        {"Z": [["Firma", "Anrufzeit", "Dauer"], ["A", dt.time(14, 30), dt.timedelta(hours=26)]]},
    )
    assert read_table(path).rows == [("A", "14:30", "26:00:00")]


def test_unicode_survives_a_workbook(tmp_path: Path) -> None:
    name = "Łódź Ärzte-GmbH 😀 «Zürich» ñ"
    path = write_xlsx(tmp_path / "unicode.xlsx", {"U": [["Firma", "Ort"], [name, "Zürich"]]})
    assert read_table(path).rows == [(name, "Zürich")]


# --- sheets -----------------------------------------------------------------------------


def test_instruction_sheets_are_flagged_and_ordered_last(tmp_path: Path) -> None:
    prose = [
        ["So füllen Sie diese Liste aus"],
        ["Bitte tragen Sie jedes Unternehmen in eine eigene Zeile der Tabelle Kunden ein."],
        ["Die Postleitzahl bitte immer fünfstellig angeben, auch mit führender Null."],
        ["Telefonnummern mit Vorwahl, gern im internationalen Format (+49 ...)."],
    ]
    path = write_xlsx(
        tmp_path / "vorlage.xlsx",
        {
            "Anleitung": prose,
            "Tabelle1": prose,  # a neutral name, but prose
            "Kunden": [HEADERS, *COMPANIES],
            "Info": [["Firma", "PLZ", "Ort"], ["A", "01069", "Dresden"]],  # named so, but data
        },
    )
    info = inspect_file(path)
    assert info.format is FileFormat.XLSX
    assert [(s.name, s.looks_like_instructions) for s in info.sheets] == [
        ("Kunden", False),
        ("Info", False),
        ("Anleitung", True),
        ("Tabelle1", True),
    ]
    assert [s.index for s in info.sheets] == [2, 3, 0, 1]
    assert info.sheets[0].row_count_estimate == 4
    assert info.suggested_sheet == "Kunden"
    assert read_table(path).sheet == "Kunden"
    assert read_table(path, "Info").rows == [("A", "01069", "Dresden")]


def test_a_list_of_long_company_names_is_not_prose(tmp_path: Path) -> None:
    names = [[f"Müller Maschinenbau und Anlagentechnik Nummer {n} GmbH & Co. KG"] for n in range(9)]
    path = write_xlsx(tmp_path / "namen.xlsx", {"Liste": [["Firma"], *names], "Mehr": [HEADERS]})
    info = inspect_file(path)
    assert [s.looks_like_instructions for s in info.sheets] == [False, False]
    assert read_table(path, "Liste").rows[0] == tuple(names[0])


@pytest.mark.parametrize("name", ["Hinweise", "Instructions", "Read me", "README", "Infos"])
def test_instruction_names(tmp_path: Path, name: str) -> None:
    path = write_xlsx(tmp_path / "n.xlsx", {name: [["Bitte beachten"]], "Daten": [HEADERS]})
    info = inspect_file(path)
    assert [s.name for s in info.sheets if s.looks_like_instructions] == [name]
    assert info.suggested_sheet == "Daten"


def test_hidden_sheets_come_after_visible_data_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "h.xlsx", {"Listen": [["Branche", "Code"]], "Daten": [HEADERS]})
    workbook = openpyxl.load_workbook(path)
    workbook["Listen"].sheet_state = "hidden"
    workbook.save(path)
    info = inspect_file(path)
    assert [(s.name, s.hidden) for s in info.sheets] == [("Daten", False), ("Listen", True)]


def test_an_unknown_sheet_name_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kunden.xlsx", {"Kunden": [HEADERS], "Leads": [HEADERS]})
    with pytest.raises(ReadError) as caught:
        read_table(path, "Adressen")
    assert caught.value.code == "sheet_not_found"
    assert caught.value.message == (
        "The file kunden.xlsx has no sheet named \u201cAdressen\u201d. "
        "Choose one of: Kunden, Leads."
    )


def test_ods_is_read(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "liste.ods",
        "Kunden",
        [["Firma", "PLZ", "Erfasst"], ["Müller GmbH", 1069.0, dt.date(2024, 3, 1)]],
    )
    info = inspect_file(path)
    assert info.format is FileFormat.ODS
    assert [s.name for s in info.sheets] == ["Kunden"]
    table = read_table(path)
    assert table.headers == ("Firma", "PLZ", "Erfasst")
    assert table.rows == [("Müller GmbH", 1069.0, dt.date(2024, 3, 1))]


def test_row_and_column_limits_in_the_reader_process(tmp_path: Path) -> None:
    """Formats without a sheet XML to scan (here .ods) are checked while reading."""
    rows = [["Firma", "Ort", "Land"]] + [["A", "B", "C"]] * 20
    path = write_ods(tmp_path / "grenzen.ods", "S", rows)
    with pytest.raises(ReadError) as caught:
        read_table(path, limits=Limits(max_rows=10))
    assert caught.value.code == "too_many_rows"
    with pytest.raises(ReadError) as caught:
        read_table(path, limits=Limits(max_columns=2))
    assert (caught.value.code, caught.value.params["column"]) == ("too_many_columns", "C")


# --- one inspection -------------------------------------------------------------------


def _counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    """Calls of module.name from now on."""
    calls: list[object] = []
    original = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.mark.parametrize("kind", ["xlsx", "ods", "csv"])
def test_reading_what_inspect_found_does_not_check_the_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    rows = [["Firma", "Ort"], ["Müller GmbH", "Köln"]]
    if kind == "xlsx":
        path = write_xlsx(tmp_path / "k.xlsx", {"Anleitung": [["Bitte ausfüllen"]], "Kunden": rows})
    elif kind == "ods":
        path = write_ods(tmp_path / "k.ods", "Kunden", rows)
    else:
        path = tmp_path / "k.csv"
        path.write_text("Firma;Ort\nMüller GmbH;Köln\n", encoding="utf-8")
    info = inspect_file(path)
    detects = _counted(monkeypatch, readers, "detect")
    packages = _counted(monkeypatch, ooxml, "read_package")
    verified = _counted(monkeypatch, ooxml, "verify_parts")
    scanned = _counted(monkeypatch, ooxml, "scan_sheet")
    sheet = info.suggested_sheet if info.format.is_workbook else None
    table = read_table(info, sheet)
    assert table.rows == [("Müller GmbH", "Köln")]
    assert table.path == path
    assert (detects, packages, verified) == ([], [], [])
    assert len(scanned) == (1 if kind == "xlsx" else 0)  # the sheet calamine is to parse


def test_a_file_changed_since_inspect_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "k.xlsx", {"Kunden": [HEADERS, COMPANIES[0]], "Info": [["x"]]})
    info = inspect_file(path)
    write_xlsx(path, {"Kunden": [HEADERS, *COMPANIES], "Info": [["x"]]})
    detects = _counted(monkeypatch, readers, "detect")
    assert read_table(info, "Kunden").rows == [tuple(row) for row in COMPANIES]
    assert len(detects) == 1


def test_one_read_of_a_file_looks_at_its_package_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "k.xlsx", {"Anleitung": [["Bitte"]], "Kunden": [HEADERS]})
    packages = _counted(monkeypatch, ooxml, "read_package")
    verified = _counted(monkeypatch, ooxml, "verify_parts")
    assert read_table(path).sheet == "Kunden"
    assert (len(packages), len(verified)) == (1, 1)


# --- CSV --------------------------------------------------------------------------------


def test_german_csv_in_windows_1252_with_semicolons(tmp_path: Path) -> None:
    text = "Firma;Straße;PLZ;Ort;Umsatz\r\nMüller GmbH;Weißdornweg 7;01069;Dresden;1,5\r\n"
    text += "Öko & Söhne;Ährenstraße 2;95101;Rehau;2,75\r\n"
    path = tmp_path / "kunden.csv"
    path.write_bytes(text.encode("cp1252"))
    table = read_table(path)
    assert (table.encoding, table.delimiter, table.format) == ("cp1252", ";", FileFormat.CSV)
    assert table.headers == ("Firma", "Straße", "PLZ", "Ort", "Umsatz")
    assert table.rows == [
        ("Müller GmbH", "Weißdornweg 7", "01069", "Dresden", "1,5"),
        ("Öko & Söhne", "Ährenstraße 2", "95101", "Rehau", "2,75"),
    ]
    assert table.sheet is None
    assert table.source_row_numbers == [2, 3]


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf8.csv"
    path.write_bytes("Firma,Ort\nŁódź Sp. z o.o.,Łódź\n".encode("utf-8-sig"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.headers == ("Firma", "Ort")  # no BOM glued to the first name
    assert table.rows == [("Łódź Sp. z o.o.", "Łódź")]


def test_utf8_without_bom_is_preferred_to_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "utf8.csv"
    path.write_text("Firma;Ort\nMüller;Köln\n", encoding="utf-8")
    table = read_table(path)
    assert table.encoding == "utf-8"
    assert table.rows == [("Müller", "Köln")]


def test_quoted_fields_with_line_breaks_and_doubled_quotes(tmp_path: Path) -> None:
    path = tmp_path / "notizen.csv"
    path.write_text(
        'Firma;Notizen;Ort\n"Müller ""Die Macher"" GmbH";"Zeile 1\nZeile 2; mit Semikolon";Köln\n'
        'Schulz;"ein ""Zitat"" und\r\nnoch eine Zeile";Bonn\n'
        "Weiß;ohne;Jena\n",
        encoding="utf-8",
        newline="",
    )
    table = read_table(path)
    assert table.rows == [
        ('Müller "Die Macher" GmbH', "Zeile 1\nZeile 2; mit Semikolon", "Köln"),
        ("Schulz", 'ein "Zitat" und\r\nnoch eine Zeile', "Bonn"),
        ("Weiß", "ohne", "Jena"),
    ]
    assert table.source_row_numbers == [2, 3, 4]  # records, as Excel numbers them


def test_decimal_commas_do_not_fool_the_delimiter_detection(tmp_path: Path) -> None:
    path = tmp_path / "zahlen.csv"
    path.write_text("Firma;Umsatz;Mitarbeiter\nA;1,5;10\nB;2,25;3\nC;10,0;7\n", encoding="utf-8")
    assert read_table(path).delimiter == ";"


def test_tab_delimited_txt_with_title_rows(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(
        "Adressexport\nStand: 01.03.2024\n\nFirma\tPLZ\tOrt\nA GmbH\t01069\tDresden\n"
        "B AG\t80331\tMünchen\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.delimiter == "\t"
    assert table.header_row_index == 3
    assert table.rows == [("A GmbH", "01069", "Dresden"), ("B AG", "80331", "München")]
    assert table.source_row_numbers == [5, 6]


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_text("Firma\tOrt\nMüller\tKöln\n", encoding="utf-16")
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows == [("Müller", "Köln")]


def test_one_column_list_with_a_known_header(tmp_path: Path) -> None:
    path = tmp_path / "firmen.csv"
    path.write_text("Firma\nMüller, Hans\nSchulz GmbH\n", encoding="utf-8")
    table = read_table(path)
    assert table.delimiter is None
    assert table.rows == [("Müller, Hans",), ("Schulz GmbH",)]


def test_csv_named_xlsx_is_read_as_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "kunden.xlsx"
    path.write_text("Firma;PLZ;Ort\nA GmbH;01069;Dresden\n", encoding="utf-8")
    table = read_table(path)
    assert table.format is FileFormat.CSV
    assert table.rows == [("A GmbH", "01069", "Dresden")]
    assert inspect_file(path).format is FileFormat.CSV


def test_workbook_named_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kunden.csv", {"Kunden": [HEADERS, COMPANIES[0]]})
    table = read_table(path)
    assert table.format is FileFormat.XLSX
    assert table.rows == [tuple(COMPANIES[0])]


def test_inspect_csv(tmp_path: Path) -> None:
    path = tmp_path / "kunden.csv"
    path.write_text("Firma;Ort\n" + "A GmbH;Köln\n" * 50, encoding="utf-8")
    info = inspect_file(path)
    assert info.format is FileFormat.CSV
    assert (info.encoding, info.delimiter, info.suggested_sheet) == ("utf-8", ";", "kunden")
    assert info.sheets[0].row_count_estimate == 51
    assert read_table(path, info.suggested_sheet).rows[0] == ("A GmbH", "Köln")


# --- streaming, progress, cancel, the reader process ------------------------------------


def _numbered_xlsx(path: Path, count: int) -> Path:
    rows = [[f"Firma {n}", f"{n:05d}", "Ort"] for n in range(count)]
    return write_xlsx(path, {"Kunden": [["Firma", "PLZ", "Ort"], *rows]})


def test_iter_rows_streams_chunks_with_row_numbers(tmp_path: Path) -> None:
    path = _numbered_xlsx(tmp_path / "viele.xlsx", 250)
    reports: list[tuple[int, int]] = []
    progress = Progress(lambda done, total: reports.append((done, total)))
    with iter_rows(path, progress=progress, limits=Limits(chunk_rows=100)) as stream:
        assert stream.head.headers == ("Firma", "PLZ", "Ort")
        assert stream.head.row_count_estimate == 251
        chunks = list(stream)
    assert [len(c.rows) for c in chunks] == [99, 100, 51]  # the first chunk held the header
    numbers = [n for c in chunks for n in c.source_row_numbers]
    assert numbers == list(range(2, 252))
    assert chunks[-1].rows[-1] == ("Firma 249", "00249", "Ort")
    assert reports[-1] == (251, 251)
    assert read_table(path).rows == [r for c in chunks for r in c.rows]


def test_isolated_and_in_process_reading_agree(tmp_path: Path) -> None:
    path = _numbered_xlsx(tmp_path / "gleich.xlsx", 30)
    assert read_table(path) == read_table(path, isolate=False)
    assert inspect_file(path) == inspect_file(path, isolate=False)


def test_cancel_stops_the_read_and_the_reader_process(tmp_path: Path) -> None:
    path = _numbered_xlsx(tmp_path / "abbruch.xlsx", 1000)
    progress = Progress()

    def report(done: int, total: int) -> None:
        if done >= 300:
            progress.cancel()

    progress = Progress(report)
    seen = 0

    def consume() -> None:
        nonlocal seen
        with iter_rows(path, progress=progress, limits=Limits(chunk_rows=100)) as stream:
            for chunk in stream:
                seen += len(chunk.rows)

    with pytest.raises(Cancelled):
        consume()
    assert 0 < seen < 1000
    assert multiprocessing.active_children() == []


def test_cancel_while_the_reader_loads(tmp_path: Path) -> None:
    path = _numbered_xlsx(tmp_path / "sofort.xlsx", 10)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        read_table(path, progress=progress)
    assert multiprocessing.active_children() == []


def test_leaving_a_stream_early_stops_the_reader(tmp_path: Path) -> None:
    path = _numbered_xlsx(tmp_path / "frueh.xlsx", 300)
    with iter_rows(path, limits=Limits(chunk_rows=50)) as stream:
        first = next(iter(stream))
    assert first.rows[0] == ("Firma 0", "00000", "Ort")
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("entry", "exit_code"),
    [
        (_crashing_reader, 139),
        pytest.param(
            _segfaulting_reader,
            -11,
            marks=pytest.mark.skipif(sys.platform == "win32", reason="no signals on Windows"),
        ),
    ],
)
def test_a_crashing_reader_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: object, exit_code: int
) -> None:
    path = write_xlsx(tmp_path / "absturz.xlsx", {"Kunden": [HEADERS, COMPANIES[0]]})
    monkeypatch.setattr(workbook_reader, "CHILD_MAIN", entry)
    with pytest.raises(ReadError) as caught:
        read_table(path)
    assert caught.value.code == "reader_crashed"
    assert caught.value.message.startswith("The file absturz.xlsx cannot be read: the spread")
    assert caught.value.detail == f"exit code {exit_code}"  # it died the way it was made to
    assert multiprocessing.active_children() == []


def test_repeated_texts_of_a_column_are_one_object(tmp_path: Path) -> None:
    path = tmp_path / "orte.csv"
    lines = ["Firma;Ort"] + [f"Firma {n};Dresden" for n in range(50)]
    path.write_text("\n".join(lines), encoding="utf-8")
    table = read_table(path)
    cities = [row[1] for row in table.rows]
    assert cities == ["Dresden"] * 50
    assert all(city is cities[0] for city in cities)
    names = {row[0] for row in table.rows}
    assert len(names) == 50  # unique texts stay as they are


def test_shared_texts_give_up_on_a_column_of_unique_texts() -> None:
    shared = SharedTexts()
    for n in range(SharedTexts.LIMIT + 10):
        row = shared.row((f"Firma {n}", "".join(["Dres", "den"])))
        assert row == (f"Firma {n}", "Dresden")
    first = shared.row(("x", "".join(["Dres", "den"])))[1]
    assert shared.row(("y", "".join(["Dres", "den"])))[1] is first
