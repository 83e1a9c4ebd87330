"""The real files of tests/fixtures/real/ imported as the window and the command line do it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import run_main
from sqlalchemy import func, select

from prospector import cli_mapping
from prospector.db import Database
from prospector.exchange.readers import read_table
from prospector.models import Company, Contact
from prospector.schema import open_database
from prospector.services import import_mapping, importing
from prospector.services.import_run import ImportSummary

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"

Model = type[Company] | type[Contact]
Pairs = tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class Stored:
    """A record the import must store: the one live record with the `where` values, holding
    the `has` values ("company" is a person's company's name, "tags" a company's tag names,
    "first_note" the first line of the notes)."""

    model: Model
    where: Pairs
    has: Pairs


def company(where: Mapping[str, object], **has: object) -> Stored:
    return Stored(Company, tuple(where.items()), tuple(has.items()))


def person(where: Mapping[str, object], **has: object) -> Stored:
    return Stored(Contact, tuple(where.items()), tuple(has.items()))


@dataclass(frozen=True)
class Expected:
    """What importing a file with the default options must do, read off the file itself.

    A count of None is not asserted: the importer gets it wrong today, and the comment beside
    it gives the right number and why.
    """

    file: str
    rows: int  # data rows, as PROVENANCE.md counts them
    imported: int | None
    warned: int | None
    refused: int
    skipped: int | None  # rows skipped as duplicates
    new_companies: int | None
    new_contacts: int
    stored: tuple[Stored, ...] = ()
    maps: tuple[str, ...] = ()  # the command line's --map "HEADER=FIELD" options

    def counts(self) -> dict[str, int]:
        every = {
            "imported": self.imported,
            "warned": self.warned,
            "refused": self.refused,
            "skipped": self.skipped,
            "new companies": self.new_companies,
            "new contacts": self.new_contacts,
        }
        return {name: count for name, count in every.items() if count is not None}


EXPECTED = [
    Expected(
        "odoo_res_partner_template.xlsx",
        rows=3,
        imported=3,
        # 1: Brandon Freeman's mobile 355-687-3262 is no valid number of his country (US).
        warned=1,
        refused=0,
        skipped=0,
        new_companies=2,  # Deco Addict, Azure Interior (is_company 1)
        new_contacts=1,  # Brandon Freeman (is_company 0) of Azure Interior
        stored=(
            company(
                {"name": "Deco Addict"},
                street="77 Santa Barbara Rd",
                postcode="94523",
                city="Pleasant Hill",
                state="California",
                country="US",
                phone="+3210588558",
                email="azure@example.com",
                vat_id="BE0477472701",
            ),
            company(
                {"name": "Azure Interior"},
                postcode="94538",
                city="Fremont",
                country="US",
                email="vauxoo@yourcompany.example.com",
            ),
            person(
                {"last_name": "Freeman"},
                first_name="Brandon",
                email="brandon.freeman55@example.com",
                company="Azure Interior",
            ),
        ),
    ),
    Expected(
        "odoo15_res_partner_template.xls",
        rows=8,
        imported=8,
        warned=0,
        refused=0,
        skipped=0,
        new_companies=3,
        new_contacts=5,
        stored=(
            company(
                {"name": "Aurora Shelves"},
                street="25 Pacific Road",
                postcode="95101",  # 95101.0 in the sheet
                city="San José",
                state="California",
                country="US",  # "United States"
            ),
            company({"name": "International Wood"}, city="Washington", state="D.C.", country="US"),
            person({"last_name": "Martins"}, first_name="Roger", company="Aurora Shelves"),
            person({"last_name": "Unsworth"}, first_name="Jack", company="House Sales Direct"),
            person({"last_name": "Mason"}, first_name="Michael", company=None),  # no company
        ),
    ),
    Expected(
        "salesforce_dataloader_account_sample.csv",
        rows=423,
        imported=423,
        # 9: six fictitious (555) numbers and the postcodes 95132 (IE), 90-89787-987 (IT),
        # N-1352 (NO); Canadian postcodes written with a hyphen (T2L-2K7) are read.
        warned=9,
        refused=0,
        skipped=0,
        new_companies=423,
        new_contacts=0,
        stored=(
            company(
                {"external_ref": "001x0000002xLCVAA2"},
                name="Gravity Investments",
                postcode="80525",
                city="FORT COLLINS",
                state="CO",
                country="US",
                external_source="ID",
            ),
            company(
                {"name": "Standing Stones Consulting Ltd."},
                city="CALGARY",
                country="CA",
                external_ref="001x0000002xLCbAAM",
            ),
            company(
                {"name": "Recall Information Management, S. A."},
                street="00045844 c/ San Romualdo, 26 5º",  # cp1252 0xBA
                postcode="28037",
                city="MADRID",
                country="ES",
            ),
            company({"name": "first launch group"}, postcode="W1J 6HL", country="GB"),
            company(
                {"name": "salesforce.com"},
                postcode="94105",
                country="US",  # "USA"
                phone="+14159017000",  # (415) 901-7000
                website="http://www.salesforce.com",
                employees=350,
            ),
            company(
                {"name": "Global Media"},
                postcode="L4B 1Y3",
                country="CA",  # "Canada"
                phone="+19053648900",
            ),
            company({"name": "innocence international Inc."}, postcode="79112", country="DE"),
        ),
    ),
    Expected(
        "dolibarr_import_company_example.csv",
        rows=2,
        imported=2,
        warned=2,  # phone 101010101, postcode 123456, VAT ID FR0123456781: none valid
        refused=0,
        skipped=0,
        new_companies=2,
        new_contacts=0,
        stored=(
            company(
                {"name": "MyBigCompanyImport1"},
                street="61 jump street",
                postcode=None,
                city="Big town",
                country="DE",
                phone=None,
                email="test@mycompany.com",
                website="http://mycompany.com",
                vat_id=None,
                external_ref="CU01-0001",
                external_source="CustomerCode (s.code_client)",
                first_note="This is an example of note for record 1",
            ),
            company(
                {"name": "MyBigCompanyImport2"},
                street="62 jump street",
                email="test@mycompany2.com",
            ),
        ),
    ),
    Expected(
        "dolibarr_import_company_example_v1.csv",
        rows=1,
        imported=1,
        warned=1,
        refused=0,
        skipped=0,
        new_companies=1,
        new_contacts=0,
        stored=(
            company(
                {"name": "MyBigCompanyImport1"},  # under `Name* (s.nom)`
                city="Big town",
                website="http://mycompany.com",
                external_ref="CU01-0001",
            ),
        ),
    ),
    Expected(
        "datev_extf_debitoren_kreditoren_stammdaten.csv",
        rows=4,
        imported=4,
        warned=0,
        refused=0,
        skipped=0,
        new_companies=3,  # Adressatentyp 2
        new_contacts=1,  # Adressatentyp 1: Sabine Mustermann, with no company
        stored=(
            company(
                {"external_ref": "70001"},
                name="Meyer GmbH",
                country="DE",
                external_source="Konto",
            ),
            company({"external_ref": "70003"}, name="Scary Kitten AG"),
            person(
                {"last_name": "Mustermann"},
                first_name="Sabine",
                salutation="ms",  # Frau
                academic_title="Dr.",
                email="sabine@mustermann.de",
                phone="+492211234567",  # 0221/1234567
                company=None,
                external_ref="10000",
                external_source="Konto",
            ),
        ),
    ),
    Expected(
        "bundesbank_blz_register_first5000.csv",
        rows=5_000,
        # A bank code of its own makes a company of its own, even at the same address (six
        # codes of "Deutsche Bank" at 10883 Berlin); rows with the same code, name, postcode
        # and town are one (4: a head office's branches at its own address). So are not
        # branches in another town sharing the postcode (Förde Sparkasse 24321 Lütjenburg /
        # Hohwacht).
        imported=4_996,
        warned=0,
        refused=0,
        skipped=4,
        new_companies=4_996,
        new_contacts=0,
        stored=(
            company(
                {"external_ref": "10000000"},
                name="Bundesbank",
                postcode="10591",
                city="Berlin",
                country="DE",
                external_source="Bankleitzahl",
            ),
            company(
                {"name": "UniCredit Bank - HypoVereinsbank", "city": "Königs Wusterhausen"},
                postcode="15711",
                external_ref="10020890",
            ),
            company(
                {"name": "Commerzbank vormals Dresdner Bank", "city": "Heusenstamm"},
                postcode="63150",
                external_ref="50580005",
            ),
            company({"external_ref": "10070000", "name": "Deutsche Bank"}, city="Berlin"),
            company({"name": "Förde Sparkasse", "city": "Hohwacht (Ostsee)"}, postcode="24321"),
            company({"name": "Förde Sparkasse", "city": "Lütjenburg"}, postcode="24321"),
        ),
    ),
    Expected(
        "nrw_schulverzeichnis_first3000.csv",
        rows=3_000,
        # 3,000 imported, none skipped: every row is another school (its own Schulnummer),
        # though 33 share a web host (schulen.duesseldorf.de, primolo.de) and 43 a generic
        # name and postcode ("Städt. Gem. Grundschule").
        imported=3_000,
        # Every row: `Rechtsform` holds the register's code (1 public, 2 private), not a
        # legal form, and is kept in the notes. The local numbers in `Telefon` take the code
        # in `Telefonvorwahl`: all valid.
        warned=3_000,
        refused=0,
        skipped=0,
        new_companies=3_000,
        new_contacts=0,
        stored=(
            company(
                {"external_ref": "100000"},
                name="Studienkolleg des Ökumenischen Studienwerks e.V. für ausländische "
                "Studierende",  # Schulbezeichnung_1 to _3
                street="Girondelle 80",
                postcode="44799",
                city="Bochum",
                country="DE",
                email="100000@schule.nrw.de",
                website="https://www.studienkolleg-bochum.de",
                phone="+492349388231",  # "0234" and "9388231"
                legal_form=None,  # "2": kept in the notes
                external_source="Schulnummer",
            ),
            company(
                {"external_ref": "100010"}, city="Köln", postcode="50933", phone="+4922137996433"
            ),
            company(
                {"external_ref": "158689"},
                name="Theodor-Litt-Realschule Städt. Realschule - Sekundarstufe I -",
                street="Theodor-Litt-Str. 5",
                postcode="40593",
                city="Düsseldorf",
            ),
        ),
    ),
    Expected(
        "austria_banken_auskunftsbegehren.csv",
        rows=91,
        imported=91,
        warned=0,
        refused=0,
        skipped=0,
        new_companies=91,
        new_contacts=0,
        stored=(
            company(
                {"external_ref": "1"},
                name="UniCredit Bank Austria",
                street="Rothschildplatz 1",
                postcode="1020",
                city=None,
                country="AT",  # no country column: the postcodes and +43 numbers tell
                phone="+435050525",
                email="info@unicreditgroup.at",
                industry="Finanzen",
                external_source="Id",
            ),
            company(
                {"external_ref": "91"},
                name="Genossenschaft für Gemeinwohl",
                postcode="1050",
                country="AT",
                phone="+431361987880",
            ),
        ),
    ),
    Expected(
        "google_contacts_export_tine20.csv",
        rows=5,
        imported=5,
        warned=1,  # 01235684494: 0123 is no German area code
        refused=0,
        skipped=0,
        new_companies=0,  # no company column: persons without a company
        new_contacts=5,
        stored=(
            person({"first_name": "Ando", "last_name": "family"}, company=None),
            person({"first_name": "Anne", "last_name": "family"}, phone=None),
            person({"last_name": "gert"}, first_name="axel", email="abc@here.de"),
            person({"first_name": "Bus Winsen"}, last_name="family", company=None),
        ),
    ),
    Expected(
        "google_contacts_export_roundcube.csv",
        rows=1,
        imported=1,
        warned=1,  # placeholders: "pager" as a phone, "home_zip", "home_country"
        refused=0,
        skipped=0,
        new_companies=1,  # Organization 1 - Name
        new_contacts=1,
        stored=(
            person(
                {"last_name": "Lastname"},
                first_name="Firstname",
                # The "Work" e-mail and numbers win over the "* Home" ones before them;
                # the number typed "Mobile" is the mobile (placeholders: no valid numbers).
                email="work@email.pl",
                job_title="jobtitle",
                company="company",
            ),
            # Address 1 is of the type "Home": the person's, kept in their notes, not the
            # company's address.
            company({"name": "company"}, street=None, city=None, postcode=None),
        ),
    ),
    Expected(
        "google_contacts_import_no_company.csv",
        rows=3,
        imported=2,
        warned=0,
        refused=1,  # record 3: an e-mail address and no name at all
        skipped=0,
        new_companies=0,
        new_contacts=2,
        stored=(
            person(
                {"last_name": "Feynman"},
                first_name="Richard",
                email="rich@caltech.edu",
                company=None,
            ),
            person({"last_name": "Musk"}, first_name="Elon", email="elon.musk@tesla.com"),
        ),
    ),
    Expected(
        "outlook2013_export_de_tine20.csv",
        rows=2,
        imported=2,
        warned=1,  # mobile 0176 164321545: one digit too many
        refused=0,
        skipped=0,
        new_companies=1,  # both work at "unittest"
        new_contacts=2,
        stored=(
            company(
                {"name": "unittest"},
                street="Pickhuben 2",
                postcode="20457",
                city="Hamburg",
                country="DE",  # Deutschland
            ),
            person(
                {"last_name": "Baumann"},
                first_name="Christian",
                job_title="Vertrieb",
                phone="+49406432131550",  # +49 (0) 40 6432131-550
                email="c.baumann@unittest.de",
                company="unittest",
            ),
            person(
                {"last_name": "Weiß"},
                first_name="Cornelius",
                phone="+49406432131545",
                mobile=None,
                company="unittest",
            ),
        ),
    ),
    Expected(
        "outlook2007_export_de_broken_umlauts.csv",
        rows=2,
        imported=2,
        warned=1,  # record 3: placeholder phones (tel_work, tel_car)
        refused=0,
        skipped=0,
        new_companies=2,  # "The Firm" (no person) and "Firma"
        new_contacts=1,
        stored=(
            company({"name": "The Firm"}, country="DE"),
            company({"name": "Firma"}, tags=("Partner",)),  # Kategorien
            person(
                {"last_name": "Nachname"},
                first_name="Vorname",
                job_title="Pressestelle",
                email="email@example.org",  # under a header with U+FFFD
                company="Firma",
            ),
        ),
    ),
    Expected(
        "thunderbird_addressbook_export_roundcube.csv",
        rows=1,
        imported=1,
        warned=1,  # text in the phone fields
        refused=0,
        skipped=0,
        new_companies=1,
        new_contacts=1,
        stored=(
            company(
                {"name": "Organization"},
                street="Addr work",
                postcode="33-333",
                city="Wcity",
                state="Wstate",
                country="PL",  # Work Country "Poland"
                website="http://page.com",
            ),
            person(
                {"last_name": "Lastname"},
                first_name="Firstname",
                email="test@domain.tld",
                job_title="title",
                department="department",
                company="Organization",
            ),
        ),
    ),
    Expected(
        "macos_contacts_export_de_tab.csv",
        rows=1,
        imported=1,
        warned=0,
        refused=0,
        skipped=0,
        new_companies=1,
        new_contacts=1,
        stored=(
            company(
                {"name": "Musterfirma"},
                street="Musterstraße 1",
                postcode="22767",
                city="Hamburg",
                country="DE",
                website="www.muster.de",
            ),
            person(
                {"last_name": "Mustermann"},
                first_name="Max",
                email="max@muster.de",
                phone="+494012345",  # 04012345
                company="Musterfirma",
            ),
        ),
    ),
    Expected(
        "lxoffice_customer_export_tine20.csv",
        rows=3,
        imported=3,
        warned=2,  # phones 12345 and 1234
        refused=0,
        skipped=0,
        new_companies=3,
        new_contacts=0,  # the cp_* columns are empty
        stored=(
            company(
                {"external_ref": "73029"},
                name="Wolfgang Berger",
                street="Heuerstraße 2",  # written twice encoded
                postcode="11108",
                city="Weixdorf DD",
                country="DE",  # D
                phone=None,
                external_source="customernumber",
            ),
            company({"external_ref": "72810"}, name="Nitsch", city="Staßfurt"),
            company({"external_ref": "72911"}, name="Wolfer", city="Großenhain"),
        ),
    ),
    Expected(
        "linkedin_connections_export.csv",
        rows=23,
        imported=23,
        warned=0,
        refused=0,
        skipped=0,
        # 22: records 10 and 24 name the same employer, "Предприниматель", without a
        # postcode: one company.
        new_companies=22,
        new_contacts=23,
        stored=(
            person(
                {"last_name": "Braggion"},
                first_name="Vittoria",
                job_title="Business Development Representative",
                linkedin="https://www.linkedin.com/in/vittoria-braggion-17a172200",
                company="Docebo",
            ),
            person({"last_name": "Tabet"}, job_title="Founder, CEO", company="VoltView"),
            person({"last_name": "Zelezniak"}, company="Eliptica Limited"),  # "Eliptica Limited "
            person({"last_name": "Korecki"}, first_name="Wład", company="LoyaltyPlant"),
            person({"last_name": "Zgordan"}, first_name="Paul", company="Предприниматель"),
        ),
    ),
    Expected(
        "linkedin_connections_notes_preamble_synthetic.csv",
        rows=10,
        imported=10,
        warned=0,
        refused=0,
        skipped=0,
        new_companies=10,
        new_contacts=10,
        stored=(
            person(
                {"last_name": "Johnson"},
                first_name="Alice",
                email="alice.johnson@techcorp.com",
                job_title="CTO",
                linkedin="https://linkedin.com/in/alicejohnson",
                company="TechCorp",
            ),
            person({"last_name": "Davis"}, first_name="Carol", email=None, company="BigCo"),
        ),
    ),
    Expected(
        "krayin_persons_sample_import.csv",
        rows=2,
        imported=2,
        # The e-mail and phone cells are JSON lists ([{"label": "work", "value": ...}]): the
        # work value is the person's, the others go to the notes. 1: Sasha Calle's number
        # 15454445454 is none of the home country's.
        warned=1,
        refused=0,
        skipped=0,
        new_companies=0,  # organization_id is Krayin's own number
        new_contacts=2,
        stored=(
            person(
                {"last_name": "Fisk"},
                first_name="Wilson",
                job_title="Sales Executive",
                email="contact@wilson.com",
                company=None,
            ),
            person(
                {"last_name": "Calle"},
                first_name="Sasha",
                job_title="Sales Representatives",
                email="contact@sasha.com",
            ),
        ),
    ),
    Expected(
        "civicrm_individuals_country_variants.csv",
        rows=8,
        imported=1,
        warned=0,
        refused=0,
        skipped=7,  # the same Susie Jones with the same address eight times
        new_companies=0,
        new_contacts=1,
        stored=(
            person(
                {"last_name": "Jones"},
                first_name="Susie",
                email="susie@example.com",
                company=None,
            ),
        ),
    ),
    Expected(
        "tine20_demo_contacts_1000.csv",
        rows=1_000,
        imported=1_000,
        # Fictitious numbers (+49 149 …, +49 1453 …) and four addresses with a space
        # (n.van kessel@fcev.net).
        warned=986,
        refused=0,
        skipped=0,
        # 73 names; S.P.A.C.E. M.Stammler is two companies, in Stuttgart and in Homburg.
        new_companies=74,
        new_contacts=1_000,
        stored=(
            company(
                {"name": "Bikecology e. K., Wolfgang Kochmann"},
                street="Flughafenstr. 81",  # a no-break space in the file
                postcode="22415",
                city="Hamburg",
                country="DE",
            ),
            company({"name": "S.P.A.C.E. M.Stammler", "city": "Stuttgart"}, postcode="70565"),
            company(
                {"name": "S.P.A.C.E. M.Stammler", "city": "Homburg an der Saar"},
                postcode="66424",
            ),
            person(
                {"last_name": "Magnuson"},
                first_name="Rick",
                email="r.magnuson@bikecologyekwolfgangkochmann.de",
                company="Bikecology e. K., Wolfgang Kochmann",
            ),
            person(
                {"last_name": "Harbottle"},
                first_name="Alexandros",
                academic_title="Dipl.-Biomath. (FH)",
            ),
            person({"last_name": "Trocchi"}, email="p.trocchi@marschnerndrmed.org"),
        ),
    ),
    Expected(
        # Tine's `title` is the person's job here ("1. Dirigent"), a degree in the other
        # Tine file: no header can tell, so the user maps it.
        "tine20_demo_contacts_de_at.csv",
        maps=("title=job_title",),
        rows=7,
        imported=7,
        # Hamburg's mobiles lack their leading 0 (176485921); Vienna's tel_home and tel_work
        # (879450, 1081134-100) are no Austrian numbers.
        warned=7,
        refused=0,
        skipped=0,
        new_companies=2,
        new_contacts=7,
        stored=(
            company(
                {"name": "Elbphilharmonie"},
                street="Platz der Deutschen Einheit 4",
                postcode="20457",
                city="Hamburg",
                country="DE",
                website="www.elbphilharmonie.de",
                tags=("Elbphilharmonie",),
                notes=None,
            ),
            company(
                {"name": "Schloss Schönbrunn"},
                postcode="1130",
                city="Wien",
                country="AT",  # A
            ),
            person(
                {"last_name": "Rattle"},
                first_name="Simon",
                job_title="1. Dirigent",
                academic_title=None,
                department="Orchester",
                email="s.rattle@harmonie.de",
                phone="+49404557910",  # tel_work wins over tel_home (4055887), left before it
                first_note="Leiter des Orchesters",
                company="Elbphilharmonie",
            ),
            person({"last_name": "Fruehauf"}, first_note="Spielt die erste Geige"),
            person(
                {"last_name": "Metzger"},
                first_name="Julia",
                job_title="Gaertner",
                email="j.metger@schloss.de",
                company="Schloss Schönbrunn",
            ),
        ),
    ),
    Expected(
        "tine20_sales_customers_demo.csv",
        rows=3,
        imported=3,
        warned=3,  # VAT ID 3521467
        refused=0,
        skipped=0,
        new_companies=3,
        new_contacts=0,
        stored=(
            company(
                {"name": "Elbphilharmonie"},
                street="teststreet",
                postcode="20214",  # postnumber
                city="hh",  # ort
                vat_id=None,
                first_note="Das Konzerthaus Elbphilharmonie",
            ),
            company({"name": "Schloss Schönbrun"}, postcode="20214"),
            company({"name": "Getränke"}, country="DE"),
        ),
    ),
    Expected(
        "tine20_crm_leads_export.csv",
        rows=2,
        imported=1,
        warned=0,
        refused=0,
        skipped=1,  # both leads are of the customer "derkunde"
        new_companies=1,
        new_contacts=0,
        stored=(
            company(
                {"name": "derkunde"},
                source="Email",  # Leadsource
                first_note="31.01.2015 17:39:58 - created by schüle, phil",
            ),
        ),
    ),
    Expected(
        "tine20_win1252_semicolon_persons.csv",
        rows=4,
        imported=4,
        warned=0,
        refused=0,
        skipped=0,
        new_companies=0,
        new_contacts=4,
        stored=(
            person({"last_name": "Pan"}, first_name="Peter", email="peter.pan@ecologic.eu"),
            person({"last_name": "Üglü"}, first_name="ÖzdemirÖ", email="oezdemir@ueglue.tu"),
            person({"last_name": "Cornelius"}, first_name="Weiss", company=None),
        ),
    ),
    Expected(
        "tine20_user_import_cr_only.csv",
        rows=1,
        imported=1,
        warned=0,
        refused=0,
        skipped=0,
        new_companies=0,
        new_contacts=1,
        stored=(
            person(
                {"last_name": "Irmeli"},
                first_name="Anneli",
                email="irmeli@tine20.org",  # under "email " with a trailing space
                company=None,
            ),
        ),
    ),
]


def _id(expected: Expected) -> str:
    return expected.file + ("+map" if expected.maps else "")


def _mapping(db: Database, headers: Sequence[str], maps: Sequence[str]) -> list[str | None]:
    """The fields the command line imports the columns as: guessed, then each --map applied."""
    with db.reading() as session:
        guessed = import_mapping.guess_columns(session, headers)
    chosen = cli_mapping.parse_maps(maps)
    return [guess.key for guess in cli_mapping.apply_maps(headers, guessed, chosen)]


def _import(
    db: Database, file: str, maps: Sequence[str] = ()
) -> tuple[ImportSummary, ImportSummary]:
    """The preview's counts and the import's, with the default options (and the mapping the
    command line makes of `maps`)."""
    table = read_table(REAL / file)
    mapping = _mapping(db, table.headers, maps) if maps else None
    plan, forecast = importing.preview_import(db, table, mapping=mapping)
    return forecast, importing.run_import(db, plan).value


def _counts(summary: ImportSummary) -> dict[str, int]:
    return {
        "imported": summary.imported,
        "warned": summary.warned,
        "refused": summary.errors,
        "skipped": summary.skipped_rows,
        "new companies": summary.new_companies,
        "new contacts": summary.new_contacts,
    }


def _value(record: object, key: str) -> object:
    assert isinstance(record, Company | Contact)
    if key == "company":
        assert isinstance(record, Contact)
        return record.company.name if record.company is not None else None
    if key == "tags":
        assert isinstance(record, Company)
        return tuple(sorted(tag.name for tag in record.tags))
    if key == "first_note":
        return record.notes.splitlines()[0] if record.notes else None
    return getattr(record, key)


def _check(db: Database, stored: Stored) -> None:
    model = stored.model
    with db.reading() as session:
        query = select(model).where(
            model.deleted_at.is_(None), *(getattr(model, k) == v for k, v in stored.where)
        )
        records = session.scalars(query).all()
        assert len(records) == 1, f"{model.__name__} {dict(stored.where)}: {len(records)} found"
        found = {key: _value(records[0], key) for key, _ in stored.has}
    assert found == dict(stored.has), dict(stored.where)


def _live(db: Database, model: Model) -> int:
    with db.reading() as session:
        count = select(func.count()).select_from(model).where(model.deleted_at.is_(None))
        return session.scalar(count) or 0


def test_every_file_of_the_corpus_is_imported() -> None:
    files = {path.name for path in REAL.iterdir() if path.suffix != ".md"}
    assert files == {expected.file for expected in EXPECTED}


@pytest.mark.parametrize("expected", EXPECTED, ids=_id)
def test_a_real_file_imports_each_row_as_the_file_says(db: Database, expected: Expected) -> None:
    forecast, summary = _import(db, expected.file, expected.maps)
    counts = _counts(summary)
    assert _counts(forecast) == counts  # the preview promises what the import does
    assert counts["imported"] + counts["skipped"] + counts["refused"] == expected.rows
    assert {name: counts[name] for name in expected.counts()} == expected.counts()
    # Into an empty database: what the summary calls new is all there is.
    assert _live(db, Company) == summary.new_companies
    assert _live(db, Contact) == summary.new_contacts
    for stored in expected.stored:
        _check(db, stored)


# Files whose second import must find every row already there: by another system's key
# (Austria, DATEV), by name and postcode, by a related company (Odoo), as persons without a
# company (Google).
AGAIN = (
    "austria_banken_auskunftsbegehren.csv",
    "nrw_schulverzeichnis_first3000.csv",
    # A head office and its branches share a bank code: it finds none of them, their
    # addresses do, and no branch is overwritten by another.
    "bundesbank_blz_register_first5000.csv",
    "datev_extf_debitoren_kreditoren_stammdaten.csv",
    "odoo15_res_partner_template.xls",
    "tine20_sales_customers_demo.csv",
    "google_contacts_export_tine20.csv",
)


@pytest.mark.parametrize("file", AGAIN)
def test_importing_a_real_file_again_changes_nothing(db: Database, file: str) -> None:
    _import(db, file)
    forecast, summary = _import(db, file)
    assert summary.imported == 0
    assert (summary.new_companies, summary.updated_companies) == (0, 0)
    assert (summary.new_contacts, summary.updated_contacts) == (0, 0)
    assert summary.skipped_rows == forecast.skipped_rows == len(read_table(REAL / file).rows)


def test_the_command_line_imports_a_real_file_with_map(tmp_path: Path) -> None:
    # The long legal name instead of the short one, and the kind of institution as a tag.
    database = tmp_path / "banken.sqlite"
    result = run_main(
        "--language", "en", "import", str(REAL / "austria_banken_auskunftsbegehren.csv"),
        "--map", "Name_Lang=name", "--map", "Name=", "--map", "Typ=Tags",
        "--database", str(database),
        data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "austria_banken_auskunftsbegehren.csv: 91 rows imported, 0 skipped as duplicates, "
        "0 refused.",
        "  91 new companies, 0 companies updated, 0 new contacts.",
    ]
    opened = open_database(f"sqlite:///{database}").database
    try:
        _check(
            opened,
            company(
                {"external_ref": "1"},
                name="UniCredit Bank Austria AG",
                country="AT",
                tags=("Bank",),
            ),
        )
        _check(
            opened,
            company(
                {"external_ref": "91"},
                name="BfG Eigentümer/-innen- und Verwaltungsgenossenschaft eG",
                tags=("Dienstleister",),
            ),
        )
        assert _live(opened, Company) == 91
    finally:
        opened.dispose()


def test_a_dry_run_shows_the_fields_map_chose_for_a_real_file(tmp_path: Path) -> None:
    database = tmp_path / "tine.sqlite"
    result = run_main(
        "--language", "en", "import", str(REAL / "tine20_demo_contacts_de_at.csv"),
        "--map", "title=Job title", "--map", "notes=Person's notes", "--dry-run",
        "--database", str(database),
        data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  title -> job_title (100 %, --map)" in lines
    assert "  notes -> contact_notes (100 %, --map)" in lines
    assert (
        "tine20_demo_contacts_de_at.csv: 7 rows would be imported (7 of them with notes), "
        "0 skipped as duplicates, 0 refused."
    ) in lines
    assert "  2 new companies, 0 companies updated, 7 new contacts." in lines


def test_a_map_naming_no_column_of_a_real_file_is_refused(tmp_path: Path) -> None:
    result = run_main(
        "--language", "en", "import", str(REAL / "tine20_demo_contacts_de_at.csv"),
        "--map", "Titel=job_title", "--dry-run", "--database", str(tmp_path / "t.sqlite"),
        data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--map: the file has no column \u201cTitel\u201d; did you mean \u201ctitle\u201d?"
    ]
