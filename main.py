"""Start Prospector: parse the command line and hand over to the application or the CLI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


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
    importing.add_argument("file", type=Path)
    importing.add_argument("--sheet", help="the sheet to read (default: the first data sheet)")
    importing.add_argument(
        "--on-duplicate",
        choices=["skip", "fill", "overwrite", "keep"],
        default="skip",
        help="what to do with rows that look like a company already there (default: skip)",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="check and report, but write nothing"
    )
    importing.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    exporting = commands.add_parser("export", help="export companies to xlsx or csv")
    exporting.add_argument("file", type=Path)
    exporting.add_argument("--view", help="the saved view to export (default: everything)")
    exporting.add_argument("--database", dest="command_database", metavar="URL_OR_FILE")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        from prospector import __version__

        print(f"Prospector {__version__}")
        return 0
    database = getattr(args, "command_database", None) or args.database
    if args.command == "import":
        from prospector import cli
        from prospector.services.import_plan import OnDuplicate

        return cli.import_file(
            args.file,
            database=database,
            sheet=args.sheet,
            on_duplicate=OnDuplicate(args.on_duplicate),
            dry_run=args.dry_run,
        )
    if args.command == "export":
        from prospector import cli

        return cli.export_file(args.file, database=database, view=args.view)
    from ui import app

    if args.self_test:
        return app.self_test()
    return app.run(database=database, language=args.language)


if __name__ == "__main__":
    import multiprocessing

    # The spreadsheet reader runs in a child process; a frozen build must be able to start it.
    multiprocessing.freeze_support()
    sys.exit(main())
