"""The parts of an .xlsx/.xlsm package, and a scan of sheet XML before calamine loads it."""

from __future__ import annotations

import logging
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from prospector.exchange.errors import ReadError
from prospector.exchange.safety import check_xml_prolog, read_member, stream_member
from prospector.exchange.tables import MB, FileFormat, Limits

log = logging.getLogger(__name__)


def _nothing() -> None:
    return None


_SMALL_PART_BYTES = 64 * MB  # workbook.xml and the relationship parts are tiny in real files
_TAIL = 512  # bytes kept between chunks: longer than any cell's start tag
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{0,3})(\d*)(?::([A-Z]{1,3})(\d+))?\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s")
# A value in a column with three letters (AAA, the 703rd, and beyond). python-calamine
# allocates every cell of the rectangle around all values, 32 bytes each: 2,000 rows out to
# XFD take 1 GB even when twelve columns hold data. Such sheets are streamed instead.
_WIDE_REF = re.compile(rb"\br=\"[A-Z]{3}\d")


@dataclass(frozen=True)
class SheetScan:
    """What the scan of a sheet's XML found besides values beyond the limits."""

    rows: int  # <row> elements, if counted
    wide: bool  # a value lies in column AAA or further right


@dataclass(frozen=True)
class SheetPart:
    """One sheet as workbook.xml lists it."""

    name: str
    index: int
    member: str | None  # the zip member of its XML; None if missing
    hidden: bool
    is_worksheet: bool  # False for chart, dialog and macro sheets


@dataclass(frozen=True)
class Package:
    """What the package's XML says about the workbook."""

    format: FileFormat
    sheets: tuple[SheetPart, ...]
    workbook_member: str

    @property
    def worksheets(self) -> tuple[SheetPart, ...]:
        return tuple(sheet for sheet in self.sheets if sheet.is_worksheet)


def read_package(archive: zipfile.ZipFile, path: Path) -> Package:
    """Find the workbook part and its sheets (parsed with defusedxml, DTDs forbidden)."""
    names = set(archive.namelist())
    for name in names:
        if name.endswith((".xml", ".rels", ".vml")):
            check_xml_prolog(archive, name, path)
    workbook = _office_document(archive, path, names)
    if workbook not in names:
        raise ReadError("damaged", path, detail=f"no workbook part {workbook}")
    if workbook.endswith(".bin"):
        raise ReadError("unknown_format", path, detail="binary workbook (.xlsb)")
    root = _parse(archive, workbook, path)
    relations = _relations(archive, _rels_name(workbook), path, names)
    base = posixpath.dirname(workbook)
    sheets: list[SheetPart] = []
    for index, element in enumerate(e for e in root.iter() if _local(e.tag) == "sheet"):
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        kind, target = relations.get(rel_id, ("", ""))
        member = _resolve(base, target) if target else None
        sheets.append(
            SheetPart(
                name=element.get("name", f"Sheet{index + 1}"),
                index=index,
                member=member if member in names else None,
                hidden=element.get("state", "visible") != "visible",
                is_worksheet=kind == "worksheet",
            )
        )
    # No need to read workbookPr's date1904 here: calamine applies the 1904 date system of
    # old Mac workbooks itself (the tests check it).
    fmt = FileFormat.XLSM if _is_macro_enabled(archive, path, workbook) else FileFormat.XLSX
    return Package(fmt, tuple(sheets), workbook)


def declared_rows(archive: zipfile.ZipFile, member: str) -> int | None:
    """The last row the sheet's <dimension> claims (formatted empty rows count), if any."""
    try:
        with archive.open(member) as stream:
            head = stream.read(64 * 1024)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return None
    match = _DIMENSION.search(head)
    if match is None:
        return None
    last = match.group(4) or match.group(2)
    return int(last) if last else None


def scan_sheet(
    archive: zipfile.ZipFile,
    member: str,
    path: Path,
    limits: Limits,
    *,
    count_rows: bool,
    check: Callable[[], None] = _nothing,
) -> SheetScan:
    """Unpack a sheet's XML once, refuse cells with a value beyond the row/column limits and
    tell whether values lie far to the right.

    calamine allocates the bounding box of all cells that hold a value, whatever the
    <dimension> claims: one value in A1 and one in XFD1048576 would ask for 17 billion cells.
    Cells with only a format (`<c r="B500" s="1"/>`) hold no value and are not counted.
    A cheap search for long references (as many letters as the last allowed column, at most
    three, as many digits as the row limit) comes first; only its hits are looked at closely.
    The <row> elements are counted if `count_rows`. `check` runs for every unpacked megabyte
    (a cancel).
    """
    suspicious = _suspicious_pattern(limits.max_rows, min(limits.max_columns, 16_384))
    beyond = _beyond_limits_pattern(limits.max_rows, limits.max_columns)
    rows = 0
    wide = False
    tail = b""

    def on_chunk(chunk: bytes) -> None:
        nonlocal rows, tail, wide
        check()
        if count_rows:
            rows += chunk.count(b"<row ")
        if suspicious.search(chunk) or (tail and suspicious.search(tail + chunk[:_TAIL])):
            window = tail + chunk
            _refuse_values_beyond(window, beyond, path, limits)
            wide = wide or _has_wide_value(window)
        tail = chunk[-_TAIL:]

    stream_member(archive, member, path, on_chunk)
    return SheetScan(rows, wide)


