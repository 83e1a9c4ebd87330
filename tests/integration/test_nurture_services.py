"""Nurturing plans, planned touches, call outcomes and the one query of the call lists, on
real databases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    CadenceStop,
    ConsentChannel,
    ConsentMethod,
    Criterion,
    CriterionStatus,
    DisqualifyReason,
    LeadStatus,
)
from prospector.errors import ConcurrentEdit, ValidationFailed
from prospector.local_days import day_start, local_day
from prospector.models import Activity, CadenceRun, Company, Consent, Contact
from prospector.nurturing import CadenceStep, Forgotten, forgotten
from prospector.qualification import CriterionState
from prospector.services import (
    activity_log,
    cadences,
    calendar_view,
    call_list,
    call_outcomes,
    qualification,
)
from prospector.services.activities import ActivityRecord
from prospector.services.activity_log import DoneInput, PlanInput
from prospector.services.call_outcomes import CallOutcome
from prospector.services.nurture_settings import NurtureSettings, save_nurture_settings
from tests import factories

# Monday 1 March 2027; Good Friday 26 March and Easter Monday 29 March are holidays everywhere.
MONDAY = dt.date(2027, 3, 1)
STEPS = (
    CadenceStep(ActivityKind.CALL, 0, "Vorstellen"),
    CadenceStep(ActivityKind.EMAIL, 5, "Fallstudie schicken"),
    CadenceStep(ActivityKind.CALL, 14, "Nachfassen"),
)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return day_start(day) + dt.timedelta(hours=hour)


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    """A company with two leads and a colleague of theirs, a caller, Bavaria's holidays."""
    save_nurture_settings(db, NurtureSettings(state="BY"))
    company = factories.company(db, "Kühn Maschinenbau GmbH", phone="+4989123456")
    member = factories.team_member(db, "Anna Muster")
    weiss = factories.contact(
        db,
        company.id,
        "Weiß",
        first_name="Jürgen",
        lead_status=LeadStatus.LEAD,
        phone="+4989555111",
        owner_id=member.id,
    )
    oz = factories.contact(
        db,
        company.id,
        "Öztürk",
        first_name="Ayşe",
        lead_status=LeadStatus.NURTURING,
        owner_id=member.id,
    )
    colleague = factories.contact(db, company.id, "Brandt", first_name="Lea")
    return {
        "company": company.id,
        "member": member.id,
        "weiss": weiss.id,
        "oz": oz.id,
        "colleague": colleague.id,
    }


def _cadence(db: Database) -> int:
    return cadences.save_cadence(db, cadences.CadenceInput("Test-Plan", STEPS)).value.id


def _planned(db: Database, contact_id: int) -> list[ActivityRecord]:
    with db.reading() as session:
        return activity_log.planned_of(session, contact_id)


def test_a_cadence_plans_each_step_from_the_day_the_one_before_was_done(
    db: Database, people: dict[str, int]
) -> None:
    plan = _cadence(db)
    # Started on a Saturday: the first call falls on Monday, not on the weekend.
    applied = cadences.apply_cadence(db, [people["weiss"]], plan, dt.date(2027, 2, 27)).value
    assert (applied.started, applied.first_on) == (1, MONDAY)
    (first,) = _planned(db, people["weiss"])
    assert (first.kind, first.subject, first.all_day, first.step) == (
        ActivityKind.CALL,
        "Vorstellen",
        True,
        0,
    )
    assert first.due_at is not None
    assert local_day(first.due_at) == MONDAY
    assert first.owner_id == people["member"]
    # Done two days late, on Wednesday: the e-mail comes five days after that, on Monday.
    done = DoneInput(
        ActivityKind.CALL,
        _at(MONDAY + dt.timedelta(days=2)),
        people["company"],
        people["weiss"],
        ActivityOutcome.REACHED,
        activity_id=first.id,
    )
    logged = activity_log.log_activity(db, done).value
    assert logged.next is not None
    assert logged.next.due_at is not None
    assert (logged.next.kind, logged.next.step) == (ActivityKind.EMAIL, 1)
    assert local_day(logged.next.due_at) == dt.date(2027, 3, 8)
    # 8 March + 14 days = 22 March; the last step done ends the plan.
    second = activity_log.log_activity(
        db,
        DoneInput(
            ActivityKind.EMAIL,
            _at(dt.date(2027, 3, 8)),
            people["company"],
            people["weiss"],
            activity_id=logged.next.id,
        ),
    ).value
    assert second.next is not None
    assert second.next.due_at is not None
    assert local_day(second.next.due_at) == dt.date(2027, 3, 22)
    last = activity_log.log_activity(
        db,
        DoneInput(
            ActivityKind.CALL,
            _at(dt.date(2027, 3, 22)),
            people["company"],
            people["weiss"],
            ActivityOutcome.REACHED,
            activity_id=second.next.id,
        ),
    ).value
    assert last.next is None
    with db.reading() as session:
        run = session.scalars(select(CadenceRun)).one()
        assert run.stop_reason is CadenceStop.FINISHED
        assert run.stopped_at is not None


