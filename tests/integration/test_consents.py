"""Consents of consumers (UWG §7a), and the one condition every outreach list goes through."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import company, contact
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import ConsentChannel, ConsentMethod
from prospector.errors import ValidationFailed
from prospector.models import Contact
from prospector.services import consents, outreach
from prospector.services.consents import ConsentInput


def _consent(channel: ConsentChannel = ConsentChannel.PHONE, **fields: object) -> ConsentInput:
    values: dict[str, object] = {
        "channel": channel,
        "method": ConsentMethod.WRITTEN,
        "given_on": dt.date(2026, 11, 20),
        "recorded_by": "Anna Berger",
        "wording": "Ja, Sie dürfen mich zu Angeboten für Solaranlagen anrufen.",
    }
    values.update(fields)
    return ConsentInput(**values)  # type: ignore[arg-type]


def test_a_consent_is_recorded_listed_and_withdrawn_but_kept(db: Database) -> None:
    person = contact(db, None, "Schmidt", first_name="Eva", is_consumer=True)
    added = consents.add_consent(db, person.id, _consent()).value
    assert added.active
    assert added.keep_until == dt.date(2031, 11, 20)
    withdrawn = consents.withdraw_consent(db, added.id, on=dt.date(2026, 12, 6)).value
    assert withdrawn.withdrawn_on == dt.date(2026, 12, 6)
    assert withdrawn.keep_until == dt.date(2031, 12, 6)  # five years from the withdrawal
    with db.reading() as session:
        listed = consents.list_consents(session, person.id)
    assert [c.id for c in listed] == [added.id]
    assert listed[0].recorded_by == "Anna Berger"


def test_a_consent_from_the_future_is_refused(db: Database) -> None:
    person = contact(db, None, "Schmidt", is_consumer=True)
    later = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as caught:
        consents.add_consent(db, person.id, _consent(given_on=later))
    assert set(caught.value.problems) == {"given_on"}


def _reachable(db: Database, channel: ConsentChannel) -> list[str]:
    with db.reading() as session:
        return sorted(session.scalars(select(Contact.last_name).where(outreach.reachable(channel))))


def test_only_people_who_may_be_approached_pass_the_outreach_condition(db: Database) -> None:
    firm = company(db, "Müller GmbH")
    contact(db, firm.id, "Geschäftlich")
    contact(
        db, firm.id, "Widerspruch", do_not_contact=True, do_not_contact_since=dt.date(2026, 1, 5)
    )
    contact(db, None, "Verbraucher ohne", is_consumer=True)
    phone_ok = contact(db, None, "Verbraucher Telefon", is_consumer=True)
    consents.add_consent(db, phone_ok.id, _consent(ConsentChannel.PHONE))
    gone = contact(db, None, "Verbraucher widerrufen", is_consumer=True)
    consent = consents.add_consent(db, gone.id, _consent(ConsentChannel.PHONE)).value
    consents.withdraw_consent(db, consent.id)

    assert _reachable(db, ConsentChannel.PHONE) == ["Geschäftlich", "Verbraucher Telefon"]
    assert _reachable(db, ConsentChannel.EMAIL) == ["Geschäftlich"]


def test_a_person_erased_takes_their_consents_with_them(db: Database) -> None:
    from prospector.services.personal_data import erase_person

    person = contact(db, None, "Schmidt", is_consumer=True, email="eva@example.de")
    consents.add_consent(db, person.id, _consent())
    erase_person(db, person.id)
    with db.reading() as session:
        assert consents.list_consents(session, person.id) == []
