"""A person's data under the GDPR: all of it in one file (Art. 15), and erasure (Art. 17)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import os
import secrets
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from prospector import search_index, suppression
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import NotFound
from prospector.models import (
    Activity,
    Company,
    Consent,
    Contact,
    ImportBatch,
    ImportChange,
    LeadEvent,
    Opportunity,
    Qualification,
    Setting,
    Suppression,
    TeamMember,
)
from prospector.services.qualification import restage

log = logging.getLogger(__name__)

SALT_KEY = "suppression_salt"
FORMAT = "prospector-person-data/1"


@dataclass(frozen=True)
class Erasure:
    """What erasing a person removed, and the hashes kept so that no import brings them back."""

    contact_id: int
    company_id: int | None
    activities: int
    suppressed: int


def _plain(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _columns(record: object) -> dict[str, object]:
    table = record.__table__  # type: ignore[attr-defined]
    return {column.key: _plain(getattr(record, column.key)) for column in table.columns}


def _contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(entity="contact", id=contact_id)
    return contact


def person_data(session: Session, contact_id: int) -> dict[str, Any]:
    """Everything stored about one person: every field, their company as it names them, their
    activities, qualification and opportunities, who in the team has them, and where the
    data came from (the import that brought them)."""
    contact = _contact(session, contact_id)
    data: dict[str, Any] = {
        "format": FORMAT,
        "prepared_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "person": _columns(contact),
    }
    if contact.company_id is not None:
        company = session.get(Company, contact.company_id)
        data["company"] = _columns(company) if company is not None else None
    if contact.owner_id is not None:
        owner = session.get(TeamMember, contact.owner_id)
        data["owner"] = owner.name if owner is not None else None
    data["activities"] = [
        _columns(activity)
        for activity in session.scalars(
            select(Activity).where(Activity.contact_id == contact_id).order_by(Activity.id)
        )
    ]
    qualification = session.scalar(
        select(Qualification).where(Qualification.contact_id == contact_id)
    )
    data["qualification"] = _columns(qualification) if qualification is not None else None
    data["lead_history"] = [
        _columns(event)
        for event in session.scalars(
            select(LeadEvent).where(LeadEvent.contact_id == contact_id).order_by(LeadEvent.id)
        )
    ]
    data["opportunities"] = [
        _columns(opportunity)
        for opportunity in session.scalars(
            select(Opportunity).where(Opportunity.contact_id == contact_id).order_by(Opportunity.id)
        )
    ]
    data["consents"] = [
        _columns(consent)
        for consent in session.scalars(
            select(Consent).where(Consent.contact_id == contact_id).order_by(Consent.id)
        )
    ]
    if contact.import_batch_id is not None:
        batch = session.get(ImportBatch, contact.import_batch_id)
        if batch is not None:
            data["import"] = {
                "file_name": batch.file_name,
                "sheet": batch.sheet,
                "imported_at": _plain(batch.started_at),
            }
    return data


def export_person(db: Database, contact_id: int, target: Path) -> Path:
    """Write the person's data (person_data) as a JSON file; whole or not at all."""
    with db.snapshot() as session:
        data = person_data(session, contact_id)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        with temporary.open("x", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    log.info("wrote the data of contact %d (GDPR Art. 15)", contact_id)
    return target


def salt(session: Session) -> str:
    """The database's own key for the hashes (made on first use): the same person gives
    other hashes in another database."""
    setting = session.get(Setting, SALT_KEY)
    if setting is None:
        setting = Setting(key=SALT_KEY, value=secrets.token_hex(16))
        session.add(setting)
        session.flush()
    return str(setting.value)


def suppressed_digests(session: Session, candidates: set[str]) -> set[str]:
    """Those of the candidate hashes that belong to an erased person."""
    found: set[str] = set()
    ordered = sorted(candidates)
    for start in range(0, len(ordered), 900):
        chunk = ordered[start : start + 900]
        found.update(
            session.scalars(select(Suppression.digest).where(Suppression.digest.in_(chunk)))
        )
    return found


def erase_person(db: Database, contact_id: int) -> Outcome[Erasure]:
    """Delete the person with their activities and qualification (not undoable: the point is
    that nothing is left), keeping only keyed hashes of their e-mail address and phone
    numbers, which stop a later import from bringing them back. Their company, and its
    opportunities, stay."""
    with db.writing() as session:
        contact = _contact(session, contact_id)
        company_id = contact.company_id
        kept = suppression.digests(salt(session), contact.email, (contact.phone, contact.mobile))
        known = suppressed_digests(session, {digest for _kind, digest in kept})
        for kind, digest in kept:
            if digest not in known:
                session.add(Suppression(kind=kind, digest=digest))
                known.add(digest)
        activities = session.execute(
            delete(Activity).where(Activity.contact_id == contact_id)
        ).rowcount  # type: ignore[attr-defined]
        # An import's record of the person's values before it changed them.
        session.execute(
            delete(ImportChange).where(
                ImportChange.entity == "contact", ImportChange.entity_id == contact_id
            )
        )
        session.delete(contact)
        session.flush()
        search_index.refresh(session, [company_id])  # the company's search named the person
        restage(session, {company_id})  # the person may have been its lead
    log.info("erased contact %d (GDPR Art. 17)", contact_id)
    erasure = Erasure(
        contact_id=contact_id,
        company_id=company_id,
        activities=int(activities or 0),
        suppressed=len(kept),
    )
    changes = Changes.to_companies([company_id], contacts=True, activities=True, trash=True)
    return Outcome(erasure, changes)
