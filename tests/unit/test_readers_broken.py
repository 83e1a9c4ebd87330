"""Broken, hostile and oversized files: each ends in one ReadError naming the file and why."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from prospector.exchange import ooxml
from prospector.exchange.errors import TEMPLATES, ReadError
from prospector.exchange.readers import Limits, inspect_file, read_table
from prospector.exchange.tables import FileStamp

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
    'formats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
    'formats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_SHARED_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><si><t>Firma</t></si><si><t>Ort</t></si><si><t>Müller GmbH</t>'
    "</si><si><t>Köln</t></si></sst>"
)
_CELLS = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
)


def sheet_xml(cells: str = _CELLS, dimension: str = "A1:B2", padding: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells}'
        f"</sheetData>{padding}</worksheet>"
    )


def write_raw_xlsx(
    path: Path, *, sheet: str | None = None, shared_strings: str | bytes = _SHARED_STRINGS
) -> Path:
    """An .xlsx put together by hand, so that any part can be made hostile."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(),
        "xl/sharedStrings.xml": shared_strings,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def write_cfb(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal OLE2 compound file (version 3, 512-byte sectors) holding `streams`.

    Every stream is padded to 4096 bytes so that it lives in regular sectors (no mini
    stream). Excel stores a password-protected .xlsx like this, with streams named
    "EncryptionInfo" and "EncryptedPackage".
    """
    sector = 512
    end_of_chain, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end_of_chain]  # sector 0: the FAT, sector 1: the directory
    data = b""
    starts = []
    for payload in streams.values():
        payload = payload.ljust(4096, b"\0")
        count = len(payload) // sector
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end_of_chain]
        data += payload
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, right: int, child: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB3I", len(encoded), kind, 1, no_stream, right, child)
            + b"\0" * 16  # CLSID
            + struct.pack("<I", 0)
            + b"\0" * 16  # times
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, end_of_chain, 0, no_stream, 1)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else no_stream
        directory += entry(name, 2, starts[index], 4096, right, no_stream)
    directory = directory.ljust(sector, b"\0")
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        # directory sectors, FAT sectors, first directory sector, transaction, mini cutoff,
        # first mini FAT sector, mini FAT sectors, first DIFAT sector, DIFAT sectors
        + struct.pack("<9I", 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0)
        + struct.pack("<I", 0)  # the first (only) FAT sector is sector 0
        + struct.pack("<I", free) * 108
    )
    assert len(header) == sector
    path.write_bytes(header + struct.pack(f"<{sector // 4}I", *fat) + directory + data)
    return path


def read_error(path: Path, **kwargs: object) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    error = caught.value
    assert path.name in error.message
    assert error.message == TEMPLATES[error.code].format(**error.params)
    assert "Traceback" not in error.message
    return error


def test_the_hand_built_workbook_itself_is_fine(tmp_path: Path) -> None:
    table = read_table(write_raw_xlsx(tmp_path / "ok.xlsx"))
    assert table.headers == ("Firma", "Ort")
    assert table.rows == [("Müller GmbH", "Köln")]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leer.xlsx"
    path.write_bytes(b"")
    error = read_error(path)
    assert error.code == "empty_file"
    assert error.message == "The file leer.xlsx cannot be read: it is empty."


def test_blank_csv_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "leer.csv"
    path.write_text("\n\n  \n", encoding="utf-8")
    assert read_error(path).code == "empty_file"


def test_missing_file(tmp_path: Path) -> None:
    assert read_error(tmp_path / "fehlt.xlsx").code == "unreadable"


def test_xlsx_that_is_really_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "kunden.xlsx"
    path.write_text("Das ist keine Tabelle.\nNur ein Brief an Herrn Müller.\n", encoding="utf-8")
    error = read_error(path)
    assert error.code == "unknown_format"
    assert error.message.startswith("The file kunden.xlsx cannot be read: it is not an Excel")


def test_web_page_named_xls(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text(
        "<html><body><table><tr><td>Firma</td></tr></table></body></html>", encoding="utf-8"
    )
    assert read_error(path).code == "html_file"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"<?xml?><a/>",
    ],
)
def test_other_files_are_unknown(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "datei.xlsx"
    path.write_bytes(content)
    assert read_error(path).code == "unknown_format"


def test_word_document_zip_is_unknown(tmp_path: Path) -> None:
    path = tmp_path / "brief.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert read_error(path).code == "unknown_format"


def test_truncated_xlsx(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "halb.xlsx")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    error = read_error(path)
    assert error.code == "damaged"
    assert error.message.startswith("The file halb.xlsx cannot be read: it is damaged")


def test_corrupted_bytes_inside_the_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    for number in range(2000):
        workbook.active.append([f"Firma {number}", number, f"Straße {number * 7}"])
    path = tmp_path / "kaputt.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    # The member's data starts after its 30-byte local header, name and extra field.
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    path.write_bytes(bytes(data))
    assert read_error(path).code == "damaged"


def test_flipped_bytes_in_the_middle_of_the_file(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "gekippt.xlsx")
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8] = bytes(b ^ 0x5A for b in data[middle : middle + 8])
    path.write_bytes(bytes(data))
    assert read_error(path).code == "damaged"


def test_password_protected_xlsx_is_an_ole2_file(tmp_path: Path) -> None:
    path = write_cfb(
        tmp_path / "geheim.xlsx",
        {"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": b"\x01" * 64},
    )
    error = read_error(path)
    assert error.code == "password_protected"
    assert error.message == (
        "The file geheim.xlsx cannot be read: it is protected with a password. "
        "Remove the password in Excel and save it again."
    )
    assert inspect_file_error(path).code == "password_protected"


def test_ole2_file_without_a_workbook_is_unknown(tmp_path: Path) -> None:
    path = write_cfb(tmp_path / "brief.xls", {"WordDocument": b"\x00" * 64})
    assert read_error(path).code == "unknown_format"


def test_encrypted_zip_entries_are_password_protected(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "zip-passwort.xlsx")
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag in every central directory entry (signature PK\x01\x02).
    for match in re.finditer(rb"PK\x01\x02", bytes(data)):
        flags = match.start() + 8
        data[flags] |= 0x01
    path.write_bytes(bytes(data))
    assert read_error(path).code == "password_protected"


def test_zip_bomb(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "bombe.xlsx", sheet=sheet_xml(padding=" " * 20_000_000))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        assert info.file_size / info.compress_size > 200
    started = time.monotonic()
    error = read_error(path)
    assert error.code == "zip_bomb"
    assert time.monotonic() - started < 5


def test_too_many_zip_entries(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "viele.xlsx")
    assert read_error(path, limits=Limits(max_zip_entries=5)).code == "zip_bomb"


def test_unpacked_size_limit(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "gross.xlsx", sheet=sheet_xml(padding=" " * 200_000))
    error = read_error(path, limits=Limits(max_unpacked_bytes=100_000))
    assert error.code == "too_large"


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "riesig.csv"
    path.write_text("Firma;Ort\n" + "A;B\n" * 1000, encoding="utf-8")
    error = read_error(path, limits=Limits(max_file_bytes=1000))
    assert error.code == "too_large"
    assert error.params["limit_mb"] == 1


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<si><t>&lol9;</t></si><si><t>Ort</t></si><si><t>x</t></si><si><t>y</t></si></sst>"
)


def test_billion_laughs_in_shared_strings(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "lachen.xlsx", shared_strings=_LAUGHS)
    started = time.monotonic()
    error = read_error(path)
    assert error.code == "xml_bomb"
    assert time.monotonic() - started < 5
    assert inspect_file_error(path).code == "xml_bomb"


def test_a_file_made_hostile_after_inspect_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_raw_xlsx(tmp_path / "tausch.xlsx")
    info = inspect_file(path)
    assert info.detected is not None
    write_raw_xlsx(path, shared_strings=_LAUGHS)  # swapped before the sheet is read
    with pytest.raises(ReadError) as caught:
        read_table(info)
    assert caught.value.code == "xml_bomb"
    # Even where size and time look the same (a coarse clock), the zip's directory tells.
    stamp = info.detected.stamp
    monkeypatch.setattr(FileStamp, "of", staticmethod(lambda _path: stamp))
    with pytest.raises(ReadError) as caught:
        read_table(info)
    assert caught.value.code == "xml_bomb"


def test_billion_laughs_in_utf16(tmp_path: Path) -> None:
    utf16 = _LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    path = write_raw_xlsx(tmp_path / "lachen16.xlsx", shared_strings=utf16.encode("utf-16"))
    assert read_error(path).code == "xml_bomb"


def test_entity_bomb_in_the_sheet(tmp_path: Path) -> None:
    sheet = _LAUGHS.split("<sst")[0].replace("DOCTYPE sst", "DOCTYPE worksheet") + sheet_xml()[
        len('<?xml version="1.0" encoding="UTF-8"?>') :
    ].replace('<row r="1">', '<row r="1"><c r="C1" t="inlineStr"><is><t>&lol9;</t></is></c>')
    path = write_raw_xlsx(tmp_path / "lachen2.xlsx", sheet=sheet)
    assert read_error(path).code == "xml_bomb"


def test_a_value_in_xfd1048576(tmp_path: Path) -> None:
    """Column XFD is Excel's last and may be read; row 1,048,576 is beyond the row limit."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Firma", "Ort"])
    workbook.active.append(["A GmbH", "Köln"])
    workbook.active["XFD1048576"] = "ganz weit weg"
    path = tmp_path / "weit.xlsx"
    workbook.save(path)
    started = time.monotonic()
    error = read_error(path)
    assert error.code == "too_many_rows"
    assert error.params["limit"] == 1_000_000
    error = read_error(path, limits=Limits(max_columns=200))
    assert error.code == "too_many_columns"
    assert error.params["column"] == "XFD"
    assert error.message == (
        "The file weit.xlsx cannot be read: it has data in column XFD, beyond the 200 columns "
        "that can be imported. Delete the columns you do not need and save it again."
    )
    assert time.monotonic() - started < 10


def test_the_default_column_limit_is_excels() -> None:
    assert Limits().max_columns == 16_384  # XFD: no column of a real sheet is beyond it


def test_a_lying_dimension_does_not_hide_a_far_cell(tmp_path: Path) -> None:
    cells = _CELLS + '<row r="5"><c r="ZZ5"><v>1</v></c></row>'
    path = write_raw_xlsx(tmp_path / "luege.xlsx", sheet=sheet_xml(cells, dimension="A1:B2"))
    error = read_error(path, limits=Limits(max_columns=200))
    assert (error.code, error.params["column"]) == ("too_many_columns", "ZZ")


def test_far_formatted_cells_without_values_are_harmless(tmp_path: Path) -> None:
    cells = _CELLS + '<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    path = write_raw_xlsx(tmp_path / "format.xlsx", sheet=sheet_xml(cells, "A1:XFD1048576"))
    table = read_table(path)
    assert table.rows == [("Müller GmbH", "Köln")]
    assert inspect_file(path).sheets[0].row_count_estimate == 1048576  # as declared


def test_row_limit_in_a_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Firma", "Ort"])
    for number in range(150):
        workbook.active.append([f"F{number}", "Ort"])
    path = tmp_path / "zeilen.xlsx"
    workbook.save(path)
    error = read_error(path, limits=Limits(max_rows=100))
    assert error.code == "too_many_rows"
    assert error.message.startswith("The file zeilen.xlsx cannot be read: it has more than 100")


def test_limits_in_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "breit.csv"
    path.write_text(";".join(f"Spalte {n}" for n in range(12)) + "\n" + "x;" * 11 + "x\n")
    error = read_error(path, limits=Limits(max_columns=10))
    assert (error.code, error.params["column"]) == ("too_many_columns", "L")
    path.write_text("Firma;Ort\n" + "A;B\n" * 20)
    assert read_error(path, limits=Limits(max_rows=10)).code == "too_many_rows"


def test_a_quote_that_is_never_closed(tmp_path: Path) -> None:
    path = tmp_path / "zitat.csv"
    path.write_text('Firma;Ort\nA;Köln\n"B GmbH;Bonn\nC;Jena\nD;Ulm\n', encoding="utf-8")
    error = read_error(path)
    assert (error.code, error.params["row"]) == ("csv_malformed", 3)


def test_a_stray_quote_inside_a_field_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "zoll.csv"
    path.write_text('Firma;Produkt\nA;Monitor 24"\nB;Kabel\n', encoding="utf-8")
    assert read_table(path).rows == [("A", 'Monitor 24"'), ("B", "Kabel")]


def test_no_header_row(tmp_path: Path) -> None:
    path = tmp_path / "zahlen.csv"
    path.write_text("1;2;3\n4;5;6\n7;8;9\n", encoding="utf-8")
    error = read_error(path)
    assert error.code == "no_header"
    assert error.params["rows"] == 30


def test_an_empty_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Leer"
    path = tmp_path / "leer.xlsx"
    workbook.save(path)
    error = read_error(path)
    assert error.code == "empty_sheet"
    assert (
        error.message == "The file leer.xlsx cannot be read: the sheet \u201cLeer\u201d is empty."
    )


def test_every_code_has_a_sentence_naming_the_file() -> None:
    for code, template in TEMPLATES.items():
        assert "{file}" in template, code
    with pytest.raises(ValueError, match="unknown read error code"):
        ReadError("no_such_code", "x.xlsx")


def inspect_file_error(path: Path) -> ReadError:
    with pytest.raises(ReadError) as caught:
        inspect_file(path)
    return caught.value


@pytest.mark.parametrize(
    ("limit", "inside", "beyond"),
    [("GR", ["A", "GR", "GQ", "AZ", "FZ"], ["GS", "HA", "ZZ", "AAA", "XFD"])],
)
def test_column_pattern(limit: str, inside: list[str], beyond: list[str]) -> None:
    pattern = re.compile(ooxml.greater_than_pattern(limit, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert [c for c in inside + beyond if pattern.fullmatch(c)] == beyond


def test_row_pattern() -> None:
    pattern = re.compile(ooxml.greater_than_pattern("1000000", "0123456789"))
    numbers = ["1", "999999", "1000000", "1000001", "1048576", "2000000", "10000000", "9999999"]
    assert [n for n in numbers if pattern.fullmatch(n)] == numbers[3:]


def test_column_letters_round_trip() -> None:
    for number in (1, 26, 27, 52, 200, 702, 703, 16384):
        assert ooxml.column_number(ooxml.column_letters(number)) == number
    assert ooxml.column_letters(200) == "GR"
    assert ooxml.column_letters(16384) == "XFD"


def test_openpyxl_uses_defusedxml() -> None:
    """Should anything read workbooks with openpyxl, its XML parsing is defused."""
    from openpyxl import xml

    assert xml.DEFUSEDXML is True


def test_macro_workbook_is_told_by_its_content_type(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "makros.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert inspect_file(path).format.value == "xlsm"
    assert read_table(path).rows == [("Müller GmbH", "Köln")]


def test_binary_workbook_is_not_supported(tmp_path: Path) -> None:
    path = tmp_path / "binaer.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS.replace("workbook.xml", "workbook.bin"))
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert read_error(path).code == "unknown_format"


def test_the_reader_process_imports_nothing_it_does_not_need() -> None:
    """It starts for every file read: python-calamine and the standard library only."""
    code = (
        "import sys; import prospector.exchange.workbook_child; "
        "print(sorted(m for m in sys.modules if m.startswith(('prospector', 'openpyxl', "
        "'phonenumbers', 'sqlalchemy', 'defusedxml'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == (
        "['prospector', 'prospector.exchange', 'prospector.exchange.workbook_child']"
    )
