"""Carry out an import plan in the caller's transaction, logging what it changed for undo."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector import bulk_load, search_index
from prospector.enums import CompanyStage, ImportStatus, LeadStatus
from prospector.exchange.rows import ParsedRow, RejectedRow, RowKind, RowProblem, contact_values
from prospector.look_alike import DuplicateReason
from prospector.models import Company, Contact, ImportBatch, ImportChange, utcnow
from prospector.progress import Progress
from prospector.qualification import company_stage
from prospector.records import ContactInput
from prospector.services import bulk, companies, company_bulk, contacts, fit_scores
from prospector.services.import_changes import (
    company_changes,
    company_fields,
    joined_notes,
    person_changes,
    person_fields,
)
from prospector.services.import_mapping import remember_mapping
from prospector.services.import_plan import (
    Action,
    ImportPlan,
    PlannedRow,
    fills_only,
    person_target,
    reference,
)
from prospector.services.qualification import restage

UPDATE_CHUNK = 1_000
# Stages an import leaves as the data gives them: the deals behind them may be in another
# database (an export moved whole brings no deals).
IMPORT_KEEPS = frozenset({CompanyStage.OPPORTUNITY, CompanyStage.CUSTOMER})
# Every row of a bulk insert has the same columns: no key in another system is None.
_NO_KEY: dict[str, str | None] = {"external_source": None, "external_ref": None}


@dataclass(frozen=True)
class ReasonCount:
    """One reason rows were refused or imported with warnings, and in how many rows."""

    example: RowProblem  # the first row's problem of this kind
    rows: int


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, or (dry run) would do.

    Every row of the table is imported (possibly with warnings), skipped as a duplicate, or
    refused: imported + skipped_rows + errors is the number of rows.
    """

    batch_id: int | None
    new_companies: int
    updated_companies: int
    new_contacts: int
    skipped: int  # companies already there (their rows may still have added persons)
    errors: int  # rows refused
    rejected: tuple[RejectedRow, ...]
    dry_run: bool = False
    updated_contacts: int = 0
    imported: int = 0  # rows that stored or changed something
    warned: int = 0  # of the imported rows, those with warnings
    skipped_rows: int = 0
    warnings: tuple[ReasonCount, ...] = ()  # why rows were imported with warnings
    refusals: tuple[ReasonCount, ...] = ()  # why rows were refused


def count_rows(plan: ImportPlan) -> dict[str, Any]:
    """The row counts of a summary, with the reasons grouped."""
    imported = [p for p in plan.rows if p.action in (Action.NEW, Action.UPDATE, Action.LINK)]
    warned = [p for p in imported if p.parsed.warnings]
    return {
        "imported": len(imported),
        "warned": len(warned),
        "skipped_rows": sum(1 for p in plan.rows if p.action is Action.SKIP),
        "warnings": _grouped(w for p in warned for w in p.parsed.warnings),
        "refusals": _grouped(
            e for p in plan.rows if p.action is Action.ERROR for e in p.parsed.errors
        ),
    }


