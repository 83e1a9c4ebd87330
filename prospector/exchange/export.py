"""Write the export's rows to Excel or CSV, and write the import template."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, Protocol

from prospector.errors import ProspectorError
from prospector.exchange.cells import CleanedCell, Cleaner
from prospector.exchange.csv_export import ENCODING, CsvSheet
from prospector.exchange.export_rows import ACTIVITIES, COMPANIES, CONTACTS, SHEETS, Chunk, Row
from prospector.exchange.xlsx_export import MAX_ROWS, SheetOfLines, TooManyRows, XlsxBook
from prospector.i18n import translate
from prospector.import_texts import number
from prospector.leftovers import Unfinished
from prospector.progress import Progress

__all__ = [
    "SHEET_TITLES",
    "CleanedCell",
    "ExportFailed",
    "ExportFormat",
    "ExportResult",
    "ExportTargetInUse",
    "activities_path",
    "contacts_path",
    "instructions",
    "instructions_title",
    "write_export",
    "write_template",
]

ExportFormat = Literal["xlsx", "csv"]
# The sheets of an xlsx export, in order; a CSV export writes one file for each.
SHEET_TITLES = tuple(sheet.title for sheet in (COMPANIES, CONTACTS, ACTIVITIES))


def instructions_title() -> str:
    """The name of the sheet of instructions, which an import skips."""
    return translate("Export", "Instructions")


def instructions(*, export: bool) -> tuple[str, ...]:
    """The lines of the instructions sheet of an export or of the import template, in the
    user's language; the sheets and columns they name keep their (German) names."""
    head: tuple[str, ...]
    if export:
        head = (
            translate("Export", "Export from Prospector"),
            "",
            translate(
                "Export",
                "Edit this file and import it again (File \u2192 Import spreadsheet\u2026): "
                "rows with an ID update their records, and only the cells you changed change.",
            ),
        )
    else:
        head = (translate("Export", "Import template for Prospector"), "")
    sheets: tuple[str, ...] = (
        translate(
            "Export",
            "Sheet \u201cUnternehmen\u201d: one row per company. \u201cFirma\u201d is required.",
        ),
        translate(
            "Export",
            "Sheet \u201cAnsprechpartner\u201d: one row per person. \u201cNachname\u201d is "
            "required; \u201cFirma\u201d (or the company\u2019s \u201cID\u201d) links the person "
            "to their company; for a person without a company both stay empty.",
        ),
    )
    if export:
        sheets += (
            translate(
                "Export",
                "Sheet \u201cAktivitäten\u201d: one row per activity, done or planned. It is "
                "imported with File \u2192 Import activities\u2026 (or main.py "
                "import-activities): rows with an \u201cAktivität-ID\u201d update their "
                "activity, new rows (the company by \u201cID\u201d or \u201cFirma\u201d) plan "
                "touches; a date without a time plans for the day.",
            ),
        )
    columns: tuple[str, ...] = (
        translate(
            "Export",
            "Leave the columns \u201cID\u201d and \u201cAnsprechpartner-ID\u201d empty for new "
            "entries. An export fills them so that importing it again updates the entries "
            "instead of adding them twice.",
        ),
        translate(
            "Export",
            "Enter postcodes as text, with the leading zero: 01069, not 1069 (the columns PLZ, "
            "WZ-Code and Telefon are formatted as text).",
        ),
        translate("Export", "Phone numbers as usual, e.g. 0351 1234567 or +49 351 1234567."),
        translate("Export", "Dates as DD.MM.YYYY, e.g. 31.12.2025."),
        translate(
            "Export",
            "Separate several tags with commas, e.g. \u201cMesse 2025, Bestandskunde\u201d.",
        ),
        translate(
            "Export",
            "Choice columns (Struktur, Tätigkeit, Phase, Anrede, Entscheiderrolle, "
            "Lead-Status, Rechtsgrundlage) take their words in German or English; a word the "
            "import does not know becomes a tag.",
        ),
        translate(
            "Export",
            "Yes/no columns (Kein Kontakt, Budgetbefugnis, Verbraucher): \u201cja\u201d or "
            "\u201cyes\u201d for yes, empty for no.",
        ),
        translate(
            "Export",
            "\u201cBearbeiter\u201d: the name of a team member as the team list has it; "
            "\u201cBearbeiter Ansprechpartner\u201d: the person\u2019s own, where it is not "
            "the company\u2019s.",
        ),
        translate(
            "Export",
            "\u201cFremdschlüssel\u201d and \u201cFremdsystem\u201d: the company\u2019s key "
            "in another system (a customer number, say) and that system\u2019s name.",
        ),
    )
    if export:
        columns += (
            translate(
                "Export",
                "\u201cGrößenklasse\u201d (EU size class) follows from "
                "\u201cMitarbeiter\u201d and \u201cUmsatz (EUR)\u201d: the import does not read "
                "it; change those two instead.",
            ),
        )
    tail = (
        translate(
            "Export", "Do not change the column headers. Columns you do not need may stay empty."
        ),
        translate("Export", "The import skips this sheet \u201c{sheet}\u201d.").format(
            sheet=instructions_title()
        ),
    )
    return (*head, *sheets, *columns, *tail)


