"""Check the database: what is sound stays untouched, what drifted is repaired, once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from factories import company
from helpers import run_main
from sqlalchemy import func, select, text

from prospector import check_report, normalize
from prospector.db import Database
from prospector.models import Company, CompanyTag, Contact
from prospector.search import search_parameters
from prospector.services.checkup import check_database


def _found(report: check_report.CheckReport) -> dict[str, tuple[int, int]]:
    return {f.check: (f.found, f.repaired) for f in report.findings if f.found}


def test_a_sound_database_is_reported_in_order_and_left_alone(db: Database) -> None:
    firm = company(db, "Müller & Söhne GmbH", city="Dresden", contacts=(("Anna", "Muster"),))
    with db.reading() as session:
        before = session.execute(select(Company.version, Company.updated_at)).one()
    report = check_database(db)
    assert report.healthy
    assert not report.damaged
    assert _found(report) == {}
    assert (report.companies, report.contacts) == (1, 1)
    assert [f.check for f in report.findings] == [
        check_report.INTEGRITY,
        check_report.REFERENCES,
        check_report.NAME_KEYS,
        check_report.SEARCH,
        check_report.FULL_TEXT,
    ]
    with db.reading() as session:
        assert session.execute(select(Company.version, Company.updated_at)).one() == before
        assert session.get(Company, firm.id) is not None


def test_stale_derived_values_are_renewed_once(db: Database) -> None:
    firm = company(db, "Müller & Söhne GmbH", city="Dresden", contacts=(("Anna", "Muster"),))
    with db.writing() as session:
        # As another tool (or an older version) might leave them.
        session.execute(text("UPDATE companies SET search_text = 'alt', name_key = 'x'"))
        session.execute(text("UPDATE contacts SET search_text = '', name_key = ''"))
        session.execute(text("DELETE FROM settings WHERE key = 'search_version'"))
    report = check_database(db)
    assert report.healthy
    assert _found(report) == {
        check_report.NAME_KEYS: (1, 1),
        check_report.SEARCH: (3, 3),  # the company, the contact, the index's version
    }
    with db.reading() as session:
        row = session.get(Company, firm.id)
        assert row is not None
        assert "dresden" in row.search_text
        assert row.name_key == normalize.name_key("Müller & Söhne GmbH")
        assert session.scalar(select(Contact.name_key)) != ""
    assert _found(check_database(db)) == {}  # idempotent


def test_references_to_missing_records_are_removed_but_no_person_is_deleted(
    sqlite_db: Database,
) -> None:
    db = sqlite_db
    firm = company(db, "Alpha GmbH", contacts=("Muster",))
    path = db.url.database
    assert path is not None
    raw = sqlite3.connect(path)  # another program, without foreign keys enforced
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute(
        "INSERT INTO company_tags (company_id, tag_id, created_at, updated_at, version) "
        f"VALUES ({firm.id}, 999, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
    )
    raw.execute("UPDATE contacts SET company_id = 998")
    raw.execute(
        "INSERT INTO activities (company_id, kind, created_at, updated_at, version) "
        "VALUES (997, 'call', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
    )
    raw.commit()
    raw.close()
    report = check_database(db)
    assert report.healthy
    assert _found(report)[check_report.REFERENCES] == (3, 3)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(CompanyTag)) == 0
        person = session.scalars(select(Contact)).one()
        assert (person.last_name, person.company_id) == ("Muster", None)  # kept, alone
        assert session.scalar(text("SELECT count(*) FROM activities")) == 0
    assert _found(check_database(db)) == {}


def test_a_full_text_index_out_of_step_is_rebuilt(sqlite_db: Database) -> None:
    db = sqlite_db
    firm = company(db, "Zebra Logistik GmbH", city="Leipzig")
    with db.writing() as session:
        row = session.get(Company, firm.id)
        assert row is not None
        session.execute(
            text(
                "INSERT INTO company_fts(company_fts, rowid, search_text) "
                "VALUES ('delete', :id, :words)"
            ),
            {"id": firm.id, "words": row.search_text},
        )
    report = check_database(db)
    assert _found(report) == {check_report.FULL_TEXT: (1, 1)}
    with db.reading() as session:
        hits = session.execute(
            text("SELECT rowid FROM company_fts WHERE company_fts MATCH 'zebra*'")
        ).all()
    assert hits == [(firm.id,)]
    assert search_parameters  # the search module the index serves


def _damage_companies(path: Path) -> None:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'companies'").fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root[0] - 1) * page_size)
        handle.write(b"\xa5" * 200)


def test_the_command_line_reports_in_words_and_a_damaged_file_is_left_alone(
    tmp_path: Path,
) -> None:
    from prospector.schema import open_database

    path = tmp_path / "firma.sqlite"
    opened = open_database(f"sqlite:///{path}")
    for number in range(300):
        company(opened.database, f"Firma {number} GmbH")
    opened.database.dispose()
    good = run_main("--language", "en", "check", "--database", str(path), data_dir=tmp_path)
    assert good.returncode == 0, good.stderr
    lines = good.stdout.splitlines()
    assert lines[0] == f"{path} is in order: 300 companies, 0 contacts."
    assert lines[1] == "  \u2713 The file is whole (SQLite's integrity check)."
    assert len(lines) == 6

    _damage_companies(path)
    before = path.read_bytes()
    bad = run_main("--language", "en", "check", "--database", str(path), data_dir=tmp_path)
    assert bad.returncode == 1
    assert bad.stdout.startswith(f"{path} is damaged: SQLite's integrity check found problems.")
    assert "Restore a backup" in bad.stdout
    assert "Traceback" not in bad.stderr
    assert path.read_bytes() == before
