"""The domain's labels (prospector.labels) as the window shows them: through Qt's translator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from prospector import labels
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    ActivityType,
    CompanyStage,
    CompanyStructure,
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
from prospector.sizeclass import SizeClass

# The texts live once, in prospector.labels; the window reads them from the compiled .qm
# catalogue that Qt's translator holds, which the frozen application ships.
_translate = QCoreApplication.translate

NOT_SET = labels.NOT_SET


def salutation_label(value: Salutation) -> str:
    return labels.salutation_label(value, _translate)


def decision_role_label(value: DecisionRole) -> str:
    return labels.decision_role_label(value, _translate)


def lead_status_label(value: LeadStatus) -> str:
    return labels.lead_status_label(value, _translate)


def legal_basis_label(value: LegalBasis) -> str:
    return labels.legal_basis_label(value, _translate)


def legal_basis_explanation(value: LegalBasis) -> str:
    """One sentence on when the basis applies (GDPR Art. 6(1))."""
    return labels.legal_basis_explanation(value, _translate)


def company_structure_label(value: CompanyStructure) -> str:
    return labels.company_structure_label(value, _translate)


def activity_type_label(value: ActivityType) -> str:
    return labels.activity_type_label(value, _translate)


def team_role_label(value: TeamRole) -> str:
    return labels.team_role_label(value, _translate)


def activity_kind_label(value: ActivityKind) -> str:
    return labels.activity_kind_label(value, _translate)


def activity_outcome_label(value: ActivityOutcome) -> str:
    return labels.activity_outcome_label(value, _translate)


def stage_label(stage: CompanyStage) -> str:
    return labels.stage_label(stage, _translate)


def size_class_label(size: SizeClass) -> str:
    return labels.size_class_label(size, _translate)


def size_class_short_label(size: SizeClass) -> str:
    """For the narrow size column of the list."""
    return labels.size_class_short_label(size, _translate)


def company_field_label(name: str) -> str:
    """The name of a company field as the editor shows it, without a shortcut marker."""
    return labels.company_field_label(name, _translate)


def duplicate_reason_label(reason: DuplicateReason) -> str:
    return labels.duplicate_reason_label(reason, _translate)


def criterion_label(value: Criterion) -> str:
    return labels.criterion_label(value, _translate)


def criterion_status_label(value: CriterionStatus) -> str:
    return labels.criterion_status_label(value, _translate)


def disqualify_reason_label(value: DisqualifyReason) -> str:
    return labels.disqualify_reason_label(value, _translate)


def opportunity_stage_label(value: OpportunityStage) -> str:
    return labels.opportunity_stage_label(value, _translate)


def lost_reason_label(value: LostReason) -> str:
    return labels.lost_reason_label(value, _translate)
