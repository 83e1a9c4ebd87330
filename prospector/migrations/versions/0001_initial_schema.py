"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 15:40:48.052010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


# The company list only ever shows live rows: its sort indexes leave out the trash, so that
# the planner walks them in order instead of sorting (and OFFSET skips without table reads).
# State and industry, the most used filters, carry the name order too: a filtered list in
# name order is then read in order as well.
LIVE = {
    "sqlite_where": sa.text("deleted_at IS NULL"),
    "postgresql_where": sa.text("deleted_at IS NULL"),
}

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "ideal_customer_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("markets", sa.Text(), nullable=True),
        sa.Column("pain_points", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ideal_customer_profiles")),
        sa.UniqueConstraint("name", name=op.f("uq_ideal_customer_profiles_name")),
    )
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sheet", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum("running", "done", "undone", name="importstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("created_count", sa.Integer(), nullable=False),
        sa.Column("updated_count", sa.Integer(), nullable=False),
        sa.Column("skipped_count", sa.Integer(), nullable=False),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_table(
        "personas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("title_patterns", sa.JSON(), nullable=False),
        sa.Column("authority", sa.Text(), nullable=True),
        sa.Column("budget", sa.Text(), nullable=True),
        sa.Column("goals", sa.Text(), nullable=True),
        sa.Column("pains", sa.Text(), nullable=True),
        sa.Column("talking_points", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personas")),
        sa.UniqueConstraint("name", name=op.f("uq_personas_name")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "team_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "field_sales",
                "inside_sales",
                "agency",
                name="teamrole",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("weekly_hours", sa.Numeric(precision=5, scale=1), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_members")),
        sa.UniqueConstraint("name", name=op.f("uq_team_members_name")),
    )
    op.create_table(
        "companies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("legal_form", sa.String(length=40), nullable=True),
        sa.Column("industry", sa.String(length=120), nullable=True),
        sa.Column("wz_code", sa.String(length=10), nullable=True),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("turnover_eur", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column(
            "structure",
            sa.Enum(
                "independent",
                "headquarters",
                "branch",
                "subsidiary",
                "group",
                name="companystructure",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column(
            "activity_type",
            sa.Enum(
                "manufacturing",
                "trade",
                "services",
                "craft",
                "public",
                "other",
                name="activitytype",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("street", sa.String(length=200), nullable=True),
        sa.Column("postcode", sa.String(length=12), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("state", sa.String(length=60), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("domain", sa.String(length=253), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_companies_import_batch_id_import_batches"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["team_members.id"],
            name=op.f("fk_companies_owner_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
    )
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.create_index("ix_companies_city", ["city"], unique=False, **LIVE)
        # Partial: only the trash. A plain index on a column that is NULL in nearly every row
        # would lure the planner away from the sort indexes of the company list.
        batch_op.create_index(
            "ix_companies_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.create_index("ix_companies_domain", ["domain"], unique=False)
        batch_op.create_index("ix_companies_employees", ["employees"], unique=False, **LIVE)
        batch_op.create_index("ix_companies_import_batch_id", ["import_batch_id"], unique=False)
        batch_op.create_index(
            "ix_companies_industry", ["industry", "name_key", "id"], unique=False, **LIVE
        )
        batch_op.create_index("ix_companies_name_key_id", ["name_key", "id"], unique=False, **LIVE)
        batch_op.create_index("ix_companies_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_companies_phone", ["phone"], unique=False)
        batch_op.create_index("ix_companies_postcode", ["postcode"], unique=False, **LIVE)
        batch_op.create_index(
            "ix_companies_state", ["state", "name_key", "id"], unique=False, **LIVE
        )
        batch_op.create_index("ix_companies_updated_at", ["updated_at"], unique=False, **LIVE)
        batch_op.create_index("ix_companies_wz_code", ["wz_code"], unique=False)

    op.create_table(
        "company_tags",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_company_tags_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_company_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("company_id", "tag_id", name=op.f("pk_company_tags")),
    )
    with op.batch_alter_table("company_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_company_tags_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column(
            "salutation",
            sa.Enum("mr", "ms", "none", name="salutation", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("academic_title", sa.String(length=40), nullable=True),
        sa.Column("first_name", sa.String(length=120), nullable=True),
        sa.Column("last_name", sa.String(length=120), nullable=False),
        sa.Column("job_title", sa.String(length=200), nullable=True),
        sa.Column("department", sa.String(length=120), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("linkedin", sa.String(length=300), nullable=True),
        sa.Column("persona_id", sa.Integer(), nullable=True),
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
            nullable=False,
        ),
        sa.Column("budget_authority", sa.Boolean(), nullable=False),
        sa.Column(
            "lead_status",
            sa.Enum(
                "contact",
                "lead",
                "qualifying",
                "nurturing",
                "opportunity",
                "disqualified",
                name="leadstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("do_not_contact", sa.Boolean(), nullable=False),
        sa.Column("do_not_contact_since", sa.Date(), nullable=True),
        sa.Column("do_not_contact_reason", sa.Text(), nullable=True),
        sa.Column(
            "legal_basis",
            sa.Enum(
                "consent",
                "contract",
                "legitimate_interest",
                "unknown",
                name="legalbasis",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("data_source", sa.String(length=200), nullable=True),
        sa.Column("is_consumer", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_contacts_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_contacts_import_batch_id_import_batches"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["team_members.id"],
            name=op.f("fk_contacts_owner_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["persona_id"],
            ["personas.id"],
            name=op.f("fk_contacts_persona_id_personas"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index("ix_contacts_company_id", ["company_id"], unique=False)
        batch_op.create_index("ix_contacts_email", ["email"], unique=False)
        batch_op.create_index("ix_contacts_import_batch_id", ["import_batch_id"], unique=False)
        batch_op.create_index("ix_contacts_last_name", ["last_name"], unique=False)
        batch_op.create_index("ix_contacts_lead_status", ["lead_status"], unique=False)
        batch_op.create_index("ix_contacts_owner_id", ["owner_id"], unique=False)
        batch_op.create_index("ix_contacts_persona_id", ["persona_id"], unique=False)
        batch_op.create_index("ix_contacts_phone", ["phone"], unique=False)

    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "call",
                "email",
                "meeting",
                "letter",
                "note",
                name="activitykind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("subject", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "reached",
                "not_reached",
                "call_back",
                "appointment",
                "not_interested",
                "info_sent",
                name="activityoutcome",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_activities_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_activities_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["team_members.id"],
            name=op.f("fk_activities_owner_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activities_company_id_due_at", ["company_id", "due_at"], unique=False
        )
        batch_op.create_index("ix_activities_contact_id", ["contact_id"], unique=False)
        batch_op.create_index("ix_activities_due_at", ["due_at"], unique=False)
        batch_op.create_index("ix_activities_owner_id_due_at", ["owner_id", "due_at"], unique=False)

    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "offer",
                "negotiation",
                "won",
                "lost",
                name="opportunitystage",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("value_eur", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("expected_close_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("lost_reason", sa.Text(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_opportunities_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_opportunities_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["team_members.id"],
            name=op.f("fk_opportunities_owner_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index("ix_opportunities_company_id", ["company_id"], unique=False)
        batch_op.create_index("ix_opportunities_contact_id", ["contact_id"], unique=False)
        batch_op.create_index("ix_opportunities_stage", ["stage"], unique=False)

    op.create_table(
        "qualifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column(
            "authority_status",
            sa.Enum("open", "met", "not_met", name="criterionstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("authority_note", sa.Text(), nullable=True),
        sa.Column("authority_on", sa.Date(), nullable=True),
        sa.Column("authority_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "need_status",
            sa.Enum("open", "met", "not_met", name="criterionstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("need_note", sa.Text(), nullable=True),
        sa.Column("need_on", sa.Date(), nullable=True),
        sa.Column("need_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "budget_status",
            sa.Enum("open", "met", "not_met", name="criterionstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("budget_note", sa.Text(), nullable=True),
        sa.Column("budget_on", sa.Date(), nullable=True),
        sa.Column("budget_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "timing_status",
            sa.Enum("open", "met", "not_met", name="criterionstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("timing_note", sa.Text(), nullable=True),
        sa.Column("timing_on", sa.Date(), nullable=True),
        sa.Column("timing_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_expected_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["authority_by_id"],
            ["team_members.id"],
            name=op.f("fk_qualifications_authority_by_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["budget_by_id"],
            ["team_members.id"],
            name=op.f("fk_qualifications_budget_by_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_qualifications_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["need_by_id"],
            ["team_members.id"],
            name=op.f("fk_qualifications_need_by_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["timing_by_id"],
            ["team_members.id"],
            name=op.f("fk_qualifications_timing_by_id_team_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualifications")),
        sa.UniqueConstraint("contact_id", name=op.f("uq_qualifications_contact_id")),
    )


def downgrade() -> None:

    op.drop_table("qualifications")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunities_stage")
        batch_op.drop_index("ix_opportunities_contact_id")
        batch_op.drop_index("ix_opportunities_company_id")

    op.drop_table("opportunities")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_owner_id_due_at")
        batch_op.drop_index("ix_activities_due_at")
        batch_op.drop_index("ix_activities_contact_id")
        batch_op.drop_index("ix_activities_company_id_due_at")

    op.drop_table("activities")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_phone")
        batch_op.drop_index("ix_contacts_persona_id")
        batch_op.drop_index("ix_contacts_owner_id")
        batch_op.drop_index("ix_contacts_lead_status")
        batch_op.drop_index("ix_contacts_last_name")
        batch_op.drop_index("ix_contacts_import_batch_id")
        batch_op.drop_index("ix_contacts_email")
        batch_op.drop_index("ix_contacts_company_id")

    op.drop_table("contacts")
    with op.batch_alter_table("company_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_tags_tag_id"))

    op.drop_table("company_tags")
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_index("ix_companies_wz_code")
        batch_op.drop_index("ix_companies_updated_at")
        batch_op.drop_index("ix_companies_state")
        batch_op.drop_index("ix_companies_postcode")
        batch_op.drop_index("ix_companies_phone")
        batch_op.drop_index("ix_companies_owner_id")
        batch_op.drop_index("ix_companies_name_key_id")
        batch_op.drop_index("ix_companies_industry")
        batch_op.drop_index("ix_companies_import_batch_id")
        batch_op.drop_index("ix_companies_employees")
        batch_op.drop_index("ix_companies_domain")
        batch_op.drop_index("ix_companies_trash")
        batch_op.drop_index("ix_companies_city")

    op.drop_table("companies")
    op.drop_table("team_members")
    op.drop_table("tags")
    op.drop_table("settings")
    op.drop_table("personas")
    op.drop_table("import_batches")
    op.drop_table("ideal_customer_profiles")
