"""VAT ID, other systems' keys, contacts without a company

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 14:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vat_id", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("external_ref", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("external_source", sa.String(length=100), nullable=True))
        batch_op.create_index(
            "ix_companies_external", ["external_source", "external_ref"], unique=False
        )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_ref", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("external_source", sa.String(length=100), nullable=True))
        batch_op.alter_column("company_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(
            "ix_contacts_external", ["external_source", "external_ref"], unique=False
        )


def downgrade() -> None:
    # Contacts without a company cannot exist in the older schema: they are deleted first.
    op.execute("DELETE FROM contacts WHERE company_id IS NULL")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_external")
        batch_op.alter_column("company_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("external_source")
        batch_op.drop_column("external_ref")
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_index("ix_companies_external")
        batch_op.drop_column("external_source")
        batch_op.drop_column("external_ref")
        batch_op.drop_column("vat_id")
