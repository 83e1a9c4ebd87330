"""Translated names of company stages and size classes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from prospector.enums import CompanyStage
from prospector.services.duplicates import DuplicateReason
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
    }
    return labels[reason]