def test_a_disqualified_lead_s_plan_stops_and_its_touches_go(
    db: Database, people: dict[str, int]
) -> None:
    cadences.apply_cadence(db, [people["weiss"]], _cadence(db), MONDAY)
    with db.reading() as session:
        stored = qualification.read_qualification(session, people["weiss"])
    qualification.save_qualification(
        db,
        qualification.QualificationInput(
            people["weiss"],
            stored.checklist(),
            version=stored.version,
            status_read=stored.lead_status,
        ),
        qualification.Disqualify(DisqualifyReason.NO_NEED, "kein Bedarf"),
    )
    assert _planned(db, people["weiss"]) == []
    with db.reading() as session:
        assert session.scalars(select(CadenceRun.stop_reason)).one() is CadenceStop.DISQUALIFIED


def test_an_objection_on_the_phone_cancels_every_planned_touch_and_the_plan(
    db: Database, people: dict[str, int]
) -> None:
    cadences.apply_cadence(db, [people["weiss"]], _cadence(db), MONDAY)
    extra = activity_log.plan_activity(
        db,
        PlanInput(
            people["company"],
            ActivityKind.LETTER,
            _at(dt.date(2027, 4, 6)),
            people["weiss"],
            subject="Katalog",
        ),
    ).value
    (call, _) = _planned(db, people["weiss"])
    recorded = call_outcomes.record_call(
        db,
        CallOutcome(call.id, ActivityOutcome.OBJECTED, _at(MONDAY), objection_reason="am Telefon"),
    ).value
    assert recorded.next is None
    assert recorded.cancelled == 1  # the letter; the call itself is done
    assert _planned(db, people["weiss"]) == []
    with db.reading() as session:
        person = session.get_one(Contact, people["weiss"])
        assert (person.do_not_contact, person.do_not_contact_since) == (True, MONDAY)
        assert person.do_not_contact_reason == "am Telefon"
        assert session.get(Activity, extra.id) is None
        assert session.scalars(select(CadenceRun.stop_reason)).one() is CadenceStop.OBJECTION
    # Nothing can be planned for the person any more.
    with pytest.raises(ValidationFailed) as refused:
        activity_log.plan_activity(
            db, PlanInput(people["company"], ActivityKind.CALL, _at(MONDAY), people["weiss"])
        )
    assert "contact_id" in refused.value.problems


