"""Column headers: the real files of the corpus map their columns, decorations are read through,
false friends stay apart, generic names follow the rest of the file, near misses say how sure
they are."""

from __future__ import annotations

import random
import string
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from prospector.exchange.columns import (
    ALTERNATIVE_KEYS,
    BY_KEY,
    JOINED_KEYS,
    guess_field,
    names,
)
from prospector.exchange.export_rows import COMPANIES, CONTACTS
from prospector.exchange.header_guess import ColumnGuess, How, guess
from prospector.exchange.readers import read_table

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"

# For each file of the corpus, what its important columns import as (None: not imported).
CORPUS: dict[str, dict[str, str | None]] = {
    "odoo_res_partner_template.xlsx": {
        "name": "name",
        "is_company": "is_company",
        "company_name": "related_company",
        "country_id": "country",
        "state_id": "state",
        "zip": "postcode",
        "street": "street",
        "street2": "street",
        "mobile": "mobile",
        "email": "email",
        "vat": "vat_id",
        "bank_ids/acc_number": None,
    },
    "odoo15_res_partner_template.xls": {
        "Name": "name",
        "Is a company": "is_company",
        "Related company": "related_company",
        "Address type": "address_type",  # Odoo: Contact, Invoice, Private Address
        "ZIP": "postcode",
        "Country": "country",
    },
    "salesforce_dataloader_account_sample.csv": {
        "ID": "external_id",
        "NAME": "name",
        "TYPE": None,
        "PARENTID": None,
        "BILLINGSTREET": "street",
        "BILLINGCITY": "city",
        "BILLINGPOSTALCODE": "postcode",
        "BILLINGCOUNTRY": "country",
        "SHIPPINGCITY": None,
        "PHONE": "phone",
        "WEBSITE": "website",
        "ANNUALREVENUE": "turnover_eur",
        "NUMBEROFEMPLOYEES": "employees",
        "ACCOUNTNUMBER": None,  # a second key: the record's ID comes first
        "ORACLE_ID__C": None,
    },
    "dolibarr_import_company_example.csv": {
        "Name* (s.name)": "name",
        "Status (s.status)": None,
        "Customer* (s.client)": None,
        "CustomerCode (s.code_client)": "external_id",
        "Address (s.address)": "street",
        "Zip (s.cp)": "postcode",
        "Town (s.ville)": "city",
        "Phone (s.tel)": "phone",
        "Fax (s.fax)": None,
        "Url (s.url)": "website",
        "Email (s.email)": "email",
        "VATIntraShort (s.tva_intra)": "vat_id",
        "Note (s.note)": "notes",
        "Effectif (s.fk_effectif)": None,  # a code, not a number of employees
    },
    "dolibarr_import_company_example_v1.csv": {
        "Name* (s.nom)": "name",
        "Zip (s.cp)": "postcode",
        "BarCode (s.gencod)": None,
    },
    "datev_extf_debitoren_kreditoren_stammdaten.csv": {
        "Konto": "external_id",
        "Name (Adressatentyp Unternehmen)": "name",
        "Name (Adressatentyp natürl. Person)": "last_name",
        "Vorname (Adressatentyp natürl. Person)": "first_name",
        "Name (Adressatentyp keine Angabe)": None,
        "Adressatentyp": "row_kind",
        "Kurzbezeichnung": None,
        "EU-USt-IdNr.": "vat_id",
        "Anrede": "salutation",
        "Titel/Akad. Grad": "academic_title",
        "Straße": "street",
        "Postleitzahl": "postcode",
        "Ort": "city",
        "Land": "country",
        "Telefon": "phone",
        "Bemerkung (Telefon)": None,
        "E-Mail": "email",
        "Internet": "website",
        "Bankleitzahl 1": None,
        "IBAN 1": None,
        "Kundennummer": None,  # Konto is the key
        "Straße (Rechnungsadresse)": None,
        "Status": None,
    },
    "bundesbank_blz_register_first5000.csv": {
        "Bankleitzahl": "external_id",
        "Bezeichnung": "name",
        "PLZ": "postcode",
        "Ort": "city",
        "Kurzbezeichnung": None,
        "Nachfolge-Bankleitzahl": None,
        "Bankleitzahllöschung": None,
    },
    "nrw_schulverzeichnis_first3000.csv": {
        "Schulnummer": "external_id",
        "Schulbezeichnung_1": "name",
        "Schulbezeichnung_2": "name",
        "Schulbezeichnung_3": "name",
        "Kurzbezeichnung": None,
        "PLZ": "postcode",
        "Ort": "city",
        "Strasse": "street",
        "Telefonvorwahl": "phone_area",
        "E-Mail": "email",
        "Homepage": "website",
        "Rechtsform": "legal_form",
    },
    "austria_banken_auskunftsbegehren.csv": {
        "Id": "external_id",
        "Name": "name",
        "Name_Lang": None,
        "Branche": "industry",
        "Typ": None,
        "Adresse": "street",
        "PLZ": "postcode",
        "E-Mail": "email",
        "Homepage": "website",
        "Tel": "phone",
        "Datenquelle": "source",  # no persons in the file: the company's source
    },
    "google_contacts_export_tine20.csv": {
        "Name": "full_name",
        "Given Name": "first_name",
        "Family Name": "last_name",
        "Short Name": None,
        "E-mail 1 - Type": None,
        "E-mail 1 - Value": "contact_email",
        "Phone 1 - Value": "contact_phone",
        "Address 1 - Formatted": None,
        "Address 1 - Street": "street",
        "Address 1 - City": "city",
        "Address 1 - Postal Code": "postcode",
        "Address 1 - Country": "country",
    },
    "google_contacts_export_roundcube.csv": {
        "Name": "full_name",
        "E-mail 2 - Value": "contact_email",
        "Phone 7 - Value": "contact_phone",
        "Phone 7 - Type": None,
        "Address 2 - City": None,  # a second address, not the first one's
        "Organization 1 - Name": "name",
        "Organization 1 - Title": "job_title",
        "Organization 1 - Department": "department",
        "Website 2 - Value": "website",
        "Notes": "contact_notes",
    },
    "google_contacts_import_no_company.csv": {
        "Name": "full_name",
        "E-mail 1 - Value": "contact_email",
        "E-mail 2 - Value": "contact_email",
        "Organization 1 - Name": "name",
        "Organization 1 - Job Description": None,
    },
    "outlook2013_export_de_tine20.csv": {
        "Anrede": "salutation",
        "Vorname": "first_name",
        "Weitere Vornamen": None,
        "Nachname": "last_name",
        "Firma": "name",
        "Abteilung": "department",
        "Position": "job_title",
        "Straße geschäftlich": "street",
        "Straße geschäftlich 2": "street",
        "Ort geschäftlich": "city",
        "Postleitzahl geschäftlich": "postcode",
        "Land/Region geschäftlich": "country",
        "Straße privat": None,
        "Ort privat": None,
        "Telefon geschäftlich": "contact_phone",
        "Telefon Firma": "phone",
        "Telefon (privat)": "contact_phone",
        "Fax geschäftlich": None,
        "Mobiltelefon": "mobile",
        "E-Mail-Adresse": "contact_email",
        "E-Mail-Typ": None,
        "E-Mail 2: Adresse": "contact_email",
        "Kategorien": "tags",
        "Stichwörter": "tags",
        "Notizen": "contact_notes",  # an address book: notes on the person
        "Ort": None,  # Outlook's "Location", after the business city
        "Webseite": "website",
    },
    "outlook2007_export_de_broken_umlauts.csv": {
        "Firma": "name",
        "Stra\ufffde gesch\ufffdftlich": "street",
        "Stra\ufffde privat": None,
        "Ort gesch\ufffdftlich": "city",
        "Postleitzahl gesch\ufffdftlich": "postcode",
        "Telefon gesch\ufffdftlich": "contact_phone",
        "Telefon f\ufffdr H\ufffdrbehinderte": None,
        "B\ufffdro": None,
        "E-Mail-Adresse": "contact_email",
    },
    "thunderbird_addressbook_export_roundcube.csv": {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Display Name": "full_name",
        "Primary Email": "contact_email",
        "Secondary Email": "contact_email",
        "Work Phone": "contact_phone",
        "Mobile Number": "mobile",
        "Home City": None,
        "Work Address": "street",
        "Work Address 2": "street",
        "Work City": "city",
        "Work ZipCode": "postcode",
        "Work Country": "country",
        "Job Title": "job_title",
        "Organization": "name",
        "Custom 1": None,
    },
    "macos_contacts_export_de_tab.csv": {
        "Vorname": "first_name",
        "Nachname": "last_name",
        "Firma": "name",
        "Berufsbezeichnung": "job_title",
        "Arbeitsadresse Land": "country",
        "Arbeitsadresse Strasse": "street",
        "Arbeitsadresse Stadt": "city",
        "Arbeitsadresse PLZ": "postcode",
        "Privatadresse Land": None,
        "Arbeit E-Mail": "contact_email",
        "Privat E-Mail": "contact_email",
        "Mobiltelefon": "mobile",
        "Arbeit Fax": None,
    },
    "lxoffice_customer_export_tine20.csv": {
        "customernumber": "external_id",
        "greeting": None,
        "name": "name",  # the customer; its contact person is in the cp_ columns
        "zipcode": "postcode",
        "email": "email",
        "cp_greeting": "salutation",
        "cp_title": "academic_title",
        "cp_givenname": "first_name",
        "cp_name": "last_name",
        "cp_phone1": "contact_phone",
        "cp_phone2": "contact_phone",
        "cp_mobile1": "mobile",
        "cp_fax": None,
        "cp_email": "contact_email",
    },
    "linkedin_connections_export.csv": {
        "First Name": "first_name",
        "Last Name": "last_name",
        "URL": "linkedin",
        "Email Address": "contact_email",
        "Company": "name",
        "Position": "job_title",
        "Connected On": None,
    },
    "linkedin_connections_notes_preamble_synthetic.csv": {
        "First Name": "first_name",
        "Company": "name",
        "URL": "linkedin",
    },
    "krayin_persons_sample_import.csv": {
        "name": "full_name",
        "emails": "contact_email",
        "contact_numbers": "contact_phone",
        "organization_id": None,
        "job_title": "job_title",
        "user_id": None,
    },
    "civicrm_individuals_country_variants.csv": {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Email": "contact_email",
        "County": None,
        "Country": "country",
        "Custom Field Country": None,
        "Mum Name": None,
        "Mum Last name": None,
        "Mum Country": None,
        "expected": None,
    },
    "tine20_demo_contacts_1000.csv": {
        "org_name": "name",
        "tel_work": "contact_phone",
        "tel_cell": "mobile",
        "adr_one_street": "street",
        "adr_one_postalcode": "postcode",
        "adr_one_locality": "city",
        "adr_one_countryname": "country",
        "title": "academic_title",
        "n_given": "first_name",
        "n_family": "last_name",
        "email": "contact_email",
        "adr_two_locality": None,
    },
    "tine20_demo_contacts_de_at.csv": {
        "adr_one_countryname": "country",
        "adr_one_street2": "street",
        "salutation": "salutation",
        "org_unit": "department",
        "tags": "tags",
        "notes": "contact_notes",  # a list of persons: notes on the person
    },
    "tine20_sales_customers_demo.csv": {
        "name": "name",
        "name_shorthand": None,
        "url": "website",
        "vatid": "vat_id",
        "iban": None,
        "street": "street",
        "postnumber": "postcode",
        "ort": "city",
    },
    "tine20_crm_leads_export.csv": {
        "lead_name": None,
        "Leadsource": "source",
        "start": None,
        "description": "notes",
        "notes": "notes",
        "turnover": "turnover_eur",
        "CUSTOMER": "name",
    },
    "tine20_win1252_semicolon_persons.csv": {
        "First Name": "first_name",
        "Last Name": "last_name",
        "E-Mail": "contact_email",
    },
    "tine20_user_import_cr_only.csv": {
        "firstname": "first_name",
        "lastname": "last_name",
        "loginname": None,
        "password": None,
        "email": "contact_email",
    },
}


