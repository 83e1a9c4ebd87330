"""fit score and core group per company, the profile's value proposition, and the persona's fields

The fit score starts empty; it is computed when a profile is made active (and for a company
whenever it is saved). The columns are added with ALTER TABLE, never by rebuilding a table:
the full-text triggers of companies stay as they are.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("companies", sa.Column("fit_score", sa.Integer(), nullable=True))
    op.add_column("companies", sa.Column("in_core_group", sa.Boolean(), nullable=True))
    op.create_index(
        "ix_companies_fit_score",
        "companies",
        ["fit_score", "name_key", "id"],
        unique=False,
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.add_column(
        "ideal_customer_profiles", sa.Column("value_proposition", sa.Text(), nullable=True)
    )
    op.add_column(
        "personas", sa.Column("keywords", sa.JSON(), server_default="[]", nullable=False)
    )
    op.add_column("personas", sa.Column("department", sa.String(length=120), nullable=True))
    op.add_column("personas", sa.Column("seniority", sa.String(length=40), nullable=True))
    op.add_column(
        "personas",
        sa.Column(
            "decision_role",
            sa.Enum(
                "decision_maker",
                "influencer",
                "user",
                "gatekeeper",
                "unknown",
                name="decisionrole",
                native_enum=False,
                length=24,
            ),
            server_default="unknown",
            nullable=False,
        ),
    )
    op.add_column(
        "personas",
        sa.Column("budget_authority", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("personas", sa.Column("objections", sa.Text(), nullable=True))


def downgrade() -> None:
    for column in (
        "objections",
        "budget_authority",
        "decision_role",
        "seniority",
        "department",
        "keywords",
    ):
        with op.batch_alter_table("personas", schema=None) as batch_op:
            batch_op.drop_column(column)
    with op.batch_alter_table("ideal_customer_profiles", schema=None) as batch_op:
        batch_op.drop_column("value_proposition")
    op.drop_index("ix_companies_fit_score", table_name="companies")
    op.drop_column("companies", "in_core_group")
    op.drop_column("companies", "fit_score")