def _grouped(problems: Iterable[RowProblem]) -> tuple[ReasonCount, ...]:
    """Problems of the same kind counted together, the most frequent first."""
    counts: dict[tuple[str, str, str], int] = {}
    examples: dict[tuple[str, str, str], RowProblem] = {}
    for problem in problems:
        key = (problem.field, problem.code, problem.message if problem.code == "invalid" else "")
        counts[key] = counts.get(key, 0) + 1
        examples.setdefault(key, problem)
    ranked = sorted(counts, key=lambda key: -counts[key])
    return tuple(ReasonCount(examples[key], counts[key]) for key in ranked)


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
            new_contacts=sum(1 for p in plan.rows if p.adds_person),
            skipped=skipped,
            errors=len(rejected),
            rejected=rejected,
            dry_run=True,
            updated_contacts=len(
                {p.person_id for p in plan.rows if p.person_id is not None and _runs(p)}
            ),
            **count_rows(plan),
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
    people = _new_people(plan)
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

    # A new company's stage follows its new persons' statuses from the start.
    statuses: dict[int, set[LeadStatus]] = defaultdict(set)
    for (kind, key), person, _ in people:
        if kind == "line":
            statuses[key].add(person.lead_status)

    def staged(values: dict[str, Any], line: int) -> dict[str, Any]:
        if line in statuses and values["stage"] not in IMPORT_KEEPS:
            values["stage"] = company_stage(values["stage"], statuses[line], ())
        return values

    new_rows = [p for p in plan.rows if p.action is Action.NEW and p.parsed.company is not None]
    # A file with a source column says it per row; one without gets the import's. Persons
    # keep where their data came from (GDPR Art. 14) the same way.
    lead_source = None if "source" in plan.mapping else plan.lead_source
    data_source = None if "data_source" in plan.mapping else plan.lead_source
    with bulk_load.loading(session, {"companies": len(new_rows)}):
        created = companies.insert_validated(
            session,
            (
                companies.with_search_text(
                    staged(
                        _noted_values(p.parsed, plan.external_source, lead_source), p.parsed.line
                    ),
                    names(p.parsed),
                )
                for p in new_rows
            ),
            import_batch_id=batch.id,
        )
    company_of_line = {p.parsed.line: ident for p, ident in zip(new_rows, created, strict=True)}
    if progress is not None:
        progress.step(len(new_rows), total)

    updated = _apply_updates(session, batch.id, plan, progress, total)
    updated_people, moved = _apply_person_updates(session, batch.id, plan)
    # A person's key in the other system, where the row is the person's own (a sheet of
    # companies and persons gives each its key).
    keys = {
        p.parsed.line: {
            "external_source": plan.external_source,
            "external_ref": p.parsed.external_id,
        }
        for p in plan.rows
        if plan.external_source and p.parsed.external_id and p.parsed.kind is RowKind.PERSON
    }
    with bulk_load.loading(session, {"contacts": len(people)}):
        new_contacts, with_people = contacts.insert_validated(
            session,
            (
                _with_data_source(
                    {
                        **contact_values(person),
                        "company_id": _company_of(kind, key, company_of_line),
                        **keys.get(line, _NO_KEY),
                    },
                    data_source,
                )
                for (kind, key), person, line in people
            ),
            import_batch_id=batch.id,
        )
    # Companies that were there before and gained persons: their search text grows.
    search_index.refresh(session, with_people - set(created))
    # A person's status moves the company's stage, as the person's form does; new companies
    # got theirs with them.
    moved |= {key for (kind, key), person, _ in people if kind == "id" and _moves(person)}
    _restage_logged(session, batch.id, moved)
    _apply_tags(session, plan, company_of_line)
    session.flush()
    fit_scores.refresh_import(session, batch.id)

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
        **count_rows(plan),
    )


def _moves(person: ContactInput) -> bool:
    """Whether a new person's status can move their company's stage."""
    return person.lead_status is not LeadStatus.CONTACT


def _restage_logged(session: Session, batch_id: int, company_ids: set[int | None]) -> None:
    """Derive the stages of companies whose persons' statuses the import set, and log each
    change like the import's own, so that undo puts the stage back and counts it as the
    import's, not as an edit made since."""
    changed = restage(session, company_ids, keeping=IMPORT_KEEPS)
    if not changed:
        return
    session.flush()
    ids = sorted(changed)
    for start in range(0, len(ids), UPDATE_CHUNK):
        chunk = ids[start : start + UPDATE_CHUNK]
        versions = {
            ident: version
            for ident, version in session.execute(
                select(Company.id, Company.version).where(Company.id.in_(chunk))
            )
        }
        logged = {
            change.entity_id: change
            for change in session.scalars(
                select(ImportChange).where(
                    ImportChange.batch_id == batch_id,
                    ImportChange.entity == "company",
                    ImportChange.entity_id.in_(chunk),
                )
            )
        }
        for ident in chunk:
            before = {"stage": changed[ident].value}
            change = logged.get(ident)
            if change is None:
                session.add(
                    ImportChange(
                        batch_id=batch_id,
                        entity="company",
                        entity_id=ident,
                        action="updated",
                        before=before,
                        version_after=versions[ident],
                    )
                )
            else:
                # The stage before the file changed it, if it did, is the one to go back to.
                change.before = {**before, **(change.before or {})}
                change.version_after = versions[ident]
    session.flush()


def _with_data_source(values: dict[str, Any], data_source: str | None) -> dict[str, Any]:
    if data_source is not None and not values.get("data_source"):
        values["data_source"] = data_source
    return values


def _noted_values(
    parsed: ParsedRow, source: str | None, lead_source: str | None = None
) -> dict[str, Any]:
    """A new company's values, with its notes and its key in another system."""
    values = parsed.company_values
    if parsed.company_note:
        values["notes"] = joined_notes(values.get("notes"), parsed.company_note)
    # Every row of a bulk insert has the same columns: the key or None.
    values["external_source"], values["external_ref"] = reference(parsed, source) or (None, None)
    if lead_source is not None:
        values["source"] = lead_source
    return values


