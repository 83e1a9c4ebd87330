"""The import: rows to records, links, duplicates, one transaction, undo — on every database."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path

import factories
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.enums import CompanyStage
from prospector.exchange.tables import FileFormat, Table
from prospector.exchange.values import Cell
from prospector.models import Company, Contact
from prospector.progress import Cancelled, Progress
from prospector.records import CompanyInput
from prospector.services import bulk, companies, company_query, contacts, importing
from prospector.services.import_history import check_undo, list_batches, undo_import
from prospector.services.import_mapping import guess_mapping
from prospector.services.import_plan import Action, OnDuplicate, plan_import
from prospector.services.import_run import run_import

HEADERS = [
    "Firma",
    "PLZ",
    "Ort",
    "Telefon",
    "Ansprechpartner",
    "Position",
    "E-Mail Ansprechpartner",
]


def _table(
    rows: Sequence[Sequence[Cell]], headers: Sequence[str], name: str = "kunden.xlsx"
) -> Table:
    """The table a sheet with these headers in row 1 and these rows below them reads as."""
    return Table(
        path=Path(name),
        header_row_index=0,
        headers=tuple(headers),
        rows=[tuple(row) for row in rows],
        source_row_numbers=list(range(2, len(rows) + 2)),
        sheet="Tabelle1",
        format=FileFormat.XLSX,
    )


def _import(
    db: Database,
    rows: Sequence[Sequence[Cell]],
    headers: Sequence[str] = HEADERS,
    on_duplicate: OnDuplicate = OnDuplicate.SKIP,
    progress: Progress | None = None,
    dry_run: bool = False,
):  # type: ignore[no-untyped-def]
    with db.writing() as session:
        mapping = guess_mapping(session, headers)
        plan = plan_import(session, _table(rows, headers), mapping, on_duplicate)
        summary = run_import(session, plan, progress, dry_run=dry_run)
    return plan, summary


def _companies(db: Database) -> dict[str, object]:
    with db.reading() as session:
        return {
            row.name: companies.get_company(session, row.id)
            for row in company_query.list_companies(session, limit=1000)
        }


def test_companies_and_persons_linked_by_company_name(db: Database) -> None:
    rows = [
        [
            "Müller Maschinenbau GmbH",
            1069.0,
            "Dresden",
            "0351 4567890",
            "Herr Dr. Max Müller",
            "Geschäftsführer",
            "max.mueller@mueller-mb.de",
        ],
        ["Müller Maschinenbau GmbH", None, None, None, "Frau Anna Schmidt", "Einkauf", None],
        ["Förde Druck KG", "24103", "Kiel", None, None, None, None],
        ["", None, None, None, "Ohne Firma", None, None],
    ]
    plan, summary = _import(db, rows)
    assert [p.action for p in plan.rows] == [Action.NEW, Action.LINK, Action.NEW, Action.NEW]
    # The person without a company is stored without one.
    assert (summary.new_companies, summary.new_contacts, summary.errors) == (2, 3, 0)
    with db.reading() as session:
        alone = session.scalars(select(Contact).where(Contact.company_id.is_(None))).all()
        assert [(c.first_name, c.last_name) for c in alone] == [("Ohne", "Firma")]
    stored = _companies(db)
    mueller = stored["Müller Maschinenbau GmbH"]
    assert mueller.postcode == "01069"  # type: ignore[attr-defined]
    assert mueller.phone == "+493514567890"  # type: ignore[attr-defined]
    with db.reading() as session:
        people = contacts.list_contacts(session, mueller.id)  # type: ignore[attr-defined]
    found = sorted(
        ((p.academic_title, p.first_name, p.last_name, p.salutation.value) for p in people),
        key=lambda person: person[2],
    )
    assert found == [("Dr.", "Max", "Müller", "mr"), (None, "Anna", "Schmidt", "ms")]


def test_persons_link_to_a_company_already_in_the_database(db: Database) -> None:
    with db.writing() as session:
        existing = companies.create_company(session, CompanyInput(name="Förde Druck KG"))
    plan, summary = _import(db, [["Förde Druck KG", None, None, None, "Jan Jansen", None, None]])
    assert plan.rows[0].action is Action.LINK
    assert plan.rows[0].target_id == existing.id
    assert (summary.new_companies, summary.new_contacts) == (0, 1)


@pytest.mark.parametrize(
    ("policy", "expected_phone", "expected_city", "count"),
    [
        (OnDuplicate.SKIP, None, "Dresden", 1),
        (OnDuplicate.FILL, "+493514567890", "Dresden", 1),
        (OnDuplicate.OVERWRITE, "+493514567890", "Radebeul", 1),
        (OnDuplicate.KEEP, None, "Dresden", 2),
    ],
)
def test_duplicates_against_the_database(
    db: Database, policy: OnDuplicate, expected_phone: str | None, expected_city: str, count: int
) -> None:
    with db.writing() as session:
        companies.create_company(
            session, CompanyInput(name="Müller Maschinenbau GmbH", postcode="01069", city="Dresden")
        )
    row = ["MUELLER MASCHINENBAU", "01069", "Radebeul", "0351 4567890", None, None, None]
    _import(db, [row], on_duplicate=policy)
    with db.reading() as session:
        rows = company_query.list_companies(session, CompanyFilter(query="mueller"))
        first = companies.get_company(session, rows[0].id)
    assert len(rows) == count
    assert (first.phone, first.city) == (expected_phone, expected_city)


def test_duplicates_within_the_file(db: Database) -> None:
    rows = [
        ["Alpha GmbH", "01069", None, None, None, None, None],
        ["ALPHA GMBH", "01069", None, None, None, None, None],
    ]
    plan, summary = _import(db, rows)
    assert [p.action for p in plan.rows] == [Action.NEW, Action.SKIP]
    assert plan.rows[1].same_as_line == 2
    assert (summary.new_companies, summary.skipped) == (1, 1)


def test_the_id_column_updates_exactly_what_changed(db: Database) -> None:
    with db.writing() as session:
        made = companies.create_company(
            session,
            CompanyInput(name="Gamma AG", postcode="80331", city="München", phone="089 1234567"),
        )
    headers = ["ID", "Firma", "PLZ", "Ort", "Telefon"]
    _plan, summary = _import(
        db, [[made.id, "Gamma AG", "80331", "Augsburg", None]], headers, OnDuplicate.FILL
    )
    assert summary.updated_companies == 1
    with db.reading() as session:
        stored = companies.get_company(session, made.id)
    assert (stored.city, stored.phone, stored.postcode) == ("Augsburg", None, "80331")
    # An ID this database does not know comes from another one (an export moved to a new
    # laptop): the row is stored like any other, not refused.
    moved, summary = _import(db, [[99999, "Nobody GmbH", None, None, None]], headers)
    assert moved.rows[0].action is Action.NEW
    assert moved.rows[0].parsed.company_id is None
    assert summary.new_companies == 1
    orphan, _ = _import(db, [[99999, None, None, None, None]], headers)
    assert orphan.rows[0].action is Action.ERROR  # only an ID, and no company has it
    assert orphan.rows[0].parsed.errors[0].code == "no_identity"


def test_undo_removes_what_was_created_and_restores_what_changed(db: Database) -> None:
    with db.writing() as session:
        old = companies.create_company(session, CompanyInput(name="Delta GmbH", city="Kiel"))
    headers = ["ID", "Firma", "Ort"]
    _, first = _import(db, [[old.id, "Delta GmbH", "Lübeck"]], headers, OnDuplicate.FILL)
    _, second = _import(db, [["Neu GmbH", None, None, None, "Eva Neu", None, None]])
    with db.reading() as session:
        check = check_undo(session, second.batch_id)
        assert (check.created_companies, check.created_contacts, check.edited_since) == (1, 1, ())
    undo_import(db, second.batch_id)
    undo_import(db, first.batch_id)
    stored = _companies(db)
    assert list(stored) == ["Delta GmbH"]
    assert stored["Delta GmbH"].city == "Kiel"  # type: ignore[attr-defined]
    with db.reading() as session:
        assert [b.status.value for b in list_batches(session)] == ["undone", "undone"]


def test_undo_restores_a_company_the_file_changed_twice(db: Database) -> None:
    with db.writing() as session:
        old = companies.create_company(session, CompanyInput(name="Gamma GmbH", city="Kiel"))
    rows = [[old.id, "Gamma GmbH", "Lübeck"], [old.id, "Gamma GmbH", "Rostock"]]
    _, summary = _import(db, rows, ["ID", "Firma", "Ort"], OnDuplicate.OVERWRITE)
    assert _companies(db)["Gamma GmbH"].city == "Rostock"  # type: ignore[attr-defined]
    undo_import(db, summary.batch_id)
    assert _companies(db)["Gamma GmbH"].city == "Kiel"  # type: ignore[attr-defined]


def test_undo_warns_about_records_edited_since(db: Database) -> None:
    _, summary = _import(db, [["Epsilon GmbH", None, None, None, None, None, None]])
    with db.writing() as session:
        row = company_query.list_companies(session)[0]
        record = companies.get_company(session, row.id)
        companies.update_company(session, row.id, record.version, CompanyInput(name="Epsilon AG"))
    with db.reading() as session:
        assert check_undo(session, summary.batch_id).edited_since == ("Epsilon AG",)


def _stages(db: Database) -> dict[str, str]:
    return {name: c.stage.value for name, c in _companies(db).items()}  # type: ignore[attr-defined]


def test_a_persons_status_from_the_file_moves_the_companys_stage_and_undo_puts_it_back(
    db: Database,
) -> None:
    with db.writing() as session:
        delta = companies.create_company(session, CompanyInput(name="Delta GmbH"))
        kunde = companies.create_company(
            session, CompanyInput(name="Kunde KG", stage=CompanyStage.CUSTOMER)
        )
        companies.create_company(
            session, CompanyInput(name="Chance AG", stage=CompanyStage.OPPORTUNITY)
        )
    headers = ["Firma", "Ansprechpartner", "Lead-Status"]
    rows = [
        ["Delta GmbH", "Eva Neu", "Lead"],
        ["Kunde KG", "Karl Kunde", "Lead"],
        ["Chance AG", "Charlotte Chance", "Verkaufschance"],
        ["Neu GmbH", "Max Neu", "In Qualifizierung"],
        ["Still GmbH", "Stella Still", "Kontakt"],
        ["Weg GmbH", "Willi Weg", "Disqualifiziert"],
    ]
    _plan, summary = _import(db, rows, headers)
    assert _stages(db) == {
        "Delta GmbH": "lead",  # a lead at a company there before
        "Kunde KG": "customer",  # a customer stays one
        "Chance AG": "opportunity",  # its deal may be in the database the file came from
        "Neu GmbH": "lead",  # new: its stage follows its person from the start
        "Still GmbH": "target",
        "Weg GmbH": "excluded",
    }
    with db.reading() as session:
        check = check_undo(session, summary.batch_id)
    # The stage the import derived is the import's change, not an edit made since.
    assert check.edited_since == ()
    undo_import(db, summary.batch_id)
    assert _stages(db) == {
        "Delta GmbH": "target",
        "Kunde KG": "customer",
        "Chance AG": "opportunity",
    }
    with db.reading() as session:
        assert companies.get_company(session, delta.id).version > 1
        assert companies.get_company(session, kunde.id).stage is CompanyStage.CUSTOMER


def test_a_cancelled_import_leaves_the_database_as_it_was(db: Database) -> None:
    rows = [[f"Firma {i}", None, None, None, f"Person {i}", None, None] for i in range(50)]
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        _import(db, rows, progress=progress)
    assert _companies(db) == {}
    with db.reading() as session:
        assert list_batches(session) == []


def test_a_dry_run_writes_nothing(db: Database) -> None:
    _, summary = _import(db, [["Zeta GmbH", None, None, None, None, None, None]], dry_run=True)
    assert (summary.dry_run, summary.new_companies, summary.batch_id) == (True, 1, None)
    assert _companies(db) == {}


def test_a_changed_mapping_is_remembered_for_the_same_headers(db: Database) -> None:
    headers = ["Kunde", "Bemerkung intern"]
    with db.reading() as session:
        assert guess_mapping(session, headers) == ("name", None)
    with db.writing() as session:
        table = _table([["Eta GmbH", "VIP"]], headers, "x.csv")
        plan = plan_import(session, table, ("name", "notes"), OnDuplicate.SKIP)
        run_import(session, plan)
    with db.reading() as session:
        assert guess_mapping(session, headers) == ("name", "notes")


def test_importing_the_same_people_twice_does_not_double_them(db: Database) -> None:
    rows = [
        ["Theta GmbH", "10115", "Berlin", None, "Eva Weiß", None, "eva@theta.de"],
        ["Theta GmbH", "10115", "Berlin", None, "Eva Weiß", None, "eva@theta.de"],
        ["Theta GmbH", "10115", "Berlin", None, "Otto Lang", None, None],
    ]
    _, first = _import(db, rows)
    _, second = _import(db, rows)
    assert (first.new_companies, first.new_contacts) == (1, 2)
    assert (second.new_companies, second.new_contacts) == (0, 0)


def test_an_import_gives_the_connection_its_page_cache_back(sqlite_db: Database) -> None:
    db = sqlite_db  # the page cache is SQLite's

    def cache_size(session: Session) -> int:
        return int(session.connection().exec_driver_sql("PRAGMA cache_size").scalar() or 0)

    with db.writing() as session:
        before = cache_size(session)
        with bulk.lean_cache(session):
            assert cache_size(session) == -bulk.LEAN_CACHE_KB
        assert cache_size(session) == before
        with pytest.raises(RuntimeError), bulk.lean_cache(session):
            raise RuntimeError("the import failed")
        assert cache_size(session) == before
    _, summary = _import(db, [["Eta GmbH", None, None, None, None, None, None]])
    assert summary.new_companies == 1
    with db.reading() as session:
        assert cache_size(session) == before


def test_a_second_e_mail_and_a_lone_persons_city_are_kept_in_the_notes(db: Database) -> None:
    headers = ["Vorname", "Nachname", "E-Mail 1 - Value", "E-Mail 2 - Value", "Ort"]
    rows = [["Ute", "Zander", "ute@zander-design.de", "ute.zander@gmail.com", "Kiel"]]
    _plan, summary = _import(db, rows, headers)
    assert (summary.new_companies, summary.new_contacts, summary.errors) == (0, 1, 0)
    with db.reading() as session:
        company_id, email, notes = session.execute(
            select(Contact.company_id, Contact.email, Contact.notes)
        ).one()
    # The first address is the person's; the second and the city (a person without a company
    # has no address field) are in the notes, not lost.
    assert (company_id, email) == (None, "ute@zander-design.de")
    assert notes is not None
    assert "ute.zander@gmail.com" in notes
    assert "Kiel" in notes


def test_companies_from_e_mail_domains_when_asked_never_from_free_mail(db: Database) -> None:
    with db.writing() as session:
        known = companies.create_company(
            session, CompanyInput(name="Müller Maschinenbau GmbH", website="www.mueller-mb.de")
        )
    headers = ["Vorname", "Nachname", "E-Mail 1 - Value"]
    rows = [
        ["Ute", "Zander", "ute@zander-design.de"],
        ["Jan", "Zander", "jan@zander-design.de"],
        ["Eva", "Frei", "eva.frei@gmail.com"],
        ["Max", "Müller", "max@mueller-mb.de"],
    ]
    with db.writing() as session:
        mapping = guess_mapping(session, headers)
        plan = plan_import(
            session, _table(rows, headers), mapping, OnDuplicate.SKIP, companies_from_mail=True
        )
        summary = run_import(session, plan)
    assert (summary.new_companies, summary.new_contacts, summary.errors) == (1, 4, 0)
    with db.reading() as session:
        found = session.execute(
            select(Contact.last_name, Contact.first_name, Company.name)
            .outerjoin(Company, Company.id == Contact.company_id)
            .order_by(Contact.id)
        ).all()
    assert [tuple(row) for row in found] == [
        ("Zander", "Ute", "zander-design.de"),
        ("Zander", "Jan", "zander-design.de"),  # the same domain: the same new company
        ("Frei", "Eva", None),  # a free-mail address makes no company
        ("Müller", "Max", known.name),  # found by the website's domain
    ]


def test_without_companies_from_e_mail_persons_stay_without_a_company(db: Database) -> None:
    headers = ["Vorname", "Nachname", "E-Mail 1 - Value"]
    _plan, summary = _import(db, [["Ute", "Zander", "ute@zander-design.de"]], headers)
    assert (summary.new_companies, summary.new_contacts) == (0, 1)


def test_an_import_leaves_the_planner_counting_its_rows(db: Database) -> None:
    rows = [[f"Firma {n} GmbH", f"{10000 + n}", "Berlin"] for n in range(300)]
    plan, _forecast = importing.preview_import(db, _table(rows, ["Firma", "PLZ", "Ort"]))
    assert importing.run_import(db, plan).value.new_companies == 300
    with db.reading() as session:
        if session.get_bind().dialect.name != "postgresql":
            return  # SQLite's planner keeps no row counts to refresh
        # Without ANALYZE, PostgreSQL would still plan for an empty table (-1: never counted),
        # and a search right after a large import would take a second.
        counted = session.scalar(
            text("SELECT reltuples FROM pg_class WHERE oid = to_regclass('companies')")
        )
    assert counted == 300


def test_an_import_checks_and_stores_its_rows_with_the_collector_paused(db: Database) -> None:
    seen: list[bool] = []
    rows = [["Alpha GmbH", "01069", "Dresden", "0351 4567890", "Anna Roth", "CEO", ""]]
    gc.enable()
    plan, _forecast = importing.preview_import(
        db, _table(rows, HEADERS), progress=Progress(lambda _d, _t: seen.append(gc.isenabled()))
    )
    outcome = importing.run_import(db, plan, Progress(lambda _d, _t: seen.append(gc.isenabled())))
    assert outcome.value.new_companies == 1
    assert seen
    assert not any(seen)
    assert gc.isenabled()


def test_a_sheet_with_an_owner_column_gives_companies_and_persons_their_owner(
    db: Database,
) -> None:
    member = factories.team_member(db, "Anna Berger")
    headers = ["Firma", "Ansprechpartner", "Bearbeiter"]
    rows = [["Alpha GmbH", "Eva Roth", "Anna Berger"], ["Beta GmbH", "Udo Kern", "anna berger"]]
    plan, _forecast = importing.preview_import(db, _table(rows, headers))
    assert [p.parsed.errors for p in plan.rows] == [(), ()]
    importing.run_import(db, plan)

    with db.reading() as session:
        owners = session.execute(
            select(Company.name, Company.owner_id, Contact.last_name, Contact.owner_id)
            .join(Contact, Contact.company_id == Company.id)
            .order_by(Company.name)
        ).all()
    assert [tuple(row) for row in owners] == [
        ("Alpha GmbH", member.id, "Roth", member.id),
        ("Beta GmbH", member.id, "Kern", member.id),
    ]


def test_the_import_fills_the_bundesland_from_a_german_postcode(db: Database) -> None:
    headers = ("Firma", "PLZ", "Ort", "Bundesland", "Land")
    _import(
        db,
        [
            ("Elbe Metall GmbH", "1067", "Dresden", None, None),  # Excel lost the zero
            ("Rhein Druck KG", "50667", "Köln", "NRW-Eigenschreibweise", None),  # the file's own
            ("Vogtland Holz GmbH", "07919", "Mühltroff", None, None),  # two states: left empty
            ("Wiener Glas GmbH", "1010", "Wien", None, "Österreich"),  # not a German postcode
            ("Unbekannt GmbH", "99999", None, None, None),  # a code the data set lacks
        ],
        headers,
    )
    stored = {name: (c.postcode, c.state) for name, c in _companies(db).items()}  # type: ignore[attr-defined]
    assert stored == {
        "Elbe Metall GmbH": ("01067", "Sachsen"),
        "Rhein Druck KG": ("50667", "NRW-Eigenschreibweise"),
        "Vogtland Holz GmbH": ("07919", None),
        "Wiener Glas GmbH": ("1010", None),
        "Unbekannt GmbH": ("99999", None),
    }
    with db.reading() as session:  # the state filter finds them
        found = company_query.list_companies(session, CompanyFilter(states=("Sachsen",)))
    assert [row.name for row in found] == ["Elbe Metall GmbH"]
