"""`python -m benchmarks`: every scenario beside its floor, each in fresh child processes."""

from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from benchmarks import (
    companies_runner,
    fixtures,
    icp_runner,
    import_runner,
    machine,
    nurturing_runner,
    pipeline_runner,
    postgres,
    report,
    runner,
    server_runner,
)
from benchmarks.spawn import ChildFailed

FULL_SIZE = 100_000
QUICK_SIZE = 10_000


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_SIZE:,} companies, not {FULL_SIZE:,}"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario and floor (3)")
    parser.add_argument(
        "--only",
        choices=[
            "start",
            "create",
            "companies",
            "icp",
            "pipeline",
            "nurturing",
            "import",
            "export",
        ],
        help="run only the start-up, create, company-list, ideal-customer-profile, pipeline"
        " (backlog, pipeline sums, capacity), nurturing (calendar month, call list, call"
        " sheets), import or export scenarios",
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also run import, company list and export on this PostgreSQL server (default:"
        f" ${postgres.URL_ENV}); each run works in a schema of its own",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def say(text: str) -> None:
    print(text, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(args)
    except ChildFailed as exc:
        print(f"\nbenchmark stopped, a child process failed: {exc}", file=sys.stderr)
        return 1


def run(args: argparse.Namespace) -> int:
    began = time.perf_counter()
    size = QUICK_SIZE if args.quick else FULL_SIZE
    header = machine.describe()
    for line in header:
        say(line)
    say(f"load average at start: {machine.load_average()}")
    code_at_start = fixtures.code_snapshot()
    empty = fixtures.ensure(0, say) if args.only in (None, "start", "create", "import") else None
    big = fixtures.ensure(size, say) if args.only != "import" else None
    files = None
    if args.only in (None, "import"):
        assert empty is not None
        files = import_runner.ensure_files(size, empty, say)

    outcomes: list[runner.Outcome] = []
    with tempfile.TemporaryDirectory(prefix="work-", dir=fixtures.DATA_DIR) as folder:
        work = Path(folder)
        if args.only in (None, "start"):
            assert empty is not None
            assert big is not None
            outcomes.append(runner.measure_start(empty, big, args.repeat, work, say))
        if args.only in (None, "create"):
            assert empty is not None
            assert big is not None
            outcomes.append(runner.measure_create(empty, big, args.repeat, work, say))
        if args.only in (None, "companies"):
            assert big is not None
            outcomes.append(companies_runner.measure_companies(big, args.repeat, work, say))
        if args.only in (None, "icp"):
            assert big is not None
            outcomes.append(icp_runner.measure_icp(big, args.repeat, work, say))
        if args.only in (None, "pipeline"):
            assert big is not None
            outcomes.append(pipeline_runner.measure_pipeline(big, args.repeat, work, say))
        if args.only in (None, "nurturing"):
            assert big is not None
            outcomes.append(nurturing_runner.measure_nurturing(big, args.repeat, work, say))
        if args.only in (None, "import"):
            assert empty is not None
            assert files is not None
            outcomes.append(import_runner.measure_import(files, empty, args.repeat, work, say))
        if args.only in (None, "export"):
            assert big is not None
            outcomes.append(import_runner.measure_export(big, args.repeat, work, say))
        server = postgres.server_url(args.postgres)
        if server and args.only in (None, "import"):
            assert files is not None
            outcomes.append(server_runner.measure_import(files, server, args.repeat, work, say))
        if server and args.only in (None, "companies", "export"):
            assert big is not None
            outcomes.append(server_runner.measure_fixture(big, server, args.repeat, work, say))
        if not server:
            say(f"PostgreSQL: not measured (no --postgres URL, ${postgres.URL_ENV} unset)")
    changed = fixtures.changed_files(code_at_start, fixtures.code_snapshot())

    rows = [row for outcome in outcomes for row in outcome.rows]
    if big is not None:
        rows.append(runner.fixture_row(big))
    say("")
    say(f"Prospector benchmarks, median of {args.repeat} runs, each in a fresh process")
    for line in header:
        say(line)
    say(f"load average at end: {machine.load_average()}")
    if not changed:
        say(f"code: the {len(code_at_start)} files of prospector/, ui/, main.py stayed unchanged")
    else:
        more = f" and {len(changed) - 8} more" if len(changed) > 8 else ""
        shown = ", ".join(changed[:8]) + more
        say(
            f"WARNING: {len(changed)} files of prospector/, ui/ or main.py CHANGED during the run"
            f" ({shown}): figures may mix two code states (the company-page notes say whether"
            " its children all ran the same code)"
        )
    say("")
    for line in report.table(rows):
        say(line)
    say("")
    say("notes:")
    for note in [note for outcome in outcomes for note in outcome.notes] + [PEAK_NOTE]:
        say(textwrap.fill(note, width=100, initial_indent="  - ", subsequent_indent="    "))
    say("")
    for line in report.targets([entry for outcome in outcomes for entry in outcome.targets]):
        say(line)
    say(f"\ntotal {time.perf_counter() - began:.0f} s")
    return 0


PEAK_NOTE = (
    "peak MB: VmHWM (peak resident set) of the child that did the work, read at its end (company"
    " page steps: right after the step); for an import, the peak of the importer and its reader"
    " process together, their resident sets added up every 10 ms from /proc over the whole run,"
    " and never below either one's own VmHWM; create/validate children hold all their inputs,"
    " the fixture build all generated companies and contacts."
)


if __name__ == "__main__":
    sys.exit(main())
