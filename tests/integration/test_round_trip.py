"""Export, edit in a spreadsheet, import again: exactly the edited cells change, another tool's
file comes back from our export unchanged, and an export moves whole to another database, in
either language."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import inspect, select

from prospector import i18n
from prospector.db import Database
from prospector.enums import (
    ActivityType,
    CompanyStage,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
    TeamRole,
)
from prospector.exchange.export import contacts_path
from prospector.exchange.readers import read_table
from prospector.exchange.rows import category_tag
from prospector.models import Company, CompanyTag, Contact, Tag, TeamMember
from prospector.records import CONTACT_INPUT_FIELDS, CompanyInput
from prospector.schema import open_database
from prospector.services import companies, company_bulk, importing, trash
from prospector.services.exporting import export_companies
from prospector.services.import_history import check_undo, undo_import
from prospector.services.import_run import ImportSummary
from prospector.services.sample import SAMPLE_TEAM, load_sample_data

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
# Files other tools wrote that import cleanly: companies and persons in one sheet (Odoo), an
# address book with a company column and numbers the import cannot take (tine 2.0, Outlook).
FOREIGN = (
    "odoo_res_partner_template.xlsx",
    "tine20_demo_contacts_de_at.csv",
    "outlook2013_export_de_tine20.csv",
)
LANGUAGES = ("de", "en")
# What two databases never share: keys, times, versions, import batches; the owner and the
# persona are compared by name where the export carries them.
LOCAL_COLUMNS = frozenset(
    {
        "id",
        "company_id",
        "created_at",
        "updated_at",
        "version",
        "import_batch_id",
        "owner_id",
        "persona_id",
        # Derived from this database's ideal customer profile, which an export does not carry.
        "fit_score",
        "in_core_group",
    }
)
# Persons' keys in other systems have no column of the export.
PERSON_KEYS_ELSEWHERE = frozenset({"external_ref", "external_source"})

Part = tuple[Path, str | None]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def _other_database(path: Path, *, ids_from: int) -> Database:
    """Another database (a laptop's SQLite file) holding the sample data, whose companies'
    ids start at `ids_from` (the ones before lie in its trash)."""
    database = open_database(f"sqlite:///{path}").database
    if ids_from > 1:
        with database.writing() as session:
            placeholders = companies.create_companies(
                session, (CompanyInput(name=f"Platzhalter {n}") for n in range(1, ids_from))
            )
        trash.trash_companies(database, placeholders)
    load_sample_data(database)
    return database


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Database]:
    """Another database with the sample data, whose ids are not the ones a new database
    gives (see test_ids_of_another_database_never_touch_this_ones_records)."""
    database = _other_database(tmp_path / "source.sqlite", ids_from=1_001)
    yield database
    database.dispose()


def _export(db: Database, target: Path, language: str = "en") -> list[Part]:
    """Everything exported in `language`; its companies' and contacts' sheets to import."""
    i18n.set_language(language)
    try:
        export_companies(db, target)
    finally:
        i18n.set_language("en")
    if target.suffix == ".xlsx":
        return [(target, "Unternehmen"), (target, "Ansprechpartner")]
    return [(target, None), (contacts_path(target), None)]


def _import(db: Database, part: Part) -> tuple[ImportSummary, ImportSummary]:
    """What the window and the command line do with the default options: the preview's
    counts, then the import's."""
    plan, forecast = importing.preview_import(db, read_table(*part))
    return forecast, importing.run_import(db, plan).value


def _changes(summary: ImportSummary) -> dict[str, int]:
    return {
        "new companies": summary.new_companies,
        "updated companies": summary.updated_companies,
        "new contacts": summary.new_contacts,
        "updated contacts": summary.updated_contacts,
        "refused": summary.errors,
    }


NOTHING = {
    "new companies": 0,
    "updated companies": 0,
    "new contacts": 0,
    "updated contacts": 0,
    "refused": 0,
}


def _columns(record: Company | Contact) -> dict[str, Any]:
    return {c.key: getattr(record, c.key) for c in inspect(type(record)).column_attrs}


def _state(db: Database) -> dict[str, Any]:
    """Every company and person with every column (versions and times too), and the tags of
    each company: all an import could change."""
    with db.reading() as session:
        companies = {c.id: _columns(c) for c in session.scalars(select(Company))}
        people = {c.id: _columns(c) for c in session.scalars(select(Contact))}
        tags: dict[int, list[str]] = defaultdict(list)
        rows = session.execute(
            select(CompanyTag.company_id, Tag.name)
            .join(Tag, Tag.id == CompanyTag.tag_id)
            .order_by(Tag.name)
        )
        for company_id, name in rows:
            tags[company_id].append(name)
    return {"companies": companies, "contacts": people, "tags": dict(tags)}


# Columns that follow an edit by themselves: a record's version and time, its search words.
# Columns that follow an edit: the row's bookkeeping, its search words, its fit to the profile.
FOLLOWING = frozenset({"version", "updated_at", "search_text", "fit_score", "in_core_group"})


def _edited(before: dict[str, Any], after: dict[str, Any]) -> set[tuple[str, int, str]]:
    """(kind, id, field) of each field that differs, the columns FOLLOWING an edit aside."""
    changed = set()
    for kind in ("companies", "contacts"):
        assert before[kind].keys() == after[kind].keys(), kind
        for ident, fields in before[kind].items():
            changed |= {
                (kind, ident, name)
                for name, value in fields.items()
                if name not in FOLLOWING and after[kind][ident][name] != value
            }
    return changed


def _by_name(db: Database) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """Companies by name and postcode and persons by company, name and e-mail, with every
    field two databases can share."""
    with db.reading() as session:
        owners = {
            ident: name for ident, name in session.execute(select(TeamMember.id, TeamMember.name))
        }
        names: dict[int, str] = {}
        companies = {}
        for company in session.scalars(select(Company).where(Company.deleted_at.is_(None))):
            names[company.id] = company.name
            fields = {k: v for k, v in _columns(company).items() if k not in LOCAL_COLUMNS}
            fields["tags"] = sorted(tag.name for tag in company.tags)
            fields["owner"] = owners.get(company.owner_id or 0)
            companies[(company.name, company.postcode)] = fields
        people = {}
        for person in session.scalars(select(Contact).where(Contact.deleted_at.is_(None))):
            company = names.get(person.company_id) if person.company_id else None
            key = (company, person.last_name, person.first_name, person.email)
            assert key not in people, key
            people[key] = {
                k: v
                for k, v in _columns(person).items()
                if k not in LOCAL_COLUMNS | PERSON_KEYS_ELSEWHERE
            }
            people[key]["owner"] = owners.get(person.owner_id or 0)
    return companies, people


def _without_team(
    records: tuple[dict[Any, Any], dict[Any, Any]],
) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """The records as they arrive where the team is not set up yet: an owner the database
    does not know becomes a tag."""
    companies_there, people_there = records
    for fields in companies_there.values():
        if fields["owner"] is not None:
            fields["tags"] = sorted([*fields["tags"], category_tag("team_member", fields["owner"])])
            fields["owner"] = None
    return companies_there, people_there


# --- a file of another tool ----------------------------------------------------------------


@pytest.mark.parametrize("file_name", FOREIGN)
def test_a_foreign_file_comes_back_from_our_export_unchanged(
    db: Database, tmp_path: Path, file_name: str
) -> None:
    first, _ = _import(db, (REAL / file_name, None))
    assert first.new_companies > 0, "the file must give something to export"
    imported = _state(db)
    for suffix in ("xlsx", "csv"):
        for part in _export(db, tmp_path / f"export.{suffix}"):
            forecast, summary = _import(db, part)
            assert _changes(forecast) == NOTHING, (suffix, part)
            assert _changes(summary) == NOTHING, (suffix, part)
        assert _state(db) == imported, suffix


# --- our own export, edited -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_edited_cells_change_exactly_two_fields(
    db: Database, tmp_path: Path, language: str
) -> None:
    load_sample_data(db)
    before = _state(db)
    target = tmp_path / "export.xlsx"
    parts = _export(db, target, language)
    workbook = openpyxl.load_workbook(target)
    firms, people = workbook["Unternehmen"], workbook["Ansprechpartner"]
    firm_columns = {cell.value: cell.column for cell in firms[1]}
    people_columns = {cell.value: cell.column for cell in people[1]}
    company_id = firms.cell(row=5, column=firm_columns["ID"]).value
    person_id = people.cell(row=7, column=people_columns["Ansprechpartner-ID"]).value
    firms.cell(row=5, column=firm_columns["Branche"]).value = "Sondermaschinenbau"
    people.cell(row=7, column=people_columns["Position"]).value = "Leiterin Einkauf"
    workbook.save(target)
    workbook.close()

    forecasts, summaries = zip(*(_import(db, part) for part in parts), strict=True)

    expected = {**NOTHING, "updated companies": 1, "updated contacts": 1}
    for counts in (forecasts, summaries):
        assert {key: sum(_changes(s)[key] for s in counts) for key in NOTHING} == expected
    after = _state(db)
    assert _edited(before, after) == {
        ("companies", company_id, "industry"),
        ("contacts", person_id, "job_title"),
    }
    assert after["companies"][company_id]["industry"] == "Sondermaschinenbau"
    assert after["contacts"][person_id]["job_title"] == "Leiterin Einkauf"
    assert after["tags"] == before["tags"]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_our_export_in_either_language_imported_again_changes_nothing(
    db: Database, tmp_path: Path, language: str, suffix: str
) -> None:
    load_sample_data(db)
    before = _state(db)
    for part in _export(db, tmp_path / f"export.{suffix}", language):
        forecast, summary = _import(db, part)
        assert _changes(forecast) == NOTHING, part
        assert _changes(summary) == NOTHING, part
    assert _state(db) == before


