"""The 100,000-row by 15-column .xlsx and .csv files the import benchmarks read."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# A vendor's list: German headers, one company per row with its main contact.
HEADERS = (
    "Firma",
    "Rechtsform",
    "Branche",
    "WZ-Code",
    "Mitarbeiter",
    "Umsatz",
    "Straße",
    "PLZ",
    "Ort",
    "Bundesland",
    "Telefon",
    "Website",
    "E-Mail",
    "Ansprechpartner",
    "Position",
)


def _full_name(contact: Any) -> str:
    salutation = {"mr": "Herr", "ms": "Frau"}.get(contact.salutation.value, "")
    parts = [salutation, contact.academic_title or "", contact.first_name or "", contact.last_name]
    return " ".join(part for part in parts if part)


def rows(count: int) -> Iterator[tuple[Any, ...]]:
    """The rows, as a data vendor would send them: postcodes and codes as numbers in Excel."""
    from prospector.sampledata.generate import generate

    for sample in generate(count, seed=77):
        company = sample.company
        person = sample.contacts[0] if sample.contacts else None
        yield (
            company.name,
            company.legal_form,
            company.industry,
            company.wz_code,
            company.employees,
            float(company.turnover_eur) if company.turnover_eur is not None else None,
            company.street,
            int(company.postcode) if company.postcode and company.postcode.isdigit() else None,
            company.city,
            company.state,
            company.phone,
            company.website,
            company.email,
            _full_name(person) if person else None,
            person.job_title if person else None,
        )


def write_xlsx(path: Path, count: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_urls": False})
    sheet = workbook.add_worksheet("Firmen")
    sheet.write_row(0, 0, HEADERS)
    for index, row in enumerate(rows(count), start=1):
        sheet.write_row(index, 0, row)
    workbook.set_properties({"created": dt.datetime(2026, 1, 1)})
    workbook.close()


def write_csv(path: Path, count: int) -> None:
    """Windows-1252, semicolons, German decimal commas: what German Excel saves as CSV."""
    with path.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for row in rows(count):
            writer.writerow(
                [
                    f"{value:.2f}".replace(".", ",") if isinstance(value, float) else value
                    for value in row
                ]
            )