def _fields(headers: Sequence[str]) -> dict[str, str | None]:
    """Each header's field (the first column of a header that occurs twice)."""
    found: dict[str, str | None] = {}
    for header, column in zip(headers, guess(headers), strict=True):
        found.setdefault(header, column.key)
    return found


def test_the_corpus_is_covered() -> None:
    files = {p.name for p in REAL.iterdir() if p.suffix != ".md"}
    assert set(CORPUS) == files


@pytest.mark.parametrize("file_name", sorted(CORPUS))
def test_every_real_file_maps_its_columns(file_name: str) -> None:
    headers = read_table(REAL / file_name).headers
    fields = _fields(headers)
    expected = CORPUS[file_name]
    assert {header: fields.get(header, "missing") for header in expected} == expected


def test_the_several_columns_of_a_field_keep_the_file_order_business_first() -> None:
    headers = read_table(REAL / "outlook2013_export_de_tine20.csv").headers
    phones = [h for h, g in zip(headers, guess(headers), strict=True) if g.key == "contact_phone"]
    assert phones[:3] == ["Telefon geschäftlich", "Telefon geschäftlich 2", "Telefon (privat)"]
    assert {"email", "contact_email", "phone", "contact_phone", "mobile"} <= ALTERNATIVE_KEYS
    assert {"name", "street"} <= JOINED_KEYS
    assert not ALTERNATIVE_KEYS & JOINED_KEYS