def test_unanswered_calls_are_counted_and_the_next_try_skips_weekends_and_holidays(
    db: Database, people: dict[str, int]
) -> None:
    thursday = dt.date(2027, 3, 25)  # next: Friday and Monday are Easter holidays
    call = activity_log.plan_activity(
        db,
        PlanInput(
            people["company"], ActivityKind.CALL, _at(thursday), people["weiss"], subject="Termin"
        ),
    ).value
    first = call_outcomes.record_call(
        db, CallOutcome(call.id, ActivityOutcome.NOT_REACHED, _at(thursday))
    ).value
    assert first.attempts == 1
    assert first.next is not None
    assert first.next.due_at is not None
    # Two days later is Saturday; the next working day after Easter Monday is Tuesday.
    assert local_day(first.next.due_at) == dt.date(2027, 3, 30)
    assert first.next.subject == "Termin"
    second = call_outcomes.record_call(
        db, CallOutcome(first.next.id, ActivityOutcome.NOT_REACHED, _at(dt.date(2027, 3, 30)))
    ).value
    assert second.attempts == 2
    assert second.next is not None
    back = call_outcomes.record_call(
        db,
        CallOutcome(
            second.next.id,
            ActivityOutcome.CALL_BACK,
            _at(dt.date(2027, 4, 2)),
            call_back_at=_at(dt.date(2027, 4, 5), 14),
        ),
    ).value
    assert back.attempts == 0
    assert back.next is not None
    assert back.next.due_at == _at(dt.date(2027, 4, 5), 14)
    assert back.next.all_day is False


def test_a_wrong_person_hands_the_call_to_the_colleague_they_named(
    db: Database, people: dict[str, int]
) -> None:
    call = activity_log.plan_activity(
        db, PlanInput(people["company"], ActivityKind.CALL, _at(MONDAY), people["oz"])
    ).value
    recorded = call_outcomes.record_call(
        db,
        CallOutcome(
            call.id,
            ActivityOutcome.WRONG_PERSON,
            _at(MONDAY),
            referred_contact_id=people["colleague"],
        ),
    ).value
    assert recorded.next is not None
    assert recorded.next.due_at is not None
    assert recorded.next.contact_id == people["colleague"]
    assert local_day(recorded.next.due_at) == dt.date(2027, 3, 2)


def test_a_reached_call_stores_the_criteria_with_it_or_nothing_at_all(
    db: Database, people: dict[str, int]
) -> None:
    first, second = (
        activity_log.plan_activity(
            db, PlanInput(people["company"], ActivityKind.CALL, _at(day), people["weiss"])
        ).value
        for day in (MONDAY, MONDAY + dt.timedelta(days=1))
    )
    with db.reading() as session:
        facts = call_outcomes.call_facts(session, first.id)
    assert facts.criteria_version is None
    assert {c: r.status for c, r in facts.criteria.items()} == dict.fromkeys(
        Criterion, CriterionStatus.OPEN
    )
    shown = {
        Criterion.NEED: CriterionState(CriterionStatus.MET, "Engpass in der Montage"),
        Criterion.BUDGET: CriterionState(CriterionStatus.NOT_MET, "Erst 2028"),
    }
    # Met without evidence is refused, and the call stays planned.
    with pytest.raises(ValidationFailed) as refused:
        call_outcomes.record_call(
            db,
            CallOutcome(
                first.id,
                ActivityOutcome.REACHED,
                _at(MONDAY),
                criteria={**shown, Criterion.AUTHORITY: CriterionState(CriterionStatus.MET)},
            ),
        )
    assert set(refused.value.problems) == {"authority"}
    recorded = call_outcomes.record_call(
        db,
        CallOutcome(
            first.id,
            ActivityOutcome.REACHED,
            _at(MONDAY),
            criteria=shown,
            by_id=people["member"],
        ),
    )
    assert recorded.changes.contacts
    with db.reading() as session:
        lead = qualification.read_qualification(session, people["weiss"])
        facts = call_outcomes.call_facts(session, second.id)
    assert lead.lead_status is LeadStatus.QUALIFYING
    assert lead.criteria[Criterion.NEED].status is CriterionStatus.MET
    assert lead.criteria[Criterion.NEED].evidence == "Engpass in der Montage"
    assert lead.criteria[Criterion.NEED].on == MONDAY
    assert lead.criteria[Criterion.NEED].by == "Anna Muster"
    assert lead.criteria[Criterion.BUDGET].status is CriterionStatus.NOT_MET
    assert lead.criteria[Criterion.AUTHORITY].status is CriterionStatus.OPEN
    assert {e.subject for e in lead.history} == {"need", "budget", "status"}
    assert facts.criteria_version == lead.version

    # Saved in the checklist since the second call's form read it: the call is not recorded
    # either, so that nothing of it is half stored.
    qualification.save_qualification(
        db,
        qualification.QualificationInput(
            people["weiss"], lead.checklist(), version=lead.version, budget_period="2028"
        ),
    )
    with pytest.raises(ConcurrentEdit):
        call_outcomes.record_call(
            db,
            CallOutcome(
                second.id,
                ActivityOutcome.REACHED,
                _at(MONDAY + dt.timedelta(days=1)),
                criteria={Criterion.TIMING: CriterionState(CriterionStatus.MET, "Q3")},
                criteria_version=facts.criteria_version,
            ),
        )
    with db.reading() as session:
        planned = session.get(Activity, second.id)
        assert planned is not None
        assert planned.done_at is None
        again = qualification.read_qualification(session, people["weiss"])
    assert again.criteria[Criterion.TIMING].status is CriterionStatus.OPEN
    assert again.budget_period == "2028"