@pytest.fixture
def everything_set(db: Database) -> None:
    """A company and a person with every field the export writes filled, texts that a CSV
    must guard among them."""
    with db.writing() as session:
        member = TeamMember(name="Anna Berger", role=TeamRole.FIELD_SALES)
        session.add(member)
        session.flush()
        record = companies.create_company(
            session,
            CompanyInput(
                name="Voll & Ganz GmbH",
                legal_form="GmbH",
                vat_id="DE136695976",
                industry="Maschinenbau",
                wz_code="28.41",
                employees=120,
                turnover_eur=Decimal("8000000.50"),
                structure=CompanyStructure.SUBSIDIARY,
                activity_type=ActivityType.CRAFT,
                street="Hauptstraße 1",
                postcode="01069",
                city="Dresden",
                state="Sachsen",
                phone="0351 4567890",
                website="https://voll-ganz.de",
                email="info@voll-ganz.de",
                notes="- Rückruf im Mai\n=Zweite Zeile",
                source="Messe",
                owner_id=member.id,
            ),
        )
        company_bulk.apply_stage(session, [record.id], CompanyStage.CUSTOMER)
        company_bulk.apply_tags(session, [record.id], ["Messe 2026", "+A-Kunde"])
        stored = session.get(Company, record.id)
        assert stored is not None
        stored.external_ref, stored.external_source = "D-10001", "DATEV"
        session.add(
            Contact(
                company_id=record.id,
                salutation=Salutation.MS,
                academic_title="Dr.",
                first_name="Eva",
                last_name="Schulz",
                job_title="@Einkauf",
                department="Einkauf",
                phone="+493514567891",
                mobile="+491701234567",
                email="eva.schulz@voll-ganz.de",
                linkedin="https://www.linkedin.com/in/eva-schulz",
                decision_role=DecisionRole.GATEKEEPER,
                budget_authority=True,
                lead_status=LeadStatus.NURTURING,
                legal_basis=LegalBasis.CONSENT,
                do_not_contact=True,
                do_not_contact_since=dt.date(2025, 5, 2),
                do_not_contact_reason="per Brief",
                data_source="Visitenkarte",
                is_consumer=True,
                notes="'- kennt uns von der Messe",
            )
        )


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_exported_value_comes_back_unchanged(
    db: Database, everything_set: None, tmp_path: Path, language: str, suffix: str
) -> None:
    before = _state(db)
    companies_part, people_part = _export(db, tmp_path / f"export.{suffix}", language)
    for part in (companies_part, people_part):
        forecast, summary = _import(db, part)
        assert _changes(forecast) == NOTHING, part
        assert _changes(summary) == NOTHING, part
    assert _state(db) == before


