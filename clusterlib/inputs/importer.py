"""Importing release tables: the cells of laid-out sheets → validated input records."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from openpyxl.utils import column_index_from_string

from clusterlib import catalog
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs import cells
from clusterlib.inputs.layouts import Layout, is_letter
from clusterlib.inputs.names import key, lookup, without_part_of
from clusterlib.inputs.reading import ROW
from clusterlib.inputs.records import GROWTH_UNIT, REQUIRED
from clusterlib.inputs.release_tables import Sheet, read_sheets
from clusterlib.inputs.validation import validate_records

COLUMNS = (*REQUIRED, "quote")
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

    def problem(self, row: int, column: int, message: str) -> Problem:
        """A problem at a sheet cell, printed as ``file, column 'Sheet1!B7': message``."""
        return Problem(self.file, None, self.sheet.ref(row, column), message)


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
    rows, result = [], ImportResult(pd.DataFrame(columns=[*COLUMNS, CELL]))
    for path in map(Path, files):
        try:
            sheets = read_sheets(path, layout.sheets, layout.header_rows)
        except DataValidationError as error:
            result.problems += error.problems
            continue
        for sheet in sheets:
            context = _context(path, sheet, layout, several=len(sheets) > 1)
            rows += _import_sheet(context, result)
    result.records = pd.DataFrame(rows, columns=[*COLUMNS, CELL])
    result.problems += _validation_problems(result.records)
    return result


def _context(path: Path, sheet: Sheet, layout: Layout, several: bool) -> Context:
    title = (
        " ".join(
            text
            for row in range(1, min(layout.header_rows))
            for text in sheet.cells[row - 1]
            if text
        )
        if len(sheet.cells) >= min(layout.header_rows)
        else ""
    )
    prefix = f"{path.name}!{sheet.name}!" if several else f"{path.name}!"
    return Context(
        file=path.name,
        sheet=sheet,
        layout=layout,
        texts=(sheet.name, title, path.stem),
        source_prefix=prefix,
        regions=lookup("region", layout.names),
        indicators=lookup("indicator", layout.indicators),
    )


def _import_sheet(context: Context, result: ImportResult) -> list[dict]:
    fields, problems = _row_field_columns(context)
    columns = _value_columns(context, set(fields.values()), problems)
    records = []
    if not problems:
        for row in range(context.layout.first_data_row, len(context.sheet.cells) + 1):
            if _is_stop(context, row):
                break
            records += _import_row(context, row, fields, columns, result)
    result.problems += problems
    return records


def _row_field_columns(context: Context) -> tuple[dict[str, int], list[Problem]]:
    """Sheet column of each field read from the rows (given by letter or header text)."""
    found, problems = {}, []
    headers = {
        key(cells.without_units(_header_text(context, c))): c
        for c in range(1, context.sheet.width + 1)
    }
    for name, spec in context.layout.rows.items():
        if is_letter(spec):
            found[name] = column_index_from_string(spec)
        elif key(cells.without_units(spec)) in headers:
            found[name] = headers[key(cells.without_units(spec))]
        else:
            row = max(context.layout.header_rows)
            message = f"no column headed '{spec}' for {name}; check the layout's rows.{name}"
            problems.append(
                Problem(context.file, None, f"{context.sheet.name or 'CSV'} row {row}", message)
            )
    return found, problems


def _header_pieces(context: Context, column: int) -> list[str]:
    pieces = []
    for row in context.layout.header_rows:
        text = context.sheet.text(row, column).strip()
        if text and text not in pieces:
            pieces.append(text)
    return pieces


def _header_text(context: Context, column: int) -> str:
    return " ".join(_header_pieces(context, column))


def _value_columns(context: Context, taken: set[int], problems: list[Problem]) -> list[Column]:
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


def _column(context, index, pieces, previous, problems) -> Column:
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
    shown = f"header '{_shown(' | '.join(pieces))}'"
    if "period" in needs and period is None:
        what = "a period label such as 1—6月, 上半年 or 一季度" if label is None else "a year"
        where = "the header, title, sheet name or file name (or 'year' in the layout)"
        message = f"{shown}: cannot tell the period; expected {what} in {where}"
        problems.append(context.problem(ref_row, index, message))
    if "indicator" in needs and indicator is None:
        problems.append(context.problem(ref_row, index, f"{shown}: {_unknown('indicator', '')}"))
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


def _first(function, items):
    for item in items:
        value = function(item)
        if value is not None:
            return value
    return None


def _is_stop(context: Context, row: int) -> bool:
    first = next((text for text in context.sheet.cells[row - 1] if text.strip()), "")
    return any(key(first).startswith(key(mark)) for mark in context.layout.stop)


def _import_row(context, row, fields, columns, result) -> list[dict]:
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


def _row_values(context, row, fields, labels) -> tuple[dict[str, str | None], list[Problem]]:
    known, problems = dict(context.layout.fixed), []
    for name in ("region", "indicator"):
        if name in fields:
            names = context.regions if name == "region" else context.indicators
            label = without_part_of(labels[name])
            known[name] = names.get(label)
            if known[name] is None:
                problems.append(context.problem(row, fields[name], _unknown(name, labels[name])))
    if "period" in fields:
        label = cells.parse_period_label(labels["period"])
        year = cells.parse_year(labels["period"]) or context.layout.year
        if label is None or year is None:
            message = f"unreadable period '{_shown(labels['period'])}'; expected e.g. 2019年1—6月"
            problems.append(context.problem(row, fields["period"], message))
        else:
            known["period"] = cells.period_text(year, label, context.layout.frequency)
            known.setdefault("period_type", label.period_type)
    if "unit" in fields:
        known["unit"] = (
            cells.unit_of(labels["unit"]) if labels["unit"].strip() else known.get("unit")
        )
        if labels["unit"].strip() and known["unit"] is None:
            message = f"unknown unit '{_shown(labels['unit'])}'; known: {', '.join(cells.UNITS)}"
            problems.append(context.problem(row, fields["unit"], message))
    return known, problems


def _unknown(name: str, label: str) -> str:
    where = "data/catalog/region_aliases.csv or the layout's names"
    if name == "indicator":
        where = "the layout's indicators (catalogue: data/catalog/indicators.csv)"
    shown = f" '{_shown(label)}'" if label else ""
    return f"unknown {name}{shown}; add it to {where}"


def _cell_record(context, row, column, known, text, problems, result) -> dict | None:
    if cells.is_missing(text, context.layout.missing):
        result.missing += 1
        return None
    value = cells.parse_number(text)
    if value is None:
        expected = "a number such as 12.3, or a missing mark (—, …)"
        message = f"'{_shown(text)}' is not a number; expected {expected}"
        problems.append(context.problem(row, column.index, message))
        return None
    indicator = known.get("indicator") or column.indicator
    measure = column.measure or known.get("measure") or "level"
    if "period" in known:  # fixed by the layout or read from the row
        period, period_type = known["period"], known.get("period_type")
    else:
        period, period_type = column.period, column.period_type
    period_type = context.layout.fixed.get("period_type") or period_type
    printed = column.unit or known.get("unit")
    value, unit, error = _in_catalogue_unit(value, printed, indicator, measure)
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


def _in_catalogue_unit(value, printed, indicator, measure) -> tuple[float, str, str | None]:
    if measure == "growth":
        ok = printed in (None, "%")
        return value, GROWTH_UNIT, None if ok else f"growth printed in '{printed}'; expected %"
    target = _catalogue_units().get(indicator)
    if target is None:
        return value, "", None  # reported by validation as an unknown indicator
    converted, error = cells.convert(value, printed, target)
    return converted, target, error


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
        file, cell = records[CELL].iloc[problem.row - 2].split("\t")
        message = f"{problem.column}: {problem.message}" if problem.column else problem.message
        located.append(Problem(file, None, cell, message))
    return located


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
    """Write records as a UTF-8 CSV atomically (a temporary file, then a rename)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    try:
        records.to_csv(temporary, index=False, encoding="utf-8")
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _shown(text: str, limit: int = 40) -> str:
    """Cell text for a message: one line, cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def write_problems(problems: list[Problem], out: str | Path) -> None:
    """Write the problem list (one line each) atomically next to the records."""
    out = Path(out)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.writelines(f"{problem}\n" for problem in problems)
    os.replace(temporary, out)


def preview(records: pd.DataFrame, limit: int = 20) -> str:
    """The records as a short text table: the first ``limit`` rows and a count of the rest."""
    if records.empty:
        return "(no records)"
    shown = records.drop(columns=["quote"], errors="ignore").head(limit)
    text = shown.to_string(index=False)
    more = len(records) - len(shown)
    return text + (f"\n… {more} more record(s)" if more else "")
