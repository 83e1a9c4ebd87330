"""Qualify a lead: read and save its four criteria, and move it on with its history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector import normalize
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import (
    CompanyStage,
    Criterion,
    CriterionStatus,
    DecisionRole,
    DisqualifyReason,
    LeadStatus,
    OpportunityStage,
)
from prospector.errors import ConcurrentEdit, FieldProblem, NotFound, ValidationFailed
from prospector.models import (
    Company,
    Contact,
    LeadEvent,
    Opportunity,
    Persona,
    Qualification,
    TeamMember,
)
from prospector.qualification import (
    CRITERIA,
    CriterionState,
    Move,
    Refusal,
    SalesWindow,
    company_stage,
    lacking_evidence,
    missing,
    refusals,
)
from prospector.services import cadences, pipeline_settings
from prospector.services.profiles import active_profile

NOTE_LIMIT = 4_000
# Companies whose stage is derived per round of reads.
RESTAGE_CHUNK = 500
TITLE_LIMIT = 200
PERIOD_LIMIT = 60


class MoveRefused(ValidationFailed):
    """A lead cannot make the move: `refusals` say why, `missing` which criteria are open."""

    code = "move_refused"

    def __init__(
        self,
        current: LeadStatus,
        target: LeadStatus,
        found: tuple[Refusal, ...],
        missing: tuple[Criterion, ...] = (),
    ) -> None:
        self.current = current
        self.target = target
        self.refusals = found
        self.missing = missing
        super().__init__(
            {
                "lead_status": FieldProblem(
                    found[0].value,
                    _REFUSAL_TEXTS[found[0]],
                    current=current,
                    target=target,
                    missing=missing,
                )
            }
        )
        self.params.update(current=current, target=target, missing=missing, refusal=found[0])

    @property
    def message(self) -> str:
        return _REFUSAL_TEXTS[self.refusals[0]]


_REFUSAL_TEXTS = {
    Refusal.NOT_ALLOWED: "the lead cannot move there from its status",
    Refusal.NO_COMPANY: "a person without a company is not a lead; link a company first",
    Refusal.CRITERIA_MISSING: "not all four criteria are met",
    Refusal.REASON_REQUIRED: "a reason is required",
    Refusal.DATE_REQUIRED: "a date to qualify again is required",
}


@dataclass(frozen=True)
class CriterionRecord:
    status: CriterionStatus = CriterionStatus.OPEN
    evidence: str = ""
    on: dt.date | None = None
    by: str | None = None  # the team member's name

    def state(self) -> CriterionState:
        return CriterionState(self.status, self.evidence)


@dataclass(frozen=True)
class Colleague:
    """Another person at the lead's company, who may decide or influence."""

    id: int
    name: str
    job_title: str | None
    persona: str | None
    decision_role: DecisionRole


@dataclass(frozen=True)
class LeadEventRecord:
    at: dt.datetime
    by: str | None
    subject: str  # "status", a criterion's value, or "opportunity"
    old_value: str | None
    new_value: str | None
    reason: str | None
    note: str | None


@dataclass(frozen=True)
class QualificationRecord:
    """A lead's checklist as stored, with what the dialog shows beside it."""

    contact_id: int
    contact_name: str
    company_id: int | None
    company_name: str | None
    persona: str | None
    lead_status: LeadStatus
    criteria: Mapping[Criterion, CriterionRecord]
    authority_others: tuple[int, ...] = ()
    need_pains: tuple[str, ...] = ()
    budget_available: bool | None = None
    budget_min_eur: Decimal | None = None
    budget_max_eur: Decimal | None = None
    budget_period: str = ""
    decision_expected_on: dt.date | None = None
    requalify_on: dt.date | None = None
    disqualify_reason: DisqualifyReason | None = None
    disqualify_note: str = ""
    version: int | None = None  # None: nothing stored yet
    open_opportunity_id: int | None = None
    colleagues: tuple[Colleague, ...] = ()
    pains: tuple[str, ...] = ()  # the active profile's, to pick from
    history: tuple[LeadEventRecord, ...] = ()
    window: SalesWindow = field(default_factory=SalesWindow)

    def checklist(self) -> dict[Criterion, CriterionState]:
        return {c: r.state() for c, r in self.criteria.items()}


