"""Turn one spreadsheet row, through the column mapping, into a company and a person."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from prospector.countries import country_code
from prospector.enums import (
    ActivityType,
    CompanyStage,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.errors import FieldProblem, ValidationFailed
from prospector.exchange import values
from prospector.exchange.column_rank import (
    PRIVATE,
    UNCALLABLE,
    header_rank,
    is_mobile,
    labelled_values,
    typed_rank,
)
from prospector.exchange.columns import (
    ALTERNATIVE_KEYS,
    BY_KEY,
    CONTACT_ATTRIBUTES,
    JOINED_KEYS,
    Target,
)
from prospector.import_texts import field_label
from prospector.labels import every_language
from prospector.normalize import fold, split_tag_text
from prospector.postcode_places import state_of
from prospector.records import CompanyInput, ContactInput, field_defaults, field_values
from prospector.region import DEFAULT_COUNTRY
from prospector.validation import validate_company_fields, validate_contact_fields

Converter = Callable[[values.Cell], Any]


class UnknownValue(ValueError):
    """A category the field does not know ("warm" as a lead status): kept as a tag."""

    def __init__(self, value: str) -> None:
        super().__init__(f"unknown value {value!r}")
        self.value = value


class RowKind(StrEnum):
    COMPANY = "company"
    PERSON = "person"
    BOTH = "both"


@dataclass(frozen=True)
class RowProblem:
    """Why a row was refused (an error) or a field of it left out or changed (a warning).
    A warning whose params hold the cell's "value" left that value out of its field: the
    import keeps it in the record's notes."""

    field: str
    code: str
    message: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def left_out(self) -> str | None:
        """The text the file had where a field stays empty or was shortened."""
        value = self.params.get("value")
        return None if value is None or self.params.get("kept_as") == "tag" else str(value)


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One row as it would be stored, before duplicates are looked at.

    A valid company or person is held normalised, as validation leaves it (an import holds
    100,000 of these, and a frozen dataclass takes a fifth of the memory of a dict); an
    invalid company as the file gave it, for the preview.
    """

    line: int
    kind: RowKind
    company: CompanyInput | None
    contact: ContactInput | None  # company_id 0: linked when the import runs
    company_id: int | None  # the ID column of an earlier export
    contact_id: int | None
    tags: tuple[str, ...]
    domain: str | None  # of a valid company: the website's domain
    name_key: str | None  # of a valid company; None when its values did not validate
    errors: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]
    # Values the file has but no field takes (a second e-mail address, a person's private
    # street): kept in the notes too, without counting as problems.
    kept: tuple[RowProblem, ...] = ()
    external_id: str | None = None  # another system's key for the record
    # What the import adds to the company's and the person's notes: the values their fields
    # could not take (see RowProblem.left_out), written by the plan in the user's language.
    company_note: str | None = None
    contact_note: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def left_out(self, target: Target) -> list[RowProblem]:
        """What the notes of the company or the person keep: values a field could not take,
        and values no field takes."""
        return [
            problem
            for problem in (*self.warnings, *self.kept)
            if problem.left_out is not None and _owner(problem) is target
        ]

    @property
    def company_values(self) -> dict[str, Any]:
        """The valid company's column values as validate_company gave them; else empty."""
        if self.company is None or self.name_key is None:
            return {}
        values = field_values(self.company)
        values["domain"], values["name_key"] = self.domain, self.name_key
        return values

    @property
    def match_values(self) -> dict[str, Any]:
        """Of company_values, what tells whether two rows are the same company (look_alike's
        keys and the town); read for every row, so without the rest."""
        company = self.company
        if company is None or self.name_key is None:
            return {}
        return {
            "name_key": self.name_key,
            "postcode": company.postcode,
            "domain": self.domain,
            "phone": company.phone,
            "city": company.city,
        }

    @property
    def contact_values(self) -> dict[str, Any]:
        """The valid person's column values as validate_contact gave them; else empty."""
        return {} if self.contact is None else contact_values(self.contact)


