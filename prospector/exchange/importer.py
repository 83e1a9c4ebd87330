"""Plan an import (duplicates, links, actions per row), run it in one transaction, undo it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from prospector.enums import ImportStatus
from prospector.errors import NotFound
from prospector.exchange.columns import (
    BY_KEY,
    CONTACT_ATTRIBUTES,
    Target,
    guess_field,
    header_key,
)
from prospector.exchange.rows import ParsedRow, RowKind, RowProblem, contact_values, parse_row
from prospector.exchange.values import Cell
from prospector.look_alike import DuplicateReason, Key, company_keys
from prospector.models import Company, Contact, ImportBatch, ImportChange, Setting, utcnow
from prospector.normalize import fold
from prospector.progress import Progress
from prospector.records import COMPANY_INPUT_FIELDS, ContactInput
from prospector.services import bulk, companies, company_bulk, contacts, search_index

MAPPING_KEY = "import_mapping:"
PROGRESS_EVERY = 1_000
UPDATE_CHUNK = 1_000


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
    file_name: str
    sheet: str | None
    mapping: tuple[str | None, ...]
    on_duplicate: OnDuplicate
    rows: tuple[PlannedRow, ...]

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)


@dataclass(frozen=True)
class RejectedRow:
    line: int
    values: tuple[Cell, ...]
    reasons: tuple[RowProblem, ...]


@dataclass(frozen=True)
class ImportSummary:
    batch_id: int | None
    new_companies: int
    updated_companies: int
    new_contacts: int
    skipped: int
    errors: int
    rejected: tuple[RejectedRow, ...]
    dry_run: bool = False
    updated_contacts: int = 0


# --- mapping ------------------------------------------------------------------------------


def header_signature(headers: Sequence[str]) -> str:
    folded = json.dumps([header_key(h) for h in headers])
    return hashlib.sha1(folded.encode(), usedforsecurity=False).hexdigest()


def guess_mapping(session: Session, headers: Sequence[str]) -> tuple[str | None, ...]:
    """The mapping used last time for these headers, else one guessed from their names."""
    remembered = session.get(Setting, MAPPING_KEY + header_signature(headers))
    if remembered is not None and isinstance(remembered.value, list):
        saved = tuple(v if isinstance(v, str) else None for v in remembered.value)
        if len(saved) == len(headers):
            return saved
    mapping: list[str | None] = []
    for header in headers:
        key = guess_field(header)
        # One column per field unless the field can come from several (the first filled wins).
        mapping.append(key if key is None or key not in mapping else None)
    return tuple(mapping)


def remember_mapping(
    session: Session, headers: Sequence[str], mapping: Sequence[str | None]
) -> None:
    key = MAPPING_KEY + header_signature(headers)
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=list(mapping)))
    else:
        setting.value = list(mapping)


# --- planning -----------------------------------------------------------------------------


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
    *,
    file_name: str,
    sheet: str | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    line_numbers: Sequence[int],
    mapping: Sequence[str | None],
    on_duplicate: OnDuplicate,
    progress: Progress | None = None,
) -> ImportPlan:
    """Decide for every row what the import will do; reads the database, writes nothing."""
    database = _database_keys(session)
    parsed_rows: list[ParsedRow] = []
    total = len(rows)
    for index, (line, row) in enumerate(zip(line_numbers, rows, strict=True)):
        parsed_rows.append(parse_row(line, row, mapping))
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress.step(index, total)
    people = _stored_people(session, [p.contact_id for p in parsed_rows if p.contact_id])
    in_file = _Known()  # keys of rows planned as new, by line number
    planned = tuple(
        _with_person(_plan_row(parsed, database, in_file, on_duplicate), people)
        for parsed in parsed_rows
    )
    return ImportPlan(file_name, sheet, tuple(mapping), on_duplicate, planned)


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


# --- running ------------------------------------------------------------------------------


def run_import(
    session: Session,
    plan: ImportPlan,
    rows: Sequence[Sequence[Cell]],
    *,
    headers: Sequence[str] = (),
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Carry out the plan in the caller's transaction; an exception or cancel leaves nothing."""
    rejected = tuple(
        RejectedRow(p.parsed.line, tuple(row), p.parsed.errors)
        for p, row in zip(plan.rows, rows, strict=True)
        if p.action is Action.ERROR
    )
    # Rows whose company was in the database already; their persons may still have been added.
    skipped = sum(1 for p in plan.rows if _skipped_company(p))
    if dry_run:
        return ImportSummary(
            None,
            new_companies=sum(
                1 for p in plan.rows if p.action is Action.NEW and p.parsed.company is not None
            ),
            updated_companies=len({p.target_id for p in plan.rows if p.action is Action.UPDATE}),
            new_contacts=sum(
                1
                for p in plan.rows
                if p.action in (Action.NEW, Action.LINK, Action.UPDATE)
                and p.parsed.contact
                and p.person_id is None
            ),
            skipped=skipped,
            errors=len(rejected),
            rejected=rejected,
            dry_run=True,
            updated_contacts=len({p.person_id for p in plan.rows if p.person_id is not None}),
        )
    with bulk.lean_cache(session):
        return _write(session, plan, headers, progress, skipped, rejected)


