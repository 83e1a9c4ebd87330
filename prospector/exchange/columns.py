"""The fields a spreadsheet column can hold, with the header names they go by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from prospector.normalize import fold


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
    synonyms: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("company_id", Target.ROW, "ID", ("id", "company id", "firmen-id", "unternehmens-id")),
    Field(
        "contact_id", Target.ROW, "Ansprechpartner-ID", ("contact id", "kontakt-id", "person id")
    ),
    Field(
        "row_kind", Target.ROW, "Art", ("typ", "type", "kind", "person oder firma", "record type")
    ),
    Field(
        "name",
        Target.COMPANY,
        "Firma",
        (
            "firmenname",
            "unternehmen",
            "unternehmensname",
            "company",
            "company name",
            "account name",
            "account",
            "organisation",
            "organization",
            "firmierung",
            "name 1",
            "kunde",
        ),
    ),
    Field("legal_form", Target.COMPANY, "Rechtsform", ("legal form", "gesellschaftsform")),
    Field("industry", Target.COMPANY, "Branche", ("industry", "sector", "wirtschaftszweig")),
    Field("wz_code", Target.COMPANY, "WZ-Code", ("wz", "wz 2008", "nace", "nace code", "sic")),
    Field(
        "employees",
        Target.COMPANY,
        "Mitarbeiter",
        ("mitarbeiterzahl", "beschäftigte", "anzahl mitarbeiter", "employees", "headcount", "ma"),
    ),
    Field(
        "turnover_eur",
        Target.COMPANY,
        "Umsatz (EUR)",
        ("umsatz", "jahresumsatz", "turnover", "revenue", "annual revenue"),
    ),
    Field("structure", Target.COMPANY, "Struktur", ("structure",)),
    Field("activity_type", Target.COMPANY, "Tätigkeit", ("art der tätigkeit", "activity")),
    Field(
        "street",
        Target.COMPANY,
        "Straße",
        ("strasse", "str.", "adresse", "anschrift", "street", "address", "street address"),
    ),
    Field(
        "postcode",
        Target.COMPANY,
        "PLZ",
        ("postleitzahl", "zip", "zip code", "postal code", "postcode", "plz/ort"),
    ),
    Field("city", Target.COMPANY, "Ort", ("stadt", "city", "town", "gemeinde", "sitz")),
    Field("state", Target.COMPANY, "Bundesland", ("state", "region", "land (bundesland)")),
    Field("country", Target.COMPANY, "Land", ("country", "staat", "ländercode", "country code")),
    Field(
        "phone",
        Target.COMPANY,
        "Telefon",
        ("tel", "tel.", "telefonnummer", "phone", "phone number", "zentrale", "festnetz"),
    ),
    Field(
        "website",
        Target.COMPANY,
        "Website",
        ("webseite", "homepage", "internet", "url", "web", "domain"),
    ),
    Field(
        "email",
        Target.COMPANY,
        "E-Mail",
        ("email", "e-mail-adresse", "mail", "e-mail firma", "company email"),
    ),
    Field(
        "notes",
        Target.COMPANY,
        "Notizen",
        ("notiz", "bemerkung", "bemerkungen", "kommentar", "notes", "comment"),
    ),
    Field("source", Target.COMPANY, "Quelle", ("source", "herkunft", "lead source")),
    Field(
        "tags", Target.COMPANY, "Schlagworte", ("tags", "schlagwort", "stichworte", "kategorien")
    ),
    Field("salutation", Target.CONTACT, "Anrede", ("salutation", "title (mr/ms)")),
    Field(
        "academic_title", Target.CONTACT, "Titel", ("akademischer titel", "academic title", "title")
    ),
    Field("first_name", Target.CONTACT, "Vorname", ("first name", "firstname", "given name")),
    Field(
        "last_name",
        Target.CONTACT,
        "Nachname",
        ("name (person)", "last name", "lastname", "surname", "family name", "zuname"),
    ),
    Field(
        "full_name",
        Target.CONTACT,
        "Ansprechpartner",
        (
            "kontakt",
            "kontaktperson",
            "contact",
            "contact name",
            "full name",
            "person",
            "name des ansprechpartners",
        ),
    ),
    Field(
        "job_title",
        Target.CONTACT,
        "Position",
        ("funktion", "job title", "jobtitel", "rolle", "role", "berufsbezeichnung"),
    ),
    Field("department", Target.CONTACT, "Abteilung", ("department", "bereich")),
    Field(
        "contact_phone",
        Target.CONTACT,
        "Durchwahl",
        ("telefon ansprechpartner", "direct dial", "direktwahl", "contact phone", "tel. direkt"),
    ),
    Field(
        "mobile",
        Target.CONTACT,
        "Mobil",
        ("handy", "mobilnummer", "mobile", "mobile phone", "cell", "mobiltelefon"),
    ),
    Field(
        "contact_email",
        Target.CONTACT,
        "E-Mail Ansprechpartner",
        ("e-mail person", "contact email", "email ansprechpartner", "e-mail kontakt"),
    ),
    Field("linkedin", Target.CONTACT, "LinkedIn", ("linkedin profil", "linkedin url", "linked in")),
    Field(
        "decision_role", Target.CONTACT, "Entscheiderrolle", ("decision role", "rolle im einkauf")
    ),
    Field("lead_status", Target.CONTACT, "Lead-Status", ("lead status", "status")),
    Field("legal_basis", Target.CONTACT, "Rechtsgrundlage", ("legal basis", "dsgvo grundlage")),
    Field(
        "do_not_contact",
        Target.CONTACT,
        "Kein Kontakt",
        (
            "do not contact",
            "werbesperre",
            "werbewiderspruch",
            "widerspruch",
            "sperrvermerk",
            "nicht kontaktieren",
            "kontaktsperre",
            "opt out",
        ),
    ),
    Field(
        "do_not_contact_since",
        Target.CONTACT,
        "Widerspruch am",
        ("widerspruch seit", "gesperrt seit", "widerspruchsdatum", "do not contact since"),
    ),
    Field(
        "do_not_contact_reason",
        Target.CONTACT,
        "Widerspruchsgrund",
        ("grund des widerspruchs", "sperrgrund", "do not contact reason", "opt out reason"),
    ),
    Field("data_source", Target.CONTACT, "Datenquelle", ("data source", "quelle der daten")),
)
BY_KEY = {f.key: f for f in FIELDS}
# Person fields stored under another attribute name than their key (the company has the key).
CONTACT_ATTRIBUTES = {"contact_phone": "phone", "contact_email": "email"}


def header_key(text: str) -> str:
    """A header as compared: folded, punctuation dropped ('E-Mail:' -> 'e mail')."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


_BY_NAME: dict[str, str] = {}
for _field in FIELDS:
    for _name in (_field.header, _field.key.replace("_", " "), *_field.synonyms):
        _BY_NAME.setdefault(header_key(_name), _field.key)


def guess_field(header: str) -> str | None:
    """The field a header names, if it is one of the known names (German or English)."""
    return _BY_NAME.get(header_key(header))
