"""Plan an import: what happens to every row of a table (new, update, link, skip, error)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector.exchange.rows import ParsedRow, RowKind, RowProblem, parse_row
from prospector.exchange.tables import Table
from prospector.look_alike import DuplicateReason, Key, company_keys
from prospector.models import Company, Contact
from prospector.progress import Progress

PROGRESS_EVERY = 1_000


class OnDuplicate(StrEnum):
    """What to do with a row that looks like a company already there."""

    SKIP = "skip"
    FILL = "fill"  # fill only the existing record's empty fields
    OVERWRITE = "overwrite"  # take every value the row has
    KEEP = "keep"  # keep both: store the row as a new company


class Action(StrEnum):
    NEW = "new"
    UPDATE = "update"
    SKIP = "skip"
    LINK = "link"  # a person row for a company in the file or the database
    ERROR = "error"


@dataclass(frozen=True)
class PlannedRow:
    parsed: ParsedRow
    action: Action
    target_id: int | None = None  # the existing company an update or link goes to
    reason: DuplicateReason | None = None  # why it matched
    same_as_line: int | None = None  # an earlier row of the file it repeats
    person_id: int | None = None  # the stored person the row's person updates (export's ID)


@dataclass(frozen=True)
class ImportPlan:
    """The table and what the import will do with each of its rows, in the table's order."""

    table: Table = dataclasses.field(repr=False)
    mapping: tuple[str | None, ...]
    on_duplicate: OnDuplicate
    rows: tuple[PlannedRow, ...]

    @property
    def file_name(self) -> str:
        return self.table.path.name

    @property
    def sheet(self) -> str | None:
        return self.table.sheet

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)


@dataclass
class _Known:
    """Duplicate keys of the companies in the database and of the rows planned so far."""

    ids: set[int] = dataclasses.field(default_factory=set)
    by_key: dict[Key, int] = dataclasses.field(default_factory=dict)
    by_name: dict[str, int] = dataclasses.field(default_factory=dict)

    def add(self, ident: int, values: dict[str, Any]) -> None:
        for key in company_keys(values):
            self.by_key.setdefault(key, ident)
        if values.get("name_key"):
            self.by_name.setdefault(values["name_key"], ident)

    def find(self, values: dict[str, Any]) -> tuple[int, DuplicateReason] | None:
        for key in company_keys(values):
            found = self.by_key.get(key)
            if found is not None:
                return found, key[0]
        return None


def _database_keys(session: Session) -> _Known:
    known = _Known()
    rows = session.execute(
        select(Company.id, Company.name_key, Company.postcode, Company.domain, Company.phone).where(
            Company.deleted_at.is_(None)
        )
    )
    for ident, key, postcode, domain, phone in rows:
        known.ids.add(ident)
        known.add(ident, {"name_key": key, "postcode": postcode, "domain": domain, "phone": phone})
    return known


def plan_import(
    session: Session,
    table: Table,
    mapping: Sequence[str | None],
    on_duplicate: OnDuplicate,
    progress: Progress | None = None,
) -> ImportPlan:
    """Decide for every row of the table what the import will do; reads the database, writes
    nothing. The plan keeps the table: running it needs nothing else."""
    database = _database_keys(session)
    parsed_rows: list[ParsedRow] = []
    rows = table.rows
    total = len(rows)
    for index, (line, row) in enumerate(zip(table.source_row_numbers, rows, strict=True)):
        parsed_rows.append(parse_row(line, row, mapping))
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress.step(index, total)
    people = _stored_people(session, [p.contact_id for p in parsed_rows if p.contact_id])
    in_file = _Known()  # keys of rows planned as new, by line number
    planned = tuple(
        _with_person(_plan_row(parsed, database, in_file, on_duplicate), people)
        for parsed in parsed_rows
    )
    return ImportPlan(table, tuple(mapping), on_duplicate, planned)


