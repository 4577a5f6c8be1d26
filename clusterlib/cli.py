"""The `clusterlib` command: validate and import data; quarterly, monthly and yearly beats."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from functools import partial
from pathlib import Path

from clusterlib import paths
from clusterlib.exceptions import ClusterlibError, UsageError
from clusterlib.inputs.reading import expand
from clusterlib.inputs.validation import validate_files
from clusterlib.labels import COMMAND_TEXT, command_text, listed
from clusterlib.messages import message, told
from clusterlib.params import LANGS, read_yaml

LANG_HELP = "language of the messages (default: params/run.yaml's lang)"
OUT_HELP = (
    "the reports folder (default: reports/); run writes OUT/<quarter>/, "
    "ledger OUT/ledger/<month>/, evaluate OUT/evaluation/<year>/"
)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 data or run problems, 2 usage)."""
    args = _parser().parse_args(argv)
    lang = _lang(args)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = partial(_show_warning, lang=lang)
            return args.handler(args)
    except UsageError as error:  # an argument spelt wrongly: usage, as argparse's own errors
        _say("error_line", lang, text=told(error, lang))
        return 2
    except ClusterlibError as error:
        _say("error_line", lang, text=told(error, lang))
        return 1
    except KeyboardInterrupt:
        _say("interrupted", lang)
        return 130
    except BrokenPipeError:  # the reader went away (``| head``): nothing to say to anyone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # a path the system refused: read-only, a file in the way, ...
        _say("error_line", lang, text=_os_message(error, lang))
        return 1
    except Exception as error:  # never a traceback for users; the message says what happened
        _say("internal_error", lang, exception=type(error).__name__, error=str(error))
        _say("please_report", lang)
        return 3


def _say(key: str, lang: str, **fields: object) -> None:
    """The message ``key`` in ``lang``, one line on stderr."""
    print(told(message(key, **fields), lang), file=sys.stderr)


def _show_warning(message: Warning | str, *_: object, lang: str = "zh", **__: object) -> None:
    """A warning as users read it: ``警告：<message>`` (``warning: <message>`` in English), without
    Python's file and line."""
    _say("warning_line", lang, text=told(message, lang))


def _lang(args: argparse.Namespace) -> str:
    """The language of the command's messages: ``--lang``, else its settings file's, else zh
    (an unreadable settings file is reported later, in zh)."""
    if getattr(args, "lang", None):
        return args.lang
    try:
        lang = read_yaml(getattr(args, "params", None) or paths.PARAMS / "run.yaml", "").get("lang")
    except (ClusterlibError, AttributeError):
        return "zh"
    return lang if lang in LANGS else "zh"


def _os_message(error: OSError, lang: str = "en") -> str:
    """One line naming the path (a rename's destination) and what stands in the way; the
    system's own words (``strerror``) as the system gives them."""
    path = error.filename2 or error.filename
    reason = error.strerror or str(error)
    if isinstance(error, FileExistsError | NotADirectoryError):
        reason = told(message("os_file_in_way", reason=reason), lang)
    elif isinstance(error, IsADirectoryError):
        reason = told(message("os_folder_in_way", reason=reason), lang)
    return f"{path}{'：' if lang == 'zh' else ': '}{reason}" if path else reason


