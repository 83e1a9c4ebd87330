"""contact list: a sort key, search words and their full-text index per contact

Both columns start empty; prospector.search_index fills them when the database is opened (its
SEARCH_VERSION says when). The full-text index is built as the companies' is (0002): on SQLite
an FTS5 table over contacts.search_text kept in step by triggers, on PostgreSQL a GIN index
over its tsvector. A later migration that rebuilds the contacts table in batch mode must
create the triggers again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE contact_fts USING fts5(
        search_text, content='contacts', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2", prefix='2 3')""",
    """CREATE TRIGGER contact_fts_after_insert AFTER INSERT ON contacts BEGIN
        INSERT INTO contact_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER contact_fts_after_delete AFTER DELETE ON contacts BEGIN
        INSERT INTO contact_fts(contact_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER contact_fts_after_update AFTER UPDATE OF search_text ON contacts BEGIN
        INSERT INTO contact_fts(contact_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO contact_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO contact_fts(contact_fts) VALUES ('rebuild')",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS contact_fts_after_update",
    "DROP TRIGGER IF EXISTS contact_fts_after_delete",
    "DROP TRIGGER IF EXISTS contact_fts_after_insert",
    "DROP TABLE IF EXISTS contact_fts",
]
POSTGRES_INDEX = (
    "CREATE INDEX ix_contacts_search_fts ON contacts USING gin (to_tsvector('simple', search_text))"
)


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_key", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
        # With the company: the list checks whether it is in the trash without reading rows.
        batch_op.create_index(
            "ix_contacts_name_key_id",
            ["name_key", "id", "company_id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        # A company's live contacts by name (and the people without one, company_id NULL).
        batch_op.drop_index("ix_contacts_company_id")
        batch_op.create_index(
            "ix_contacts_company_id",
            ["company_id", "deleted_at", "name_key", "id"],
            unique=False,
        )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute(POSTGRES_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS ix_contacts_search_fts")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_company_id")
        batch_op.create_index("ix_contacts_company_id", ["company_id"], unique=False)
        batch_op.drop_index("ix_contacts_name_key_id")
        batch_op.drop_column("search_text")
        batch_op.drop_column("name_key")
