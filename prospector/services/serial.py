"""One at a time on a server: the work that decides whether a record already exists."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# The key of PostgreSQL's advisory lock held by imports, merges and bulk tagging.
DECIDING_LOCK = 0x50524F53  # "PROS"


def one_at_a_time(session: Session) -> None:
    """Wait until no other import, merge or bulk tagging runs on the server, and hold the
    turn until this transaction ends: two of them must not both find a company (or a tag)
    missing and both add it. SQLite's write transactions are one at a time already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": DECIDING_LOCK})
