"""Importing release tables: the cells of laid-out sheets → validated input records."""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs import cells
from clusterlib.inputs.headers import (
    Column,
    Context,
    missing_units,
    period_conflicts,
    period_said,
    row_field_columns,
    sheet_context,
    unknown_name,
    value_columns,
)
from clusterlib.inputs.layouts import Layout
from clusterlib.inputs.names import key, known_name
from clusterlib.inputs.problem_rows import renamed_rows
from clusterlib.inputs.reading import ROW
from clusterlib.inputs.records import GROWTH_UNIT, REQUIRED, quoted
from clusterlib.inputs.release_tables import read_sheets
from clusterlib.inputs.validation import validate_records
from clusterlib.messages import Message, message, told

COLUMNS = (*REQUIRED, "quote")
YEAR_EARLIER = ("上年同期", "去年同期")  # a heading of last year's figures
CELL = "_cell"  # "file.xlsx" + "Sheet1!C7" of each record, to name cells in problems


@dataclass
class ImportResult:
    """Records read from release tables, every problem found, and what was skipped."""

    records: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    missing: int = 0
    skipped_rows: int = 0

    @property
    def clean(self) -> pd.DataFrame:
        """The records in the record format (without the internal cell column)."""
        return self.records.loc[:, list(COLUMNS)]


def import_tables(files: Iterable[str | Path], layout: Layout) -> ImportResult:
    """Read release tables laid out as ``layout`` into records, and validate them.

    Parameters
    ----------
    files
        ``.xlsx`` workbooks or ``.csv`` exports (UTF-8 or GBK).
    layout
        Where the header, the names and the values are (:func:`load_layout`).

    Returns
    -------
    ImportResult
        ``records`` holds every record read (``source`` = ``file!cell``); ``problems``
        lists every unreadable cell, unknown name and validation problem with its cell.
        Missing-value marks are skipped and counted in ``missing``, never read as 0.
    """
    files = [Path(path) for path in files]
    rows, result = [], ImportResult(pd.DataFrame(columns=[*COLUMNS, CELL]))
    for path in files:
        try:
            sheets = read_sheets(path, layout.sheets, layout.header_rows)
        except DataValidationError as error:
            result.problems += error.problems
            continue
        for sheet in sheets:
            context = sheet_context(path, sheet, layout, several=len(sheets) > 1)
            before = (len(result.problems), result.missing)
            read = _import_sheet(context, result)
            if len(sheets) > 1 and not read and len(result.problems) == before[0]:
                missing = result.missing - before[1]
                said = message("sheet_without_figures", sheet=sheet.name, missing=missing)
                result.problems.append(Problem(path.name, None, None, said))
            rows += read
    result.records = pd.DataFrame(rows, columns=[*COLUMNS, CELL])
    result.problems += _validation_problems(result.records)
    if result.records.empty and not result.problems:
        names = ", ".join(Path(path).name for path in files)
        result.problems.append(Problem(names, None, None, message("import_no_records")))
    return result


def _import_sheet(context: Context, result: ImportResult) -> list[dict]:
    fields, problems = row_field_columns(context)
    unread: list[Problem] = []  # columns left out; the others are read
    columns = value_columns(context, set(fields.values()), problems, unread)
    problems += missing_units(context, fields, columns) + period_conflicts(context)
    records = []
    if not problems:
        for row in range(context.layout.first_data_row, len(context.sheet.cells) + 1):
            end = _end_of_table(context, row, fields, columns, result)
            if end is not None:
                result.problems += _rows_below(context, row, columns, end)
                break
            records += _import_row(context, row, fields, columns, result)
    result.problems += problems + unread
    return records


def _end_of_table(
    context: Context, row: int, fields: dict[str, int], columns: list[Column], result: ImportResult
) -> Message | None:
    """Where the table ends, if at ``row``: a stop row (a note), or a heading of another
    period (a problem, recorded here). Said of the rows below it that hold numbers."""
    found = _first_text(context, row)
    if found is None:
        return None
    column, text = found
    cell = _cell(context, row, column)
    if any(key(text).startswith(key(mark)) for mark in context.layout.stop):
        where = message("stop_row_at", cell=cell, text=quoted(text))
        result.problems += _numbers_in_stop_row(context, row, columns, where)
        return where
    if "period" in fields or any(context.sheet.text(row, c.index).strip() for c in columns):
        return None  # a row of values, or a layout reading the period from each row
    if _names_something(context, row, fields):
        return None  # a region or indicator without figures ("…较2016年提高"), no heading
    heading = _other_period(context, row, columns)
    if heading is None:
        return None
    column, text, said, table = heading
    other = message("heading_other_period", text=quoted(text), said=said, table=table)
    result.problems.append(context.problem(row, column, other))
    return message("heading_at", cell=_cell(context, row, column), text=quoted(text))


