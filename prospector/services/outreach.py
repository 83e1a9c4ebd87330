"""Who may be approached: the one condition every list for calls or mailings goes through."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, or_

from prospector.enums import ConsentChannel
from prospector.models import Consent, Contact


def reachable(channel: ConsentChannel) -> ColumnElement[bool]:
    """A live contact who may be approached on `channel` for advertising: no objection on
    record (Art. 21 GDPR), and a private person only with a consent for that channel that
    was not withdrawn (UWG §7(2)). A business contact needs no consent for a call that its
    presumed interest covers; an objection stops everything."""
    consented = exists().where(
        Consent.contact_id == Contact.id,
        Consent.channel == channel,
        Consent.withdrawn_on.is_(None),
    )
    return and_(
        Contact.deleted_at.is_(None),
        Contact.do_not_contact.is_(False),
        or_(Contact.is_consumer.is_(False), consented),
    )
