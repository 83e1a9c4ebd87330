"""The contact list in SQL: search, the filter for people without a company, sort and windows,
on every database kind."""

from __future__ import annotations

import factories
import pytest

from prospector.db import Database
from prospector.enums import LeadStatus
from prospector.records import ContactInput
from prospector.services import contact_query, contacts
from prospector.services.contact_query import ContactFilter


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    """Five people: three at two companies, two without one; their ids by last name."""
    with db.writing() as session:
        foerde = factories.company(session, "Förde Druck KG").id
        alpen = factories.company(session, "Alpenblick Logistik AG").id
        made = [
            factories.contact(
                session,
                foerde,
                "Müller",
                first_name="Jörg",
                job_title="Geschäftsführer",
                phone="0431 123456",
                lead_status=LeadStatus.LEAD,
            ),
            factories.contact(session, foerde, "Weber", email="weber@foerde-druck.de"),
            factories.contact(session, alpen, "Zander", first_name="Anna"),
            factories.contact(session, None, "Özdemir", first_name="Ayşe"),
            factories.contact(session, None, "Becker", job_title="Einkauf"),
        ]
    return {person.last_name: person.id for person in made}


def _names(db: Database, flt: ContactFilter | None = None, **window: object) -> list[str]:
    with db.reading() as session:
        rows = contact_query.list_contact_rows(session, flt, **window)  # type: ignore[arg-type]
    return [row.last_name for row in rows]


def _count(db: Database, flt: ContactFilter | None = None) -> int:
    with db.reading() as session:
        return contact_query.count_contacts(session, flt)


def test_everyone_is_listed_by_name_with_their_company(
    db: Database, people: dict[str, int]
) -> None:
    # Folded names sort as a German reader expects: Özdemir among the O, not after Z.
    assert _names(db) == ["Becker", "Müller", "Özdemir", "Weber", "Zander"]
    with db.reading() as session:
        rows = {r.last_name: r for r in contact_query.list_contact_rows(session)}
    assert rows["Müller"].company == "Förde Druck KG"
    assert (rows["Özdemir"].company, rows["Özdemir"].company_id) == (None, None)
    assert (rows["Müller"].first_name, rows["Müller"].job_title) == ("Jörg", "Geschäftsführer")
    assert (rows["Müller"].phone, rows["Müller"].lead_status) == ("+49431123456", LeadStatus.LEAD)
    assert _count(db) == 5


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("muller", ["Müller"]),
        ("Müller", ["Müller"]),
        ("mueller", ["Müller"]),
        ("jorg mul", ["Müller"]),
        ("geschaftsfuhrer", ["Müller"]),
        ("0431 1234", ["Müller"]),
        ("foerde-druck", ["Weber"]),
        ("ayse", ["Özdemir"]),
        ("o", ["Özdemir"]),  # one letter: names that begin with it
        ("einkauf", ["Becker"]),
        ("nobody", []),
    ],
)
def test_the_search_folds_and_finds_word_beginnings(
    db: Database, people: dict[str, int], query: str, found: list[str]
) -> None:
    assert _names(db, ContactFilter(query=query)) == found
    assert _count(db, ContactFilter(query=query)) == len(found)


def test_only_people_without_a_company(db: Database, people: dict[str, int]) -> None:
    alone = ContactFilter(without_company=True)
    assert _names(db, alone) == ["Becker", "Özdemir"]
    assert _count(db, alone) == 2
    assert _names(db, ContactFilter(query="einkauf", without_company=True)) == ["Becker"]
    assert _names(db, ContactFilter(query="weber", without_company=True)) == []
    assert _names(db, alone, sort="company", descending=True) == ["Özdemir", "Becker"]


def test_sorting_by_company_puts_people_without_one_last(
    db: Database, people: dict[str, int]
) -> None:
    assert _names(db, sort="company") == ["Zander", "Müller", "Weber", "Becker", "Özdemir"]
    assert _names(db, sort="company", descending=True) == [
        "Weber",
        "Müller",
        "Zander",
        "Özdemir",
        "Becker",
    ]


@pytest.mark.parametrize(("offset", "limit"), [(0, 2), (2, 2), (3, 2), (4, 5), (5, 2), (1, 10)])
def test_windows_sorted_by_company_join_up(
    db: Database, people: dict[str, int], offset: int, limit: int
) -> None:
    whole = ["Zander", "Müller", "Weber", "Becker", "Özdemir"]
    assert _names(db, sort="company", offset=offset, limit=limit) == whole[offset : offset + limit]


def test_sorting_by_email_and_lead_status(db: Database, people: dict[str, int]) -> None:
    assert _names(db, sort="email")[0] == "Weber"  # the only address; the empty ones follow
    assert _names(db, sort="email", descending=True)[0] == "Weber"
    assert _names(db, sort="lead_status", descending=True)[0] == "Müller"  # "lead" > "contact"


def test_first_window_counts_only_a_full_window(db: Database, people: dict[str, int]) -> None:
    with db.reading() as session:
        short = contact_query.first_window(session, limit=10)
        full = contact_query.first_window(session, limit=2)
    assert (short.total, len(short.rows)) == (5, 5)
    assert (full.total, [r.last_name for r in full.rows]) == (5, ["Becker", "Müller"])


def test_a_long_list_is_read_window_by_window(db: Database) -> None:
    with db.writing() as session:
        contacts.create_contacts(
            session,
            (ContactInput(company_id=None, last_name=f"Person {i:03d}") for i in range(250)),
        )
    assert _names(db, offset=240, limit=20) == [f"Person {i:03d}" for i in range(240, 250)]
    assert _count(db, ContactFilter(query="person")) == 250
