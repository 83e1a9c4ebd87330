"""Keep companies.search_text current and turn a query into a filter on companies."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from prospector.bulk_load import SEARCH_INDEXES
from prospector.contact_search import contact_name_key, contact_search_text
from prospector.models import Company, Contact, Setting
from prospector.progress import Progress
from prospector.search import LETTER, SEARCH_VERSION, company_search_text

log = logging.getLogger(__name__)

VERSION_KEY = "search_version"
CHUNK = 2_000
_COMPANIES = cast(Table, Company.__table__)
_CONTACTS = cast(Table, Contact.__table__)


def contact_name(first: str | None, last: str | None) -> str:
    return " ".join(part for part in (first, last) if part)


def live_contact_names(session: Session, company_ids: Sequence[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(Contact.company_id, Contact.first_name, Contact.last_name).where(
            Contact.company_id.in_(company_ids), Contact.deleted_at.is_(None)
        )
    )
    for company_id, first, last in rows:
        if company_id is not None:
            names[company_id].append(contact_name(first, last))
    return names


def refresh(session: Session, company_ids: Iterable[int | None]) -> None:
    """Recompute the search text of these companies (after they or their contacts changed);
    None stands for no company (a contact without one) and is passed over."""
    ids = sorted({ident for ident in company_ids if ident is not None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        session.flush()
        names = live_contact_names(session, chunk)
        rows = session.execute(
            select(
                Company.id,
                Company.name,
                Company.city,
                Company.postcode,
                Company.phone,
                Company.domain,
            ).where(Company.id.in_(chunk))
        ).all()
        values = [
            {
                "cid": row.id,
                "text": company_search_text(
                    name=row.name,
                    city=row.city,
                    postcode=row.postcode,
                    phone=row.phone,
                    domain=row.domain,
                    contact_names=names.get(row.id, ()),
                ),
            }
            for row in rows
        ]
        if values:
            # Core, not the ORM: re-indexing is not an edit and must not bump versions.
            session.connection().execute(
                update(_COMPANIES)
                .where(_COMPANIES.c.id == bindparam("cid"))
                .values(search_text=bindparam("text")),
                values,
            )


def _rekey_contacts(session: Session) -> None:
    """Recompute every contact's sort key and search words (see prospector.contact_search)."""
    last_id = 0
    while True:
        rows = session.execute(
            select(
                Contact.id,
                Contact.first_name,
                Contact.last_name,
                Contact.job_title,
                Contact.department,
                Contact.email,
                Contact.phone,
                Contact.mobile,
            )
            .where(Contact.id > last_id)
            .order_by(Contact.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        last_id = rows[-1].id
        # Core, not the ORM: re-keying is not an edit and must not bump versions.
        session.connection().execute(
            update(_CONTACTS)
            .where(_CONTACTS.c.id == bindparam("pid"))
            .values(name_key=bindparam("key"), search_text=bindparam("text")),
            [
                {
                    "pid": row.id,
                    "key": contact_name_key(row.first_name, row.last_name),
                    "text": contact_search_text(
                        first_name=row.first_name,
                        last_name=row.last_name,
                        job_title=row.job_title,
                        department=row.department,
                        email=row.email,
                        phone=row.phone,
                        mobile=row.mobile,
                    ),
                }
                for row in rows
            ],
        )


def rebuild(session: Session, progress: Progress | None = None) -> int:
    """Recompute the search text of every company, and the search words of every contact;
    returns how many companies."""
    ids = list(session.scalars(select(Company.id).order_by(Company.id)))
    for start in range(0, len(ids), CHUNK):
        refresh(session, ids[start : start + CHUNK])
        if progress is not None:
            progress.step(min(start + CHUNK, len(ids)), len(ids))
    _rekey_contacts(session)
    mark_current(session)
    return len(ids)


def mark_current(session: Session) -> None:
    """Note that the search text is of the current SEARCH_VERSION."""
    setting = session.get(Setting, VERSION_KEY)
    if setting is None:
        session.add(Setting(key=VERSION_KEY, value=SEARCH_VERSION))
    else:
        setting.value = SEARCH_VERSION
    session.flush()


def is_current(session: Session) -> bool:
    setting = session.get(Setting, VERSION_KEY)
    return setting is not None and setting.value == SEARCH_VERSION


def match(dialect: str, kind: str) -> ColumnElement[bool]:
    """The condition on companies for a search of `kind` (search.LETTER or search.WORDS) in the
    SQL of `dialect`, its values left as bind parameters: search.search_parameters gives them.
    One statement then serves every keystroke of the same kind."""
    return search_condition(Company, dialect, kind)


def search_condition(
    model: type[Company] | type[Contact], dialect: str, kind: str
) -> ColumnElement[bool]:
    """match() for the companies or the persons: by name key for one letter, else through the
    table's search index (SQLite's FTS5 table, PostgreSQL's stored search vector)."""
    if kind == LETTER:
        return and_(
            model.name_key >= bindparam("search_low", type_=String),
            model.name_key < bindparam("search_high", type_=String),
        )
    table = model.__tablename__
    if dialect == "sqlite":
        index = SEARCH_INDEXES[table]
        matching: Any = text(
            f"SELECT rowid FROM {index} WHERE {index} MATCH :search_match"
        ).columns(column("rowid", Integer))
        return model.id.in_(matching)
    # The stored to_tsvector('simple', search_text) of migration 0006, which the models
    # leave out: SQLite has no such column.
    simple: ColumnElement[Any] = literal_column("'simple'")
    vector: ColumnElement[Any] = literal_column(f"{table}.search_vector")
    return vector.op("@@")(func.to_tsquery(simple, bindparam("search_match", type_=String)))
