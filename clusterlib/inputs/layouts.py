"""Layouts of release tables (params/layouts/*.yaml): where headers, names and values are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from clusterlib import catalog
from clusterlib.inputs.cells import UNITS
from clusterlib.inputs.records import MEASURES, PERIOD_TYPES
from clusterlib.messages import message
from clusterlib.params import Reader, read_settings

ROW_FIELDS = ("region", "indicator", "period", "unit")
FIXED_FIELDS = ("region", "indicator", "period", "period_type", "measure", "unit")
CARRIED = ("period", "indicator")
FREQUENCIES = ("quarter", "month")
DEFAULT_MEASURES = {
    "绝对值": "level",
    "总量": "level",
    "本期值": "level",
    "同比增长": "growth",
    "比上年同期增长": "growth",
    "增长": "growth",
    "增速": "growth",
    "增幅": "growth",
    "同比": "growth",
    "±%": "growth",
}
# Header words that mean growth only when the header prints "%": "比上年增减(%)" and
# "±(%)" are rates, "比上年增减(亿元)" is an amount (see headers._column).
GROWTH_IF_PERCENT = ("增减", "±")
DEFAULT_STOP = ("注", "说明", "资料来源", "数据来源")
KEYS = (
    "name",
    "description",
    "sheets",
    "header_rows",
    "rows",
    "fixed",
    "measures",
    "indicators",
    "names",
    "skip_rows",
    "skip_columns",
    "carry_left",
    "stop",
    "missing",
    "frequency",
    "year",
)
_LETTERS = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class Layout:
    """How to read one shape of release table; see docs/import.md for every key."""

    name: str
    sheets: tuple[str, ...]
    header_rows: tuple[int, ...]
    rows: dict[str, str]
    fixed: dict[str, str]
    measures: dict[str, str]
    indicators: dict[str, str]
    names: dict[str, str]
    skip_rows: tuple[str, ...]
    skip_columns: tuple[str, ...]
    carry_left: tuple[str, ...]
    stop: tuple[str, ...]
    missing: tuple[str, ...]
    frequency: str
    year: int | None

    @property
    def first_data_row(self) -> int:
        """The first sheet row below the header."""
        return max(self.header_rows) + 1


def load_layout(path: str | Path) -> Layout:
    """Read a layout YAML file.

    Raises
    ------
    ParameterError
        Listing every unknown, missing or mistyped key of the file at once.
    """
    return read_settings(path, "import layout", build_layout)


def build_layout(reader: Reader) -> Layout:
    """Build a :class:`Layout` from a reader, recording every problem."""
    reader.unknown(KEYS)
    header_rows = _header_rows(reader)
    rows = _text_map(reader, "rows", ROW_FIELDS, optional=False)
    fixed = _text_map(reader, "fixed", FIXED_FIELDS, optional=True)
    _check_fixed(reader, fixed)
    if not ({"region", "indicator"} & (set(rows) | set(fixed))):
        reader.fail("rows", message("layout_no_name_column"))
    return Layout(
        name=reader.text("name") or "",
        sheets=_sheets(reader),
        header_rows=header_rows,
        rows=rows,
        fixed=fixed,
        measures=_measures(reader),
        indicators=_ids(reader, "indicators", catalog.indicators().index),
        names=_ids(reader, "names", catalog.regions().index),
        skip_rows=reader.texts("skip_rows", optional=True) or (),
        skip_columns=reader.texts("skip_columns", optional=True) or (),
        carry_left=_carried(reader),
        stop=reader.texts("stop", optional=True) or DEFAULT_STOP,
        missing=reader.texts("missing", optional=True) or (),
        frequency=reader.choice("frequency", FREQUENCIES, default="quarter"),
        year=reader.integer("year", optional=True, minimum=1900),
    )


def _header_rows(reader: Reader) -> tuple[int, ...]:
    value = reader.get("header_rows")
    ok = isinstance(value, list) and value and all(isinstance(v, int) and v >= 1 for v in value)
    if value is not None and not ok:
        reader.fail("header_rows", message("layout_header_rows", value=repr(value)))
    return tuple(value) if ok else (1,)


def _sheets(reader: Reader) -> tuple[str, ...]:
    value = reader.get("sheets", optional=True)
    if value is None or value in ("first", "all"):
        return (value or "first",)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    reader.fail("sheets", message("layout_sheets", value=repr(value)))
    return ("first",)


def _text_map(reader: Reader, key: str, allowed: tuple[str, ...], optional: bool) -> dict:
    sub = reader.sub(key, optional=optional)
    if sub is None:
        return {}
    sub.unknown(allowed)
    values = {name: sub.text(name) for name in sub.raw if name in allowed}
    return {name: value for name, value in values.items() if value}


def _check_fixed(reader: Reader, fixed: dict[str, str]) -> None:
    allowed = {"period_type": PERIOD_TYPES, "measure": MEASURES}
    for key, options in allowed.items():
        if key in fixed and fixed[key] not in options:
            reader.fail(f"fixed.{key}", message("layout_fixed_choice", options=", ".join(options)))
    if "period" in fixed and "period_type" not in fixed:
        reader.fail("fixed.period_type", message("layout_fixed_type"))
    if "unit" in fixed and fixed["unit"] not in UNITS:
        reader.fail("fixed.unit", message("layout_fixed_unit", units=", ".join(UNITS)))
    for key, kind in (("region", catalog.regions()), ("indicator", catalog.indicators())):
        if key in fixed and fixed[key] not in kind.index:
            unknown = message(f"layout_unknown_{key}_id", code=fixed[key])
            reader.fail(f"fixed.{key}", unknown)


def _measures(reader: Reader) -> dict[str, str]:
    sub = reader.sub("measures", optional=True)
    if sub is None:
        return dict(DEFAULT_MEASURES)
    return {name: sub.choice(name, MEASURES) for name in sub.raw}


def _ids(reader: Reader, key: str, known) -> dict[str, str]:
    sub = reader.sub(key, optional=True)
    if sub is None:
        return {}
    result = {}
    for name in sub.raw:
        value = sub.text(str(name))
        if value is not None and value not in known:
            sub.fail(str(name), message("layout_unknown_id", code=value))
        result[str(name)] = value
    return result


def _carried(reader: Reader) -> tuple[str, ...]:
    value = reader.get("carry_left", optional=True) or []
    if not isinstance(value, list) or any(v not in CARRIED for v in value):
        reader.fail(
            "carry_left", message("layout_carry_left", known=", ".join(CARRIED), value=repr(value))
        )
        return ()
    return tuple(value)


def is_letter(spec: str) -> bool:
    """True when a column is given by its letter (``A``) rather than its header text."""
    return bool(_LETTERS.match(spec))
