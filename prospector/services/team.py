"""List and add the team members who qualify leads."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector import normalize
from prospector.enums import TeamRole
from prospector.errors import FieldProblem, ValidationFailed
from prospector.models import TeamMember

NAME_LIMIT = 120
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


def _record(member: TeamMember) -> TeamMemberRecord:
    return TeamMemberRecord(
        id=member.id,
        name=member.name,
        role=member.role,
        weekly_hours=Decimal(member.weekly_hours),
        email=member.email,
        active=member.active,
        version=member.version,
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


def _name_taken(session: Session, name: str) -> bool:
    # Compared in Python: the team is small, and SQLite's lower() only folds ASCII.
    folded = name.casefold()
    return any(
        existing.casefold() == folded for existing in session.scalars(select(TeamMember.name))
    )


def _validated(
    session: Session, name: str, weekly_hours: Decimal, email: str | None
) -> tuple[str, Decimal, str | None]:
    problems: dict[str, FieldProblem] = {}
    cleaned = normalize.clean_text(name)
    if not cleaned:
        problems["name"] = FieldProblem("required", "a name is required")
    elif len(cleaned) > NAME_LIMIT:
        problems["name"] = FieldProblem(
            "too_long", f"longer than {NAME_LIMIT} characters", limit=NAME_LIMIT
        )
    elif _name_taken(session, cleaned):
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
