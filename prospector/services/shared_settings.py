"""Settings everyone who uses the database shares: a JSON value under a key."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from prospector.models import Setting, utcnow


def read_setting(session: Session, key: str) -> Any:
    """The value stored under the key; None when there is none."""
    found = session.get(Setting, key)
    return None if found is None else found.value


def write_setting(session: Session, key: str, value: Any) -> None:
    """Store the value under the key. One statement that inserts or updates: two users
    writing at once never collide on the key."""
    dialect = session.get_bind().dialect.name
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    statement = upsert(Setting).values(
        key=key, value=value, created_at=now, updated_at=now, version=1
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[Setting.key],
            set_={
                "value": statement.excluded.value,
                "updated_at": now,
                "version": Setting.version + 1,
            },
        )
    )
    session.expire_all()  # a Setting read before in this session must not hide the new value
