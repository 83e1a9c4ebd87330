"""The pipeline page: sums per stage, moving deals by button, key and drag, the list, the form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal

import factories
import pytest
from PySide6.QtCore import QLocale, QMimeData, QModelIndex, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import (
    CompanyStage,
    CriterionStatus,
    LeadStatus,
    LostReason,
    OpportunityStage,
)
from prospector.models import Opportunity
from prospector.qualification import CRITERIA, CriterionState
from prospector.services import companies, opportunities, qualification
from prospector.services.opportunities import OpportunityInput, OpportunityRow
from ui.context import AppContext
from ui.dialogs.opportunity_dialog import LostReasonDialog, OpportunityDialog
from ui.itemmodels.opportunity_model import MIME_TYPE, CardModel, OpportunityTableModel
from ui.pages.pipeline_page import PipelinePage

S = OpportunityStage
MOVE = Qt.DropAction.MoveAction


@pytest.fixture(autouse=True)
def german_numbers() -> Iterator[None]:
    """Amounts as a German user sees them: 10.000 €."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def _deal(
    db: Database,
    company: str,
    title: str,
    value: int | None,
    *,
    stage: OpportunityStage = S.OFFER,
    owner_id: int | None = None,
    reason: LostReason | None = None,
    closes: dt.date | None = None,
) -> int:
    """A deal as the app makes one: a lead qualified with all four criteria met, then moved."""
    firm = factories.company(db, company)
    person = factories.contact(
        db, firm.id, "Becker", first_name="Jana", lead_status=LeadStatus.LEAD, owner_id=owner_id
    )
    met = {c: CriterionState(CriterionStatus.MET, "said so on the phone") for c in CRITERIA}
    qualification.save_qualification(
        db,
        qualification.QualificationInput(contact_id=person.id, criteria=met),
        qualification.OpenOpportunity(
            title, None if value is None else Decimal(value), expected_close_on=closes
        ),
    )
    with db.reading() as session:
        found = session.scalars(
            select(Opportunity).where(Opportunity.contact_id == person.id)
        ).one()
        ident, version = found.id, found.version
    if stage is not S.OFFER:
        opportunities.move_stage(db, ident, version, stage, lost_reason_code=reason)
    return ident


def _stored(db: Database, ident: int) -> Opportunity:
    with db.reading() as session:
        found = session.get_one(Opportunity, ident)
        session.expunge(found)
        return found


def _row(db: Database, ident: int) -> OpportunityRow:
    with db.reading() as session:
        return next(r for r in opportunities.list_opportunities(session) if r.id == ident)


def _page(qtbot: QtBot, context: AppContext) -> PipelinePage:
    page = PipelinePage(context)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _text(label: QLabel) -> str:
    """A label's text with the locale's no-break spaces (before €) as plain ones."""
    return label.text().replace("\xa0", " ")


def _titles(page: PipelinePage, stage: OpportunityStage) -> list[str]:
    model = page.columns[stage].model
    return [str(model.index(n, 0).data()).split("\n")[0] for n in range(model.rowCount())]


def _select_card(page: PipelinePage, stage: OpportunityStage, title: str) -> None:
    view = page.columns[stage].view
    view.setFocus()
    view.setCurrentIndex(view.model().index(_titles(page, stage).index(title), 0))
    selected = page.selected_row()
    assert selected is not None
    assert selected.title == title


def _when_modal(act: Callable[[QWidget], None]) -> list[QWidget]:
    """Run `act` on the next modal window once it is open; the windows met, for the test."""
    seen: list[QWidget] = []

    def run() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:  # a queued drop opens it a moment later
            QTimer.singleShot(10, run)
            return
        seen.append(widget)
        act(widget)

    QTimer.singleShot(0, run)
    return seen


def _give_reason(reason: LostReason, note: str) -> Callable[[QWidget], None]:
    def act(widget: QWidget) -> None:
        assert isinstance(widget, LostReasonDialog)
        assert not widget.ok_button.isEnabled()  # no reason is chosen for the user
        widget.reason.setCurrentIndex(widget.reason.findData(reason.value))
        widget.note.setText(note)
        widget.ok_button.click()

    return act