def test_one_column_per_field_unless_several_may_fill_it() -> None:
    keys = [g.key for g in guess(["Firma", "PLZ", "PLZ", "E-Mail", "E-Mail 2", "Straße", "Ort"])]
    assert keys == ["name", "postcode", None, "email", "email", "street", "city"]
    # A second plain street is another address; a second line is named as one.
    keys = [g.key for g in guess(["Firma", "Straße", "Lieferstraße", "Straße 2", "Adresszusatz"])]
    assert keys == ["name", "street", None, "street", "street"]
    # A part belongs to the column before it: "Name 2" is no part of "Einrichtung".
    assert [g.key for g in guess(["Einrichtung", "Name 1", "Name 2"])] == ["name", None, None]
    assert [g.key for g in guess(["Name 1", "Name 2", "Firma"])] == ["name", "name", None]
    # A short name counts only where no other column names the company.
    assert [g.key for g in guess(["Kurzbezeichnung", "Bezeichnung"])] == [None, "name"]
    assert [g.key for g in guess(["Kurzbezeichnung", "Ort"])] == ["name", "city"]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Name* (s.name)", "name"),
        ("Zip (s.cp)", "postcode"),
        ("Firma*", "name"),
        ("*Firma", "name"),
        ("Nachname:", "last_name"),
        ("PLZ [1]", "postcode"),
        ("E-Mail (optional)", "email"),
        ("Firma (Pflichtfeld)", "name"),
        ("E-mail 1 - Value", "contact_email"),
        ("E-mail 3 - Value", "contact_email"),
        ("Phone 2 - Type", None),
        ("Address 1 - City", "city"),
        ("Address 2 - City", None),
        ("E-Mail 2", "email"),
        ("Telefon 3", "phone"),
        ("Schulbezeichnung_2", "name"),
        ("Bankleitzahl 1", None),  # the first bank account's, not the record's
        ("BILLINGCITY", "city"),
        ("NUMBEROFEMPLOYEES", "employees"),
        ("billing_city", "city"),
        ("firstname", "first_name"),
        ("ORACLE_ID__C", None),
        ("cp_email", "contact_email"),
        ("Vorname Ansprechpartner", "first_name"),
        ("Bemerkung (Telefon)", None),
        ("  Straße  ", "street"),
    ],
)
def test_decorations_numbers_and_case_are_read_through(header: str, key: str | None) -> None:
    assert guess_field(header) == key


