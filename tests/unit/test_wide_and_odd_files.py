"""Wide and odd files: sparse columns, metadata above the header, Mac CSV, multi-line fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from prospector.exchange import csv_reader
from prospector.exchange.errors import ReadError
from prospector.exchange.readers import Limits, first_rows, inspect_file, iter_rows, read_table
from prospector.exchange.table_shape import find_header

# Twelve used columns spread over the whole width of a sheet, the last one in XFD.
SPREAD = (0, 1, 2, 5, 26, 700, 702, 2000, 9000, 12000, 16000, 16383)


def write_sparse_xlsx(path: Path, rows: int, columns: tuple[int, ...] = SPREAD) -> Path:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Daten")
    for number in range(rows + 1):
        for index, column in enumerate(columns):
            sheet.write(number, column, f"Spalte {index}" if number == 0 else f"r{number}c{index}")
    workbook.close()
    return path


def read_error(path: Path, **kwargs: object) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    return caught.value


# --- wide sheets ------------------------------------------------------------------------


@pytest.mark.parametrize("isolate", [True, False])
def test_a_sheet_out_to_xfd_with_twelve_used_columns_is_a_twelve_column_table(
    tmp_path: Path, isolate: bool
) -> None:
    path = write_sparse_xlsx(tmp_path / "weit.xlsx", 2000)
    info = inspect_file(path, isolate=isolate)
    assert [(s.name, s.looks_like_instructions) for s in info.sheets] == [("Daten", False)]
    table = read_table(info, "Daten", isolate=isolate)
    assert table.headers == tuple(f"Spalte {index}" for index in range(12))
    assert len(table.rows) == 2000
    assert table.rows[0] == tuple(f"r1c{index}" for index in range(12))
    assert table.rows[-1][-1] == "r2000c11"
    assert table.source_row_numbers[-1] == 2001


def test_a_used_range_claiming_xfd_with_formats_only_out_there(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Firma", "Ort", None, "PLZ"])
    sheet.append(["A GmbH", "Köln", None, "50667"])
    sheet["XFD1"].number_format = "@"  # formatted, empty: the used range reaches XFD
    sheet["XFD2"].number_format = "@"
    path = tmp_path / "format.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.headers == ("Firma", "Ort", "PLZ")  # the empty column C is left out too
    assert table.rows == [("A GmbH", "Köln", "50667")]


def test_wide_sheets_give_the_values_calamine_gives(tmp_path: Path) -> None:
    """A value far right sends a sheet through openpyxl: its values must not change."""
    header = ["Firma", "PLZ", "Aktiv", "Erfasst", "Anruf", "Uhrzeit", "Dauer", "Umsatz"]
    values = [
        "Müller GmbH",
        95101,
        True,
        dt.date(2024, 3, 1),
        dt.datetime(2024, 3, 1, 14, 30),
        dt.time(8, 15),
        dt.timedelta(hours=26),
        1234.5,
    ]
    paths = []
    for name, far in (("schmal.xlsx", False), ("breit.xlsx", True)):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(header)
        sheet.append(values)
        sheet["D3"] = "=1/0"  # an error: no value
        sheet["A3"] = "Weiß AG"
        if far:
            sheet["AAB1"] = "Notiz"
            sheet["AAB3"] = "weit rechts"
        workbook.save(tmp_path / name)
        paths.append(tmp_path / name)
    narrow, wide = (read_table(path) for path in paths)
    assert wide.headers == (*narrow.headers, "Notiz")
    assert [row[:8] for row in wide.rows] == [row + (None,) * (8 - len(row)) for row in narrow.rows]
    assert wide.rows[0][:8] == (
        "Müller GmbH",
        95101.0,
        True,
        dt.date(2024, 3, 1),
        dt.datetime(2024, 3, 1, 14, 30),
        "08:15",
        "26:00:00",
        1234.5,
    )
    assert wide.rows[1] == ("Weiß AG", None, None, None, None, None, None, None, "weit rechts")


@pytest.mark.parametrize("inline", [True, False])
def test_wide_sheets_decode_excels_escapes_as_calamine_does(tmp_path: Path, inline: bool) -> None:
    """Excel writes a carriage return as "_x000D_" and escapes a literal "_x…_" with
    "_x005F_"; xlsxwriter does so too, in the inline strings of an export (constant memory)."""
    texts = ["Zeile 1\r\nZeile 2", "Ende\r", "ohne Escape_x"]
    if inline:  # openpyxl already drops "_x005F_" in shared strings, so only here exact
        texts += ["_x0041_", "a_x005F_b", "_x000d_"]
    tables = []
    for name, far in (("schmal.xlsx", False), ("breit.xlsx", True)):
        workbook = xlsxwriter.Workbook(str(tmp_path / name), {"constant_memory": inline})
        sheet = workbook.add_worksheet("Daten")
        sheet.write_string(0, 0, "Notizen")
        if far:
            sheet.write_string(0, 900, "Weit")
        for number, text in enumerate(texts, start=1):
            sheet.write_string(number, 0, text)
        workbook.close()
        tables.append(read_table(tmp_path / name, isolate=False))
    narrow, wide = tables
    assert wide.headers == ("Notizen", "Weit")
    assert [row[0] for row in narrow.rows] == texts
    assert [row[0] for row in wide.rows] == texts


def test_a_wide_csv_keeps_its_used_columns_only(tmp_path: Path) -> None:
    width = 16_384
    lines = []
    for number in range(300):
        cells = [""] * width
        for index, column in enumerate(SPREAD):
            cells[column] = f"Spalte {index}" if number == 0 else f"r{number}c{index}"
        lines.append(";".join(cells))
    path = tmp_path / "weit.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with iter_rows(path) as stream:
        assert stream.head.headers == tuple(f"Spalte {index}" for index in range(12))
        chunks = list(stream)
    assert all(len(row) == 12 for chunk in chunks for row in chunk.rows)
    assert sum(len(chunk.rows) for chunk in chunks) == 299
    assert len(chunks) > 1  # wide rows end a chunk early: memory stays bounded


def test_data_in_a_column_found_late_is_put_in_its_place(tmp_path: Path) -> None:
    lines = ["Firma;;Ort"] + ["A;;Köln"] * 100 + ["B;x;Bonn"]  # beyond the rows read ahead
    path = tmp_path / "spaet.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with iter_rows(path, limits=Limits(chunk_rows=10)) as stream:
        assert stream.head.headers == ("Firma", "Ort")
        rows = [row for chunk in stream for row in chunk.rows]
    assert rows[-1] == ("B", "Bonn", "x")  # the stream appends it
    table = read_table(path, limits=Limits(chunk_rows=10))
    assert table.headers == ("Firma", "", "Ort")
    assert table.rows[0] == ("A", None, "Köln")
    assert table.rows[-1] == ("B", "x", "Bonn")


def test_rows_longer_and_shorter_than_the_header(tmp_path: Path) -> None:
    path = tmp_path / "laengen.csv"
    path.write_text(
        "Firma;PLZ;Ort;Telefon;\nA GmbH;01069;Dresden\nB AG;80331;München;089 1;;\n"
        "C KG;95101;Rehau;;;Notiz\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.headers == ("Firma", "PLZ", "Ort", "Telefon", "")
    assert table.rows == [
        ("A GmbH", "01069", "Dresden", None, None),
        ("B AG", "80331", "München", "089 1", None),
        ("C KG", "95101", "Rehau", None, "Notiz"),
    ]


def test_an_empty_unnamed_column_is_left_out_but_a_named_empty_one_stays(tmp_path: Path) -> None:
    path = tmp_path / "luecke.csv"
    path.write_text("Firma;;Ort;Notiz\nA;;Köln;\nB;;Bonn;\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ("Firma", "Ort", "Notiz")
    assert table.rows == [("A", "Köln", None), ("B", "Bonn", None)]


# --- above the header -------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["EXTF", "DTVF"])
def test_a_datev_metadata_record_is_skipped(tmp_path: Path, marker: str) -> None:
    metadata = f'"{marker}";700;16;"Debitoren/Kreditoren";5;20180306102500000;;"XY";"Chef"'
    header = ";".join(["Konto", "Name (Adressatentyp Unternehmen)", "Ort"] + [""] * 3)
    lines = [metadata, header, '10000;"Meyer GmbH";"Köln";;;', '70001;"Schulz AG";"Bonn";;;']
    path = tmp_path / "EXTF_Stammdaten.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    table = read_table(path)
    assert table.header_row_number == 2
    assert table.headers == ("Konto", "Name (Adressatentyp Unternehmen)", "Ort")
    assert table.rows == [("10000", "Meyer GmbH", "Köln"), ("70001", "Schulz AG", "Bonn")]


def test_datev_metadata_decides_even_against_known_names() -> None:
    rows = [("EXTF", "Firma", "PLZ", "Ort"), ("Konto", "Name", "Ort"), ("1", "A", "B")]
    assert find_header(list(enumerate(rows, start=1)), 30) == 1


@pytest.mark.parametrize(
    ("hint", "delimiter"), [("sep=;", ";"), ("sep=,", ","), ('"sep=;"', ";"), ("SEP=|", "|")]
)
def test_excels_sep_line_names_the_delimiter_and_is_no_row(
    tmp_path: Path, hint: str, delimiter: str
) -> None:
    rows = [["Firma", "Ort", "Umsatz"], ["A GmbH", "Köln", "1500"], ["B AG", "Bonn", "275"]]
    text = hint + "\n" + "\n".join(delimiter.join(row) for row in rows) + "\n"
    path = tmp_path / "hinweis.csv"
    path.write_text(text, encoding="utf-8")
    info = inspect_file(path)
    assert info.delimiter == delimiter
    table = read_table(info)
    assert table.header_row_number == 2
    assert table.headers == ("Firma", "Ort", "Umsatz")
    assert table.rows == [("A GmbH", "Köln", "1500"), ("B AG", "Bonn", "275")]


def test_notes_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Alice,Johnson,https://www.linkedin.com/in/a,,TechCorp,CTO,01 Jan 2024\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.header_row_number == 4
    assert table.rows[0][4] == "TechCorp"


def test_a_lone_data_row_with_addresses_is_not_the_header() -> None:
    rows = [
        ("Name", "Given Name", "Family Name", "E-mail 1 - Value"),
        ("Max Muster", "Firstname", "Lastname", "max@example.com"),
    ]
    assert find_header(list(enumerate(rows, start=1)), 30) == 0


# --- CSV line ends and quotes -----------------------------------------------------------


def test_mac_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"Firma;Ort;PLZ\rM\x9fller GmbH;K\x9aln;50667\r\rSchulz AG;Bonn;53111\r")
    table = read_table(path)
    assert table.headers == ("Firma", "Ort", "PLZ")
    assert [row[0] for row in table.rows] == ["M\u0178ller GmbH", "Schulz AG"]  # cp1252 bytes
    assert table.source_row_numbers == [2, 4]


def test_the_sample_ends_after_a_whole_record(tmp_path: Path) -> None:
    """A quoted field with line breaks across the end of the 64 K sample stays one record."""
    head = "Firma,Notiz,Ort\n"
    filler = "".join(f'F{n},"kurz",Köln\n' for n in range(3000))
    note = '"' + "Zeile\n" * 20_000 + '"'
    text = head + filler + f"Lang GmbH,{note},Bonn\n" + "Z AG,ok,Ulm\n"
    path = tmp_path / "lang.csv"
    path.write_text(text, encoding="utf-8")
    sample = csv_reader.read_sample(path, "utf-8")
    assert sample.endswith("Köln\n")
    assert len(sample) < len(head) + len(filler) + 1
    table = read_table(path)
    assert len(table.rows) == 3002
    assert table.rows[-2][0] == "Lang GmbH"
    assert table.rows[-1] == ("Z AG", "ok", "Ulm")
    assert inspect_file(path).sheets[0].row_count_estimate > 2000


def test_a_header_longer_than_the_sample(tmp_path: Path) -> None:
    names = [f"Spalte {number}" for number in range(1, 16_385)]
    path = tmp_path / "lang.csv"
    path.write_text(";".join(names) + "\n" + ";".join(["x"] * 16_384) + "\n", encoding="utf-8")
    assert len(names[0]) * 16_384 > 64 * 1024
    table = read_table(path)
    assert (len(table.headers), table.headers[-1], table.rows[0][-1]) == (
        16_384,
        "Spalte 16384",
        "x",
    )


def test_a_sample_cut_by_a_stray_quote_keeps_most_of_it() -> None:
    sample = 'Firma;Produkt\nA;Monitor 24"\n' + "B;Kabel\n" * 100
    assert csv_reader._record_end(sample) == len(sample)


# --- the header row, named by the user --------------------------------------------------


def test_a_header_the_user_names(tmp_path: Path) -> None:
    path = tmp_path / "zahlen.csv"
    path.write_text("Liste 7\n1;2;3\n4;5;6\n7;8;9\n", encoding="utf-8")
    assert read_error(path).code == "no_header"
    assert first_rows(path) == [
        (1, ("Liste 7",)),
        (2, ("1", "2", "3")),
        (3, ("4", "5", "6")),
        (4, ("7", "8", "9")),
    ]
    table = read_table(path, header_row=2)
    assert table.header_row_number == 2
    assert table.headers == ("1", "2", "3")
    assert table.rows == [("4", "5", "6"), ("7", "8", "9")]
    assert read_error(path, header_row=9).code == "header_row_empty"


def test_the_abv_sheet_is_read(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    for row in (["a", "b", "v"], [1, 2, 3], [4, 5, 6], [7, 8, 9]):
        workbook.active.append(row)
    path = tmp_path / "abv.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert (table.header_row_number, table.headers, len(table.rows)) == (1, ("a", "b", "v"), 3)


def test_first_rows_of_a_wide_sheet_leave_out_empty_columns(tmp_path: Path) -> None:
    path = write_sparse_xlsx(tmp_path / "weit.xlsx", 30)
    rows = first_rows(path, count=3)
    assert [number for number, _row in rows] == [1, 2, 3]
    assert rows[0][1] == tuple(f"Spalte {index}" for index in range(12))


# --- nothing to import ------------------------------------------------------------------


def test_an_instructions_sheet_is_not_read_as_records(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Anleitung"
    for line in (
        "So füllen Sie diese Liste aus",
        "Bitte tragen Sie jedes Unternehmen in eine eigene Zeile der Tabelle ein, danke.",
        "Die Postleitzahl bitte immer fünfstellig angeben, auch mit führender Null davor.",
    ):
        workbook.active.append([line])
    path = tmp_path / "nur_anleitung.xlsx"
    workbook.save(path)
    error = read_error(path)
    assert (error.code, error.params["sheet"]) == ("instructions_sheet", "Anleitung")
    assert error.message == (
        "The file nur_anleitung.xlsx cannot be imported from the sheet \u201cAnleitung\u201d: "
        "it holds instructions, not a table of records."
    )


def test_a_prose_csv_is_not_refused_as_instructions(tmp_path: Path) -> None:
    path = tmp_path / "anleitung.csv"
    path.write_text("Firma;Ort\nA;B\n", encoding="utf-8")
    assert read_table(path).rows == [("A", "B")]
