"""Texts the product writes itself (notes in records, exports, the command line) in the user's
language, from the same catalogue the window is translated with."""

from __future__ import annotations

import functools
import locale
import logging
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable

from prospector import paths
from prospector.settings import LANGUAGES

log = logging.getLogger(__name__)

_state = {"language": "en"}


def choose_language(*preferred: str | None, system: str | None = None) -> str:
    """The first explicit choice we speak, else the system's language if we speak it, else
    English. `system` is a locale name such as 'de_DE'; by default the environment's."""
    for language in preferred:
        if language in LANGUAGES:
            return language
    found = (system or _system_locale()).split("_")[0].split(".")[0].lower()
    return found if found in LANGUAGES else "en"


def _system_locale() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value
    return locale.getlocale()[0] or ""


def set_language(language: str) -> None:
    """Write from now on in `language` (one of settings.LANGUAGES)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _state["language"] = language


def current_language() -> str:
    return _state["language"]


def translate(context: str, text: str) -> str:
    """`text` in the current language. Called with literal strings, so that the extraction of
    the window's texts (lupdate) finds them in this package too."""
    return _catalogue(_state["language"]).get((context, text)) or text


def translator(language: str) -> Callable[[str, str], str]:
    """translate() in `language`, whatever the current language is: an import reads the labels
    of every language we speak."""
    catalogue = _catalogue(language)

    def translate_in(context: str, text: str) -> str:
        return catalogue.get((context, text)) or text

    return translate_in


@functools.cache
def _catalogue(language: str) -> dict[tuple[str, str], str]:
    """The finished translations of the shipped catalogue, read once per language."""
    path = paths.resources_dir() / "translations" / f"prospector_{language}.ts"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        log.warning("no translations for %s at %s", language, path)
        return {}
    found: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            text = forms[-1] if forms else translation.text or ""
            if text:
                found[(name, message.findtext("source") or "")] = text
    return found
