"""Carry out an import plan in the caller's transaction, logging what it changed for undo."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector import search_index
from prospector.enums import ImportStatus
from prospector.exchange.columns import BY_KEY, CONTACT_ATTRIBUTES, Target
from prospector.exchange.rows import ParsedRow, RejectedRow, RowKind, contact_values
from prospector.look_alike import DuplicateReason
from prospector.models import Company, Contact, ImportBatch, ImportChange, utcnow
from prospector.normalize import fold
from prospector.progress import Progress
from prospector.records import COMPANY_INPUT_FIELDS, ContactInput
from prospector.services import bulk, companies, company_bulk, contacts
from prospector.services.import_mapping import remember_mapping
from prospector.services.import_plan import Action, ImportPlan, OnDuplicate, PlannedRow

UPDATE_CHUNK = 1_000


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


def run_import(
    session: Session,
    plan: ImportPlan,
    progress: Progress | None = None,
    *,
    dry_run: bool = False,
) -> ImportSummary:
    """Carry out the plan in the caller's transaction; an exception or cancel leaves nothing.
    A dry run only counts what the plan would do: it needs no database."""
    rejected = tuple(
        RejectedRow(p.parsed.line, tuple(row), p.parsed.errors)
        for p, row in zip(plan.rows, plan.table.rows, strict=True)
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
        return _write(session, plan, progress, skipped, rejected)


def _write(
    session: Session,
    plan: ImportPlan,
    progress: Progress | None,
    skipped: int,
    rejected: tuple[RejectedRow, ...],
) -> ImportSummary:
    batch = ImportBatch(file_name=plan.file_name, sheet=plan.sheet, rows_total=len(plan.rows))
    batch.mapping = {"columns": list(plan.mapping), "on_duplicate": plan.on_duplicate.value}
    session.add(batch)
    session.flush()
    remember_mapping(session, plan.table.headers, plan.mapping)

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
