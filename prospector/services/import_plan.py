"""Plan an import: what happens to every row of a table (new, update, link, skip, error)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prospector import suppression
from prospector.country_guess import SAMPLE, CountryGuess, propose_country
from prospector.errors import ValidationFailed
from prospector.exchange import values
from prospector.exchange.column_rank import column_ranks, type_columns
from prospector.exchange.columns import Target
from prospector.exchange.rows import ParsedRow, RowKind, RowProblem, member_key, parse_row
from prospector.exchange.tables import Table
from prospector.import_texts import import_note
from prospector.look_alike import DuplicateReason, Key, company_keys
from prospector.mail_domains import company_domain
from prospector.models import Company, Contact, Suppression, TeamMember
from prospector.normalize import fold
from prospector.progress import Progress
from prospector.records import CompanyInput
from prospector.region import DEFAULT_COUNTRY
from prospector.services import personal_data
from prospector.services.import_changes import (
    company_changes,
    company_fields,
    person_changes,
    person_fields,
    person_keys,
)
from prospector.validation import validate_company

PROGRESS_EVERY = 1_000


class OnDuplicate(StrEnum):
    """What to do with a row that looks like a company already there."""

    SKIP = "skip"
    FILL = "fill"  # fill only the existing record's empty fields
    OVERWRITE = "overwrite"  # take every value the row has
    KEEP = "keep"  # keep both: store the row as a new company


class OnProblem(StrEnum):
    """What to do with a row that has problems but names a company or a person."""

    IMPORT = "import"  # import it; the values its fields could not take go to the notes
    SKIP = "skip"  # leave the whole row out


class Action(StrEnum):
    NEW = "new"
    UPDATE = "update"
    SKIP = "skip"
    LINK = "link"  # a person row for a company in the file or the database
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class PlannedRow:
    parsed: ParsedRow
    action: Action
    target_id: int | None = None  # the existing company an update or link goes to
    reason: DuplicateReason | None = None  # why it matched
    same_as_line: int | None = None  # an earlier row of the file it repeats
    person_id: int | None = None  # the stored person the row's person updates (export's ID)
    person_known: bool = False  # the row's person is there already: nothing to add
    unchanged: bool = False  # skipped: the stored records hold what the row has

    @property
    def adds_person(self) -> bool:
        """Whether running the row adds its person as a new contact."""
        return (
            self.parsed.contact is not None
            and self.action in (Action.NEW, Action.LINK, Action.UPDATE)
            and self.person_id is None
            and not self.person_known
        )


@dataclass(frozen=True)
class ImportPlan:
    """The table and what the import will do with each of its rows, in the table's order."""

    table: Table = dataclasses.field(repr=False)
    mapping: tuple[str | None, ...]
    on_duplicate: OnDuplicate
    rows: tuple[PlannedRow, ...]
    on_problem: OnProblem = OnProblem.IMPORT
    # The other system whose keys the file's external ID column holds: its header as written.
    external_source: str | None = None
    # Where companies are whose rows name no country: the user's choice, else the file's
    # postcodes and phone numbers propose one (`country_guess`), else the home country.
    country: str = DEFAULT_COUNTRY
    country_guess: CountryGuess | None = None
    # Persons without a company go to the company of their e-mail's domain (found or new).
    companies_from_mail: bool = False
    # The file has ID columns, but they are another database's (see ids_are_ours).
    foreign_ids: bool = False
    # The companies and persons as the plan saw them (data_mark): running the plan on other
    # ones (another user imported meanwhile) plans again first.
    data_mark: tuple[Any, ...] = ()
    # Where the new companies come from, for a file without a source column (a trade fair's
    # list, a purchased one): the funnel planner counts them per source.
    lead_source: str | None = None

    @property
    def file_name(self) -> str:
        return self.table.path.name

    @property
    def sheet(self) -> str | None:
        return self.table.sheet

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)


