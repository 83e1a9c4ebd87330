"""lead sources and their cost; WZ codes in the official form; the core group indexed

Lead sources: where companies come from (companies.source names one), and what it cost.
WZ codes are rewritten in the official form ('2841' -> '28.41'), as companies are stored
from now on: the profile's industry criteria compare prefixes of it. The core-group filter of
the company list gets an index of its own.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 09:00:00.000000
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The shape of a WZ code, as prospector.industry_codes read it when this migration was written.
NUMERIC = re.compile(r"([0-9]{2})(?:[. ]?([0-9])(?:([0-9])(?:[. ]?([0-9]))?)?)?")
SECTION = re.compile(r"[A-Ua-u]")


def official(raw: str) -> str | None:
    text = " ".join(raw.split())
    if SECTION.fullmatch(text):
        return text.upper()
    match = NUMERIC.fullmatch(text)
    if match is None:
        return None
    division, third, fourth, fifth = match.groups()
    code = division
    if third:
        code += "." + third + (fourth or "")
    if fifth:
        code += "." + fifth
    return code


def upgrade() -> None:
    op.create_table(
        "lead_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("cost_eur", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_sources")),
        sa.UniqueConstraint("name", name=op.f("uq_lead_sources_name")),
    )
    op.create_index(
        "ix_companies_in_core_group",
        "companies",
        ["in_core_group", "name_key", "id"],
        unique=False,
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    companies = sa.table("companies", sa.column("id", sa.Integer), sa.column("wz_code", sa.String))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(companies.c.id, companies.c.wz_code).where(companies.c.wz_code.is_not(None))
    ).all()
    changed = [
        {"key": ident, "code": found}
        for ident, code in rows
        if (found := official(code)) is not None and found != code
    ]
    if changed:
        connection.execute(
            companies.update()
            .where(companies.c.id == sa.bindparam("key"))
            .values(wz_code=sa.bindparam("code")),
            changed,
        )


def downgrade() -> None:
    # The WZ codes stay in the official form: every older version reads it.
    op.drop_index("ix_companies_in_core_group", table_name="companies")
    op.drop_table("lead_sources")