def _names_something(context: Context, row: int, fields: dict[str, int]) -> bool:
    """True when the row's region or indicator cell holds a known name."""
    for name, names in (("region", context.regions), ("indicator", context.indicators)):
        if name in fields and known_name(names, context.sheet.text(row, fields[name])):
            return True
    return False


def _first_text(context: Context, row: int) -> tuple[int, str] | None:
    """The first non-empty cell of a row: its column and text."""
    texts = context.sheet.cells[row - 1]
    return next(((i, t) for i, t in enumerate(texts, start=1) if t.strip()), None)


def _other_period(
    context: Context, row: int, columns: list[Column]
) -> tuple[int, str, object, object] | None:
    """A heading row (no values) giving another period or year than the table's columns:
    its column, its text, what it gives and the table's period; ``None`` otherwise.

    "2019年1—3月…" in a table of 1—6月, "2018年1—6月（上年同期）", "上年同期" are; a
    heading without a period ("其中：市级园区") or repeating the table's period is not.
    """
    fixed = context.layout.fixed
    if "period" in fixed:
        table = [f"{fixed['period']} {fixed['period_type']}"]
    else:
        table = sorted({f"{c.period} {c.period_type}" for c in columns if c.period})
    if not table:
        return None
    years = {int(period[:4]) for period in table}
    for column, text in enumerate(context.sheet.cells[row - 1], start=1):
        if not text.strip():
            continue
        label, year = cells.parse_period_label(text), cells.parse_year(text)
        earlier = any(word in cells.normalise(text) for word in YEAR_EARLIER)
        said: Message | None = None
        if label is not None:
            asked = year or (min(years) if len(years) == 1 else None)
            frequency = context.layout.frequency
            given = asked and f"{cells.period_text(asked, label, frequency)} {label.period_type}"
            said = period_said(given) if given else message("another_period")
            other = [given] != table
        elif year is not None:
            said, other = message("the_year", gives=year), year not in years
        else:
            other = False
        if earlier:
            said = message("also_year_earlier", said=said) if said else message("year_earlier")
            other = True
        if other:
            shown = period_said(table[0]) if len(table) == 1 else ", ".join(table)
            return column, text, said, shown
    return None


def _numbers_in_stop_row(
    context: Context, row: int, columns: list[Column], where: Message
) -> list[Problem]:
    """A problem at each value cell of the stop row that holds a number ("注：含新郑 | 50"):
    the row ends the table and is not read, so its numbers are never dropped without a word."""
    stop = ", ".join(context.layout.stop)
    return [
        context.problem(
            row, c.index, message("number_in_stop_row", text=quoted(text), where=where, stop=stop)
        )
        for c, text in _numbers(context, row, columns)
    ]


def _numbers(context: Context, row: int, columns: list[Column]) -> list[tuple[Column, str]]:
    """The value cells of ``row`` that hold a number, with their text."""
    texts = [(c, context.sheet.text(row, c.index)) for c in columns]
    return [(c, text) for c, text in texts if cells.parse_number(text) is not None]


def _cell(context: Context, row: int, column: int) -> str:
    """A cell's reference without its sheet: ``B7``."""
    return context.sheet.ref(row, column).split("!")[-1]


def _rows_below(context: Context, end: int, columns: list[Column], where: Message) -> list[Problem]:
    """A problem at the first cell of each row below the table's end that holds numbers:
    such a row is not read, and never dropped without a word."""
    problems = []
    for row in range(end + 1, len(context.sheet.cells) + 1):
        numbers = [
            f"{_cell(context, row, c.index)} {quoted(text)}"
            for c, text in _numbers(context, row, columns)
        ]
        if not numbers:
            continue
        column, text = _first_text(context, row)
        shown = ", ".join(numbers[:3]) + (", …" if len(numbers) > 3 else "")
        below = message("numbers_below_end", row=row, text=quoted(text), shown=shown, where=where)
        problems.append(context.problem(row, column, below))
    return problems


