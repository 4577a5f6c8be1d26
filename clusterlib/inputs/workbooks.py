"""Reading .xlsx sheets as text in bounded memory: streamed, with limits on cells and bytes."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.messages import Message, message

MAX_CELLS = 2_000_000  # cells (and rows) of one sheet; also the table's extent from A1
MAX_PART_BYTES = 100 * 2**20  # uncompressed bytes of one part of the workbook (a sheet's XML)
CELLS_ENV = "CLUSTERLIB_MAX_CELLS"
BYTES_ENV = "CLUSTERLIB_MAX_SHEET_BYTES"
_ROW, _CELL = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c"
_DATA, _MERGE = f"{{{SHEET_MAIN_NS}}}sheetData", f"{{{SHEET_MAIN_NS}}}mergeCell"
_SHEETS = "xl/worksheets/"
_LITERALS = re.compile(r'"[^"]*"|\\.')  # quoted text and escaped characters of a number format


@dataclass(frozen=True)
class Limits:
    """How much of a workbook is read before it is refused.

    ``cells``: cells and rows parsed in one sheet, and the extent (rows × columns from A1)
    of its non-empty cells; ``part_bytes``: uncompressed size of one part (a sheet's XML,
    the shared strings). Defaults :data:`MAX_CELLS` and :data:`MAX_PART_BYTES`, or the
    environment variables ``CLUSTERLIB_MAX_CELLS`` and ``CLUSTERLIB_MAX_SHEET_BYTES``.
    """

    cells: int = MAX_CELLS
    part_bytes: int = MAX_PART_BYTES

    @classmethod
    def from_environment(cls) -> Limits:
        """The limits set in the environment, the defaults otherwise."""
        return cls(
            int(os.environ.get(CELLS_ENV) or MAX_CELLS),
            int(os.environ.get(BYTES_ENV) or MAX_PART_BYTES),
        )


@dataclass(frozen=True)
class Grid:
    """One sheet as text (``cells[r - 1][c - 1]``) and its merged ranges (min_col, min_row, ...)."""

    name: str
    cells: list[list[str]]
    merged: list[tuple[int, int, int, int]]


def read_grids(
    path: Path, which: tuple[str, ...] = ("first",), limits: Limits | None = None
) -> list[Grid]:
    """The chosen sheets of an .xlsx workbook as text, streamed within ``limits``.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook.
    which
        ``("first",)``, ``("all",)`` or sheet names.
    limits
        Default :meth:`Limits.from_environment`.

    Returns
    -------
    list of Grid
        The rows up to the last non-empty cell; formulas as their text, nothing evaluated.

    Raises
    ------
    DataValidationError
        If the workbook is unreadable, a named sheet is absent, or a part or a sheet is
        beyond the limits (the message names the sheet, the size and the limit).
    """
    limits = limits or Limits.from_environment()
    reader = _open(path, limits)
    try:
        sheets = _chosen(reader, path, which)
        for name, part in sheets:
            size = reader.archive.getinfo(part).file_size
            if size > limits.part_bytes:
                raise _too_big(path, message("sheet_named", sheet=name), size, limits)
        return [_grid(path, reader, name, part, limits) for name, part in sheets]
    except DataValidationError:
        raise
    except Exception as error:  # a corrupt sheet XML
        raise _unreadable(path, error) from error
    finally:
        reader.archive.close()


def _open(path: Path, limits: Limits) -> ExcelReader:
    """The workbook's strings, sheet list and styles; no sheet is parsed (openpyxl's
    read-only mode would parse a whole sheet that lacks a dimension just to size it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [i for i in archive.infolist() if not i.filename.startswith(_SHEETS)]
    except (zipfile.BadZipFile, OSError) as error:
        raise _unreadable(path, error) from error
    for part in parts:  # shared strings, styles, workbook: read whole below
        if part.file_size > limits.part_bytes:
            raise _too_big(path, part.filename, part.file_size, limits)
    try:
        reader = ExcelReader(path, read_only=True)
    except Exception as error:  # openpyxl raises many types for corrupt files
        raise _unreadable(path, error) from error
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
    except Exception as error:
        reader.archive.close()
        raise _unreadable(path, error) from error
    return reader


def _unreadable(path: Path, error: Exception) -> DataValidationError:
    said = message("workbook_unreadable", error=type(error).__name__)
    return DataValidationError([Problem(path.name, None, None, said)])


