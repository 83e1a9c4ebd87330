"""A consumer's consents in the contact form: recorded, listed, withdrawn."""

from __future__ import annotations

import datetime as dt

from factories import contact
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.enums import ConsentChannel, ConsentMethod
from prospector.services import consents
from ui.context import AppContext
from ui.dialogs.consent_dialog import ConsentDialog
from ui.dialogs.contact_dialog import ContactDialog
from ui.widgets.form import select_data


def test_the_consents_button_is_for_stored_consumers(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    new = ContactDialog(context, None)
    qtbot.addWidget(new)
    new.checks["is_consumer"].setChecked(True)
    assert not new.consents_button.isEnabled()
    assert "Save the person first" in new.consents_button.toolTip()

    person = contact(db, None, "Schmidt", first_name="Eva", is_consumer=True)
    stored = ContactDialog(context, None, person.id)
    qtbot.addWidget(stored)
    assert stored.consents_button.isEnabled()
    stored.checks["is_consumer"].setChecked(False)
    assert not stored.consents_button.isEnabled()
    stored.checks["is_consumer"].setChecked(True)
    stored.consents_button.click()
    assert isinstance(stored.consent_dialog, ConsentDialog)
    assert stored.consent_dialog.windowTitle() == "Consents of Eva Schmidt"
    stored.consent_dialog.close()


def test_recording_and_withdrawing_a_consent(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    person = contact(db, None, "Schmidt", first_name="Eva", is_consumer=True)
    dialog = ConsentDialog(context, person.id, "Eva Schmidt")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.topLevelItemCount() == 0
    dialog.given_on.setDate(QDate(2026, 11, 20))
    select_data(dialog.channel, ConsentChannel.PHONE)
    select_data(dialog.method, ConsentMethod.WEB_FORM)
    qtbot.keyClicks(dialog.recorded_by, "Anna Berger")
    dialog.wording.setPlainText("Ja, Sie dürfen mich zu Solaranlagen anrufen.")
    dialog.add_button.click()

    assert dialog.list.topLevelItemCount() == 1
    item = dialog.list.topLevelItem(0)
    assert item is not None
    assert [item.text(c) for c in (1, 2, 3)] == [
        "Calls",
        "Web form with double opt-in",
        "Anna Berger",
    ]
    assert item.toolTip(0) == "Ja, Sie dürfen mich zu Solaranlagen anrufen."
    assert dialog.wording.toPlainText() == ""

    dialog.list.setCurrentItem(item)
    assert dialog.withdraw_button.isEnabled()
    dialog.withdraw_button.click()
    with db.reading() as session:
        (stored,) = consents.list_consents(session, person.id)
    assert stored.withdrawn_on == dt.date.today()
    item = dialog.list.topLevelItem(0)
    assert item is not None
    assert item.text(4) != ""
    dialog.list.setCurrentItem(item)
    assert not dialog.withdraw_button.isEnabled()
