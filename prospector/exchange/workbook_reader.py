"""Workbooks (.xlsx, .xlsm, .xls, .ods): checked here, parsed by calamine in a child process."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import multiprocessing
import zipfile
from collections.abc import Callable, Generator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Protocol

from prospector.exchange import ooxml, safety, workbook_child
from prospector.exchange.errors import ReadError
from prospector.exchange.formats import Detected
from prospector.exchange.ooxml import column_letters
from prospector.exchange.tables import FileFormat, Limits, Row
from prospector.exchange.workbook_child import Message, Request, WideSheets
from prospector.progress import Progress

log = logging.getLogger(__name__)

# The child's entry point; a test swaps it for one that crashes.
CHILD_MAIN: Callable[[Connection, Request], None] = workbook_child.main
_POLL_SECONDS = 0.1
_STOP_SECONDS = 2.0
# Sheets with more declared rows than this are data, not instructions: inspect skips reading
# them (calamine would load the whole sheet just to show its first rows).
SAMPLE_UP_TO_ROWS = 5_000
SAMPLE_UP_TO_BYTES = 4 * 1024 * 1024  # unpacked sheet XML


class Channel(Protocol):
    """Messages from a reader: in a child process, or in this one for tests and benchmarks."""

    def allow_open(self) -> None: ...

    def allow_read(self, wide: WideSheets = ()) -> None: ...

    def receive(self) -> Message: ...

    def close(self) -> None: ...


class ProcessChannel:
    """A reader child process: started at once, it opens and parses the file only when told."""

    def __init__(self, path: Path, request: Request, on_wait: Callable[[], None]) -> None:
        self._path = path
        self._on_wait = on_wait
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe(duplex=True)
        self._process = context.Process(
            target=CHILD_MAIN, args=(child_end, request), name="prospector-reader", daemon=True
        )
        try:
            self._process.start()
        except BaseException:
            self._conn.close()
            raise
        finally:
            child_end.close()  # the child holds its own copy; ours would hide its death
        self._closed = False

    def allow_open(self) -> None:
        """The workbook's parts passed the checks: the child may open it."""
        self._send("open")

    def allow_read(self, wide: WideSheets = ()) -> None:
        """The sheet passed the checks too: the child may parse it (the `wide` sheets with
        the streaming reader)."""
        self._send(("go", wide))

    def receive(self) -> Message:
        while True:
            if self._conn.poll(_POLL_SECONDS):
                try:
                    message: Message = self._conn.recv()
                except (EOFError, OSError):
                    raise self._crashed() from None
                return message
            self._on_wait()  # progress: may raise Cancelled, which close() cleans up
            if not self._process.is_alive() and not self._conn.poll(0):
                raise self._crashed()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._conn.close()
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(_STOP_SECONDS)
            if self._process.is_alive():
                self._process.kill()
        self._process.join()
        self._process.close()

    def _send(self, message: object) -> None:
        with contextlib.suppress(OSError):  # it died already; receive() reports how
            self._conn.send(message)

    def _crashed(self) -> ReadError:
        self._process.join(_STOP_SECONDS)
        code = self._process.exitcode
        log.error("the reader process for %s ended unexpectedly (exit code %s)", self._path, code)
        return ReadError("reader_crashed", self._path, detail=f"exit code {code}")


class InProcessChannel:
    """The same conversation without a child: for tests and speed comparisons only."""

    def __init__(self, path: Path, request: Request, on_wait: Callable[[], None]) -> None:
        del path, on_wait
        self._request = request
        self._messages: Generator[Message, None, None] | None = None

    def allow_open(self) -> None:
        return None

    def allow_read(self, wide: WideSheets = ()) -> None:
        self._request = dataclasses.replace(self._request, wide=wide)

    def receive(self) -> Message:
        if self._messages is None:
            self._messages = workbook_child.messages(self._request)
        return next(self._messages, ("end",))

    def close(self) -> None:
        if self._messages is not None:
            self._messages.close()


@dataclass(frozen=True)
class SheetSample:
    """What inspect learns of one sheet."""

    name: str
    index: int
    hidden: bool
    last_row: int
    rows: list[tuple[int, Row]] | None  # None: not sampled (a big sheet)


@dataclass(frozen=True)
class Inspected:
    """What inspect learns of a workbook: its worksheets, and whether it checked every XML
    part but the sheets' on the way (a read of the same file then need not again)."""

    samples: list[SheetSample]
    parts_verified: bool