@dataclass
class _Known:
    """Duplicate keys of the companies in the database and of the rows planned so far."""

    # A stored company's id -> its name key and domain: whether an ID column is ours.
    ids: dict[int, tuple[str | None, str | None]] = dataclasses.field(default_factory=dict)
    by_key: dict[Key, int] = dataclasses.field(default_factory=dict)
    more: dict[Key, list[int]] = dataclasses.field(default_factory=dict)  # the key's others
    by_name: dict[str, int] = dataclasses.field(default_factory=dict)
    by_external: dict[str, int] = dataclasses.field(default_factory=dict)
    marks: dict[int, _Mark] = dataclasses.field(default_factory=dict)

    def add(self, ident: int, values: dict[str, Any], external: str | None = None) -> None:
        for key in company_keys(values):
            if self.by_key.setdefault(key, ident) != ident:
                self.more.setdefault(key, []).append(ident)
        if values.get("name_key"):
            self.by_name.setdefault(values["name_key"], ident)
        mark = _mark(values, external)
        if mark != _NO_MARK:
            self.marks[ident] = mark

    def find(
        self, values: dict[str, Any], external: str | None, *, towns_differ: bool
    ) -> tuple[int, DuplicateReason] | None:
        """The company with one of these keys, preferring one in the same town. With
        `towns_differ`, the same name and postcode in another town is another company (the
        rows of one file); else it is the company, moved or corrected (the database's)."""
        mark = _mark(values, external)
        fallback = None
        for key in company_keys(values):
            first = self.by_key.get(key)
            if first is None:
                continue
            for ident in (first, *self.more.get(key, ())):
                theirs = self.marks.get(ident, _NO_MARK)
                if _other_key(theirs, mark):
                    continue
                if not _other_town(theirs, mark, key[0]):
                    return ident, key[0]
                if fallback is None and not towns_differ:
                    fallback = ident, key[0]
        return fallback


# What tells two look-alikes apart: their keys in the file's other system, their towns.
_Mark = tuple[str | None, str | None]
_NO_MARK: _Mark = (None, None)


def _mark(values: dict[str, Any], external: str | None) -> _Mark:
    city = values.get("city")
    return (external or None, fold(city) if city else None)


def _other_key(one: _Mark, other: _Mark) -> bool:
    """Look-alikes with keys of their own in the other system (branches with their customer
    numbers) are different companies."""
    return bool(one[0] and other[0]) and one[0] != other[0]


def _other_town(one: _Mark, other: _Mark, reason: DuplicateReason) -> bool:
    """The same name and postcode in different towns: a postcode can span several."""
    return (
        reason is DuplicateReason.NAME_AND_POSTCODE
        and bool(one[1] and other[1])
        and one[1] != other[1]
    )


def _database_keys(session: Session, external_source: str | None) -> _Known:
    known = _Known()
    rows = session.execute(
        select(
            Company.id,
            Company.name_key,
            Company.postcode,
            Company.domain,
            Company.phone,
            Company.city,
            Company.external_source,
            Company.external_ref,
        ).where(Company.deleted_at.is_(None))
    )
    for ident, key, postcode, domain, phone, city, source, ref in rows:
        known.ids[ident] = (key, domain)
        known.add(
            ident,
            {"name_key": key, "postcode": postcode, "domain": domain, "phone": phone, "city": city},
            ref if external_source is not None and source == external_source else None,
        )
    if external_source is not None:
        refs = session.execute(
            select(Company.external_ref, Company.id).where(
                Company.external_source == external_source,
                Company.external_ref.is_not(None),
                Company.deleted_at.is_(None),
            )
        )
        shared: set[str] = set()
        for ref, ident in refs:
            if ref and known.by_external.setdefault(ref, ident) != ident:
                shared.add(ref)
        # A key several companies carry (a head office and its branches under one bank code)
        # names none of them: those rows are matched by their other keys.
        for ref in shared:
            del known.by_external[ref]
    return known


def external_source(table: Table, mapping: Sequence[str | None]) -> str | None:
    """The other system a file's keys come from, named by the header of its key column."""
    for header, key in zip(table.headers, mapping, strict=False):
        if key == "external_id":
            return header.strip() or "external_id"
    return None


