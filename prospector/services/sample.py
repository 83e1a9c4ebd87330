"""Load the German sample companies into the database, once, on the user's request."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import ColumnElement, delete, exists, func, select
from sqlalchemy.orm import Session

from prospector import nurturing
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import CompanyStage, LeadStatus, TeamRole
from prospector.models import (
    Base,
    Cadence,
    CadenceRun,
    Company,
    CompanyTag,
    Contact,
    IdealCustomerProfile,
    LeadSource,
    Persona,
    Tag,
    TeamMember,
)
from prospector.progress import Progress
from prospector.records import SampleLoadResult
from prospector.sampledata import targeting
from prospector.sampledata.generate import SOURCE, SampleCompany
from prospector.sampledata.load import read_sample
from prospector.services import companies, company_bulk, contacts, fit_scores, personas
from prospector.services.profiles import active_profile
from prospector.services.sample_deals import add_sample_deals
from prospector.services.sample_touches import add_sample_touches

# A small sales team with the hours a week each has for qualifying calls: a little short of
# what the sample's backlog needs, so that the capacity planner has something to say.
SAMPLE_TEAM = (
    ("Anna Berger", TeamRole.FIELD_SALES, Decimal(2)),
    ("Tim Krause", TeamRole.INSIDE_SALES, Decimal(5)),
    ("Vertriebsagentur Nord", TeamRole.AGENCY, Decimal(4)),
)
# Hours for qualifying are part of a week; an agency dials faster and reaches fewer.
SAMPLE_RATES = {
    "Anna Berger": (Decimal(8), 30),
    "Tim Krause": (Decimal(12), 25),
    "Vertriebsagentur Nord": (Decimal(15), 20),
}
SAMPLE_TAGS = ("Messe 2026", "Newsletter")
# Sample persons are matched to the sample personas when the title fits them for sure.
CONFIDENT_MATCH = 80

# Companies per step: often enough for a smooth progress bar and a prompt cancel.
CHUNK = 50


def load_sample_data(
    db: Database, progress: Progress | None = None, path: Path | None = None
) -> Outcome[SampleLoadResult]:
    """Add the sample companies, contacts and team in one transaction; a cancel (Cancelled)
    leaves the database as it was."""
    with db.writing() as session:
        result = _load(session, progress, path)
        if progress is not None:
            progress.check()  # a cancel up to the last moment still rolls everything back
    changes = Changes(
        companies=True,
        contacts=True,
        tags=True,
        team=True,
        profiles=True,
        opportunities=True,
        activities=True,
    )
    return Outcome(result, changes)


def _load(session: Session, progress: Progress | None, path: Path | None) -> SampleLoadResult:
    samples = read_sample(path)
    total = len(samples)
    company_count = contact_count = 0
    loaded: list[int] = []
    owners = [*_sample_team(session), None]
    if progress is not None:
        progress.step(0, total)
    for start in range(0, total, CHUNK):
        chunk = samples[start : start + CHUNK]
        ids = companies.create_companies(
            session,
            (
                dataclasses.replace(
                    sample.company,
                    owner_id=owners[(start + i) % len(owners)],
                    source=targeting.source_of(start + i, _is_customer(start + i)),
                )
                for i, sample in enumerate(chunk)
            ),
        )
        _mark(session, start, chunk, ids)
        loaded.extend(ids)
        contact_count += contacts.create_contacts(
            session,
            (
                dataclasses.replace(person, company_id=company_id)
                for sample, company_id in zip(chunk, ids, strict=True)
                for person in sample.contacts
            ),
        )
        company_count += len(ids)
        if progress is not None:
            progress.step(company_count, total)
    _targeting(session)
    add_sample_deals(session, loaded, dt.date.today())
    add_sample_touches(session, loaded, dt.date.today())
    return SampleLoadResult(companies=company_count, contacts=contact_count)


def _targeting(session: Session) -> None:
    """The sample's ideal customer (active, unless the user has a profile) and its personas
    (those the user has not named alike), contacts matched to them, companies scored."""
    taken = {name.casefold() for name in session.scalars(select(Persona.name))}
    for name, titles, keywords, role, budget, pains, talking_points in targeting.PERSONAS:
        if name.casefold() not in taken:
            session.add(
                Persona(
                    name=name,
                    title_patterns=list(titles),
                    keywords=list(keywords),
                    decision_role=role,
                    budget_authority=budget,
                    pains=pains,
                    talking_points=talking_points,
                )
            )
    priced = set(session.scalars(select(LeadSource.name)))
    for name, cost in targeting.SOURCES:
        if name not in priced:
            session.add(LeadSource(name=name, cost_eur=cost))
    session.flush()
    pairs = [
        (s.contact_id, s.persona_id)
        for s in personas.suggest_personas(session)
        if s.score >= CONFIDENT_MATCH
    ]
    personas.apply_personas(session, pairs)
    profile = targeting.PROFILE
    names = {name.casefold() for name in session.scalars(select(IdealCustomerProfile.name))}
    if profile.name.casefold() not in names:
        session.add(
            IdealCustomerProfile(
                name=profile.name,
                active=not names,
                criteria=profile.criteria_json(),
                description=profile.description,
                markets=profile.markets,
                pain_points=profile.pain_points,
                value_proposition=profile.value_proposition,
            )
        )
        session.flush()
    fit_scores.refresh_all(session, active_profile(session))


def _sample_team(session: Session) -> list[int]:
    """The sample team's ids, created the first time."""
    ids = []
    for name, role, hours in SAMPLE_TEAM:
        member = session.scalar(select(TeamMember).where(TeamMember.name == name))
        if member is None:
            calls, reach = SAMPLE_RATES[name]
            member = TeamMember(
                name=name,
                role=role,
                weekly_hours=hours,
                calls_per_hour=calls,
                reach_percent=reach,
            )
            session.add(member)
            session.flush()
        ids.append(member.id)
    return ids


