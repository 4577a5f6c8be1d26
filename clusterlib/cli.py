"""The `clusterlib` command: validate and import data; quarterly, monthly and yearly beats."""

from __future__ import annotations

import argparse
import os
import re
import string
import sys
import unicodedata
import warnings
from collections.abc import Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any, NoReturn

from clusterlib import paths
from clusterlib.exceptions import ClusterlibError, UsageError
from clusterlib.inputs.reading import expand
from clusterlib.inputs.validation import validate_files
from clusterlib.labels import command_text, listed
from clusterlib.messages import CATALOGUE, message, told
from clusterlib.params import LANGS, read_yaml


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 data or run problems, 2 usage)."""
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(_argv_lang(argv)).parse_args(argv)
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


def _argv_lang(argv: Sequence[str]) -> str:
    """The language of the command line's own texts (usage, help, argument errors), known
    before parsing: ``--lang`` as given, else the settings file's, else zh (:func:`_lang`)."""
    for item, following in zip(argv, [*argv[1:], ""], strict=True):
        given = item.removeprefix("--lang=") if item.startswith("--lang=") else None
        given = following if item == "--lang" else given
        if given in LANGS:
            return str(given)
    return _lang(argparse.Namespace())


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


def _parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The command line, its usage, help and argparse's own errors in ``lang``."""
    parser = _Parser(prog="clusterlib", description=_said("cli_description", lang), lang=lang)
    commands = parser.add_subparsers(
        required=True, metavar="COMMAND", parser_class=partial(_Parser, lang=lang)
    )

    validate = commands.add_parser("validate", help=_said("cli_validate", lang))
    validate.add_argument("paths", nargs="+", type=Path, help=_said("cli_paths", lang))
    validate.add_argument("--allow-gaps", action="store_true", help=_said("cli_allow_gaps", lang))
    validate.add_argument("--lang", choices=LANGS, help=_said("cli_lang", lang))
    validate.set_defaults(handler=_validate)

    run = commands.add_parser("run", help=_said("cli_run", lang))
    which = run.add_mutually_exclusive_group(required=True)
    which.add_argument("--quarter", help=_said("cli_quarter", lang))
    which.add_argument("--quarters", help=_said("cli_quarters", lang))
    run.add_argument("--data", nargs="+", help=_said("cli_data", lang))
    run.add_argument(
        "--params", type=Path, default=paths.PARAMS / "run.yaml", help=_said("cli_params", lang)
    )
    run.add_argument("--out", type=Path, default=paths.REPORTS, help=_said("cli_out", lang))
    run.add_argument("--jobs", type=int, default=2, help=_said("cli_jobs", lang))
    run.add_argument("--scenario", type=Path, help=_said("cli_scenario", lang))
    run.add_argument("--lang", choices=LANGS, help=_said("cli_report_lang", lang))
    run.set_defaults(handler=_run)
    _import_parser(commands, lang)
    _evaluate_parser(commands, lang)
    _ledger_parser(commands, lang)
    return parser


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage, help and errors are in ``lang`` (argparse's own texts
    translated through the catalogue, :func:`_argparse_said`)."""

    def __init__(self, *args: Any, lang: str = "zh", **kwargs: Any) -> None:
        formatter = partial(_Formatter, lang=lang)
        super().__init__(*args, formatter_class=formatter, add_help=False, **kwargs)
        self.lang = lang
        self._positionals.title = _said("cli_positionals", lang)
        self._optionals.title = _said("cli_options", lang)
        self.add_argument("-h", "--help", action="help", help=_said("cli_help", lang))

    def error(self, message: str) -> NoReturn:
        """Usage and the error in the parser's language; exit 2, as argparse does."""
        self.print_usage(sys.stderr)
        text = _argparse_said(message, self.lang)
        self.exit(2, _said("cli_error", self.lang, prog=self.prog, text=text) + "\n")


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with the usage line's prefix in ``lang`` (用法：), and in Chinese
    the section heads ending in a full-width colon (位置参数：; argparse writes ``:``)."""

    def __init__(self, prog: str, lang: str = "zh") -> None:
        super().__init__(prog)
        self.lang = lang

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        prefix = _said("cli_usage", self.lang) if prefix is None else prefix
        super().add_usage(usage, actions, groups, prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Help text in lines of ``width`` columns; Chinese (no spaces between words) is cut
        between characters, counted two columns each, never inside a run of ASCII such as
        ``OUT/ledger/<month>/`` (argparse cut it anywhere, counting a character one column)."""
        if self.lang != "zh":
            return super()._split_lines(text, width)
        lines, line = [], ""
        for token in re.findall(r"[!-~]+|\s+|.", " ".join(text.split())):
            if line.strip() and _columns(line + token) > width:
                lines.append(line.rstrip())
                line = "" if token.isspace() else token
            else:
                line += token
        return [*lines, line.rstrip()] if line.strip() else lines

    def format_help(self) -> str:
        text = super().format_help()
        return re.sub(r"(?m)^(\S[^\n:：]*):$", r"\1：", text) if self.lang == "zh" else text


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


