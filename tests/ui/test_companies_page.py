"""The company list as a user works with it: search, filters, columns, views, bulk actions."""

from __future__ import annotations

from collections.abc import Callable

import factories
import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.records import CompanyRow
from prospector.services import companies, company_query, tags
from prospector.sizeclass import SizeClass
from ui.context import AppContext
from ui.pages.companies_page import CompaniesPage
from ui.pages.trash_page import TrashPage


def _answer(action: Callable[[QApplication], None]) -> None:
    """Answer the next modal dialog the way a user would."""

    def run() -> None:
        widget = QApplication.activeModalWidget()
        assert widget is not None
        action(widget)  # type: ignore[arg-type]

    QTimer.singleShot(0, run)


def _click(text: str) -> Callable[[QMessageBox], None]:
    def click(box: QMessageBox) -> None:
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text().replace("&", "") == text).click()

    return click


def _type(value: str) -> Callable[[QInputDialog], None]:
    def enter(dialog: QInputDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(value)
        dialog.accept()

    return enter


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, db: Database) -> CompaniesPage:
    with db.writing() as session:
        made = factories.firms(session, bulk=True)
        factories.contact(session, made["kiel"], "Schäfer", first_name="Jörg")
    widget = CompaniesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    widget.reload()
    return widget


def _rows(page: CompaniesPage) -> list[CompanyRow]:
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert None not in rows
    return [row for row in rows if row is not None]


def _shown(page: CompaniesPage) -> list[str]:
    return [row.name for row in _rows(page)]


def test_typing_a_folded_contact_name_finds_the_company(qtbot: QtBot, page: CompaniesPage) -> None:
    counts: list[tuple[int, int]] = []
    page.count_changed.connect(lambda shown, total: counts.append((shown, total)))
    qtbot.keyClicks(page.filter_bar.search, "schafer")
    qtbot.waitUntil(lambda: _shown(page) == ["Förde Druck KG"], timeout=3000)
    assert counts[-1] == (1, 3)
    page.filter_bar.search.clear()
    qtbot.waitUntil(lambda: len(_shown(page)) == 3, timeout=3000)


def test_a_search_alone_leaves_nothing_to_reset(qtbot: QtBot, page: CompaniesPage) -> None:
    qtbot.keyClicks(page.filter_bar.search, "kiel")
    qtbot.waitUntil(lambda: _shown(page) == ["Förde Druck KG"], timeout=3000)
    assert not page.filter_bar.reset_button.isEnabled()  # it resets filters, not the search
    page.filter_bar.state.set_selected(["Bayern"])
    assert page.filter_bar.reset_button.isEnabled()


def test_an_empty_list_says_why(
    qtbot: QtBot, page: CompaniesPage, context: AppContext, db: Database
) -> None:
    assert page.empty_hint.isHidden()
    qtbot.keyClicks(page.filter_bar.search, "nirgendwo")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=3000)
    assert page.empty_hint.isVisible()
    assert page.empty_hint.text() == "No company matches the search and the filters."
    assert page.empty_hint.geometry() == page.view.viewport().rect()
    page.filter_bar.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=3000)
    assert page.empty_hint.isHidden()

    fresh = CompaniesPage(context)
    qtbot.addWidget(fresh)
    with db.writing() as session:
        for row in company_query.list_companies(session):
            companies.delete_company(session, row.id)
    fresh.show()
    fresh.reload()
    assert fresh.empty_hint.isVisible()
    assert "Import a spreadsheet (Ctrl+I)" in fresh.empty_hint.text()


