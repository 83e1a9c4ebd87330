"""Check the database: SQLite's own checks, references, and the values the app derives."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    select,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from prospector import errors, normalize, search_index
from prospector.check_report import (
    FULL_TEXT,
    INTEGRITY,
    NAME_KEYS,
    REFERENCES,
    SEARCH,
    CheckReport,
    Finding,
)
from prospector.contact_search import contact_name_key, contact_search_text
from prospector.db import Database, database_error, first_line
from prospector.models import Base, Company, Contact
from prospector.progress import Progress
from prospector.search import company_search_text

log = logging.getLogger(__name__)

CHUNK = 2_000
# SQLite's integrity_check stops after this many messages.
MAX_MESSAGES = 20
FTS_TABLES = ("company_fts", "contact_fts")


def check_database(db: Database, *, progress: Progress | None = None) -> CheckReport:
    """Run every check; repair what is safe to repair, in one transaction; idempotent.

    A file that fails SQLite's integrity check is not touched: the report says so, and the
    way back is a backup. Repairs follow the rules the data already has: a reference to a
    row that is gone is removed as the database would have removed it (set empty, or the
    row deleted with its parent), except that a person is never deleted for a company that
    is gone: the contact stays, without a company.
    """
    progress = progress or Progress()
    try:
        integrity = _integrity(db)
        if integrity.found:
            return CheckReport(findings=(integrity,), companies=0, contacts=0, damaged=True)
        with db.writing() as session:
            findings = [integrity]
            steps: tuple[Callable[[Session, Progress], Finding], ...] = (
                _references,
                _name_keys,
                _search,
                _full_text,
            )
            for number, step in enumerate(steps):
                progress.check()
                progress.step(number, len(steps))
                findings.append(step(session, progress))
            progress.step(len(steps), len(steps))
            companies = session.scalar(select(func.count()).select_from(Company)) or 0
            contacts = session.scalar(select(func.count()).select_from(Contact)) or 0
    except sa_exc.DatabaseError as exc:
        # Damage that integrity_check missed but a read met (SQLITE_CORRUPT and its kin).
        raise database_error(exc, db.location) from exc
    report = CheckReport(
        findings=tuple(findings), companies=companies, contacts=contacts, damaged=False
    )
    log.info(
        "checked the database: %s",
        ", ".join(f"{f.check} {f.found}/{f.repaired}" for f in report.findings),
    )
    return report


def _integrity(db: Database) -> Finding:
    if db.engine.dialect.name != "sqlite":
        return Finding(INTEGRITY)  # a server keeps its own files whole
    try:
        with db.reading() as session:
            rows = session.connection().exec_driver_sql(f"PRAGMA integrity_check({MAX_MESSAGES})")
            messages = tuple(str(row[0]) for row in rows)
    except errors.DatabaseDamaged as exc:
        # So damaged that the check itself cannot read past it.
        return Finding(INTEGRITY, found=1, messages=(first_line(exc.__cause__ or exc),))
    if messages == ("ok",):
        return Finding(INTEGRITY)
    return Finding(INTEGRITY, found=len(messages), messages=messages)


def _foreign_keys() -> Iterator[tuple[Table, Column[int], Table, Column[int], str]]:
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            child = cast(Column[int], key.parent)
            parent = cast(Column[int], key.column)
            yield table, child, parent.table, parent, (key.ondelete or "").upper()


def _references(session: Session, _progress: Progress) -> Finding:
    found = repaired = 0
    for table, child, parent_table, parent, rule in _foreign_keys():
        gone = and_(
            child.is_not(None),
            ~exists().where(parent == child).correlate(table).select_from(parent_table),
        )
        count = session.scalar(select(func.count()).select_from(table).where(gone)) or 0
        if not count:
            continue
        found += count
        if rule == "SET NULL" or (table.name == "contacts" and child.name == "company_id"):
            result = session.execute(update(table).where(gone).values({child.name: None}))
        elif rule == "CASCADE":
            result = session.execute(delete(table).where(gone))
        else:
            continue
        repaired += result.rowcount or 0  # type: ignore[attr-defined]
        log.info("%d rows of %s pointed to a missing %s", count, table.name, parent_table.name)
    return Finding(REFERENCES, found=found, repaired=repaired)


def _keyset(
    session: Session, columns: Sequence[ColumnElement[Any]], table: Table
) -> Iterator[Sequence[Sequence[Any]]]:
    """The rows of `table` (its id first, then `columns`) in chunks, by id."""
    last_id = 0
    id_column = table.c.id
    while True:
        rows = session.execute(
            select(id_column, *columns).where(id_column > last_id).order_by(id_column).limit(CHUNK)
        ).all()
        if not rows:
            return
        last_id = rows[-1][0]
        yield rows


_COMPANIES = cast(Table, Company.__table__)
_CONTACTS = cast(Table, Contact.__table__)


def _name_keys(session: Session, _progress: Progress) -> Finding:
    found = 0
    for rows in _keyset(session, (_COMPANIES.c.name, _COMPANIES.c.name_key), _COMPANIES):
        wrong = [
            {"cid": row[0], "key": key}
            for row in rows
            if (key := normalize.name_key(row[1])) != row[2]
        ]
        if wrong:
            found += len(wrong)
            # Core, not the ORM: a repair is not an edit and must not bump versions.
            session.execute(
                update(_COMPANIES)
                .where(_COMPANIES.c.id == bindparam("cid"))
                .values(name_key=bindparam("key")),
                wrong,
            )
    return Finding(NAME_KEYS, found=found, repaired=found)


def _search(session: Session, progress: Progress) -> Finding:
    found = 0
    columns = (
        _COMPANIES.c.name,
        _COMPANIES.c.city,
        _COMPANIES.c.postcode,
        _COMPANIES.c.phone,
        _COMPANIES.c.domain,
        _COMPANIES.c.search_text,
    )
    for rows in _keyset(session, columns, _COMPANIES):
        progress.check()
        names = search_index.live_contact_names(session, [row[0] for row in rows])
        wrong = [
            row[0]
            for row in rows
            if company_search_text(
                name=row[1],
                city=row[2],
                postcode=row[3],
                phone=row[4],
                domain=row[5],
                contact_names=names.get(row[0], ()),
            )
            != row[6]
        ]
        if wrong:
            found += len(wrong)
            search_index.refresh(session, wrong)
    found += _contact_search(session)
    if not search_index.is_current(session):
        found += 1
        search_index.mark_current(session)
    return Finding(SEARCH, found=found, repaired=found)


def _contact_search(session: Session) -> int:
    found = 0
    c = _CONTACTS.c
    columns = (
        c.first_name,
        c.last_name,
        c.job_title,
        c.department,
        c.email,
        c.phone,
        c.mobile,
        c.name_key,
        c.search_text,
    )
    for rows in _keyset(session, columns, _CONTACTS):
        wrong = []
        for row in rows:
            key = contact_name_key(row[1], row[2])
            words = contact_search_text(
                first_name=row[1],
                last_name=row[2],
                job_title=row[3],
                department=row[4],
                email=row[5],
                phone=row[6],
                mobile=row[7],
            )
            if (key, words) != (row[8], row[9]):
                wrong.append({"pid": row[0], "key": key, "text": words})
        if wrong:
            found += len(wrong)
            session.execute(
                update(_CONTACTS)
                .where(_CONTACTS.c.id == bindparam("pid"))
                .values(name_key=bindparam("key"), search_text=bindparam("text")),
                wrong,
            )
    return found


def _full_text(session: Session, _progress: Progress) -> Finding:
    """SQLite's full-text indexes hold exactly the search text of their table."""
    if session.get_bind().dialect.name != "sqlite":
        return Finding(FULL_TEXT)  # PostgreSQL's are computed columns, always in step
    connection = session.connection()
    found = 0
    for table in FTS_TABLES:
        try:
            connection.exec_driver_sql(
                f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
            )
        except sa_exc.DatabaseError:
            found += 1
            connection.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            log.info("rebuilt the full-text index %s", table)
    return Finding(FULL_TEXT, found=found, repaired=found)