def _stored_people(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """Live persons among these ids, with their company's id."""
    found: dict[int, int] = {}
    unique = sorted(set(ids))
    for start in range(0, len(unique), 2_000):
        rows = session.execute(
            select(Contact.id, Contact.company_id).where(
                Contact.id.in_(unique[start : start + 2_000]), Contact.deleted_at.is_(None)
            )
        )
        found.update((person, company) for person, company in rows)
    return found


def _with_person(planned: PlannedRow, people: dict[int, int]) -> PlannedRow:
    """A row with the person ID of an export updates that person, else it is refused."""
    parsed = planned.parsed
    if parsed.contact_id is None or parsed.contact is None or planned.action is Action.ERROR:
        return planned
    company_id = people.get(parsed.contact_id)
    if company_id is None or company_id != (planned.target_id or parsed.company_id):
        problem = RowProblem(
            "contact_id",
            "unknown_person_id",
            "no person of this company has this ID",
            {"id": parsed.contact_id},
        )
        return PlannedRow(dataclasses.replace(parsed, errors=(problem,)), Action.ERROR)
    return dataclasses.replace(planned, person_id=parsed.contact_id)


def _plan_row(
    parsed: ParsedRow, database: _Known, in_file: _Known, on_duplicate: OnDuplicate
) -> PlannedRow:
    if not parsed.ok:
        return PlannedRow(parsed, Action.ERROR)
    values = parsed.company_values
    has_person = parsed.contact is not None
    if parsed.company_id is not None:
        if parsed.company_id not in database.ids:
            problem = RowProblem(
                "company_id", "unknown_id", "no company has this ID", {"id": parsed.company_id}
            )
            return PlannedRow(dataclasses.replace(parsed, errors=(problem,)), Action.ERROR)
        if parsed.kind is RowKind.PERSON:
            return PlannedRow(parsed, Action.LINK, parsed.company_id, DuplicateReason.ID)
        if on_duplicate is OnDuplicate.SKIP:
            return PlannedRow(
                parsed,
                Action.LINK if has_person else Action.SKIP,
                parsed.company_id,
                DuplicateReason.ID,
            )
        return PlannedRow(parsed, Action.UPDATE, parsed.company_id, DuplicateReason.ID)

    # The same company named again in this file: one row per person is the usual layout.
    earlier = _same_company(in_file, values, by_name_only=parsed.kind is RowKind.PERSON)
    if earlier is not None and on_duplicate is not OnDuplicate.KEEP:
        if has_person:
            return PlannedRow(parsed, Action.LINK, None, earlier[1], same_as_line=earlier[0])
        return PlannedRow(parsed, Action.SKIP, None, earlier[1], same_as_line=earlier[0])

    existing = _same_company(database, values, by_name_only=parsed.kind is RowKind.PERSON)
    if existing is not None and (
        on_duplicate is not OnDuplicate.KEEP or parsed.kind is RowKind.PERSON
    ):
        if parsed.kind is RowKind.PERSON:
            return PlannedRow(parsed, Action.LINK, existing[0], existing[1])
        if on_duplicate is OnDuplicate.SKIP:
            action = Action.LINK if has_person else Action.SKIP
            return PlannedRow(parsed, action, existing[0], existing[1])
        return PlannedRow(parsed, Action.UPDATE, existing[0], existing[1])
    in_file.add(parsed.line, values)
    return PlannedRow(parsed, Action.NEW)


def _same_company(
    known: _Known, values: dict[str, Any], *, by_name_only: bool
) -> tuple[int, DuplicateReason] | None:
    """A strong match (name and postcode, domain, phone); or, when the row gives no postcode,
    the same name: on a person's row, or on a row that leaves the address open."""
    found = known.find(values)
    if found is not None:
        return found
    key = values.get("name_key")
    if key and (by_name_only or not values.get("postcode")) and key in known.by_name:
        return known.by_name[key], DuplicateReason.NAME
    return None