def _import_row(
    context: Context, row: int, fields: dict[str, int], columns: list[Column], result: ImportResult
) -> list[dict]:
    texts = {column.index: context.sheet.text(row, column.index) for column in columns}
    if all(not text.strip() for text in texts.values()):
        return []  # a section heading or a spacer row
    labels = {name: context.sheet.text(row, index) for name, index in fields.items()}
    if any(
        key(labels[name]).startswith(key(mark))
        for name in ("region", "indicator")
        if name in labels
        for mark in context.layout.skip_rows
    ):
        result.skipped_rows += 1
        return []
    known, problems = _row_values(context, row, fields, labels)
    records = []
    for column in columns:
        record = _cell_record(context, row, column, known, texts[column.index], problems, result)
        if record is not None:
            records.append(record)
    result.problems += problems
    return [] if problems else records


def _row_values(
    context: Context, row: int, fields: dict[str, int], labels: dict[str, str]
) -> tuple[dict[str, str | None], list[Problem]]:
    known, problems = dict(context.layout.fixed), []
    for name in ("region", "indicator"):
        if name in fields:
            names = context.regions if name == "region" else context.indicators
            known[name] = known_name(names, labels[name])
            if known[name] is None:
                problems.append(
                    context.problem(row, fields[name], unknown_name(name, labels[name]))
                )
    if "period" in fields:
        label = cells.parse_period_label(labels["period"])
        year = cells.parse_year(labels["period"]) or context.layout.year
        if label is None or year is None:
            unreadable = message("table_unreadable_period", text=quoted(labels["period"]))
            problems.append(context.problem(row, fields["period"], unreadable))
        else:
            known["period"] = cells.period_text(year, label, context.layout.frequency)
            known.setdefault("period_type", label.period_type)
    if "unit" in fields:
        known["unit"] = (
            cells.unit_of(labels["unit"]) if labels["unit"].strip() else known.get("unit")
        )
        if labels["unit"].strip() and known["unit"] is None:
            units = ", ".join(cells.UNITS)
            unknown = message("unknown_printed_unit", text=quoted(labels["unit"]), known=units)
            problems.append(context.problem(row, fields["unit"], unknown))
    return known, problems


def _cell_record(
    context: Context,
    row: int,
    column: Column,
    known: dict[str, str | None],
    text: str,
    problems: list[Problem],
    result: ImportResult,
) -> dict | None:
    if cells.is_missing(text, context.layout.missing):
        result.missing += 1
        return None
    value = cells.parse_number(text)
    if value is None:
        problems.append(
            context.problem(row, column.index, message("cell_not_number", text=quoted(text)))
        )
        return None
    indicator = known.get("indicator") or column.indicator
    measure = column.measure or known.get("measure") or "level"
    if "period" in known:  # fixed by the layout or read from the row
        period, period_type = known["period"], known.get("period_type")
    else:
        period, period_type = column.period, column.period_type
    period_type = context.layout.fixed.get("period_type") or period_type
    # a unit column describes the level; growth is in % whatever it says
    printed = column.unit if measure == "growth" else column.unit or known.get("unit")
    printed = printed or (None if measure == "growth" else context.note_unit)
    value, unit, error = _in_catalogue_unit(value, printed, indicator, measure)
    error = error or _percent_level(text, measure, printed or unit)
    if error:
        problems.append(context.problem(row, column.index, error))
        return None
    cell = context.sheet.ref(row, column.index)
    return {
        "region": known.get("region"),
        "indicator": indicator,
        "period": period,
        "period_type": period_type,
        "measure": measure,
        "value": cells.format_value(value),
        "unit": unit,
        "source": context.source_prefix + cell.split("!")[-1],
        "quote": cells.normalise(text) if len(text) < 60 else "",
        CELL: f"{context.file}\t{cell}",
    }


def _in_catalogue_unit(
    value: float, printed: str | None, indicator: str | None, measure: str
) -> tuple[float, str, Message | None]:
    if measure == "growth":
        ok = printed in (None, "%")
        return value, GROWTH_UNIT, None if ok else message("growth_not_percent", unit=printed)
    target = _catalogue_units().get(indicator)
    if target is None:
        return value, "", None  # reported by validation as an unknown indicator
    converted, error = cells.convert(value, printed, target)
    return converted, target, error


