"""Labels of the closed vocabularies in the user's language: enum values never reach a user."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar, cast

from prospector import i18n
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    ActivityType,
    CadenceStop,
    CompanyStage,
    CompanyStructure,
    ConsentChannel,
    ConsentMethod,
    Criterion,
    CriterionStatus,
    DecisionRole,
    DisqualifyReason,
    LeadStatus,
    LegalBasis,
    LostReason,
    OpportunityStage,
    Salutation,
    TeamRole,
)
from prospector.look_alike import DuplicateReason
from prospector.settings import LANGUAGES
from prospector.sizeclass import SizeClass

# translate(context, text): the current language's (i18n.translate, the default), the window's
# (Qt's), or one language's (i18n.translator). Every text below is a literal inside
# translate("Labels", …) or translate("CompanyLabels", …) so that lupdate finds it; the tables
# are built per call so that a language switch takes effect at once.
Translate = Callable[[str, str], str]
E = TypeVar("E", bound=StrEnum)

# What a combo box shows for "not set"; a dash reads the same in every language.
NOT_SET = "\u2014"


def _salutations(translate: Translate) -> dict[Salutation, str]:
    return {
        Salutation.MR: translate("Labels", "Mr"),
        Salutation.MS: translate("Labels", "Ms"),
        Salutation.NONE: NOT_SET,
    }


def _decision_roles(translate: Translate) -> dict[DecisionRole, str]:
    return {
        DecisionRole.DECISION_MAKER: translate("Labels", "Decision maker"),
        DecisionRole.INFLUENCER: translate("Labels", "Influencer"),
        DecisionRole.USER: translate("Labels", "User"),
        DecisionRole.GATEKEEPER: translate("Labels", "Gatekeeper"),
        DecisionRole.UNKNOWN: translate("Labels", "Unknown"),
    }


def _lead_statuses(translate: Translate) -> dict[LeadStatus, str]:
    return {
        LeadStatus.CONTACT: translate("Labels", "Contact"),
        LeadStatus.LEAD: translate("Labels", "Lead"),
        LeadStatus.QUALIFYING: translate("Labels", "Qualifying"),
        LeadStatus.NURTURING: translate("Labels", "Nurturing"),
        LeadStatus.OPPORTUNITY: translate("Labels", "Opportunity"),
        LeadStatus.DISQUALIFIED: translate("Labels", "Disqualified"),
    }


def _legal_bases(translate: Translate) -> dict[LegalBasis, str]:
    return {
        LegalBasis.CONSENT: translate("Labels", "Consent"),
        LegalBasis.CONTRACT: translate("Labels", "Contract"),
        LegalBasis.LEGITIMATE_INTEREST: translate("Labels", "Legitimate interest"),
        LegalBasis.UNKNOWN: translate("Labels", "Not recorded"),
    }


def _legal_basis_explanations(translate: Translate) -> dict[LegalBasis, str]:
    return {
        LegalBasis.CONSENT: translate(
            "Labels", "The person agreed to be contacted (Art. 6(1)(a) GDPR)."
        ),
        LegalBasis.CONTRACT: translate(
            "Labels", "Needed for a contract with the person or a request of theirs (Art. 6(1)(b))."
        ),
        LegalBasis.LEGITIMATE_INTEREST: translate(
            "Labels",
            "Business contact in their professional role, weighed against their interests "
            "(Art. 6(1)(f)).",
        ),
        LegalBasis.UNKNOWN: translate(
            "Labels", "Record why you may process this person's data before contacting them."
        ),
    }


def _consent_channels(translate: Translate) -> dict[ConsentChannel, str]:
    return {
        ConsentChannel.PHONE: translate("Labels", "Calls"),
        ConsentChannel.EMAIL: translate("Labels", "E-mails"),
    }


def _consent_methods(translate: Translate) -> dict[ConsentMethod, str]:
    return {
        ConsentMethod.WRITTEN: translate("Labels", "In writing, signed"),
        ConsentMethod.WEB_FORM: translate("Labels", "Web form with double opt-in"),
        ConsentMethod.EMAIL: translate("Labels", "By e-mail"),
        ConsentMethod.IN_PERSON: translate("Labels", "In person"),
        ConsentMethod.PHONE: translate("Labels", "On the phone"),
    }


def _structures(translate: Translate) -> dict[CompanyStructure, str]:
    return {
        CompanyStructure.INDEPENDENT: translate("Labels", "Independent company"),
        CompanyStructure.HEADQUARTERS: translate("Labels", "Headquarters"),
        CompanyStructure.BRANCH: translate("Labels", "Branch"),
        CompanyStructure.SUBSIDIARY: translate("Labels", "Subsidiary"),
        CompanyStructure.GROUP: translate("Labels", "Group"),
    }


def _activity_types(translate: Translate) -> dict[ActivityType, str]:
    return {
        ActivityType.MANUFACTURING: translate("Labels", "Manufacturing"),
        ActivityType.TRADE: translate("Labels", "Trade"),
        ActivityType.SERVICES: translate("Labels", "Services"),
        ActivityType.CRAFT: translate("Labels", "Craft"),
        ActivityType.PUBLIC: translate("Labels", "Public sector"),
        ActivityType.OTHER: translate("Labels", "Other"),
    }


def _team_roles(translate: Translate) -> dict[TeamRole, str]:
    return {
        TeamRole.FIELD_SALES: translate("Labels", "Field sales"),
        TeamRole.INSIDE_SALES: translate("Labels", "Inside sales"),
        TeamRole.AGENCY: translate("Labels", "External agency"),
    }


def _activity_kinds(translate: Translate) -> dict[ActivityKind, str]:
    return {
        ActivityKind.CALL: translate("Labels", "Call"),
        ActivityKind.EMAIL: translate("Labels", "E-mail"),
        ActivityKind.MEETING: translate("Labels", "Meeting"),
        ActivityKind.LETTER: translate("Labels", "Letter"),
        ActivityKind.NOTE: translate("Labels", "Note"),
    }


def _activity_outcomes(translate: Translate) -> dict[ActivityOutcome, str]:
    return {
        ActivityOutcome.REACHED: translate("Labels", "Reached"),
        ActivityOutcome.NOT_REACHED: translate("Labels", "Not reached"),
        ActivityOutcome.CALL_BACK: translate("Labels", "Call back"),
        ActivityOutcome.APPOINTMENT: translate("Labels", "Appointment made"),
        ActivityOutcome.NOT_INTERESTED: translate("Labels", "Not interested"),
        ActivityOutcome.INFO_SENT: translate("Labels", "Information sent"),
        ActivityOutcome.WRONG_PERSON: translate("Labels", "Wrong contact"),
        ActivityOutcome.OBJECTED: translate("Labels", "Objected"),
    }


def _cadence_stops(translate: Translate) -> dict[CadenceStop, str]:
    return {
        CadenceStop.FINISHED: translate("Labels", "All steps done"),
        CadenceStop.OPPORTUNITY: translate("Labels", "Became an opportunity"),
        CadenceStop.DISQUALIFIED: translate("Labels", "Disqualified"),
        CadenceStop.OBJECTION: translate("Labels", "Objected to advertising"),
        CadenceStop.CANCELLED: translate("Labels", "Stopped"),
    }


def _stages(translate: Translate) -> dict[CompanyStage, str]:
    return {
        CompanyStage.TARGET: translate("CompanyLabels", "Target"),
        CompanyStage.LEAD: translate("CompanyLabels", "Lead"),
        CompanyStage.OPPORTUNITY: translate("CompanyLabels", "Opportunity"),
        CompanyStage.CUSTOMER: translate("CompanyLabels", "Customer"),
        CompanyStage.EXCLUDED: translate("CompanyLabels", "Excluded"),
    }


def _criteria(translate: Translate) -> dict[Criterion, str]:
    return {
        Criterion.AUTHORITY: translate("Labels", "Authority"),
        Criterion.NEED: translate("Labels", "Need"),
        Criterion.BUDGET: translate("Labels", "Budget"),
        Criterion.TIMING: translate("Labels", "Timing"),
    }


def _criterion_statuses(translate: Translate) -> dict[CriterionStatus, str]:
    return {
        CriterionStatus.OPEN: translate("Labels", "Open"),
        CriterionStatus.MET: translate("Labels", "Met"),
        CriterionStatus.NOT_MET: translate("Labels", "Not met"),
    }


def _disqualify_reasons(translate: Translate) -> dict[DisqualifyReason, str]:
    return {
        DisqualifyReason.NO_AUTHORITY: translate("Labels", "Cannot decide"),
        DisqualifyReason.NO_NEED: translate("Labels", "No need"),
        DisqualifyReason.NO_BUDGET: translate("Labels", "No budget"),
        DisqualifyReason.NO_DECISION: translate("Labels", "No decision in sight"),
        DisqualifyReason.COMPETITOR: translate("Labels", "Bound to a competitor"),
        DisqualifyReason.NOT_INTERESTED: translate("Labels", "Not interested"),
        DisqualifyReason.UNREACHABLE: translate("Labels", "Never reached"),
        DisqualifyReason.OTHER: translate("Labels", "Other reason"),
    }


def _opportunity_stages(translate: Translate) -> dict[OpportunityStage, str]:
    return {
        OpportunityStage.OFFER: translate("Labels", "Offer in preparation"),
        OpportunityStage.OFFER_SENT: translate("Labels", "Offer sent"),
        OpportunityStage.NEGOTIATION: translate("Labels", "Negotiation"),
        OpportunityStage.WON: translate("Labels", "Won"),
        OpportunityStage.LOST: translate("Labels", "Lost"),
    }


def _lost_reasons(translate: Translate) -> dict[LostReason, str]:
    return {
        LostReason.PRICE: translate("Labels", "Price"),
        LostReason.COMPETITOR: translate("Labels", "Went to a competitor"),
        LostReason.NO_DECISION: translate("Labels", "No decision"),
        LostReason.POSTPONED: translate("Labels", "Postponed"),
        LostReason.PRODUCT_FIT: translate("Labels", "Offer did not fit"),
        LostReason.OTHER: translate("Labels", "Other reason"),
    }


def _size_classes(translate: Translate) -> dict[SizeClass, str]:
    return {
        SizeClass.MICRO: translate("CompanyLabels", "Micro (< 10)"),
        SizeClass.SMALL: translate("CompanyLabels", "Small (< 50)"),
        SizeClass.MEDIUM: translate("CompanyLabels", "Medium (< 250)"),
        SizeClass.LARGE: translate("CompanyLabels", "Large (250+)"),
    }


def _size_classes_short(translate: Translate) -> dict[SizeClass, str]:
    return {
        SizeClass.MICRO: translate("CompanyLabels", "Micro"),
        SizeClass.SMALL: translate("CompanyLabels", "Small"),
        SizeClass.MEDIUM: translate("CompanyLabels", "Medium"),
        SizeClass.LARGE: translate("CompanyLabels", "Large"),
    }


def _duplicate_reasons(translate: Translate) -> dict[DuplicateReason, str]:
    return {
        DuplicateReason.NAME_AND_POSTCODE: translate("CompanyLabels", "same name and postcode"),
        DuplicateReason.DOMAIN: translate("CompanyLabels", "same website"),
        DuplicateReason.PHONE: translate("CompanyLabels", "same phone number"),
        DuplicateReason.NAME: translate("CompanyLabels", "same name"),
        DuplicateReason.ID: translate("CompanyLabels", "same ID"),
        DuplicateReason.EXTERNAL: translate("CompanyLabels", "same key of the other system"),
    }


def _company_fields(translate: Translate) -> dict[str, str]:
    return {
        "name": translate("CompanyLabels", "Name"),
        "legal_form": translate("CompanyLabels", "Legal form"),
        "vat_id": translate("CompanyLabels", "VAT ID"),
        "industry": translate("CompanyLabels", "Industry"),
        "wz_code": translate("CompanyLabels", "WZ code"),
        "employees": translate("CompanyLabels", "Employees"),
        "turnover_eur": translate("CompanyLabels", "Turnover (EUR)"),
        "structure": translate("CompanyLabels", "Structure"),
        "activity_type": translate("CompanyLabels", "Activity"),
        "street": translate("CompanyLabels", "Street"),
        "postcode": translate("CompanyLabels", "Postcode"),
        "city": translate("CompanyLabels", "City"),
        "state": translate("CompanyLabels", "State"),
        "country": translate("CompanyLabels", "Country"),
        "phone": translate("CompanyLabels", "Phone"),
        "website": translate("CompanyLabels", "Website"),
        "email": translate("CompanyLabels", "E-mail"),
        "notes": translate("CompanyLabels", "Notes"),
        "source": translate("CompanyLabels", "Source"),
        "owner_id": translate("CompanyLabels", "Owner"),
        "team_member": translate("CompanyLabels", "Owner"),
        "stage": translate("CompanyLabels", "Stage"),
        "external_source": translate("CompanyLabels", "External system"),
        "budget_authority": translate("CompanyLabels", "Can approve the budget"),
        "is_consumer": translate("CompanyLabels", "Private person (consumer)"),
        "contact_notes": translate("CompanyLabels", "Person's notes"),
    }


# The tables of the enums an export writes and an import reads, by enum.
_TABLES: dict[type[StrEnum], Callable[[Translate], Mapping[Any, str]]] = {
    Salutation: _salutations,
    DecisionRole: _decision_roles,
    LeadStatus: _lead_statuses,
    LegalBasis: _legal_bases,
    CompanyStructure: _structures,
    ActivityType: _activity_types,
    TeamRole: _team_roles,
    ActivityKind: _activity_kinds,
    ActivityOutcome: _activity_outcomes,
    CadenceStop: _cadence_stops,
    CompanyStage: _stages,
    Criterion: _criteria,
    CriterionStatus: _criterion_statuses,
    DisqualifyReason: _disqualify_reasons,
    OpportunityStage: _opportunity_stages,
    LostReason: _lost_reasons,
    SizeClass: _size_classes,
    DuplicateReason: _duplicate_reasons,
}
VOCABULARIES = tuple(_TABLES)


def labels(enum: type[E], translate: Translate = i18n.translate) -> dict[E, str]:
    """Every member's label, to look labels up in without the catalogue (an export's cells).
    Keyed by member, so the stored text ('target') finds its label too."""
    return cast("dict[E, str]", dict(_TABLES[enum](translate)))


@functools.cache
def every_language(enum: type[E]) -> tuple[tuple[E, str], ...]:
    """Each member with its label in each language we speak: what an import accepts."""
    return tuple(
        (member, label)
        for language in LANGUAGES
        for member, label in labels(enum, i18n.translator(language)).items()
    )


def salutation_label(value: Salutation, translate: Translate = i18n.translate) -> str:
    return _salutations(translate)[value]


def decision_role_label(value: DecisionRole, translate: Translate = i18n.translate) -> str:
    return _decision_roles(translate)[value]


def lead_status_label(value: LeadStatus, translate: Translate = i18n.translate) -> str:
    return _lead_statuses(translate)[value]


def legal_basis_label(value: LegalBasis, translate: Translate = i18n.translate) -> str:
    return _legal_bases(translate)[value]


def legal_basis_explanation(value: LegalBasis, translate: Translate = i18n.translate) -> str:
    """One sentence on when the basis applies (GDPR Art. 6(1))."""
    return _legal_basis_explanations(translate)[value]


def consent_channel_label(value: ConsentChannel, translate: Translate = i18n.translate) -> str:
    return _consent_channels(translate)[value]


def consent_method_label(value: ConsentMethod, translate: Translate = i18n.translate) -> str:
    return _consent_methods(translate)[value]


def company_structure_label(value: CompanyStructure, translate: Translate = i18n.translate) -> str:
    return _structures(translate)[value]


def activity_type_label(value: ActivityType, translate: Translate = i18n.translate) -> str:
    return _activity_types(translate)[value]


def team_role_label(value: TeamRole, translate: Translate = i18n.translate) -> str:
    return _team_roles(translate)[value]


def activity_kind_label(value: ActivityKind, translate: Translate = i18n.translate) -> str:
    return _activity_kinds(translate)[value]


def activity_outcome_label(value: ActivityOutcome, translate: Translate = i18n.translate) -> str:
    return _activity_outcomes(translate)[value]


def cadence_stop_label(value: CadenceStop, translate: Translate = i18n.translate) -> str:
    return _cadence_stops(translate)[value]


def stage_label(stage: CompanyStage, translate: Translate = i18n.translate) -> str:
    return _stages(translate)[stage]


def size_class_label(size: SizeClass, translate: Translate = i18n.translate) -> str:
    return _size_classes(translate)[size]


def size_class_short_label(size: SizeClass, translate: Translate = i18n.translate) -> str:
    """For the narrow size column of the list."""
    return _size_classes_short(translate)[size]


def company_field_label(name: str, translate: Translate = i18n.translate) -> str:
    """The name of a company field as the editor shows it, without a shortcut marker (and of
    the import fields no other table names)."""
    return _company_fields(translate).get(name, name)


def duplicate_reason_label(reason: DuplicateReason, translate: Translate = i18n.translate) -> str:
    return _duplicate_reasons(translate)[reason]


def criterion_label(value: Criterion, translate: Translate = i18n.translate) -> str:
    return _criteria(translate)[value]


def criterion_status_label(value: CriterionStatus, translate: Translate = i18n.translate) -> str:
    return _criterion_statuses(translate)[value]


def disqualify_reason_label(value: DisqualifyReason, translate: Translate = i18n.translate) -> str:
    return _disqualify_reasons(translate)[value]


def opportunity_stage_label(value: OpportunityStage, translate: Translate = i18n.translate) -> str:
    return _opportunity_stages(translate)[value]


def lost_reason_label(value: LostReason, translate: Translate = i18n.translate) -> str:
    return _lost_reasons(translate)[value]
