"""nurturing: cadences, their steps and the plans applied to leads; touches planned for a day

A cadence (Pflegeplan) is a template of steps; a cadence run is one applied to a person, with
the step planned last and why it stopped. Activities know their run and step, and whether they
are planned for a day rather than an hour; the touches still to make get indexes of their own.
The database gets a name of its own for the UIDs of its calendar exports.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 14:00:00.000000
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UID_KEY = "database.uid"


def _tracked() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "cadences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadences")),
        sa.UniqueConstraint("name", name=op.f("uq_cadences_name")),
    )
    op.create_table(
        "cadence_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cadence_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("days_after", sa.Integer(), nullable=False),
        sa.Column("talking_point", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadence_id"],
            ["cadences.id"],
            name=op.f("fk_cadence_steps_cadence_id_cadences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadence_steps")),
        sa.UniqueConstraint(
            "cadence_id", "position", name=op.f("uq_cadence_steps_cadence_id_position")
        ),
    )
    op.create_table(
        "cadence_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("cadence_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("off_days", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("stopped_at", sa.DateTime(), nullable=True),
        sa.Column("stop_reason", sa.String(length=24), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_cadence_runs_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cadence_id"],
            ["cadences.id"],
            name=op.f("fk_cadence_runs_cadence_id_cadences"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["team_members.id"],
            name=op.f("fk_cadence_runs_by_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadence_runs")),
    )
    op.create_index(
        "ix_cadence_runs_contact_id_stopped_at", "cadence_runs", ["contact_id", "stopped_at"]
    )
    with op.batch_alter_table("activities") as batch:
        batch.add_column(
            sa.Column("all_day", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("cadence_run_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("step", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_activities_cadence_run_id_cadence_runs"),
            "cadence_runs",
            ["cadence_run_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index("ix_activities_cadence_run_id", "activities", ["cadence_run_id"])
    planned = sa.text("done_at IS NULL")
    op.create_index(
        "ix_activities_planned_due_at",
        "activities",
        ["due_at"],
        sqlite_where=planned,
        postgresql_where=planned,
    )
    op.create_index(
        "ix_activities_planned_owner_id_due_at",
        "activities",
        ["owner_id", "due_at"],
        sqlite_where=planned,
        postgresql_where=planned,
    )
    settings = sa.table(
        "settings",
        sa.column("key", sa.String()),
        sa.column("value", sa.JSON()),
        sa.column("created_at", sa.DateTime()),
        sa.column("updated_at", sa.DateTime()),
        sa.column("version", sa.Integer()),
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(
        settings,
        [
            {
                "key": UID_KEY,
                "value": uuid.uuid4().hex,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        ],
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM settings WHERE key = :key").bindparams(key=UID_KEY))
    op.drop_index("ix_activities_planned_owner_id_due_at", table_name="activities")
    op.drop_index("ix_activities_planned_due_at", table_name="activities")
    op.drop_index("ix_activities_cadence_run_id", table_name="activities")
    with op.batch_alter_table("activities") as batch:
        batch.drop_constraint(
            op.f("fk_activities_cadence_run_id_cadence_runs"), type_="foreignkey"
        )
        batch.drop_column("step")
        batch.drop_column("cadence_run_id")
        batch.drop_column("all_day")
    op.drop_index("ix_cadence_runs_contact_id_stopped_at", table_name="cadence_runs")
    op.drop_table("cadence_runs")
    op.drop_table("cadence_steps")
    op.drop_table("cadences")
