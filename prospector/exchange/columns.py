"""The fields a spreadsheet column can hold, with the header names they go by."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from prospector.exchange import header_names
from prospector.exchange.header_lookup import NameIndex
from prospector.exchange.header_lookup import header_key as header_key


class Target(StrEnum):
    """Whose field a column fills."""

    COMPANY = "company"
    CONTACT = "contact"
    ROW = "row"  # about the row itself: its kind, or the ID of an earlier export


@dataclass(frozen=True)
class Field:
    """One importable field: its key, whose it is, its export header, and other names for it."""

    key: str
    target: Target
    header: str  # the German header the export writes (the users' language)
    synonyms: tuple[str, ...] = ()  # Prospector's own other names; tools' are in header_names


FIELDS: tuple[Field, ...] = (
    Field("company_id", Target.ROW, "ID", ("company id", "firmen-id", "unternehmens-id")),
    Field(
        "contact_id", Target.ROW, "Ansprechpartner-ID", ("contact id", "kontakt-id", "person id")
    ),
    Field("external_id", Target.ROW, "Fremdschlüssel"),
    Field("external_source", Target.ROW, "Fremdsystem"),
    # A sheet of companies and persons says which a row is in one of two ways. row_kind: a
    # word (Firma, Unternehmen, Company / Person, Kontakt, Contact) or DATEV's Adressatentyp,
    # 2 a company ("Unternehmen"), 1 a person ("natürliche Person"), 0 or empty unsaid.
    # is_company: a flag (Odoo's is_company, "Is a company"), 1/1.0/true/yes/ja a company,
    # 0/0.0/false/no/nein a person. They differ on "1", hence two fields.
    Field("row_kind", Target.ROW, "Art"),
    Field("is_company", Target.ROW, "Ist Unternehmen"),
    # Whose the row's address is: "Home" (an address book's private one) or "Work".
    Field("address_type", Target.ROW, "Adresstyp"),
    Field("name", Target.COMPANY, "Firma"),
    Field("legal_form", Target.COMPANY, "Rechtsform"),
    Field("vat_id", Target.COMPANY, "USt-IdNr."),
    Field("industry", Target.COMPANY, "Branche"),
    Field("wz_code", Target.COMPANY, "WZ-Code"),
    Field("employees", Target.COMPANY, "Mitarbeiter"),
    Field("turnover_eur", Target.COMPANY, "Umsatz (EUR)"),
    Field("structure", Target.COMPANY, "Struktur"),
    Field("activity_type", Target.COMPANY, "Tätigkeit"),
    Field("street", Target.COMPANY, "Straße"),
    Field("postcode", Target.COMPANY, "PLZ"),
    Field("city", Target.COMPANY, "Ort"),
    Field("state", Target.COMPANY, "Bundesland"),
    Field("country", Target.COMPANY, "Land"),
    Field("phone", Target.COMPANY, "Telefon"),
    Field("phone_area", Target.COMPANY, "Vorwahl"),
    Field("website", Target.COMPANY, "Website"),
    Field("email", Target.COMPANY, "E-Mail"),
    Field("notes", Target.COMPANY, "Notizen"),
    Field("source", Target.COMPANY, "Quelle"),
    Field("tags", Target.COMPANY, "Schlagworte"),
    Field("stage", Target.COMPANY, "Phase"),
    # The team member by name: "owner" alone is other tools' user or a firm's proprietor.
    Field("team_member", Target.COMPANY, "Bearbeiter"),
    Field("salutation", Target.CONTACT, "Anrede"),
    Field("academic_title", Target.CONTACT, "Titel"),
    Field("first_name", Target.CONTACT, "Vorname"),
    Field("last_name", Target.CONTACT, "Nachname"),
    Field("full_name", Target.CONTACT, "Ansprechpartner"),
    Field("related_company", Target.CONTACT, "Zugehöriges Unternehmen"),
    Field("job_title", Target.CONTACT, "Position"),
    Field("department", Target.CONTACT, "Abteilung"),
    Field("contact_phone", Target.CONTACT, "Durchwahl"),
    Field("mobile", Target.CONTACT, "Mobil"),
    Field("contact_email", Target.CONTACT, "E-Mail Ansprechpartner"),
    Field("linkedin", Target.CONTACT, "LinkedIn"),
    Field("decision_role", Target.CONTACT, "Entscheiderrolle"),
    Field("budget_authority", Target.CONTACT, "Budgetbefugnis"),
    Field("lead_status", Target.CONTACT, "Lead-Status"),
    # The team member who looks after the person, where it is not the company's.
    Field("contact_team_member", Target.CONTACT, "Bearbeiter Ansprechpartner"),
    Field("legal_basis", Target.CONTACT, "Rechtsgrundlage"),
    Field("do_not_contact", Target.CONTACT, "Kein Kontakt"),
    Field("do_not_contact_since", Target.CONTACT, "Widerspruch am"),
    Field("do_not_contact_reason", Target.CONTACT, "Widerspruchsgrund"),
    Field("data_source", Target.CONTACT, "Datenquelle"),
    Field("is_consumer", Target.CONTACT, "Verbraucher"),
    Field("contact_notes", Target.CONTACT, "Notizen Ansprechpartner"),
)
BY_KEY = {f.key: f for f in FIELDS}
# Person fields stored under another attribute name than their key (the company has the key).
CONTACT_ATTRIBUTES = {
    "contact_phone": "phone",
    "contact_email": "email",
    "contact_notes": "notes",
    "contact_team_member": "owner_id",
}

# Fields several columns of a file may fill; the mapping then holds the key on each of them,
# and the order of the columns is their priority.
# - Alternatives: the first non-empty column is stored in the field; the others are extra
#   values to keep on the record (a second e-mail address, a private phone).
ALTERNATIVE_KEYS = frozenset(
    {"email", "contact_email", "phone", "contact_phone", "mobile", "website"}
)
# - Parts: the non-empty columns are joined in their order into one value (a name in three
#   columns, an address line 2, notes and tags from two columns).
JOINED_KEYS = frozenset({"name", "street", "notes", "tags"})
SEVERAL_COLUMN_KEYS = ALTERNATIVE_KEYS | JOINED_KEYS

# Fields that name a row's company or person: a mapping without one imports nothing.
IDENTIFYING_KEYS = frozenset(
    {"name", "last_name", "full_name", "first_name", "related_company", "company_id"}
)


def identifies_rows(mapping: Iterable[str | None]) -> bool:
    """Whether some column of the mapping names a company or a person."""
    return any(key in IDENTIFYING_KEYS for key in mapping)


_MAIL_KEYS = frozenset({"email", "contact_email"})
_PERSON_NAME_KEYS = frozenset({"last_name", "first_name", "full_name"})


def finds_companies_by_mail(mapping: Iterable[str | None]) -> bool:
    """Whether a file so mapped has persons with e-mail addresses: only then can a person
    without a company be given the company of their address's domain."""
    mapped = set(mapping)
    return bool(mapped & _MAIL_KEYS and mapped & _PERSON_NAME_KEYS)


# The person's side of a company field, for a column about the contact person ("cp_email").
PERSON_SIDE = {"email": "contact_email", "phone": "contact_phone", "name": "full_name"}


@functools.cache
def names() -> NameIndex:
    """Every known header name: our fields' own and other tools' (built at the first use)."""
    return NameIndex(
        ((f.key, (f.header, f.key.replace("_", " ")), f.synonyms) for f in FIELDS),
        header_names.ALL,
        several=SEVERAL_COLUMN_KEYS,
        joined=JOINED_KEYS,
        person_keys=frozenset(f.key for f in FIELDS if f.target is Target.CONTACT),
        person_side=PERSON_SIDE,
    )


def guess_field(header: str) -> str | None:
    """The field a header names, if it is one of the known names (German or English, with
    decorations such as `Name* (s.name)` or `E-Mail 2` read through)."""
    known = names().lookup(header)
    return None if known is None else known.key
