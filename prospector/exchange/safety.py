"""Checks an untrusted file passes before a parser sees it: size, zip container, OLE2, XML."""

from __future__ import annotations

import logging
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from prospector.exchange.errors import ReadError
from prospector.exchange.tables import MB, FileStamp, Limits

log = logging.getLogger(__name__)

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
CFB_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE2 compound file: .xls, encrypted .xlsx
# Below this size even an extreme compression ratio cannot hurt, and tiny XML parts of real
# workbooks (styles, empty sheets) legitimately compress very well.
RATIO_CHECK_FROM_BYTES = 1 * MB
_CHUNK = 1 * MB
# A DTD has no business in OOXML or OpenDocument parts, and entity bombs need one: every
# <!ENTITY is declared inside a <!DOCTYPE.
_DTD_ASCII = b"<!DOCTYPE"
_DTD_UTF16 = ("<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_DTD_OVERLAP = len(_DTD_UTF16[0])


def check_size(path: Path, limits: Limits) -> FileStamp:
    """The file's size and time, if it is a readable, non-empty file within the size limit."""
    try:
        found = path.stat()
        if not path.is_file():
            raise ReadError("unreadable", path, detail="not a regular file")
    except OSError as exc:
        raise ReadError("unreadable", path, detail=str(exc)) from exc
    size = found.st_size
    if size == 0:
        raise ReadError("empty_file", path)
    if size > limits.max_file_bytes:
        raise ReadError("too_large", path, size_mb=_mb(size), limit_mb=_mb(limits.max_file_bytes))
    return FileStamp(size, found.st_mtime_ns)


def read_head(path: Path, size: int = 64 * 1024) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError as exc:
        raise ReadError("unreadable", path, detail=str(exc)) from exc


def open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The opened archive, once its directory shows no bomb, no encryption and no damage."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        log.info("%s is not a readable zip archive: %s", path, exc)
        raise ReadError("damaged", path, detail=str(exc)) from exc
    try:
        check_zip_directory(archive, path, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check_zip_directory(archive: zipfile.ZipFile, path: Path, limits: Limits) -> None:
    """Entry count, total unpacked size, compression ratio and encryption, from the directory."""
    entries = archive.infolist()
    if not entries:
        raise ReadError("damaged", path, detail="empty zip archive")
    if len(entries) > limits.max_zip_entries:
        raise ReadError("zip_bomb", path, detail=f"{len(entries)} entries")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise ReadError("password_protected", path, detail=f"{entry.filename} is encrypted")
        total += entry.file_size
        if entry.file_size >= RATIO_CHECK_FROM_BYTES and (
            entry.compress_size == 0
            or entry.file_size / entry.compress_size > limits.max_compression_ratio
        ):
            ratio = entry.file_size / max(entry.compress_size, 1)
            raise ReadError("zip_bomb", path, detail=f"{entry.filename}: ratio {ratio:.0f}")
    if total > limits.max_unpacked_bytes:
        raise ReadError(
            "too_large", path, size_mb=_mb(total), limit_mb=_mb(limits.max_unpacked_bytes)
        )


# Name, CRC and size of every member: a changed member changes its CRC in the directory.
Members = tuple[tuple[str, int, int], ...]


def members(archive: zipfile.ZipFile) -> Members:
    """What the archive's directory says it holds, to tell whether it is still the one checked."""
    return tuple((entry.filename, entry.CRC, entry.file_size) for entry in archive.infolist())


def read_member(archive: zipfile.ZipFile, name: str, path: Path, max_bytes: int) -> bytes:
    """A small member (workbook.xml, rels) whole, checked like `stream_member`."""
    info = archive.getinfo(name)
    if info.file_size > max_bytes:
        raise ReadError("damaged", path, detail=f"{name} is {info.file_size} bytes")
    parts: list[bytes] = []
    stream_member(archive, name, path, parts.append)
    return b"".join(parts)


def stream_member(
    archive: zipfile.ZipFile, name: str, path: Path, on_chunk: Callable[[bytes], None]
) -> None:
    """Unpack a member to its end, so zipfile checks its CRC, and refuse any DTD in it.

    zipfile never unpacks more than the size the directory declares; a member that holds more
    (a size lie) then fails the CRC check, so the directory's sizes are the real ones.
    """
    tail = b""
    markers: tuple[bytes, ...] | None = None
    try:
        with archive.open(name) as member:
            while chunk := member.read(_CHUNK):
                markers = markers or _dtd_markers(chunk)
                window = tail + chunk[: 2 * _DTD_OVERLAP] if tail else b""
                if any(m in chunk or m in window for m in markers):
                    raise ReadError("xml_bomb", path, detail=f"DTD in {name}")
                tail = chunk[-_DTD_OVERLAP:]
                on_chunk(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        log.info("member %s of %s is damaged: %s", name, path, exc)
        raise ReadError("damaged", path, detail=f"{name}: {exc}") from exc


def check_xml_prolog(archive: zipfile.ZipFile, name: str, path: Path) -> None:
    """Refuse a DTD at the start of an XML member that is not unpacked in full."""
    try:
        with archive.open(name) as member:
            head = member.read(16 * 1024)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise ReadError("damaged", path, detail=f"{name}: {exc}") from exc
    if any(marker in head for marker in _dtd_markers(head)):
        raise ReadError("xml_bomb", path, detail=f"DTD in {name}")


def _dtd_markers(head: bytes) -> tuple[bytes, ...]:
    """What a DTD looks like in this member's encoding (UTF-16 has NULs among the first
    bytes, UTF-8 and ASCII have none)."""
    return _DTD_UTF16 if b"\x00" in head[:4] else (_DTD_ASCII,)


def cfb_streams(path: Path, names: tuple[str, ...]) -> set[str]:
    """Which of `names` an OLE2 compound file has as directory entries.

    Heuristic, without a full CFB parser: directory sectors are aligned to the sector size
    (512 or 4096 bytes), so every 128-byte directory entry starts at a file offset divisible
    by 128, with its UTF-16LE name at byte 0, the name's byte length (with the terminating
    NUL) at byte 64 and the entry type (1 storage, 2 stream, 5 root) at byte 66. A cell text
    that happens to contain the same name is neither aligned nor followed by these fields.
    """
    wanted = {name: name.encode("utf-16-le") for name in names}
    found: set[str] = set()
    window_start = 0  # file offset of window[0]
    window = b""
    try:
        with path.open("rb") as file:
            while (chunk := file.read(4 * MB)) and len(found) < len(wanted):
                window += chunk  # the kept tail of the previous chunk, then this one
                for name, encoded in wanted.items():
                    if name not in found and _has_entry(window, window_start, encoded):
                        found.add(name)
                keep = window[-128:]
                window_start += len(window) - len(keep)
                window = keep
    except OSError as exc:
        raise ReadError("unreadable", path, detail=str(exc)) from exc
    return found


def _has_entry(window: bytes, base: int, encoded: bytes) -> bool:
    start = window.find(encoded)
    while start >= 0:
        if (base + start) % 128 == 0 and start + 67 <= len(window):
            name_length = int.from_bytes(window[start + 64 : start + 66], "little")
            if name_length == len(encoded) + 2 and window[start + 66] in (1, 2):
                return True
        start = window.find(encoded, start + 1)
    return False


def _mb(size: int) -> int:
    return max(1, round(size / MB))
