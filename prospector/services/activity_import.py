"""Import a sheet of activities (an export's, or a call plan made by hand) in one transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector.changes import NOTHING, Changes, Outcome
from prospector.db import Database
from prospector.enums import ActivityKind, ActivityOutcome, ConsentChannel
from prospector.exchange import values
from prospector.exchange.activity_sheet import (
    ActivityColumns,
    Field,
    activity_columns,
    looks_like_activities,
    loose,
    missing_groups,
)
from prospector.exchange.readers import (
    CellValue,
    FileFormat,
    ReadError,
    Row,
    Table,
    inspect_file,
    iter_rows,
    read_table,
)
from prospector.labels import every_language
from prospector.local_days import day_start, local_day
from prospector.models import Activity, Company, Contact, TeamMember
from prospector.normalize import name_key
from prospector.progress import Progress
from prospector.services import cadences
from prospector.services.activity_log import NOTES_LIMIT, SUBJECT_LIMIT
from prospector.services.call_list import CHANNELS
from prospector.services.nurture_settings import nurture_settings
from prospector.services.outreach import reachable

# The channel a planned touch of each kind uses, as call_list.may_touch() sees it: a private
# person needs a consent for it; a letter or a meeting needs none.
# Words a plan prepared by hand uses for a kind, beside the labels in each language.
_KIND_WORDS = {
    "telefonat": ActivityKind.CALL,
    "telefon": ActivityKind.CALL,
    "phone": ActivityKind.CALL,
    "mail": ActivityKind.EMAIL,
    "besuch": ActivityKind.MEETING,
    "visit": ActivityKind.MEETING,
}
_STEP = 200  # rows between progress reports
_LARGEST_ID = 2**31  # PostgreSQL's integer keys: a larger number is no ID of ours
_CHUNK = 1_000  # IDs per query


class RowProblem(NamedTuple):
    """Why a row was skipped, or what of it was ignored: the row as the user sees it in the
    spreadsheet, a code the window and the command line translate, and its values."""

    row: int
    code: str
    params: dict[str, str]


@dataclass(frozen=True)
class ActivityImportSummary:
    """What an import did, or (dry run) would do."""

    added: int
    updated: int
    unchanged: int
    skipped: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]
    sheet: str | None = None
    dry_run: bool = False


class _Skip(Exception):
    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class _Rehearsal(Exception):
    """Ends a dry run's transaction, which rolls it back, with what it counted."""

    def __init__(self, summary: ActivityImportSummary) -> None:
        super().__init__("dry run")
        self.summary = summary


class _Keep:
    """A field to leave as it is: its column is missing, or its cell could not be read."""


_KEEP = _Keep()


