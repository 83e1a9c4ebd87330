"""The imports done so far: list them, say what undoing one means, and undo it as a whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from prospector import search_index
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import ImportStatus
from prospector.errors import NotFound
from prospector.models import Company, Contact, ImportBatch, ImportChange, utcnow
from prospector.progress import Progress
from prospector.services import fit_scores


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


def undo_import(
    db: Database, batch_id: int, progress: Progress | None = None
) -> Outcome[UndoCheck]:
    """Remove what the import added and restore what it changed, in one transaction."""
    with db.writing() as session:
        done = _undo(session, batch_id)
        if progress is not None:
            progress.check()  # a cancel before the commit leaves the import in place
    return Outcome(done, Changes(companies=True, contacts=True, tags=True, imports=True))


def undo_batch(session: Session, batch_id: int) -> UndoCheck:
    """The step under undo_import, for a use case that checks first in its own way."""
    return _undo(session, batch_id)


def _undo(session: Session, batch_id: int) -> UndoCheck:
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
    fit_scores.refresh(session, (i for i in touched if i is not None))
    batch = session.get_one(ImportBatch, batch_id)
    batch.status = ImportStatus.UNDONE
    batch.undone_at = utcnow()
    session.flush()
    return check


def _restore(session: Session, batch_id: int) -> set[int | None]:
    """Put back what the import changed; returns the companies whose search text to redo."""
    touched: set[int | None] = set()
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