@pytest.mark.parametrize(
    "header",
    [
        "Landkreis",
        "Statistik",
        "Sort",
        "Start",
        "Religion",
        "Branch",
        "Bemerkung intern",
        "Mum Country",
        "Mum Last name",
        "Nachfolge-Bankleitzahl",
        "Organization ID",
        "Telefaxnummer",
        "Kontonummer",
        "Briefanrede",
        "Straße privat",
        "Rechnungsadresse",
        # The activity sheet of our export: none of it may fill a company's fields.
        "Aktivität-ID",
        "Aktivität",
        "Betreff",
        "Fällig am",
        "Erledigt am",
        "Ergebnis",
        "Beschreibung",
    ],
)
def test_false_friends_are_not_matched(header: str) -> None:
    assert guess(["Firma", header])[1].key is None


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Land", "country"),
        ("Name", "name"),
        ("Nachname", "last_name"),
        ("Ort", "city"),
        ("Status", "lead_status"),
        ("Bundesland", "state"),
    ],
)
def test_the_names_false_friends_resemble_keep_their_field(header: str, key: str) -> None:
    assert guess_field(header) == key


@pytest.mark.parametrize(
    ("header", "key", "like", "confidence"),
    [
        ("Postleitzal", "postcode", "Postleitzahl", 91),
        ("E-Mial", "email", "E-Mail", 83),
        ("Firmenname GmbH", "name", "Firmenname", 90),
        ("Telefn", "phone", "Telefon", 85),
        ("Webseit", "website", "Webseite", 87),
        ("Ansprechpartnerin", "full_name", "Ansprechpartner", 88),
    ],
)
def test_a_near_miss_is_guessed_with_its_confidence(
    header: str, key: str, like: str, confidence: int
) -> None:
    found = guess(["Ort", header])[1]
    assert found == ColumnGuess(key, confidence, How.FUZZY, like)


def test_broken_umlauts_are_near_misses_of_the_name_they_lost() -> None:
    found = guess(["Firma", "Vorname", "Nachname", "Stra\ufffde gesch\ufffdftlich"])[3]
    assert (found.key, found.how, found.like) == ("street", How.FUZZY, "Straße geschäftlich")
    assert 80 <= found.confidence < 100


