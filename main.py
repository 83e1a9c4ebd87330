"""Start Prospector: parse the command line and hand over to the application."""

from __future__ import annotations

import argparse
import sys


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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        from prospector import __version__

        print(f"Prospector {__version__}")
        return 0
    from ui import app

    if args.self_test:
        return app.self_test()
    return app.run(database=args.database, language=args.language)


if __name__ == "__main__":
    sys.exit(main())
