"""The call day as PDF: the list and one sheet per call, every name printed as written, pages
numbered over the whole document, and a file that is written whole or not at all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas

from prospector.call_day import Call, CallDay, PastTouch, in_order
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    CompanyStage,
    Criterion,
    CriterionStatus,
    LeadStatus,
)
from prospector.exchange.export import ExportTargetInUse
from prospector.progress import Cancelled, Progress
from prospector.reports import call_sheets
from prospector.reports.call_sheets import CallDayPdf, write_call_day

DAY = dt.date(2026, 12, 6)
ENGLISH_CRITERIA = ("Authority", "Need", "Budget", "Timing")
GERMAN_CRITERIA = ("Befugnis", "Bedarf", "Budget", "Zeitpunkt")
ACCENTED = (
    ("Müller & Söhne <GmbH>", "Jürgen Weiß", "Hamburg"),
    ("Wójcik Sp. z o.o.", "Łukasz Wójcik", "Kraków"),
    ("Çelik Otomotiv", "Ayşe Çelik", "İzmir"),
    ("Brontë Books", "Zoë Brontë", "Haworth"),
    ("Holzbau Nord", "Søren Ærø", "Ærøskøbing"),
    ("Иванов Логистик", "Пётр Иванов", "Москва"),
    ("Παπαδόπουλος Α.Ε.", "Γιώργος Παπαδόπουλος", "Αθήνα"),
    ("Dvořák s.r.o.", "Jiří Dvořák", "Brno"),
)


def _call(number: int = 1, **changes: Any) -> Call:
    touch = PastTouch(
        on=DAY - dt.timedelta(days=3),
        kind=ActivityKind.CALL,
        outcome=ActivityOutcome.NOT_REACHED,
        subject="Erstkontakt",
        contact="Anna Schmidt",
    )
    call = Call(
        activity_id=number,
        contact_id=number,
        company_id=number,
        company=f"Firma {number:02d}",
        city="Kassel",
        phone=f"0561 {100000 + number}",
        phone_is_company=False,
        contact=f"Kontakt {number:02d}",
        job_title="Einkauf",
        persona="Einkaufsleitung",
        status=LeadStatus.LEAD,
        stage=CompanyStage.LEAD,
        fit_score=50,
        due_at=dt.datetime.combine(DAY, dt.time(9, 30)),
        overdue=False,
        talking_point="Ask about the offer",
        persona_points="Lower costs per order",
        pains="Downtime of the machines",
        value_proposition="Service contract with fixed costs",
        criteria=(
            (Criterion.AUTHORITY, CriterionStatus.MET),
            (Criterion.NEED, CriterionStatus.OPEN),
            (Criterion.BUDGET, CriterionStatus.NOT_MET),
            (Criterion.TIMING, CriterionStatus.OPEN),
        ),
        last_touch=touch,
        recent=(touch,),
        data_source="Trade fair list 2026",
        owner="Anna Schmidt",
    )
    return dataclasses.replace(call, **changes)


def _day(calls: list[Call], owner: str | None = "Anna Schmidt") -> CallDay:
    return CallDay(on=DAY, owner=owner, calls=tuple(calls))


def _pages(path: Path, mode: str = "-layout") -> list[str]:
    """The text of each page, as pdftotext lays it out (or, with "-raw", in the order it
    was written, where a cell's wrapped lines follow each other)."""
    result = subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout.split("\f")[:-1]  # the last page ends in a form feed too


def _forty_calls() -> list[Call]:
    """Forty calls of varied fit, status and time, so that the printed order is not the order
    they were made in; every fifth is overdue."""
    statuses = list(LeadStatus)
    made = [
        _call(
            n,
            fit_score=None if n % 7 == 0 else (n * 37) % 100,
            status=statuses[n % len(statuses)],
            overdue=n % 5 == 0,
            due_at=dt.datetime.combine(DAY, dt.time(8 + n % 9, 15)),
            talking_point="Ask about the offer " * (1 + n % 4),
        )
        for n in range(1, 41)
    ]
    return list(in_order(made))


@pytest.fixture(scope="module")
def forty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CallDay, CallDayPdf]]:
    """One English call day of forty calls, written once for the tests that only read it."""
    day = _day(_forty_calls())
    folder = tmp_path_factory.mktemp("forty")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROSPECTOR_DATA_DIR", str(folder / "data"))
        yield day, write_call_day(day, folder / "calls.pdf", language="en")