def _write(
    session: Session,
    plan: ImportPlan,
    headers: Sequence[str],
    progress: Progress | None,
    skipped: int,
    rejected: tuple[RejectedRow, ...],
) -> ImportSummary:
    batch = ImportBatch(file_name=plan.file_name, sheet=plan.sheet, rows_total=len(plan.rows))
    batch.mapping = {"columns": list(plan.mapping), "on_duplicate": plan.on_duplicate.value}
    session.add(batch)
    session.flush()
    if headers:
        remember_mapping(session, headers, plan.mapping)

    total = len(plan.rows) or 1
    people = _new_people(session, plan)
    # New companies are stored with their persons' names in the search text: indexed once.
    # A row's own person always goes with it; persons of later rows for it are collected.
    later: dict[int, list[str]] = defaultdict(list)
    for (kind, key), person, line in people:
        if kind == "line" and key != line:
            later[key].append(search_index.contact_name(person.first_name, person.last_name))

    def names(row: ParsedRow) -> list[str]:
        own = row.contact
        first = [search_index.contact_name(own.first_name, own.last_name)] if own else []
        return first + later.get(row.line, [])

    new_rows = [p for p in plan.rows if p.action is Action.NEW and p.parsed.company is not None]
    created = companies.insert_validated(
        session,
        (companies.with_search_text(p.parsed.company_values, names(p.parsed)) for p in new_rows),
        import_batch_id=batch.id,
    )
    company_of_line = {p.parsed.line: ident for p, ident in zip(new_rows, created, strict=True)}
    if progress is not None:
        progress.step(len(new_rows), total)

    updated = _apply_updates(session, batch.id, plan, progress, total)
    updated_people = _apply_person_updates(session, batch.id, plan)
    new_contacts, with_people = contacts.insert_validated(
        session,
        (
            {**contact_values(person), "company_id": key if kind == "id" else company_of_line[key]}
            for (kind, key), person, _ in people
        ),
        import_batch_id=batch.id,
    )
    # Companies that were there before and gained persons: their search text grows.
    search_index.refresh(session, with_people - set(created))
    _apply_tags(session, plan, company_of_line)

    batch.status = ImportStatus.DONE
    batch.finished_at = utcnow()
    batch.created_count = len(created)
    batch.updated_count = updated
    batch.skipped_count = skipped
    batch.error_count = len(rejected)
    session.flush()
    if progress is not None:
        progress.step(total, total)
    return ImportSummary(
        batch.id,
        len(created),
        updated,
        new_contacts,
        skipped,
        len(rejected),
        rejected,
        updated_contacts=updated_people,
    )


def _skipped_company(planned: PlannedRow) -> bool:
    if planned.action is Action.SKIP:
        return True
    return (
        planned.action is Action.LINK
        and planned.target_id is not None
        and planned.parsed.kind is not RowKind.PERSON
    )


