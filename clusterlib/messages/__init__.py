"""Messages users read (提示语), in Chinese and English from one catalogue.

A :class:`Message` is a ``str`` holding the English text, so logs, ``str(error)`` and tests
read as before; :func:`told` gives the Chinese (or English) of a message, a
:class:`~clusterlib.exceptions.Problem` or an error. The texts live in this package's parts,
a ``TEXT`` dict each (key → (zh, en)), one part per area of the code.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module

from clusterlib import catalog
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.labels import PERIOD_FIELDS, check_lang, column_label, period_name

PART_NAMES = (
    "checks",
    "commands",
    "enterprise",
    "evaluation",
    "imports",
    "inputs",
    "kinds",
    "ledger",
    "plausible",
    "runs",
    "scenarios",
    "settings",
)
"""The catalogue's parts, one module of this package each, by the area whose messages it holds."""
PARTS = tuple(import_module(f"clusterlib.messages.{name}") for name in PART_NAMES)
CATALOGUE: dict[str, tuple[str, str]] = {k: v for part in PARTS for k, v in part.TEXT.items()}
"""Every message by key: (zh, en) templates with the same ``{fields}``."""

PERIODS = (*PERIOD_FIELDS, "quarter", "year")
"""Fields written as periods in Chinese (2019年第二季度); ``region``, ``regions`` (ids joined by
", ") and ``indicator`` by name, ``data_column`` by its header (data/catalog/columns.csv)."""
PERIOD_LISTS = ("missing_months", "held_months", "periods", "holes")
"""Fields holding periods joined by ", " (``2019-08, 2018-12``, ``2019Q2, 2019Q3``), written
2019年8月、2018年12月 and 2019年第二季度、2019年第三季度."""

KINDS_ZH = {"str": "文字", "int": "整数", "float": "数", "bool": "是/否", "list": "列表"}
KINDS_ZH |= {"dict": "映射", "NoneType": "空值", "date": "日期", "datetime": "日期时间"}
"""The ``kind`` field (a YAML value's Python type) in Chinese."""


class Message(str):
    """A message of :data:`CATALOGUE`: the English text as a ``str``, Chinese by :meth:`text`."""

    key: str
    fields: dict[str, object]

    def __new__(cls, key: str, /, **fields: object) -> Message:
        made = super().__new__(cls, _filled(key, "en", fields))
        made.key, made.fields = key, fields
        return made

    def __reduce__(self) -> tuple:
        return _rebuilt, (self.key, self.fields)  # pickled across worker processes

    def text(self, lang: str = "zh") -> str:
        """The message in ``lang``."""
        return _filled(self.key, lang, self.fields)


def message(key: str, /, **fields: object) -> Message:
    """The message ``key`` of :data:`CATALOGUE` with its ``fields`` filled in."""
    return Message(key, **fields)


def _rebuilt(key: str, fields: Mapping[str, object]) -> Message:
    return Message(key, **fields)


def told(item: object, lang: str = "zh") -> str:
    """What ``item`` says in ``lang``: a message, a problem, an error (an input error with its
    problems, one a line) or any other object as ``str`` gives it."""
    if isinstance(item, Message):
        return item.text(lang)
    if isinstance(item, Problem):
        return _problem(item, lang)
    if isinstance(item, DataValidationError):
        lines = [told(problem, lang) for problem in item.problems]
        return told(message("input_problems", n=len(lines), lines=lines), lang)
    if isinstance(item, BaseException) and len(item.args) == 1:
        return told(item.args[0], lang)
    return str(item)


def _problem(problem: Problem, lang: str) -> str:
    """A problem as a line: file, row and column, then what was expected."""
    if check_lang(lang) == 1:
        return str(problem)
    where = problem.file
    if problem.row is not None:
        where += f"，第{problem.row}行"
    if problem.column is not None:
        where += f"，“{problem.column}”列"
    return f"{where}：{told(problem.message, lang)}"


def _filled(key: str, lang: str, fields: Mapping[str, object]) -> str:
    """The template of ``key`` in ``lang`` with ``fields`` written for that language."""
    return _Filler(lang).vformat(CATALOGUE[key][check_lang(lang)], (), fields)


class _Filler(string.Formatter):
    """Fills a template's fields as :func:`_shown` writes them; ``{field!r}`` shows the value
    as given (a list as ``[0]``, a text in quotes), not as written for the reader."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def get_value(self, key: int | str, args: Sequence[object], kwargs: Mapping[str, object]):
        return _Field(str(key), kwargs[str(key)])

    def convert_field(self, value: object, conversion: str | None) -> object:
        if isinstance(value, _Field) and conversion == "r":
            return repr(
                value.value if isinstance(value.value, list | tuple) else value.shown(self.lang)
            )
        return super().convert_field(value, conversion)

    def format_field(self, value: object, format_spec: str) -> str:
        shown = value.shown(self.lang) if isinstance(value, _Field) else value
        return format(shown, format_spec)


@dataclass(frozen=True)
class _Field:
    """A field's name and value, written for a reader by :func:`_shown`."""

    name: str
    value: object

    def shown(self, lang: str) -> object:
        return _shown(self.name, self.value, lang)


def _shown(name: str, value: object, lang: str) -> object:
    """A field as ``lang`` reads it: periods and ids by name in Chinese, messages told, lists
    one item a line; other values as given (numbers keep their format specs)."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, list | tuple):
        return "\n".join(str(_shown(name, item, lang)) for item in value)
    if lang != "zh" or not isinstance(value, str):
        return value
    if name in PERIODS:
        return period_name(value, lang)
    if name == "region":
        return catalog.region_name(value, lang)
    if name == "indicator":
        return catalog.indicator_name(value, lang)
    if name == "regions":  # ids joined by ", "
        return "、".join(catalog.region_name(region, lang) for region in value.split(", "))
    if name in PERIOD_LISTS:  # periods (2019-08, 2019Q2) joined by ", "
        return "、".join(period_name(month, lang) for month in value.split(", "))
    if name == "data_column":  # a column of a data file, by its header in columns.csv
        return column_label(value, lang)
    if name == "series":  # region/indicator/period_type/measure
        return _series_name(value)
    if name == "kind":
        return KINDS_ZH.get(value, value)
    return value


def _series_name(series: str) -> str:
    """A series ``city/fai/ytd/level`` as Chinese reads it: 郑州市固定资产投资（累计总量）; other
    text as given."""
    parts = series.split("/")
    if len(parts) != 4:
        return series
    region, indicator, period_type, measure = parts
    words = [
        CATALOGUE.get(key, (None,))[0]
        for key in (f"period_type_{period_type}", f"measure_{measure}")
    ]
    if None in words:
        return series
    name = catalog.region_name(region, "zh") + catalog.indicator_name(indicator, "zh")
    return f"{name}（{''.join(words)}）"
