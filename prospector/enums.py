"""The domain's closed vocabularies, stored by their string values."""

from __future__ import annotations

from enum import StrEnum


class TeamRole(StrEnum):
    FIELD_SALES = "field_sales"
    INSIDE_SALES = "inside_sales"
    AGENCY = "agency"


class CompanyStructure(StrEnum):
    INDEPENDENT = "independent"
    HEADQUARTERS = "headquarters"
    BRANCH = "branch"
    SUBSIDIARY = "subsidiary"
    GROUP = "group"


class ActivityType(StrEnum):
    """What a company does for a living, coarser than its WZ code."""

    MANUFACTURING = "manufacturing"
    TRADE = "trade"
    SERVICES = "services"
    CRAFT = "craft"
    PUBLIC = "public"
    OTHER = "other"


class CompanyStage(StrEnum):
    """How far a company has come, from target to customer (or excluded from the search)."""

    TARGET = "target"
    LEAD = "lead"
    OPPORTUNITY = "opportunity"
    CUSTOMER = "customer"
    EXCLUDED = "excluded"


class Salutation(StrEnum):
    MR = "mr"
    MS = "ms"
    NONE = "none"


class DecisionRole(StrEnum):
    DECISION_MAKER = "decision_maker"
    INFLUENCER = "influencer"
    USER = "user"
    GATEKEEPER = "gatekeeper"
    UNKNOWN = "unknown"


class LeadStatus(StrEnum):
    """Where a contact stands; only a person who can decide is ever more than a contact."""

    CONTACT = "contact"
    LEAD = "lead"
    QUALIFYING = "qualifying"
    NURTURING = "nurturing"
    OPPORTUNITY = "opportunity"
    DISQUALIFIED = "disqualified"


class LegalBasis(StrEnum):
    """GDPR Art. 6 basis on which a person's data is processed."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGITIMATE_INTEREST = "legitimate_interest"
    UNKNOWN = "unknown"


class ConsentChannel(StrEnum):
    """What a consumer consented to be approached by for advertising (UWG §7(2))."""

    PHONE = "phone"
    EMAIL = "email"


class ConsentMethod(StrEnum):
    """How the consent was given: what proves it."""

    WRITTEN = "written"
    WEB_FORM = "web_form"  # with double opt-in
    EMAIL = "email"
    IN_PERSON = "in_person"
    PHONE = "phone"


class CriterionStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    NOT_MET = "not_met"


class OpportunityStage(StrEnum):
    """Where an offer stands: prepared, sent, negotiated, then won or lost."""

    OFFER = "offer"  # the offer is being prepared
    OFFER_SENT = "offer_sent"
    NEGOTIATION = "negotiation"
    WON = "won"
    LOST = "lost"


class Criterion(StrEnum):
    """The four qualification criteria of the article."""

    AUTHORITY = "authority"  # Befugnis: this person decides
    NEED = "need"  # Bedarf
    BUDGET = "budget"
    TIMING = "timing"  # Zeitpunkt: the decision falls inside the usual sales period


class DisqualifyReason(StrEnum):
    """Why a lead was given up."""

    NO_AUTHORITY = "no_authority"
    NO_NEED = "no_need"
    NO_BUDGET = "no_budget"
    NO_DECISION = "no_decision"  # no decision in sight
    COMPETITOR = "competitor"  # bought elsewhere or bound by a contract
    NOT_INTERESTED = "not_interested"
    UNREACHABLE = "unreachable"
    OTHER = "other"


class LostReason(StrEnum):
    """Why an opportunity was lost."""

    PRICE = "price"
    COMPETITOR = "competitor"
    NO_DECISION = "no_decision"
    POSTPONED = "postponed"
    PRODUCT_FIT = "product_fit"
    OTHER = "other"


class ActivityKind(StrEnum):
    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    LETTER = "letter"
    NOTE = "note"


class ActivityOutcome(StrEnum):
    REACHED = "reached"
    NOT_REACHED = "not_reached"
    CALL_BACK = "call_back"
    APPOINTMENT = "appointment"
    NOT_INTERESTED = "not_interested"
    INFO_SENT = "info_sent"
    WRONG_PERSON = "wrong_person"  # referred to another contact
    OBJECTED = "objected"  # the person objected to advertising (Art. 21 GDPR)


class CadenceStop(StrEnum):
    """Why a lead's nurturing plan ended."""

    FINISHED = "finished"  # every step done
    OPPORTUNITY = "opportunity"
    DISQUALIFIED = "disqualified"
    OBJECTION = "objection"
    CANCELLED = "cancelled"  # stopped by hand, or replaced by another plan


class ImportStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"
    UNDONE = "undone"