def _apply_updates(
    session: Session, batch_id: int, plan: ImportPlan, progress: Progress | None, total: int
) -> int:
    """Change the matched companies; log what each field was, for undo."""
    mapped = {key for key in plan.mapping if key is not None}
    # The derived columns change with the column they come from.
    sources = {"domain": "website", "name_key": "name"}
    fields = [
        name
        for name in (*COMPANY_INPUT_FIELDS, *sources)
        if sources.get(name, name) in mapped and name != "owner_id"
    ]
    rows = [
        p
        for p in plan.rows
        if p.action is Action.UPDATE and p.parsed.company is not None and p.target_id is not None
    ]
    updated: list[int] = []
    for start in range(0, len(rows), UPDATE_CHUNK):
        chunk = rows[start : start + UPDATE_CHUNK]
        ids = {p.target_id for p in chunk}
        loaded = {c.id: c for c in session.scalars(select(Company).where(Company.id.in_(ids)))}
        changes: list[tuple[Company, dict[str, Any]]] = []
        for p in chunk:
            company = loaded.get(p.target_id or 0)
            if company is not None:
                before = _update(company, p, fields, plan.on_duplicate)
                if before:
                    changes.append((company, before))
        _log_changes(session, batch_id, "company", changes, loaded.values())
        updated.extend(company.id for company, _ in changes)
        if progress is not None:
            progress.step(start + len(chunk), total)
    search_index.refresh(session, updated)
    return len(set(updated))


def _log_changes(
    session: Session,
    batch_id: int,
    entity: str,
    changes: Sequence[tuple[Company | Contact, dict[str, Any]]],
    loaded: Iterable[Company | Contact],
) -> None:
    """Write the changed records and, for undo, what each field was and the version after."""
    session.flush()
    session.add_all(
        ImportChange(
            batch_id=batch_id,
            entity=entity,
            entity_id=record.id,
            action="updated",
            before=before,
            version_after=record.version,
        )
        for record, before in changes
    )
    session.flush()
    for record in loaded:
        session.expunge(record)  # a long list must not pile up in the identity map


def _update(
    company: Company,
    planned: PlannedRow,
    fields: list[str],
    on_duplicate: OnDuplicate,
) -> dict[str, Any]:
    """Set the row's values on the company; returns what the changed fields were before."""
    # Fields of an export's ID row are taken as they are, empty ones too: the round trip
    # changes exactly what was edited. Look-alikes fill or overwrite with what the row has.
    exact = planned.reason is DuplicateReason.ID
    wanted = planned.parsed.company_values
    before: dict[str, Any] = {}
    for name in fields:
        new, old = wanted.get(name), getattr(company, name)
        if new == old or (not exact and new in (None, "")):
            continue
        if on_duplicate is OnDuplicate.FILL and not exact and old not in (None, ""):
            continue
        before[name] = _jsonable(old)
        setattr(company, name, new)
    return before


# The person fields a full-name column fills.
_FULL_NAME_FIELDS = ("salutation", "academic_title", "first_name", "last_name")


def _apply_person_updates(session: Session, batch_id: int, plan: ImportPlan) -> int:
    """Set the mapped person fields of rows with an export's person ID, as the row has them
    (empty cells too: the round trip changes what was edited); log what they were, for undo."""
    fields = sorted(
        {
            name
            for key in plan.mapping
            if key is not None and BY_KEY[key].target is Target.CONTACT
            for name in (
                _FULL_NAME_FIELDS if key == "full_name" else (CONTACT_ATTRIBUTES.get(key, key),)
            )
        }
    )
    rows = [p for p in plan.rows if p.person_id is not None and p.parsed.contact is not None]
    touched: set[int] = set()
    changed_people: set[int] = set()
    for start in range(0, len(rows), UPDATE_CHUNK):
        chunk = rows[start : start + UPDATE_CHUNK]
        ids = {p.person_id for p in chunk}
        loaded = {c.id: c for c in session.scalars(select(Contact).where(Contact.id.in_(ids)))}
        changes: list[tuple[Contact, dict[str, Any]]] = []
        for p in chunk:
            person, wanted = loaded[p.person_id or 0], p.parsed.contact
            before: dict[str, Any] = {}
            for name in fields:
                new, old = getattr(wanted, name), getattr(person, name)
                if new != old:
                    before[name] = _jsonable(old)
                    setattr(person, name, new)
            if before:
                changes.append((person, before))
        _log_changes(session, batch_id, "contact", changes, loaded.values())
        for person, before in changes:
            changed_people.add(person.id)
            if {"first_name", "last_name"} & before.keys():
                touched.add(person.company_id)
    search_index.refresh(session, touched)
    return len(changed_people)


