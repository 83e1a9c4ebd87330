"""Store the target personas, and match contacts to them by job title."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from prospector import normalize
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import DecisionRole
from prospector.errors import NotFound
from prospector.models import Company, Contact, Persona
from prospector.persona_match import PersonaMatcher, PersonaPattern
from prospector.progress import Progress
from prospector.services.names import stored_as_read, unique_name

# Contacts read per query while matching: the progress bar moves, memory stays flat.
MATCH_CHUNK = 5_000
_CHANGED = Changes(profiles=True)


@dataclass(frozen=True)
class PersonaRecord:
    """A persona as the editor shows it; `id` None for one not stored yet."""

    name: str
    titles: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    department: str = ""
    seniority: str = ""
    decision_role: DecisionRole = DecisionRole.UNKNOWN
    budget_authority: bool = False
    goals: str = ""
    pains: str = ""
    objections: str = ""
    talking_points: str = ""
    id: int | None = None
    version: int | None = None

    def pattern(self) -> PersonaPattern:
        assert self.id is not None
        return PersonaPattern(self.id, self.titles, self.keywords)


def _record(row: Persona) -> PersonaRecord:
    return PersonaRecord(
        id=row.id,
        name=row.name,
        titles=tuple(str(t) for t in row.title_patterns or ()),
        keywords=tuple(str(k) for k in row.keywords or ()),
        department=row.department or "",
        seniority=row.seniority or "",
        decision_role=row.decision_role,
        budget_authority=row.budget_authority,
        goals=row.goals or "",
        pains=row.pains or "",
        objections=row.objections or "",
        talking_points=row.talking_points or "",
        version=row.version,
    )


def list_personas(session: Session) -> list[PersonaRecord]:
    """By name, folded ("Ärzte" as "aerzte"): the list is short."""
    found = [_record(row) for row in session.scalars(select(Persona))]
    return sorted(found, key=lambda p: (normalize.fold(p.name), p.id))


def get_persona(session: Session, persona_id: int) -> PersonaRecord:
    row = session.get(Persona, persona_id)
    if row is None:
        raise NotFound(entity="persona", id=persona_id)
    return _record(row)


def _entries(values: Iterable[str]) -> list[str]:
    """Titles or keywords as typed: trimmed, each once (regardless of case), in order."""
    seen: set[str] = set()
    found = []
    for value in values:
        cleaned = normalize.clean_text(value)
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            found.append(cleaned)
    return found


def _lines(text: str) -> str | None:
    return text.strip() or None


def save_persona(db: Database, persona: PersonaRecord) -> Outcome[PersonaRecord]:
    """Create or update a persona; refused if someone saved it since it was read."""
    with db.writing() as session:
        name = unique_name(session, Persona, persona.name, persona.id, "a persona")
        if persona.id is None:
            row = Persona(name=name)
            session.add(row)
        else:
            row = stored_as_read(session, Persona, persona.id, persona.version, "persona")
            row.name = name
        row.title_patterns = _entries(persona.titles)
        row.keywords = _entries(persona.keywords)
        row.department = normalize.clean_text(persona.department)
        row.seniority = normalize.clean_text(persona.seniority)
        row.decision_role = persona.decision_role
        row.budget_authority = persona.budget_authority
        row.goals = _lines(persona.goals)
        row.pains = _lines(persona.pains)
        row.objections = _lines(persona.objections)
        row.talking_points = _lines(persona.talking_points)
        session.flush()
        return Outcome(_record(row), _CHANGED)


def delete_persona(db: Database, persona_id: int) -> Outcome[int]:
    """Delete a persona; its contacts keep everything else. How many contacts had it."""
    with db.writing() as session:
        row = session.get(Persona, persona_id)
        if row is None:
            raise NotFound(entity="persona", id=persona_id)
        had = session.scalar(
            select(func.count()).select_from(Contact).where(Contact.persona_id == persona_id)
        )
        session.execute(
            update(Contact)
            .where(Contact.persona_id == persona_id)
            .values(persona_id=None)
            .execution_options(synchronize_session=False)
        )
        session.delete(row)
        return Outcome(had or 0, Changes(profiles=True, contacts=bool(had)))


@dataclass(frozen=True)
class Suggestion:
    """A contact without a persona whose job title fits one."""

    contact_id: int
    contact_name: str
    company_name: str | None
    job_title: str
    persona_id: int
    persona_name: str
    score: int
    reason: str  # the persona's title or keyword that matched


def suggest_personas(session: Session, progress: Progress | None = None) -> list[Suggestion]:
    """Every live contact without a persona whose job title matches one, best match first."""
    personas = list_personas(session)
    if not personas:
        return []
    matcher = PersonaMatcher(p.pattern() for p in personas)
    names = {p.id: p.name for p in personas}
    base = (
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.job_title,
            Company.name,
        )
        .outerjoin(Company, Company.id == Contact.company_id)
        .where(
            Contact.deleted_at.is_(None),
            Contact.persona_id.is_(None),
            Contact.job_title.is_not(None),
        )
        .order_by(Contact.id)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    found: list[Suggestion] = []
    last = 0
    done = 0
    while True:
        rows = session.execute(base.where(Contact.id > last).limit(MATCH_CHUNK)).all()
        if not rows:
            break
        for contact_id, first, last_name, title, company in rows:
            match = matcher.match(title)
            if match is not None:
                found.append(
                    Suggestion(
                        contact_id=contact_id,
                        contact_name=" ".join(p for p in (first, last_name) if p),
                        company_name=company,
                        job_title=title or "",
                        persona_id=match.persona_id,
                        persona_name=names[match.persona_id],
                        score=match.score,
                        reason=match.reason,
                    )
                )
        last = rows[-1][0]
        done += len(rows)
        if progress is not None:
            progress.step(done, total)
    found.sort(key=lambda s: (-s.score, normalize.fold(s.contact_name), s.contact_id))
    return found


def find_suggestions(db: Database, progress: Progress | None = None) -> list[Suggestion]:
    """suggest_personas in a read of its own: for a background job."""
    with db.reading() as session:
        return suggest_personas(session, progress)


def assign_personas(db: Database, pairs: Sequence[tuple[int, int]]) -> Outcome[int]:
    """Give each contact its persona, in one transaction; only contacts still without one
    (a colleague may have chosen meanwhile). How many were assigned."""
    with db.writing() as session:
        assigned, companies = apply_personas(session, pairs)
    return Outcome(assigned, Changes.to_companies(companies, contacts=True))


def apply_personas(session: Session, pairs: Sequence[tuple[int, int]]) -> tuple[int, set[int]]:
    """The step under assign_personas, in the caller's transaction: how many contacts were
    assigned, and their companies."""
    by_persona: dict[int, list[int]] = {}
    for contact_id, persona_id in pairs:
        by_persona.setdefault(persona_id, []).append(contact_id)
    assigned = 0
    companies: set[int] = set()
    known = set(session.scalars(select(Persona.id)))
    for persona_id, contact_ids in by_persona.items():
        if persona_id not in known:
            raise NotFound(entity="persona", id=persona_id)
        for start in range(0, len(contact_ids), 500):
            chunk = contact_ids[start : start + 500]
            companies.update(
                c
                for c in session.scalars(
                    select(Contact.company_id).where(
                        Contact.id.in_(chunk), Contact.persona_id.is_(None)
                    )
                )
                if c is not None
            )
            result = session.execute(
                update(Contact)
                .where(Contact.id.in_(chunk), Contact.persona_id.is_(None))
                .values(persona_id=persona_id, version=Contact.version + 1)
                .execution_options(synchronize_session=False)
            )
            assigned += cast("CursorResult[Any]", result).rowcount or 0
    return assigned, companies