class ExportFailed(ProspectorError):
    code = "export_failed"
    template = "The export to {path} failed: {reason}. Choose another folder or file name."


class ExportTooLarge(ExportFailed):
    code = "export_too_large"
    template = (
        "The sheet {sheet} would have more than {limit} rows, more than Excel can open. "
        "Export to CSV, or export fewer companies."
    )


class ExportDiskFull(ExportFailed):
    code = "export_disk_full"
    template = (
        "The disk has no room left for {path}. Free some space and export again; "
        "nothing was written."
    )


class ExportNotAllowed(ExportFailed):
    code = "export_not_allowed"
    template = (
        "{path} cannot be written: the folder is read-only or you may not write there. "
        "Choose another folder."
    )


class ExportNoFolder(ExportFailed):
    code = "export_no_folder"
    template = "The folder of {path} does not exist. Choose another folder."


class ExportUnknownFormat(ExportFailed):
    code = "export_unknown_format"
    template = "{path}: an export is written as .xlsx or .csv. Give the file one of these endings."


class ExportTargetInUse(ExportFailed):
    code = "export_target_in_use"
    template = "{path} is open in another program. Close it there and export again."


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: its files, how many rows, and the cells whose text was changed."""

    path: Path  # the file chosen; a CSV export writes its other sheets beside it (files)
    files: tuple[Path, ...]
    companies: int
    contacts: int
    activities: int
    cleaned_cells: list[CleanedCell]


def contacts_path(target: Path) -> Path:
    """Where a CSV export puts the contacts: 'firmen.csv' -> 'firmen-ansprechpartner.csv'."""
    return target.with_name(f"{target.stem}-ansprechpartner{target.suffix}")


def activities_path(target: Path) -> Path:
    return target.with_name(f"{target.stem}-aktivitaeten{target.suffix}")


class _Staged:
    """Files written beside their targets under temporary names and moved in place at the end.

    A failed or cancelled export thus never leaves a half file, and an existing file is only
    replaced by a complete one (os.replace is atomic on one file system).
    """

    def __init__(self) -> None:
        self._files: list[tuple[Path, Path, IO[bytes] | IO[str]]] = []
        self._unfinished = Unfinished()

    def _temporary(self, target: Path) -> Path:
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        self._unfinished.add(temporary)  # so that a kill's leftover goes at the next start
        return temporary

    def binary(self, target: Path) -> IO[bytes]:
        temporary = self._temporary(target)
        out = temporary.open("xb")
        self._files.append((temporary, target, out))
        return out

    def text(self, target: Path) -> IO[str]:
        temporary = self._temporary(target)
        out = temporary.open("x", encoding=ENCODING, newline="")
        self._files.append((temporary, target, out))
        return out

    def commit(self) -> None:
        for _temporary, _target, out in self._files:
            out.flush()
            os.fsync(out.fileno())  # the data is on disk before its name is
            out.close()
        for temporary, target, _out in self._files:
            try:
                os.replace(temporary, target)
            except PermissionError as exc:
                # Windows refuses to replace a file that Excel holds open.
                raise ExportTargetInUse(path=target) from exc
        self._files = []
        self._unfinished.done()

    def discard(self) -> None:
        for temporary, _target, out in self._files:
            # On a full disk, closing fails too (its buffer cannot be written): the file
            # must go all the same, or the disk stays full.
            with contextlib.suppress(OSError):
                out.close()
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        self._files = []
        self._unfinished.done()


def _format_of(target: Path) -> ExportFormat:
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    raise ExportUnknownFormat(path=target)


def check_target(target: Path) -> None:
    """Refuse, before any work, a target without a known ending or in no existing folder."""
    _format_of(target)
    if not target.parent.is_dir():
        raise ExportNoFolder(path=target)


class _Output(Protocol):
    rows: int

    def add(self, rows: Sequence[Row]) -> None: ...


def _pump(
    chunks: Iterable[Chunk], total: int, outputs: Sequence[_Output], progress: Progress
) -> tuple[int, int, int]:
    """Stream the rows into the three sheets; returns how many rows each got."""
    progress.step(0, total)
    done = 0
    for chunk in chunks:
        for output, rows in zip(
            outputs, (chunk.companies, chunk.contacts, chunk.activities), strict=True
        ):
            output.add(rows)
        done += len(chunk.companies)
        progress.step(done, total)
    companies, contacts, activities = (output.rows for output in outputs)
    return companies, contacts, activities


def _write_xlsx(
    chunks: Iterable[Chunk],
    total: int,
    target: Path,
    staged: _Staged,
    clean: Cleaner,
    progress: Progress,
) -> tuple[int, int, int]:
    out = staged.binary(target)  # first, so that an unwritable folder fails before the work
    # The instructions last, so that the file opens on its companies; in the language the
    # rows are in, which is the one of the moment the export starts.
    lines = SheetOfLines(instructions_title(), instructions(export=True), index=len(SHEETS))
    book = XlsxBook(SHEETS, clean, lines)
    try:
        counts = _pump(chunks, total, book.sheets, progress)
        book.save(out)
    except BaseException:
        book.discard()
        raise
    return counts


def _write_csv(
    chunks: Iterable[Chunk],
    total: int,
    files: Sequence[Path],
    staged: _Staged,
    clean: Cleaner,
    progress: Progress,
    delimiter: str,
) -> tuple[int, int, int]:
    sheets = [
        CsvSheet(staged.text(path), sheet, clean, delimiter)
        for path, sheet in zip(files, SHEETS, strict=True)
    ]
    return _pump(chunks, total, sheets, progress)


def export_fault(exc: OSError, target: Path) -> ExportFailed:
    """What went wrong in writing `target`, as the user can act on it."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
        return ExportDiskFull(path=target)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportNotAllowed(path=target)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return ExportNoFolder(path=target)
    return ExportFailed(path=target, reason=exc.strerror or type(exc).__name__)