def test_planning_on_a_holiday_is_refused_unless_chosen_on_purpose(
    db: Database, people: dict[str, int]
) -> None:
    epiphany = dt.date(2027, 1, 6)  # a holiday in Bavaria
    plan = PlanInput(people["company"], ActivityKind.CALL, _at(epiphany), people["weiss"])
    with pytest.raises(ValidationFailed) as refused:
        activity_log.plan_activity(db, plan)
    assert refused.value.problems["due_at"].code == "holiday"
    with pytest.raises(ValidationFailed) as weekend:
        activity_log.plan_activity(
            db, PlanInput(people["company"], ActivityKind.CALL, _at(dt.date(2027, 1, 9)))
        )
    assert weekend.value.problems["due_at"].code == "weekend"
    chosen = activity_log.plan_activity(
        db,
        PlanInput(
            people["company"], ActivityKind.CALL, _at(epiphany), people["weiss"], off_day=True
        ),
    ).value
    assert chosen.due_at == _at(epiphany)


def test_done_and_plan_next_in_one_step(db: Database, people: dict[str, int]) -> None:
    logged = activity_log.log_activity(
        db,
        DoneInput(
            ActivityKind.MEETING,
            _at(MONDAY),
            people["company"],
            people["weiss"],
            ActivityOutcome.REACHED,
            subject="Messe",
            notes="Interesse an Wartung",
        ),
        PlanInput(
            people["company"],
            ActivityKind.CALL,
            _at(dt.date(2027, 3, 15), 9),
            people["weiss"],
            subject="Angebot besprechen",
            owner_id=people["member"],
        ),
    ).value
    assert logged.done.done_at == _at(MONDAY)
    assert logged.next is not None
    assert (logged.next.subject, logged.next.owner_id) == ("Angebot besprechen", people["member"])


def _consumer(db: Database, company_id: int, name: str, consent: bool, withdrawn: bool) -> int:
    person = factories.contact(db, company_id, name, phone="+4930777888")
    with db.writing() as session:
        session.get_one(Contact, person.id).is_consumer = True
        if consent:
            session.add(
                Consent(
                    contact_id=person.id,
                    channel=ConsentChannel.PHONE,
                    method=ConsentMethod.WRITTEN,
                    given_on=dt.date(2026, 1, 1),
                    withdrawn_on=dt.date(2026, 6, 1) if withdrawn else None,
                )
            )
    return person.id


