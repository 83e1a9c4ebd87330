"""What a file really is, judged by its bytes rather than its name."""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass
from pathlib import Path

from prospector.exchange import csv_reader, ooxml, safety
from prospector.exchange.errors import ReadError
from prospector.exchange.tables import FileFormat, FileStamp, Limits

log = logging.getLogger(__name__)

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".ods"})
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_CONTROL_SHARE = 0.01  # more control characters than this: binary, not text


@dataclass(frozen=True)
class Detected:
    """A file's real format, and what its checks found: for text how to decode and split it,
    for .xlsx/.xlsm its parts. Valid for the file with this stamp, checked with these limits."""

    format: FileFormat
    stamp: FileStamp
    limits: Limits
    encoding: str | None = None
    delimiter: str | None = None
    package: ooxml.Package | None = None
    # A zip file's members as its directory lists them when it was checked.
    members: safety.Members | None = None
    # Every XML part but the sheets' was unpacked and checked (a workbook that was sampled).
    parts_verified: bool = False

    def holds_for(self, path: Path, limits: Limits) -> bool:
        """Whether these checks still stand for reading `path` within `limits`."""
        return self.limits == limits and self.stamp == FileStamp.of(path)


def detect(path: Path, limits: Limits) -> Detected:
    """Check size and container, and tell the format from the content.

    A workbook renamed to .csv is read as a workbook; delimited text named .xlsx is read as
    the CSV it is; anything else is refused with a ReadError.
    """
    stamp = safety.check_size(path, limits)
    head = safety.read_head(path)
    if head.startswith(safety.ZIP_SIGNATURES):
        fmt, package, members = _zip_format(path, limits)
        return Detected(fmt, stamp, limits, package=package, members=members)
    if head.startswith(safety.CFB_SIGNATURE):
        return Detected(_compound_format(path), stamp, limits)
    _refuse_non_text(path, head)
    encoding = csv_reader.detect_encoding(path, head)
    sample = csv_reader.read_sample(path, encoding)
    if not sample.strip():
        raise ReadError("empty_file", path)
    delimiter = csv_reader.detect_delimiter(sample)
    if delimiter is None and path.suffix.lower() in WORKBOOK_SUFFIXES:
        # Text without columns named like a workbook: neither a workbook nor a table.
        raise ReadError("unknown_format", path, detail="plain text without delimiters")
    return Detected(FileFormat.CSV, stamp, limits, encoding, delimiter)


def _zip_format(
    path: Path, limits: Limits
) -> tuple[FileFormat, ooxml.Package | None, safety.Members]:
    with safety.open_zip(path, limits) as archive:
        members = safety.members(archive)
        names = set(archive.namelist())
        if "mimetype" in names:
            kind = safety.read_member(archive, "mimetype", path, 1024).strip()
            if kind == _ODS_MIMETYPE:
                manifest = "META-INF/manifest.xml"
                if manifest in names and b"encryption-data" in safety.read_member(
                    archive, manifest, path, 16 * 1024 * 1024
                ):
                    raise ReadError("password_protected", path, detail="encrypted ODS")
                return FileFormat.ODS, None, members
            raise ReadError("unknown_format", path, detail=f"OpenDocument {kind!r}")
        if any(name.startswith("xl/") for name in names):
            package = ooxml.read_package(archive, path)  # refuses .xlsb and broken parts
            return package.format, package, members
    raise ReadError("unknown_format", path, detail="zip archive without a workbook")


def _compound_format(path: Path) -> FileFormat:
    """An OLE2 compound file: an old .xls, or an .xlsx that Excel encrypted with a password."""
    streams = safety.cfb_streams(path, ("EncryptedPackage", "Workbook", "Book"))
    if "EncryptedPackage" in streams:
        raise ReadError("password_protected", path, detail="OLE2 EncryptedPackage")
    if streams & {"Workbook", "Book"}:
        return FileFormat.XLS
    raise ReadError("unknown_format", path, detail="OLE2 file without a workbook stream")


def _refuse_non_text(path: Path, head: bytes) -> None:
    """Refuse web pages, XML, PDF and binary files before they are taken for CSV."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="replace")
    elif b"\x00" in head:
        raise ReadError("unknown_format", path, detail="binary data")
    else:
        text = head.decode("latin-1")
    start = text.lstrip("\ufeff\u00ef\u00bb\u00bf \t\r\n")[:4096].lower()
    if start.startswith("<"):
        if "<html" in start or "<table" in start or start.startswith("<!doctype html"):
            raise ReadError("html_file", path)
        raise ReadError("unknown_format", path, detail="XML or markup")
    if start.startswith(("%pdf", "{\\rtf")):
        raise ReadError("unknown_format", path, detail=start[:5])
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\r\n\f")
    if controls > _CONTROL_SHARE * max(1, len(text)):
        raise ReadError("unknown_format", path, detail="control characters")
