"""Child: the app's calendar month, a day's call list, or the printed call day, timed; or
(`prepare`) a copy of the fixture brought to a January morning through the services and
plain SQL; or (`record`) the texts of the app's printed call day, for the canvas floor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import nurturing_floor as floor
from benchmarks.icp_app import open_at_head
from benchmarks.probe import report

SEED = 20270112
OWNER = "Jonas Weber"  # inside sales: the one whose call list is printed
OWNER_CALLS = 40  # his calls on the day
TEAM_CALLS = 200  # the team's, his included
OVERDUE_OWNER, OVERDUE_TEAM = 6, 30  # calls of the last week left undone
OVERDUE_SINCE = 7  # days before the day
MONTH_TOUCHES = 10_000  # touches the month's grid shows, at least
WORK_HOURS = (8, 9, 10, 11, 13, 14, 15, 16)
ALL_DAY_PERCENT = 10  # planned for the day, without an hour
# What a call of the fixture's past came to (realistic.OUTCOMES).
OUTCOMES = {"not_reached": 45, "reached": 20, "call_back": 15, "info_sent": 10, "appointment": 5}
TOUCH_KINDS = {"call": 60, "email": 20, "meeting": 8, "letter": 5, "note": 7}
TALKING_POINTS = (
    "Rückruf vereinbart: Ansprechpartner für Instandhaltung klären",
    "Budget 2027 erfragen",
    "Wer entscheidet noch mit? Einkauf und Geschäftsführung",
    "Termin für die Vorführung in Göppingen vorschlagen",
    "Nach dem Stand der Ausschreibung fragen; Unterlagen wurden im Dezember geschickt, Frist"
    " läuft Ende Februar ab, Entscheidung fällt im Beirat",
    "Messe-Kontakt nachfassen (Stand 4.2, Gespräch über Ersatzteilversorgung)",
    "Angebot 2026-0412 nachfassen",
    None,
)
PERSONAS = (
    (
        "Geschäftsführung Mittelstand",
        "• Nach den Zielen für 2027 fragen\n• Stillstände und Lieferzeiten ansprechen\n"
        "• Referenz Müller Präzisionstechnik nennen",
    ),
    (
        "Einkaufsleitung",
        "• Rahmenvertrag und Staffelpreise\n• Zweitlieferant für Verschleißteile\n"
        "• Zahlungsziel und Lieferfähigkeit",
    ),
    (
        "Technische Leitung",
        "• Wartungsintervalle und Ausfallzeiten\n• Fernwartung über gesicherte Verbindung\n"
        "• Schulung der Schichtführer vor Ort",
    ),
    ("Kaufmännische Leitung", "• Gesamtkosten über fünf Jahre\n• Leasing oder Kauf"),
)
PAINS = (
    "• Ungeplante Stillstände kosten jede Stunde Umsatz\n"
    "• Ersatzteile kommen zu spät, das Lager ist teuer\n"
    "• Fachkräfte fehlen für die Instandhaltung\n"
    "• Dokumentation für Audits kostet Zeit"
)
VALUE = (
    "Wartung aus einer Hand: Ersatzteile binnen 24 Stunden, Fernwartung rund um die Uhr und"
    " planbare Kosten durch einen Festpreis je Anlage. Weniger Stillstand, weniger Lager."
)
SUBJECTS = ("Erstanruf", "Nachfassen", "Rückruf", "Termin abstimmen", "Unterlagen geschickt")


def _pick(rng: random.Random, shares: dict[str, int]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _raw(session: Any) -> Any:
    """The session's sqlite3 connection, for the floor's statements."""
    return session.connection().connection.driver_connection


def _stamps() -> dict[str, Any]:
    from prospector.models import utcnow

    now = utcnow()
    return {"created_at": now, "updated_at": now, "version": 1}


def _moment(day: dt.date, rng: random.Random) -> tuple[dt.datetime, bool]:
    """When a touch is planned on `day`: an hour of the working day, or the day itself."""
    if rng.randrange(100) < ALL_DAY_PERCENT:
        return floor.day_start(day), True
    hour, minute = rng.choice(WORK_HOURS), rng.choice((0, 15, 30, 45))
    return floor.day_start(day) + dt.timedelta(hours=hour, minutes=minute), False


def _touch(
    company_id: int,
    contact_id: int | None,
    kind: str,
    when: tuple[dt.datetime, bool],
    owner_id: int | None,
    subject: str | None,
) -> dict[str, Any]:
    due, all_day = when
    return {
        "company_id": company_id,
        "contact_id": contact_id,
        "kind": kind,
        "subject": subject,
        "due_at": due,
        "all_day": all_day,
        "owner_id": owner_id,
        **_stamps(),
    }


def _work_through(database: Any, rng: random.Random, owner_id: int) -> dict[str, int]:
    """The touches planned before the day were done on their day (calls with an outcome),
    but for a few calls of the last week, left over."""
    start = floor.stored(floor.day_start(floor.DAY))
    week = floor.stored(floor.day_start(floor.DAY - dt.timedelta(days=OVERDUE_SINCE)))
    with database.writing() as session:
        raw = session.connection()
        planned = raw.exec_driver_sql(
            "SELECT a.id, a.kind, a.owner_id, a.due_at, a.contact_id IS NOT NULL"
            " AND p.do_not_contact = 0 AND p.is_consumer = 0 AND c.deleted_at IS NULL"
            " FROM activities AS a JOIN companies AS c ON c.id = a.company_id"
            " LEFT JOIN contacts AS p ON p.id = a.contact_id"
            " WHERE a.done_at IS NULL AND a.due_at < ? ORDER BY a.id",
            (start,),
        ).fetchall()
        # Those left over are calls that may be made: the list shows them.
        calls = [row for row in planned if row[1] == "call" and row[4] and row[3] >= week]
        mine = [row[0] for row in calls if row[2] == owner_id]
        theirs = [row[0] for row in calls if row[2] != owner_id]
        kept = set(rng.sample(mine, min(OVERDUE_OWNER, len(mine))))
        kept |= set(rng.sample(theirs, min(OVERDUE_TEAM - len(kept), len(theirs))))
        now = floor.stored(dt.datetime.now(dt.UTC))
        done = [
            (_pick(rng, OUTCOMES) if kind == "call" else None, now, ident)
            for ident, kind, *_ in planned
            if ident not in kept
        ]
        raw.exec_driver_sql(
            "UPDATE activities SET done_at = due_at, outcome = ?, updated_at = ?,"
            " version = version + 1 WHERE id = ?",
            done,
        )
    return {"done_before_the_day": len(done), "left_overdue": len(kept)}


class _People:
    """Live business persons of live companies who may be called, as (contact, company):
    each drawn once for the day's calls, drawn again and again for the month's touches."""

    def __init__(self, database: Any, rng: random.Random) -> None:
        with database.reading() as session:
            found = (
                session.connection()
                .exec_driver_sql(
                    "SELECT p.id, p.company_id FROM contacts AS p"
                    " JOIN companies AS c ON c.id = p.company_id"
                    " WHERE p.deleted_at IS NULL AND p.do_not_contact = 0 AND p.is_consumer = 0"
                    " AND c.deleted_at IS NULL AND p.lead_status IN"
                    " ('contact', 'lead', 'qualifying', 'nurturing', 'opportunity')"
                    " ORDER BY p.id"
                )
                .fetchall()
            )
        self._all = [(row[0], row[1]) for row in found]
        self._left = list(self._all)
        self._rng = rng
        rng.shuffle(self._left)

    def take(self) -> tuple[int, int]:
        return self._left.pop()

    def take_many(self, count: int, not_of: set[int]) -> list[tuple[int, int]]:
        """`count` persons, none of the companies `not_of`."""
        found: list[tuple[int, int]] = []
        while len(found) < count:
            person = self.take()
            if person[1] not in not_of:
                found.append(person)
        return found

    def any(self) -> tuple[int, int]:
        return self._rng.choice(self._all)


def _on_the_day(database: Any) -> dict[int | None, int]:
    """The calls of the day (not the overdue ones) that may be made, per caller."""
    with database.reading() as session:
        day = floor.read_calls(_raw(session), None)
    found: dict[int | None, int] = {}
    members = _team(database)
    for call in day.calls:
        if not call.overdue:
            owner = members.get(call.owner) if call.owner else None
            found[owner] = found.get(owner, 0) + 1
    return found


def _team(database: Any) -> dict[str, int]:
    from sqlalchemy import select

    from prospector.models import TeamMember

    with database.reading() as session:
        return {
            name: ident for ident, name in session.execute(select(TeamMember.id, TeamMember.name))
        }


def _special_cases(
    database: Any, rng: random.Random, people: _People, owner_id: int
) -> dict[str, list[int]]:
    """Calls on the day (and two overdue) that no list may show: persons who objected, private
    persons without a consent to calls (none, withdrawn, e-mail only), persons deleted,
    companies in the trash; and private persons who consented to calls, who must be shown."""
    from sqlalchemy import insert

    from prospector.enums import ConsentChannel, ConsentMethod
    from prospector.models import Activity
    from prospector.services.consents import ConsentInput, add_consent, withdraw_consent
    from prospector.services.trash import trash_companies

    cases = {
        "objected": 6,
        "consumer": 4,
        "withdrawn": 2,
        "email_only": 2,
        "deleted": 2,
        "trashed": 3,
        "consented": 4,
    }
    trashed = [people.take() for _ in range(cases.pop("trashed"))]
    gone = {company_id for _, company_id in trashed}
    chosen = {case: people.take_many(count, gone) for case, count in cases.items()}
    chosen["trashed"] = trashed
    today = dt.date.today()
    given = min(dt.date(2026, 9, 15), today)
    withdrawn = max(given, min(dt.date(2026, 11, 20), today))
    consents = {"withdrawn": "phone", "email_only": "email", "consented": "phone"}
    for case, channel in consents.items():
        for contact_id, _ in chosen[case]:
            record = add_consent(
                database,
                contact_id,
                ConsentInput(ConsentChannel(channel), ConsentMethod.WRITTEN, given, "Messe"),
            ).value
            if case == "withdrawn":
                withdraw_consent(database, record.id, withdrawn)
    ids: dict[str, list[int]] = {}
    with database.writing() as session:
        raw = session.connection()
        flags = {
            "objected": "do_not_contact = 1, do_not_contact_since = '2027-01-05',"
            " do_not_contact_reason = 'Widerspruch am Telefon'",
            "deleted": "deleted_at = '2027-01-04 10:00:00.000000'",
        }
        for case in ("consumer", "withdrawn", "email_only", "consented"):
            flags[case] = "is_consumer = 1"
        for case, change in flags.items():
            raw.exec_driver_sql(
                f"UPDATE contacts SET {change}, version = version + 1 WHERE id = ?",
                [(contact_id,) for contact_id, _ in chosen[case]],
            )
        for case, pairs in chosen.items():
            ids[case] = []
            for index, (contact_id, company_id) in enumerate(pairs):
                late = case == "objected" and index < 2
                day = floor.DAY - dt.timedelta(days=4) if late else floor.DAY
                row = _touch(
                    company_id,
                    contact_id,
                    "call",
                    _moment(day, rng),
                    owner_id if index % 2 == 0 else None,
                    rng.choice(TALKING_POINTS),
                )
                ids[case].append(
                    session.execute(insert(Activity).returning(Activity.id), row).scalar_one()
                )
    trash_companies(database, [company_id for _, company_id in chosen["trashed"]])
    return ids


def _top_up_the_day(database: Any, rng: random.Random, people: _People, owner_id: int) -> int:
    """Calls added on the day until the owner has OWNER_CALLS and the team TEAM_CALLS."""
    from sqlalchemy import insert

    from prospector.models import Activity

    counted = _on_the_day(database)
    others = [ident for name, ident in _team(database).items() if ident != owner_id]
    owners = [owner_id] * max(0, OWNER_CALLS - counted.get(owner_id, 0))
    rest = TEAM_CALLS - sum(counted.values()) - len(owners)
    owners += [rng.choice([*others, None]) for _ in range(max(0, rest))]
    rows = []
    for owner in owners:
        contact_id, company_id = people.take()
        when = _moment(floor.DAY, rng)
        rows.append(_touch(company_id, contact_id, "call", when, owner, rng.choice(TALKING_POINTS)))
    if rows:
        with database.writing() as session:
            session.execute(insert(Activity), rows)
    return len(rows)


def _personas_and_criteria(database: Any, rng: random.Random) -> dict[str, int]:
    """The personas with their talking points, given to most persons on the day's list (as
    the suggestions the persona page makes are taken), and the criteria of the leads among
    them checked in part."""
    from sqlalchemy import insert

    from prospector.enums import CriterionStatus
    from prospector.models import Qualification
    from prospector.services.personas import PersonaRecord, assign_personas, save_persona

    persona_ids = [
        save_persona(database, PersonaRecord(name, talking_points=points)).value.id
        for name, points in PERSONAS
    ]
    with database.reading() as session:
        day = floor.read_calls(_raw(session), None)
    persons = sorted(
        (call.contact_id, call.status.value)
        for call in {c.contact_id: c for c in day.calls}.values()
        if call.contact_id is not None and call.status is not None  # not the switchboard's
    )
    pairs = [(ident, rng.choice(persona_ids)) for ident, _ in persons if rng.random() < 0.75]
    assigned = assign_personas(database, pairs).value
    statuses = [s.value for s in CriterionStatus]
    rows = [
        {
            "contact_id": ident,
            "authority_status": rng.choice(statuses),
            "need_status": rng.choice(statuses),
            "budget_status": rng.choice(statuses),
            "timing_status": rng.choice(statuses),
            **_stamps(),
        }
        for ident, status in persons
        if status in ("lead", "qualifying", "opportunity") and rng.random() < 0.8
    ]
    if rows:
        with database.writing() as session:
            session.execute(insert(Qualification), rows)
    return {"personas": len(persona_ids), "with_persona": assigned, "qualifications": len(rows)}


def _profile(database: Any) -> None:
    """The ideal customer's profile with its pains and value proposition; as the first, it is
    active and scores every company (the call list's order follows the scores)."""
    from benchmarks import icp_cases
    from prospector.services.profiles import save_profile

    profile = dataclasses.replace(
        icp_cases.profile("realistic"), pain_points=PAINS, value_proposition=VALUE
    )
    save_profile(database, profile)


def month_total(database: Any) -> int:
    with database.reading() as session:
        return sum(p + d for _, p, d in floor.month(_raw(session))["figures"])


def _fill_the_month(database: Any, rng: random.Random, people: _People) -> int:
    """Touches planned after the day, up to MONTH_TOUCHES in the month's grid (a smaller
    fixture than the 100,000 companies' has fewer of its own)."""
    from sqlalchemy import insert

    from prospector.models import Activity

    missing = MONTH_TOUCHES - month_total(database)
    if missing <= 0:
        return 0
    _, last = floor.grid()
    days = (last - floor.DAY).days
    members = [*_team(database).values(), None]
    rows = []
    for _ in range(missing):
        contact_id, company_id = people.any()
        day = floor.DAY + dt.timedelta(days=rng.randrange(1, days + 1))
        kind = _pick(rng, TOUCH_KINDS)
        who = contact_id if rng.random() < 0.8 else None
        rows.append(
            _touch(
                company_id, who, kind, _moment(day, rng), rng.choice(members), rng.choice(SUBJECTS)
            )
        )
    with database.writing() as session:
        for start in range(0, len(rows), 5_000):
            session.execute(insert(Activity), rows[start : start + 5_000])
    return len(rows)


def prepare(database: Any) -> dict[str, Any]:
    rng = random.Random(SEED)
    owner_id = _team(database)[OWNER]
    people = _People(database, rng)
    values: dict[str, Any] = {"owner_id": owner_id, "owner": OWNER}
    values.update(_work_through(database, rng, owner_id))
    cases = _special_cases(database, rng, people, owner_id)
    people = _People(database, rng)  # without the persons and companies just flagged
    values["added_calls"] = _top_up_the_day(database, rng, people, owner_id)
    values.update(_personas_and_criteria(database, rng))
    _profile(database)
    values["added_touches"] = _fill_the_month(database, rng, people)
    values["month_total"] = month_total(database)
    values["shown"] = cases.pop("consented")
    values["hidden"] = cases
    return values


# --- the printed call day: 500 calls built in the child ---------------------------------------


def _past(rng: random.Random, people: Any, family: str | None, step: int) -> Any:
    """One of a company's five last touches, some weeks before the day."""
    from prospector.call_day import PastTouch
    from prospector.enums import ActivityKind, ActivityOutcome

    kind = ActivityKind(_pick(rng, TOUCH_KINDS))
    who = " ".join(p for p in (rng.choice(people).first_name, family) if p)
    return PastTouch(
        floor.DAY - dt.timedelta(days=3 + 19 * step + rng.randrange(12)),
        kind,
        ActivityOutcome(_pick(rng, OUTCOMES)) if kind is ActivityKind.CALL else None,
        rng.choice(SUBJECTS),
        who or None,
    )


def sheet_day(count: int) -> Any:
    """A day of `count` calls for the whole team as the call list reads them: sample companies
    (German names, umlauts), their first person, a persona, five past touches each."""
    from prospector.call_day import Call, CallDay, in_order
    from prospector.enums import (
        CompanyStage,
        Criterion,
        CriterionStatus,
        LeadStatus,
    )
    from prospector.sampledata.generate import generate

    rng = random.Random(SEED + 1)
    owners = ("Anna Becker", "Jonas Weber", "Miriam Koch", "Vertriebsagentur Nord")
    statuses = (LeadStatus.LEAD, LeadStatus.QUALIFYING, LeadStatus.CONTACT, LeadStatus.NURTURING)
    calls: list[Call] = []
    samples = (sample for sample in generate(count * 3) if sample.contacts)
    for index, sample in enumerate(samples):
        if index == count:
            break
        company, person = sample.company, sample.contacts[0]
        own = person.phone or person.mobile
        persona = rng.choice((*PERSONAS, None))
        recent = tuple(_past(rng, sample.contacts, person.last_name, step) for step in range(5))
        overdue = rng.randrange(100) < 10
        day = floor.DAY - dt.timedelta(days=rng.randrange(1, 6)) if overdue else floor.DAY
        due, _ = _moment(day, rng)
        calls.append(
            Call(
                activity_id=index + 1,
                contact_id=index + 1,
                company_id=index + 1,
                company=company.name,
                city=company.city,
                phone=own or company.phone,
                phone_is_company=own is None and company.phone is not None,
                contact=" ".join(
                    p for p in (person.academic_title, person.first_name, person.last_name) if p
                ),
                job_title=person.job_title,
                persona=persona[0] if persona else None,
                status=rng.choice(statuses),
                stage=CompanyStage.LEAD,
                fit_score=rng.randrange(20, 99) if rng.random() < 0.9 else None,
                due_at=due.astimezone(dt.UTC),
                overdue=overdue,
                talking_point=rng.choice(TALKING_POINTS),
                persona_points=persona[1] if persona else None,
                pains=PAINS,
                value_proposition=VALUE,
                criteria=tuple(
                    (criterion, rng.choice(tuple(CriterionStatus))) for criterion in Criterion
                ),
                last_touch=dataclasses.replace(recent[0], contact=None),
                recent=recent,
                data_source=rng.choice((company.source, "Messe Hannover 2026", None)),
                owner=rng.choice(owners),
            )
        )
    return CallDay(floor.DAY, None, in_order(calls))


def record(count: int, target: Path) -> dict[str, Any]:
    """Write the printed call day once with every text line recorded where the app writes it
    (font, size, leading, position, text), page by page, for the floor to write the same."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

    from prospector.reports.call_sheets import write_call_day

    pages: list[dict[str, Any]] = []
    runs: list[list[Any]] = []
    text_line, show_page = PDFTextObject.textLine, Canvas.showPage

    def recording_line(self: Any, text: str = "") -> None:
        runs.append([self._fontname, self._fontsize, self._leading, self._x0, self._y, text])
        text_line(self, text)

    def recording_page(self: Any) -> None:
        pages.append({"size": list(self._pagesize), "runs": list(runs)})
        runs.clear()
        show_page(self)

    PDFTextObject.textLine = recording_line  # type: ignore[method-assign]
    Canvas.showPage = recording_page  # type: ignore[method-assign]
    day = sheet_day(count)
    pdf = target.with_suffix(".pdf")
    written = write_call_day(day, pdf, language="de")
    pdf.unlink()
    calls = [[call.company, call.phone] for call in day.calls]
    target.write_text(json.dumps({"pages": pages, "calls": calls}), encoding="utf-8")
    return {"pages": len(pages), "reported_pages": written.pages, "calls": written.calls}


def sheets(count: int, target: Path) -> dict[str, Any]:
    """The printed call day: the list's pages and a sheet per call, written to a PDF; the fonts
    registered and the translations read in the timed call, as on the first print."""
    from prospector.reports.call_sheets import write_call_day

    day = sheet_day(count)
    start = time.perf_counter()
    written = write_call_day(day, target, language="de")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "pages": written.pages, "calls": written.calls}


# --- the calendar and the call list -----------------------------------------------------------


def _warm(database: Any, mode: str, owner_id: int | None) -> None:
    """What the floor's child reads before timing, through the app's own connection: a pass
    over each table, then the floor's own statements once; and one ORM row of each model the
    calls read (the mappers configured, as long before any page reads)."""
    from sqlalchemy import select

    from prospector.models import (
        Activity,
        Company,
        Consent,
        Contact,
        IdealCustomerProfile,
        Persona,
        Qualification,
        TeamMember,
    )

    with database.reading() as session:
        raw = _raw(session)
        for statement in floor.WARM_SQL:
            raw.execute(statement).fetchall()
        if mode == "month":
            floor.month(raw)
        else:
            floor.read_calls(raw, owner_id)
        for model in (
            Activity,
            Company,
            Consent,
            Contact,
            IdealCustomerProfile,
            Persona,
            Qualification,
            TeamMember,
        ):
            session.execute(select(model).limit(1)).all()


def _timed(database: Any, work: Callable[[Any], Any]) -> tuple[float, Any]:
    """`work(session)` in a reading session of its own, as the page's operations.read opens
    one, timed with the session."""
    start = time.perf_counter()
    with database.reading() as session:
        found = work(session)
    return time.perf_counter() - start, found


def _month(found: dict[dt.date, Any]) -> list[list[Any]]:
    return [[day.isoformat(), count.planned, count.done] for day, count in sorted(found.items())]


def timed(database: Any, mode: str, owner_id: int | None) -> dict[str, Any]:
    """The mode's call, first in this process (its statements built and compiled anew), then
    the same again (from SQLAlchemy's cache), each in its own reading session."""
    from prospector.services.calendar_view import month_counts
    from prospector.services.call_list import call_day

    first, last = floor.grid()
    work: Callable[[Any], Any]
    plain: Callable[[Any], Any]
    if mode == "month":
        work, plain = (lambda s: month_counts(s, first, last)), _month
    else:
        work, plain = (lambda s: call_day(s, floor.DAY, owner_id)), floor.plain
    _warm(database, mode, owner_id)
    seconds, found = _timed(database, work)
    again_s, again = _timed(database, work)
    return {
        "seconds": seconds,
        "again_s": again_s,
        "figures": plain(found),
        "again_figures": plain(again),
    }


def main(argv: list[str]) -> int:
    floor.use_zone()
    mode = argv[0]
    if mode == "record":
        values = record(int(argv[1]), Path(argv[2]))
    elif mode == "sheets":
        import prospector.reports.call_sheets  # noqa: F401  (loaded before timing)

        values = sheets(int(argv[1]), Path(argv[2]))
    else:
        database = open_at_head(Path(argv[1]).resolve())
        if mode == "prepare":
            values = prepare(database)
        else:
            owner = None if mode == "month" or argv[2] == "all" else int(argv[2])
            values = timed(database, mode, owner)
        database.dispose()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
