"""Undo and redo: snapshots of what a change touches, written back in one transaction."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import and_, delete, exists, insert, select, update
from sqlalchemy.orm import Session

from prospector import search_index
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import UndoOutdated
from prospector.models import Company, CompanyTag, Contact, Tag, utcnow
from prospector.services.tags import ensure_tags
from prospector.undo import CompanyState, ContactState, Snapshot, UndoKind, UndoStep

# What a company's form changes: every column but the key, the bookkeeping, the search text
# (recomputed) and where it came from.
FORM_COLUMNS = tuple(
    column.key
    for column in Company.__table__.columns
    if column.key
    not in {
        "id",
        "created_at",
        "updated_at",
        "version",
        "search_text",
        "deleted_at",
        "external_ref",
        "external_source",
        "import_batch_id",
    }
)
OBJECTION_COLUMNS = ("do_not_contact", "do_not_contact_since", "do_not_contact_reason")
CHUNK = 5000  # ids per IN list: far below the limits of SQLite and PostgreSQL
K = TypeVar("K")


@dataclass(frozen=True)
class Touches:
    """What of the companies a change may alter: columns, their tags, their contacts'
    objection."""

    columns: tuple[str, ...] = ()
    tags: bool = False
    objections: bool = False


@dataclass
class Recording:
    """A change being recorded: the state before it, then the step once it is done."""

    kind: UndoKind
    ids: tuple[int, ...]
    touches: Touches
    detail: str
    before: Snapshot
    vocabulary: frozenset[str]
    step: UndoStep | None = field(default=None)


@contextmanager
def recording(
    session: Session,
    kind: UndoKind,
    ids: Collection[int],
    touches: Touches,
    detail: str = "",
) -> Iterator[Recording]:
    """Snapshot the companies before the block and after it, inside the block's transaction;
    the step is on the yielded Recording once the block is done."""
    ordered = tuple(sorted(set(ids)))
    record = Recording(
        kind,
        ordered,
        touches,
        detail,
        snapshot(session, ordered, touches),
        _vocabulary(session) if touches.tags else frozenset(),
    )
    yield record
    session.flush()
    after = snapshot(session, ordered, touches)
    created = _vocabulary(session) - record.vocabulary if touches.tags else frozenset()
    changed = sum(
        1 for old, new in zip(record.before.companies, after.companies, strict=True) if old != new
    )
    if changed or record.before.contacts != after.contacts:
        record.step = UndoStep(
            kind,
            changed or len(ordered),
            detail,
            record.before,
            after,
            tuple(sorted(created)),
        )


def snapshot(session: Session, ids: Sequence[int], touches: Touches) -> Snapshot:
    """The companies (those of `ids` that exist, in id order) as far as `touches` says."""
    values: dict[int, tuple[tuple[str, Any], ...]] = {}
    tags: dict[int, list[str]] = {}
    contacts: list[ContactState] = []
    columns = [getattr(Company, name) for name in touches.columns]
    for chunk in _chunks(ids):
        for row in session.execute(select(Company.id, *columns).where(Company.id.in_(chunk))):
            values[row[0]] = tuple(zip(touches.columns, row[1:], strict=True))
        if touches.tags:
            for company_id, name in session.execute(
                select(CompanyTag.company_id, Tag.name)
                .join(Tag, Tag.id == CompanyTag.tag_id)
                .where(CompanyTag.company_id.in_(chunk))
            ):
                tags.setdefault(company_id, []).append(name)
        if touches.objections:
            rows = session.execute(
                select(Contact.id, *(getattr(Contact, n) for n in OBJECTION_COLUMNS))
                .where(Contact.company_id.in_(chunk), Contact.deleted_at.is_(None))
                .order_by(Contact.id)
            )
            contacts.extend(
                ContactState(row[0], tuple(zip(OBJECTION_COLUMNS, row[1:], strict=True)))
                for row in rows
            )
    companies = tuple(
        CompanyState(
            ident,
            values[ident],
            tuple(sorted(tags.get(ident, ()), key=str.casefold)) if touches.tags else None,
        )
        for ident in sorted(values)
    )
    return Snapshot(companies, tuple(sorted(contacts, key=lambda c: c.id)))


def undo(db: Database, step: UndoStep) -> Outcome[UndoStep]:
    """Write back the records as they were before the change; UndoOutdated (and nothing
    written) if they changed since."""
    return _write_back(db, step, step.before, expect=step.after, drop_tags=step.created_tags)


def redo(db: Database, step: UndoStep) -> Outcome[UndoStep]:
    """Make the change again, as it was made; UndoOutdated if the records changed since the
    undo."""
    return _write_back(db, step, step.after, expect=step.before, drop_tags=())


def _write_back(
    db: Database, step: UndoStep, target: Snapshot, *, expect: Snapshot, drop_tags: Sequence[str]
) -> Outcome[UndoStep]:
    ids = [state.id for state in expect.companies]
    touches = _touches_of(expect)
    with db.writing() as session:
        current = snapshot(session, ids, touches)
        if current != expect:
            stale = _differing(current, expect)
            raise UndoOutdated(count=stale)
        _write_companies(session, target.companies)
        if touches.tags:
            _write_tags(session, target.companies)
            _drop_unused_tags(session, drop_tags)
        if target.contacts:
            _write_contacts(session, target.contacts)
        search_index.refresh(session, ids)
    changes = Changes.to_companies(
        ids,
        tags=touches.tags,
        contacts=bool(target.contacts),
        trash=step.kind in (UndoKind.TRASH, UndoKind.RESTORE),
    )
    return Outcome(step, changes)


def _touches_of(snapshot_: Snapshot) -> Touches:
    first = snapshot_.companies[0] if snapshot_.companies else None
    return Touches(
        columns=tuple(name for name, _ in first.values) if first else (),
        tags=first is not None and first.tags is not None,
        objections=bool(snapshot_.contacts),
    )


def _differing(current: Snapshot, expect: Snapshot) -> int:
    now = {state.id: state for state in current.companies}
    gone_or_changed = sum(1 for state in expect.companies if now.get(state.id) != state)
    return max(gone_or_changed, 1)


def _write_companies(session: Session, states: Sequence[CompanyState]) -> None:
    now = utcnow()
    for values, ids in _grouped((state.values, state.id) for state in states if state.values):
        for chunk in _chunks(ids):
            session.execute(
                update(Company)
                .where(Company.id.in_(chunk))
                .values(**dict(values), updated_at=now, version=Company.version + 1)
                .execution_options(synchronize_session=False)
            )


def _write_tags(session: Session, states: Sequence[CompanyState]) -> None:
    names = sorted({name for state in states for name in state.tags or ()}, key=str.casefold)
    ids = dict(zip((n.casefold() for n in names), ensure_tags(session, names), strict=True))
    wanted = {(state.id, ids[name.casefold()]) for state in states for name in state.tags or ()}
    company_ids = [state.id for state in states]
    present: set[tuple[int, int]] = set()
    for chunk in _chunks(company_ids):
        present.update(
            (row[0], row[1])
            for row in session.execute(
                select(CompanyTag.company_id, CompanyTag.tag_id).where(
                    CompanyTag.company_id.in_(chunk)
                )
            )
        )
    for tag_id, companies in _grouped((t, c) for c, t in present - wanted):
        for chunk in _chunks(companies):
            session.execute(
                delete(CompanyTag).where(
                    CompanyTag.tag_id == tag_id, CompanyTag.company_id.in_(chunk)
                )
            )
    now = utcnow()
    missing = sorted(wanted - present)
    if missing:
        session.execute(
            insert(CompanyTag),
            [
                {"company_id": c, "tag_id": t, "created_at": now, "updated_at": now, "version": 1}
                for c, t in missing
            ],
        )


def _drop_unused_tags(session: Session, names: Sequence[str]) -> None:
    if names:
        session.execute(
            delete(Tag).where(
                Tag.name.in_(names),
                ~exists().where(and_(CompanyTag.tag_id == Tag.id)),
            )
        )


def _write_contacts(session: Session, states: Sequence[ContactState]) -> None:
    now = utcnow()
    for values, ids in _grouped((state.values, state.id) for state in states):
        for chunk in _chunks(ids):
            session.execute(
                update(Contact)
                .where(Contact.id.in_(chunk))
                .values(**dict(values), updated_at=now, version=Contact.version + 1)
                .execution_options(synchronize_session=False)
            )


def _grouped(pairs: Iterable[tuple[K, int]]) -> list[tuple[K, list[int]]]:
    """Ids by the value they get: one statement per distinct value, not per row."""
    groups: dict[K, list[int]] = {}
    for key, ident in pairs:
        groups.setdefault(key, []).append(ident)
    return [(key, sorted(ids)) for key, ids in groups.items()]


def _vocabulary(session: Session) -> frozenset[str]:
    return frozenset(session.scalars(select(Tag.name)))


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