def test_names_with_accents_and_markup_print_as_written_on_list_and_sheet(
    tmp_path: Path,
) -> None:
    calls = [
        _call(n, company=company, contact=contact, city=city)
        for n, (company, contact, city) in enumerate(ACCENTED, start=1)
    ]
    written = write_call_day(_day(calls), tmp_path / "calls.pdf", language="en")
    pages = [" ".join(page.split()) for page in _pages(written.path, "-raw")]
    listing, sheets = pages[0], pages[1:]
    assert len(sheets) == len(ACCENTED)
    for (company, contact, city), sheet in zip(ACCENTED, sheets, strict=True):
        for text in (company, contact, city):
            assert text in listing
            assert text in sheet


def test_forty_calls_take_several_list_pages_and_a_sheet_each(
    forty: tuple[CallDay, CallDayPdf],
) -> None:
    _day, written = forty
    pages = _pages(written.path)
    list_pages = [page for page in pages if "Outcome" in page]  # the list's header row
    assert written.calls == 40
    assert len(list_pages) >= 2
    assert written.pages == len(pages) == len(list_pages) + 40


def test_pages_are_numbered_over_the_whole_document(forty: tuple[CallDay, CallDayPdf]) -> None:
    _day, written = forty
    pages = _pages(written.path)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert re.findall(r"Page \d+ of \d+", page) == [f"Page {number} of {total}"]


def test_the_list_numbers_the_calls_in_order_and_the_sheets_follow_it(
    forty: tuple[CallDay, CallDayPdf],
) -> None:
    day, written = forty
    pages = _pages(written.path)
    companies = [call.company for call in day.calls]
    assert companies != sorted(companies)  # the printed order is the list's, not the making's
    rows = [
        (int(match[1]), match[2])
        for page in pages[: written.pages - 40]
        for match in re.finditer(r"^\s*(\d+)\s.*?(Firma \d\d)", page, re.MULTILINE)
    ]
    assert rows == list(enumerate(companies, start=1))
    sheets = pages[written.pages - 40 :]
    for number, (company, sheet) in enumerate(zip(companies, sheets, strict=True), start=1):
        assert f"{number} / 40" in sheet
        assert re.findall(r"Firma \d\d", sheet) == [company]


def test_overdue_calls_are_marked_on_the_list(forty: tuple[CallDay, CallDayPdf]) -> None:
    day, written = forty
    listing = "".join(_pages(written.path)[: written.pages - 40])
    assert listing.count("overdue") == sum(call.overdue for call in day.calls) == 8


def test_each_sheet_shows_the_four_criteria_once(forty: tuple[CallDay, CallDayPdf]) -> None:
    _day, written = forty
    for sheet in _pages(written.path)[written.pages - 40 :]:
        for label in ENGLISH_CRITERIA:
            assert len(re.findall(rf"\b{label}\b", sheet)) == 1, (label, sheet)


def test_each_criterion_gets_a_box_drawn_to_tick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes: list[tuple[float, float]] = []

    class Recording(Canvas):  # type: ignore[misc]
        def rect(self, x: float, y: float, width: float, height: float, **kw: Any) -> None:
            if kw.get("stroke") == 1 and kw.get("fill") == 0:  # an outline, not a shading
                boxes.append((width, height))
            super().rect(x, y, width, height, **kw)

    monkeypatch.setattr(call_sheets, "Canvas", Recording)
    write_call_day(_day([_call(1), _call(2), _call(3)]), tmp_path / "c.pdf", language="en")
    assert len(boxes) == 3 * 4
    assert all(width == height > 0 for width, height in boxes)  # square boxes


def test_a_cancel_after_three_sheets_leaves_no_file(tmp_path: Path) -> None:
    progress = Progress(lambda done, total: progress.cancel() if done == 3 else None)
    target = tmp_path / "calls.pdf"
    with pytest.raises(Cancelled):
        write_call_day(
            _day([_call(n) for n in range(1, 9)]), target, language="en", progress=progress
        )
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_existing_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "calls.pdf"
    target.write_bytes(b"yesterday's list")

    def broken(*_args: Any) -> None:
        raise OSError("disk full")

    progress = Progress(lambda done, total: progress.cancel() if done == 1 else None)
    with pytest.raises(Cancelled):
        write_call_day(_day([_call(1), _call(2)]), target, language="en", progress=progress)
    monkeypatch.setattr(call_sheets._Sheet, "draw", broken)
    with pytest.raises(OSError, match="disk full"):
        write_call_day(_day([_call(1)]), target, language="en")
    assert target.read_bytes() == b"yesterday's list"
    assert list(tmp_path.iterdir()) == [target]


def test_a_target_held_open_by_a_viewer_is_reported_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "calls.pdf"
    target.write_bytes(b"open in a viewer")

    def refused(*_args: Any) -> None:
        raise PermissionError("in use")

    monkeypatch.setattr(call_sheets.os, "replace", refused)
    with pytest.raises(ExportTargetInUse):
        write_call_day(_day([_call(1)]), target, language="en")
    assert target.read_bytes() == b"open in a viewer"
    assert list(tmp_path.iterdir()) == [target]