def test_the_call_list_never_holds_an_objector_or_a_consumer_without_consent(
    db: Database, people: dict[str, int]
) -> None:
    company = people["company"]
    consented = _consumer(db, company, "Mit Einwilligung", True, False)
    withdrawn = _consumer(db, company, "Widerrufen", True, True)
    without = _consumer(db, company, "Ohne Einwilligung", False, False)
    objector = factories.contact(db, company, "Widerspruch", phone="+4930111222").id
    for person in (people["weiss"], consented, withdrawn, without, objector):
        activity_log.plan_activity(db, PlanInput(company, ActivityKind.CALL, _at(MONDAY), person))
    with db.writing() as session:
        session.get_one(Contact, objector).do_not_contact = True
    with db.reading() as session:
        day = call_list.call_day(session, MONDAY)
        planned = {a.contact_id for a in session.scalars(call_list.touches_to_make())}
    assert {c.contact_id for c in day.calls} == {people["weiss"], consented}
    assert planned == {people["weiss"], consented}
    weiss = next(c for c in day.calls if c.contact_id == people["weiss"])
    assert (weiss.contact, weiss.company, weiss.phone) == (
        "Jürgen Weiß",
        "Kühn Maschinenbau GmbH",
        "089 555111",
    )
    assert weiss.phone_is_company is False
    # A company's deletion takes its calls off every list.
    with db.writing() as session:
        session.get_one(Company, company).deleted_at = _at(MONDAY)
    with db.reading() as session:
        assert call_list.call_day(session, MONDAY).calls == ()


def test_the_call_list_puts_overdue_calls_first_then_the_better_fit(db: Database) -> None:
    save_nurture_settings(db, NurtureSettings(state="BY"))
    ids = {}
    for name, fit in (("Alpha", 40), ("Beta", 90), ("Gamma", None)):
        company = factories.company(db, name, phone="+4989100200")
        with db.writing() as session:
            session.get_one(Company, company.id).fit_score = fit
        person = factories.contact(db, company.id, f"Person {name}")
        ids[name] = (company.id, person.id)
    for name, day in (("Alpha", MONDAY), ("Beta", MONDAY), ("Gamma", dt.date(2027, 2, 24))):
        company_id, person_id = ids[name]
        activity_log.plan_activity(
            db, PlanInput(company_id, ActivityKind.CALL, _at(day), person_id)
        )
    with db.reading() as session:
        day = call_list.call_day(session, MONDAY)
    assert [c.company for c in day.calls] == ["Gamma", "Beta", "Alpha"]
    assert [c.overdue for c in day.calls] == [True, False, False]
    assert day.calls[0].phone_is_company is True  # the person has no line of their own


def test_the_forgotten_leads_query_follows_the_rule(db: Database) -> None:
    today = dt.date(2027, 6, 1)
    company = factories.company(db, "Vergessen GmbH").id
    cases = []
    for status in (
        LeadStatus.CONTACT,
        LeadStatus.LEAD,
        LeadStatus.QUALIFYING,
        LeadStatus.NURTURING,
        LeadStatus.DISQUALIFIED,
    ):
        for touched in (None, 10, 59, 60, 200):
            for planned in (False, True):
                person = factories.contact(
                    db, company, f"{status.value}-{touched}-{planned}", lead_status=status
                ).id
                last = None if touched is None else today - dt.timedelta(days=touched)
                with db.writing() as session:
                    if last is not None:
                        session.add(
                            Activity(
                                company_id=company,
                                contact_id=person,
                                kind=ActivityKind.CALL,
                                done_at=_at(last),
                            )
                        )
                    if planned:
                        session.add(
                            Activity(
                                company_id=company,
                                contact_id=person,
                                kind=ActivityKind.LETTER,
                                due_at=_at(today),
                            )
                        )
                cases.append((person, forgotten(status, last, planned, today, 60)))
    with db.reading() as session:
        found, total = calendar_view.forgotten_leads(session, today, 60)
    expected = {person: reason for person, reason in cases if reason is not None}
    assert {lead.contact_id: lead.reason for lead in found} == expected
    assert total == len(expected)
    assert Forgotten.NO_TOUCH in expected.values()
    assert Forgotten.NURTURING_UNPLANNED in expected.values()