@dataclass(frozen=True)
class QualificationInput:
    """What the checklist dialog saves; `version` is the stored one it was read at."""

    contact_id: int
    criteria: Mapping[Criterion, CriterionState]
    authority_others: tuple[int, ...] = ()
    need_pains: tuple[str, ...] = ()
    budget_available: bool | None = None
    budget_min_eur: Decimal | None = None
    budget_max_eur: Decimal | None = None
    budget_period: str = ""
    decision_expected_on: dt.date | None = None
    version: int | None = None
    status_read: LeadStatus | None = None  # the status the dialog showed


@dataclass(frozen=True)
class OpenOpportunity:
    """Turn the qualified lead into an opportunity."""

    title: str
    value_eur: Decimal | None = None
    expected_close_on: dt.date | None = None
    offer: str = ""


@dataclass(frozen=True)
class Nurture:
    """Keep the lead warm until it can be qualified again."""

    requalify_on: dt.date | None
    note: str = ""


@dataclass(frozen=True)
class Disqualify:
    reason: DisqualifyReason | None
    note: str = ""


@dataclass(frozen=True)
class SetStatus:
    """A plain move: mark as lead, back to contact, take up again."""

    status: LeadStatus
    note: str = ""


Decision = OpenOpportunity | Nurture | Disqualify | SetStatus


def _name(contact: Contact) -> str:
    return " ".join(p for p in (contact.first_name, contact.last_name) if p)


def _member_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(TeamMember.id, TeamMember.name).where(TeamMember.id.in_(wanted)))
    return {ident: name for ident, name in rows}


