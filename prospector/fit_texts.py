"""The fit score in words: criterion names and the reasons of a score."""

from __future__ import annotations

from collections.abc import Callable

from prospector import i18n, labels
from prospector.enums import ActivityType, CompanyStructure
from prospector.fit import Fit, Reason
from prospector.icp import CriterionKind
from prospector.sizeclass import SizeClass

Translate = Callable[[str, str], str]


def kind_labels(translate: Translate = i18n.translate) -> dict[CriterionKind, str]:
    return {
        CriterionKind.INDUSTRY: translate("FitLabels", "Industry"),
        CriterionKind.EMPLOYEES: translate("FitLabels", "Employees"),
        CriterionKind.TURNOVER: translate("FitLabels", "Turnover"),
        CriterionKind.SIZE_CLASS: translate("FitLabels", "Size"),
        CriterionKind.REGION: translate("FitLabels", "Region"),
        CriterionKind.STRUCTURE: translate("FitLabels", "Structure"),
        CriterionKind.ACTIVITY: translate("FitLabels", "Activity"),
        CriterionKind.TAGS_REQUIRED: translate("FitLabels", "Required tags"),
        CriterionKind.TAGS_EXCLUDED: translate("FitLabels", "Excluded tags"),
    }


def kind_label(kind: CriterionKind, translate: Translate = i18n.translate) -> str:
    return kind_labels(translate)[kind]


def _value(reason: Reason, translate: Translate) -> str:
    """The company's value as the user reads it: labels for coded values, 'unknown' for none."""
    value = reason.value
    if value is None:
        return translate("FitLabels", "unknown")
    kind = reason.criterion.kind
    if kind is CriterionKind.SIZE_CLASS:
        return labels.size_class_short_label(SizeClass(value), translate)
    if kind is CriterionKind.STRUCTURE:
        return labels.company_structure_label(CompanyStructure(value), translate)
    if kind is CriterionKind.ACTIVITY:
        return labels.activity_type_label(ActivityType(value), translate)
    return value


def explain(fit: Fit, translate: Translate = i18n.translate) -> str:
    """'met: Industry, Size; not met: Region (Bayern)'; empty when the profile has no rules."""
    names = kind_labels(translate)
    parts = []
    if fit.met:
        met = ", ".join(names[r.criterion.kind] for r in fit.met)
        parts.append(translate("FitLabels", "met: {criteria}").format(criteria=met))
    if fit.failed:
        failed = ", ".join(
            f"{names[r.criterion.kind]} ({_value(r, translate)})" for r in fit.failed
        )
        parts.append(translate("FitLabels", "not met: {criteria}").format(criteria=failed))
    return "; ".join(parts)