@dataclass(frozen=True)
class RejectedRow:
    """A row an import refused: its line, its cells as the file has them, and why."""

    line: int
    values: tuple[values.Cell, ...]
    reasons: tuple[RowProblem, ...]


def contact_values(contact: ContactInput) -> dict[str, Any]:
    """A normalised person's column values (as validate_contact gave them)."""
    return field_values(contact)


def _word(text: str) -> str:
    """A category word as compared: folded, punctuation as spaces ('Lead-Pflege' -> 'lead
    pflege', 'legitimate_interest' -> 'legitimate interest')."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def _enum(enum: type[StrEnum], synonyms: dict[str, str]) -> Converter:
    """Accept the stored value, its label in any language we speak (an export's, whichever
    language it was written in), or a common word for it; UnknownValue for anything else."""

    @functools.cache
    def words() -> dict[str, StrEnum]:
        # Built at the first cell, not on import: the labels come from the catalogue.
        found = {_word(word): enum(value) for word, value in synonyms.items()}
        found.update((_word(label), member) for member, label in every_language(enum))
        found.update((_word(member.value), member) for member in enum)
        return found

    def convert(cell: values.Cell) -> Any:
        raw = values.text(cell)
        if raw is None:
            return None
        found = words().get(_word(raw))
        if found is None:
            raise UnknownValue(raw)
        return found

    return convert


_NON_WORD = re.compile(r"[^0-9a-z]+")
_STRUCTURES = {
    "unabhaengig": "independent",
    "eigenstaendig": "independent",
    "zentrale": "headquarters",
    "hauptsitz": "headquarters",
    "filiale": "branch",
    "niederlassung": "branch",
    "tochter": "subsidiary",
    "tochtergesellschaft": "subsidiary",
    "konzern": "group",
}
_ACTIVITIES = {
    "produktion": "manufacturing",
    "hersteller": "manufacturing",
    "handel": "trade",
    "dienstleistung": "services",
    "handwerk": "craft",
    "oeffentlich": "public",
    "sonstige": "other",
}
_ROLES = {
    "entscheider": "decision_maker",
    "beeinflusser": "influencer",
    "anwender": "user",
    "vorzimmer": "gatekeeper",
    "unbekannt": "unknown",
}
_STATUSES = {
    "kontakt": "contact",
    "ansprechpartner": "contact",
    "in qualifizierung": "qualifying",
    "lead pflege": "nurturing",
    "verkaufschance": "opportunity",
    "disqualifiziert": "disqualified",
}
_BASES = {
    "einwilligung": "consent",
    "vertrag": "contract",
    "berechtigtes interesse": "legitimate_interest",
    "unbekannt": "unknown",
}
_STAGES = {
    "ziel": "target",
    "zielkunde": "target",
    "bestandskunde": "customer",
}

CONVERTERS: dict[str, Converter] = {
    "company_id": values.integer,
    "contact_id": values.integer,
    "employees": values.integer,
    "turnover_eur": values.number,
    "postcode": values.code,
    "wz_code": values.code,
    "phone": values.code,
    "phone_area": values.code,
    "contact_phone": values.code,
    "mobile": values.code,
    "structure": _enum(CompanyStructure, _STRUCTURES),
    "activity_type": _enum(ActivityType, _ACTIVITIES),
    "stage": _enum(CompanyStage, _STAGES),
    "decision_role": _enum(DecisionRole, _ROLES),
    "lead_status": _enum(LeadStatus, _STATUSES),
    "legal_basis": _enum(LegalBasis, _BASES),
    "salutation": values.salutation,
    "legal_form": values.legal_form,
    "do_not_contact": values.boolean,
    "do_not_contact_since": values.date,
    "budget_authority": values.boolean,
    "is_consumer": values.boolean,
}
_PERSON_WORDS = {"person", "kontakt", "contact", "ansprechpartner", "p", "naturliche person", "1"}
_COMPANY_WORDS = {"firma", "unternehmen", "company", "organisation", "organization", "f", "2"}
# A bare house number ("12", "12a") joins its street with a space, other parts with a comma.
_HOUSE_NUMBER = re.compile(r"\d+\s*[a-zA-Z]?(\s*-\s*\d+\s*[a-zA-Z]?)?")


def _owner(problem: RowProblem) -> Target:
    """Whose notes keep a value: the person's (a person's field, or a company field on a
    row that is the person's) or the company's."""
    if problem.code == "person_value":
        return Target.CONTACT
    if problem.code == "company_value":
        return Target.COMPANY
    found = BY_KEY.get(problem.field)
    return (
        Target.CONTACT if found is not None and found.target is Target.CONTACT else Target.COMPANY
    )


@dataclass(frozen=True)
class _Layout:
    """What a mapping means for every row: the mapped columns, and whether rows say
    themselves whether they are a company or a person."""

    columns: tuple[tuple[int, str], ...]
    says_kind: bool


@functools.lru_cache(maxsize=16)
def _layout(mapping: tuple[str | None, ...], ranks: tuple[int, ...] = ()) -> _Layout:
    columns = tuple((index, key) for index, key in enumerate(mapping) if key is not None)
    if ranks:  # the business column of a field before its private one (column_rank)
        columns = tuple(sorted(columns, key=lambda c: ranks[c[0]] if c[0] < len(ranks) else 1))
    return _Layout(columns, "row_kind" in mapping or "is_company" in mapping)


def _joined(key: str, parts: list[values.Cell]) -> str:
    texts = [text for part in parts if (text := values.text(part))]
    if key == "street":
        joined = texts[0]
        for text in texts[1:]:
            joined += (" " if _HOUSE_NUMBER.fullmatch(text) else ", ") + text
        return joined
    return {"notes": "\n", "tags": ", "}.get(key, " ").join(texts)


def _by_type(
    row: Sequence[values.Cell], columns: Sequence[tuple[int, str]], types: tuple[int, ...]
) -> tuple[list[tuple[int, str]], set[int]]:
    """The columns in the order this row's type columns give them ("Phone 1 - Type": Work
    before Home), a number of the type "Mobile" as the mobile number; and the columns whose
    value is no number to call (a fax, a pager): kept, never the field's."""
    ranked: list[tuple[int, int, str]] = []
    uncallable: set[int] = set()
    width = len(row)
    for position, (index, key) in enumerate(columns):
        at = types[index] if index < len(types) else -1
        kind = values.text(row[at]) if 0 <= at < width else None
        rank = 1
        if kind and key in ALTERNATIVE_KEYS:
            rank = typed_rank(kind)
            if rank == UNCALLABLE:
                uncallable.add(index)
            elif key in ("contact_phone", "phone") and is_mobile(kind):
                key = "mobile"
        ranked.append((rank, position, key))
    ranked.sort()
    return [(columns[position][0], key) for _rank, position, key in ranked], uncallable