def test_the_month_counts_touches_to_make_and_done_per_day(
    db: Database, people: dict[str, int]
) -> None:
    for day, hour in ((MONDAY, 9), (MONDAY, 15), (dt.date(2027, 3, 2), 23)):
        activity_log.plan_activity(
            db, PlanInput(people["company"], ActivityKind.CALL, _at(day, hour), people["weiss"])
        )
    activity_log.log_activity(
        db, DoneInput(ActivityKind.NOTE, _at(MONDAY, 11), people["company"], people["weiss"])
    )
    with db.reading() as session:
        counts = calendar_view.month_counts(session, dt.date(2027, 3, 1), dt.date(2027, 3, 31))
        week = calendar_view.agenda(session, MONDAY, dt.date(2027, 3, 7))
    assert counts == {
        MONDAY: calendar_view.DayCount(planned=2, done=1),
        dt.date(2027, 3, 2): calendar_view.DayCount(planned=1, done=0),
    }
    assert [item.kind for item in week] == [
        ActivityKind.CALL,
        ActivityKind.NOTE,
        ActivityKind.CALL,
        ActivityKind.CALL,
    ]
    assert week[0].contact == "Jürgen Weiß"


def test_a_met_checklist_is_untouched_by_the_plan(db: Database, people: dict[str, int]) -> None:
    # The criteria the checklist stored stay as they were when a plan is applied to the lead.
    met = CriterionState(CriterionStatus.MET, "Geschäftsführer")
    with db.reading() as session:
        stored = qualification.read_qualification(session, people["weiss"])
    qualification.save_qualification(
        db,
        qualification.QualificationInput(
            people["weiss"],
            {**stored.checklist(), Criterion.AUTHORITY: met},
            version=stored.version,
            status_read=stored.lead_status,
        ),
    )
    cadences.apply_cadence(db, [people["weiss"]], _cadence(db), MONDAY)
    with db.reading() as session:
        again = qualification.read_qualification(session, people["weiss"])
    assert again.checklist()[Criterion.AUTHORITY] == met


def test_an_objection_for_many_companies_hides_the_touches_and_undo_brings_them_back(
    db: Database, people: dict[str, int]
) -> None:
    from prospector.services import company_bulk
    from prospector.services import undo as undo_service

    cadences.apply_cadence(db, [people["weiss"]], _cadence(db), MONDAY)
    activity_log.plan_activity(
        db, PlanInput(people["company"], ActivityKind.CALL, _at(MONDAY), people["oz"])
    )
    with db.reading() as session:
        before = {c.contact_id for c in call_list.call_day(session, MONDAY).calls}
    assert before == {people["weiss"], people["oz"]}
    objected = company_bulk.set_do_not_contact(db, [people["company"]], MONDAY, "per Brief")
    with db.reading() as session:
        assert call_list.call_day(session, MONDAY).calls == ()
        assert calendar_view.month_counts(session, MONDAY, MONDAY) == {}
    # Nothing the user planned is gone: the touches wait, hidden, for an undo.
    assert len(_planned(db, people["weiss"])) == 1
    assert objected.undo is not None
    undo_service.undo(db, objected.undo)
    with db.reading() as session:
        after = {c.contact_id for c in call_list.call_day(session, MONDAY).calls}
        assert session.scalars(select(CadenceRun.stopped_at)).one() is None
    assert after == before


def test_a_call_to_the_switchboard_is_on_the_call_day_but_cannot_object(
    db: Database, people: dict[str, int]
) -> None:
    switchboard = activity_log.plan_activity(
        db,
        PlanInput(people["company"], ActivityKind.CALL, _at(MONDAY), subject="Wer kauft ein?"),
    ).value
    with db.reading() as session:
        (call,) = call_list.call_day(session, MONDAY).calls
    assert (call.contact_id, call.contact, call.status) == (None, "", None)
    assert (call.phone, call.phone_is_company) == ("089 123456", True)
    with pytest.raises(ValidationFailed) as refused:
        call_outcomes.record_call(
            db, CallOutcome(switchboard.id, ActivityOutcome.OBJECTED, _at(MONDAY))
        )
    assert refused.value.problems["outcome"].code == "no_person"
    reached = call_outcomes.record_call(
        db, CallOutcome(switchboard.id, ActivityOutcome.REACHED, _at(MONDAY))
    ).value
    assert reached.done.outcome is ActivityOutcome.REACHED
