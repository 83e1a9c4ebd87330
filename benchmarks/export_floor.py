"""Child, the export floor: plain sqlite3 queries written by xlsxwriter in constant-memory mode."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time
from collections.abc import Iterable, Sequence
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks.probe import report

# The EU size class (prospector.sizeclass) worked out by SQLite, and the tags by name.
SIZE = (
    "CASE WHEN co.employees IS NULL AND co.turnover_eur IS NULL THEN NULL"
    " WHEN coalesce(co.employees, 0) < 10 AND coalesce(co.turnover_eur, 0) <= 2000000"
    " THEN 'micro'"
    " WHEN coalesce(co.employees, 0) < 50 AND coalesce(co.turnover_eur, 0) <= 10000000"
    " THEN 'small'"
    " WHEN coalesce(co.employees, 0) < 250 AND coalesce(co.turnover_eur, 0) <= 50000000"
    " THEN 'medium' ELSE 'large' END"
)
TAGS = (
    "(SELECT group_concat(name, ', ') FROM (SELECT t.name FROM company_tags ct"
    " JOIN tags t ON t.id = ct.tag_id WHERE ct.company_id = co.id ORDER BY lower(t.name)))"
)
SERVER_TAGS = (
    "(SELECT string_agg(t.name, ', ' ORDER BY lower(t.name)) FROM company_tags ct"
    " JOIN tags t ON t.id = ct.tag_id WHERE ct.company_id = co.id)"
)
COMPANIES = (
    "SELECT co.id, co.name, co.legal_form, co.vat_id, co.industry, co.wz_code, co.employees,"
    f" co.turnover_eur, {SIZE}, co.structure, co.activity_type, co.street, co.postcode,"
    " co.city, co.state, co.country, co.phone, co.website, co.email, co.notes, co.source,"
    f" {TAGS}, co.stage, tm.name, co.external_ref, co.external_source"
    " FROM companies co LEFT JOIN team_members tm ON tm.id = co.owner_id"
    " WHERE co.deleted_at IS NULL ORDER BY co.name_key, co.id"
)
CONTACTS = (
    "SELECT c.company_id, c.id, co.name, c.salutation, c.academic_title, c.first_name,"
    " c.last_name, c.job_title, c.department, c.phone, c.mobile, c.email, c.linkedin,"
    " c.decision_role, c.budget_authority, c.lead_status, c.legal_basis, c.do_not_contact,"
    " c.do_not_contact_since, c.do_not_contact_reason, c.data_source, c.is_consumer, c.notes"
    " FROM contacts c JOIN companies co ON co.id = c.company_id"
    " WHERE c.deleted_at IS NULL AND co.deleted_at IS NULL"
    " ORDER BY co.name_key, co.id, c.last_name, c.first_name, c.id"
)
ACTIVITIES = (
    "SELECT a.company_id, a.contact_id, a.kind, a.subject, a.due_at, a.done_at, a.outcome,"
    " a.notes FROM activities a JOIN companies co ON co.id = a.company_id"
    " WHERE co.deleted_at IS NULL ORDER BY co.name_key, co.id, a.id"
)


def _connect(database: str) -> Any:
    """sqlite3 on a file, psycopg on a server URL; both run the floor's SQL."""
    if "://" not in database:
        return sqlite3.connect(database)
    import psycopg

    from benchmarks.postgres import driver_dsn

    return psycopg.connect(driver_dsn(database))


def _write_rows(sheet: Any, rows: Iterable[Sequence[Any]], date_format: Any) -> int:
    """Each value by the writer of its type, as the app writes them (xlsxwriter's write() and
    write_row() guess the type of every cell first, which costs more); empty cells unwritten."""
    write_string, write_number = sheet.write_string, sheet.write_number
    row = 0
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            kind = type(value)
            if value is None:
                continue
            if kind is str:
                write_string(row, column, value)
            elif kind is int or kind is float or kind is Decimal:
                write_number(row, column, value)
            elif kind is bool:
                sheet.write_boolean(row, column, value)
            elif isinstance(value, dt.datetime | dt.date):
                sheet.write_datetime(row, column, value, date_format)
            else:
                write_string(row, column, str(value))
    return row


def main(argv: list[str]) -> int:
    database, target = argv[0], Path(argv[1])
    import xlsxwriter

    server = "://" in database
    start = time.perf_counter()
    counts = []
    with closing(_connect(database)) as connection:
        book = xlsxwriter.Workbook(str(target), {"constant_memory": True, "strings_to_urls": False})
        date_format = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})  # server dates
        for title, sql in (
            ("Unternehmen", COMPANIES.replace(TAGS, SERVER_TAGS) if server else COMPANIES),
            ("Ansprechpartner", CONTACTS),
            ("Aktivitäten", ACTIVITIES),
        ):
            sheet = book.add_worksheet(title)
            cursor = connection.execute(sql)
            sheet.write_row(0, 0, [d[0] for d in cursor.description])
            counts.append(_write_rows(sheet, cursor, date_format))
        book.close()
    seconds = time.perf_counter() - start
    report(
        seconds=seconds,
        companies=counts[0],
        contacts=counts[1],
        activities=counts[2],
        bytes=target.stat().st_size,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
