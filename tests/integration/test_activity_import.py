"""The activities sheet of an export, edited in a spreadsheet, imports back: a call plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import factories
import openpyxl
import pytest
from helpers import run_main
from sqlalchemy import select

from prospector import i18n
from prospector.db import Database
from prospector.enums import ActivityKind, ActivityOutcome
from prospector.errors import ProspectorError
from prospector.exchange.activity_sheet import NotAnActivitySheet
from prospector.exchange.export import activities_path
from prospector.local_days import day_start
from prospector.models import Activity, Contact
from prospector.progress import Cancelled, Progress
from prospector.schema import open_database
from prospector.services.activity_import import ActivityImportSummary, import_activities
from prospector.services.exporting import export_companies


def _local(*parts: int) -> dt.datetime:
    """A wall-clock time here, as the database holds it (aware)."""
    return dt.datetime(*parts).astimezone()  # type: ignore[misc]


@dataclass(frozen=True)
class Plan:
    """Two firms, their people, a team member and four activities, done and planned."""

    mueller: int
    foerde: int
    anna: int
    joerg: int  # objected to advertising
    bjoern: int
    first_call: int  # done
    call_back: int  # planned
    visit: int  # planned for a day
    note: int  # done


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    """The export's labels in German, as a user here has them."""
    i18n.set_language("de")
    yield
    i18n.set_language("en")


@pytest.fixture
def plan(db: Database) -> Plan:
    firms = factories.firms(db)
    mueller, foerde = firms["mueller"], firms["kiel"]
    anna = factories.contact(db, mueller, "Schmidt", first_name="Anna").id
    joerg = factories.contact(
        db,
        mueller,
        "Weiß",
        first_name="Jörg",
        do_not_contact=True,
        do_not_contact_since=dt.date(2026, 2, 1),
    ).id
    bjoern = factories.contact(db, foerde, "Öztürk", first_name="Björn").id
    grete = factories.team_member(db, "Grete Übel").id
    activities = [
        Activity(
            company_id=mueller,
            contact_id=anna,
            kind=ActivityKind.CALL,
            subject="Erstkontakt über die Messe",
            due_at=_local(2026, 3, 4, 9, 0),
            done_at=_local(2026, 3, 4, 9, 30),
            outcome=ActivityOutcome.REACHED,
            owner_id=grete,
        ),
        Activity(
            company_id=mueller,
            contact_id=anna,
            kind=ActivityKind.CALL,
            subject="Rückruf wegen Angebot",
            due_at=_local(2026, 3, 10, 10, 0),
        ),
        Activity(
            company_id=foerde,
            contact_id=bjoern,
            kind=ActivityKind.MEETING,
            subject="Besuch in Kiel",
            due_at=day_start(dt.date(2026, 3, 11)),
            all_day=True,
        ),
        Activity(
            company_id=foerde,
            kind=ActivityKind.NOTE,
            subject="Katalog geschickt",
            notes="Größe A4, zwei Stück",
            done_at=_local(2026, 3, 1, 16, 0),
        ),
    ]
    with db.writing() as session:
        session.add_all(activities)
        session.flush()
        ids = [a.id for a in activities]
    return Plan(mueller, foerde, anna, joerg, bjoern, *ids)


def _activities(db: Database) -> dict[int, Activity]:
    with db.reading() as session:
        found = session.scalars(select(Activity)).all()
        session.expunge_all()
    return {a.id: a for a in found}


def _row_of(sheet: Any, activity_id: int) -> int:
    headers = [c.value for c in sheet[1]]
    column = headers.index("Aktivität-ID")
    return next(
        row[0].row for row in sheet.iter_rows(min_row=2) if row[column].value == activity_id
    )