def _noted_person(parsed: ParsedRow) -> ContactInput | None:
    person = parsed.contact
    if person is None or not parsed.contact_note:
        return person
    return dataclasses.replace(person, notes=joined_notes(person.notes, parsed.contact_note))


def _skipped_company(planned: PlannedRow) -> bool:
    if planned.action is Action.SKIP:
        return True
    return (
        planned.action is Action.LINK
        and planned.target_id is not None
        and planned.parsed.kind is not RowKind.PERSON
    )


def _runs(planned: PlannedRow) -> bool:
    return planned.action in (Action.NEW, Action.UPDATE, Action.LINK)


def _apply_updates(
    session: Session, batch_id: int, plan: ImportPlan, progress: Progress | None, total: int
) -> int:
    """Change the matched companies; log what each field was, for undo."""
    fields = company_fields(plan.mapping)
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
            if company is None:
                continue
            current = {name: getattr(company, name) for name in (*fields, "notes", "external_ref")}
            wanted = company_changes(
                current,
                p.parsed.company_values,
                fields,
                exact=p.reason is DuplicateReason.ID,
                fill_only=fills_only(p, plan.on_duplicate),
                note=p.parsed.company_note,
                reference=reference(p.parsed, plan.external_source),
            )
            if wanted:
                changes.append((company, _apply(company, wanted)))
        _log_changes(session, batch_id, "company", changes, loaded.values())
        updated.extend(company.id for company, _ in changes)
        if progress is not None:
            progress.step(start + len(chunk), total)
    search_index.refresh(session, updated)
    return len(set(updated))


def _apply(record: Company | Contact, changes: dict[str, Any]) -> dict[str, Any]:
    """Set the changed fields; returns what they were, for undo."""
    before = {name: _jsonable(getattr(record, name)) for name in changes}
    for name, value in changes.items():
        setattr(record, name, value)
    return before


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


def _apply_person_updates(
    session: Session, batch_id: int, plan: ImportPlan
) -> tuple[int, set[int | None]]:
    """Set the mapped person fields of rows with an export's person ID, as the row has them
    (empty cells too: the round trip changes what was edited); log what they were, for undo.
    Returns how many persons changed, and the companies of those whose status did."""
    fields = person_fields(plan.mapping)
    rows = [
        p
        for p in plan.rows
        if p.person_id is not None and p.parsed.contact is not None and _runs(p)
    ]
    touched: set[int | None] = set()
    moved: set[int | None] = set()
    changed_people: set[int] = set()
    for start in range(0, len(rows), UPDATE_CHUNK):
        chunk = rows[start : start + UPDATE_CHUNK]
        ids = {p.person_id for p in chunk}
        loaded = {c.id: c for c in session.scalars(select(Contact).where(Contact.id.in_(ids)))}
        changes: list[tuple[Contact, dict[str, Any]]] = []
        for p in chunk:
            person, wanted = loaded[p.person_id or 0], p.parsed.contact
            assert wanted is not None
            current = {name: getattr(person, name) for name in (*fields, "notes")}
            changed = person_changes(current, wanted, fields, p.parsed.contact_note)
            if changed:
                changes.append((person, _apply(person, changed)))
        _log_changes(session, batch_id, "contact", changes, loaded.values())
        for person, before in changes:
            changed_people.add(person.id)
            if {"first_name", "last_name"} & before.keys():
                touched.add(person.company_id)
            if "lead_status" in before:
                moved.add(person.company_id)
    search_index.refresh(session, touched)
    return len(changed_people), moved


# The company a person goes to, ("id", company id), ("line", line of a new one) or ("none", 0);
# the person; the line the person is on.
Person = tuple[tuple[str, int], ContactInput, int]


def _company_of(kind: str, key: int, company_of_line: dict[int, int]) -> int | None:
    if kind == "id":
        return key
    return company_of_line[key] if kind == "line" else None


def _new_people(plan: ImportPlan) -> list[Person]:
    """The persons to add, each with the company they go to: one already stored ("id") or a
    new one from a row of the file ("line"). The plan has left out persons their company has
    already (same name or e-mail), also within the file: importing a list twice doubles no
    one."""
    people: list[Person] = []
    for p in plan.rows:
        if not p.adds_person:
            continue
        person = _noted_person(p.parsed)
        assert person is not None
        people.append((person_target(p), person, p.parsed.line))
    return people


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
