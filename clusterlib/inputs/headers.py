"""What a release table's header says: the sheet being read, its name columns and value columns."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string

from clusterlib.exceptions import Problem
from clusterlib.inputs import cells
from clusterlib.inputs.layouts import Layout, is_letter
from clusterlib.inputs.names import key, lookup
from clusterlib.inputs.reading import column_positions
from clusterlib.inputs.records import printable
from clusterlib.inputs.release_tables import Sheet

_NOTE_UNIT = re.compile(r"单位\s*[:：]\s*([^\s,，;；)]+)")


@dataclass(frozen=True)
class Column:
    """What a value column's header says: period, indicator, measure and printed unit."""

    index: int
    ref: str
    period: str | None
    period_type: str | None
    indicator: str | None
    measure: str | None
    unit: str | None


@dataclass(frozen=True)
class Context:
    """One sheet being imported: its file, its texts outside the table, the layout's names."""

    file: str
    sheet: Sheet
    layout: Layout
    texts: tuple[str, ...]
    source_prefix: str
    regions: dict[str, str]
    indicators: dict[str, str]
    note_unit: str | None = None  # the unit of a "单位：万元" note above the header

    def problem(self, row: int, column: int, message: str) -> Problem:
        """A problem at a sheet cell, printed as ``file, column 'Sheet1!B7': message``."""
        return Problem(self.file, None, self.sheet.ref(row, column), message)


def sheet_context(path: Path, sheet: Sheet, layout: Layout, several: bool) -> Context:
    """The context of one sheet: title text, source prefix and the names the layout knows."""
    above = sheet.cells[: min(layout.header_rows) - 1]  # the title and note rows
    title = " ".join(text for row in above for text in row if text)
    note = _NOTE_UNIT.search(cells.normalise(title))
    prefix = f"{path.name}!{sheet.name}!" if several else f"{path.name}!"
    return Context(
        file=path.name,
        sheet=sheet,
        layout=layout,
        texts=(sheet.name, title, path.stem),
        source_prefix=prefix,
        regions=lookup("region", layout.names),
        indicators=lookup("indicator", layout.indicators),
        note_unit=cells.unit_of(note[1]) if note else None,
    )


def missing_units(context: Context, fields: dict[str, int], columns: list[Column]) -> list[Problem]:
    """A problem at the header of each level column whose unit nothing gives.

    A level's unit comes from its header ("(万元)"), a unit column, the layout's
    ``fixed.unit`` or a "单位：万元" note above the header; without any of them the value
    would be read in whatever unit the catalogue expects, so it is not read.
    """
    if "unit" in fields or "unit" in context.layout.fixed or context.note_unit:
        return []
    measure = context.layout.fixed.get("measure")
    return [
        context.problem(
            max(context.layout.header_rows),
            column.index,
            f"header '{quoted(_header_text(context, column.index))}': no unit for these "
            "levels; expected one in the "
            "header such as (亿元) or (万元), a '单位：万元' note above the header, a unit "
            "column, or fixed.unit in the layout",
        )
        for column in columns
        if column.unit is None and (column.measure or measure or "level") == "level"
    ]


def row_field_columns(context: Context) -> tuple[dict[str, int], list[Problem]]:
    """Sheet column of each field read from the rows (given by letter or header text)."""
    found, problems = {}, []
    headers = _header_columns(context)
    for name, spec in context.layout.rows.items():
        if is_letter(spec):
            found[name] = column_index_from_string(spec)
        elif key(cells.without_units(spec)) in headers:
            columns = headers[key(cells.without_units(spec))]
            found[name] = columns[0]
            if len(columns) > 1:
                message = (
                    f"the header '{quoted(spec)}' ({name}) is in columns "
                    f"{column_positions(columns)}; expected it once"
                )
                problems.append(
                    context.problem(max(context.layout.header_rows), columns[1], message)
                )
        else:
            message = f"no column headed '{spec}' for {name}; check the layout's rows.{name}"
            where = f"{context.sheet.name or 'header'} row {max(context.layout.header_rows)}"
            problems.append(Problem(context.file, None, where, message))
    return found, problems


def _header_columns(context: Context) -> dict[str, list[int]]:
    """The sheet columns under each header text (without units), in order."""
    headers: dict[str, list[int]] = {}
    for column in range(1, context.sheet.width + 1):
        text = key(cells.without_units(_header_text(context, column)))
        headers.setdefault(text, []).append(column)
    return headers