class WorkbookSource:
    """The rows of one workbook sheet, streamed from the reader; a RowSource."""

    encoding: str | None = None
    delimiter: str | None = None

    def __init__(
        self,
        path: Path,
        detected: Detected,
        sheet: str | None,
        progress: Progress | None = None,
        *,
        isolate: bool = True,
    ) -> None:
        self.path = path
        self.format = detected.format
        self._progress = progress
        self._estimate = 0
        request = _request(path, detected.limits, mode="read", sheet=sheet)
        self._channel = _checked_channel(
            path, detected, progress, isolate, request, self._set_estimate
        )
        try:
            message = _expect(self._channel.receive(), "sheet", path)
        except BaseException:
            self._channel.close()
            raise
        self.sheet: str | None = message[1]
        self._estimate = max(self._estimate, int(message[2]))

    @property
    def row_count_estimate(self) -> int:
        return self._estimate

    def chunks(self) -> Generator[tuple[int, list[Row]], None, None]:
        try:
            while True:
                message = self._channel.receive()
                if message[0] == "end":
                    return
                message = _expect(message, "rows", self.path)
                yield int(message[1]), message[2]
        finally:
            self.close()

    def close(self) -> None:
        self._channel.close()

    def _set_estimate(self, rows: int) -> None:
        self._estimate = rows


def inspect_workbook(
    path: Path,
    detected: Detected,
    progress: Progress | None = None,
    *,
    isolate: bool = True,
) -> Inspected:
    """Every worksheet with its size and first rows (big .xlsx sheets: size only)."""
    if detected.package is not None:
        return _inspect_ooxml(path, detected, progress, isolate)
    request = _request(path, detected.limits)
    channel = _checked_channel(path, detected, progress, isolate, request)
    received = _receive_samples(channel, path)
    samples = []
    for index, (name, hidden, is_worksheet) in enumerate(received.sheets):
        if is_worksheet:
            last_row, rows = received.samples.get(name, (0, []))
            samples.append(SheetSample(name, index, hidden, last_row or 0, rows))
    return Inspected(samples, parts_verified=True)


@dataclass
class _Received:
    """What the reader told during inspect: its list of sheets, and samples by sheet name."""

    sheets: list[tuple[str, bool, bool]] = dataclasses.field(default_factory=list)
    samples: dict[str, tuple[int | None, list[tuple[int, Row]]]] = dataclasses.field(
        default_factory=dict
    )


def _receive_samples(channel: Channel, path: Path) -> _Received:
    received = _Received()
    try:
        while (message := channel.receive())[0] != "end":
            if message[0] == "sheets":
                received.sheets = [(str(n), bool(h), bool(w)) for n, h, w in message[1]]
            else:
                message = _expect(message, "sample", path)
                last_row = None if message[2] is None else int(message[2])
                received.samples[message[1]] = (last_row, message[3])
    finally:
        channel.close()
    return received


def _inspect_ooxml(
    path: Path, detected: Detected, progress: Progress | None, isolate: bool
) -> Inspected:
    """Sheet names and sizes come from the package; only small sheets go to the reader."""
    declared: dict[str, int] = {}
    limits = detected.limits
    with safety.open_zip(path, limits) as archive:
        package, _same = _package(archive, path, detected)
        to_sample = _sheets_to_sample(archive, package.worksheets, declared)
        channel = None
        if to_sample:
            request = _request(path, limits, sample=tuple(p.name for p in to_sample))
            channel = _start(path, request, progress, isolate)
            _check_ooxml(channel, archive, path, package, to_sample, limits, progress)
    samples = _receive_samples(channel, path).samples if channel is not None else {}
    sheets = []
    for part in package.worksheets:
        last_row, rows = samples.get(part.name, (None, None))
        # A wide sheet's sample stops early: its size is what the sheet declares.
        size = declared.get(part.name, 0) if last_row is None else last_row
        sheets.append(SheetSample(part.name, part.index, part.hidden, size, rows))
    return Inspected(sheets, parts_verified=channel is not None)


def _checked_channel(
    path: Path,
    detected: Detected,
    progress: Progress | None,
    isolate: bool,
    request: Request,
    on_estimate: Callable[[int], None] | None = None,
) -> Channel:
    """Start the reader, check the file meanwhile, then let it go on (or stop it and raise).

    The child spends its start-up importing python-calamine while this process unpacks and
    scans the parts calamine will parse; only then is it allowed to open the file. Parts that
    `detected` says were checked already are not unpacked again; the sheet to read always is.
    """
    limits = detected.limits
    if detected.package is not None:
        with safety.open_zip(path, limits) as archive:
            package, same = _package(archive, path, detected)
            verify = not (same and detected.parts_verified)
            part = _chosen_sheet(package, request.sheet, path)
            channel = _start(path, dataclasses.replace(request, sheet=part.name), progress, isolate)
            _check_ooxml(
                channel,
                archive,
                path,
                package,
                [part],
                limits,
                progress,
                on_estimate,
                verify=verify,
            )
        return channel
    channel = _start(path, request, progress, isolate)
    try:
        if detected.format is FileFormat.ODS:
            with safety.open_zip(path, limits) as archive:
                if not detected.parts_verified or detected.members != safety.members(archive):
                    ooxml.verify_parts(archive, path, set(), _checker(progress))
    except BaseException:
        channel.close()
        raise
    channel.allow_open()
    channel.allow_read()
    return channel