def _percent_level(text: str, measure: str, unit: str) -> Message | None:
    """The problem of a level of a money or physical ``unit`` printed with a % sign."""
    if measure != "level" or unit in ("", "%", "pp", *cells.PERCENT_UNITS):
        return None
    if not cells.normalise(text).endswith("%"):
        return None
    return message("level_with_percent", text=quoted(text), unit=unit)


@cache
def _catalogue_units() -> dict[str, str]:
    return catalog.indicators()["unit"].astype(str).to_dict()


def _validation_problems(records: pd.DataFrame) -> list[Problem]:
    """Validate the records as a file would be; problems name the table cell."""
    if records.empty:
        return []
    raw = records.loc[:, list(COLUMNS)].fillna("").astype(str)
    raw[ROW] = range(2, len(raw) + 2)
    found = validate_records(raw, "imported records", allow_gaps=True)
    located = []
    for problem in found:
        if problem.row is None:
            located.append(problem)
            continue
        file, cell = _record_cell(records, problem.row)
        said = _renamed(problem.message, partial(_other_cell, records, here=file))
        if problem.column:
            said = message("record_column_problem", column=problem.column, problem=said)
        located.append(Problem(file, None, cell, said))
    return located


def _renamed(said: str, name: Callable[[int], str]) -> str:
    """A validation message with other records named by their cells; a message naming
    none is kept as it is, so that it still reads in both languages."""
    renamed = renamed_rows(said, name)
    return said if renamed == said else renamed


def _record_cell(records: pd.DataFrame, row: int) -> tuple[str, str]:
    """The file and sheet cell of the record validated as ``row`` (the first record is 2)."""
    file, cell = records[CELL].iloc[row - 2].split("\t")
    return file, cell


def _other_cell(records: pd.DataFrame, row: int, here: str) -> Message:
    """Another record named in a problem of ``here``: ``cell 1-3月!B3`` (``… of FILE``)."""
    file, cell = _record_cell(records, row)
    if file == here:
        return message("other_cell", cell=cell)
    return message("other_cell_of_file", cell=cell, file=file)


def without_problems(result: ImportResult) -> pd.DataFrame:
    """The records whose cells have no problem (for ``--keep-going``), validated again."""
    records = result.records
    for _ in range(3):
        bad = {(p.file, p.column) for p in result.problems} | {
            (p.file, p.column) for p in _validation_problems(records)
        }
        keys = [tuple(cell.split("\t")) for cell in records[CELL]]
        keep = [k not in bad for k in keys]
        if all(keep):
            break
        records = records[keep]
    return records.loc[:, list(COLUMNS)]


def write_records(records: pd.DataFrame, out: str | Path) -> None:
    """Write records as a UTF-8 CSV atomically (a temporary file, then a rename).

    Text a spreadsheet would run as a formula (a file name ``=HYPERLINK(…).xlsx`` in
    ``source``) is neutralised; see :func:`clusterlib.publish.tables.neutralise`.
    """
    from clusterlib.publish.tables import safe_table

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(out)
    try:
        safe_table(records).to_csv(temporary, index=False, encoding="utf-8")
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def write_problems(problems: list[Problem], out: str | Path, lang: str = "en") -> None:
    """Write the problem list (one line each, in ``lang``) atomically next to the records."""
    out = Path(out)
    temporary = _temporary(out)
    with open(temporary, "w", encoding="utf-8") as stream:
        stream.writelines(f"{told(problem, lang)}\n" for problem in problems)
    os.replace(temporary, out)


def _temporary(out: Path) -> str:
    """A new temporary file next to ``out`` with the usual permissions (0644 under the
    common umask 022, not mkstemp's 0600); temporaries of ``out`` left by a killed run are
    removed first."""
    for stale in out.parent.glob(f".{glob.escape(out.name)}.*.tmp"):
        stale.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temporary, 0o666 & ~mask)
    return temporary


def preview(records: pd.DataFrame, limit: int = 20) -> str:
    """The records as a short text table: the first ``limit`` rows and a count of the rest."""
    if records.empty:
        return "(no records)"
    shown = records.drop(columns=["quote"], errors="ignore").head(limit)
    text = shown.to_string(index=False)
    more = len(records) - len(shown)
    return text + (f"\n… {more} more record(s)" if more else "")