def test_progress_is_told_of_each_sheet(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_call_day(
        _day([_call(1), _call(2)]),
        tmp_path / "c.pdf",
        language="en",
        progress=Progress(lambda done, total: seen.append((done, total))),
    )
    assert seen == [(0, 2), (1, 2), (2, 2)]


def test_without_sheets_only_the_list_is_written(tmp_path: Path) -> None:
    written = write_call_day(
        _day([_call(n) for n in range(1, 6)]), tmp_path / "c.pdf", language="en", sheets=False
    )
    pages = _pages(written.path)
    assert written.pages == len(pages) == 1
    assert "Page 1 of 1" in pages[0]
    assert "Firma 05" in pages[0]
    assert " / 5" not in pages[0]  # no sheet's number


def test_a_german_call_day_writes_german_dates_and_labels(tmp_path: Path) -> None:
    calls = [
        _call(1, overdue=True, due_at=dt.datetime(2026, 12, 4, 10, 0)),
        _call(2, company="Bäckerei Schröder KG"),
    ]
    written = write_call_day(_day(calls), tmp_path / "anrufe.pdf", language="de")
    pages = _pages(written.path)
    assert written.pages == len(pages) == 3
    assert "06.12.2026" in pages[0]
    assert "04.12.2026" in pages[0]  # the overdue call's due date
    assert "03.12.2026" in pages[0]  # the last touch
    assert "2026-12" not in "".join(pages)
    assert "Bäckerei Schröder KG" in pages[0]
    assert "Bäckerei Schröder KG" in pages[2]
    for sheet in pages[1:]:
        for label in GERMAN_CRITERIA:
            assert label in sheet


def test_long_texts_are_cut_so_that_each_sheet_stays_one_page_inside_its_margins(
    tmp_path: Path,
) -> None:
    long = "Ein sehr langer Text über viele Zeilen " * 80 + "https://example.com/" + "x" * 300
    touch = PastTouch(DAY, ActivityKind.MEETING, ActivityOutcome.APPOINTMENT, long, long)
    huge = _call(
        1,
        company="Überlange Firmenbezeichnung " * 12,
        city="Stadt " * 40,
        phone="+49 (0) 561 1234567-8901234567890123",
        phone_is_company=True,
        contact="Name " * 40,
        job_title=long,
        persona=long,
        talking_point=long,
        persona_points="\n".join(["\u2022 " + "Punkt " * 30] * 20),
        pains=long,
        value_proposition=long,
        recent=(touch,) * 5,
        last_touch=touch,
        data_source=long,
        owner=long,
    )
    written = write_call_day(_day([huge, _call(2)], owner=long), tmp_path / "c.pdf", language="en")
    pages = _pages(written.path)
    assert written.pages == len(pages) == 3
    assert "\u2026" in pages[1]
    assert "+49 (0) 561 1234567-8901234567890123" in pages[1]  # a number is never cut
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(written.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for page in re.finditer(r'<page width="([\d.]+)".*?</page>', bbox, re.DOTALL):
        width = float(page[1])
        right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', page[0])]
        assert right_edges
        assert max(right_edges) <= width - 25


def test_missing_values_print_as_a_dash_or_a_note(tmp_path: Path) -> None:
    bare = _call(
        1,
        city=None,
        phone=None,
        job_title=None,
        persona=None,
        fit_score=None,
        talking_point=None,
        persona_points=None,
        pains=None,
        value_proposition=None,
        last_touch=None,
        recent=(),
        data_source=None,
        owner=None,
    )
    written = write_call_day(_day([bare], owner=None), tmp_path / "c.pdf", language="en")
    listing, sheet = _pages(written.path)
    assert "Whole team" in listing
    assert "\u2014" in listing  # no phone
    assert "No phone number" in sheet
    assert "No activities yet" in sheet
    assert "Source of the data: not recorded" in sheet
    assert "Art. 21 GDPR" in sheet


def test_a_company_switchboard_is_marked_as_such(tmp_path: Path) -> None:
    calls = [_call(1, phone_is_company=True), _call(2)]
    written = write_call_day(_day(calls), tmp_path / "c.pdf", language="en")
    listing, first, second = _pages(written.path)
    assert listing.count("(switchboard)") == 1
    assert "(switchboard)" in first
    assert "(switchboard)" not in second


def test_a_day_without_calls_prints_an_empty_list(tmp_path: Path) -> None:
    written = write_call_day(_day([]), tmp_path / "c.pdf", language="en")
    (page,) = _pages(written.path)
    assert written == CallDayPdf(path=tmp_path / "c.pdf", pages=1, calls=0)
    assert "No calls are planned for this day." in page
    assert "Page 1 of 1" in page