def _edited_export(db: Database, plan: Plan, target: Path) -> Path:
    """The export, edited as a user prepares the next week's calls."""
    export_companies(db, target)
    book = openpyxl.load_workbook(target)
    sheet = book["Aktivitäten"]
    headers = [c.value for c in sheet[1]]
    at = {header: index + 1 for index, header in enumerate(headers)}
    sheet.cell(_row_of(sheet, plan.call_back), at["Fällig am"], dt.datetime(2026, 3, 12, 14, 30))
    visit = _row_of(sheet, plan.visit)
    sheet.cell(visit, at["Erledigt am"], dt.datetime(2026, 3, 11, 15, 0))
    sheet.cell(visit, at["Ergebnis"], "Termin vereinbart")
    # Planned by hand: the company and the person by name, without any IDs.
    sheet.cell(1, len(headers) + 1, "Firma")
    sheet.cell(1, len(headers) + 2, "Ansprechpartner")
    rows: list[dict[str, Any]] = [
        {
            "Firma": "Förde Druck KG",
            "Ansprechpartner": "Björn Öztürk",
            "Aktivität": "Anruf",
            "Betreff": "Nachfassen zum Besuch",
            "Fällig am": "16.03.2026",
            "Bearbeiter": "grete übel",
        },
        {
            "ID": plan.mueller,
            "Ansprechpartner-ID": plan.joerg,
            "Aktivität": "Anruf",
            "Fällig am": dt.datetime(2026, 3, 17, 10, 0),
        },
        {
            "ID": plan.mueller,
            "Aktivität": "Fax",
            "Betreff": "Unterlagen faxen",
            "Fällig am": dt.datetime(2026, 3, 18, 9, 0),
            "Erledigt am": "gestern",
        },
        {"Firma": "Foo GmbH", "Aktivität": "Anruf", "Fällig am": "19.03.2026"},
    ]
    headers += ["Firma", "Ansprechpartner"]
    for values in rows:
        sheet.append([values.get(header) for header in headers])
    book.save(target)
    return target


def _codes(problems: tuple[Any, ...]) -> list[tuple[int, str]]:
    return [(p.row, p.code) for p in problems]


def _counts(summary: ActivityImportSummary) -> tuple[int, int, int]:
    return summary.added, summary.updated, summary.unchanged


def test_an_edited_export_imports_back_and_again_changes_nothing(
    db: Database, plan: Plan, tmp_path: Path
) -> None:
    source = _edited_export(db, plan, tmp_path / "Anrufplan.xlsx")
    before = _activities(db)

    rehearsed = import_activities(db, source, dry_run=True)
    assert _counts(rehearsed.value) == (2, 2, 2)
    assert not rehearsed.changes
    assert _activities(db).keys() == before.keys()
    assert _activities(db)[plan.call_back].due_at == before[plan.call_back].due_at

    outcome = import_activities(db, source)
    summary = outcome.value
    assert _counts(summary) == (2, 2, 2)
    assert summary.sheet == "Aktivitäten"
    # Rows 2-5 are the export's four; 6-9 were added: a person who objected gets no touch,
    # and no company of that name exists.
    assert _codes(summary.skipped) == [(7, "objected"), (9, "company_unknown")]
    assert summary.skipped[1].params == {"name": "Foo GmbH"}
    assert _codes(summary.warnings) == [(8, "kind_unknown"), (8, "date_unreadable")]
    assert outcome.changes.activities
    assert outcome.changes.company_ids == {plan.mueller, plan.foerde}

    after = _activities(db)
    assert len(after) == 6
    moved = after[plan.call_back]
    assert (moved.due_at, moved.all_day, moved.done_at) == (
        _local(2026, 3, 12, 14, 30),
        False,
        None,
    )
    visit = after[plan.visit]
    assert visit.done_at == _local(2026, 3, 11, 15, 0)
    assert visit.outcome is ActivityOutcome.APPOINTMENT
    for kept in (plan.first_call, plan.note):
        assert after[kept].version == before[kept].version  # not written at all
    assert after[plan.note].notes == "Größe A4, zwei Stück"
    assert after[plan.first_call].owner_id is not None
    new = {a.kind: a for key, a in after.items() if key not in before}
    call = new[ActivityKind.CALL]
    assert (call.company_id, call.contact_id) == (plan.foerde, plan.bjoern)
    assert (call.due_at, call.all_day, call.done_at) == (
        day_start(dt.date(2026, 3, 16)),
        True,
        None,
    )
    assert call.owner_id == after[plan.first_call].owner_id  # "grete übel": the team's Grete
    note = new[ActivityKind.NOTE]  # an unknown kind is kept as a note, the bad date left out
    assert (note.company_id, note.contact_id, note.subject) == (
        plan.mueller,
        None,
        "Unterlagen faxen",
    )
    assert (note.due_at, note.done_at) == (_local(2026, 3, 18, 9, 0), None)

    repeated = import_activities(db, source)
    assert not repeated.changes
    again = repeated.value
    assert _counts(again) == (0, 0, 6)
    assert _codes(again.skipped) == _codes(summary.skipped)
    assert {a.id: a.version for a in _activities(db).values()} == {
        a.id: a.version for a in after.values()
    }


