"""The wizard's offer to give persons without a company the company of their e-mail domain."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector.db import Database
from prospector.models import Company, Contact
from ui.context import AppContext
from ui.dialogs.import_wizard import ImportWizard


def _wizard(qtbot: QtBot, context: AppContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.info is not None, timeout=20_000)
    wizard.next()  # columns
    wizard.next()  # duplicates and problems
    return wizard


def test_persons_get_the_company_of_their_domain_when_the_box_is_ticked(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "Adressbuch.csv"
    path.write_text(
        "Vorname;Nachname;E-Mail\nUte;Zander;ute@zander-design.de\nEva;Frei;eva@gmx.de\n",
        encoding="utf-8",
    )
    wizard = _wizard(qtbot, context, path)
    page = wizard.duplicates_page
    assert page.mail_section.isVisible()
    assert not page.mail_box.isChecked()  # off unless asked for
    page.mail_box.setChecked(True)
    wizard.next()  # preview
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20_000)
    counts = wizard.preview_page.counts_label.text()
    assert "1 new compan" in counts  # (tests run without the English plural forms)
    assert counts.endswith("2 new contacts")
    with qtbot.waitSignal(wizard.run_page.job.finished, timeout=20_000):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page)
    with db.reading() as session:
        people = session.execute(
            select(Contact.last_name, Company.name)
            .outerjoin(Company, Company.id == Contact.company_id)
            .order_by(Contact.last_name)
        ).all()
    assert [tuple(p) for p in people] == [("Frei", None), ("Zander", "zander-design.de")]
    with contextlib.suppress(RuntimeError):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_list_of_companies_is_not_offered_companies_from_e_mail(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "Firmen.csv"
    path.write_text("Firma;E-Mail\nAlpha GmbH;info@alpha.de\n", encoding="utf-8")
    wizard = _wizard(qtbot, context, path)
    assert not wizard.duplicates_page.mail_section.isVisible()
    assert not wizard.state.companies_from_mail