def _cells(
    row: Sequence[values.Cell], layout: _Layout, types: tuple[int, ...] = ()
) -> tuple[dict[str, values.Cell], list[tuple[str, values.Cell]]]:
    """Field -> cell, and the extra values of fields several columns fill: the parts of a
    field are joined in column order; of alternatives the first non-empty one is the field's,
    the others are extra (a second e-mail address); otherwise the first non-empty one wins."""
    found: dict[str, values.Cell] = {}
    parts: dict[str, list[values.Cell]] = {}
    extra: list[tuple[str, values.Cell]] = []
    width = len(row)
    columns, uncallable = _by_type(row, layout.columns, types) if types else (layout.columns, ())
    for index, key in columns:
        cell = row[index] if index < width else None
        if cell is None or cell == "":
            continue
        if index in uncallable:
            extra.append((key, values.text(cell)))
            continue
        if key in ALTERNATIVE_KEYS and isinstance(cell, str) and cell.startswith("[{"):
            listed = labelled_values(cell)
            if listed:  # several values in one cell: the first is the column's, as if alone
                cell = listed[0]
                extra.extend((key, other) for other in listed[1:])
        if key not in found:
            found[key] = cell
        elif key in JOINED_KEYS:
            parts.setdefault(key, [found[key]]).append(cell)
        elif key in ALTERNATIVE_KEYS:
            extra.append((key, cell))
    for key, pieces in parts.items():
        found[key] = _joined(key, pieces)
    return found, extra


