"""The one settings reader: YAML parameter files → frozen dataclasses, every problem at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import yaml

from clusterlib import paths
from clusterlib.exceptions import ParameterError
from clusterlib.messages import Message, message

T = TypeVar("T")
LANGS = ("zh", "en")
CATALOG_FILES = ("regions.csv", "indicators.csv")
BACKENDS = ("local", "dask")
"""``local``: this process (``n_jobs=1``) or joblib worker processes; ``dask``: a Dask cluster."""
SCHEDULER_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


MAX_NODES = 100_000
"""Most nodes a settings file may hold once its aliases are expanded (billion-laughs bound)."""
MERGE_TAG = "tag:yaml.org,2002:merge"
PARSER_WORDS = (
    (r"while parsing a block mapping", "yaml_block_mapping"),
    (r"while parsing a block collection", "yaml_block_collection"),
    (r"while parsing a flow sequence", "yaml_flow_sequence"),
    (r"while parsing a flow mapping", "yaml_flow_mapping"),
    (r"while scanning a simple key", "yaml_simple_key"),
    (r"while scanning a quoted scalar", "yaml_quoted_scalar"),
    (r"while scanning for the next token", "yaml_next_token"),
    (r"could not find expected ':'", "yaml_no_colon"),
    (r"mapping values are not allowed here", "yaml_mapping_values"),
    (r"found unexpected end of stream", "yaml_end_of_stream"),
    (r"expected <block end>, but found (?P<token>.+)", "yaml_block_end"),
    (r"expected ',' or '\]', but got (?P<token>.+)", "yaml_flow_sequence_end"),
    (r"expected ',' or '}', but got (?P<token>.+)", "yaml_flow_mapping_end"),
    (r"found character (?P<token>.+) that cannot start any token", "yaml_bad_character"),
    (r"found undefined alias (?P<token>.+)", "yaml_undefined_alias"),
)
"""PyYAML's commonest words (a pattern of its English, the message saying it in both
languages); others are shown as PyYAML says them."""


class SettingsLoader(yaml.SafeLoader):
    """Safe YAML loading that refuses duplicate keys and alias expansion beyond a bound.

    PyYAML keeps the last of two equal keys silently, and expands aliases without limit
    (``&a [*b, *b]`` chains grow exponentially). Every settings file of the project is read
    through this loader (:func:`read_yaml`).
    """

    def get_single_node(self) -> yaml.Node | None:
        node = super().get_single_node()
        if node is not None:
            expanded = _expanded_size(node, {}, set())
            if expanded > MAX_NODES:
                raise yaml.YAMLError(message("yaml_aliases", most=MAX_NODES, n=expanded))
        return node

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == MERGE_TAG:
                continue  # ``<<: *defaults`` merges, its keys may be overridden
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                if key in first:
                    raise yaml.YAMLError(
                        message("yaml_key_twice", key=key, line=first[key], again=line)
                    )
            except TypeError:
                continue  # an unhashable key: SafeLoader reports it itself
            first[key] = line
        return super().construct_mapping(node, deep=deep)


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_: set[int]) -> int:
    """Nodes under ``node`` with every alias expanded (computed once per shared node)."""
    if id(node) in sizes:
        return sizes[id(node)]
    if id(node) in open_:
        raise yaml.YAMLError(message("yaml_recursive_alias"))
    open_.add(id(node))
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    size = 1
    for child in children:
        size += _expanded_size(child, sizes, open_)
        if size > MAX_NODES:
            break  # enough to refuse; no need to count the rest
    open_.discard(id(node))
    sizes[id(node)] = size
    return size


def read_yaml(path: Path, what: str | Message) -> Any:
    """The content of a YAML parameter file, read with :class:`SettingsLoader` (safe loading).

    Raises
    ------
    ParameterError
        If the file is missing, unreadable or not valid YAML (one line: the file, the line and
        column, the parser's problem), holds a key twice or expands aliases beyond
        :data:`MAX_NODES`; the message names the file and ``what`` (a
        :class:`~clusterlib.messages.Message` reads in both languages).
    """
    try:
        return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SettingsLoader)
    except (OSError, yaml.YAMLError) as error:
        reason = _reason(error)
        raise ParameterError(message("cannot_read", file=path, what=what, reason=reason)) from error


def _reason(error: OSError | yaml.YAMLError) -> str:
    """Why a settings file cannot be read: the parser's place and problem, a refusal of
    :class:`SettingsLoader`, or the system's reason."""
    if isinstance(error, yaml.MarkedYAMLError):
        return _where(error)
    if isinstance(error, FileNotFoundError):
        return message("settings_file_not_found", error=str(error))
    if isinstance(error, OSError):
        return message("file_refused", error=str(error))
    said = error.args[0] if len(error.args) == 1 else None
    return said if isinstance(said, Message) else str(error)


def _where(error: yaml.MarkedYAMLError) -> str:
    """A parser's message on one line: line and column (1-based), the problem, its context
    (the parser's own words are PyYAML's English)."""
    mark = error.problem_mark or error.context_mark
    problem = _parser_words(error.problem or error.context) or message("yaml_invalid")
    if error.problem and error.context:
        start, context = error.context_mark, _parser_words(error.context)
        problem = (
            message("yaml_context_at", problem=problem, context=context, **_place(start))
            if start
            else message("yaml_context", problem=problem, context=context)
        )
    return message("yaml_at", problem=problem, **_place(mark)) if mark else problem


def _parser_words(text: str | None) -> str | None:
    """``text`` of PyYAML as a message of :data:`PARSER_WORDS`, when it is one of them."""
    for pattern, key in PARSER_WORDS:
        if text and (found := re.fullmatch(pattern, text)):
            return message(key, **found.groupdict())
    return text


def _place(mark: yaml.Mark) -> dict[str, int]:
    """A parser's mark as 1-based ``line`` and ``column`` fields."""
    return {"line": mark.line + 1, "column": mark.column + 1}


class Reader:
    """Typed access to one mapping of a settings file; problems are collected, not raised.

    Every accessor returns the value, or ``None`` after recording a problem that names the
    file and the dotted key (``segments.above_scale.tax.weight``). Readers made by
    :meth:`sub` share one problem list; :meth:`check` raises them all at once.
    """

    def __init__(self, raw: Any, where: str, prefix: str = "", problems: list[str] | None = None):
        self.where, self.prefix = where, prefix
        self.problems: list[str] = [] if problems is None else problems
        self.raw: dict = raw if isinstance(raw, dict) else {}
        if not isinstance(raw, dict):
            self.fail("", message("expected_mapping", kind=type(raw).__name__))

    def fail(self, key: str, problem: str) -> None:
        """Record one problem at ``key`` (relative to this mapping); ``problem`` says what was
        expected (a :class:`~clusterlib.messages.Message` reads in both languages)."""
        name = f"{self.prefix}{key}".rstrip(".") or message("top_level")
        self.problems.append(message("settings_key", file=self.where, key=name, problem=problem))

    def check(self) -> None:
        """Raise :class:`ParameterError` listing every recorded problem, if any."""
        if self.problems:
            found = message("settings_problems", n=len(self.problems), lines=self.problems)
            raise ParameterError(found)

    def get(self, key: str, optional: bool = False) -> Any:
        """The raw value at ``key``; a missing required key is a problem."""
        if key not in self.raw or self.raw[key] is None:
            if not optional:
                self.fail(key, message("key_missing"))
            return None
        return self.raw[key]

    def sub(self, key: str, optional: bool = False) -> Reader | None:
        """The mapping at ``key`` as a reader (an empty one when a required key is missing)."""
        value = self.get(key, optional)
        if value is None:
            return None if optional else Reader({}, self.where, f"{self.prefix}{key}.", [])
        return Reader(value, self.where, f"{self.prefix}{key}.", self.problems)

    def unknown(self, known: tuple[str, ...] | list[str]) -> None:
        """Record every key of this mapping that is not in ``known``."""
        for key in self.raw:
            if key not in known:
                self.fail(str(key), message("key_unknown", known=", ".join(known)))

    def mapping(self, key: str, allowed: tuple[str, ...] | None = None) -> dict[str, Reader]:
        """The sub-mappings at ``key`` by name; names outside ``allowed`` are problems."""
        reader = self.sub(key)
        if not reader.raw and reader.problems is self.problems:
            self.fail(key, message("must_not_be_empty"))
        if allowed is not None:
            reader.unknown(allowed)
        return reader.children()

    def children(self) -> dict[str, Reader]:
        """Every value of this mapping as a reader, by key."""
        return {str(name): self.sub(str(name)) for name in self.raw}

    def items(self, key: str) -> list[Reader]:
        """The list at ``key`` as readers of its mappings."""
        value = self.get(key)
        if value is not None and not isinstance(value, list):
            self.fail(key, message("expected_list", kind=type(value).__name__))
        if not isinstance(value, list):
            return []
        prefix = f"{self.prefix}{key}"
        return [
            Reader(v, self.where, f"{prefix}[{i}].", self.problems) for i, v in enumerate(value)
        ]

    def text(self, key: str, optional: bool = False) -> str | None:
        """A text value."""
        return self._typed(key, (str,), message("a_text"), optional)

    def integer(self, key: str, optional: bool = False, minimum: int | None = None) -> int | None:
        """A whole number, at least ``minimum`` if given."""
        value = self._typed(key, (int,), message("a_whole_number"), optional)
        if value is not None and minimum is not None and value < minimum:
            self.fail(key, message("expected_whole_at_least", minimum=minimum, value=value))
            return None
        return value

    def number(self, key: str, optional: bool = False, minimum: float = 0.0) -> float | None:
        """A number (not a boolean), at least ``minimum``."""
        value = self.get(key, optional)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            self.fail(key, message("expected_number_at_least", minimum=minimum, value=value))
            return None
        return float(value)

    def texts(self, key: str, optional: bool = False) -> tuple[str, ...] | None:
        """A list of text values, as a tuple."""
        value = self.get(key, optional)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, message("expected_texts", value=value))
            return None
        return tuple(value)

    def choice(self, key: str, options: tuple[str, ...], default: str | None = None) -> str | None:
        """One of ``options`` (``default`` when the key is absent and a default is given)."""
        value = self.get(key, optional=default is not None)
        value = default if value is None else value
        if value is None:
            return None  # missing: already recorded
        if value not in options:
            self.fail(key, message("expected_one_of", options=", ".join(options), value=value))
            return None
        return value

    def names(self, key: str, known: dict[str, Any] | tuple[str, ...]) -> tuple[str, ...] | None:
        """A list of names, each among ``known``."""
        value = self.get(key)
        if not isinstance(value, list) or any(v not in known for v in value):
            if value is not None:
                self.fail(key, message("expected_names_among", known=", ".join(known), value=value))
            return None
        return tuple(value)

    def labels(self, key: str = "labels") -> dict[str, str] | None:
        """A mapping of at least two class labels to names."""
        value = self.get(key)
        if not isinstance(value, dict) or len(value) < 2:
            self.fail(key, message("expected_labels"))
            return None
        return {str(k): str(v) for k, v in value.items()}

    def _typed(self, key: str, types: tuple[type, ...], what: str, optional: bool) -> Any:
        value = self.get(key, optional)
        if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
            self.fail(
                key, message("expected_type", what=what, kind=type(value).__name__, value=value)
            )
            return None
        return value


