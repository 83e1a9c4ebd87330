"""List and add the team members who qualify leads."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector import normalize
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import TeamRole
from prospector.errors import ConcurrentEdit, FieldProblem, NotFound, ValidationFailed
from prospector.models import TeamMember

NAME_LIMIT = 120
DEFAULT_CALLS_PER_HOUR = Decimal(10)
DEFAULT_REACH_PERCENT = 25
# More dials an hour than one every half minute is a typing error.
MAX_CALLS_PER_HOUR = Decimal(120)
# A week has 168 hours; anything above is a typing error, not a workload.
MAX_WEEKLY_HOURS = Decimal(168)


@dataclass(frozen=True)
class TeamMemberRecord:
    """A stored team member."""

    id: int
    name: str
    role: TeamRole
    weekly_hours: Decimal
    email: str | None
    active: bool
    version: int
    calls_per_hour: Decimal = DEFAULT_CALLS_PER_HOUR
    reach_percent: int = DEFAULT_REACH_PERCENT


def _record(member: TeamMember) -> TeamMemberRecord:
    return TeamMemberRecord(
        id=member.id,
        name=member.name,
        role=member.role,
        weekly_hours=Decimal(member.weekly_hours),
        email=member.email,
        active=member.active,
        version=member.version,
        calls_per_hour=Decimal(member.calls_per_hour),
        reach_percent=member.reach_percent,
    )


def list_team_members(session: Session, *, active_only: bool = True) -> list[TeamMemberRecord]:
    """Team members by name; with `active_only`, only those who still take on leads."""
    stmt = select(TeamMember)
    if active_only:
        stmt = stmt.where(TeamMember.active.is_(True))
    members = [_record(member) for member in session.scalars(stmt)]
    # Sorted in Python on the folded name ("Ärne" as "aerne"): the team is small, and SQLite's
    # lower() only folds ASCII.
    return sorted(members, key=lambda m: (normalize.fold(m.name), m.id))


def find_member(session: Session, name: str) -> int | None:
    """The id of the member with this name, regardless of case; None if there is none."""
    folded = name.casefold()
    for ident, existing in session.execute(select(TeamMember.id, TeamMember.name)):
        if existing.casefold() == folded:
            return int(ident)
    return None


def _name_taken(session: Session, name: str, member_id: int | None = None) -> bool:
    # Compared in Python: the team is small, and SQLite's lower() only folds ASCII.
    folded = name.casefold()
    return any(
        existing.casefold() == folded and ident != member_id
        for ident, existing in session.execute(select(TeamMember.id, TeamMember.name))
    )


def _validated(
    session: Session,
    name: str,
    weekly_hours: Decimal,
    email: str | None,
    member_id: int | None = None,
) -> tuple[str, Decimal, str | None]:
    problems: dict[str, FieldProblem] = {}
    cleaned = normalize.clean_text(name)
    if not cleaned:
        problems["name"] = FieldProblem("required", "a name is required")
    elif len(cleaned) > NAME_LIMIT:
        problems["name"] = FieldProblem(
            "too_long", f"longer than {NAME_LIMIT} characters", limit=NAME_LIMIT
        )
    elif _name_taken(session, cleaned, member_id):
        problems["name"] = FieldProblem(
            "duplicate", f"a team member called {cleaned!r} exists already", value=cleaned
        )
    try:
        hours = Decimal(weekly_hours).quantize(Decimal("0.1"))
        if not hours.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        hours = Decimal(0)
        problems["weekly_hours"] = FieldProblem("number_invalid", "not a number")
    if hours < 0:
        problems["weekly_hours"] = FieldProblem("negative", "must not be negative")
    elif hours > MAX_WEEKLY_HOURS:
        problems["weekly_hours"] = FieldProblem(
            "too_many_hours", f"at most {MAX_WEEKLY_HOURS} hours a week", limit=MAX_WEEKLY_HOURS
        )
    address = normalize.clean_text(email)
    if address is not None:
        if not normalize.is_email(address):
            problems["email"] = FieldProblem(
                "email_invalid", f"{address!r} is not an e-mail address", value=address
            )
        address = address.lower()
    if problems:
        raise ValidationFailed(problems)
    assert cleaned is not None
    return cleaned, hours, address


def create_team_member(
    session: Session,
    name: str,
    role: TeamRole,
    weekly_hours: Decimal = Decimal(0),
    email: str | None = None,
) -> TeamMemberRecord:
    """Validate and store one team member; names are unique regardless of case."""
    cleaned, hours, address = _validated(session, name, weekly_hours, email)
    member = TeamMember(name=cleaned, role=role, weekly_hours=hours, email=address, active=True)
    session.add(member)
    session.flush()
    return _record(member)


@dataclass(frozen=True)
class TeamMemberInput:
    """What the team page saves for one member."""

    name: str
    role: TeamRole
    weekly_hours: Decimal = Decimal(0)
    calls_per_hour: Decimal = DEFAULT_CALLS_PER_HOUR
    reach_percent: int = DEFAULT_REACH_PERCENT
    email: str | None = None
    active: bool = True


def _rates(data: TeamMemberInput) -> tuple[Decimal, dict[str, FieldProblem]]:
    problems: dict[str, FieldProblem] = {}
    try:
        calls = Decimal(data.calls_per_hour).quantize(Decimal("0.1"))
        if not calls.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        calls = Decimal(0)
        problems["calls_per_hour"] = FieldProblem("number_invalid", "not a number")
    if not 0 <= calls <= MAX_CALLS_PER_HOUR:
        problems["calls_per_hour"] = FieldProblem(
            "out_of_range", f"between 0 and {MAX_CALLS_PER_HOUR}", low=0, high=MAX_CALLS_PER_HOUR
        )
    if not 0 <= data.reach_percent <= 100:
        problems["reach_percent"] = FieldProblem(
            "out_of_range", "between 0 and 100 percent", low=0, high=100
        )
    return calls, problems


def save_team_member(
    db: Database,
    data: TeamMemberInput,
    member_id: int | None = None,
    expected_version: int | None = None,
) -> Outcome[TeamMemberRecord]:
    """Add a member, or update the stored one as read at `expected_version`."""
    calls, problems = _rates(data)
    with db.writing() as session:
        try:
            cleaned, hours, address = _validated(
                session, data.name, data.weekly_hours, data.email, member_id
            )
        except ValidationFailed as failed:
            failed.problems.update(problems)
            raise ValidationFailed(failed.problems) from None
        if problems:
            raise ValidationFailed(problems)
        if member_id is None:
            member = TeamMember(name=cleaned, role=data.role)
            session.add(member)
        else:
            found = session.get(TeamMember, member_id)
            if found is None:
                raise NotFound(entity="team member", id=member_id)
            if expected_version is not None and found.version != expected_version:
                raise ConcurrentEdit(entity="team member", name=found.name)
            member = found
            member.name = cleaned
            member.role = data.role
        member.weekly_hours = hours
        member.calls_per_hour = calls
        member.reach_percent = data.reach_percent
        member.email = address
        member.active = data.active
        try:
            session.flush()
        except StaleDataError as exc:
            raise ConcurrentEdit(entity="team member", name=cleaned) from exc
        record = _record(member)
    return Outcome(record, Changes(team=True))