def test_a_known_name_is_certain_and_says_whether_it_is_the_fields_own() -> None:
    own, other = guess(["PLZ", "Postleitzahl"])[0], guess(["Firma", "Postleitzahl"])[1]
    assert own == ColumnGuess("postcode", 100, How.EXACT)
    assert other == ColumnGuess("postcode", 100, How.SYNONYM)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        # "Name" is the person's where the rest of the file speaks of persons.
        (["Vorname", "Name"], {"Name": "last_name"}),
        (["Given Name", "Family Name", "Name"], {"Name": "full_name"}),
        (["Firma", "Name", "Telefon"], {"Firma": "name", "Name": "full_name"}),
        (["name", "job_title", "emails"], {"name": "full_name", "emails": "contact_email"}),
        (["Name", "Branche", "PLZ"], {"Name": "name"}),
        # Companies and persons in one sheet: "name" stays, the row's kind decides.
        (
            ["name", "is_company", "company_name"],
            {"name": "name", "is_company": "is_company", "company_name": "related_company"},
        ),
        (["Name", "Vorname", "Adressatentyp"], {"Name": "name", "Adressatentyp": "row_kind"}),
        # "Title" beside a job title is the academic one; alone in a list of persons, the job.
        (["First Name", "Last Name", "Title", "Job Title"], {"Title": "academic_title"}),
        (["First Name", "Last Name", "Title"], {"Title": "job_title"}),
        (["Vorname", "Nachname", "Titel"], {"Titel": "academic_title"}),
        (["Company", "Title"], {"Title": None}),
        (
            ["Title", "First Name", "Last Name", "Job Title", "Business Street"],
            {"Title": "salutation"},
        ),
        # In a list of persons the plain e-mail is the person's; beside a contact person's
        # own column it stays the company's.
        (["Vorname", "Nachname", "E-Mail"], {"E-Mail": "contact_email"}),
        (
            ["Firma", "E-Mail", "Vorname", "Nachname", "E-Mail Ansprechpartner"],
            {"E-Mail": "email", "E-Mail Ansprechpartner": "contact_email"},
        ),
        # The plain phone is the person's only where no company is named.
        (["First Name", "Last Name", "Phone"], {"Phone": "contact_phone"}),
        (["Firma", "Vorname", "Nachname", "Telefon"], {"Telefon": "phone"}),
        # Without persons, a person's column is the company's where it has one.
        (["Firma", "Datenquelle", "Mobil"], {"Datenquelle": "source", "Mobil": "phone"}),
        (["Firma", "Position"], {"Position": None}),
        # A customer with its contact person.
        (
            ["Kunde", "cp_givenname", "cp_name", "cp_email"],
            {"Kunde": "name", "cp_name": "last_name", "cp_email": "contact_email"},
        ),
    ],
)
def test_generic_names_follow_the_rest_of_the_file(
    headers: list[str], expected: dict[str, str | None]
) -> None:
    fields = _fields(headers)
    assert {header: fields[header] for header in expected} == expected


def test_an_id_is_ours_only_in_our_own_export() -> None:
    for sheet in (COMPANIES, CONTACTS):
        assert guess(sheet.headers)[0].key == "company_id"
    contacts = [g.key for g in guess(CONTACTS.headers)]
    assert contacts[:2] == ["company_id", "contact_id"]
    # Columns left out or moved, or only our own header names: still ours.
    assert [g.key for g in guess(["Firma", "ID", "PLZ"])] == ["name", "company_id", "postcode"]
    assert guess(["ID", "Firma", "Ort", "Ansprechpartner"])[0].key == "company_id"
    assert [g.key for g in guess(["ID", "Name", "Ort"])] == ["external_id", "name", "city"]
    assert [g.key for g in guess(["Id", "Firma", "Kundennummer"])] == [
        "external_id",
        "name",
        None,
    ]


def test_every_name_means_one_thing() -> None:
    index = names()
    assert [(name, kept.key, other.key) for name, kept, other in index.conflicts] == []
    assert all(k.key is None or k.key in BY_KEY for k in index.entries)


def test_sixteen_thousand_columns_are_guessed_at_once() -> None:
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 12)))

    headers = [f"{word()} {word()}" for _ in range(8_000)]
    headers += [f"Spalte {n}" for n in range(8_000)]
    started = time.perf_counter()
    found = guess(headers)
    # About a second here: each header is compared with the known names of about its length.
    assert time.perf_counter() - started < 15
    assert len(found) == 16_000