def read_settings(path: str | Path, what: str, build: Callable[[Reader], T]) -> T:
    """Read a settings file with ``build`` and return its result, or raise every problem.

    ``build`` receives a :class:`Reader` of the file's top mapping and returns a frozen
    dataclass; it may record problems freely, they are raised together afterwards.

    Raises
    ------
    ParameterError
        If the file cannot be read, or listing every problem with its file and key.
    """
    path = Path(path)
    reader = Reader(read_yaml(path, what), str(path))
    result = build(reader)
    reader.check()
    return result


@dataclass(frozen=True)
class RunSettings:
    """Settings of the quarterly batch (params/run.yaml); notebooks get those they declare."""

    quarter: str
    data: tuple[str, ...]
    official: tuple[str, ...]
    enterprises: str
    lang: str
    seed: int
    projects: str = ""  # key-project register (optional; "" = none, project goals "no data")
    catalog: str = ""  # folder of regions.csv, indicators.csv, ...; "" = paths.catalog_dir()
    backend: str = "local"  # where the per-series fits run: local or dask
    scheduler: str = ""  # backend dask: the scheduler's address (tcp://host:8786)
    as_of_month: str = ""  # a month (2019-08) up to which monthly figures count; "" = quarter's end
    monthly: tuple[str, ...] = ()  # monthly 累计 records for as_of_month (input format)

    def for_notebooks(self) -> dict[str, Any]:
        """The settings as notebook parameters (lists, as the parameters cells declare them)."""
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in vars(self).items()
        }


