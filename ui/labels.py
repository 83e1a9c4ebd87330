"""Translated labels for the domain's closed vocabularies (enum values never reach the screen)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    ActivityType,
    CompanyStage,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
    TeamRole,
)
from prospector.look_alike import DuplicateReason
from prospector.sizeclass import SizeClass

# Every string below is a literal inside translate("Labels", …) so that lupdate finds it;
# the dictionaries are built per call so that a language switch takes effect at once.
translate = QCoreApplication.translate

# What a combo box shows for "not set"; a dash reads the same in every language.
NOT_SET = "\u2014"


def salutation_label(value: Salutation) -> str:
    labels = {
        Salutation.MR: translate("Labels", "Mr"),
        Salutation.MS: translate("Labels", "Ms"),
        Salutation.NONE: NOT_SET,
    }
    return labels[value]


def decision_role_label(value: DecisionRole) -> str:
    labels = {
        DecisionRole.DECISION_MAKER: translate("Labels", "Decision maker"),
        DecisionRole.INFLUENCER: translate("Labels", "Influencer"),
        DecisionRole.USER: translate("Labels", "User"),
        DecisionRole.GATEKEEPER: translate("Labels", "Gatekeeper"),
        DecisionRole.UNKNOWN: translate("Labels", "Unknown"),
    }
    return labels[value]


def lead_status_label(value: LeadStatus) -> str:
    labels = {
        LeadStatus.CONTACT: translate("Labels", "Contact"),
        LeadStatus.LEAD: translate("Labels", "Lead"),
        LeadStatus.QUALIFYING: translate("Labels", "Qualifying"),
        LeadStatus.NURTURING: translate("Labels", "Nurturing"),
        LeadStatus.OPPORTUNITY: translate("Labels", "Opportunity"),
        LeadStatus.DISQUALIFIED: translate("Labels", "Disqualified"),
    }
    return labels[value]


def legal_basis_label(value: LegalBasis) -> str:
    labels = {
        LegalBasis.CONSENT: translate("Labels", "Consent"),
        LegalBasis.CONTRACT: translate("Labels", "Contract"),
        LegalBasis.LEGITIMATE_INTEREST: translate("Labels", "Legitimate interest"),
        LegalBasis.UNKNOWN: translate("Labels", "Not recorded"),
    }
    return labels[value]


def legal_basis_explanation(value: LegalBasis) -> str:
    """One sentence on when the basis applies (GDPR Art. 6(1))."""
    explanations = {
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
    return explanations[value]


def company_structure_label(value: CompanyStructure) -> str:
    labels = {
        CompanyStructure.INDEPENDENT: translate("Labels", "Independent company"),
        CompanyStructure.HEADQUARTERS: translate("Labels", "Headquarters"),
        CompanyStructure.BRANCH: translate("Labels", "Branch"),
        CompanyStructure.SUBSIDIARY: translate("Labels", "Subsidiary"),
        CompanyStructure.GROUP: translate("Labels", "Group"),
    }
    return labels[value]


def activity_type_label(value: ActivityType) -> str:
    labels = {
        ActivityType.MANUFACTURING: translate("Labels", "Manufacturing"),
        ActivityType.TRADE: translate("Labels", "Trade"),
        ActivityType.SERVICES: translate("Labels", "Services"),
        ActivityType.CRAFT: translate("Labels", "Craft"),
        ActivityType.PUBLIC: translate("Labels", "Public sector"),
        ActivityType.OTHER: translate("Labels", "Other"),
    }
    return labels[value]


def team_role_label(value: TeamRole) -> str:
    labels = {
        TeamRole.FIELD_SALES: translate("Labels", "Field sales"),
        TeamRole.INSIDE_SALES: translate("Labels", "Inside sales"),
        TeamRole.AGENCY: translate("Labels", "External agency"),
    }
    return labels[value]


def activity_kind_label(value: ActivityKind) -> str:
    labels = {
        ActivityKind.CALL: translate("Labels", "Call"),
        ActivityKind.EMAIL: translate("Labels", "E-mail"),
        ActivityKind.MEETING: translate("Labels", "Meeting"),
        ActivityKind.LETTER: translate("Labels", "Letter"),
        ActivityKind.NOTE: translate("Labels", "Note"),
    }
    return labels[value]


def activity_outcome_label(value: ActivityOutcome) -> str:
    labels = {
        ActivityOutcome.REACHED: translate("Labels", "Reached"),
        ActivityOutcome.NOT_REACHED: translate("Labels", "Not reached"),
        ActivityOutcome.CALL_BACK: translate("Labels", "Call back"),
        ActivityOutcome.APPOINTMENT: translate("Labels", "Appointment made"),
        ActivityOutcome.NOT_INTERESTED: translate("Labels", "Not interested"),
        ActivityOutcome.INFO_SENT: translate("Labels", "Information sent"),
    }
    return labels[value]


def stage_label(stage: CompanyStage) -> str:
    labels = {
        CompanyStage.TARGET: translate("CompanyLabels", "Target"),
        CompanyStage.LEAD: translate("CompanyLabels", "Lead"),
        CompanyStage.OPPORTUNITY: translate("CompanyLabels", "Opportunity"),
        CompanyStage.CUSTOMER: translate("CompanyLabels", "Customer"),
        CompanyStage.EXCLUDED: translate("CompanyLabels", "Excluded"),
    }
    return labels[stage]


def size_class_label(size: SizeClass) -> str:
    labels = {
        SizeClass.MICRO: translate("CompanyLabels", "Micro (< 10)"),
        SizeClass.SMALL: translate("CompanyLabels", "Small (< 50)"),
        SizeClass.MEDIUM: translate("CompanyLabels", "Medium (< 250)"),
        SizeClass.LARGE: translate("CompanyLabels", "Large (250+)"),
    }
    return labels[size]


def size_class_short_label(size: SizeClass) -> str:
    """For the narrow size column of the list."""
    labels = {
        SizeClass.MICRO: translate("CompanyLabels", "Micro"),
        SizeClass.SMALL: translate("CompanyLabels", "Small"),
        SizeClass.MEDIUM: translate("CompanyLabels", "Medium"),
        SizeClass.LARGE: translate("CompanyLabels", "Large"),
    }
    return labels[size]


def company_field_label(name: str) -> str:
    """The name of a company field as the editor shows it, without a shortcut marker."""
    labels = {
        "name": translate("CompanyLabels", "Name"),
        "legal_form": translate("CompanyLabels", "Legal form"),
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
    }
    return labels.get(name, name)


def duplicate_reason_label(reason: DuplicateReason) -> str:
    labels = {
        DuplicateReason.NAME_AND_POSTCODE: translate("CompanyLabels", "same name and postcode"),
        DuplicateReason.DOMAIN: translate("CompanyLabels", "same website"),
        DuplicateReason.PHONE: translate("CompanyLabels", "same phone number"),
        DuplicateReason.NAME: translate("CompanyLabels", "same name"),
        DuplicateReason.ID: translate("CompanyLabels", "same ID"),
    }
    return labels[reason]
