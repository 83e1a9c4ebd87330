"""Loading the sample data into a real database, and cancelling it."""

from __future__ import annotations

import factories
import pytest
from sqlalchemy import func, select

from prospector.db import Database
from prospector.enums import LeadStatus, OpportunityStage
from prospector.models import Company, Contact, LeadEvent, Opportunity, Qualification, TeamMember
from prospector.progress import Cancelled, Progress
from prospector.sampledata.load import read_sample
from prospector.services import capacity_figures, companies, opportunities
from prospector.services.sample import load_sample_data, remove_sample_data, sample_is_loaded


def _count(db: Database, model: type[Company] | type[Contact]) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_loading_stores_exactly_the_sample(db: Database) -> None:
    samples = read_sample()
    reports: list[tuple[int, int]] = []
    progress = Progress(lambda done, total: reports.append((done, total)))
    result = load_sample_data(db, progress).value
    assert result.companies == len(samples) == _count(db, Company)
    assert result.contacts == sum(len(s.contacts) for s in samples) == _count(db, Contact)
    assert reports[0] == (0, len(samples))
    assert reports[-1] == (len(samples), len(samples))
    with db.reading() as session:
        names = {
            name: count
            for name, count in session.execute(
                select(Company.name, func.count(Contact.id))
                .join(Contact, Contact.company_id == Company.id)
                .group_by(Company.id, Company.name)
            )
        }
    assert names == {s.company.name: len(s.contacts) for s in samples}


def test_a_cancel_midway_leaves_no_company(db: Database) -> None:
    def report(done: int, total: int) -> None:
        if done >= 100:  # some chunks are written by now; the next step must stop it all
            progress.cancel()

    progress = Progress(report)
    with pytest.raises(Cancelled):
        load_sample_data(db, progress)
    assert _count(db, Company) == 0
    assert _count(db, Contact) == 0


def test_sample_is_loaded_tells_whether_the_sample_is_there(db: Database) -> None:
    factories.company(db, "Eigene Firma GmbH", source="Messe")
    with db.reading() as session:
        assert not sample_is_loaded(session)
    load_sample_data(db)
    with db.reading() as session:
        assert sample_is_loaded(session)
        assert companies.count_companies(session) == len(read_sample()) + 1


def test_the_sample_has_a_team_owners_stages_and_tags(db: Database) -> None:
    from prospector.company_filter import CompanyFilter
    from prospector.enums import CompanyStage
    from prospector.services import company_query, tags, team

    load_sample_data(db)
    with db.reading() as session:
        members = team.list_team_members(session)
        assert len(members) == 3
        owned = company_query.count_companies(session, CompanyFilter(owner_ids=(members[0].id,)))
        unowned = company_query.count_companies(session, CompanyFilter(owner_ids=(None,)))
        leads = company_query.count_companies(session, CompanyFilter(stages=(CompanyStage.LEAD,)))
        messe = next(t.id for t in tags.list_tags(session) if t.name == "Messe 2026")
        tagged = company_query.count_companies(session, CompanyFilter(tag_ids=(messe,)))
    total = len(read_sample())
    assert 0 < owned < total
    assert 0 < unowned < total
    assert 0 < leads < total
    assert tagged == len(range(0, total, 7))


def test_removing_the_sample_keeps_what_the_user_added(db: Database) -> None:
    from prospector.models import Tag, TeamMember
    from prospector.services import company_bulk
    from prospector.services.sample import remove_sample_data

    own = factories.company(db, "Eigene Firma GmbH", contacts=("Eigen",)).id
    load_sample_data(db)
    with db.reading() as session:
        anna = session.scalar(select(TeamMember.id).where(TeamMember.name == "Anna Berger"))
    company_bulk.set_owner(db, [own], anna)  # the user gave a sample owner a real company
    company_bulk.add_tags(db, [own], ["Newsletter"])  # and a sample tag
    assert remove_sample_data(db).value == len(read_sample())
    with db.reading() as session:
        assert list(session.scalars(select(Company.name))) == ["Eigene Firma GmbH"]
        assert list(session.scalars(select(Contact.last_name))) == ["Eigen"]
        members = set(session.scalars(select(TeamMember.name)))
        tags = set(session.scalars(select(Tag.name)))
        assert not sample_is_loaded(session)
    assert members == {"Anna Berger"}  # still the owner of a real company
    assert tags == {"Newsletter"}  # "Messe 2026" went with the sample
    assert remove_sample_data(db).value == 0


