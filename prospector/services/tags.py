"""Tags: the free vocabulary for grouping companies, and which company carries which."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from prospector import normalize
from prospector.errors import FieldProblem, NotFound, ValidationFailed
from prospector.models import Company, CompanyTag, Tag

NAME_LIMIT = 80


@dataclass(frozen=True)
class TagRecord:
    """A stored tag."""

    id: int
    name: str
    color: str | None


def _record(tag: Tag) -> TagRecord:
    return TagRecord(id=tag.id, name=tag.name, color=tag.color)


def _sorted(tags: Iterable[Tag]) -> list[TagRecord]:
    # Sorted in Python on the folded name ("Ärzte" as "aerzte"): SQLite's lower() folds ASCII
    # only, and the vocabulary is small.
    return sorted((_record(tag) for tag in tags), key=lambda t: (normalize.fold(t.name), t.id))


def list_tags(session: Session) -> list[TagRecord]:
    """Every tag, sorted by name regardless of case."""
    return _sorted(session.scalars(select(Tag)))


def _cleaned_names(names: Iterable[str]) -> list[str]:
    """Trimmed names with inner spaces collapsed, first spelling of each kept, empties dropped."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        cleaned = normalize.clean_text(name)
        if cleaned is None or cleaned.casefold() in seen:
            continue
        if len(cleaned) > NAME_LIMIT:
            raise ValidationFailed(
                {
                    "tags": FieldProblem(
                        "too_long", f"longer than {NAME_LIMIT} characters", limit=NAME_LIMIT
                    )
                }
            )
        seen.add(cleaned.casefold())
        result.append(cleaned)
    return result


def _existing_ids(session: Session) -> dict[str, int]:
    # The whole vocabulary is read: it is small, and matching must fold case beyond ASCII.
    return {name.casefold(): tag_id for tag_id, name in session.execute(select(Tag.id, Tag.name))}


def _create(session: Session, name: str) -> int:
    """Insert one tag; if another session just created it, use theirs."""
    try:
        with session.begin_nested():
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            return tag.id
    except IntegrityError:
        existing = session.scalar(select(Tag.id).where(Tag.name == name))
        if existing is None:
            raise
        return existing


def ensure_tags(session: Session, names: Iterable[str]) -> list[int]:
    """Ids of the named tags, created where missing; in input order, each id once.

    Names are matched regardless of case, so "messe 2024" finds "Messe 2024".
    """
    wanted = _cleaned_names(names)
    if not wanted:
        return []
    existing = _existing_ids(session)
    ids: list[int] = []
    for name in wanted:
        tag_id = existing.get(name.casefold())
        if tag_id is None:
            tag_id = _create(session, name)
            existing[name.casefold()] = tag_id
        if tag_id not in ids:
            ids.append(tag_id)
    return ids


def _check_company(session: Session, company_id: int) -> None:
    company = session.get(Company, company_id)
    if company is None or company.deleted_at is not None:
        raise NotFound(entity="company", id=company_id)


def company_tags(session: Session, company_id: int) -> list[TagRecord]:
    """The tags of one company, sorted by name regardless of case."""
    stmt = select(Tag).join(CompanyTag, CompanyTag.tag_id == Tag.id)
    return _sorted(session.scalars(stmt.where(CompanyTag.company_id == company_id)))


def set_company_tags(session: Session, company_id: int, names: Iterable[str]) -> list[TagRecord]:
    """Give the company exactly these tags (creating new ones); the company itself is untouched.

    Only the links change, so tagging never bumps the company's version and never
    collides with someone editing its other fields.
    """
    _check_company(session, company_id)
    wanted = ensure_tags(session, names)
    current = set(
        session.scalars(select(CompanyTag.tag_id).where(CompanyTag.company_id == company_id))
    )
    removed = current - set(wanted)
    if removed:
        session.execute(
            delete(CompanyTag).where(
                CompanyTag.company_id == company_id, CompanyTag.tag_id.in_(removed)
            )
        )
    session.add_all(
        CompanyTag(company_id=company_id, tag_id=tag_id)
        for tag_id in wanted
        if tag_id not in current
    )
    session.flush()
    return company_tags(session, company_id)