RUN_KEYS = tuple(RunSettings.__dataclass_fields__)


def run_settings(reader: Reader) -> RunSettings:
    """Build :class:`RunSettings` from a reader, recording every problem."""
    reader.unknown(RUN_KEYS)
    return RunSettings(
        quarter=reader.text("quarter"),
        data=reader.texts("data"),
        official=reader.texts("official"),
        enterprises=reader.text("enterprises"),
        lang=reader.choice("lang", LANGS),
        seed=reader.integer("seed"),
        projects=reader.text("projects", optional=True) or "",
        catalog=_catalog_folder(reader),
        **_backend(reader),
        **_as_of(reader),
    )


def _as_of(reader: Reader) -> dict[str, Any]:
    """``as_of_month`` (a month of the quarter after ``quarter``, with ``monthly`` files) and
    ``monthly`` (default none), checked together (issue #27: the months since the quarter)."""
    month = reader.text("as_of_month", optional=True) or ""
    monthly = reader.texts("monthly", optional=True) or ()
    quarter = reader.get("quarter", optional=True)
    given_month = reader.get("as_of_month", optional=True) or ""
    given_files = reader.get("monthly", optional=True) or []
    if month != given_month or list(monthly) != list(given_files):
        return {"as_of_month": "", "monthly": ()}  # mistyped: said once, where it was read
    if month:
        try:
            period = pd.Period(month, freq="M")
            ok = str(period) == month
        except (ValueError, TypeError):
            ok = False
        if not ok:
            reader.fail("as_of_month", message("expected_month", given=month))
        elif isinstance(quarter, str) and not follows_quarter(period, quarter):
            reader.fail(
                "as_of_month", message("expected_month_after", quarter=quarter, month=month)
            )
        if not monthly:
            reader.fail("monthly", message("expected_monthly_files"))
    elif monthly:  # files that no month reads would be ignored without a word
        reader.fail("as_of_month", message("expected_as_of_month"))
    return {"as_of_month": month, "monthly": tuple(monthly)}