class _CancelAtTheEnd(Progress):
    """Cancels once every row was stored in the transaction, before it is committed."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.stored = False

    def step(self, done: int, total: int) -> None:
        if (done, total) == (self.rows, self.rows):
            self.stored = True
            self.cancel()
        super().step(done, total)


def test_a_cancel_or_a_file_that_cannot_be_read_changes_nothing(
    db: Database, plan: Plan, tmp_path: Path
) -> None:
    source = _edited_export(db, plan, tmp_path / "Anrufplan.xlsx")
    before = {a.id: a.version for a in _activities(db).values()}
    progress = _CancelAtTheEnd(rows=8)
    with pytest.raises(Cancelled):
        import_activities(db, source, progress=progress)
    assert progress.stored
    assert {a.id: a.version for a in _activities(db).values()} == before

    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ProspectorError):
        import_activities(db, broken)
    companies = tmp_path / "firmen.csv"
    export_companies(db, companies)
    with pytest.raises(NotAnActivitySheet) as refused:
        import_activities(db, companies)  # the companies, not the activities
    assert refused.value.missing == (("Aktivität",), ("Fällig am", "Erledigt am"))
    assert {a.id: a.version for a in _activities(db).values()} == before


def test_the_activities_csv_of_an_export_imports_back(
    db: Database, plan: Plan, tmp_path: Path
) -> None:
    export_companies(db, tmp_path / "firmen.csv")
    source = activities_path(tmp_path / "firmen.csv")
    text = source.read_text(encoding="utf-8-sig")
    planned = _local(2026, 3, 10, 10, 0).strftime("%d.%m.%Y %H:%M")
    # Anna's planned call made, and she objected in it.
    line = next(line for line in text.splitlines() if planned in line)
    cells = line.split(";")
    cells[6], cells[7] = "12.03.2026 11:00", "Widerspruch"
    source.write_text(text.replace(line, ";".join(cells)), encoding="utf-8-sig")

    outcome = import_activities(db, source)
    assert _counts(outcome.value) == (0, 1, 3)
    assert _codes(outcome.value.warnings) == [(_line_number(text, line), "objection_recorded")]
    assert outcome.changes.contacts
    call = _activities(db)[plan.call_back]
    assert (call.done_at, call.outcome) == (_local(2026, 3, 12, 11, 0), ActivityOutcome.OBJECTED)
    with db.reading() as session:
        anna = session.get_one(Contact, plan.anna)
        assert (anna.do_not_contact, anna.do_not_contact_since) == (True, dt.date(2026, 3, 12))
    assert _counts(import_activities(db, source).value) == (0, 0, 4)


def _line_number(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def test_the_command_line_imports_a_plan_made_by_hand(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    db = open_database(f"sqlite:///{database}").database
    try:
        firm = factories.company(db, "Müller Maschinenbau GmbH", contacts=(("Anna", "Schmidt"),))
    finally:
        db.dispose()
    plan = tmp_path / "anruf-plan.csv"
    plan.write_text(
        "Firma;Ansprechpartner;Art;Gesprächsthema;Fällig\n"
        "Müller Maschinenbau GmbH;Anna Schmidt;Anruf;Angebot nachfassen;07.12.2026 9:05\n"
        "Foo GmbH;;Anruf;;08.12.2026\n",
        encoding="utf-8",
    )
    common = ("--language", "en", "import-activities")
    result = run_main(*common, str(plan), "--database", str(database), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "anruf-plan.csv: 1 activity added, 1 skipped.",
        "  Row 3: skipped: no company named \u201cFoo GmbH\u201d.",
    ]
    opened = open_database(f"sqlite:///{database}").database
    try:
        with opened.reading() as session:
            stored = session.scalars(select(Activity)).one()
            assert (stored.company_id, stored.subject) == (firm.id, "Angebot nachfassen")
            assert stored.due_at == _local(2026, 12, 7, 9, 5)
    finally:
        opened.dispose()

    missing = run_main(
        *common, str(tmp_path / "fehlt.xlsx"), "--database", str(database), data_dir=tmp_path
    )
    assert missing.returncode == 1
    assert missing.stdout == ""
    assert len(missing.stderr.strip().splitlines()) == 1
    assert "fehlt.xlsx" in missing.stderr