def _here(items: list[str] | None) -> list[str] | None:
    """Paths given on the command line, which are relative to the current directory.

    Returned relative to the project root when inside it (as paths in a params file are,
    :func:`clusterlib.paths.resolve`), absolute otherwise.
    """
    from clusterlib.paths import project_relative

    return None if items is None else [project_relative(Path(item).absolute()) for item in items]


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
    validate.add_argument("--lang", choices=LANGS, help=LANG_HELP)
    validate.set_defaults(handler=_validate)

    run = commands.add_parser("run", help="run the quarterly batch into OUT/<quarter>/")
    which = run.add_mutually_exclusive_group(required=True)
    which.add_argument("--quarter", help="e.g. 2019Q2: the run sees data up to this quarter")
    which.add_argument("--quarters", help="a range of vintages, e.g. 2019Q1:2019Q4")
    run.add_argument("--data", nargs="+", help="data files or folders (default: params file)")
    run.add_argument("--params", type=Path, default=paths.PARAMS / "run.yaml")
    run.add_argument("--out", type=Path, default=paths.REPORTS, help=OUT_HELP)
    run.add_argument("--jobs", type=int, default=2, help="notebooks run in parallel")
    run.add_argument(
        "--scenario",
        type=Path,
        help="params/scenarios/NAME.yaml: also write reports/<quarter>/scenarios/NAME/ "
        "(the baseline report is reused when current, else built first)",
    )
    run.add_argument("--lang", choices=LANGS, help="report language (default: params file)")
    run.set_defaults(handler=_run)
    _import_parser(commands)
    _evaluate_parser(commands)
    _ledger_parser(commands)
    return parser


def _import_parser(commands) -> None:
    imports = commands.add_parser(
        "import", help="read release tables (xlsx/CSV) by a layout into validated records"
    )
    imports.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".xlsx or .csv")
    imports.add_argument("--layout", type=Path, required=True, help="params/layouts/NAME.yaml")
    imports.add_argument("--out", type=Path, help="default: data/imported/<first file>.csv")
    imports.add_argument("--dry-run", action="store_true", help="print the records, write nothing")
    imports.add_argument(
        "--keep-going",
        action="store_true",
        help="despite problems, write the clean rows and OUT.problems.txt",
    )
    imports.add_argument("--lang", choices=LANGS, help=LANG_HELP)
    imports.set_defaults(handler=_import)


def _evaluate_parser(commands: argparse._SubParsersAction) -> None:
    from clusterlib.evaluation.report import DEFAULT_DATA, DEFAULT_SCHEME

    evaluate = commands.add_parser(
        "evaluate", help="the yearly evaluation (年考评) into OUT/evaluation/<year>/"
    )
    evaluate.add_argument("--year", type=int, required=True, help="evaluated year, e.g. 2018")
    evaluate.add_argument("--data", nargs="+", default=list(DEFAULT_DATA), help="data files")
    evaluate.add_argument("--scheme", type=Path, default=DEFAULT_SCHEME, help="scheme YAML")
    evaluate.add_argument("--out", type=Path, default=paths.REPORTS, help=OUT_HELP)
    evaluate.add_argument("--as-of", help="last quarter with data (default: the year's Q4)")
    evaluate.add_argument("--lang", default="zh", choices=LANGS)
    evaluate.set_defaults(handler=_evaluate)


def _ledger_parser(commands: argparse._SubParsersAction) -> None:
    ledger = commands.add_parser("ledger", help="the monthly ledger into OUT/ledger/<month>/")
    ledger.add_argument("--month", required=True, help="e.g. 2019-06: the 1–6月 累计 figures")
    ledger.add_argument("--data", nargs="+", help="monthly data files (default: params file)")
    ledger.add_argument("--params", type=Path, default=paths.PARAMS / "ledger.yaml")
    ledger.add_argument("--out", type=Path, default=paths.REPORTS, help=OUT_HELP)
    ledger.add_argument("--lang", choices=LANGS, help="report language (default: params file)")
    ledger.add_argument("--projects", help="key-project register (default: params file)")
    ledger.set_defaults(handler=_ledger)


def _validate(args: argparse.Namespace) -> int:
    from clusterlib.file_kinds import RECORDS, file_kind, other_kind_problems

    lang, files = _lang(args), expand(args.paths)
    kinds = {path: file_kind(path) for path in files}
    records = [path for path in files if kinds[path] == RECORDS]
    problems = (
        validate_files(records, allow_gaps=args.allow_gaps, official_apart=True).problems
        if records
        else []
    )
    for path in (path for path in files if kinds[path] != RECORDS):
        problems += other_kind_problems(path, kinds[path], lang)
    for problem in problems:
        print(told(problem, lang))
    if problems:
        print(told(message("validate_problems", n=len(problems), files=len(files)), lang))
        return 1
    print(told(message("validate_ok", files=len(files)), lang))
    return 0


