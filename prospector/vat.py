"""VAT identification numbers (USt-IdNr.): checked with python-stdnum and written compactly."""

from __future__ import annotations

from stdnum import exceptions
from stdnum.ch import uid as swiss_uid
from stdnum.ch import vat as swiss_vat
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as british_vat

# The prefixes of the EU's VAT IDs: Greece writes EL, Northern Ireland XI.
_EU_PREFIXES = frozenset({code.upper() for code in eu_vat.MEMBER_STATES} - {"GR"} | {"EL"})


class VatIdError(ValueError):
    """Not a valid VAT ID; `reason` is 'empty', 'format', 'length' or 'checksum'."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"not a valid VAT ID ({reason})")
        self.reason = reason


def _reason(error: exceptions.ValidationError) -> str:
    if isinstance(error, exceptions.InvalidChecksum):
        return "checksum"
    if isinstance(error, exceptions.InvalidLength):
        return "length"
    return "format"


def _checked(number: str) -> str:
    if number.startswith("CHE"):
        try:
            return str(swiss_vat.validate(number))
        except exceptions.InvalidLength:
            # The UID alone ('CHE-113.690.319') is how many Swiss firms print it.
            return str(swiss_uid.validate(number))
    if number.startswith("GB"):
        return "GB" + str(british_vat.validate(number)).removeprefix("GB")
    return str(eu_vat.validate(number))


def normalize_vat_id(text: str, country: str) -> str:
    """'DE 136 695 976' -> 'DE136695976'; '136695976' of a German company likewise.

    The number is checked (format and check digit) for the EU's countries, Northern Ireland,
    the United Kingdom and Switzerland, and written with its prefix, without separators
    ('GR…' becomes 'EL…'). A number without a prefix is taken as one of `country` (an
    alpha-2 code); for a country without VAT IDs of these kinds it is kept unchecked, only
    tidied. VatIdError (a ValueError) says why a number is invalid.
    """
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    if not compact:
        raise VatIdError("empty")
    if compact.startswith("GR"):
        compact = "EL" + compact[2:]
    if not (compact[:2] in _EU_PREFIXES or compact[:2] == "GB" or compact.startswith("CHE")):
        home = "EL" if country.upper() == "GR" else country.upper()
        if home == "CH":
            home = "CHE"
        elif home not in _EU_PREFIXES and home != "GB":
            return compact
        compact = home + compact
    try:
        return _checked(compact)
    except exceptions.ValidationError as exc:
        raise VatIdError(_reason(exc)) from exc