def _cancel(widget: QWidget) -> None:
    assert isinstance(widget, QDialog)
    widget.reject()


def test_each_column_shows_its_count_sum_and_weighted_sum(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    soon = dt.date.today() + dt.timedelta(days=30)
    _deal(db, "Müller Maschinenbau GmbH", "Retrofit Fräszentrum", 10_000, closes=soon)
    _deal(db, "Förde Druck KG", "Wartungsvertrag", 5_000, closes=soon + dt.timedelta(days=1))
    _deal(db, "Alpenblick Logistik AG", "Lagerverwaltung", 20_000, stage=S.NEGOTIATION)
    _deal(db, "Weber Holzbau", "Zuschnitt", 8_000, stage=S.NEGOTIATION)
    page = _page(qtbot, context)

    # 15.000 € at 20 %, and 28.000 € at 60 %.
    assert _text(page.columns[S.OFFER].sums) == "2 deals · 15.000 €\nweighted 3.000 €"
    assert _text(page.columns[S.NEGOTIATION].sums) == "2 deals · 28.000 €\nweighted 16.800 €"
    assert _text(page.columns[S.OFFER_SENT].sums) == "0 deals · 0 €\nweighted 0 €"
    assert _text(page.columns[S.WON].sums) == "0 deals · 0 €"
    assert [c.title.text() for c in page.columns.values()] == [
        "Offer in preparation",
        "Offer sent",
        "Negotiation",
        "Won",
        "Lost",
    ]
    assert _titles(page, S.OFFER) == [
        "Retrofit Fräszentrum",
        "Wartungsvertrag",
    ]  # soonest to close first
    card = str(page.columns[S.OFFER].model.index(0, 0).data()).replace("\xa0", " ")
    assert card.split("\n")[:2] == ["Retrofit Fräszentrum", "Müller Maschinenbau GmbH"]
    assert card.split("\n")[2].startswith("10.000 €")
    assert _text(page.open_totals) == "Open: 4 deals · 43.000 € · weighted 19.800 €"
    assert _text(page.lost_reasons) == "Lost: none"
    assert not page.columns[S.OFFER].more.isVisible()


def test_an_empty_pipeline_says_where_deals_come_from(
    qtbot: QtBot, sqlite_context: AppContext
) -> None:
    page = _page(qtbot, sqlite_context)
    assert _text(page.open_totals).startswith("No deals yet.")
    assert not page.back_button.isEnabled()
    assert not page.edit_button.isEnabled()


def test_forward_and_back_move_the_deal_and_the_headers_follow(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    ident = _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    _deal(db, "Förde Druck KG", "Wartung", 5_000)
    page = _page(qtbot, context)
    _select_card(page, S.OFFER, "Retrofit")
    assert not page.back_button.isEnabled()

    qtbot.mouseClick(page.forward_button, Qt.MouseButton.LeftButton)
    stored = _stored(db, ident)
    assert (stored.stage, stored.probability) == (S.OFFER_SENT, 40)
    assert _titles(page, S.OFFER) == ["Wartung"]
    assert _titles(page, S.OFFER_SENT) == ["Retrofit"]
    assert _text(page.columns[S.OFFER].sums).endswith("5.000 €\nweighted 1.000 €")
    assert _text(page.columns[S.OFFER_SENT].sums).endswith("10.000 €\nweighted 4.000 €")
    selected = page.selected_row()
    assert selected is not None
    assert selected.id == ident

    # The keyboard: Ctrl+Right on, Ctrl+Left back, from the card's column (shortcuts fire
    # only in the active window).
    with qtbot.waitActive(page):
        page.activateWindow()
    view = page.columns[S.OFFER_SENT].view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _stored(db, ident).stage is S.NEGOTIATION
    assert page.columns[S.NEGOTIATION].view.hasFocus()
    qtbot.keyClick(
        page.columns[S.NEGOTIATION].view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
    )
    assert _stored(db, ident).stage is S.OFFER_SENT
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert _stored(db, ident).stage is S.OFFER
    assert sorted(_titles(page, S.OFFER)) == ["Retrofit", "Wartung"]


def test_lost_asks_why_and_cancelling_writes_nothing(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    ident = _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000, stage=S.NEGOTIATION)
    page = _page(qtbot, context)
    before = _stored(db, ident)
    _select_card(page, S.NEGOTIATION, "Retrofit")

    seen = _when_modal(_cancel)
    qtbot.mouseClick(page.lost_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert isinstance(seen[0], LostReasonDialog)
    after = _stored(db, ident)
    assert (after.stage, after.version, after.lost_reason_code) == (
        S.NEGOTIATION,
        before.version,
        None,
    )
    assert _titles(page, S.NEGOTIATION) == ["Retrofit"]

    _when_modal(_give_reason(LostReason.COMPETITOR, "Bought from Schmidt & Co."))
    qtbot.mouseClick(page.lost_button, Qt.MouseButton.LeftButton)
    after = _stored(db, ident)
    assert (after.stage, after.lost_reason_code, after.lost_reason) == (
        S.LOST,
        LostReason.COMPETITOR,
        "Bought from Schmidt & Co.",
    )
    assert _titles(page, S.LOST) == ["Retrofit"]
    assert _text(page.lost_reasons) == "Lost: Went to a competitor 1"
    card = str(page.columns[S.LOST].model.index(0, 0).data()).replace("\xa0", " ")
    assert card.endswith("10.000 € · Went to a competitor")


def test_won_makes_the_company_a_customer(qtbot: QtBot, context: AppContext, db: Database) -> None:
    ident = _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000, stage=S.OFFER_SENT)
    company_id = _stored(db, ident).company_id
    with db.reading() as session:
        assert companies.get_company(session, company_id).stage is CompanyStage.OPPORTUNITY
    page = _page(qtbot, context)
    _select_card(page, S.OFFER_SENT, "Retrofit")
    qtbot.mouseClick(page.won_button, Qt.MouseButton.LeftButton)
    stored = _stored(db, ident)
    assert (stored.stage, stored.probability, stored.closed_on) == (
        S.WON,
        100,
        dt.date.today(),
    )
    with db.reading() as session:
        assert companies.get_company(session, company_id).stage is CompanyStage.CUSTOMER
    assert _titles(page, S.WON) == ["Retrofit"]
    # Won deals count whole: no weighted line (the singular's wording is the catalogue's).
    assert _text(page.columns[S.WON].sums).endswith(" · 10.000 €")
    assert not page.won_button.isEnabled()
    assert not page.forward_button.isEnabled()


def _drag_over(view: QListView, mime: QMimeData) -> bool:
    """Drag the data into the view's middle, as the pointer would; whether it would take it."""
    where = view.viewport().rect().center()
    enter = QDragEnterEvent(
        where, MOVE, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view.viewport(), enter)
    over = QDragMoveEvent(
        where, MOVE, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view.viewport(), over)
    return over.isAccepted()


def _drop_on(view: QListView, mime: QMimeData) -> bool:
    """Drag over the view and let go; whether the view took the drop."""
    _drag_over(view, mime)
    drop = QDropEvent(
        QPointF(view.viewport().rect().center()),
        MOVE,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), drop)
    return drop.isAccepted()


def test_a_card_dropped_on_another_column_moves_the_deal(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    ident = _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    page = _page(qtbot, context)
    source = page.columns[S.OFFER].model
    mime = source.mimeData([source.index(0, 0)])  # what dragging the card carries
    assert mime.hasFormat(MIME_TYPE)
    assert mime.text() == "Retrofit"
    # Over its own column a card is not taken: it stays where it is.
    assert not _drag_over(page.columns[S.OFFER].view, mime)
    assert not source.dropMimeData(mime, MOVE, -1, -1, QModelIndex())

    assert _drop_on(page.columns[S.NEGOTIATION].view, mime)
    qtbot.waitUntil(lambda: _titles(page, S.NEGOTIATION) == ["Retrofit"])
    stored = _stored(db, ident)
    assert (stored.stage, stored.probability) == (S.NEGOTIATION, 60)
    assert _titles(page, S.OFFER) == []
    assert _text(page.columns[S.NEGOTIATION].sums).endswith("10.000 €\nweighted 6.000 €")

    # The model's drop handler, straight: a card dropped on Won.
    target = page.columns[S.NEGOTIATION].model
    mime = target.mimeData([target.index(0, 0)])
    assert page.columns[S.WON].model.canDropMimeData(mime, MOVE, -1, -1, QModelIndex())
    assert page.columns[S.WON].model.dropMimeData(mime, MOVE, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: _titles(page, S.WON) == ["Retrofit"])
    assert _stored(db, ident).stage is S.WON

    # A drop onto Lost asks why, as the button does; cancelled, nothing moves.
    won = page.columns[S.WON].model
    mime = won.mimeData([won.index(0, 0)])
    seen = _when_modal(_cancel)
    assert _drop_on(page.columns[S.LOST].view, mime)
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert isinstance(seen[0], LostReasonDialog)
    assert _stored(db, ident).stage is S.WON
    assert _titles(page, S.WON) == ["Retrofit"]


def test_a_stale_drag_is_refused_not_written(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    ident = _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    page = _page(qtbot, context)
    source = page.columns[S.OFFER].model
    mime = source.mimeData([source.index(0, 0)])
    # Someone else renames the deal after the card was read.
    row = _row(db, ident)
    opportunities.save_opportunity(
        db, ident, row.version, OpportunityInput(title="Retrofit II", stage=S.OFFER)
    )
    said: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.close()

    _when_modal(read_and_close)
    page.columns[S.WON].model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: len(said) == 1)
    assert "changed by someone else" in said[0]
    assert _stored(db, ident).stage is S.OFFER


def test_the_list_filters_by_owner_stage_and_words(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    anna = factories.team_member(db, "Anna Vogel")
    ben = factories.team_member(db, "Ben Krüger")
    _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000, owner_id=anna.id)
    _deal(db, "Förde Druck KG", "Wartung", 5_000, owner_id=ben.id, stage=S.OFFER_SENT)
    _deal(db, "Alpenblick Logistik AG", "Lager", 20_000, owner_id=anna.id, stage=S.NEGOTIATION)
    page = _page(qtbot, context)
    page.show_list()
    assert page.table.isVisible()
    assert page.stage_filter.isVisible()
    model = page.list_model

    def titles() -> list[str]:
        return [str(model.index(n, 0).data()) for n in range(model.rowCount())]

    assert sorted(titles()) == ["Lager", "Retrofit", "Wartung"]
    page.owner.setCurrentIndex(page.owner.findData(anna.id))
    assert sorted(titles()) == ["Lager", "Retrofit"]
    assert page.count_label.text() == "2 deals listed"
    page.stage_filter.setCurrentIndex(page.stage_filter.findData(S.NEGOTIATION.value))
    assert titles() == ["Lager"]
    row = [str(model.index(0, c).data()).replace("\xa0", " ") for c in range(model.columnCount())]
    assert row == [
        "Lager",
        "Alpenblick Logistik AG",
        "Jana Becker",
        "Negotiation",
        "20.000 €",
        "60 %",
        "12.000 €",
        "",
        "Anna Vogel",
    ]
    page.owner.setCurrentIndex(0)  # everyone
    page.stage_filter.setCurrentIndex(0)  # all stages
    qtbot.keyClicks(page.search, "druck")
    qtbot.waitUntil(lambda: titles() == ["Wartung"])
    # The board takes the same owner and words (not the list's stage).
    page.show_board()
    assert _titles(page, S.OFFER_SENT) == ["Wartung"]
    assert _titles(page, S.NEGOTIATION) == []


def test_the_list_sorts_by_a_header(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    _deal(sqlite_db, "A GmbH", "Klein", 1_000)
    _deal(sqlite_db, "B GmbH", "Groß", 90_000)
    _deal(sqlite_db, "C GmbH", "Ohne Wert", None)
    page = _page(qtbot, sqlite_context)
    page.show_list()
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # value
    model = page.list_model
    assert [model.index(n, 0).data() for n in range(3)] == ["Groß", "Klein", "Ohne Wert"]
    page.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    assert [model.index(n, 0).data() for n in range(3)] == ["Klein", "Groß", "Ohne Wert"]
    # The header's layout is kept for the next start.
    assert "pipeline" in sqlite_context.preferences.layouts


def test_closing_until_leaves_out_later_and_undated_deals(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    today = dt.date.today()
    _deal(sqlite_db, "A GmbH", "Bald", 1_000, closes=today + dt.timedelta(days=10))
    _deal(sqlite_db, "B GmbH", "Später", 2_000, closes=today + dt.timedelta(days=200))
    _deal(sqlite_db, "C GmbH", "Irgendwann", 3_000)
    page = _page(qtbot, sqlite_context)
    assert len(_titles(page, S.OFFER)) == 3
    page.closing_on.setDate(page.closing_on.date().currentDate().addDays(30))
    page.closing.setChecked(True)
    qtbot.waitUntil(lambda: _titles(page, S.OFFER) == ["Bald"])
    assert _text(page.columns[S.OFFER].sums).endswith("1.000 €\nweighted 200 €")
    page.closing.setChecked(False)
    assert len(_titles(page, S.OFFER)) == 3


def test_lost_reasons_are_counted_most_frequent_first(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    _deal(db, "A GmbH", "Eins", 1_000, stage=S.LOST, reason=LostReason.COMPETITOR)
    _deal(db, "B GmbH", "Zwei", 2_000, stage=S.LOST, reason=LostReason.PRICE)
    _deal(db, "C GmbH", "Drei", 3_000, stage=S.LOST, reason=LostReason.PRICE)
    _deal(db, "D GmbH", "Vier", 4_000, stage=S.WON)
    page = _page(qtbot, context)
    assert _text(page.lost_reasons) == "Lost: Price 2 · Went to a competitor 1"
    assert _text(page.columns[S.LOST].sums) == "3 deals · 6.000 €"


def test_a_full_column_points_to_the_list(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    for n in range(3):
        _deal(sqlite_db, f"Firma {n}", f"Angebot {n}", 1_000)
    _deal(sqlite_db, "Andere", "Verhandlung", 1_000, stage=S.NEGOTIATION)
    page = _page(qtbot, sqlite_context)
    page.card_limit = 2
    page.reload()
    column = page.columns[S.OFFER]
    assert column.model.rowCount() == 2
    assert column.more.isVisible()
    assert "and 1 more — see the list" in column.more.text()
    assert _text(column.sums).startswith("3 deals")
    column.more.linkActivated.emit("list")
    assert page.is_list_shown()
    assert page.list_model.rowCount() == 3  # the column's stage, all of it


def test_enter_on_a_card_opens_its_form(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    _deal(sqlite_db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    page = _page(qtbot, sqlite_context)
    _select_card(page, S.OFFER, "Retrofit")
    seen = _when_modal(_cancel)
    qtbot.keyClick(page.columns[S.OFFER].view, Qt.Key.Key_Return)
    assert len(seen) == 1
    assert isinstance(seen[0], OpportunityDialog)
    assert seen[0].title.text() == "Retrofit"


def _dialog(qtbot: QtBot, context: AppContext, row: OpportunityRow) -> OpportunityDialog:
    dialog = OpportunityDialog(context, row)
    # done() closes without the "Discard…?" question, which would block a failed test.
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.done(0))
    dialog.show()
    return dialog


def test_the_form_saves_every_field(qtbot: QtBot, context: AppContext, db: Database) -> None:
    owner = factories.team_member(db, "Anna Vogel")
    ident = _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    dialog = _dialog(qtbot, context, _row(db, ident))
    assert dialog.probability.value() == 20
    assert not dialog.lost_reason.isEnabled()
    dialog.title.setText("Retrofit Fräszentrum DMU 50")
    dialog.offer.setPlainText("Steuerung, Spindel, Schulung")
    dialog.value.setText("48.500,50")
    dialog.stage.setCurrentIndex(dialog.stage.findData(S.NEGOTIATION.value))
    assert dialog.probability.value() == 60  # the stage's usual percentage
    dialog.probability.setValue(70)
    dialog.closes_known.setChecked(True)
    dialog.closes_on.setDate(dialog.closes_on.date().fromString("2025-09-30", "yyyy-MM-dd"))
    dialog.owner.setCurrentIndex(dialog.owner.findData(owner.id))
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = _stored(db, ident)
    assert (
        stored.title,
        stored.offer,
        stored.value_eur,
        stored.stage,
        stored.probability,
        stored.expected_close_on,
        stored.owner_id,
    ) == (
        "Retrofit Fräszentrum DMU 50",
        "Steuerung, Spindel, Schulung",
        Decimal("48500.50"),
        S.NEGOTIATION,
        70,
        dt.date(2025, 9, 30),
        owner.id,
    )


def test_the_form_shows_problems_beside_their_fields(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    ident = _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    before = _stored(db, ident)
    dialog = _dialog(qtbot, context, _row(db, ident))
    dialog.title.setText("   ")
    dialog.buttons.accepted.emit()
    assert dialog.problem_text("title") == "Required."
    assert dialog.problem_labels["title"].isVisible()
    assert dialog.isVisible()
    dialog.title.setText("Retrofit")
    dialog.value.setText("viel")
    dialog.buttons.accepted.emit()
    assert dialog.problem_text("title") == ""
    assert dialog.problem_text("value_eur") == "Not a number, e.g. 2.500.000."
    # Lost needs its reason, said beside the reason's field.
    dialog.value.setText("10.000")
    dialog.stage.setCurrentIndex(dialog.stage.findData(S.LOST.value))
    assert dialog.lost_reason.isEnabled()
    assert dialog.probability.value() == 0
    dialog.buttons.accepted.emit()
    assert dialog.problem_text("lost_reason_code") != ""
    assert dialog.isVisible()
    assert _stored(db, ident).version == before.version


def test_a_concurrent_edit_keeps_what_was_typed(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    ident = _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    dialog = _dialog(qtbot, context, _row(db, ident))
    # Someone else saves the deal after the form has read it.
    row = _row(db, ident)
    opportunities.save_opportunity(
        db, ident, row.version, OpportunityInput(title="Retrofit (Kollege)", stage=S.OFFER_SENT)
    )
    dialog.title.setText("Retrofit mit Schulung")
    dialog.value.setText("12.000")

    def keep(widget: QWidget) -> None:
        button = widget.findChild(QPushButton, "keep_editing")
        assert button is not None
        button.click()

    seen = _when_modal(keep)
    dialog.buttons.accepted.emit()
    assert len(seen) == 1
    assert isinstance(seen[0], QMessageBox)
    assert "changed by someone else" in seen[0].text()
    assert dialog.isVisible()
    assert (dialog.title.text(), dialog.value.text()) == ("Retrofit mit Schulung", "12.000")
    stored = _stored(db, ident)
    assert (stored.title, stored.stage) == ("Retrofit (Kollege)", S.OFFER_SENT)


def test_a_hidden_page_reads_again_when_shown(
    qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database
) -> None:
    ident = _deal(sqlite_db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    page = _page(qtbot, sqlite_context)
    page.hide()
    row = _row(sqlite_db, ident)
    sqlite_context.operations.write(
        lambda db: opportunities.move_stage(db, ident, row.version, S.OFFER_SENT)
    )
    assert _titles(page, S.OFFER) == ["Retrofit"]  # not read while hidden
    page.show()
    assert _titles(page, S.OFFER_SENT) == ["Retrofit"]


def test_the_item_models_keep_qts_rules(
    qtmodeltester: ModelTester, context: AppContext, db: Database
) -> None:
    _deal(db, "Müller Maschinenbau GmbH", "Retrofit", 10_000)
    _deal(db, "Förde Druck KG", "Wartung", None, stage=S.LOST, reason=LostReason.PRICE)
    with db.reading() as session:
        rows = opportunities.list_opportunities(session)
    cards = CardModel(S.OFFER)
    cards.set_rows([r for r in rows if r.stage is S.OFFER])
    qtmodeltester.check(cards)
    table = OpportunityTableModel()
    table.set_rows(rows)
    qtmodeltester.check(table)
    table.sort(4, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(table)
    qtmodeltester.check(OpportunityTableModel())