def _said_kind(cells: dict[str, values.Cell]) -> RowKind | None:
    """What a sheet of companies and persons says a row is: by a word or code (row_kind) or a
    yes/no flag (is_company)."""
    word = fold(values.text(cells.get("row_kind")) or "")
    if word in _PERSON_WORDS:
        return RowKind.PERSON
    if word in _COMPANY_WORDS:
        return RowKind.COMPANY
    flag = cells.get("is_company")
    if flag is not None:
        try:
            return RowKind.COMPANY if values.boolean(flag) else RowKind.PERSON
        except ValueError:
            return None
    return None


def _kind(said: RowKind | None, has_company: bool, has_person: bool) -> RowKind | None:
    if said is RowKind.COMPANY:
        return RowKind.BOTH if has_person else RowKind.COMPANY
    if said is RowKind.PERSON:
        return RowKind.PERSON
    if has_company and has_person:
        return RowKind.BOTH
    if has_person:
        return RowKind.PERSON
    return RowKind.COMPANY if has_company else None


# The parts of an address that go with it when it is a person's home address (the country
# stays: it is where the person's numbers are dialled).
_HOME_ADDRESS = ("street", "postcode", "city", "state")
# On a person's row of a sheet of companies and persons, the company's columns are the
# person's: the name their full name, the e-mail and phone theirs.
_PERSON_SIDE = {"name": "full_name", "email": "contact_email", "phone": "contact_phone"}


def _as_person(converted: dict[str, Any], kept: list[RowProblem]) -> None:
    """Read a person's row of a sheet of companies and persons: the company columns hold the
    person's own values; the company is the one the row names as related."""
    company = converted.pop("related_company", None)
    for key in [k for k in converted if BY_KEY[k].target is Target.COMPANY]:
        value = converted.pop(key)
        side = _PERSON_SIDE.get(key)
        if (
            side is not None
            and side not in converted
            and not (side == "full_name" and converted.get("last_name"))
        ):
            converted[side] = value
        elif key != "name":
            kept.append(RowProblem(key, "person_value", "a value of the person", {"value": value}))
    if company:
        converted["name"] = company


