"""qualification: the checklist's details, the lead history, offers and team capacity

The four criteria get what the checklist asks for (others who decide, the pains, the budget,
the date to qualify again, why a lead was given up); every change of a lead's status or
criteria is kept in lead_events; opportunities get their offer, probability and a lost reason
to count; team members their calls per hour and reach rate for the capacity planner.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 11:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "team_members",
        sa.Column(
            "calls_per_hour",
            sa.Numeric(precision=5, scale=1),
            server_default="10",
            nullable=False,
        ),
    )
    op.add_column(
        "team_members",
        sa.Column("reach_percent", sa.Integer(), server_default="25", nullable=False),
    )
    for name, column in (
        ("authority_others", sa.JSON()),
        ("need_pains", sa.JSON()),
    ):
        op.add_column(
            "qualifications", sa.Column(name, column, server_default="[]", nullable=False)
        )
    op.add_column("qualifications", sa.Column("budget_available", sa.Boolean(), nullable=True))
    op.add_column(
        "qualifications", sa.Column("budget_min_eur", sa.Numeric(precision=14, scale=2))
    )
    op.add_column(
        "qualifications", sa.Column("budget_max_eur", sa.Numeric(precision=14, scale=2))
    )
    op.add_column("qualifications", sa.Column("budget_period", sa.String(length=60)))
    op.add_column("qualifications", sa.Column("requalify_on", sa.Date()))
    op.add_column("qualifications", sa.Column("disqualify_reason", sa.String(length=24)))
    op.add_column("qualifications", sa.Column("disqualify_note", sa.Text()))
    op.create_index("ix_qualifications_requalify_on", "qualifications", ["requalify_on"])

    op.add_column("opportunities", sa.Column("offer", sa.Text()))
    op.add_column("opportunities", sa.Column("probability", sa.Integer()))
    op.add_column("opportunities", sa.Column("lost_reason_code", sa.String(length=24)))
    op.create_index("ix_opportunities_owner_id", "opportunities", ["owner_id"])

    op.create_table(
        "lead_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.String(length=40), nullable=True),
        sa.Column("new_value", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_lead_events_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["team_members.id"],
            name=op.f("fk_lead_events_by_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_events")),
    )
    op.create_index("ix_lead_events_contact_id_at", "lead_events", ["contact_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_lead_events_contact_id_at", table_name="lead_events")
    op.drop_table("lead_events")
    op.drop_index("ix_opportunities_owner_id", table_name="opportunities")
    with op.batch_alter_table("opportunities") as batch:
        for name in ("lost_reason_code", "probability", "offer"):
            batch.drop_column(name)
    op.drop_index("ix_qualifications_requalify_on", table_name="qualifications")
    with op.batch_alter_table("qualifications") as batch:
        for name in (
            "disqualify_note",
            "disqualify_reason",
            "requalify_on",
            "budget_period",
            "budget_max_eur",
            "budget_min_eur",
            "budget_available",
            "need_pains",
            "authority_others",
        ):
            batch.drop_column(name)
    with op.batch_alter_table("team_members") as batch:
        batch.drop_column("reach_percent")
        batch.drop_column("calls_per_hour")
