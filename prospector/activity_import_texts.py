"""What an import of activities says in the user's language: counts, skipped rows, warnings."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from prospector.enums import ConsentChannel
from prospector.exchange.activity_sheet import NotAnActivitySheet
from prospector.i18n import translate
from prospector.import_texts import number
from prospector.labels import consent_channel_label

log = logging.getLogger(__name__)

# Literal strings inside translate(context, …) so that the extraction of texts finds them;
# built per call so that the language chosen at start applies.
_SKIPS: dict[str, Callable[[], str]] = {
    "company_missing": lambda: translate(
        "ActivityImport", "no company: the columns \u201cID\u201d and \u201cFirma\u201d are empty"
    ),
    "company_not_found": lambda: translate(
        "ActivityImport", "there is no company with the ID {value}"
    ),
    "company_unknown": lambda: translate("ActivityImport", "no company named \u201c{name}\u201d"),
    "company_ambiguous": lambda: translate(
        "ActivityImport",
        "{count} companies are named \u201c{name}\u201d; give the company\u2019s ID",
    ),
    "company_deleted": lambda: translate(
        "ActivityImport", "the company \u201c{name}\u201d is in the trash"
    ),
    "no_date": lambda: translate("ActivityImport", "neither a due date nor a done date"),
    "objected": lambda: translate(
        "ActivityImport", "{name} objected to advertising; no touch is planned for them"
    ),
    "no_consent": lambda: translate(
        "ActivityImport",
        "{name} is a private person without a consent (channel: {channel}); no touch is "
        "planned for them",
    ),
}
_WARNINGS: dict[str, Callable[[], str]] = {
    "id_unreadable": lambda: translate(
        "ActivityImport", "\u201c{value}\u201d in column \u201c{column}\u201d is not an ID; ignored"
    ),
    "too_long": lambda: translate(
        "ActivityImport",
        "the text in column \u201c{column}\u201d is longer than {limit} characters; it was cut",
    ),
    "date_unreadable": lambda: translate(
        "ActivityImport",
        "\u201c{value}\u201d in column \u201c{column}\u201d is not a date; ignored",
    ),
    "stays_done": lambda: translate(
        "ActivityImport", "the activity was done already; an empty done date does not reopen it"
    ),
    "kind_missing": lambda: translate(
        "ActivityImport", "no kind of activity given; a new activity is stored as a note"
    ),
    "kind_unknown": lambda: translate(
        "ActivityImport",
        "\u201c{value}\u201d is not a kind of activity; a new activity is stored as a note",
    ),
    "contact_not_found": lambda: translate(
        "ActivityImport", "there is no person with the ID {value}; ignored"
    ),
    "contact_elsewhere": lambda: translate(
        "ActivityImport",
        "the person with the ID {value} is not one of this company\u2019s; ignored",
    ),
    "contact_unknown": lambda: translate(
        "ActivityImport", "no person named \u201c{value}\u201d at this company; ignored"
    ),
    "contact_ambiguous": lambda: translate(
        "ActivityImport", "several persons at this company are named \u201c{value}\u201d; ignored"
    ),
    "outcome_unknown": lambda: translate(
        "ActivityImport", "\u201c{value}\u201d is not an outcome; ignored"
    ),
    "outcome_not_done": lambda: translate(
        "ActivityImport", "the outcome \u201c{value}\u201d needs a done date; ignored"
    ),
    "owner_unknown": lambda: translate(
        "ActivityImport", "there is no team member named \u201c{value}\u201d; ignored"
    ),
    "objection_recorded": lambda: translate(
        "ActivityImport",
        "{name} objected: marked not to be contacted, their planned touches were removed",
    ),
}


def _filled(template: Callable[[], str] | None, code: str, params: Mapping[str, str]) -> str:
    values = dict(params)
    channel = values.get("channel")
    if channel in {c.value for c in ConsentChannel}:
        values["channel"] = consent_channel_label(ConsentChannel(channel))
    if template is None:
        return code
    try:
        return template().format(**values)
    except (KeyError, IndexError):
        log.warning("activity import text for %s does not fit %s", code, sorted(values))
        return code


def skip_text(code: str, params: Mapping[str, str]) -> str:
    """Why a row was skipped: 'no company named “Foo GmbH”'."""
    return _filled(_SKIPS.get(code), code, params)


def warning_text(code: str, params: Mapping[str, str]) -> str:
    """What of a stored row was ignored."""
    return _filled(_WARNINGS.get(code), code, params)


def problem_lines(
    skipped: tuple[tuple[int, str, Mapping[str, str]], ...],
    warnings: tuple[tuple[int, str, Mapping[str, str]], ...],
    limit: int = 20,
) -> list[str]:
    """The first `limit` problems by row, one line each ('Row 7: skipped: …'), and how many
    more there are."""
    lines = [
        (
            row,
            0,
            translate("ActivityImport", "Row {row}: skipped: {reason}.").format(
                row=row, reason=skip_text(code, params)
            ),
        )
        for row, code, params in skipped
    ]
    lines += [
        (
            row,
            1,
            translate("ActivityImport", "Row {row}: {problem}.").format(
                row=row, problem=warning_text(code, params)
            ),
        )
        for row, code, params in warnings
    ]
    lines.sort(key=lambda line: line[:2])
    shown = [text for _row, _order, text in lines[:limit]]
    if len(lines) > limit:
        shown.append(
            translate("ActivityImport", "\u2026 and {n} more.").format(n=number(len(lines) - limit))
        )
    return shown


def counts_text(
    file_name: str, *, added: int, updated: int, unchanged: int, skipped: int, dry_run: bool
) -> str:
    """'anruf-plan.xlsx: 12 activities added, 3 updated, 1 skipped.'"""
    if added == 1:
        parts = [translate("ActivityImport", "1 activity added")]
    else:
        parts = [translate("ActivityImport", "{n} activities added").format(n=number(added))]
    for count, text in (
        (updated, translate("ActivityImport", "{n} updated")),
        (unchanged, translate("ActivityImport", "{n} unchanged")),
        (skipped, translate("ActivityImport", "{n} skipped")),
    ):
        if count:
            parts.append(text.format(n=number(count)))
    line = translate("ActivityImport", "{file}: {counts}.").format(
        file=file_name, counts=", ".join(parts)
    )
    if dry_run:
        line += " " + translate("ActivityImport", "Dry run: nothing was written.")
    return line


def sheet_error_text(error: NotAnActivitySheet) -> str:
    """Which columns a sheet lacks to be imported as activities, in one sentence."""
    missing = "; ".join(
        translate("ActivityImport", "\u201c{first}\u201d or \u201c{second}\u201d").format(
            first=group[0], second=group[1]
        )
        if len(group) == 2
        else f"\u201c{group[0]}\u201d"
        for group in error.missing
    )
    return translate(
        "ActivityImport",
        "The sheet \u201c{sheet}\u201d of {file} is not a list of activities: "
        "it has no column {missing}.",
    ).format(sheet=error.params["sheet"], file=error.params["file"], missing=missing)
