"""What every page needs: the operations on the open database, and this machine's preferences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from prospector.settings import Preferences, save_preferences
from ui.operations import Operations

if TYPE_CHECKING:
    from prospector.db import Database


@dataclass
class AppContext:
    operations: Operations
    preferences: Preferences

    @classmethod
    def open(cls, database: Database, preferences: Preferences) -> AppContext:
        return cls(Operations(database), preferences)

    def current_member_id(self) -> int | None:
        """The team member who uses the app here, if the open database has them."""
        name = self.preferences.current_user
        if not name:
            return None
        from prospector.services.team import find_member

        return self.operations.read(lambda session: find_member(session, name), quiet=True)

    def update_preferences(self, **changes: object) -> None:
        self.preferences = self.preferences.with_changes(**changes)
        save_preferences(self.preferences)