def parse_row(
    line: int,
    row: Sequence[values.Cell],
    mapping: Sequence[str | None],
    country: str = DEFAULT_COUNTRY,
    team: Mapping[str, int] | None = None,
    ranks: tuple[int, ...] = (),
    types: tuple[int, ...] = (),
) -> ParsedRow:
    """Convert, normalise and validate one row; every problem is named, nothing raised.
    `country` is where a company is whose row names no country (the file's, or the one the
    user chose for it); postcodes and phone numbers are read as that country writes them.
    `team` finds the company's owner by name: the ids of the team's members by member_key.
    `ranks` orders the columns of one field (column_rank): the first non-empty one wins;
    `types` (column_rank.type_columns, -1 for none) lets each row's type columns reorder them.

    A bad value costs its field, never the row: the field stays empty (or is shortened) with a
    warning that keeps the text, and a category the field does not know becomes a tag. A row is
    refused only when it names neither a company nor a person.
    """
    cells, extra = _cells(row, _layout(tuple(mapping), ranks), types)
    errors: list[RowProblem] = []
    warnings: list[RowProblem] = []
    kept = [
        RowProblem(key, "extra_value", "another value for the field", {"value": values.text(c)})
        for key, c in extra
    ]
    converted: dict[str, Any] = {}
    tag_names = split_tag_text(values.text(cells.get("tags")))
    said_salutation = values.text(cells.get("salutation"))
    if said_salutation and "academic_title" not in cells:
        word, title = values.salutation_and_title(said_salutation)
        if title:  # "Herr Dr." in one column: the title is a field of its own
            cells["salutation"], cells["academic_title"] = word, title
    said = _said_kind(cells)
    for key, cell in cells.items():
        convert = CONVERTERS.get(key, values.text)
        try:
            converted[key] = convert(cell)
        except UnknownValue as exc:
            tag_names.append(category_tag(key, exc.value))
            warnings.append(
                RowProblem(key, "unknown_value", str(exc), {"value": exc.value, "kept_as": "tag"})
            )
        except ValueError as exc:
            warnings.append(RowProblem(key, "invalid", str(exc), {"value": values.text(cell)}))
    converted.pop("tags", None)
    converted.pop("row_kind", None)
    converted.pop("is_company", None)
    address_type = converted.pop("address_type", None)
    if address_type and header_rank(str(address_type)) == PRIVATE:
        # A person's home address (an address book's "Home"): theirs, not the company's.
        private = [key for key in _HOME_ADDRESS if key in converted]
        kept.extend(_kept_for(private, "person_value", cells, converted))
        for key in private:
            del converted[key]
    external_id = converted.pop("external_id", None)
    area = converted.pop("phone_area", None)
    if area and converted.get("phone"):
        converted["phone"] = with_area_code(str(area), str(converted["phone"]))
    owner_id = _member(converted.pop("team_member", None), "team_member", team, tag_names, warnings)
    # The person's own owner, where the file names one; else the row's owner is theirs too.
    person_owner = _member(
        converted.pop("contact_team_member", None), "contact_team_member", team, tag_names, warnings
    )
    own_country = None  # a person's row of a sheet of companies and persons names theirs
    if said is RowKind.PERSON:
        own_country = country_code(values.text(cells.get("country")))
        _as_person(converted, kept)
    elif "related_company" in converted:
        # The company a person belongs to, where the file has no other company column.
        related = converted.pop("related_company")
        converted.setdefault("name", related)

    if "full_name" in converted and not converted.get("last_name"):
        salutation, title, first, last = values.split_full_name(converted.pop("full_name"))
        converted.setdefault("salutation", salutation)
        converted.setdefault("academic_title", title)
        converted.setdefault("first_name", first)
        converted["last_name"] = last
    converted.pop("full_name", None)
    if converted.get("first_name") and not converted.get("last_name"):
        # One name is still a name: the person is kept under it rather than refused.
        converted["last_name"] = converted.pop("first_name")
        warnings.append(
            RowProblem("last_name", "first_name_only", "only a first name: stored as the name")
        )
    if converted.get("do_not_contact") and not converted.get("do_not_contact_since"):
        # An objection counts from when it is known: a list that only marks it gets today.
        converted["do_not_contact_since"] = dt.date.today()
        warnings.append(
            RowProblem(
                "do_not_contact_since",
                "objection_dated_today",
                "no date of the objection given: today's date is recorded",
            )
        )

    company_keys = converted.keys() & _COMPANY_KEYS
    person_keys = converted.keys() & _PERSON_KEYS
    kind = _kind(said, bool(company_keys), bool(person_keys))
    if owner_id is not None:
        converted["owner_id"] = owner_id
    if person_owner is not None or owner_id is not None:
        converted["contact_team_member"] = person_owner if person_owner is not None else owner_id
    has_name = bool(converted.get("name"))
    has_person = bool(converted.get("last_name"))
    if kind is RowKind.BOTH and not has_name and has_person:
        kind = RowKind.PERSON  # company details without a company name belong to the person
        if converted.get("company_id") is None:
            kept.extend(_kept_for(company_keys - {"name"}, "person_value", cells, converted))
    if has_name and not has_person and kind is not RowKind.PERSON:
        # A person's details without a person's name (a company's mobile number, a
        # contact e-mail): the company's notes keep them.
        kept.extend(_kept_for(person_keys, "company_value", cells, converted))
    company: CompanyInput | None = None
    contact: ContactInput | None = None
    domain = name_key = None
    if kind is None or not (has_name or has_person or converted.get("company_id")):
        errors.append(RowProblem("", "no_identity", "the row names neither a company nor a person"))
    elif kind in (RowKind.COMPANY, RowKind.BOTH) or (kind is RowKind.PERSON and has_name):
        if has_name:
            company, domain, name_key = _valid_company(converted, country, warnings, errors)
        elif converted.get("company_id") is None:
            errors.append(RowProblem("name", "required", "a company name is required"))
    if not errors and kind in (RowKind.PERSON, RowKind.BOTH) and has_person:
        home = own_country or (company.country if company is not None else country)
        contact = _valid_contact(converted, home, warnings, errors)
    return ParsedRow(
        line=line,
        kind=kind or RowKind.COMPANY,
        company=company,
        contact=contact,
        company_id=converted.get("company_id"),
        contact_id=converted.get("contact_id"),
        tags=tuple(tag_names),
        domain=domain,
        name_key=name_key,
        errors=tuple(errors),
        warnings=tuple(warnings),
        kept=tuple(kept),
        external_id=external_id,
    )