# --- our own export, moved --------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_export_moves_to_an_empty_database_whole(
    source: Database, db: Database, tmp_path: Path, language: str, suffix: str
) -> None:
    parts = _export(source, tmp_path / f"export.{suffix}", language)
    companies, people = parts
    first, _ = _import(db, companies)
    assert (first.new_companies, first.errors) == (320, 0)
    second, _ = _import(db, people)
    assert (second.new_companies, second.new_contacts, second.errors) == (0, 669, 0)
    assert _by_name(db) == _without_team(_by_name(source))


def test_ids_of_another_database_never_touch_this_ones_records(
    db: Database, tmp_path: Path
) -> None:
    """Both databases count their ids from 1: the other one's export must neither overwrite
    the companies that have its IDs here nor refuse its persons."""
    with db.writing() as session:
        companies.create_company(session, CompanyInput(name="Weser Kunde GmbH", city="Bremen"))
    ours = _by_name(db)
    other = _other_database(tmp_path / "other.sqlite", ids_from=1)
    try:
        moved, people = _export(other, tmp_path / "export.xlsx")
        _import(db, moved)
        here = _by_name(db)[0]
        assert {k: here.get(k) for k in ours[0]} == ours[0], "a company here was overwritten"
        forecast, _summary = _import(db, people)
        expected = _without_team(_by_name(other))
    finally:
        other.dispose()
    assert forecast.errors == 0
    assert _by_name(db) == ({**ours[0], **expected[0]}, {**ours[1], **expected[1]})