# The company a person goes to, ("id", company id) or ("line", line of a new one); the person;
# the line the person is on.
Person = tuple[tuple[str, int], ContactInput, int]


def _person_keys(
    target: tuple[str, int], first: str | None, last: str, email: str | None
) -> list[Any]:
    keys: list[Any] = [(target, fold(f"{first or ''} {last}".strip()))]
    if email:
        keys.append((target, email.strip().lower()))
    return keys


def _new_people(session: Session, plan: ImportPlan) -> list[Person]:
    """The persons to add, each with the company they go to: one already stored ("id") or a
    new one from a row of the file ("line"). Persons their company has already (same name or
    e-mail) are left out, also within the file: importing a list twice doubles no one."""
    people: list[Person] = []
    for p in plan.rows:
        if p.parsed.contact is None or p.action in (Action.ERROR, Action.SKIP):
            continue
        if p.person_id is not None:
            continue  # a person already stored, updated instead
        if p.target_id is not None:
            target = ("id", p.target_id)
        else:
            target = ("line", p.same_as_line if p.same_as_line is not None else p.parsed.line)
        people.append((target, p.parsed.contact, p.parsed.line))
    company_ids = sorted({key for (kind, key), _, _ in people if kind == "id"})
    seen: set[Any] = set()
    for start in range(0, len(company_ids), 2_000):
        rows = session.execute(
            select(Contact.company_id, Contact.first_name, Contact.last_name, Contact.email).where(
                Contact.company_id.in_(company_ids[start : start + 2_000]),
                Contact.deleted_at.is_(None),
            )
        )
        for company_id, first, last, email in rows:
            seen.update(_person_keys(("id", company_id), first, last, email))
    fresh = []
    for target, person, line in people:
        keys = _person_keys(target, person.first_name, person.last_name, person.email)
        if not seen.intersection(keys):
            fresh.append((target, person, line))
            seen.update(keys)
    return fresh


def _apply_tags(session: Session, plan: ImportPlan, company_of_line: dict[int, int]) -> None:
    by_tags: dict[tuple[str, ...], list[int]] = {}
    for p in plan.rows:
        if not p.parsed.tags or p.action in (Action.ERROR, Action.SKIP):
            continue
        company_id = p.target_id or company_of_line.get(p.same_as_line or p.parsed.line)
        if company_id is not None:
            by_tags.setdefault(p.parsed.tags, []).append(company_id)
    for names, ids in by_tags.items():
        company_bulk.apply_tags(session, ids, names)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if value is None or isinstance(value, int | float | str | bool):
        return value
    return str(value)  # Decimal


# --- undo ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UndoCheck:
    batch_id: int
    file_name: str
    created_companies: int
    created_contacts: int
    updated_companies: int
    edited_since: tuple[str, ...]  # names of records changed after the import
    updated_contacts: int = 0


