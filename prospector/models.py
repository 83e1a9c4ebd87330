"""Typed SQLAlchemy models of the whole domain."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    false,
    text,
    true,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Mapper,
    declared_attr,
    mapped_column,
    relationship,
)

from prospector.contact_search import NAME_KEY_LENGTH, contact_name_key, contact_search_text
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    ActivityType,
    CadenceStop,
    CompanyStage,
    CompanyStructure,
    ConsentChannel,
    ConsentMethod,
    CriterionStatus,
    DecisionRole,
    DisqualifyReason,
    ImportStatus,
    LeadStatus,
    LegalBasis,
    LostReason,
    OpportunityStage,
    Salutation,
    TeamRole,
)
from prospector.region import DEFAULT_COUNTRY


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC everywhere and hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


def _enum(cls: type[StrEnum]) -> Enum:
    return Enum(
        cls,
        native_enum=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads it from the class
        dt.datetime: UTCDateTime(),
        dt.date: Date(),
        str: String(200),
        Decimal: Numeric(14, 2),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class Tracked:
    """Created and updated timestamps and a version for optimistic concurrency."""

    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class TeamMember(Tracked, Base):
    """Who qualifies leads: field sales, inside sales or an external agency."""

    __tablename__ = "team_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[TeamRole] = mapped_column(_enum(TeamRole))
    weekly_hours: Mapped[Decimal] = mapped_column(Numeric(5, 1), default=Decimal("0"))
    # Dial attempts an hour, and the share of them that reach the person (percent): what the
    # capacity planner turns hours into qualified leads with.
    calls_per_hour: Mapped[Decimal] = mapped_column(
        Numeric(5, 1), default=Decimal("10"), server_default="10"
    )
    reach_percent: Mapped[int] = mapped_column(Integer, default=25, server_default="25")
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ImportBatch(Tracked, Base):
    """One import run; everything it created or changed can be undone."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sheet: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[ImportStatus] = mapped_column(_enum(ImportStatus), default=ImportStatus.RUNNING)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    undone_at: Mapped[dt.datetime | None]
    rows_total: Mapped[int] = mapped_column(default=0)
    created_count: Mapped[int] = mapped_column(default=0)
    updated_count: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)
    error_count: Mapped[int] = mapped_column(default=0)
    mapping: Mapped[dict[str, Any] | None]


class ImportChange(Tracked, Base):
    """What one import did to one record, so that the import can be undone."""

    __tablename__ = "import_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(20))  # "company" or "contact"
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # "created" or "updated"
    # The changed columns as they were before the import (for "updated").
    before: Mapped[dict[str, Any] | None]
    # The record's version right after the import: a later edit shows in a higher version.
    version_after: Mapped[int]

    __table_args__ = (Index("ix_import_changes_batch_id", "batch_id"),)