def test_stage_and_owner_move_to_another_database(
    source: Database, db: Database, tmp_path: Path
) -> None:
    with db.writing() as session:  # the team is set up on the new database first
        session.add_all(TeamMember(name=name, role=role) for name, role, _ in SAMPLE_TEAM)
    with source.writing() as session:
        # Three persons looked after by another member than their company's owner.
        members = list(session.scalars(select(TeamMember.id).order_by(TeamMember.id)))
        picked = session.execute(
            select(Contact, Company.owner_id)
            .join(Company, Company.id == Contact.company_id)
            .where(Company.owner_id.is_not(None))
            .order_by(Contact.id)
            .limit(3)
        ).all()
        for person, company_owner in picked:
            person.owner_id = next(m for m in members if m != company_owner)
    companies, people = _export(source, tmp_path / "export.xlsx")
    _import(db, companies)

    def stages_and_owners(database: Database) -> set[tuple[str, str, str | None]]:
        with database.reading() as session:
            rows = session.execute(
                select(Company.name, Company.stage, TeamMember.name)
                .outerjoin(TeamMember, TeamMember.id == Company.owner_id)
                .where(Company.deleted_at.is_(None))
            )
            return {(name, stage.value, owner) for name, stage, owner in rows}

    assert stages_and_owners(db) == stages_and_owners(source)

    def persons_and_owners(database: Database) -> set[tuple[str, str, str | None]]:
        with database.reading() as session:
            rows = session.execute(
                select(Company.name, Contact.last_name, TeamMember.name)
                .join(Company, Company.id == Contact.company_id)
                .outerjoin(TeamMember, TeamMember.id == Contact.owner_id)
            )
            return {(firm, person, owner) for firm, person, owner in rows}

    _import(db, people)
    owned = {row for row in persons_and_owners(source) if row[2] is not None}
    assert len(owned) == 3
    assert persons_and_owners(db) == persons_and_owners(source)


def test_persons_without_a_company_come_back_as_such(db: Database, tmp_path: Path) -> None:
    with db.writing() as session:
        session.add(Contact(last_name="Zander", first_name="Ute", mobile="+491701234567"))
    before = _state(db)
    _companies, people = _export(db, tmp_path / "export.xlsx")
    forecast, _summary = _import(db, people)
    assert _changes(forecast) == NOTHING
    assert _state(db) == before


# --- the contacts sheet, undo, objections -----------------------------------------------------


def _people(db: Database) -> dict[int, dict[str, object]]:
    with db.reading() as session:
        rows = session.scalars(select(Contact).where(Contact.deleted_at.is_(None))).all()
        return {c.id: {name: getattr(c, name) for name in CONTACT_INPUT_FIELDS} for c in rows}


def test_a_company_edited_in_three_cells_and_a_typed_phone(db: Database, tmp_path: Path) -> None:
    load_sample_data(db)
    before = _state(db)
    target = tmp_path / "export.xlsx"
    parts = _export(db, target)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook["Unternehmen"]
    column = {cell.value: cell.column for cell in sheet[1]}
    first_id = int(sheet.cell(row=2, column=column["ID"]).value)
    second_id = int(sheet.cell(row=3, column=column["ID"]).value)
    sheet.cell(row=2, column=column["Ort"]).value = "Neustadt"
    sheet.cell(row=3, column=column["Telefon"]).value = "0351 4567890"  # as a user types it
    sheet.cell(row=3, column=column["Mitarbeiter"]).value = 77
    workbook.save(target)
    workbook.close()

    _forecast, summary = _import(db, parts[0])

    assert (summary.new_companies, summary.updated_companies, summary.errors) == (0, 2, 0)
    changed = {(ident, name) for _kind, ident, name in _edited(before, _state(db))}
    assert changed == {(first_id, "city"), (second_id, "phone"), (second_id, "employees")}
    after = _state(db)["companies"]
    assert after[first_id]["city"] == "Neustadt"
    assert after[second_id]["phone"] == "+493514567890"
    assert after[second_id]["employees"] == 77


