"""What every page needs: the open database and this machine's preferences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from prospector.settings import Preferences, save_preferences

if TYPE_CHECKING:
    from prospector.db import Database


class DataEvents(QObject):
    """Announces changes to the data so that every open view can refresh itself."""

    companies_changed = Signal()


@dataclass
class AppContext:
    database: Database
    preferences: Preferences
    events: DataEvents = field(default_factory=DataEvents)

    def update_preferences(self, **changes: object) -> None:
        self.preferences = self.preferences.with_changes(**changes)
        save_preferences(self.preferences)
