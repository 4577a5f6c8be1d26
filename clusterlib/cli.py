"""The `clusterlib` command: validate data files, run the quarterly batch, the monthly ledger."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clusterlib import paths
from clusterlib.exceptions import ClusterlibError, DataValidationError
from clusterlib.inputs.panel import expand, is_release_collection
from clusterlib.inputs.reading import read_records
from clusterlib.inputs.validation import validate_records


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 data or run problems, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except ClusterlibError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # never a traceback for users; the message says what happened
        print(f"internal error ({type(error).__name__}): {error}", file=sys.stderr)
        print("please report this with the command you ran", file=sys.stderr)
        return 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clusterlib", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check data files; one line per problem")
    validate.add_argument("paths", nargs="+", type=Path, help="CSV/xlsx files or folders")
    validate.add_argument(
        "--allow-gaps",
        action="store_true",
        help="accept missing periods inside a series (always on under data/official/)",
    )
    validate.set_defaults(handler=_validate)

    run = commands.add_parser("run", help="run the quarterly batch into reports/<quarter>/")
    which = run.add_mutually_exclusive_group(required=True)
    which.add_argument("--quarter", help="e.g. 2019Q2: the run sees data up to this quarter")
    which.add_argument("--quarters", help="a range of vintages, e.g. 2019Q1:2019Q4")
    run.add_argument("--data", nargs="+", help="data files or folders (default: params file)")
    run.add_argument("--params", type=Path, default=paths.PARAMS / "run.yaml")
    run.add_argument("--out", type=Path, default=paths.REPORTS, help="reports folder")
    run.add_argument("--jobs", type=int, default=2, help="notebooks run in parallel")
    run.set_defaults(handler=_run)
    _ledger_parser(commands)
    return parser


def _ledger_parser(commands: argparse._SubParsersAction) -> None:
    ledger = commands.add_parser("ledger", help="the monthly ledger into reports/ledger/<month>/")
    ledger.add_argument("--month", required=True, help="e.g. 2019-06: the 1–6月 累计 figures")
    ledger.add_argument("--data", nargs="+", help="monthly data files (default: params file)")
    ledger.add_argument("--params", type=Path, default=paths.PARAMS / "ledger.yaml")
    ledger.add_argument("--out", type=Path, default=paths.REPORTS / "ledger", help="folder")
    ledger.add_argument("--lang", choices=("zh", "en"), help="headers (default: params file)")
    ledger.add_argument("--projects", help="key-project register (default: params file)")
    ledger.add_argument("--jobs", type=int, default=2, help="parallel model fits")
    ledger.set_defaults(handler=_ledger)


def _validate(args: argparse.Namespace) -> int:
    files = expand(args.paths)
    problems = []
    for path in files:
        try:
            records = read_records(path)
        except DataValidationError as error:
            problems += error.problems
            continue
        allow_gaps = args.allow_gaps or is_release_collection(path)
        problems += validate_records(records, str(path), allow_gaps=allow_gaps)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(files)} file(s)")
        return 1
    print(f"ok: {len(files)} file(s) valid")
    return 0


def _run(args: argparse.Namespace) -> int:
    from clusterlib.batch import run_quarters

    quarters = args.quarters.split(":") if args.quarters else [args.quarter, args.quarter]
    if len(quarters) != 2:
        print("error: --quarters takes FIRST:LAST, e.g. 2019Q1:2019Q4", file=sys.stderr)
        return 2
    for folder in run_quarters(*quarters, args.data, args.params, args.out, args.jobs):
        print(f"written: {folder}")
    return 0


def _ledger(args: argparse.Namespace) -> int:
    from clusterlib.ledger.report import write_ledger

    folder = write_ledger(
        args.month, args.data, args.params, args.out, args.lang, args.jobs, args.projects
    )
    print(f"written: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