def test_round_trip_of_the_contacts_sheet_and_its_undo(db: Database, tmp_path: Path) -> None:
    load_sample_data(db)
    before = _people(db)
    target = tmp_path / "export.xlsx"
    parts = _export(db, target)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook["Ansprechpartner"]
    column = {cell.value: cell.column for cell in sheet[1]}
    free = [
        row
        for row in range(2, sheet.max_row + 1)
        if sheet.cell(row=row, column=column["Kein Kontakt"]).value is None
    ]
    first, second = free[0], free[1]
    first_id = int(sheet.cell(row=first, column=column["Ansprechpartner-ID"]).value)
    second_id = int(sheet.cell(row=second, column=column["Ansprechpartner-ID"]).value)
    sheet.cell(row=first, column=column["Position"]).value = "Leiterin Einkauf"
    sheet.cell(row=second, column=column["Kein Kontakt"]).value = "ja"
    workbook.save(target)
    workbook.close()

    _forecast, summary = _import(db, parts[1])
    after = _people(db)
    assert (summary.new_companies, summary.new_contacts, summary.errors) == (0, 0, 0)
    assert (summary.updated_companies, summary.updated_contacts) == (0, 2)
    changed = {
        (ident, field)
        for ident in before
        for field in before[ident]
        if before[ident][field] != after[ident][field]
    }
    assert changed == {
        (first_id, "job_title"),
        (second_id, "do_not_contact"),
        (second_id, "do_not_contact_since"),
    }
    assert after[first_id]["job_title"] == "Leiterin Einkauf"
    assert after[second_id]["do_not_contact"] is True
    assert after[second_id]["do_not_contact_since"] == dt.date.today()

    with db.reading() as session:
        check = check_undo(session, summary.batch_id)
    assert (check.updated_companies, check.updated_contacts, check.edited_since) == (0, 2, ())
    undo_import(db, summary.batch_id)
    assert _people(db) == before


def test_a_status_edited_in_the_sheet_moves_the_company_and_undo_restores_both(
    db: Database, tmp_path: Path
) -> None:
    with db.writing() as session:
        made = companies.create_company(session, CompanyInput(name="Delta GmbH"))
    with db.writing() as session:
        session.add(Contact(company_id=made.id, first_name="Eva", last_name="Neu"))
    target = tmp_path / "export.xlsx"
    parts = _export(db, target, "de")
    workbook = openpyxl.load_workbook(target)
    sheet = workbook["Ansprechpartner"]
    column = {cell.value: cell.column for cell in sheet[1]}
    assert sheet.cell(row=2, column=column["Lead-Status"]).value == "Ansprechpartner"
    sheet.cell(row=2, column=column["Lead-Status"]).value = "Lead"
    workbook.save(target)
    workbook.close()

    _forecast, summary = _import(db, parts[1])
    assert summary.updated_contacts == 1
    with db.reading() as session:
        assert session.get_one(Company, made.id).stage is CompanyStage.LEAD
        assert check_undo(session, summary.batch_id).edited_since == ()
    undo_import(db, summary.batch_id)
    with db.reading() as session:
        assert session.get_one(Company, made.id).stage is CompanyStage.TARGET
        person = session.scalars(select(Contact)).one()
        assert person.lead_status is LeadStatus.CONTACT


@pytest.mark.parametrize(("language", "yes"), [("de", "ja"), ("en", "yes")])
def test_an_objection_is_exported_and_an_unknown_person_id_refused(
    db: Database, tmp_path: Path, language: str, yes: str
) -> None:
    load_sample_data(db)
    with db.writing() as session:
        objected = session.scalars(select(Contact).order_by(Contact.id)).first()
        assert objected is not None
        objected.do_not_contact = True
        objected.do_not_contact_since = dt.date(2025, 3, 14)
        objected_id = objected.id
    target = tmp_path / "export.xlsx"
    parts = _export(db, target, language)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook["Ansprechpartner"]
    headers = [cell.value for cell in sheet[1]]
    ids = [sheet.cell(row=r, column=2).value for r in range(1, sheet.max_row + 1)]
    row = ids.index(objected_id) + 1
    flag = sheet.cell(row=row, column=headers.index("Kein Kontakt") + 1)
    since = sheet.cell(row=row, column=headers.index("Widerspruch am") + 1)
    assert flag.value == yes
    assert since.value == dt.datetime(2025, 3, 14)  # a date cell, shown as 14.03.2025
    assert since.number_format == "DD.MM.YYYY"
    sheet.cell(row=row, column=2).value = 999_999  # a person ID that does not exist
    workbook.save(target)
    workbook.close()
    _forecast, summary = _import(db, parts[1])
    assert summary.errors == 1
    assert summary.rejected[0].reasons[0].code == "unknown_person_id"
    assert summary.updated_contacts == 0