def test_the_sample_brings_an_ideal_customer_personas_and_scores(db: Database) -> None:
    from prospector.fit import fit
    from prospector.models import Persona
    from prospector.services import profiles
    from prospector.services.company_fit import facts
    from prospector.services.core_group import core_group
    from prospector.services.sample import remove_sample_data

    load_sample_data(db)
    with db.reading() as session:
        (profile,) = profiles.list_profiles(session)
        assert profile.active
        assert profile.pain_points
        assert profile.value_proposition
        counts = core_group(session, profile)
        names = sorted(session.scalars(select(Persona.name)))
        matched = session.scalar(
            select(func.count()).select_from(Contact).where(Contact.persona_id.is_not(None))
        )
        scored = session.execute(select(Company.id, Company.fit_score).limit(40)).all()
        for company_id, score in scored:
            found = facts(session, company_id)
            assert found is not None
            assert score == fit(profile, found).score
    # A planner with meaning: a core group that is a real part of the sample, not all of it.
    assert 0 < counts.core < counts.target_group
    assert names == ["Einkauf", "Geschäftsführung", "Technik"]
    assert (matched or 0) > 50
    remove_sample_data(db)
    with db.reading() as session:
        assert profiles.list_profiles(session) == []
        assert session.scalar(select(func.count()).select_from(Persona)) == 0


def test_the_sample_leaves_the_users_own_profile_active(db: Database) -> None:
    from prospector.icp import Profile
    from prospector.services import profiles

    mine = profiles.save_profile(db, Profile("Mein Profil")).value
    load_sample_data(db)
    with db.reading() as session:
        active = profiles.active_profile(session)
    assert active is not None
    assert active.id == mine.id


def test_the_sample_has_priced_sources_and_a_bought_list_without_customers(
    db: Database,
) -> None:
    from prospector.services.funnel_figures import source_funnels
    from prospector.services.sample import remove_sample_data
    from prospector.services.sources import costs

    load_sample_data(db)
    with db.reading() as session:
        found = {f.source: f for f in source_funnels(session)}
    assert set(found) == {
        "Messe (Beispiel)",
        "Gekaufte Liste (Beispiel)",
        "LinkedIn (Beispiel)",
        "Empfehlung (Beispiel)",
    }
    bought = found["Gekaufte Liste (Beispiel)"]
    assert bought.cost_eur is not None
    assert bought.leads > 0
    assert bought.customers == 0
    assert bought.cost_per_customer is None
    assert found["Messe (Beispiel)"].customers > 0
    remove_sample_data(db)
    with db.reading() as session:
        assert costs(session) == {}
        assert source_funnels(session) == []


def test_the_sample_has_leads_in_every_status_deals_and_a_backlog(db: Database) -> None:
    load_sample_data(db)
    with db.reading() as session:
        statuses = set(session.scalars(select(Contact.lead_status).distinct()))
        board = opportunities.pipeline(session)
        figures = capacity_figures.capacity(session)
        qualified = session.scalar(select(func.count()).select_from(Qualification))
    assert statuses == set(LeadStatus)
    for stage in OpportunityStage:
        assert board.column(stage).count > 0, stage
    assert board.lost_reasons
    assert qualified
    # Leads wait for qualification, and the sample team has the hours to work on them.
    assert figures.plan.backlog > 0
    assert figures.plan.weeks is not None
    # Each open deal is its company's owner's.
    with db.reading() as session:
        pairs = session.execute(
            select(Opportunity.owner_id, Company.owner_id)
            .join(Company, Company.id == Opportunity.company_id)
            .where(Opportunity.contact_id.is_not(None))
        ).all()
    assert pairs
    assert all(deal == company for deal, company in pairs)


def test_removing_the_sample_removes_its_deals_and_history(db: Database) -> None:
    load_sample_data(db)
    remove_sample_data(db)
    with db.reading() as session:
        for model in (Opportunity, Qualification, LeadEvent, TeamMember):
            assert session.scalar(select(func.count()).select_from(model)) == 0, model