def _is_customer(index: int) -> bool:
    return index % 23 == 5


def _mark(session: Session, start: int, chunk: list[SampleCompany], ids: list[int]) -> None:
    """Stages and tags as a firm a few months into prospecting would have them."""
    leads = [
        company_id
        for sample, company_id in zip(chunk, ids, strict=True)
        if any(person.lead_status is LeadStatus.LEAD for person in sample.contacts)
    ]
    company_bulk.apply_stage(session, leads, CompanyStage.LEAD)
    customers = [company_id for i, company_id in enumerate(ids) if _is_customer(start + i)]
    company_bulk.apply_stage(session, customers, CompanyStage.CUSTOMER)
    for every, tag in zip((7, 5), SAMPLE_TAGS, strict=True):
        tagged = [company_id for i, company_id in enumerate(ids) if (start + i) % every == 0]
        company_bulk.apply_tags(session, tagged, [tag])


def remove_sample_data(db: Database) -> Outcome[int]:
    """Delete the sample companies for good, with their contacts and history, and the sample
    team and tags where nothing else uses them; how many companies. What the user added or
    imported stays, and so does a sample person moved to one of the user's companies."""
    with db.writing() as session:
        ids = list(session.scalars(select(Company.id).where(_sample_company())))
        for start in range(0, len(ids), 5000):
            session.execute(
                delete(Company)
                .where(Company.id.in_(ids[start : start + 5000]))
                .execution_options(synchronize_session=False)
            )
        for name, _role, _hours in SAMPLE_TEAM:
            member = session.scalar(select(TeamMember.id).where(TeamMember.name == name))
            if member is not None and not _names_owner(session, member):
                session.execute(delete(TeamMember).where(TeamMember.id == member))
        session.execute(
            delete(Tag).where(
                Tag.name.in_(SAMPLE_TAGS), ~exists().where(CompanyTag.tag_id == Tag.id)
            )
        )
        _remove_targeting(session)
        _remove_plans(session)
    changes = Changes(
        companies=True,
        contacts=True,
        tags=True,
        team=True,
        activities=True,
        opportunities=True,
        trash=True,
        profiles=True,
    )
    return Outcome(len(ids), changes)


def _remove_plans(session: Session) -> None:
    """The suggested nurturing plans the sample brought, unless someone follows them."""
    names = [plan.name for plan in nurturing.default_cadences()]
    session.execute(
        delete(Cadence).where(
            Cadence.name.in_(names), ~exists().where(CadenceRun.cadence_id == Cadence.id)
        )
    )


def _remove_targeting(session: Session) -> None:
    """The sample's profile, and its personas that no person is matched to any more."""
    profile = session.scalar(
        select(IdealCustomerProfile).where(IdealCustomerProfile.name == targeting.PROFILE.name)
    )
    if profile is not None:
        was_active = profile.active
        session.delete(profile)
        session.flush()
        if was_active:
            fit_scores.refresh_all(session, None)
    sources = [name for name, _cost in targeting.SOURCES]
    session.execute(
        delete(LeadSource).where(
            LeadSource.name.in_(sources), ~exists().where(Company.source == LeadSource.name)
        )
    )
    names = [entry[0] for entry in targeting.PERSONAS]
    session.execute(
        delete(Persona).where(
            Persona.name.in_(names), ~exists().where(Contact.persona_id == Persona.id)
        )
    )


def _names_owner(session: Session, member_id: int) -> bool:
    """Whether any record (a company, a person, an activity …) refers to the team member."""
    key = TeamMember.__table__.c.id
    referring = [
        column
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if any(fk.column is key for fk in column.foreign_keys)
    ]
    return any(session.scalar(select(exists().where(c == member_id))) for c in referring)


def _sample_company() -> ColumnElement[bool]:
    """A company of the sample: by its source (the sample's own names; older versions loaded
    every sample company with SOURCE)."""
    return Company.source.in_([SOURCE, *(name for name, _cost in targeting.SOURCES)])


def sample_count(session: Session) -> int:
    """How many sample companies the database holds (in the list or in the trash)."""
    return session.scalar(select(func.count()).where(_sample_company())) or 0


def sample_is_loaded(session: Session) -> bool:
    """Whether sample companies are in the database already (loading twice would double them)."""
    query = select(exists().where(_sample_company(), Company.deleted_at.is_(None)))
    return bool(session.scalar(query))
