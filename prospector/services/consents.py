"""Consents of consumers to advertising (UWG §7a): recorded, listed, withdrawn, kept five years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import ConsentChannel, ConsentMethod
from prospector.errors import FieldProblem, NotFound, ValidationFailed
from prospector.models import Consent, Contact

# UWG §7a(2): the proof of a consent is kept five years from when it was given, and from
# each time it was used.
KEEP_FOR_YEARS = 5
WORDING_LIMIT = 2_000
NAME_LIMIT = 120


@dataclass(frozen=True)
class ConsentInput:
    """A consent as the user recorded it."""

    channel: ConsentChannel
    method: ConsentMethod
    given_on: dt.date
    recorded_by: str | None = None
    wording: str | None = None


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    contact_id: int
    channel: ConsentChannel
    method: ConsentMethod
    given_on: dt.date
    recorded_by: str | None
    wording: str | None
    withdrawn_on: dt.date | None
    version: int

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None

    @property
    def keep_until(self) -> dt.date:
        """Until when the proof must be kept (from the later of its grant and withdrawal)."""
        last = max(self.given_on, self.withdrawn_on or self.given_on)
        try:
            return last.replace(year=last.year + KEEP_FOR_YEARS)
        except ValueError:  # 29 February
            return last.replace(year=last.year + KEEP_FOR_YEARS, day=28)


def _record(consent: Consent) -> ConsentRecord:
    return ConsentRecord(
        id=consent.id,
        contact_id=consent.contact_id,
        channel=consent.channel,
        method=consent.method,
        given_on=consent.given_on,
        recorded_by=consent.recorded_by,
        wording=consent.wording,
        withdrawn_on=consent.withdrawn_on,
        version=consent.version,
    )


def list_consents(session: Session, contact_id: int) -> list[ConsentRecord]:
    """The person's consents, the newest first."""
    rows = session.scalars(
        select(Consent)
        .where(Consent.contact_id == contact_id)
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    )
    return [_record(row) for row in rows]


def _validated(data: ConsentInput, today: dt.date) -> ConsentInput:
    problems: dict[str, FieldProblem] = {}
    if data.given_on > today:
        problems["given_on"] = FieldProblem("future_date", "a consent cannot be given later")
    wording = (data.wording or "").strip() or None
    if wording is not None and len(wording) > WORDING_LIMIT:
        problems["wording"] = FieldProblem(
            "too_long", f"longer than {WORDING_LIMIT} characters", limit=WORDING_LIMIT
        )
    recorded_by = (data.recorded_by or "").strip() or None
    if recorded_by is not None and len(recorded_by) > NAME_LIMIT:
        problems["recorded_by"] = FieldProblem(
            "too_long", f"longer than {NAME_LIMIT} characters", limit=NAME_LIMIT
        )
    if problems:
        raise ValidationFailed(problems)
    return ConsentInput(data.channel, data.method, data.given_on, recorded_by, wording)


def add_consent(db: Database, contact_id: int, data: ConsentInput) -> Outcome[ConsentRecord]:
    """Record a consent the person gave."""
    data = _validated(data, dt.date.today())
    with db.writing() as session:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.deleted_at is not None:
            raise NotFound(entity="contact", id=contact_id)
        consent = Consent(
            contact_id=contact_id,
            channel=data.channel,
            method=data.method,
            given_on=data.given_on,
            recorded_by=data.recorded_by,
            wording=data.wording,
        )
        session.add(consent)
        session.flush()
        record = _record(consent)
    return Outcome(record, Changes(contacts=True))


def withdraw_consent(
    db: Database, consent_id: int, on: dt.date | None = None
) -> Outcome[ConsentRecord]:
    """Note that the person withdrew the consent (it stays as proof for five years)."""
    withdrawn = on or dt.date.today()
    with db.writing() as session:
        consent = session.get(Consent, consent_id)
        if consent is None:
            raise NotFound(entity="consent", id=consent_id)
        if consent.withdrawn_on is None:
            consent.withdrawn_on = max(withdrawn, consent.given_on)
            session.flush()
        record = _record(consent)
    return Outcome(record, Changes(contacts=True))