def _too_big(path: Path, part: str, size: int, limits: Limits) -> DataValidationError:
    """A part of the workbook (a file of its archive, or a sheet) beyond the byte limit."""
    said = message("part_too_big", part=part, size=size, limit=limits.part_bytes, env=BYTES_ENV)
    return DataValidationError([Problem(path.name, None, None, said)])


def _chosen(reader: ExcelReader, path: Path, which: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, XML part) of the chosen worksheets, in the workbook's order."""
    present = reader.archive.namelist()
    sheets = {
        sheet.name: rel.target
        for sheet, rel in reader.parser.find_sheets()
        if rel.target in present and "chartsheet" not in rel.Type
    }
    if which == ("first",):
        return list(sheets.items())[:1]
    if which == ("all",):
        return list(sheets.items())
    known = ", ".join(sheets)
    problems = [
        Problem(path.name, None, None, message("no_sheet", sheet=name, known=known))
        for name in which
        if name not in sheets
    ]
    if problems:
        raise DataValidationError(problems)
    return [(name, sheets[name]) for name in which]


def _grid(path: Path, reader: ExcelReader, name: str, part: str, limits: Limits) -> Grid:
    """Stream one sheet's XML: non-empty cells and merged ranges, every element cleared."""
    book = reader.wb
    parser = WorkSheetParser(
        None,
        reader.shared_strings,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )
    percent = percent_styles(book)
    lines: dict[int, list[str]] = {}  # sheet row → its texts up to its last non-empty cell
    merged, read, last_row, last_column, data = [], 0, 0, 0, None
    with reader.archive.open(part) as source:
        for event, element in iterparse(source, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _ROW:
                    number = element.get("r")
                    parser.row_counter = int(number) if number else parser.row_counter + 1
                    parser.col_counter = 0
                elif tag == _DATA:
                    data = element
                continue
            if tag == _CELL:
                cell = parser.parse_cell(element)
                element.clear()
                value = cell["value"]
                shown = cell["style_id"] in percent and cell["data_type"] == "n"
                text = percent_text(value) if shown and value is not None else cell_text(value)
                if text:
                    row, column = cell["row"], cell["column"]
                    last_row, last_column = max(last_row, row), max(last_column, column)
                    if last_row * last_column > limits.cells:
                        extent = message(
                            "cells_reach", cell=_ref(row, column), cells=last_row * last_column
                        )
                        raise _too_many(path, name, extent, limits)
                    line = lines.setdefault(row, [])
                    line.extend([""] * (column - len(line)))
                    line[column - 1] = text
            elif tag == _ROW:
                element.clear()
                if data is not None:
                    data.remove(element)
            elif tag == _MERGE:
                merged.append(range_boundaries(element.get("ref")))
            else:
                continue
            read += 1
            if read > limits.cells:
                raise _too_many(path, name, message("cells_beyond", limit=limits.cells), limits)
    cells = []
    for row in range(1, last_row + 1):
        line = lines.pop(row, [])
        cells.append(line + [""] * (last_column - len(line)))
    return Grid(name, cells, merged)


def _ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _too_many(path: Path, sheet: str, extent: Message, limits: Limits) -> DataValidationError:
    """A sheet beyond the cell limit: its ``extent`` says how far."""
    said = message("too_many_cells", sheet=sheet, extent=extent, limit=limits.cells, env=CELLS_ENV)
    return DataValidationError([Problem(path.name, None, None, said)])


def percent_styles(book: object) -> frozenset[int]:
    """The workbook's cell styles whose number format shows a percentage (``0.0%``)."""
    custom = list(getattr(book, "_number_formats", []))
    codes = [
        BUILTIN_FORMATS.get(style.numFmtId, "")
        if style.numFmtId < BUILTIN_FORMATS_MAX_SIZE
        else custom[style.numFmtId - BUILTIN_FORMATS_MAX_SIZE]
        for style in getattr(book, "_cell_styles", [])
    ]
    return frozenset(i for i, code in enumerate(codes) if "%" in _LITERALS.sub("", code))


def percent_text(value: float) -> str:
    """A stored fraction as its percentage shown: 0.084 → ``8.4%`` (exact, no float noise)."""
    shown = Decimal(repr(float(value))).scaleb(2).normalize()
    return f"{shown:f}%"


def cell_text(value: object) -> str:
    """A cell's value as text: numbers without float noise, formulas as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return value.isoformat() if not isinstance(value, dt.timedelta) else str(value)
    return str(getattr(value, "text", value))