def write_export(
    target: Path,
    chunks: Iterable[Chunk],
    total: int,
    *,
    fmt: ExportFormat | None = None,
    csv_delimiter: str = ";",
    progress: Progress | None = None,
) -> ExportResult:
    """Write the rows of `total` companies, window by window, to the export's sheets.

    xlsx: one workbook with the sheets Unternehmen, Ansprechpartner and Aktivitäten, and the
    instructions last. csv: the companies at `target`, the contacts (those without a company
    last) and activities beside it (see contacts_path). Raises
    Cancelled when the progress is cancelled and ExportFailed when a file cannot be written;
    either way no file is left behind and an existing one is untouched.
    """
    fmt = fmt or _format_of(target)
    progress = progress or Progress()
    clean = Cleaner()
    staged = _Staged()
    files = (target,) if fmt == "xlsx" else (target, contacts_path(target), activities_path(target))
    try:
        if fmt == "xlsx":
            counts = _write_xlsx(chunks, total, target, staged, clean, progress)
        else:
            counts = _write_csv(chunks, total, files, staged, clean, progress, csv_delimiter)
        progress.check()  # a cancel during the final save still leaves nothing behind
        staged.commit()
    except OSError as exc:
        staged.discard()
        raise export_fault(exc, target) from exc
    except TooManyRows as exc:
        staged.discard()
        # Data rows: the header takes one.
        raise ExportTooLarge(path=target, sheet=exc.sheet, limit=number(MAX_ROWS - 1)) from exc
    except BaseException:
        staged.discard()
        raise
    companies, contacts, activities = counts
    return ExportResult(
        path=target,
        files=files,
        companies=companies,
        contacts=contacts,
        activities=activities,
        cleaned_cells=clean.cleaned,
    )


def write_template(target: Path) -> None:
    """An empty import workbook: instructions, then the company and contact sheets' headers
    (without the columns only an export fills)."""
    lines = SheetOfLines(instructions_title(), instructions(export=False), index=0)
    book = XlsxBook((COMPANIES.importable(), CONTACTS.importable()), Cleaner(), lines)
    staged = _Staged()
    try:
        book.save(staged.binary(target))
        staged.commit()
    except OSError as exc:
        book.discard()
        staged.discard()
        raise export_fault(exc, target) from exc
    except BaseException:
        book.discard()
        staged.discard()
        raise