def check_undo(session: Session, batch_id: int) -> UndoCheck:
    """What undoing an import would remove and restore, and which records were edited since."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None or batch.status is not ImportStatus.DONE:
        raise NotFound(entity="import", id=batch_id)
    edited = list(
        session.scalars(
            select(Company.name).where(Company.import_batch_id == batch_id, Company.version > 1)
        )
    )
    checks: tuple[tuple[Any, str, Any], ...] = (
        (Company, "company", Company.name),
        (Contact, "contact", _person_label()),
    )
    for model, entity, label in checks:
        changed = session.scalars(
            select(label)
            .join(ImportChange, ImportChange.entity_id == model.id)
            .where(
                ImportChange.batch_id == batch_id,
                ImportChange.entity == entity,
                model.version > ImportChange.version_after,
            )
        )
        edited.extend(changed)
    return UndoCheck(
        batch_id,
        batch.file_name,
        _count(session, Company, batch_id),
        _count(session, Contact, batch_id),
        _changed(session, batch_id, "company"),
        tuple(sorted(set(edited))),
        updated_contacts=_changed(session, batch_id, "contact"),
    )


def _person_label() -> Any:
    return func.trim(func.coalesce(Contact.first_name, "") + " " + Contact.last_name)


def _changed(session: Session, batch_id: int, entity: str) -> int:
    stmt = (
        select(func.count())
        .select_from(ImportChange)
        .where(ImportChange.batch_id == batch_id, ImportChange.entity == entity)
    )
    return session.scalar(stmt) or 0


def _count(session: Session, model: type[Company] | type[Contact], batch_id: int) -> int:
    stmt = select(func.count()).select_from(model).where(model.import_batch_id == batch_id)
    return session.scalar(stmt) or 0


def undo_import(session: Session, batch_id: int) -> UndoCheck:
    """Remove what the import created and restore what it changed, in the caller's transaction."""
    check = check_undo(session, batch_id)
    touched = _restore(session, batch_id)
    session.execute(
        delete(Contact)
        .where(Contact.import_batch_id == batch_id)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(Company)
        .where(Company.import_batch_id == batch_id)
        .execution_options(synchronize_session=False)
    )
    search_index.refresh(session, touched)
    batch = session.get_one(ImportBatch, batch_id)
    batch.status = ImportStatus.UNDONE
    batch.undone_at = utcnow()
    session.flush()
    return check


def _restore(session: Session, batch_id: int) -> set[int]:
    """Put back what the import changed; returns the companies whose search text to redo."""
    touched: set[int] = set()
    # Newest first: a record the file changed twice ends with what it had before both.
    changes = session.scalars(
        select(ImportChange)
        .where(ImportChange.batch_id == batch_id, ImportChange.entity.in_(("company", "contact")))
        .order_by(ImportChange.id.desc())
    )
    for change in changes:
        record: Company | Contact | None = (
            session.get(Company, change.entity_id)
            if change.entity == "company"
            else session.get(Contact, change.entity_id)
        )
        if record is None or not change.before:
            continue
        for name, value in change.before.items():
            column = type(record).__table__.c[name]
            setattr(record, name, _from_json(column.type.python_type, value))
        touched.add(record.id if isinstance(record, Company) else record.company_id)
    # Contacts the import added to existing companies go with the batch; re-index those too.
    touched.update(
        session.scalars(
            select(Contact.company_id).where(Contact.import_batch_id == batch_id).distinct()
        )
    )
    session.flush()
    return touched


def _from_json(kind: type[Any], value: Any) -> Any:
    """A logged value back in its column's type."""
    if value is None:
        return None
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    return kind(value)


@dataclass(frozen=True)
class BatchRecord:
    id: int
    file_name: str
    sheet: str | None
    status: ImportStatus
    finished_at: dt.datetime | None
    created_count: int
    updated_count: int
    skipped_count: int
    error_count: int


def list_batches(session: Session, limit: int = 50) -> list[BatchRecord]:
    """The latest imports, newest first (for the undo list)."""
    stmt = select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)
    return [
        BatchRecord(
            b.id,
            b.file_name,
            b.sheet,
            b.status,
            b.finished_at,
            b.created_count,
            b.updated_count,
            b.skipped_count,
            b.error_count,
        )
        for b in session.scalars(stmt)
    ]
