"""The sample's touches: calls and letters of the last months, calls planned for the coming
days (a few left over), and the long-cycle plan for the leads in nurturing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector import nurturing
from prospector.enums import ActivityKind, ActivityOutcome, LeadStatus
from prospector.local_days import day_start
from prospector.models import Activity, Cadence, CadenceRun, CadenceStep, Company, Contact
from prospector.workdays import WorkCalendar

PAST = (
    (ActivityKind.CALL, ActivityOutcome.NOT_REACHED, "Erstkontakt"),
    (ActivityKind.CALL, ActivityOutcome.REACHED, "Bedarf erfragt"),
    (ActivityKind.EMAIL, ActivityOutcome.INFO_SENT, "Fallstudie Wartung geschickt"),
    (ActivityKind.LETTER, None, "Katalog Ersatzteile"),
    (ActivityKind.CALL, ActivityOutcome.CALL_BACK, "Rückruf erbeten"),
)
TALKING_POINTS = (
    "Stillstände im letzten Quartal ansprechen",
    "Budget 2027 erfragen",
    "Wer entscheidet noch mit?",
    "Termin für Vorführung vorschlagen",
    "Nach dem Stand der Ausschreibung fragen",
)
PLANNED_DAYS = 15  # working days with planned calls
HOURS = (9, 10, 11, 14, 15, 16)


def add_sample_touches(session: Session, company_ids: list[int], today: dt.date) -> None:
    """Past touches for most leads, planned calls on the next working days (and two days'
    worth left undone from last week), the long-cycle plan for the nurtured leads; some leads
    are left without anything, so that the list of forgotten leads has something to show."""
    calendar = WorkCalendar(None)
    owners: dict[int, int | None] = {
        ident: owner
        for ident, owner in session.execute(
            select(Company.id, Company.owner_id).where(Company.id.in_(company_ids))
        )
    }
    people = session.execute(
        select(Contact.id, Contact.company_id, Contact.lead_status)
        .where(
            Contact.company_id.in_(company_ids),
            Contact.lead_status.in_((LeadStatus.LEAD, LeadStatus.QUALIFYING, LeadStatus.NURTURING)),
            Contact.do_not_contact.is_(False),
        )
        .order_by(Contact.id)
    ).all()
    days = _working_days(calendar, today, PLANNED_DAYS)
    late = _working_days(calendar, today - dt.timedelta(days=8), 2)
    nurtured = []
    for index, (contact_id, company_id, status) in enumerate(people):
        assert company_id is not None  # chosen by their companies
        owner = owners.get(company_id)
        if index % 7 == 6:
            continue  # nobody touched or planned anything: a forgotten lead
        for step in range(1 + index % 3):
            kind, outcome, subject = PAST[(index + step) % len(PAST)]
            done = today - dt.timedelta(days=20 + 25 * step + index % 17)
            session.add(
                Activity(
                    company_id=company_id,
                    contact_id=contact_id,
                    kind=kind,
                    outcome=outcome,
                    subject=subject,
                    done_at=day_start(done) + dt.timedelta(hours=HOURS[index % len(HOURS)]),
                    owner_id=owner,
                )
            )
        if status is LeadStatus.NURTURING:
            nurtured.append((contact_id, company_id, owner))
            continue
        if index % 7 == 5:
            continue  # touched long ago, nothing planned
        on = late[index % len(late)] if index % 11 == 0 else days[index % len(days)]
        session.add(
            Activity(
                company_id=company_id,
                contact_id=contact_id,
                kind=ActivityKind.CALL,
                subject=TALKING_POINTS[index % len(TALKING_POINTS)],
                due_at=day_start(on) + dt.timedelta(hours=HOURS[(index // 3) % len(HOURS)]),
                owner_id=owner,
            )
        )
    _nurture(session, nurtured, today, calendar)


def _working_days(calendar: WorkCalendar, start: dt.date, count: int) -> list[dt.date]:
    found: list[dt.date] = []
    day = start
    while len(found) < count:
        day = calendar.next_workday(day)
        found.append(day)
        day += dt.timedelta(days=1)
    return found


def _nurture(
    session: Session,
    nurtured: list[tuple[int, int, int | None]],
    today: dt.date,
    calendar: WorkCalendar,
) -> None:
    """The first suggested plan for every nurtured lead, started on staggered days."""
    plans = nurturing.default_cadences()
    names = set(session.scalars(select(Cadence.name)))
    cadences = []
    for plan in plans:
        if plan.name in names:
            found = session.scalar(select(Cadence).where(Cadence.name == plan.name))
            assert found is not None
            cadences.append(found)
            continue
        cadence = Cadence(
            name=plan.name,
            steps=[
                CadenceStep(
                    position=i, kind=s.kind, days_after=s.days_after, talking_point=s.talking_point
                )
                for i, s in enumerate(plan.steps)
            ],
        )
        session.add(cadence)
        cadences.append(cadence)
    session.flush()
    long_cycle, pure = cadences[0], plans[0]
    for index, (contact_id, company_id, owner) in enumerate(nurtured):
        start = today + dt.timedelta(days=index % 10)
        run = CadenceRun(contact_id=contact_id, cadence_id=long_cycle.id, started_on=start)
        session.add(run)
        session.flush()
        touch = nurturing.first_touch(pure, start, calendar)
        session.add(
            Activity(
                company_id=company_id,
                contact_id=contact_id,
                kind=touch.kind,
                subject=touch.talking_point or pure.name,
                due_at=day_start(touch.on),
                all_day=True,
                owner_id=owner,
                cadence_run_id=run.id,
                step=touch.position,
            )
        )
