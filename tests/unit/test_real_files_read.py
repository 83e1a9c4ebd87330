"""The real files of tests/fixtures/real/ read as PROVENANCE.md describes them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from prospector.exchange.readers import ReadError, Table, inspect_file, read_table
from prospector.exchange.tables import CellValue

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


@dataclass(frozen=True)
class Expected:
    """What PROVENANCE.md says of a file: where its header is, what it holds."""

    file: str
    header_row: int
    columns: int
    first_headers: tuple[str, ...]
    rows: int
    record: int  # the record (row) number of the cell, as PROVENANCE.md counts
    column: str
    value: CellValue
    sheet: str | None = None


# fmt: off
EXPECTED = [
    Expected(
        "odoo_res_partner_template.xlsx", 1, 15, ("name", "is_company", "company_name"), 3,
        2, "vat", "BE0477472701", sheet="Contacts",
    ),
    Expected(
        "odoo15_res_partner_template.xls", 1, 9, ("Name", "Is a company", "Related company"), 8,
        2, "City", "San José", sheet="Sheet 1",
    ),
    Expected(
        "salesforce_dataloader_account_sample.csv", 1, 38, ("ID", "ISDELETED", "MASTERRECORDID"),
        423, 72, "NAME", "Recall Information Management, S. A.",
    ),
    Expected(
        "dolibarr_import_company_example.csv", 1, 28, ("Name* (s.name)", "Status (s.status)"),
        2, 2, "VATIntraShort (s.tva_intra)", "FR0123456781",
    ),
    Expected(
        "dolibarr_import_company_example_v1.csv", 1, 28, ("Name* (s.nom)",), 1,
        2, "Phone (s.tel)", "101010101",
    ),
    Expected(
        "datev_extf_debitoren_kreditoren_stammdaten.csv", 2, 254,
        ("Konto", "Name (Adressatentyp Unternehmen)", "Unternehmensgegenstand"), 4,
        6, "Name (Adressatentyp Unternehmen)", "Scary Kitten  AG",
    ),
    Expected(
        "bundesbank_blz_register_first5000.csv", 1, 13, ("Bankleitzahl", "Merkmal", "Bezeichnung"),
        5000, 24, "Ort", "Königs Wusterhausen",
    ),
    Expected(
        "nrw_schulverzeichnis_first3000.csv", 2, 23, ("Schulnummer", "Schulform"), 3000,
        3002, "Ort", "Düsseldorf",
    ),
    Expected(
        "austria_banken_auskunftsbegehren.csv", 1, 13, ("Id", "Name", "Name_Lang"), 91,
        92, "Name", "Genossenschaft für Gemeinwohl",
    ),
    Expected(
        "google_contacts_export_tine20.csv", 1, 40, ("Name", "Given Name", "Additional Name"), 5,
        6, "Address 1 - Formatted", "Ring 22\r\nWinsen",
    ),
    Expected(
        "google_contacts_export_roundcube.csv", 1, 81, ("Name", "Given Name"), 1,
        2, "Notes", 'note"note',
    ),
    Expected(
        "google_contacts_import_no_company.csv", 1, 56, ("Name", "Given Name"), 3,
        4, "E-mail 1 - Value", "elon.musk@tesla.com",
    ),
    Expected(
        "outlook2013_export_de_tine20.csv", 1, 92, ("Anrede", "Vorname", "Weitere Vornamen"), 2,
        3, "Nachname", "Weiß",
    ),
    Expected(
        "outlook2007_export_de_broken_umlauts.csv", 1, 92, ("Anrede", "Vorname"), 2,
        3, "E-Mail-Adresse", "email@example.org",
    ),
    Expected(
        "thunderbird_addressbook_export_roundcube.csv", 1, 37, ("First Name", "Last Name"), 1,
        2, "Work Country", "Poland",
    ),
    Expected(
        "macos_contacts_export_de_tab.csv", 1, 41, ("Vorname", "Ausspracheform Vorname"), 1,
        2, "Arbeitsadresse Stadt", "Hamburg",
    ),
    Expected(
        "lxoffice_customer_export_tine20.csv", 1, 21, ("customernumber", "greeting", "name"), 3,
        2, "customernumber", "73029",
    ),
    Expected(
        "linkedin_connections_export.csv", 1, 7, ("First Name", "Last Name", "URL"), 23,
        24, "Company", "Предприниматель",
    ),
    Expected(
        "linkedin_connections_notes_preamble_synthetic.csv", 5, 7,
        ("First Name", "Last Name", "Email Address"), 10,
        6, "Email Address", "alice.johnson@techcorp.com",
    ),
    Expected(
        "krayin_persons_sample_import.csv", 1, 6, ("name", "emails", "contact_numbers"), 2,
        2, "job_title", "Sales Executive",
    ),
    Expected(
        "civicrm_individuals_country_variants.csv", 1, 22, ("First Name", "Last Name", "Email"),
        8, 6, "Country", "1013",
    ),
    Expected(
        "tine20_demo_contacts_1000.csv", 1, 24, ("org_name", "domain", "url"), 1000,
        1001, "n_family", "Trocchi",
    ),
    Expected(
        "tine20_demo_contacts_de_at.csv", 1, 32,
        ("adr_one_countryname", "adr_one_locality", "adr_one_postalcode"), 7,
        6, "adr_one_postalcode", "1130",
    ),
    Expected(
        "tine20_sales_customers_demo.csv", 1, 17, ("name", "name_shorthand", "contract_ex"), 3,
        4, "name", "Getränke",
    ),
    Expected(
        "tine20_crm_leads_export.csv", 1, 25, ("lead_name", "leadstate_id", "Leadstate"), 2,
        3, "PRODUCT", "product1;product2",
    ),
    Expected(
        "tine20_win1252_semicolon_persons.csv", 1, 3, ("First Name", "Last Name", "E-Mail"), 4,
        4, "First Name", "ÖzdemirÖ",
    ),
    Expected(
        "tine20_user_import_cr_only.csv", 1, 5, ("firstname", "lastname", "loginname"), 1,
        3, "email", "irmeli@tine20.org",
    ),
]
# fmt: on


def cell(table: Table, record: int, column: str) -> CellValue:
    """The value in a column of the row the user sees as `record`."""
    row = table.rows[table.source_row_numbers.index(record)]
    return row[table.headers.index(column)]


def test_every_file_of_the_corpus_is_expected() -> None:
    files = {path.name for path in REAL.iterdir() if path.suffix != ".md"}
    assert files == {expected.file for expected in EXPECTED}


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda expected: expected.file)
def test_real_file(expected: Expected) -> None:
    info = inspect_file(REAL / expected.file)
    if expected.sheet is not None:
        assert info.suggested_sheet == expected.sheet
    table = read_table(info, info.suggested_sheet if info.format.is_workbook else None)
    assert table.header_row_number == expected.header_row
    assert len(table.headers) == expected.columns
    assert table.headers[: len(expected.first_headers)] == expected.first_headers
    assert len(table.rows) == expected.rows
    assert cell(table, expected.record, expected.column) == expected.value


def test_the_odoo_instructions_sheet_is_not_a_table_of_records() -> None:
    info = inspect_file(REAL / "odoo_res_partner_template.xlsx")
    assert [(s.name, s.looks_like_instructions) for s in info.sheets] == [
        ("Contacts", False),
        ("Instructions", True),
    ]
    with pytest.raises(ReadError) as caught:
        read_table(info, "Instructions")
    assert caught.value.code == "instructions_sheet"


def test_datev_rows_keep_all_254_fields() -> None:
    table = read_table(REAL / "datev_extf_debitoren_kreditoren_stammdaten.csv")
    assert table.encoding == "cp1252"
    assert cell(table, 3, "Ort") == "Köln"
    assert cell(table, 3, "IBAN 1") == "DE12500105170648489890"
    assert cell(table, 4, "Konto") == "70001"


def test_the_mac_file_with_cr_line_ends_reports_its_blank_rows() -> None:
    table = read_table(REAL / "tine20_user_import_cr_only.csv")
    assert table.rows == [("Anneli", "Irmeli", "irmeli", "irmeli123!", "irmeli@tine20.org")]
    assert table.source_row_numbers == [3]
    assert table.skipped_empty == (2,)
    assert table.headers[-1] == "email"  # the trailing space is not part of the name


def test_multi_line_fields_are_one_record() -> None:
    table = read_table(REAL / "google_contacts_export_roundcube.csv")
    address = cell(table, 2, "Address 1 - Formatted")
    assert isinstance(address, str)
    assert address.startswith("home_street\nhome_pobox")
    assert len(address.splitlines()) == 4