def plan_import(
    session: Session,
    table: Table,
    mapping: Sequence[str | None],
    on_duplicate: OnDuplicate,
    progress: Progress | None = None,
    *,
    on_problem: OnProblem = OnProblem.IMPORT,
    country: str | None = None,
    companies_from_mail: bool = False,
) -> ImportPlan:
    """Decide for every row of the table what the import will do; reads the database, writes
    nothing. The plan keeps the table: running it needs nothing else. Without a `country`
    for rows that name none, the file's postcodes and phone numbers propose one. A person
    without a company stays without one, unless `companies_from_mail` gives them the company
    of their business e-mail's domain."""
    mark = data_mark(session)
    guess = propose_country(*_places(table, mapping)) if country is None else None
    country = country or (guess.code if guess is not None else DEFAULT_COUNTRY)
    source = external_source(table, mapping)
    database = _database_keys(session, source)
    team = _team(session) if {"team_member", "contact_team_member"} & set(mapping) else None
    ranks = column_ranks(table.headers, mapping)
    types = type_columns(table.headers)  # "Phone 1 - Type" beside "Phone 1 - Value"
    parsed_rows: list[ParsedRow] = []
    rows = table.rows
    total = len(rows)
    today = dt.date.today()
    for index, (line, row) in enumerate(zip(table.source_row_numbers, rows, strict=True)):
        parsed = parse_row(line, row, mapping, country, team, ranks, types)
        if companies_from_mail:
            parsed = _with_mail_company(parsed, country)
        if parsed.warnings or parsed.kept or (parsed.tags and _lone(parsed)):
            parsed = _with_notes(parsed, table.path.name, today)
        parsed_rows.append(parsed)
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress.step(index, total)
    parsed_rows = _without_erased(session, parsed_rows)
    people = _stored_people(session, [p.contact_id for p in parsed_rows if p.contact_id])
    foreign = not ids_are_ours(parsed_rows, database.ids, people)
    if foreign:
        # Another database's export (a new laptop, the team server): its IDs name other
        # records, so its rows are matched and stored as any others.
        parsed_rows = [
            dataclasses.replace(p, company_id=None, contact_id=None) for p in parsed_rows
        ]
    in_file = _Known()  # keys of rows planned as new, by line number
    planned = [
        _with_person(_plan_row(parsed, database, in_file, on_duplicate, on_problem), people)
        for parsed in parsed_rows
    ]
    refined = _what_changes(session, planned, mapping, on_duplicate, source)
    return ImportPlan(
        table,
        tuple(mapping),
        on_duplicate,
        refined,
        on_problem,
        source,
        country,
        guess,
        companies_from_mail,
        foreign,
        mark,
    )


def data_mark(session: Session) -> tuple[Any, ...]:
    """What changes whenever a company or a person is added, changed or deleted: their counts,
    highest ids and latest changes."""
    mark: list[Any] = []
    for model in (Company, Contact):
        mark.extend(
            session.execute(
                select(func.count(), func.max(model.id), func.max(model.updated_at)).select_from(
                    model
                )
            ).one()
        )
    return tuple(mark)


def replanned(session: Session, plan: ImportPlan) -> ImportPlan:
    """The same file, mapping and choices planned again on the data as it is now."""
    return plan_import(
        session,
        plan.table,
        plan.mapping,
        plan.on_duplicate,
        on_problem=plan.on_problem,
        country=plan.country,
        companies_from_mail=plan.companies_from_mail,
    )


def _team(session: Session) -> dict[str, int]:
    """The team's members by member_key: a file names a company's owner by name."""
    rows = session.execute(select(TeamMember.id, TeamMember.name))
    return {member_key(name): ident for ident, name in rows}


def ids_are_ours(
    rows: Sequence[ParsedRow],
    companies: dict[int, tuple[str | None, str | None]],
    people: dict[int, tuple[int | None, str]],
) -> bool:
    """Whether a file's ID columns are this database's: true when it has none; else when most
    of its records with an ID are here under that ID with the same name (or domain), as in an
    export of this database edited in Excel. Every database counts its ids from 1, so an ID
    alone proves nothing: another one's export would overwrite the records that share them."""
    checked = agreed = 0
    for row in rows:
        if row.company_id is not None and row.name_key is not None:
            checked += 1
            stored = companies.get(row.company_id)
            agreed += stored is not None and (
                stored[0] == row.name_key or (row.domain is not None and stored[1] == row.domain)
            )
        elif row.contact_id is not None and row.contact is not None:
            checked += 1
            person = people.get(row.contact_id)
            agreed += person is not None and fold(person[1]) == fold(row.contact.last_name)
    return 2 * agreed >= checked


def _lone(parsed: ParsedRow) -> bool:
    """Whether the row is a person without a company (an address book's row)."""
    return parsed.contact is not None and parsed.company is None and parsed.company_id is None


def _with_mail_company(parsed: ParsedRow, country: str) -> ParsedRow:
    """A person without a company with the company their business address names, as a
    company row of that domain: matched like any other, by its domain."""
    domain = company_domain(parsed.contact.email) if _lone(parsed) and parsed.contact else None
    if not parsed.ok or domain is None:
        return parsed
    try:
        stored = validate_company(CompanyInput(name=domain, website=domain, country=country))
    except ValidationFailed:  # a domain no website can have: the person stays alone
        return parsed
    found, name_key = stored.pop("domain"), stored.pop("name_key")
    return dataclasses.replace(
        parsed, company=CompanyInput(**stored), domain=found, name_key=name_key
    )