class CompanyTag(Tracked, Base):
    __tablename__ = "company_tags"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Tag(Tracked, Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    color: Mapped[str | None] = mapped_column(String(9))


# Sort indexes of the company list cover live rows only (see migration 0001).
_LIVE: dict[str, Any] = {
    "sqlite_where": text("deleted_at IS NULL"),
    "postgresql_where": text("deleted_at IS NULL"),
}


class Company(Tracked, Base):
    """An organisation: the unit of the target group."""

    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Folded name (case, diacritics, legal form removed) for sorting and duplicate checks.
    name_key: Mapped[str] = mapped_column(String(300))
    legal_form: Mapped[str | None] = mapped_column(String(40))
    vat_id: Mapped[str | None] = mapped_column(String(20))  # USt-IdNr., as stdnum compacts it
    industry: Mapped[str | None] = mapped_column(String(120))
    wz_code: Mapped[str | None] = mapped_column(String(10))
    employees: Mapped[int | None]
    turnover_eur: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    structure: Mapped[CompanyStructure | None] = mapped_column(_enum(CompanyStructure))
    activity_type: Mapped[ActivityType | None] = mapped_column(_enum(ActivityType))
    street: Mapped[str | None]
    postcode: Mapped[str | None] = mapped_column(String(12))
    city: Mapped[str | None] = mapped_column(String(120))
    state: Mapped[str | None] = mapped_column(String(60))
    country: Mapped[str] = mapped_column(String(2), default=DEFAULT_COUNTRY)
    phone: Mapped[str | None] = mapped_column(String(20))
    website: Mapped[str | None] = mapped_column(String(300))
    domain: Mapped[str | None] = mapped_column(String(253))
    email: Mapped[str | None] = mapped_column(String(254))
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None]
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    stage: Mapped[CompanyStage] = mapped_column(
        _enum(CompanyStage), default=CompanyStage.TARGET, server_default=CompanyStage.TARGET.value
    )
    # Folded words of the name, address, phone, domain and contact names; the full-text index
    # (FTS5 on SQLite, a GIN tsvector index on PostgreSQL) is built on it.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Another system's key for the company (an account number, a customer number) and which
    # system: a re-import from that source finds the company by it.
    external_ref: Mapped[str | None] = mapped_column(String(100))
    external_source: Mapped[str | None] = mapped_column(String(100))
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL")
    )
    # 0-100 against the active ideal customer profile (prospector.fit); None without one.
    fit_score: Mapped[int | None]
    in_core_group: Mapped[bool | None]  # meets every must of the active profile
    deleted_at: Mapped[dt.datetime | None]

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="company", passive_deletes=True, order_by="Contact.last_name"
    )
    tags: Mapped[list[Tag]] = relationship(secondary="company_tags", viewonly=True)

    __table_args__ = (
        Index("ix_companies_name_key_id", "name_key", "id", **_LIVE),
        Index("ix_companies_postcode", "postcode", **_LIVE),
        Index("ix_companies_city", "city", **_LIVE),
        Index("ix_companies_domain", "domain"),
        Index("ix_companies_phone", "phone"),
        Index("ix_companies_industry", "industry", "name_key", "id", **_LIVE),
        Index("ix_companies_wz_code", "wz_code"),
        Index("ix_companies_state", "state", "name_key", "id", **_LIVE),
        Index("ix_companies_employees", "employees", **_LIVE),
        Index("ix_companies_owner_id", "owner_id"),
        Index("ix_companies_stage", "stage", **_LIVE),
        Index("ix_companies_import_batch_id", "import_batch_id"),
        Index(
            "ix_companies_trash",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
        Index("ix_companies_updated_at", "updated_at", **_LIVE),
        Index("ix_companies_fit_score", "fit_score", "name_key", "id", **_LIVE),
        Index("ix_companies_in_core_group", "in_core_group", "name_key", "id", **_LIVE),
        Index("ix_companies_external", "external_source", "external_ref"),
    )


class Persona(Tracked, Base):
    """The role a sale must reach, matched to contacts by job title."""

    __tablename__ = "personas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str | None]
    # Job titles as people write them ("Leiter Einkauf", "Head of Procurement") and words that
    # point to the role ("Beschaffung"): contacts are matched to the persona by them.
    title_patterns: Mapped[list[Any]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    department: Mapped[str | None] = mapped_column(String(120))
    seniority: Mapped[str | None] = mapped_column(String(40))
    decision_role: Mapped[DecisionRole] = mapped_column(
        _enum(DecisionRole), default=DecisionRole.UNKNOWN, server_default=DecisionRole.UNKNOWN.value
    )
    budget_authority: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    authority: Mapped[str | None] = mapped_column(Text)
    budget: Mapped[str | None] = mapped_column(Text)
    goals: Mapped[str | None] = mapped_column(Text)
    pains: Mapped[str | None] = mapped_column(Text)
    objections: Mapped[str | None] = mapped_column(Text)
    talking_points: Mapped[str | None] = mapped_column(Text)


class Contact(Tracked, Base):
    """A person at a company; a lead only when able to decide."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: a person without a company (an address book's), to be linked to one later.
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    salutation: Mapped[Salutation] = mapped_column(_enum(Salutation), default=Salutation.NONE)
    academic_title: Mapped[str | None] = mapped_column(String(40))
    first_name: Mapped[str | None] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    job_title: Mapped[str | None]
    department: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    mobile: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    linkedin: Mapped[str | None] = mapped_column(String(300))
    persona_id: Mapped[int | None] = mapped_column(ForeignKey("personas.id", ondelete="SET NULL"))
    decision_role: Mapped[DecisionRole] = mapped_column(
        _enum(DecisionRole), default=DecisionRole.UNKNOWN
    )
    budget_authority: Mapped[bool] = mapped_column(Boolean, default=False)
    lead_status: Mapped[LeadStatus] = mapped_column(_enum(LeadStatus), default=LeadStatus.CONTACT)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_contact_since: Mapped[dt.date | None]
    do_not_contact_reason: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[LegalBasis] = mapped_column(_enum(LegalBasis), default=LegalBasis.UNKNOWN)
    data_source: Mapped[str | None]
    is_consumer: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    external_ref: Mapped[str | None] = mapped_column(String(100))
    external_source: Mapped[str | None] = mapped_column(String(100))
    # The folded name the contact list sorts by and the folded words it searches, with a
    # full-text index as companies.search_text has (see prospector.contact_search);
    # _index_contact keeps them in step, bulk inserts set them.
    name_key: Mapped[str] = mapped_column(String(NAME_KEY_LENGTH), default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL")
    )
    deleted_at: Mapped[dt.datetime | None]

    company: Mapped[Company | None] = relationship(back_populates="contacts")

    __table_args__ = (
        # A company's live contacts by name (and the people without one): the contact list
        # reads them in order, and a count of either needs no row.
        Index("ix_contacts_company_id", "company_id", "deleted_at", "name_key", "id"),
        Index("ix_contacts_last_name", "last_name"),
        Index("ix_contacts_email", "email"),
        Index("ix_contacts_phone", "phone"),
        Index("ix_contacts_lead_status", "lead_status"),
        Index("ix_contacts_owner_id", "owner_id"),
        Index("ix_contacts_persona_id", "persona_id"),
        Index("ix_contacts_external", "external_source", "external_ref"),
        Index("ix_contacts_import_batch_id", "import_batch_id"),
        # With the company: the list checks whether it is in the trash without reading rows.
        Index("ix_contacts_name_key_id", "name_key", "id", "company_id", **_LIVE),
    )


@event.listens_for(Contact, "before_insert")
@event.listens_for(Contact, "before_update")
def _index_contact(_mapper: Mapper[Contact], _connection: Connection, contact: Contact) -> None:
    """Derive the sort key and search words from the fields, whoever changes a contact
    through the ORM: the form, an import's updates, the undo of an import."""
    contact.name_key = contact_name_key(contact.first_name, contact.last_name)
    contact.search_text = contact_search_text(
        first_name=contact.first_name,
        last_name=contact.last_name,
        job_title=contact.job_title,
        department=contact.department,
        email=contact.email,
        phone=contact.phone,
        mobile=contact.mobile,
    )


class IdealCustomerProfile(Tracked, Base):
    """Criteria that define the core group; `criteria` is a list of weighted rules."""

    __tablename__ = "ideal_customer_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)
    criteria: Mapped[list[Any]] = mapped_column(JSON, default=list)
    markets: Mapped[str | None] = mapped_column(Text)
    pain_points: Mapped[str | None] = mapped_column(Text)
    value_proposition: Mapped[str | None] = mapped_column(Text)


class Qualification(Tracked, Base):
    """The four criteria of one lead: authority, need, budget and timing."""

    __tablename__ = "qualifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), unique=True
    )
    authority_status: Mapped[CriterionStatus] = mapped_column(
        _enum(CriterionStatus), default=CriterionStatus.OPEN
    )
    authority_note: Mapped[str | None] = mapped_column(Text)
    authority_on: Mapped[dt.date | None]
    authority_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL")
    )
    need_status: Mapped[CriterionStatus] = mapped_column(
        _enum(CriterionStatus), default=CriterionStatus.OPEN
    )
    need_note: Mapped[str | None] = mapped_column(Text)
    need_on: Mapped[dt.date | None]
    need_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL")
    )
    budget_status: Mapped[CriterionStatus] = mapped_column(
        _enum(CriterionStatus), default=CriterionStatus.OPEN
    )
    budget_note: Mapped[str | None] = mapped_column(Text)
    budget_on: Mapped[dt.date | None]
    budget_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL")
    )
    timing_status: Mapped[CriterionStatus] = mapped_column(
        _enum(CriterionStatus), default=CriterionStatus.OPEN
    )
    timing_note: Mapped[str | None] = mapped_column(Text)
    timing_on: Mapped[dt.date | None]
    timing_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL")
    )
    # When the lead expects to decide; timing is met inside the usual sales period.
    decision_expected_on: Mapped[dt.date | None]
    # Others at the company who decide or influence (contact ids), the pains of the active
    # profile this lead has, and the budget as the lead told it.
    authority_others: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    need_pains: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    budget_available: Mapped[bool | None] = mapped_column(Boolean)
    budget_min_eur: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    budget_max_eur: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    budget_period: Mapped[str | None] = mapped_column(String(60))
    # A lead in nurturing is qualified again from this day.
    requalify_on: Mapped[dt.date | None]
    disqualify_reason: Mapped[DisqualifyReason | None] = mapped_column(_enum(DisqualifyReason))
    disqualify_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_qualifications_requalify_on", "requalify_on"),)


