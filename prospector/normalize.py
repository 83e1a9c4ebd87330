"""Pure normalisation of what users type: names, phones, websites, postcodes, e-mails."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import phonenumbers

from prospector import phones

# Postcodes follow their country, in a module of their own; normalize_postcode stays here too.
from prospector.postcodes import PostcodeError as PostcodeError
from prospector.postcodes import normalize_postcode as normalize_postcode
from prospector.region import DEFAULT_COUNTRY

# Legal forms dropped from the name key, so "Müller GmbH" and "Mueller" sort and match alike.
LEGAL_FORMS = (
    "gmbh & co. kg",
    "gmbh & co kg",
    "gmbh & co. kgaa",
    "ug (haftungsbeschränkt)",
    "ug (haftungsbeschraenkt)",
    "gmbh",
    "ggmbh",
    "mbh",
    "ag",
    "kg",
    "ohg",
    "gbr",
    "e.k.",
    "ek",
    "e.v.",
    "eg",
    "kgaa",
    "se",
    "ug",
    "ltd.",
    "ltd",
    "inc.",
    "inc",
    "llc",
    "co. kg",
    "partg",
    "partg mbb",
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o"})
# Letters and digits of any script stay: a Cyrillic or Greek name keeps a key of its own.
_NON_WORD = re.compile(r"[\W_]+")
_LEGAL_FORM_TAIL = re.compile(
    r"(?:[\s,]+(?:" + "|".join(re.escape(form) for form in LEGAL_FORMS) + r"))+\s*$"
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold_slowly(text: str) -> str:
    # Case-fold again after decomposing: compatibility forms such as '𝕬' decompose to capitals.
    once = _without_marks(text.casefold().translate(_UMLAUTS)).casefold()
    return _without_marks(once.translate(_UMLAUTS))


# Letters that are not a base letter with marks, so decomposing leaves them as they are.
_LOOSE_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


def _fold_loose_slowly(text: str) -> str:
    once = _without_marks(text.casefold().translate(_LOOSE_LETTERS)).casefold()
    return _without_marks(once.translate(_LOOSE_LETTERS))


def _latin_table(slow: Callable[[str], str]) -> dict[int, str]:
    """What `slow` makes of each Latin letter with a diacritic, where that is plain ASCII.

    Every step of the slow path works letter by letter on these, so a text of ASCII and such
    letters folds the same through this table, about ten times faster (imports fold millions).
    """
    table = {}
    for code in range(0xC0, 0x250):
        folded = slow(chr(code))
        if folded.isascii():
            table[code] = folded
    return table


_FOLD = _latin_table(_fold_slowly)
_FOLD_LOOSE = _latin_table(_fold_loose_slowly)


def fold(text: str) -> str:
    """Lower case, German umlauts spelled out, other diacritics dropped: 'Müller' -> 'mueller'."""
    if text.isascii():
        return text.lower()  # most names: nothing to fold, and this is a hot path of imports
    quick = text.lower().translate(_FOLD)
    return quick if quick.isascii() else _fold_slowly(text)


def fold_loose(text: str) -> str:
    """Like fold() but umlauts lose their dots only: 'Müller' -> 'muller' (for search)."""
    if text.isascii():
        return text.lower()
    quick = text.lower().translate(_FOLD_LOOSE)
    return quick if quick.isascii() else _fold_loose_slowly(text)


def name_key(name: str) -> str:
    """The folded company name without legal form and punctuation, for sorting and matching."""
    lowered = " ".join(name.casefold().split())
    without_form = _LEGAL_FORM_TAIL.sub("", lowered) or lowered
    return _NON_WORD.sub(" ", fold(without_form)).strip()


def clean_text(value: str | None) -> str | None:
    """Trim and collapse inner runs of spaces; empty becomes None."""
    if value is None:
        return None
    cleaned = " ".join(value.split())
    return cleaned or None


_TAG_SEPARATORS = re.compile(r"[,;]")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def split_tag_text(text: str | None) -> list[str]:
    """Tags as typed in a form or a cell: 'Messe 2024, Kunde; A' -> ['Messe 2024', 'Kunde', 'A'].
    Each is trimmed; the tag service also folds spelling and drops repeats."""
    if not text:
        return []  # most rows of an import have no tags
    return [part.strip() for part in _TAG_SEPARATORS.split(text) if part.strip()]


class PhoneError(ValueError):
    """The text is not a phone number we can dial."""


@functools.lru_cache(maxsize=65536)
def phone_to_e164(raw: str, region: str = DEFAULT_COUNTRY) -> str:
    """'0351 / 123 45-6' -> '+49351123456'; raises PhoneError with the reason."""
    text = raw.strip()
    if not text:
        raise PhoneError("empty")
    if text.startswith("00"):
        text = "+" + text[2:]
    return phones.e164(text, region) or parsed_e164(text, region)


def parsed_e164(text: str, region: str) -> str:
    """phone_to_e164 through phonenumbers' parser alone (`text` stripped, "00" made "+")."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise PhoneError("unparsable") from exc
    # A valid number is a possible one; asking for possible first only names the reason.
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("invalid" if phonenumbers.is_possible_number(number) else "impossible")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


@functools.lru_cache(maxsize=65536)
def phone_for_display(e164: str, home_region: str = DEFAULT_COUNTRY) -> str:
    """National format for numbers of the home country, international for all others."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == home_region:
        fmt = phonenumbers.PhoneNumberFormat.NATIONAL
    else:
        fmt = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return str(phonenumbers.format_number(number, fmt))


def website_to_domain(website: str) -> str:
    """'https://www.Mueller-Maschinen.de/kontakt' -> 'mueller-maschinen.de'; ValueError if none."""
    text = website.strip().lower()
    text = _SCHEME.sub("", text)
    text = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    text = text.rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".")
    if text.startswith("www."):
        text = text[4:]
    if not text.isascii():  # an ASCII name is its own IDNA form: _DOMAIN checks it alone
        try:
            text = text.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise ValueError("not a domain") from exc
    if not _DOMAIN.match(text):
        raise ValueError("not a domain")
    return text


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))