def import_activities(
    db: Database,
    path: Path,
    *,
    sheet: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome[ActivityImportSummary]:
    """Read the sheet of activities (default: the workbook's sheet "Aktivitäten", else the
    first that has the columns) and store its rows in one transaction: a row with an
    activity's ID of this database updates it, any other row adds one. A failure, a cancel
    or a dry run leaves the database as it was; a file that cannot be read raises the
    reader's ReadError, a sheet without the columns NotAnActivitySheet."""
    progress = progress or Progress()
    path = Path(path)
    table = _read(path, sheet, progress)
    columns = activity_columns(table.headers, file=path.name, sheet=table.sheet or path.stem)
    try:
        with db.writing() as session:
            run = _Run(session, columns, table.headers)
            run.preload(table.rows)
            total = len(table.rows)
            numbered = zip(table.source_row_numbers, table.rows, strict=True)
            for done, (number, row) in enumerate(numbered):
                if done % _STEP == 0:
                    progress.step(done, total)
                run.row(number, row)
            progress.step(total, total)
            run.settle()
            summary = run.summary(table.sheet, dry_run)
            if dry_run:
                raise _Rehearsal(summary)
    except _Rehearsal as rehearsal:
        return Outcome(rehearsal.summary, NOTHING)
    if not (run.companies or run.objections):
        return Outcome(summary, NOTHING)  # every row as stored already, or skipped
    changes = Changes.to_companies(run.companies, activities=True, contacts=run.objections)
    return Outcome(summary, changes)


def _read(path: Path, sheet: str | None, progress: Progress) -> Table:
    """The sheet asked for; else the one named for activities, else the first data sheet
    with the columns of activities, else the suggested one (which then says what it lacks)."""
    if sheet is not None:
        return read_table(path, sheet, progress=progress)
    info = inspect_file(path, progress=progress)
    if info.format is FileFormat.CSV or info.suggested_sheet is None:
        return read_table(info, progress=progress)
    data = [s.name for s in info.sheets if not s.looks_like_instructions and not s.hidden]
    for name in sorted(data, key=lambda name: not looks_like_activities(name)):
        try:
            if looks_like_activities(name):
                table = read_table(info, name, progress=progress)
                if not missing_groups(table.headers):
                    return table
                continue
            with iter_rows(info, name, progress=progress) as stream:  # its header only
                fits = not missing_groups(stream.head.headers)
        except ReadError:
            continue  # an empty sheet beside the list, say; the last resort says why
        if fits:
            return read_table(info, name, progress=progress)
    return read_table(info, info.suggested_sheet, progress=progress)


def _same(stored: object, value: object) -> bool:
    """Moments are equal to the minute: a CSV file writes none of the seconds they hold."""
    if isinstance(stored, dt.datetime) and isinstance(value, dt.datetime):
        return stored.replace(second=0, microsecond=0) == value.replace(second=0, microsecond=0)
    return stored == value


class _Run:
    """One import's rows, stored one by one in the session, and what became of each."""

    def __init__(self, session: Session, columns: ActivityColumns, headers: Sequence[str]) -> None:
        self._session = session
        self._positions = columns.positions
        self._headers = headers
        self._kinds: dict[str, ActivityKind] = {
            loose(label): kind for kind, label in every_language(ActivityKind)
        }
        self._kinds.update({loose(kind.value): kind for kind in ActivityKind})
        self._kinds.update(_KIND_WORDS)
        self._outcomes: dict[str, ActivityOutcome] = {
            loose(label): o for o, label in every_language(ActivityOutcome)
        }
        self._outcomes.update({loose(o.value): o for o in ActivityOutcome})
        self._owners = {
            name.casefold(): ident
            for ident, name in session.execute(select(TeamMember.id, TeamMember.name))
        }
        self._named: dict[str, Company | _Skip] = {}
        self._people: dict[int, list[Contact]] = {}
        self._stored: dict[int, list[Activity]] = {}  # a company's activities, by need
        self._consented: dict[tuple[int, ConsentChannel], bool] = {}
        self._calendar = nurture_settings(session).calendar()
        self.added = self.updated = self.unchanged = 0
        self.skipped: list[RowProblem] = []
        self.warnings: list[RowProblem] = []
        self.companies: set[int] = set()
        self.contacts: set[int] = set()
        self.objections = False
        self._number = 0
        self._pending: list[RowProblem] = []  # the row's warnings, kept only if it is stored
        self._held: list[object] = []

    def preload(self, rows: Sequence[Row]) -> None:
        """Read the companies, people and activities the rows name by ID in a few queries,
        rather than one query per row; held here, so the session's identity map keeps them."""
        for field, model in (
            (Field.COMPANY_ID, Company),
            (Field.CONTACT_ID, Contact),
            (Field.ACTIVITY_ID, Activity),
        ):
            if field not in self._positions:
                continue
            wanted: set[int] = set()
            for row in rows:
                cell = self._cell(row, field)
                with contextlib.suppress(ValueError):
                    ident = values.integer(cell)
                    if ident is not None and 0 < ident < _LARGEST_ID:
                        wanted.add(ident)
            ordered = sorted(wanted)
            for start in range(0, len(ordered), _CHUNK):
                chunk = ordered[start : start + _CHUNK]
                self._held.extend(self._session.scalars(select(model).where(model.id.in_(chunk))))

    # --- cells ------------------------------------------------------------------------------

    def _cell(self, row: Row, field: Field) -> CellValue:
        position = self._positions.get(field)
        return None if position is None or position >= len(row) else row[position]

    def _warn(self, code: str, **params: str) -> None:
        self._pending.append(RowProblem(self._number, code, params))

    def _column(self, field: Field) -> str:
        return self._headers[self._positions[field]]

    def _id(self, row: Row, field: Field) -> int | None:
        cell = self._cell(row, field)
        try:
            ident = values.integer(cell)
            if ident is not None and not 0 < ident < _LARGEST_ID:
                raise ValueError("not an ID")
        except ValueError:
            self._warn("id_unreadable", column=self._column(field), value=values.text(cell) or "")
            return None
        return ident

    def _text(self, row: Row, field: Field, limit: int) -> str | _Keep | None:
        if field not in self._positions:
            return _KEEP
        found = values.text(self._cell(row, field))
        if found is not None and len(found) > limit:
            self._warn("too_long", column=self._column(field), limit=str(limit))
            found = found[:limit]
        return found

    def _moment(self, row: Row, field: Field) -> tuple[dt.datetime | None, bool] | _Keep:
        """The aware moment and whether it has a time of day; KEEP for a missing column or an
        unreadable cell."""
        if field not in self._positions:
            return _KEEP
        cell = self._cell(row, field)
        try:
            found = values.moment(cell)
        except ValueError:
            self._warn("date_unreadable", column=self._column(field), value=values.text(cell) or "")
            return _KEEP
        if found is None:
            return None, False
        naive, has_time = found
        return (naive.astimezone() if has_time else day_start(naive.date())), has_time

    # --- rows -------------------------------------------------------------------------------

    def row(self, number: int, row: Row) -> None:
        self._number = number
        self._pending = []
        try:
            self._store(row)
        except _Skip as skip:
            self.skipped.append(RowProblem(number, skip.code, skip.params))
        else:
            self.warnings.extend(self._pending)

    def _store(self, row: Row) -> None:
        company = self._company(row)
        existing: Activity | None = None
        if self._cell(row, Field.ACTIVITY_ID) not in (None, ""):
            ident = self._id(row, Field.ACTIVITY_ID)
            found = None if ident is None else self._session.get(Activity, ident)
            # Another company's number is another database's: the row is a new activity.
            existing = found if found is not None and found.company_id == company.id else None
        kind = self._kind(row, existing)
        person = self._person(self._contact(row, company), existing)
        due = self._moment(row, Field.DUE)
        done = self._moment(row, Field.DONE)
        stays_done = existing is not None and existing.done_at is not None and done == (None, False)
        if stays_done:
            self._warn("stays_done")  # a cleared date does not reopen what was done
            done = _KEEP
        due_at = _moment_of(due, None if existing is None else existing.due_at)
        done_at = _moment_of(done, None if existing is None else existing.done_at)
        if due_at is None and done_at is None:
            raise _Skip("no_date")
        if done_at is None and person is not None:
            self._check_reachable(person, kind)
        outcome = _KEEP if stays_done else self._outcome(row, done_at)
        fields: dict[str, object] = {
            "kind": kind,
            "contact_id": None if person is None else person.id,
            "due_at": due_at,
            "all_day": _KEEP if isinstance(due, _Keep) else due[0] is not None and not due[1],
            "done_at": done_at,
            "outcome": outcome,
            "subject": self._text(row, Field.SUBJECT, SUBJECT_LIMIT),
            "notes": self._text(row, Field.NOTES, NOTES_LIMIT),
            "owner_id": self._owner(row),
        }
        existing = existing or self._alike(company, fields)
        if existing is None:
            self._add(company, fields)
            self.companies.add(company.id)
        elif self._update(existing, fields):
            self.companies.add(company.id)
        if person is not None:
            self.contacts.add(person.id)
            if done_at is not None and outcome is ActivityOutcome.OBJECTED:
                self._object(person, done_at)

    def _person(self, contact: Contact | _Keep | None, existing: Activity | None) -> Contact | None:
        """The row's person; for KEEP, the one the activity has (a new one: nobody)."""
        if not isinstance(contact, _Keep):
            return contact
        if existing is None or existing.contact_id is None:
            return None
        return self._session.get(Contact, existing.contact_id)

    def _activities(self, company: Company) -> list[Activity]:
        if company.id not in self._stored:
            self._stored[company.id] = list(
                self._session.scalars(select(Activity).where(Activity.company_id == company.id))
            )
        return self._stored[company.id]

    def _alike(self, company: Company, fields: dict[str, object]) -> Activity | None:
        """The company's activity a row without an ID of ours describes: same kind, person,
        subject and dates. So a plan made by hand can be imported twice without doubling."""
        for activity in self._activities(company):
            if all(
                isinstance(fields[name], _Keep) or _same(getattr(activity, name), fields[name])
                for name in ("kind", "contact_id", "subject", "due_at", "done_at")
            ):
                return activity
        return None

    def _add(self, company: Company, fields: dict[str, object]) -> None:
        stored = {
            name: value
            for name, value in fields.items()
            if not isinstance(value, _Keep) and value is not None
        }
        activity = Activity(company_id=company.id, **stored)
        self._session.add(activity)
        self._activities(company).append(activity)
        self.added += 1

    def _update(self, activity: Activity, fields: dict[str, object]) -> bool:
        """Whether the activity changed."""
        opened = activity.done_at is None
        changed = False
        for name, value in fields.items():
            if isinstance(value, _Keep):
                continue
            if not _same(getattr(activity, name), value):
                setattr(activity, name, value)
                changed = True
        if not changed:
            self.unchanged += 1
            return False
        self.updated += 1
        if opened and activity.done_at is not None:
            # Done now: a step of a nurturing plan plans the plan's next one, as in the window.
            self._session.flush()
            cadences.advance(self._session, activity, local_day(activity.done_at), self._calendar)
        return True

    # --- fields -----------------------------------------------------------------------------

    def _company(self, row: Row) -> Company:
        name = values.text(self._cell(row, Field.COMPANY))
        company: Company | None = None
        if self._cell(row, Field.COMPANY_ID) not in (None, ""):
            ident = self._id(row, Field.COMPANY_ID)
            company = None if ident is None else self._session.get(Company, ident)
            if company is None and name is None:
                said = values.text(self._cell(row, Field.COMPANY_ID)) or ""
                raise _Skip("company_not_found", value=said)
        if company is None:
            if name is None:
                raise _Skip("company_missing")
            key = " ".join(name.split()).casefold()
            if key not in self._named:
                self._named[key] = self._by_name(name)
            found = self._named[key]
            if isinstance(found, _Skip):
                raise found
            company = found
        if company.deleted_at is not None:
            raise _Skip("company_deleted", name=company.name)
        return company

    def _by_name(self, name: str) -> Company | _Skip:
        """The company of exactly this name (case and spacing aside), the live one first."""
        wanted = " ".join(name.split()).casefold()
        alike = self._session.scalars(select(Company).where(Company.name_key == name_key(name)))
        exact = [c for c in alike if " ".join(c.name.split()).casefold() == wanted]
        live = [c for c in exact if c.deleted_at is None]
        if len(live) > 1:
            return _Skip("company_ambiguous", name=name, count=str(len(live)))
        if live or exact:
            return (live or exact)[0]
        return _Skip("company_unknown", name=name)

    def _kind(self, row: Row, existing: Activity | None) -> ActivityKind:
        said = values.text(self._cell(row, Field.KIND))
        kind = None if said is None else self._kinds.get(loose(said))
        if kind is None:
            self._warn("kind_missing" if said is None else "kind_unknown", value=said or "")
            return ActivityKind.NOTE if existing is None else existing.kind
        return kind

    def _contact(self, row: Row, company: Company) -> Contact | _Keep | None:
        """The person of the row: by ID, else by name; None for empty cells; KEEP when neither
        column is there or the person named is not found."""
        if Field.CONTACT_ID not in self._positions and Field.CONTACT not in self._positions:
            return _KEEP
        name = values.text(self._cell(row, Field.CONTACT))
        if self._cell(row, Field.CONTACT_ID) not in (None, ""):
            ident = self._id(row, Field.CONTACT_ID)
            person = None if ident is None else self._session.get(Contact, ident)
            if person is not None and person.deleted_at is None and person.company_id == company.id:
                return person
            if ident is not None:
                code = "contact_not_found" if person is None else "contact_elsewhere"
                self._warn(code, value=str(ident))
            if name is None:
                return _KEEP
        if name is None:
            return None
        return self._named_person(company, name)

    def _named_person(self, company: Company, name: str) -> Contact | _Keep:
        if company.id not in self._people:
            self._people[company.id] = self._live_people(company.id)
        people = self._people[company.id]
        wanted = " ".join(name.replace(",", " ").split()).casefold()
        found = [p for p in people if wanted in _names_of(p)]
        if not found:
            found = [p for p in people if p.last_name.casefold() == wanted]
        if len(found) == 1:
            return found[0]
        self._warn("contact_ambiguous" if found else "contact_unknown", value=name)
        return _KEEP

    def _live_people(self, company_id: int) -> list[Contact]:
        return list(
            self._session.scalars(
                select(Contact).where(
                    Contact.company_id == company_id, Contact.deleted_at.is_(None)
                )
            )
        )

    def _check_reachable(self, person: Contact, kind: ActivityKind) -> None:
        """A touch still to make must be one that may be made (call_list.may_touch)."""
        name = _full_name(person)
        if person.do_not_contact:
            raise _Skip("objected", name=name)
        channel = CHANNELS.get(kind)
        if channel is None or not person.is_consumer:
            return
        key = (person.id, channel)
        if key not in self._consented:
            self._consented[key] = (
                self._session.scalar(
                    select(Contact.id).where(Contact.id == person.id, reachable(channel))
                )
                is not None
            )
        if not self._consented[key]:
            raise _Skip("no_consent", name=name, channel=channel.value)

    def _outcome(self, row: Row, done_at: dt.datetime | None) -> ActivityOutcome | _Keep | None:
        if Field.OUTCOME not in self._positions:
            return _KEEP
        said = values.text(self._cell(row, Field.OUTCOME))
        if said is None:
            return None
        outcome = self._outcomes.get(loose(said))
        if outcome is None:
            self._warn("outcome_unknown", value=said)
            return _KEEP
        if done_at is None:
            self._warn("outcome_not_done", value=said)
            return None
        return outcome

    def _owner(self, row: Row) -> int | _Keep | None:
        if Field.OWNER not in self._positions:
            return _KEEP
        said = values.text(self._cell(row, Field.OWNER))
        if said is None:
            return None
        ident = self._owners.get(said.casefold())
        if ident is None:
            self._warn("owner_unknown", value=said)
            return _KEEP
        return ident

    def _object(self, person: Contact, done_at: dt.datetime) -> None:
        """A done touch whose outcome is an objection records it (Art. 21 GDPR), as the
        window's call outcome does; settle() then removes the person's planned touches."""
        if person.do_not_contact:
            return
        person.do_not_contact = True
        person.do_not_contact_since = local_day(done_at)
        self.objections = True
        self._warn("objection_recorded", name=_full_name(person))

    # --- the end ----------------------------------------------------------------------------

    def settle(self) -> None:
        self._session.flush()
        cadences.settle(self._session, self.contacts, objections=True)

    def summary(self, sheet: str | None, dry_run: bool) -> ActivityImportSummary:
        return ActivityImportSummary(
            added=self.added,
            updated=self.updated,
            unchanged=self.unchanged,
            skipped=tuple(self.skipped),
            warnings=tuple(self.warnings),
            sheet=sheet,
            dry_run=dry_run,
        )


def _moment_of(
    found: tuple[dt.datetime | None, bool] | _Keep, stored: dt.datetime | None
) -> dt.datetime | None:
    return stored if isinstance(found, _Keep) else found[0]


def _full_name(person: Contact) -> str:
    return " ".join(part for part in (person.first_name, person.last_name) if part)


def _names_of(person: Contact) -> set[str]:
    """How a sheet may write a person's name: first and last, last and first, with title."""
    first, last = person.first_name or "", person.last_name
    forms = {f"{first} {last}", f"{last} {first}"}
    if person.academic_title:
        forms.add(f"{person.academic_title} {first} {last}")
    return {" ".join(form.split()).casefold() for form in forms}


__all__ = [
    "ActivityImportSummary",
    "RowProblem",
    "import_activities",
]