def _member(
    name: str | None,
    key: str,
    team: Mapping[str, int] | None,
    tag_names: list[str],
    warnings: list[RowProblem],
) -> int | None:
    """The id of the team member a cell names; a name the team does not have becomes a tag."""
    if not name:
        return None
    found = (team or {}).get(member_key(name))
    if found is None:
        tag_names.append(category_tag(key, name))
        warnings.append(
            RowProblem(
                key,
                "unknown_member",
                "no member of the team has this name",
                {"value": name, "kept_as": "tag"},
            )
        )
    return found


def with_area_code(area: str, phone: str) -> str:
    """A local number with the area code of its own column ('0234', '9388231' -> '0234
    9388231'); a number that has its code already stays as it is."""
    if phone.startswith(("0", "+")):
        return phone
    if area.isdigit() and not area.startswith("0"):
        area = "0" + area  # a spreadsheet took the code for a number and dropped its zero
    return f"{area} {phone}"


def _kept_for(
    keys: Iterable[str], code: str, cells: dict[str, values.Cell], converted: dict[str, Any]
) -> list[RowProblem]:
    """The values of these fields, as the file has them, for the notes of the record `code`
    names ("person_value": the person's, "company_value": the company's), in column order."""
    order = list(converted)
    return [
        RowProblem(
            key,
            code,
            "a value kept in the notes",
            {"value": values.text(cells[key]) if key in cells else str(converted[key])},
        )
        for key in sorted(keys, key=order.index)
    ]


def member_key(name: str) -> str:
    """How a team member's name is looked up: case, accents and spacing folded."""
    return " ".join(fold(name).split())


def category_tag(field: str, value: str) -> str:
    """The tag a category the field does not know becomes: 'Lead-Status: warm'."""
    return f"{field_label(field)}: {value}"


# Fields that carry the row's identity: shortened when too long, never left out.
_IDENTITY = frozenset({"name", "last_name"})
# The import key of a person's field stored under another name ("phone" -> "contact_phone").
_CONTACT_KEYS = {attribute: key for key, attribute in CONTACT_ATTRIBUTES.items()}