def follows_quarter(month: pd.Period, quarter: str | pd.Period) -> bool:
    """Whether ``month`` is ``quarter``'s last month or one of the next two."""
    try:
        end = pd.Period(quarter, freq="Q-DEC").asfreq("M", "end")
    except (ValueError, TypeError):
        return True  # the quarter's own problem is reported where it is read
    return 0 <= (month - end).n <= 2


def _catalog_folder(reader: Reader) -> str:
    """The ``catalog`` folder, which must hold the catalogue files ("" = the default one)."""
    folder = reader.text("catalog", optional=True) or ""
    if not folder:
        return ""
    missing = [name for name in CATALOG_FILES if not (paths.ROOT / folder / name).is_file()]
    if missing:
        where = paths.ROOT / folder
        reader.fail("catalog", message("expected_catalog", files=", ".join(missing), where=where))
    return folder


def _backend(reader: Reader) -> dict[str, str]:
    """``backend`` (default local) and ``scheduler`` (default empty), checked together."""
    name = reader.get("backend", optional=True) or "local"
    scheduler = reader.get("scheduler", optional=True) or ""
    for key, problem in backend_problems(name, scheduler).items():
        reader.fail(key, problem)
    return {"backend": str(name), "scheduler": str(scheduler)}


def load_run_params(
    path: str | Path, quarter: str | None = None, lang: str | None = None
) -> RunSettings:
    """Read a run-settings YAML file (safe loading only); none unknown, every key required
    but ``projects``, ``catalog``, ``backend``, ``scheduler``, ``as_of_month`` and ``monthly``.

    ``quarter`` and ``lang`` (the command line's ``--quarter`` and ``--lang``), when given,
    replace the file's before the settings are checked, so ``as_of_month`` must follow the
    quarter the run is for.

    Raises
    ------
    ParameterError
        If the file is missing or unreadable, or listing every unknown, missing or mistyped key.
    """
    given = read_yaml(Path(path), message("run_settings"))
    replaced = {key: value for key, value in (("quarter", quarter), ("lang", lang)) if value}
    return check_run_params(given | replaced if isinstance(given, dict) else given, str(path))


