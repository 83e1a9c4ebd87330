"""Team members, tags and a company's history through the services, on every database kind."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories
import pytest

from prospector.db import Database
from prospector.enums import ActivityKind, ActivityOutcome, TeamRole
from prospector.errors import FieldProblem, NotFound, ValidationFailed
from prospector.models import Activity
from prospector.services import activities, companies, tags, team


def test_team_members_are_stored_and_listed_by_name(db: Database) -> None:
    with db.writing() as session:
        created = team.create_team_member(
            session, "  Zoe   Krause ", TeamRole.FIELD_SALES, Decimal("32.5"), " Zoe@Example.DE "
        )
        team.create_team_member(session, "ärne Berg", TeamRole.INSIDE_SALES)
        team.create_team_member(session, "Anna Schmidt", TeamRole.AGENCY, Decimal(10))
    assert created == team.TeamMemberRecord(
        id=created.id,
        name="Zoe Krause",
        role=TeamRole.FIELD_SALES,
        weekly_hours=Decimal("32.5"),
        email="zoe@example.de",
        active=True,
        version=1,
    )
    with db.reading() as session:
        listed = team.list_team_members(session)
    assert [m.name for m in listed] == ["ärne Berg", "Anna Schmidt", "Zoe Krause"]
    assert listed[0].weekly_hours == Decimal(0)


def test_inactive_members_are_listed_only_on_request(db: Database) -> None:
    kept = factories.team_member(db, "Anna")
    gone = factories.team_member(db, "Bert", TeamRole.FIELD_SALES, active=False)
    with db.reading() as session:
        assert [m.id for m in team.list_team_members(session)] == [kept.id]
        assert [m.id for m in team.list_team_members(session, active_only=False)] == [
            kept.id,
            gone.id,
        ]


@pytest.mark.parametrize(
    ("name", "hours", "email", "field", "code"),
    [
        ("   ", Decimal(0), None, "name", "required"),
        ("x" * 121, Decimal(0), None, "name", "too_long"),
        ("Anna", Decimal(-1), None, "weekly_hours", "negative"),
        ("Anna", Decimal(169), None, "weekly_hours", "too_many_hours"),
        ("Anna", Decimal("Infinity"), None, "weekly_hours", "number_invalid"),
        ("Anna", Decimal(0), "anna-at-example", "email", "email_invalid"),
    ],
)
def test_invalid_team_members_are_refused(
    db: Database, name: str, hours: Decimal, email: str | None, field: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as info, db.writing() as session:
        team.create_team_member(session, name, TeamRole.INSIDE_SALES, hours, email)
    assert list(info.value.problems) == [field]
    assert info.value.problems[field].code == code
    with db.reading() as session:
        assert team.list_team_members(session, active_only=False) == []


def test_a_team_member_name_is_unique_regardless_of_case(db: Database) -> None:
    factories.team_member(db, "Jörg Weiß", TeamRole.FIELD_SALES)
    with pytest.raises(ValidationFailed) as info, db.writing() as session:
        team.create_team_member(session, "JÖRG  WEISS", TeamRole.AGENCY)
    assert info.value.problems == {
        "name": FieldProblem("duplicate", "", value="JÖRG WEISS"),
    }
    with db.reading() as session:
        assert len(team.list_team_members(session)) == 1


def test_ensure_tags_cleans_matches_and_creates(db: Database) -> None:
    with db.writing() as session:
        first = tags.ensure_tags(session, ["Messe 2024", "Bestandskunde"])
    with db.writing() as session:
        second = tags.ensure_tags(
            session, ["  bestandskunde ", "", "Neu   im Markt", "MESSE 2024", "neu im markt", " "]
        )
    with db.reading() as session:
        vocabulary = tags.list_tags(session)
    names = {t.id: t.name for t in vocabulary}
    assert [names[i] for i in first] == ["Messe 2024", "Bestandskunde"]
    # In the order named, each once; the existing tags found whatever the case and spaces.
    assert [names[i] for i in second] == ["Bestandskunde", "Neu im Markt", "Messe 2024"]
    assert (second[0], second[2]) == (first[1], first[0])
    assert [t.name for t in vocabulary] == ["Bestandskunde", "Messe 2024", "Neu im Markt"]


def test_tags_are_listed_case_insensitively_with_umlauts(db: Database) -> None:
    with db.writing() as session:
        tags.ensure_tags(session, ["zulieferer", "Ärzte", "Automotive", "ölindustrie", "Bau"])
    with db.reading() as session:
        names = [t.name for t in tags.list_tags(session)]
    assert names == ["Ärzte", "Automotive", "Bau", "ölindustrie", "zulieferer"]


def test_an_overlong_tag_is_refused_and_nothing_is_stored(db: Database) -> None:
    with pytest.raises(ValidationFailed) as info, db.writing() as session:
        tags.ensure_tags(session, ["ok", "x" * 81])
    assert info.value.problems["tags"].code == "too_long"
    with db.reading() as session:
        assert tags.list_tags(session) == []


def test_set_company_tags_replaces_the_links_only(db: Database) -> None:
    company_id, other_id = factories.companies(db, "Alpha GmbH", "Beta KG")
    with db.writing() as session:
        stored = tags.set_company_tags(session, company_id, ["Messe 2024", "Kunde", "kunde"])
        tags.set_company_tags(session, other_id, ["Kunde"])
    assert [t.name for t in stored] == ["Kunde", "Messe 2024"]
    with db.writing() as session:
        stored = tags.set_company_tags(session, company_id, ["messe 2024", "Neu"])
    assert [t.name for t in stored] == ["Messe 2024", "Neu"]
    with db.reading() as session:
        assert [t.name for t in tags.company_tags(session, company_id)] == ["Messe 2024", "Neu"]
        assert [t.name for t in tags.company_tags(session, other_id)] == ["Kunde"]
        # The removed tag stays in the vocabulary for the other company and for later.
        assert [t.name for t in tags.list_tags(session)] == ["Kunde", "Messe 2024", "Neu"]
        # Tagging does not count as an edit of the company: its version is unchanged.
        assert companies.get_company(session, company_id).version == 1
    with db.writing() as session:
        assert tags.set_company_tags(session, company_id, []) == []
    with db.reading() as session:
        assert tags.company_tags(session, company_id) == []


def test_tags_of_a_missing_company_are_refused(db: Database) -> None:
    with pytest.raises(NotFound), db.writing() as session:
        tags.set_company_tags(session, 4711, ["Kunde"])
    with db.reading() as session:
        assert tags.list_tags(session) == []


def test_tags_go_with_a_deleted_company(db: Database) -> None:
    company_id = factories.company(db, "Alpha GmbH").id
    with db.writing() as session:
        tags.set_company_tags(session, company_id, ["Kunde"])
    with db.writing() as session:
        companies.delete_company(session, company_id)
    with db.reading() as session:
        assert tags.company_tags(session, company_id) == []
        assert [t.name for t in tags.list_tags(session)] == ["Kunde"]


def test_activities_are_listed_newest_first(db: Database) -> None:
    company_id, other_id, quiet_id = factories.companies(db, "Alpha GmbH", "Beta KG", "Gamma AG")
    day = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
    with db.writing() as session:
        session.add_all(
            [
                Activity(
                    company_id=company_id,
                    kind=ActivityKind.CALL,
                    subject="Erstkontakt",
                    done_at=day,
                    outcome=ActivityOutcome.REACHED,
                ),
                Activity(
                    company_id=company_id,
                    kind=ActivityKind.MEETING,
                    subject="Vor-Ort-Termin",
                    due_at=day + dt.timedelta(days=14),
                ),
                Activity(
                    company_id=company_id,
                    kind=ActivityKind.EMAIL,
                    subject="Unterlagen",
                    done_at=day + dt.timedelta(days=2),
                    outcome=ActivityOutcome.INFO_SENT,
                ),
                Activity(company_id=other_id, kind=ActivityKind.NOTE, subject="Andere Firma"),
            ]
        )
    with db.reading() as session:
        listed = activities.list_activities(session, company_id)
        assert activities.list_activities(session, quiet_id) == []
    assert [a.subject for a in listed] == ["Vor-Ort-Termin", "Unterlagen", "Erstkontakt"]
    assert listed[0].when == day + dt.timedelta(days=14)
    assert not listed[0].is_done
    assert listed[2].outcome is ActivityOutcome.REACHED
    assert listed[2].when == day


def test_a_tag_created_meanwhile_by_someone_else_is_reused(db: Database) -> None:
    with db.writing() as session:
        (kunde,) = tags.ensure_tags(session, ["Kunde"])
    # As if another session inserted "Kunde" after this one read the vocabulary: the insert
    # fails inside its savepoint and the transaction carries on with the stored tag.
    with db.writing() as session:
        assert tags._create(session, "Kunde") == kunde
        assert tags.ensure_tags(session, ["Neu"]) != [kunde]
    with db.reading() as session:
        assert [t.name for t in tags.list_tags(session)] == ["Kunde", "Neu"]