def person_target(row: PlannedRow) -> tuple[str, int]:
    """Where a row's person goes: to a stored company ("id"), to the company of a row of
    the file ("line"), or to no company ("none", for a person the file gives none)."""
    if row.target_id is not None:
        return "id", row.target_id
    if row.same_as_line is None and _lone(row.parsed):
        return "none", 0
    return "line", row.same_as_line if row.same_as_line is not None else row.parsed.line


_PHONE_KEYS = ("phone", "contact_phone", "mobile")


def _places(table: Table, mapping: Sequence[str | None]) -> tuple[list[str], list[str]]:
    """The file's postcodes and phone numbers as text, for proposing a country."""
    postcodes = [i for i, key in enumerate(mapping) if key == "postcode"]
    phones = [i for i, key in enumerate(mapping) if key in _PHONE_KEYS]
    found: tuple[list[str], list[str]] = ([], [])
    step = max(1, len(table.rows) // SAMPLE)  # rows spread over the file: a list is sorted
    for row in table.rows[::step]:
        for columns, into in ((postcodes, found[0]), (phones, found[1])):
            for index in columns:
                if index < len(row) and (text := values.text(row[index])):
                    into.append(text)
    return found


def _what_changes(
    session: Session,
    rows: list[PlannedRow],
    mapping: Sequence[str | None],
    on_duplicate: OnDuplicate,
    source: str | None,
) -> tuple[PlannedRow, ...]:
    """Rows that would change nothing become skips, so that the preview counts only real
    changes: an update whose fields hold what the row has, a person already there."""
    fields = company_fields(mapping)
    updated = {p.target_id for p in rows if p.action is Action.UPDATE and p.target_id}
    companies = _stored(session, Company, updated, [*fields, "notes", "external_ref"])
    people_fields = person_fields(mapping)
    people = _stored(
        session, Contact, {p.person_id for p in rows if p.person_id}, [*people_fields, "notes"]
    )
    seen = _people_keys(
        session,
        {p.target_id for p in rows if p.target_id},
        alone=any(_lone(p.parsed) for p in rows),
    )
    refined = []
    for row in rows:
        if row.action in (Action.ERROR, Action.SKIP):
            refined.append(row)
            continue
        parsed = row.parsed
        company_change = row.action is Action.UPDATE and bool(
            company_changes(
                companies.get(row.target_id or 0, {}),
                parsed.company_values,
                fields,
                exact=row.reason is DuplicateReason.ID,
                fill_only=fills_only(row, on_duplicate),
                note=parsed.company_note,
                reference=reference(parsed, source),
            )
        )
        person = parsed.contact
        person_change = False
        known = False
        if person is not None and row.person_id is not None:
            person_change = bool(
                person_changes(
                    people.get(row.person_id, {}), person, people_fields, parsed.contact_note
                )
            )
        elif person is not None:
            target = person_target(row)
            keys = person_keys(target, person.first_name, person.last_name, person.email)
            known = bool(seen.intersection(keys))
            seen.update(keys)
        adds_person = person is not None and row.person_id is None and not known
        # A person without a company is "new" only as a person: known or unchanged, a skip.
        lone_seen = _lone(parsed) and (known or row.person_id is not None)
        if (row.action is Action.NEW and not lone_seen) or company_change:
            refined.append(dataclasses.replace(row, person_known=known))
        elif adds_person or person_change:
            refined.append(dataclasses.replace(row, action=Action.LINK, person_known=known))
        else:
            refined.append(
                dataclasses.replace(row, action=Action.SKIP, person_known=known, unchanged=True)
            )
    return tuple(refined)


def reference(parsed: ParsedRow, source: str | None) -> tuple[str, str] | None:
    """The other system and the company's key in it, if the row gives one for the company."""
    if source is None or not parsed.external_id or parsed.kind is RowKind.PERSON:
        return None
    return source, parsed.external_id


def fills_only(row: PlannedRow, on_duplicate: OnDuplicate) -> bool:
    """Whether an update only fills empty fields: for look-alikes when the user chose so; a
    company found by its key in the other system takes that system's values."""
    return on_duplicate is OnDuplicate.FILL and row.reason is not DuplicateReason.EXTERNAL


def _stored(
    session: Session, model: type[Company] | type[Contact], ids: set[int], fields: list[str]
) -> dict[int, dict[str, Any]]:
    """The named columns of the live records with these ids, by id."""
    found: dict[int, dict[str, Any]] = {}
    columns = [getattr(model, name) for name in dict.fromkeys(fields)]
    unique = sorted(ids)
    for start in range(0, len(unique), 2_000):
        rows = session.execute(
            select(model.id, *columns).where(
                model.id.in_(unique[start : start + 2_000]), model.deleted_at.is_(None)
            )
        )
        for row in rows:
            found[row[0]] = dict(zip(dict.fromkeys(fields), row[1:], strict=True))
    return found


def _people_keys(session: Session, company_ids: set[int], *, alone: bool) -> set[Any]:
    """The keys of the persons the companies have already (see import_changes.person_keys),
    and with `alone` those of the persons without a company."""
    seen: set[Any] = set()
    if alone:
        lone = session.execute(
            select(Contact.first_name, Contact.last_name, Contact.email).where(
                Contact.company_id.is_(None), Contact.deleted_at.is_(None)
            )
        )
        for first, last, email in lone:
            seen.update(person_keys(("none", 0), first, last, email))
    unique = sorted(company_ids)
    for start in range(0, len(unique), 2_000):
        rows = session.execute(
            select(Contact.company_id, Contact.first_name, Contact.last_name, Contact.email).where(
                Contact.company_id.in_(unique[start : start + 2_000]),
                Contact.deleted_at.is_(None),
            )
        )
        for company_id, first, last, email in rows:
            seen.update(person_keys(("id", company_id), first, last, email))
    return seen


def _with_notes(parsed: ParsedRow, file_name: str, today: dt.date) -> ParsedRow:
    """The row with the notes that keep what its fields could not take."""
    company, person = parsed.left_out(Target.COMPANY), parsed.left_out(Target.CONTACT)
    if _lone(parsed):
        # No company to keep them: the person's notes do, and only companies have tags.
        person, company = company + person, []
        if parsed.tags:
            tags = ", ".join(parsed.tags)
            person.append(RowProblem("tags", "lone_tags", "no company to tag", {"value": tags}))
    if not company and not person:
        return parsed
    return dataclasses.replace(
        parsed,
        company_note=import_note(file_name, parsed.line, today, company) if company else None,
        contact_note=import_note(file_name, parsed.line, today, person) if person else None,
    )


def _without_erased(session: Session, rows: list[ParsedRow]) -> list[ParsedRow]:
    """Persons erased at their request (GDPR Art. 17) are not brought back: their rows are
    refused, and the summary says why (the company of such a row is most often still here;
    a new one can be entered by hand)."""
    if session.scalar(select(Suppression.id).limit(1)) is None:
        return rows  # nobody was ever erased: nothing to compare
    key = personal_data.salt(session)
    candidates: dict[int, set[str]] = {}
    for index, row in enumerate(rows):
        person = row.contact
        if person is not None:
            found = suppression.digests(key, person.email, (person.phone, person.mobile))
            if found:
                candidates[index] = {digest for _kind, digest in found}
    erased = personal_data.suppressed_digests(
        session, {digest for digests in candidates.values() for digest in digests}
    )
    checked = list(rows)
    for index, digests in candidates.items():
        if digests & erased:
            problem = RowProblem(
                "last_name", "erased_person", "this person was erased at their request", {}
            )
            checked[index] = dataclasses.replace(rows[index], errors=(problem,))
    return checked


def _stored_people(session: Session, ids: Sequence[int]) -> dict[int, tuple[int | None, str]]:
    """Live persons among these ids, with their company's id and their last name."""
    found: dict[int, tuple[int | None, str]] = {}
    unique = sorted(set(ids))
    for start in range(0, len(unique), 2_000):
        rows = session.execute(
            select(Contact.id, Contact.company_id, Contact.last_name).where(
                Contact.id.in_(unique[start : start + 2_000]), Contact.deleted_at.is_(None)
            )
        )
        found.update((person, (company, last)) for person, company, last in rows)
    return found


def _with_person(planned: PlannedRow, people: dict[int, tuple[int | None, str]]) -> PlannedRow:
    """A row with the person ID of an export updates that person, else it is refused."""
    parsed = planned.parsed
    if parsed.contact_id is None or parsed.contact is None or planned.action is Action.ERROR:
        return planned
    stored = people.get(parsed.contact_id)
    if stored is None or stored[0] != (planned.target_id or parsed.company_id):
        problem = RowProblem(
            "contact_id",
            "unknown_person_id",
            "no person of this company has this ID",
            {"id": parsed.contact_id},
        )
        return PlannedRow(dataclasses.replace(parsed, errors=(problem,)), Action.ERROR)
    return dataclasses.replace(planned, person_id=parsed.contact_id)


def _plan_row(
    parsed: ParsedRow,
    database: _Known,
    in_file: _Known,
    on_duplicate: OnDuplicate,
    on_problem: OnProblem,
) -> PlannedRow:
    if not parsed.ok:
        return PlannedRow(parsed, Action.ERROR)
    if parsed.warnings and on_problem is OnProblem.SKIP:
        # The user chose to leave such rows out: their warnings are the reasons.
        return PlannedRow(
            dataclasses.replace(parsed, errors=parsed.warnings, warnings=()), Action.ERROR
        )
    values = parsed.match_values
    has_person = parsed.contact is not None
    if parsed.company_id is not None and parsed.company_id in database.ids:
        # A row of our own export updates its company, whatever is chosen for look-alikes:
        # the round trip changes exactly what was edited (and nothing where nothing was).
        if parsed.kind is RowKind.PERSON or parsed.company is None:
            return PlannedRow(parsed, Action.LINK, parsed.company_id, DuplicateReason.ID)
        return PlannedRow(parsed, Action.UPDATE, parsed.company_id, DuplicateReason.ID)
    if parsed.external_id and parsed.kind is not RowKind.PERSON:
        stored = database.by_external.get(parsed.external_id)
        if stored is not None:
            # The same company of the same other system, imported before: its values now.
            return PlannedRow(parsed, Action.UPDATE, stored, DuplicateReason.EXTERNAL)
    if parsed.company_id is not None:
        # An export of another database (a new laptop, the team server): its IDs mean nothing
        # here, the rows are matched and stored as any others.
        if parsed.company is None:  # a person of a company that is not here
            problem = RowProblem(
                "company_id", "unknown_id", "no company has this ID", {"id": parsed.company_id}
            )
            return PlannedRow(dataclasses.replace(parsed, errors=(problem,)), Action.ERROR)
        parsed = dataclasses.replace(parsed, company_id=None, contact_id=None)

    # The same company named again in this file: one row per person is the usual layout.
    own_key = parsed.external_id if parsed.kind is not RowKind.PERSON else None
    by_name_only = parsed.kind is RowKind.PERSON
    earlier = _same_company(in_file, values, own_key, by_name_only=by_name_only, towns_differ=True)
    if earlier is not None and on_duplicate is not OnDuplicate.KEEP:
        if has_person:
            return PlannedRow(parsed, Action.LINK, None, earlier[1], same_as_line=earlier[0])
        return PlannedRow(parsed, Action.SKIP, None, earlier[1], same_as_line=earlier[0])

    existing = _same_company(
        database, values, own_key, by_name_only=by_name_only, towns_differ=False
    )
    if existing is not None and (
        on_duplicate is not OnDuplicate.KEEP or parsed.kind is RowKind.PERSON
    ):
        if parsed.kind is RowKind.PERSON:
            return PlannedRow(parsed, Action.LINK, existing[0], existing[1])
        if on_duplicate is OnDuplicate.SKIP:
            action = Action.LINK if has_person else Action.SKIP
            return PlannedRow(parsed, action, existing[0], existing[1])
        return PlannedRow(parsed, Action.UPDATE, existing[0], existing[1])
    in_file.add(parsed.line, values, own_key)
    return PlannedRow(parsed, Action.NEW)


def _same_company(
    known: _Known,
    values: dict[str, Any],
    external: str | None,
    *,
    by_name_only: bool,
    towns_differ: bool,
) -> tuple[int, DuplicateReason] | None:
    """A strong match (name and postcode, domain, phone); or, when the row gives no postcode,
    the same name: on a person's row, or on a row that leaves the address open. Never one
    whose key in the file's other system differs (see _other_key)."""
    found = known.find(values, external, towns_differ=towns_differ)
    if found is not None:
        return found
    key = values.get("name_key")
    if key and (by_name_only or not values.get("postcode")) and key in known.by_name:
        ident = known.by_name[key]
        if not _other_key(known.marks.get(ident, _NO_MARK), _mark(values, external)):
            return ident, DuplicateReason.NAME
    return None