def test_filters_narrow_the_list_and_reset(qtbot: QtBot, page: CompaniesPage) -> None:
    page.filter_bar.state.set_selected(["Bayern", "Sachsen"])
    assert _shown(page) == ["Alpenblick Logistik AG", "Müller Maschinenbau GmbH"]
    assert page.filter_bar.state.text() == "State (2)"
    page.filter_bar.size_class.set_selected([SizeClass.SMALL])
    assert _shown(page) == ["Müller Maschinenbau GmbH"]
    assert page.filter_bar.reset_button.isEnabled()
    page.filter_bar.reset_button.click()
    assert len(_shown(page)) == 3
    page.filter_bar.postcode.setText("8-9")
    qtbot.waitUntil(lambda: _shown(page) == ["Alpenblick Logistik AG"], timeout=3000)
    page.filter_bar.postcode.setText("8x")
    qtbot.waitUntil(lambda: len(_shown(page)) == 3, timeout=3000)  # not a filter until valid
    assert "digits" in page.filter_bar.postcode.toolTip()


def test_bulk_tagging_a_selection(
    qtbot: QtBot, page: CompaniesPage, context: AppContext, db: Database
) -> None:
    page.view.selectRow(0)
    page.view.selectionModel().select(
        page.model.index(2, 0),
        page.view.selectionModel().SelectionFlag.Select
        | page.view.selectionModel().SelectionFlag.Rows,
    )
    chosen = page.selected_ids()
    assert len(chosen) == 2
    _answer(_type("Messe 2026, A-Kunde"))
    page.add_tags_selected()
    with db.reading() as session:
        names = {t.name: t.id for t in tags.list_tags(session)}
        tagged = company_query.list_companies(
            session, CompanyFilter(tag_ids=(names["Messe 2026"],))
        )
    assert sorted(r.id for r in tagged) == sorted(chosen)
    assert {row.tags for row in _rows(page) if row.id in chosen} == {("A-Kunde", "Messe 2026")}
    page.filter_bar.tags.refresh()  # what opening its menu does
    assert "Messe 2026" in [text for _, text in page.filter_bar.tags.options()]


def test_delete_asks_moves_to_trash_and_restores(
    qtbot: QtBot, page: CompaniesPage, context: AppContext, db: Database
) -> None:
    trash_page = TrashPage(context)
    qtbot.addWidget(trash_page)
    trash_page.reload()
    page.view.selectRow(0)
    victim = page.selected_ids()[0]
    _answer(_click("No"))
    assert page.trash_selected() == 0
    assert len(_shown(page)) == 3
    _answer(_click("Yes"))
    assert page.trash_selected() == 1
    assert victim not in [row.id for row in _rows(page)]
    assert trash_page.model.rowCount() == 1
    trash_page.view.selectRow(0)
    trash_page.restore_selected()
    assert victim in [row.id for row in _rows(page)]
    with db.reading() as session:
        assert company_query.count_companies(session) == 3


def test_columns_can_be_hidden_and_views_saved(
    qtbot: QtBot, page: CompaniesPage, context: AppContext
) -> None:
    page.set_column_visible(1, False)
    assert page.view.horizontalHeader().isSectionHidden(1)
    page.filter_bar.state.set_selected(["Bayern"])
    _answer(_type("Süden"))
    page.save_view()
    assert page.views.currentText() == "Süden"
    page.views.setCurrentIndex(0)
    page.views.activated.emit(0)
    assert len(_shown(page)) == 3
    page.set_column_visible(1, True)
    page.views.setCurrentIndex(1)
    page.views.activated.emit(1)
    assert _shown(page) == ["Alpenblick Logistik AG"]
    assert page.view.horizontalHeader().isSectionHidden(1)


def test_the_searches_are_prepared_once_the_rows_have_painted_not_before(
    qtbot: QtBot, context: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    factories.company(db, "Alpha GmbH")
    events: list[str] = []
    monkeypatch.setattr(
        company_query, "prepare_searches", lambda *_a, **_k: events.append("prepared")
    )
    widget = CompaniesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.reload()
    assert events == []  # reading the rows does not wait for it

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                events.append("painted")
            return False

    paints = Paints(widget)
    widget.view.viewport().installEventFilter(paints)
    widget.show()
    qtbot.waitUntil(lambda: "prepared" in events, timeout=2000)
    assert events[0] == "painted"  # the rows were on screen first
    widget.reload()
    qtbot.wait(300)
    assert events.count("prepared") == 1  # once per page, not per reload