ARGPARSE_KEYS = (
    "cli_argument",
    "cli_required",
    "cli_one_required",
    "cli_invalid_choice",
    "cli_invalid_value",
    "cli_unrecognized",
    "cli_expected_one",
    "cli_expected_some",
    "cli_expected_at_most_one",
    "cli_not_allowed",
    "cli_ambiguous",
    "cli_ignored",
)
"""Messages whose English is one of argparse's error templates (Python 3.11's wording)."""


def _argparse_said(text: str, lang: str) -> str:
    """An error argparse wrote in English, in ``lang``: matched against :data:`ARGPARSE_KEYS`'
    English templates (an argument's error inside ``argument X: ...`` too); others as given."""
    for key in ARGPARSE_KEYS:
        found = _template(CATALOGUE[key][1]).fullmatch(text)
        if found:
            fields = found.groupdict()
            if "text" in fields:
                fields["text"] = _argparse_said(fields["text"], lang)
            return _said(key, lang, **fields)
    return text


@cache
def _template(english: str) -> re.Pattern[str]:
    """A pattern matching ``english`` with any text in each of its ``{fields}``."""
    parts = string.Formatter().parse(english)
    return re.compile(
        "".join(re.escape(lit) + (f"(?P<{name}>.+?)" if name else "") for lit, name, _, _ in parts),
        re.DOTALL,
    )


def _said(key: str, lang: str, **fields: object) -> str:
    """The catalogue's message ``key`` in ``lang``."""
    return told(message(key, **fields), lang)


def _import_parser(commands: argparse._SubParsersAction, lang: str) -> None:
    imports = commands.add_parser("import", help=_said("cli_import", lang))
    imports.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help=_said("cli_files", lang)
    )
    imports.add_argument("--layout", type=Path, required=True, help=_said("cli_layout", lang))
    imports.add_argument("--out", type=Path, help=_said("cli_import_out", lang))
    imports.add_argument("--dry-run", action="store_true", help=_said("cli_dry_run", lang))
    imports.add_argument("--keep-going", action="store_true", help=_said("cli_keep_going", lang))
    imports.add_argument("--lang", choices=LANGS, help=_said("cli_lang", lang))
    imports.set_defaults(handler=_import)


def _evaluate_parser(commands: argparse._SubParsersAction, lang: str) -> None:
    from clusterlib.evaluation.report import DEFAULT_DATA, DEFAULT_SCHEME

    evaluate = commands.add_parser("evaluate", help=_said("cli_evaluate", lang))
    evaluate.add_argument("--year", type=int, required=True, help=_said("cli_year", lang))
    evaluate.add_argument(
        "--data", nargs="+", default=list(DEFAULT_DATA), help=_said("cli_evaluation_data", lang)
    )
    evaluate.add_argument(
        "--scheme", type=Path, default=DEFAULT_SCHEME, help=_said("cli_scheme", lang)
    )
    evaluate.add_argument("--out", type=Path, default=paths.REPORTS, help=_said("cli_out", lang))
    evaluate.add_argument("--as-of", help=_said("cli_as_of", lang))
    evaluate.add_argument(
        "--lang", default="zh", choices=LANGS, help=_said("cli_evaluation_lang", lang)
    )
    evaluate.set_defaults(handler=_evaluate)


def _ledger_parser(commands: argparse._SubParsersAction, lang: str) -> None:
    ledger = commands.add_parser("ledger", help=_said("cli_ledger", lang))
    ledger.add_argument("--month", required=True, help=_said("cli_month", lang))
    ledger.add_argument("--data", nargs="+", help=_said("cli_monthly_data", lang))
    ledger.add_argument(
        "--params", type=Path, default=paths.PARAMS / "ledger.yaml", help=_said("cli_params", lang)
    )
    ledger.add_argument("--out", type=Path, default=paths.REPORTS, help=_said("cli_out", lang))
    ledger.add_argument("--lang", choices=LANGS, help=_said("cli_report_lang", lang))
    ledger.add_argument("--projects", help=_said("cli_projects", lang))
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
            _written(folder, lang)
        return 0

    quarters = args.quarters.split(":") if args.quarters else [args.quarter, args.quarter]
    if len(quarters) != 2:
        raise UsageError(message("quarters_range"))
    for folder in run_quarters(*quarters, *given):
        _written(folder, lang)
    return 0


def _written(folder: str | Path, lang: str) -> None:
    """The line naming a report folder written, its path absolute for every command."""
    print(command_text("written", lang, path=Path(folder).absolute()))


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
    _written(folder, args.lang)
    return 0


def _ledger(args: argparse.Namespace) -> int:
    from clusterlib.ledger.report import write_ledger
    from clusterlib.ledger.settings import load_ledger_settings

    lang = args.lang or load_ledger_settings(args.params).lang
    projects = _here([args.projects])[0] if args.projects else args.projects  # "" = none
    folder = write_ledger(args.month, _here(args.data), args.params, args.out, lang, projects)
    _written(folder, lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
