"""Pick the user-interface language and install Prospector's and Qt's own translations."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from prospector import i18n, paths

log = logging.getLogger(__name__)


def choose_language(*preferred: str | None) -> str:
    """The first explicit choice, else the system locale if we speak it, else English."""
    return i18n.choose_language(*preferred, system=QLocale.system().name())


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for `language` (and have the product write its own texts, such
    as notes an import adds, in it too); keep the returned list alive with the app."""
    i18n.set_language(language)
    # Numbers and dates follow the language: 1.543 in German, 1,543 in English.
    if language == "de":
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    installed: list[QTranslator] = []
    sources = (
        (f"prospector_{language}", str(paths.resources_dir() / "translations")),
        (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    return installed
