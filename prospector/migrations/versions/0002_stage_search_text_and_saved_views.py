"""stage, search text and saved views

The full-text index differs by database: on SQLite an FTS5 table over companies.search_text,
kept in step by triggers; on PostgreSQL a GIN index over its tsvector. A later migration that
rebuilds the companies table in batch mode must create the triggers again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 16:01:17
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE company_fts USING fts5(
        search_text, content='companies', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2", prefix='2 3')""",
    """CREATE TRIGGER company_fts_after_insert AFTER INSERT ON companies BEGIN
        INSERT INTO company_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER company_fts_after_delete AFTER DELETE ON companies BEGIN
        INSERT INTO company_fts(company_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER company_fts_after_update AFTER UPDATE OF search_text ON companies BEGIN
        INSERT INTO company_fts(company_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO company_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO company_fts(company_fts) VALUES ('rebuild')",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS company_fts_after_update",
    "DROP TRIGGER IF EXISTS company_fts_after_delete",
    "DROP TRIGGER IF EXISTS company_fts_after_insert",
    "DROP TABLE IF EXISTS company_fts",
]
POSTGRES_INDEX = (
    "CREATE INDEX ix_companies_search_fts ON companies "
    "USING gin (to_tsvector('simple', search_text))"
)


def upgrade() -> None:
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("columns", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_views")),
        sa.UniqueConstraint("page", "name", name=op.f("uq_saved_views_page_name")),
    )
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "stage",
                sa.Enum(
                    "target",
                    "lead",
                    "opportunity",
                    "customer",
                    "excluded",
                    name="companystage",
                    native_enum=False,
                    length=24,
                ),
                server_default="target",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
        batch_op.create_index(
            "ix_companies_stage",
            ["stage"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    # search_text starts empty; prospector.search fills it when the database is opened.
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
        op.execute("DROP INDEX IF EXISTS ix_companies_search_fts")
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_index("ix_companies_stage")
        batch_op.drop_column("search_text")
        batch_op.drop_column("stage")

    op.drop_table("saved_views")