def _package(
    archive: zipfile.ZipFile, path: Path, detected: Detected
) -> tuple[ooxml.Package, bool]:
    """The package as detected, and True; or, if the archive is no longer the one detected,
    the package read again, and False: then nothing checked before counts."""
    assert detected.package is not None
    if detected.members == safety.members(archive):
        return detected.package, True
    return ooxml.read_package(archive, path), False


def _check_ooxml(
    channel: Channel,
    archive: zipfile.ZipFile,
    path: Path,
    package: ooxml.Package,
    to_read: list[ooxml.SheetPart],
    limits: Limits,
    progress: Progress | None,
    on_estimate: Callable[[int], None] | None = None,
    *,
    verify: bool = True,
) -> None:
    """Verify the workbook's parts (unless that was done), let the reader open it, scan the
    sheets, let it read (sheets with values far to the right streamed)."""
    check = _checker(progress)
    wide: list[tuple[str, str]] = []
    try:
        if verify:
            sheets = {p.member for p in package.sheets if p.member}
            ooxml.verify_parts(archive, path, sheets, check)
        channel.allow_open()
        for part in to_read:
            if part.member is None:
                continue
            declared = ooxml.declared_rows(archive, part.member)
            scan = ooxml.scan_sheet(
                archive, part.member, path, limits, count_rows=declared is None, check=check
            )
            if scan.wide:
                wide.append((part.name, part.member))
            if on_estimate is not None:
                on_estimate(scan.rows if declared is None else declared)
    except BaseException:
        channel.close()
        raise
    channel.allow_read(tuple(wide))


def _request(
    path: Path,
    limits: Limits,
    *,
    mode: str = "inspect",
    sheet: str | None = None,
    sample: tuple[str, ...] | None = None,
) -> Request:
    return Request(
        path=str(path),
        mode=mode,
        sheet=sheet,
        sample=sample,
        max_rows=limits.max_rows,
        max_columns=limits.max_columns,
        chunk_rows=limits.chunk_rows,
        chunk_cells=limits.chunk_cells,
        memory_bytes=limits.reader_memory_bytes,
    )


def _sheets_to_sample(
    archive: zipfile.ZipFile, worksheets: tuple[ooxml.SheetPart, ...], declared: dict[str, int]
) -> list[ooxml.SheetPart]:
    """Small sheets, whose first rows inspect reads; the others get their size declared."""
    to_sample = []
    for part in worksheets:
        if part.member is None:
            declared[part.name] = 0
            continue
        rows = ooxml.declared_rows(archive, part.member)
        small = archive.getinfo(part.member).file_size <= SAMPLE_UP_TO_BYTES
        if small and (rows is None or rows <= SAMPLE_UP_TO_ROWS):
            to_sample.append(part)
        declared[part.name] = ooxml.count_rows(archive, part.member) if rows is None else rows
    return to_sample


def _chosen_sheet(package: ooxml.Package, sheet: str | None, path: Path) -> ooxml.SheetPart:
    worksheets = package.worksheets
    if not worksheets:
        raise ReadError("empty_file", path, detail="no worksheet in the workbook")
    if sheet is None:
        return worksheets[0]
    for part in worksheets:
        if part.name == sheet:
            return part
    names = ", ".join(part.name for part in worksheets)
    raise ReadError("sheet_not_found", path, sheet=sheet, sheets=names)


def _start(path: Path, request: Request, progress: Progress | None, isolate: bool) -> Channel:
    if isolate:
        return ProcessChannel(path, request, _checker(progress))
    return InProcessChannel(path, request, _checker(progress))


def _checker(progress: Progress | None) -> Callable[[], None]:
    """What long checks and waits call now and then: raises Cancelled once the user cancels."""
    return progress.check if progress is not None else _nothing


def _nothing() -> None:
    return None


def _expect(message: Message, kind: str, path: Path) -> Message:
    """The message if it is of `kind`; a child's refusal becomes the ReadError it stands for."""
    if message[0] == kind:
        return message
    if message[0] == "error":
        code, params, detail = message[1], dict(message[2]), message[3]
        if "column_number" in params:
            params["column"] = column_letters(int(params.pop("column_number")))
        log.info("reading %s failed: %s (%s)", path, code, detail)
        raise ReadError(code, path, detail=detail, **params)
    raise ReadError("reader_crashed", path, detail=f"unexpected message {message[0]!r}")