def count_rows(archive: zipfile.ZipFile, member: str) -> int:
    """The <row> elements of a sheet without a <dimension>, for an estimate of its size."""
    rows = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(MB):
                rows += chunk.count(b"<row ")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        pass  # only an estimate; reading the sheet reports the damage
    return rows


def verify_parts(
    archive: zipfile.ZipFile, path: Path, skip: set[str], check: Callable[[], None] = _nothing
) -> None:
    """Unpack every XML part calamine may parse (CRC, size lies, DTDs), except `skip`."""
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")) and info.filename not in skip:
            stream_member(archive, info.filename, path, lambda _chunk: check())


def column_letters(number: int) -> str:
    """1 -> 'A', 27 -> 'AA', 16384 -> 'XFD'."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def greater_than_pattern(limit: str, alphabet: str) -> str:
    """A regex for strings over `alphabet` (no leading zero digit) that sort after `limit`.

    Used for column letters ('GR' -> any of 'GS'..'ZZ', 'AAA'...) and row numbers: longer
    strings are greater, and of equal length those greater at the first differing position.
    """
    first = alphabet[1] if alphabet[0] == "0" else alphabet[0]
    any_char = f"[{alphabet[0]}-{alphabet[-1]}]"
    options = [f"[{first}-{alphabet[-1]}]{any_char}{{{len(limit)},}}"]
    for position, char in enumerate(limit):
        following = alphabet.index(char) + 1
        if following < len(alphabet):
            rest = len(limit) - position - 1
            options.append(
                f"{re.escape(limit[:position])}[{alphabet[following]}-{alphabet[-1]}]"
                f"{any_char}{{{rest}}}"
            )
    return "(?:" + "|".join(options) + ")"


def _suspicious_pattern(max_rows: int, max_columns: int) -> re.Pattern[bytes]:
    letters = len(column_letters(max_columns))
    digits = len(str(max_rows))
    return re.compile(rf'r="(?:[A-Z]{{{letters}}}|[A-Z]{{1,3}}\d{{{digits}}})'.encode())


def _beyond_limits_pattern(max_rows: int, max_columns: int) -> re.Pattern[bytes]:
    columns = greater_than_pattern(column_letters(max_columns), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    rows = greater_than_pattern(str(max_rows), "0123456789")
    return re.compile(rf"\br=\"(?:({columns})\d|[A-Z]{{1,3}}({rows})\")".encode())


def _has_wide_value(window: bytes) -> bool:
    """Is there a cell with a value (not just a format) in a three-letter column?"""
    return any(_is_value_cell(window, match.start()) for match in _WIDE_REF.finditer(window))


def _is_value_cell(window: bytes, ref_start: int) -> bool:
    """Does the reference at `ref_start` belong to a <c> element that is not empty?"""
    tag_start = window.rfind(b"<", 0, ref_start)
    tag_end = window.find(b">", ref_start)
    if tag_start < 0 or tag_end < 0 or not _CELL_TAG.match(window, tag_start):
        return False  # a <row r="..."> or cut off
    return window[tag_end - 1 : tag_end] != b"/"  # <c r="XFD9" s="1"/>: a format only


def _refuse_values_beyond(
    window: bytes, beyond: re.Pattern[bytes], path: Path, limits: Limits
) -> None:
    for match in beyond.finditer(window):
        if not _is_value_cell(window, match.start()):
            continue  # a <row r="..."> (rows with only formats are harmless), or a format
        ref = window[match.start() + 3 : window.find(b'"', match.start() + 3)].decode()
        letters = ref.rstrip("0123456789")
        if match.group(1):
            raise ReadError(
                "too_many_columns", path, column=letters, limit=limits.max_columns, detail=ref
            )
        raise ReadError("too_many_rows", path, limit=limits.max_rows, detail=ref)


def _office_document(archive: zipfile.ZipFile, path: Path, names: set[str]) -> str:
    relations = _relations(archive, "_rels/.rels", path, names)
    for kind, target in relations.values():
        if kind == "officeDocument":
            return _resolve("", target)
    return "xl/workbook.xml"


def _relations(
    archive: zipfile.ZipFile, member: str, path: Path, names: set[str]
) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type's last path segment, target)."""
    if member not in names:
        return {}
    root = _parse(archive, member, path)
    return {
        rel.get("Id", ""): (rel.get("Type", "").rsplit("/", 1)[-1], rel.get("Target", ""))
        for rel in root.iter()
        if _local(rel.tag) == "Relationship" and rel.get("TargetMode") != "External"
    }


def _is_macro_enabled(archive: zipfile.ZipFile, path: Path, workbook: str) -> bool:
    if "[Content_Types].xml" not in archive.namelist():
        return False
    root = _parse(archive, "[Content_Types].xml", path)
    return any(
        e.get("PartName", "").lstrip("/") == workbook
        and "macroenabled" in e.get("ContentType", "").lower()
        for e in root.iter()
    )


def _parse(archive: zipfile.ZipFile, member: str, path: Path) -> Element:
    data = read_member(archive, member, path, _SMALL_PART_BYTES)
    try:
        root: Element = fromstring(data, forbid_dtd=True)
        return root
    except DefusedXmlException as exc:
        raise ReadError("xml_bomb", path, detail=f"{member}: {exc!r}") from exc
    except ParseError as exc:
        log.info("%s in %s is not well-formed XML: %s", member, path, exc)
        raise ReadError("damaged", path, detail=f"{member}: {exc}") from exc


def _rels_name(member: str) -> str:
    folder, name = posixpath.split(member)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
