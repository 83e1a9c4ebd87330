"""Translated names of company stages and size classes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from prospector.enums import CompanyStage
from prospector.sizeclass import SizeClass

translate = QCoreApplication.translate


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