def _load(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise NotFound(entity="contact", id=contact_id)
    return contact


def _qualification(session: Session, contact_id: int) -> Qualification | None:
    return session.scalars(
        select(Qualification).where(Qualification.contact_id == contact_id)
    ).one_or_none()


def _criteria(
    row: Qualification | None, names: Mapping[int, str]
) -> dict[Criterion, CriterionRecord]:
    if row is None:
        return {c: CriterionRecord() for c in CRITERIA}
    found = {}
    for c in CRITERIA:
        by_id = getattr(row, f"{c.value}_by_id")
        found[c] = CriterionRecord(
            status=getattr(row, f"{c.value}_status"),
            evidence=getattr(row, f"{c.value}_note") or "",
            on=getattr(row, f"{c.value}_on"),
            by=names.get(by_id) if by_id is not None else None,
        )
    return found


def pains_of(text: str | None) -> tuple[str, ...]:
    """The profile's pain points, one per line (a leading dash or bullet dropped)."""
    found = []
    for line in (text or "").splitlines():
        cleaned = line.strip().lstrip("-\u2022*").strip()
        if cleaned:
            found.append(cleaned)
    return tuple(found)


def read_qualification(session: Session, contact_id: int) -> QualificationRecord:
    """Everything the checklist dialog shows for one person."""
    contact = _load(session, contact_id)
    row = _qualification(session, contact_id)
    events = session.scalars(
        select(LeadEvent)
        .where(LeadEvent.contact_id == contact_id)
        .order_by(LeadEvent.at.desc(), LeadEvent.id.desc())
    ).all()
    ids: set[int | None] = {e.by_id for e in events}
    if row is not None:
        ids |= {getattr(row, f"{c.value}_by_id") for c in CRITERIA}
    names = _member_names(session, ids)
    company = session.get(Company, contact.company_id) if contact.company_id else None
    persona = session.get(Persona, contact.persona_id) if contact.persona_id else None
    colleagues: tuple[Colleague, ...] = ()
    if company is not None:
        rows = session.execute(
            select(Contact, Persona.name)
            .outerjoin(Persona, Persona.id == Contact.persona_id)
            .where(
                Contact.company_id == company.id,
                Contact.id != contact_id,
                Contact.deleted_at.is_(None),
            )
            .order_by(Contact.name_key, Contact.id)
        ).all()
        colleagues = tuple(
            Colleague(c.id, _name(c), c.job_title, persona_name, c.decision_role)
            for c, persona_name in rows
        )
    opportunity = session.scalar(
        select(Opportunity.id)
        .where(
            Opportunity.contact_id == contact_id,
            Opportunity.stage.not_in((OpportunityStage.WON, OpportunityStage.LOST)),
        )
        .order_by(Opportunity.id.desc())
        .limit(1)
    )
    profile = active_profile(session)
    return QualificationRecord(
        contact_id=contact.id,
        contact_name=_name(contact),
        company_id=contact.company_id,
        company_name=company.name if company else None,
        persona=persona.name if persona else None,
        lead_status=contact.lead_status,
        criteria=_criteria(row, names),
        authority_others=tuple(int(i) for i in (row.authority_others if row else []) or ()),
        need_pains=tuple(str(p) for p in (row.need_pains if row else []) or ()),
        budget_available=row.budget_available if row else None,
        budget_min_eur=row.budget_min_eur if row else None,
        budget_max_eur=row.budget_max_eur if row else None,
        budget_period=(row.budget_period or "") if row else "",
        decision_expected_on=row.decision_expected_on if row else None,
        requalify_on=row.requalify_on if row else None,
        disqualify_reason=row.disqualify_reason if row else None,
        disqualify_note=(row.disqualify_note or "") if row else "",
        version=row.version if row else None,
        open_opportunity_id=opportunity,
        colleagues=colleagues,
        pains=pains_of(profile.pain_points) if profile else (),
        history=tuple(
            LeadEventRecord(
                e.at,
                names.get(e.by_id) if e.by_id is not None else None,
                e.subject,
                e.old_value,
                e.new_value,
                e.reason,
                e.note,
            )
            for e in events
        ),
        window=pipeline_settings.sales_window(session),
    )


def _text(value: str, limit: int, name: str, problems: dict[str, FieldProblem]) -> str | None:
    cleaned = value.strip()
    if len(cleaned) > limit:
        problems[name] = FieldProblem("too_long", f"longer than {limit} characters", limit=limit)
    return cleaned or None


def criteria_problems(criteria: Mapping[Criterion, CriterionState]) -> dict[str, FieldProblem]:
    """What is wrong with the criteria as typed, by criterion: met without evidence, or
    evidence that is too long."""
    problems: dict[str, FieldProblem] = {}
    for criterion in lacking_evidence(criteria):
        problems[criterion.value] = FieldProblem(
            "evidence_required", "met needs evidence: say what shows it"
        )
    for criterion, state in criteria.items():
        _text(state.evidence, NOTE_LIMIT, criterion.value, problems)
    return problems


def _validated(data: QualificationInput) -> dict[str, FieldProblem]:
    problems = criteria_problems(data.criteria)
    low, high = data.budget_min_eur, data.budget_max_eur
    for name, amount in (("budget_min_eur", low), ("budget_max_eur", high)):
        if amount is not None and (not amount.is_finite() or amount < 0):
            problems[name] = FieldProblem("negative", "must not be negative")
    if low is not None and high is not None and low > high and "budget_max_eur" not in problems:
        problems["budget_max_eur"] = FieldProblem(
            "range_reversed", "the upper end lies below the lower end"
        )
    _text(data.budget_period, PERIOD_LIMIT, "budget_period", problems)
    return problems


def _event(
    session: Session,
    contact_id: int,
    by_id: int | None,
    subject: str,
    old: str | None,
    new: str | None,
    *,
    reason: str | None = None,
    note: str | None = None,
    at: dt.datetime,
) -> None:
    session.add(
        LeadEvent(
            contact_id=contact_id,
            at=at,
            by_id=by_id,
            subject=subject,
            old_value=old,
            new_value=new,
            reason=reason,
            note=note,
        )
    )


def _row_at(session: Session, contact: Contact, version: int | None) -> Qualification:
    """The person's checklist row as read at `version` (None: nothing was stored then)."""
    row = _qualification(session, contact.id)
    if row is None:
        if version is not None:
            raise ConcurrentEdit(entity="lead", name=_name(contact))  # deleted since
        row = Qualification(contact_id=contact.id)
        session.add(row)
    elif row.version != version:
        raise ConcurrentEdit(entity="lead", name=_name(contact))
    return row


def _store_criteria(
    session: Session,
    contact: Contact,
    row: Qualification,
    criteria: Mapping[Criterion, CriterionState],
    by_id: int | None,
    today: dt.date,
    now: dt.datetime,
) -> None:
    """Each criterion whose status or evidence changed, with who and when, and an event for
    each change of status."""
    for criterion in CRITERIA:
        state = criteria.get(criterion, CriterionState())
        key = criterion.value
        old_status = getattr(row, f"{key}_status") or CriterionStatus.OPEN
        evidence = state.evidence.strip() or None
        if old_status != state.status or getattr(row, f"{key}_note") != evidence:
            setattr(row, f"{key}_status", state.status)
            setattr(row, f"{key}_note", evidence)
            setattr(row, f"{key}_on", today)
            setattr(row, f"{key}_by_id", by_id)
            if old_status != state.status:
                _event(
                    session,
                    contact.id,
                    by_id,
                    key,
                    old_status.value,
                    state.status.value,
                    note=evidence,
                    at=now,
                )


def _store(
    session: Session,
    contact: Contact,
    data: QualificationInput,
    by_id: int | None,
    today: dt.date,
    now: dt.datetime,
) -> Qualification:
    row = _row_at(session, contact, data.version)
    _store_criteria(session, contact, row, data.criteria, by_id, today, now)
    company_people = (
        set(
            session.scalars(
                select(Contact.id).where(
                    Contact.company_id == contact.company_id, Contact.deleted_at.is_(None)
                )
            )
        )
        if contact.company_id is not None
        else set()
    )
    # Only people of the same company, each once, in the order chosen.
    row.authority_others = list(
        dict.fromkeys(i for i in data.authority_others if i in company_people and i != contact.id)
    )
    row.need_pains = list(dict.fromkeys(p.strip() for p in data.need_pains if p.strip()))
    row.budget_available = data.budget_available
    row.budget_min_eur = data.budget_min_eur
    row.budget_max_eur = data.budget_max_eur
    row.budget_period = normalize.clean_text(data.budget_period)
    row.decision_expected_on = data.decision_expected_on
    return row


def _move(
    session: Session,
    contact: Contact,
    target: LeadStatus,
    by_id: int | None,
    now: dt.datetime,
    *,
    row: Qualification | None,
    reason: str | None = None,
    requalify_on: dt.date | None = None,
    note: str | None = None,
) -> None:
    checklist = _criteria(row, {})
    found = refusals(
        Move(
            contact.lead_status,
            target,
            has_company=contact.company_id is not None,
            checklist={c: r.state() for c, r in checklist.items()},
            reason=reason,
            requalify_on=requalify_on,
        )
    )
    if found:
        raise MoveRefused(
            contact.lead_status,
            target,
            found,
            missing({c: r.state() for c, r in checklist.items()}),
        )
    if contact.lead_status is target:
        return
    _event(
        session,
        contact.id,
        by_id,
        "status",
        contact.lead_status.value,
        target.value,
        reason=reason,
        note=note,
        at=now,
    )
    contact.lead_status = target


# Moves a form cannot make, because they need more than a status: the checklist asks for it.
_CHECKLIST_MOVES = frozenset(
    {Refusal.CRITERIA_MISSING, Refusal.REASON_REQUIRED, Refusal.DATE_REQUIRED}
)


def form_move(
    session: Session,
    contact: Contact,
    target: LeadStatus,
    company_id: int | None,
    by_id: int | None = None,
) -> None:
    """A status chosen in the person's form: allowed moves are made and recorded; one that
    needs a reason, a date or the four criteria is refused with a pointer to the checklist."""
    if contact.lead_status is target:
        return
    row = _qualification(session, contact.id)
    checklist = {c: r.state() for c, r in _criteria(row, {}).items()}
    found = refusals(
        Move(contact.lead_status, target, has_company=company_id is not None, checklist=checklist)
    )
    # An opportunity is a deal, which only the checklist opens, criteria met or not.
    if target is LeadStatus.OPPORTUNITY or (
        found and Refusal.NOT_ALLOWED not in found and set(found) <= _CHECKLIST_MOVES
    ):
        raise ValidationFailed(
            {"lead_status": FieldProblem("use_checklist", "use the qualification checklist")}
        )
    if found:
        raise MoveRefused(contact.lead_status, target, found, missing(checklist))
    now = dt.datetime.now(dt.UTC)
    _event(session, contact.id, by_id, "status", contact.lead_status.value, target.value, at=now)


def restage(
    session: Session,
    company_ids: set[int | None],
    *,
    keeping: Collection[CompanyStage] = (),
) -> dict[int, CompanyStage]:
    """Derive the stage of each company from its people and deals (after any change): three
    reads per chunk of companies, whatever their number; a company in one of the stages
    `keeping` keeps it. Returns the companies whose stage changed, with the stage they had."""
    changed: dict[int, CompanyStage] = {}
    ids = sorted(i for i in company_ids if i is not None)
    for start in range(0, len(ids), RESTAGE_CHUNK):
        chunk = ids[start : start + RESTAGE_CHUNK]
        statuses: dict[int | None, set[LeadStatus]] = defaultdict(set)
        stages: dict[int, set[OpportunityStage]] = defaultdict(set)
        for company_id, status in session.execute(
            select(Contact.company_id, Contact.lead_status)
            .where(Contact.company_id.in_(chunk), Contact.deleted_at.is_(None))
            .distinct()
        ):
            statuses[company_id].add(status)
        for company_id, stage in session.execute(
            select(Opportunity.company_id, Opportunity.stage)
            .where(Opportunity.company_id.in_(chunk))
            .distinct()
        ):
            stages[company_id].add(stage)
        for company in session.scalars(select(Company).where(Company.id.in_(chunk))):
            if company.stage in keeping:
                continue
            derived = company_stage(company.stage, statuses[company.id], stages[company.id])
            if derived is not company.stage:
                changed[company.id] = company.stage
                company.stage = derived
    return changed


def save_qualification(
    db: Database,
    data: QualificationInput,
    decision: Decision | None = None,
    *,
    by_id: int | None = None,
    today: dt.date | None = None,
) -> Outcome[QualificationRecord]:
    """Save the checklist and, in the same transaction, what follows from it: an opportunity
    (only when all four criteria are met), nurturing until a date, a disqualification, or a
    plain status move. Refused if someone saved the lead since the dialog read it."""
    day = today or dt.date.today()
    now = dt.datetime.now(dt.UTC)
    problems = _validated(data)
    if isinstance(decision, OpenOpportunity) and not decision.title.strip():
        problems["title"] = FieldProblem("required", "a title is required")
    if problems:
        raise ValidationFailed(problems)
    try:
        with db.writing() as session:
            contact = _load(session, data.contact_id)
            if data.status_read is not None and contact.lead_status is not data.status_read:
                raise ConcurrentEdit(entity="lead", name=_name(contact))
            row = _store(session, contact, data, by_id, day, now)
            session.flush()
            opened = _decide(session, contact, row, decision, by_id, day, now)
            if decision is None:
                _start_qualifying(session, contact, row, data.criteria, by_id, now)
            session.flush()
            restage(session, {contact.company_id})
            cadences.settle(session, [contact.id])
            session.flush()
            record = read_qualification(session, contact.id)
    except (StaleDataError, IntegrityError) as exc:
        # Another writer saved the same lead between our read and our write.
        with db.reading() as session:
            name = _name(_load(session, data.contact_id))
        raise ConcurrentEdit(entity="lead", name=name) from exc
    return Outcome(
        record,
        Changes.to_companies((record.company_id,), contacts=True, opportunities=opened),
    )


def _start_qualifying(
    session: Session,
    contact: Contact,
    row: Qualification,
    criteria: Mapping[Criterion, CriterionState],
    by_id: int | None,
    now: dt.datetime,
) -> None:
    """A contact or lead with a company moves to qualifying once any criterion is checked."""
    if (
        contact.lead_status in (LeadStatus.CONTACT, LeadStatus.LEAD)
        and contact.company_id is not None
        and any(s.status is not CriterionStatus.OPEN for s in criteria.values())
    ):
        _move(session, contact, LeadStatus.QUALIFYING, by_id, now, row=row)


def criteria_of(
    session: Session, contact_id: int
) -> tuple[dict[Criterion, CriterionRecord], int | None]:
    """The person's four criteria as stored, and the version to save them at."""
    row = _qualification(session, contact_id)
    return _criteria(row, {}), (row.version if row is not None else None)


def note_criteria(
    session: Session,
    contact_id: int,
    criteria: Mapping[Criterion, CriterionState],
    *,
    version: int | None,
    by_id: int | None = None,
    today: dt.date,
    now: dt.datetime,
) -> None:
    """The four criteria as a call showed them, stored in the caller's unit of work; the
    checklist's other fields stay as they are, and the person moves to qualifying as the
    checklist would move them. Refused (ConcurrentEdit) when the checklist was saved since
    `version` was read."""
    problems = criteria_problems(criteria)
    if problems:
        raise ValidationFailed(problems)
    contact = _load(session, contact_id)
    row = _row_at(session, contact, version)
    _store_criteria(session, contact, row, criteria, by_id, today, now)
    session.flush()
    _start_qualifying(session, contact, row, criteria, by_id, now)
    session.flush()
    restage(session, {contact.company_id})


def _decide(
    session: Session,
    contact: Contact,
    row: Qualification,
    decision: Decision | None,
    by_id: int | None,
    today: dt.date,
    now: dt.datetime,
) -> bool:
    """Apply the decision; True when an opportunity was opened."""
    if decision is None:
        return False
    if isinstance(decision, OpenOpportunity):
        _move(session, contact, LeadStatus.OPPORTUNITY, by_id, now, row=row)
        stage = OpportunityStage.OFFER
        opportunity = Opportunity(
            company_id=contact.company_id,
            contact_id=contact.id,
            title=decision.title.strip()[:TITLE_LIMIT],
            offer=decision.offer.strip() or None,
            stage=stage,
            value_eur=decision.value_eur,
            probability=pipeline_settings.probabilities(session)[stage],
            expected_close_on=decision.expected_close_on,
            owner_id=contact.owner_id,
        )
        session.add(opportunity)
        session.flush()
        _event(
            session,
            contact.id,
            by_id,
            "opportunity",
            None,
            stage.value,
            note=opportunity.title,
            at=now,
        )
        return True
    if isinstance(decision, Nurture):
        _move(
            session,
            contact,
            LeadStatus.NURTURING,
            by_id,
            now,
            row=row,
            requalify_on=decision.requalify_on,
            note=decision.note.strip() or None,
        )
        row.requalify_on = decision.requalify_on
        return False
    if isinstance(decision, Disqualify):
        reason = decision.reason.value if decision.reason else None
        _move(
            session,
            contact,
            LeadStatus.DISQUALIFIED,
            by_id,
            now,
            row=row,
            reason=reason,
            note=decision.note.strip() or None,
        )
        row.disqualify_reason = decision.reason
        row.disqualify_note = decision.note.strip() or None
        return False
    _move(
        session, contact, decision.status, by_id, now, row=row, note=decision.note.strip() or None
    )
    if decision.status is not LeadStatus.NURTURING:
        row.requalify_on = None
    return False


def open_opportunity(
    db: Database,
    contact_id: int,
    opportunity: OpenOpportunity,
    *,
    by_id: int | None = None,
) -> Outcome[int]:
    """Make an opportunity of a lead as stored: refused unless all four criteria are met,
    whoever asks (a list's menu, the pipeline, a script)."""
    now = dt.datetime.now(dt.UTC)
    if not opportunity.title.strip():
        raise ValidationFailed({"title": FieldProblem("required", "a title is required")})
    with db.writing() as session:
        contact = _load(session, contact_id)
        row = _qualification(session, contact_id)
        if row is None:
            _move(session, contact, LeadStatus.OPPORTUNITY, by_id, now, row=None)
        assert row is not None
        _decide(session, contact, row, opportunity, by_id, dt.date.today(), now)
        session.flush()
        restage(session, {contact.company_id})
        ident = session.scalars(
            select(Opportunity.id)
            .where(Opportunity.contact_id == contact_id)
            .order_by(Opportunity.id.desc())
        ).first()
        assert ident is not None
        company_id = contact.company_id
    return Outcome(ident, Changes.to_companies((company_id,), contacts=True, opportunities=True))