def check_run_params(given: dict[str, Any], where: str = "run settings") -> RunSettings:
    """Run settings from an already-loaded mapping (see :func:`load_run_params`)."""
    reader = Reader(given, where)
    settings = run_settings(reader)
    reader.check()
    return settings


def backend_problems(name: object, scheduler: object) -> dict[str, str]:
    """What is wrong with a backend setting, by setting name (``backend``, ``scheduler``)."""
    if name not in BACKENDS:
        return {"backend": message("expected_one_of", options=", ".join(BACKENDS), value=name)}
    if not isinstance(scheduler, str):
        return {"scheduler": message("expected_scheduler_text", value=scheduler)}
    if name == "local" and scheduler:
        return {"scheduler": message("scheduler_without_dask")}
    if name == "dask" and not scheduler.startswith(SCHEDULER_SCHEMES):
        schemes = ", ".join(SCHEDULER_SCHEMES)
        return {"scheduler": message("expected_scheduler", schemes=schemes, value=scheduler)}
    return {}


def notebook_parameters(notebook: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares in its ``parameters`` cell (papermill's inspection)."""
    import papermill  # only the batch needs it; keeps the parameter-file readers light

    return papermill.inspect_notebook(str(notebook))


def check_notebook_params(notebook: str | Path, given: dict[str, Any]) -> None:
    """Reject parameters a notebook does not declare and values of the wrong type.

    papermill itself only warns about unknown parameters; clusterlib fails instead.

    Raises
    ------
    ParameterError
        Naming the notebook, each offending parameter and the declared ones.
    """
    declared = notebook_parameters(notebook)
    name = Path(notebook).name
    problems = [f"unknown parameter '{key}'" for key in given if key not in declared]
    for key, value in given.items():
        expected = declared.get(key, {}).get("inferred_type_name", "None")
        if key in declared and not _matches(value, expected):
            problems.append(f"parameter '{key}' should be {expected}, got {type(value).__name__}")
    if problems:
        known = ", ".join(declared) or "(none)"
        raise ParameterError(f"{name}: " + "; ".join(problems) + f" (declared: {known})")


def _matches(value: Any, type_name: str) -> bool:
    """Whether ``value`` fits a type annotation name from a parameters cell."""
    simple = {"str": str, "int": int, "float": (int, float), "bool": bool, "list": list}
    base = type_name.split("[")[0]
    if base not in simple:
        return True  # an unannotated or complex declaration: papermill passes it as given
    if base == "int" and isinstance(value, bool):
        return False
    return isinstance(value, simple[base])