def _leave_out(
    data: dict[str, Any],
    problems: dict[str, FieldProblem],
    warnings: list[RowProblem],
    keys: dict[str, str],
) -> bool:
    """Take the fields validation refused out of `data` (an overlong text is shortened), each
    with a warning that keeps what the file had; False if what is refused cannot be left out
    (the row's identity itself)."""
    for name, problem in problems.items():
        given = data.get(name)
        limit = problem.params.get("limit")
        if problem.code == "too_long" and isinstance(given, str) and isinstance(limit, int):
            data[name] = given[:limit].rstrip()
        elif name in _IDENTITY or given is None:
            return False
        else:
            data[name] = None
        params = {**problem.params, "value": given}
        warnings.append(RowProblem(keys.get(name, name), problem.code, problem.message, params))
    return True


def _valid_company(
    converted: dict[str, Any],
    country: str,
    warnings: list[RowProblem],
    errors: list[RowProblem],
) -> tuple[CompanyInput | None, str | None, str | None]:
    """The row's company as validation leaves it, after leaving out what it refuses."""
    data = {k: v for k, v in converted.items() if k in _COMPANY_FIELDS}
    if data.get("country") is None:
        data["country"] = country
    for _round in range(len(data) + 1):  # each round leaves out a field or ends
        try:
            stored = validate_company_fields({**_COMPANY_DEFAULTS, **data})
        except ValidationFailed as exc:
            if not _leave_out(data, exc.problems, warnings, {}):
                errors.extend(_problems(exc.problems))
                return None, None, None
            if data.get("country") is None:
                data["country"] = country
        else:
            domain, name_key = stored.pop("domain"), stored.pop("name_key")
            if stored["state"] is None:  # lists seldom name the Bundesland: the postcode does
                stored["state"] = state_of(stored["postcode"], stored["country"])
            return CompanyInput(**stored), domain, name_key
    raise AssertionError("validation refused the same fields twice")


def _valid_contact(
    converted: dict[str, Any], region: str, warnings: list[RowProblem], errors: list[RowProblem]
) -> ContactInput | None:
    """The row's person as validation leaves it, after leaving out what it refuses."""
    data: dict[str, Any] = {}
    for name, key in _CONTACT_SOURCES:
        if key in converted:
            data[name] = converted[key]
    data.setdefault("salutation", Salutation.NONE)
    for _round in range(len(data) + 1):  # each round leaves out a field or ends
        try:
            fields = {**_CONTACT_DEFAULTS, **data, "company_id": 0}
            return ContactInput(**validate_contact_fields(fields, region))
        except ValidationFailed as exc:
            if not _leave_out(data, exc.problems, warnings, _CONTACT_KEYS):
                errors.extend(_problems(exc.problems))
                return None
    raise AssertionError("validation refused the same fields twice")


def _problems(problems: dict[str, FieldProblem]) -> list[RowProblem]:
    return [RowProblem(k, p.code, p.message, dict(p.params)) for k, p in problems.items()]


_COMPANY_FIELDS = frozenset(f.name for f in dataclasses.fields(CompanyInput))
# The import keys of the company's and of the person's fields (a salutation alone is no person).
_COMPANY_KEYS = frozenset(k for k, f in BY_KEY.items() if f.target is Target.COMPANY)
_PERSON_KEYS = frozenset(
    k for k, f in BY_KEY.items() if f.target is Target.CONTACT and k != "salutation"
)
_COMPANY_DEFAULTS = field_defaults(CompanyInput)
_CONTACT_DEFAULTS = field_defaults(ContactInput)
# Contact field -> the converted key it comes from: a column of the person, not of the
# company (the owner: the person's own, or the row's, who looks after both).
_CONTACT_SOURCES = tuple(
    (f.name, key)
    for f in dataclasses.fields(ContactInput)
    if (key := _CONTACT_KEYS.get(f.name, f.name)) in BY_KEY and BY_KEY[key].target is Target.CONTACT
)