def _header_pieces(context: Context, column: int) -> list[str]:
    pieces = []
    for row in context.layout.header_rows:
        text = context.sheet.text(row, column).strip()
        if text and text not in pieces:
            pieces.append(text)
    return pieces


def _header_text(context: Context, column: int) -> str:
    return " ".join(_header_pieces(context, column))


def value_columns(context: Context, taken: set[int], problems: list[Problem]) -> list[Column]:
    """Every column holding values, with what its header says; header problems are recorded."""
    columns: list[Column] = []
    for index in range(1, context.sheet.width + 1):
        pieces = _header_pieces(context, index)
        if index in taken or not pieces or _skipped_column(context, index, pieces):
            continue
        column = _column(context, index, pieces, columns[-1] if columns else None, problems)
        columns.append(column)
    return columns


def _skipped_column(context: Context, index: int, pieces: list[str]) -> bool:
    text = key(" ".join(pieces))
    letter = context.sheet.ref(1, index).split("!")[-1][:-1]
    return any(
        letter == s or (not is_letter(s) and key(s) in text) for s in context.layout.skip_columns
    )


def _column(
    context: Context, index: int, pieces: list[str], previous: Column | None, problems: list
) -> Column:
    layout, ref_row = context.layout, max(context.layout.header_rows)
    label = _first(cells.parse_period_label, pieces)
    year = _first(cells.parse_year, pieces)
    indicator = _first(lambda p: context.indicators.get(key(cells.without_units(p))), pieces)
    if previous is not None and "indicator" in layout.carry_left and indicator is None:
        indicator = previous.indicator
    period = period_type = None
    if label is None and previous is not None and "period" in layout.carry_left:
        period, period_type = previous.period, previous.period_type
    else:
        label = label or _first(cells.parse_period_label, context.texts)
        year = year or _first(cells.parse_year, context.texts) or layout.year
        if label is not None and year is not None:
            period, period_type = (
                cells.period_text(year, label, layout.frequency),
                label.period_type,
            )
    needs = [f for f in ("period", "indicator") if f not in layout.rows and f not in layout.fixed]
    shown = f"header '{quoted(' | '.join(pieces))}'"
    if "period" in needs and period is None:
        what = "a period label such as 1—6月, 上半年 or 一季度" if label is None else "a year"
        where = "the header, title, sheet name or file name (or 'year' in the layout)"
        message = f"{shown}: cannot tell the period; expected {what} in {where}"
        problems.append(context.problem(ref_row, index, message))
    if "indicator" in needs and indicator is None:
        problems.append(
            context.problem(ref_row, index, f"{shown}: {unknown_name('indicator', '')}")
        )
    for piece in pieces:
        if (printed := cells.unknown_unit(piece)) is not None:
            known = ", ".join(cells.UNITS)
            message = f"{shown}: unit '{printed}' cannot be converted; known units: {known}"
            problems.append(context.problem(ref_row, index, message))
    measure = _measure(pieces, layout.measures)
    unit = _first(cells.unit_of, list(reversed(pieces)))
    return Column(
        index, context.sheet.ref(ref_row, index), period, period_type, indicator, measure, unit
    )


def _measure(pieces: list[str], measures: dict[str, str]) -> str | None:
    texts = [key(cells.without_units(p)) for p in pieces]
    for word in sorted(measures, key=len, reverse=True):
        if any(key(word) in text for text in texts):
            return measures[word]
    return None


def _first(function: Callable[[Any], Any], items: Iterable[Any]) -> Any:
    for item in items:
        value = function(item)
        if value is not None:
            return value
    return None


def unknown_name(name: str, label: str) -> str:
    """The message for a name that is not in the catalogue, saying where to add it."""
    where = "data/catalog/region_aliases.csv or the layout's names"
    if name == "indicator":
        where = "the layout's indicators (catalogue: data/catalog/indicators.csv)"
    named = f" '{quoted(label)}'" if label else ""
    return f"unknown {name}{named}; add it to {where}"


def quoted(text: str, limit: int = 40) -> str:
    """Cell text for a message: one line without control characters (terminal escape
    codes), cut to ``limit`` characters."""
    text = " ".join(printable(str(text)).split())
    return text if len(text) <= limit else text[:limit] + "…"
