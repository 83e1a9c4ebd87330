"""Target personas: stored, validated, and matched to contacts by job title."""

from __future__ import annotations

import factories
import pytest
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import DecisionRole
from prospector.errors import ConcurrentEdit, ValidationFailed
from prospector.models import Contact
from prospector.services import personas
from prospector.services.personas import PersonaRecord

BUYER = PersonaRecord(
    "Einkauf",
    titles=("Einkaufsleiter", "Leiter Einkauf", "Head of Procurement", "  Einkaufsleiter "),
    keywords=("Einkauf", "Beschaffung", "Procurement"),
    department="Einkauf",
    decision_role=DecisionRole.DECISION_MAKER,
    budget_authority=True,
    pains="Lieferengpässe\nPreisdruck",
)
OWNER = PersonaRecord(
    "Geschäftsführung",
    titles=("Geschäftsführer", "Inhaber", "Managing Director", "CEO"),
    keywords=("Geschäftsführung",),
)


def _people(db: Database) -> dict[str, int]:
    company = factories.company(db, "Muster GmbH").id
    titles = {
        "Meier": "Leiterin Einkauf",
        "Schulze": "Head of Global Procurement",
        "Becker": "Geschäftsführender Gesellschafter",
        "Wolf": "Assistentin der Geschäftsführung",
        "Krause": "Buchhaltung",
        "Lang": None,
    }
    found = {}
    with db.writing() as session:
        for last, title in titles.items():
            found[last] = factories.contact(session, company, last, job_title=title).id
    return found


def test_a_persona_is_stored_with_its_titles_once_each(db: Database) -> None:
    saved = personas.save_persona(db, BUYER).value
    assert saved.id is not None
    with db.reading() as session:
        (stored,) = personas.list_personas(session)
    assert stored.titles == ("Einkaufsleiter", "Leiter Einkauf", "Head of Procurement")
    assert stored.decision_role is DecisionRole.DECISION_MAKER
    assert stored.budget_authority
    assert stored.pains == "Lieferengpässe\nPreisdruck"


def test_names_are_required_unique_and_edits_do_not_overwrite_a_colleagues(db: Database) -> None:
    first = personas.save_persona(db, BUYER).value
    with pytest.raises(ValidationFailed) as taken:
        personas.save_persona(db, PersonaRecord("EINKAUF"))
    assert taken.value.problems["name"].code == "duplicate"
    with pytest.raises(ValidationFailed):
        personas.save_persona(db, PersonaRecord(" "))
    mine = personas.save_persona(db, PersonaRecord("Einkauf", id=first.id, version=first.version))
    assert mine.value.version == (first.version or 0) + 1
    with pytest.raises(ConcurrentEdit):
        personas.save_persona(db, PersonaRecord("Einkauf 2", id=first.id, version=first.version))


def test_contacts_are_matched_by_german_and_english_titles(db: Database) -> None:
    people = _people(db)
    buyer = personas.save_persona(db, BUYER).value
    owner = personas.save_persona(db, OWNER).value
    with db.reading() as session:
        found = {s.contact_id: s for s in personas.suggest_personas(session)}
    assert {cid: s.persona_id for cid, s in found.items() if s.score >= 80} == {
        people["Meier"]: buyer.id,
        people["Schulze"]: buyer.id,
        people["Becker"]: owner.id,
    }
    assert people["Krause"] not in found
    assert people["Lang"] not in found
    # An assistant of the managing director is not the managing director.
    assistant = found.get(people["Wolf"])
    assert assistant is None or assistant.score < 80
    assert found[people["Meier"]].reason == "Leiter Einkauf"


def test_confirmed_matches_are_assigned_in_one_go_and_never_overwrite(db: Database) -> None:
    people = _people(db)
    buyer = personas.save_persona(db, BUYER).value
    owner = personas.save_persona(db, OWNER).value
    assert buyer.id is not None
    assert owner.id is not None
    with db.writing() as session:
        contact = session.get_one(Contact, people["Becker"])
        contact.persona_id = owner.id  # chosen by a colleague meanwhile
    outcome = personas.assign_personas(
        db,
        [(people["Meier"], buyer.id), (people["Schulze"], buyer.id), (people["Becker"], buyer.id)],
    )
    assert outcome.value == 2
    assert outcome.changes.contacts
    with db.reading() as session:
        rows = dict(session.execute(select(Contact.last_name, Contact.persona_id)).all())
        versions = dict(session.execute(select(Contact.last_name, Contact.version)).all())
        left = personas.suggest_personas(session)
    assert rows["Meier"] == buyer.id
    assert rows["Becker"] == owner.id
    assert versions["Meier"] == 2  # an edit a colleague's open form must notice
    assert people["Meier"] not in {s.contact_id for s in left}


def test_deleting_a_persona_frees_its_contacts(db: Database) -> None:
    people = _people(db)
    buyer = personas.save_persona(db, BUYER).value
    assert buyer.id is not None
    personas.assign_personas(db, [(people["Meier"], buyer.id)])
    assert personas.delete_persona(db, buyer.id).value == 1
    with db.reading() as session:
        assert session.get_one(Contact, people["Meier"]).persona_id is None
        assert personas.list_personas(session) == []