def _import(args: argparse.Namespace) -> int:
    from clusterlib.inputs import importer
    from clusterlib.inputs.layouts import load_layout

    lang = _lang(args)
    out = args.out or paths.DATA / "imported" / f"{args.files[0].stem}.csv"
    if not args.dry_run and out.resolve() in {path.resolve() for path in args.files}:
        raise UsageError(message("out_is_input", out=out))
    result = importer.import_tables(args.files, load_layout(args.layout))
    for problem in result.problems:
        print(told(problem, lang))
    records = importer.without_problems(result) if args.keep_going else result.clean
    counts = {"files": len(args.files), "missing": result.missing, "skipped": result.skipped_rows}
    print(
        told(
            message("import_read", n=len(result.clean), problems=len(result.problems), **counts),
            lang,
        )
    )
    if args.dry_run:
        print(importer.preview(records))
        return 1 if result.problems else 0
    if result.problems and not args.keep_going:
        print(told(message("import_refused"), lang))
        return 1
    if records.empty:  # an earlier file is never replaced by a header-only one
        print(told(message("import_nothing_clean"), lang))
        return 1
    importer.write_records(records, out)
    problem_list = out.with_suffix(".problems.txt")
    if result.problems:
        importer.write_problems(result.problems, problem_list, lang)
        print(told(message("import_problem_list", path=problem_list), lang))
    elif problem_list.exists():
        problem_list.unlink()  # an earlier run's list no longer applies
    print(told(message("import_written", path=out, n=len(records)), lang))
    return 1 if result.problems else 0


def _run(args: argparse.Namespace) -> int:
    from clusterlib.batch import run_quarters, run_scenario
    from clusterlib.coverage import asked_quarter
    from clusterlib.params import load_run_params

    first = str(asked_quarter(args.quarter or args.quarters.partition(":")[0]))
    lang = load_run_params(args.params, first, args.lang).lang  # --quarter, --lang: the run's
    given = (_here(args.data), args.params, args.out, args.jobs, args.lang)
    if args.scenario is not None:
        if args.quarters:
            raise UsageError(message("scenario_one_quarter"))
        for folder in run_scenario(args.quarter, args.scenario, *given):
            print(command_text("written", lang, path=folder))
        return 0

    quarters = args.quarters.split(":") if args.quarters else [args.quarter, args.quarter]
    if len(quarters) != 2:
        raise UsageError(message("quarters_range"))
    for folder in run_quarters(*quarters, *given):
        print(command_text("written", lang, path=folder))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from clusterlib.evaluation.report import evaluation_report, stars_by_rule, warn_gaps

    run, folder = evaluation_report(
        _here(args.data), args.year, args.scheme, args.as_of, args.lang, args.out
    )
    warn_gaps(run, args.lang)
    by_rule = stars_by_rule(run.results)
    if by_rule:
        names = listed(by_rule, args.lang)
        line = command_text(
            "stars_by_rule", args.lang, period=run.year - 1, n=len(by_rule), names=names
        )
        print(line, file=sys.stderr)
    ranked = run.results.dropna(subset=["rank"])
    summary = command_text(
        "evaluated",
        args.lang,
        year=run.year,
        n=len(ranked),
        as_of=run.as_of,
        pairs=max(len(ranked) - 1, 0),
        clear=int(run.intervals["clear_lead"].sum()),
        level=run.scheme.uncertainty.clear_lead,
    )
    print(summary)
    print(command_text("written", args.lang, path=folder))
    return 0


def _ledger(args: argparse.Namespace) -> int:
    from clusterlib.ledger.report import write_ledger
    from clusterlib.ledger.settings import load_ledger_settings

    lang = args.lang or load_ledger_settings(args.params).lang
    projects = _here([args.projects])[0] if args.projects else args.projects  # "" = none
    folder = write_ledger(args.month, _here(args.data), args.params, args.out, lang, projects)
    print(COMMAND_TEXT[lang]["written"].format(path=folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