class LeadEvent(Tracked, Base):
    """One change of a lead's status or of one of its criteria: who, when, from what to what
    and why. The history is never rewritten."""

    __tablename__ = "lead_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    # "status" or a criterion ("authority", "need", "budget", "timing"), or "opportunity".
    subject: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str | None] = mapped_column(String(40))
    new_value: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_lead_events_contact_id_at", "contact_id", "at"),)


class Opportunity(Tracked, Base):
    """A qualified lead where an offer can be placed."""

    __tablename__ = "opportunities"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    title: Mapped[str]
    offer: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[OpportunityStage] = mapped_column(
        _enum(OpportunityStage), default=OpportunityStage.OFFER
    )
    value_eur: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    # Percent; set from the stage's default when the stage changes, editable per opportunity.
    probability: Mapped[int | None]
    expected_close_on: Mapped[dt.date | None]
    closed_on: Mapped[dt.date | None]
    lost_reason_code: Mapped[LostReason | None] = mapped_column(_enum(LostReason))
    lost_reason: Mapped[str | None] = mapped_column(Text)  # in the user's words
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_opportunities_company_id", "company_id"),
        Index("ix_opportunities_contact_id", "contact_id"),
        Index("ix_opportunities_stage", "stage"),
        Index("ix_opportunities_owner_id", "owner_id"),
    )


