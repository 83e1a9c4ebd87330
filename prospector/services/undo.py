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
from prospector.models import Activity, Company, CompanyTag, Contact, Opportunity, Tag, utcnow
from prospector.services import fit_scores
from prospector.services.tags import ensure_tags
from prospector.undo import (
    CompanyState,
    ContactState,
    MergedAway,
    Snapshot,
    UndoKind,
    UndoStep,
)

# Bookkeeping and where a record came from: neither a form nor an undo changes them.
_KEPT = frozenset(
    {"id", "created_at", "updated_at", "version", "deleted_at"}
    | {"external_ref", "external_source", "import_batch_id"}
)
# What a company's form changes: its columns but the kept ones and the search text (recomputed).
FORM_COLUMNS = tuple(
    c.key for c in Company.__table__.columns if c.key not in _KEPT | {"search_text"}
)
OBJECTION_COLUMNS = ("do_not_contact", "do_not_contact_since", "do_not_contact_reason")
# What a person's form changes (their company among it).
CONTACT_FORM_COLUMNS = tuple(c.key for c in Contact.__table__.columns if c.key not in _KEPT)
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
    *,
    merged: MergedAway | None = None,
) -> Iterator[Recording]:
    """Snapshot the companies before the block and after it, inside the block's transaction;
    the step is on the yielded Recording once the block is done (a merge has one even when
    the company kept did not change)."""
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
    if changed or record.before.contacts != after.contacts or merged is not None:
        record.step = UndoStep(
            kind,
            changed or len(ordered),
            detail,
            record.before,
            after,
            tuple(sorted(created)),
            merged=merged,
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


def contact_snapshot(session: Session, ids: Sequence[int]) -> Snapshot:
    """Persons as their form sets them, in id order."""
    columns = [getattr(Contact, name) for name in CONTACT_FORM_COLUMNS]
    rows = session.execute(
        select(Contact.id, *columns).where(Contact.id.in_(ids)).order_by(Contact.id)
    )
    return Snapshot(
        (),
        tuple(
            ContactState(row[0], tuple(zip(CONTACT_FORM_COLUMNS, row[1:], strict=True)))
            for row in rows
        ),
    )


def undo(db: Database, step: UndoStep) -> Outcome[UndoStep]:
    """Write back the records as they were before the change; UndoOutdated (and nothing
    written) if they changed since."""
    if step.kind is UndoKind.IMPORT:
        return _undo_import(db, step)
    return _write_back(db, step, step.before, expect=step.after, drop_tags=step.created_tags)


def merged_away(session: Session, company_id: int) -> MergedAway:
    """Everything a merge would delete or move of this company, to bring it back."""
    table = Company.__table__
    row = session.execute(select(table).where(table.c.id == company_id)).one()
    tags = session.scalars(
        select(Tag.name)
        .join(CompanyTag, CompanyTag.tag_id == Tag.id)
        .where(CompanyTag.company_id == company_id)
    )
    moved = tuple(
        (
            model.__tablename__,
            tuple(
                session.scalars(
                    select(model.id).where(model.company_id == company_id).order_by(model.id)
                )
            ),
        )
        for model in _OWNED
    )
    company = tuple((str(key), value) for key, value in row._mapping.items())
    return MergedAway(company, tuple(sorted(tags)), moved)


def _split(db: Database, step: UndoStep, merged: MergedAway) -> None:
    """Undo a merge: the company kept as before, the other one back with its records."""
    keep = step.before.companies[0].id
    with db.writing() as session:
        _check(session, [keep], step.after)
        if session.get(Company, merged.id) is not None or not _moved_are_at(session, merged, keep):
            raise UndoOutdated(count=1)
        _write_companies(session, step.before.companies)
        _write_tags(session, step.before.companies)
        session.execute(insert(Company).values(**dict(merged.company)))
        _move(session, merged, merged.id)
        _write_tags(session, [CompanyState(merged.id, (), merged.tags)])
        search_index.refresh(session, [keep, merged.id])
        fit_scores.refresh(session, [keep, merged.id])


def _join(db: Database, step: UndoStep, merged: MergedAway) -> None:
    """Redo a merge: the company kept as after it, the other one's records moved to it, the
    other one deleted."""
    keep = step.before.companies[0].id
    with db.writing() as session:
        _check(session, [keep], step.before)
        other = session.get(Company, merged.id)
        if other is None or not _moved_are_at(session, merged, merged.id):
            raise UndoOutdated(count=1)
        _write_companies(session, step.after.companies)
        _write_tags(session, step.after.companies)
        _move(session, merged, keep)
        session.execute(delete(Company).where(Company.id == merged.id))
        search_index.refresh(session, [keep])
        fit_scores.refresh(session, [keep])


_OWNED = (Contact, Activity, Opportunity)  # what a company has that a merge moves


def _moved_are_at(session: Session, merged: MergedAway, company_id: int) -> bool:
    """Whether the records the merge moved all still belong to that company."""
    for model in _OWNED:
        ids = dict(merged.moved).get(model.__tablename__, ())
        for chunk in _chunks(ids):
            found = session.scalars(select(model.company_id).where(model.id.in_(chunk)))
            if len(chunk) != sum(1 for owner in found if owner == company_id):
                return False
    return True


def _move(session: Session, merged: MergedAway, company_id: int) -> None:
    now = utcnow()
    for model in _OWNED:
        for chunk in _chunks(dict(merged.moved).get(model.__tablename__, ())):
            session.execute(
                update(model)
                .where(model.id.in_(chunk))
                .values(company_id=company_id, updated_at=now, version=model.version + 1)
                .execution_options(synchronize_session=False)
            )


def _check(session: Session, ids: Sequence[int], expect: Snapshot) -> None:
    current = snapshot(session, ids, _touches_of(expect))
    if current != expect:
        raise UndoOutdated(count=_differing(current, expect))


def _undo_import(db: Database, step: UndoStep) -> Outcome[UndoStep]:
    """Remove what the import added and restore what it changed, as the import history does;
    refused (UndoOutdated) once any of its records was edited since: the history then says
    which, and undoes it all the same if the user wants that."""
    from prospector.services import import_history

    assert step.batch_id is not None
    with db.writing() as session:
        check = import_history.check_undo(session, step.batch_id)
        if check.edited_since:
            raise UndoOutdated(count=len(check.edited_since))
        import_history.undo_batch(session, step.batch_id)
    return Outcome(step, Changes(companies=True, contacts=True, tags=True, imports=True))


def redo(db: Database, step: UndoStep) -> Outcome[UndoStep]:
    """Make the change again, as it was made; UndoOutdated if the records changed since the
    undo."""
    return _write_back(db, step, step.after, expect=step.before, drop_tags=())


def _write_back(
    db: Database, step: UndoStep, target: Snapshot, *, expect: Snapshot, drop_tags: Sequence[str]
) -> Outcome[UndoStep]:
    if step.kind in (UndoKind.CONTACT_EDIT, UndoKind.CONTACT_OWNER):
        return _write_back_contacts(db, step, target, expect)
    if step.merged is not None:
        (_split if target is step.before else _join)(db, step, step.merged)
        ids = [step.merged.id, *step.company_ids]
        return Outcome(step, Changes.to_companies(ids, contacts=True, tags=True, activities=True))
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
        fit_scores.refresh(session, ids)
    changes = Changes.to_companies(
        ids,
        tags=touches.tags,
        contacts=bool(target.contacts),
        trash=step.kind in (UndoKind.TRASH, UndoKind.RESTORE),
    )
    return Outcome(step, changes)


def _write_back_contacts(
    db: Database, step: UndoStep, target: Snapshot, expect: Snapshot
) -> Outcome[UndoStep]:
    ids = [state.id for state in expect.contacts]
    with db.writing() as session:
        now = contact_snapshot(session, ids)
        if now != expect:
            stale = {state.id: state for state in now.contacts}
            raise UndoOutdated(
                count=max(1, sum(1 for state in expect.contacts if stale.get(state.id) != state))
            )
        _write_contacts(session, target.contacts)
        companies = {
            dict(state.values).get("company_id") for state in (*expect.contacts, *target.contacts)
        }
        search_index.refresh(session, companies)
    if all(ident is None for ident in companies):
        return Outcome(step, Changes(contacts=True))
    return Outcome(step, Changes.to_companies(companies, contacts=True))


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
    _write_rows(session, Company, states)


def _write_rows(
    session: Session,
    model: type[Company] | type[Contact],
    states: Sequence[CompanyState] | Sequence[ContactState],
) -> None:
    """Each record's values back, one statement per distinct set of values; versions bumped,
    so that an editor open on one of them notices."""
    now = utcnow()
    for values, ids in _grouped((state.values, state.id) for state in states if state.values):
        for chunk in _chunks(ids):
            session.execute(
                update(model)
                .where(model.id.in_(chunk))
                .values(**dict(values), updated_at=now, version=model.version + 1)
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
    _write_rows(session, Contact, states)


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
