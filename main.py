"""Start Prospector: parse the command line and hand over to the application or the CLI."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="prospector", description="Prospector: plan B2B prospecting."
    )
    parser.add_argument(
        "--database",
        metavar="URL_OR_FILE",
        help="SQLite file or database URL (e.g. postgresql+psycopg://user@host/db)",
    )
    parser.add_argument("--language", choices=["de", "en"], help="language of the user interface")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open a temporary database, build the window offscreen, render it and exit",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    importing = commands.add_parser("import", help="import a spreadsheet (xlsx, xls, ods, csv)")
    importing.add_argument("file", type=Path, nargs="?")
    importing.add_argument("--sheet", help="the sheet to read (default: the first data sheet)")
    importing.add_argument(
        "--on-duplicate",
        choices=["skip", "fill", "overwrite", "keep"],
        default="skip",
        help="what to do with rows that look like a company already there (default: skip)",
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help="check and report (with the field of each column), but write nothing",
    )
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        dest="column_map",
        help="import the column HEADER as FIELD (a key of --list-fields, or its German or English "
        "name); HEADER= ignores the column; repeatable",
    )
    importing.add_argument(
        "--list-fields", action="store_true", help="list the fields a column can fill, and exit"
    )
    importing.add_argument(
        "--country",
        metavar="COUNTRY",
        help="the country of companies whose row names none, by code or name (default: the one "
        "the file's postcodes and phone numbers suggest, else DE)",
    )
    importing.add_argument(
        "--on-problem",
        choices=["import", "skip"],
        default="import",
        help="rows with a value a field cannot take: import them, the value kept in the notes "
        "(default), or skip them",
    )
    importing.add_argument(
        "--companies-from-mail",
        action="store_true",
        help="give persons without a company the company of their business e-mail's domain "
        "(never a free-mail provider's)",
    )
    importing.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    exporting = commands.add_parser("export", help="export companies to xlsx or csv")
    exporting.add_argument("file", type=Path)
    exporting.add_argument("--view", help="the saved view to export (default: everything)")
    exporting.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    backing_up = commands.add_parser(
        "backup", help="write a checked copy of the database file into its backups folder"
    )
    backing_up.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    checking = commands.add_parser(
        "check", help="check the database and repair what is safe to repair"
    )
    checking.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    calling = commands.add_parser(
        "call-day", help="print a day's call list and call sheets to a PDF file"
    )
    calling.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD")
    calling.add_argument("--owner", metavar="NAME", help="the caller (default: the whole team)")
    calling.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    calling.add_argument(
        "--list-only", action="store_true", help="the call list without a sheet per call"
    )
    calling.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    calendar = commands.add_parser(
        "export-calendar", help="write the planned touches to an iCalendar (.ics) file"
    )
    calendar.add_argument("file", type=Path, metavar="FILE.ics")
    calendar.add_argument("--owner", metavar="NAME", help="one team member's touches only")
    calendar.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    touches = commands.add_parser(
        "import-activities",
        help="import a sheet of activities (an export's, or a call plan) from xlsx or csv",
    )
    touches.add_argument("file", type=Path)
    touches.add_argument(
        "--sheet", help="the sheet to read (default: Aktivitäten, else the first that fits)"
    )
    touches.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    touches.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    args = parser.parse_args(argv)
    if args.command == "import" and args.file is None and not args.list_fields:
        importing.error("the file to import is missing")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        from prospector import __version__

        print(f"Prospector {__version__}")
        return 0
    database = getattr(args, "command_database", None) or args.database
    if args.command == "import" and args.list_fields:
        from prospector import cli_mapping

        return cli_mapping.list_fields(sys.stdout)
    if args.command == "import":
        from prospector import cli
        from prospector.services.import_plan import OnDuplicate, OnProblem

        return cli.import_file(
            args.file,
            database=database,
            sheet=args.sheet,
            on_duplicate=OnDuplicate(args.on_duplicate),
            dry_run=args.dry_run,
            language=args.language,
            column_map=args.column_map,
            country=args.country,
            on_problem=OnProblem(args.on_problem),
            companies_from_mail=args.companies_from_mail,
        )
    if args.command == "export":
        from prospector import cli

        return cli.export_file(args.file, database=database, view=args.view, language=args.language)
    if args.command == "check":
        from prospector import cli

        return cli.check_database(database=database, language=args.language)
    if args.command == "call-day":
        from prospector import cli_calendar

        return cli_calendar.call_day(
            args.date,
            args.out,
            database=database,
            owner=args.owner,
            sheets=not args.list_only,
            language=args.language,
        )
    if args.command == "export-calendar":
        from prospector import cli_calendar

        return cli_calendar.export_calendar(
            args.file, database=database, owner=args.owner, language=args.language
        )
    if args.command == "import-activities":
        from prospector import cli_activities

        return cli_activities.import_activities(
            args.file,
            database=database,
            sheet=args.sheet,
            dry_run=args.dry_run,
            language=args.language,
        )
    if args.command == "backup":
        from prospector import cli

        return cli.backup_database(database=database, language=args.language)
    from ui import app

    if args.self_test:
        return app.self_test()
    return app.run(database=database, language=args.language)


if __name__ == "__main__":
    import multiprocessing

    # The spreadsheet reader runs in a child process; a frozen build must be able to start it.
    multiprocessing.freeze_support()
    sys.exit(main())