class Activity(Tracked, Base):
    """A call, e-mail, meeting, letter or note: done with an outcome, or planned for a date."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    kind: Mapped[ActivityKind] = mapped_column(_enum(ActivityKind))
    subject: Mapped[str | None]
    notes: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[dt.datetime | None]
    done_at: Mapped[dt.datetime | None]
    outcome: Mapped[ActivityOutcome | None] = mapped_column(_enum(ActivityOutcome))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    # Planned for a day rather than an hour (a cadence's touch): due_at holds the day's start.
    all_day: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The nurturing plan and its step this touch belongs to; doing it plans the next step.
    cadence_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("cadence_runs.id", ondelete="SET NULL")
    )
    step: Mapped[int | None]

    __table_args__ = (
        # The touches still to make: what call lists and the calendar read, without walking
        # the far larger history of done ones.
        Index(
            "ix_activities_planned_due_at",
            "due_at",
            sqlite_where=text("done_at IS NULL"),
            postgresql_where=text("done_at IS NULL"),
        ),
        Index(
            "ix_activities_planned_owner_id_due_at",
            "owner_id",
            "due_at",
            sqlite_where=text("done_at IS NULL"),
            postgresql_where=text("done_at IS NULL"),
        ),
        Index("ix_activities_cadence_run_id", "cadence_run_id"),
        Index("ix_activities_company_id_due_at", "company_id", "due_at"),
        Index("ix_activities_contact_id", "contact_id"),
        Index("ix_activities_due_at", "due_at"),
        Index("ix_activities_owner_id_due_at", "owner_id", "due_at"),
    )


class Cadence(Tracked, Base):
    """A nurturing plan (Pflegeplan): steps of touches, each some days after the one before.
    It plans tasks for people; it never sends anything itself."""

    __tablename__ = "cadences"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    steps: Mapped[list[CadenceStep]] = relationship(
        order_by="CadenceStep.position", cascade="all, delete-orphan"
    )


class CadenceStep(Base):
    """One step of a cadence: what kind of touch, how many days after the previous step (the
    first: after the plan starts), and what to talk about."""

    __tablename__ = "cadence_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    cadence_id: Mapped[int] = mapped_column(ForeignKey("cadences.id", ondelete="CASCADE"))
    position: Mapped[int]
    kind: Mapped[ActivityKind] = mapped_column(_enum(ActivityKind))
    days_after: Mapped[int]
    talking_point: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("cadence_id", "position"),)


class CadenceRun(Tracked, Base):
    """A cadence applied to one person: the step planned last, and when and why it stopped."""

    __tablename__ = "cadence_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    # A cadence in use cannot be deleted, only retired (active = False).
    cadence_id: Mapped[int] = mapped_column(ForeignKey("cadences.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    started_on: Mapped[dt.date]
    off_days: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    by_id: Mapped[int | None] = mapped_column(ForeignKey("team_members.id", ondelete="SET NULL"))
    stopped_at: Mapped[dt.datetime | None]
    stop_reason: Mapped[CadenceStop | None] = mapped_column(_enum(CadenceStop))

    __table_args__ = (Index("ix_cadence_runs_contact_id_stopped_at", "contact_id", "stopped_at"),)


class Consent(Tracked, Base):
    """A consumer's consent to advertising calls or e-mails (UWG §7a): when, how and to whom
    it was given; a withdrawal is recorded, the record kept as proof for five years."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    channel: Mapped[ConsentChannel] = mapped_column(_enum(ConsentChannel))
    method: Mapped[ConsentMethod] = mapped_column(_enum(ConsentMethod))
    given_on: Mapped[dt.date]
    recorded_by: Mapped[str | None] = mapped_column(String(120))
    wording: Mapped[str | None] = mapped_column(Text)
    withdrawn_on: Mapped[dt.date | None]

    __table_args__ = (Index("ix_consents_contact_id", "contact_id"),)


class Suppression(Tracked, Base):
    """What is left of a person erased at their request (GDPR Art. 17): a keyed hash of their
    e-mail address or of a phone number (see prospector.suppression), which stops an import
    from bringing them back."""

    __tablename__ = "suppressions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "email" or "phone"
    digest: Mapped[str] = mapped_column(String(64), unique=True)


class LeadSource(Tracked, Base):
    """Where companies come from (a trade fair, a purchased list, LinkedIn, a referral) and
    what that source cost; companies name their source in companies.source."""

    __tablename__ = "lead_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    cost_eur: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    note: Mapped[str | None] = mapped_column(Text)


class SavedView(Tracked, Base):
    """A named filter set with its column layout, for one page of the window."""

    __tablename__ = "saved_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    page: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    columns: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("page", "name"),)


class Setting(Tracked, Base):
    """A setting shared by everyone who uses this database (key and JSON value)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


__all__ = [
    "Activity",
    "Base",
    "Company",
    "CompanyTag",
    "Contact",
    "IdealCustomerProfile",
    "ImportBatch",
    "ImportChange",
    "LeadSource",
    "Opportunity",
    "Persona",
    "Qualification",
    "SavedView",
    "Setting",
    "Tag",
    "TeamMember",
    "utcnow",
]
