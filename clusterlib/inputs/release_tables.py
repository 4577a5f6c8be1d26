"""Release tables as grids of text: the sheets of an .xlsx workbook or a (GBK) CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.reading import CSV_ENCODINGS

SUFFIXES = (".xlsx", ".csv")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


@dataclass(frozen=True)
class Sheet:
    """One sheet as text: ``cells[r - 1][c - 1]`` is the sheet cell at row r, column c."""

    name: str
    cells: list[list[str]]

    def text(self, row: int, column: int) -> str:
        """The text of a cell (1-based), ``""`` outside the used range."""
        if row > len(self.cells) or column > len(self.cells[row - 1]):
            return ""
        return self.cells[row - 1][column - 1]

    @property
    def width(self) -> int:
        """The number of columns in use."""
        return max((len(row) for row in self.cells), default=0)

    def ref(self, row: int, column: int) -> str:
        """The cell reference ``Sheet1!B7`` (just ``B7`` for a CSV file)."""
        cell = f"{get_column_letter(column)}{row}"
        return f"{self.name}!{cell}" if self.name else cell


def read_sheets(path: str | Path, which: tuple[str, ...], header_rows: tuple[int, ...]):
    """Read the sheets of a release table as text; merged header and label cells are filled.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook or a ``.csv`` file (UTF-8 or GBK/GB18030).
    which
        ``("first",)``, ``("all",)`` or sheet names.
    header_rows
        Sheet rows of the header: a merged range touching them is filled with its value,
        as is a merged range within one column (a label spanning rows).

    Returns
    -------
    list of Sheet
        Formulas are kept as their text (``=SUM(B2:B9)``); nothing is evaluated.

    Raises
    ------
    DataValidationError
        If the file is missing, of another type, unreadable, or a named sheet is absent.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DataValidationError([Problem(path.name, None, None, "file not found")])
    if suffix == ".xls":
        message = "old .xls workbooks are not read; open it in Excel/WPS and save as .xlsx"
        raise DataValidationError([Problem(path.name, None, None, message)])
    if suffix not in SUFFIXES:
        message = f"unsupported file type '{suffix or '(none)'}'; expected .xlsx or .csv"
        raise DataValidationError([Problem(path.name, None, None, message)])
    if suffix == ".csv":
        return [Sheet("", _csv_rows(path))]
    return _xlsx_sheets(path, which, set(header_rows))


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(StringIO(text))]
    message = "cannot decode the file as UTF-8 or GBK; re-save it as 'CSV UTF-8'"
    raise DataValidationError([Problem(path.name, None, None, message)])


def _xlsx_sheets(path: Path, which: tuple[str, ...], header_rows: set[int]) -> list[Sheet]:
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for corrupt files
        message = f"cannot read the workbook ({type(error).__name__}); expected a valid .xlsx"
        raise DataValidationError([Problem(path.name, None, None, message)]) from error
    try:
        return [_sheet(sheet, header_rows) for sheet in _chosen(book, path, which)]
    finally:
        book.close()


def _chosen(book, path: Path, which: tuple[str, ...]) -> list:
    if which == ("first",):
        return book.worksheets[:1]
    if which == ("all",):
        return book.worksheets
    known = ", ".join(book.sheetnames)
    problems = [
        Problem(path.name, None, None, f"no sheet '{name}'; sheets: {known}")
        for name in which
        if name not in book.sheetnames
    ]
    if problems:
        raise DataValidationError(problems)
    return [book[name] for name in which]


def _sheet(sheet, header_rows: set[int]) -> Sheet:
    sheet.reset_dimensions()  # the stored dimensions of exported files are often wrong
    cells = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    width = max((len(row) for row in cells), default=0)
    cells = [row + [""] * (width - len(row)) for row in cells]
    for min_col, min_row, max_col, max_row in _merged_ranges(sheet):
        rows = range(min_row, min(max_row, len(cells)) + 1)
        if min_col != max_col and not header_rows.intersection(rows):
            continue
        value = cells[min_row - 1][min_col - 1] if min_row <= len(cells) else ""
        for row in rows:
            for column in range(min_col, min(max_col, width) + 1):
                cells[row - 1][column - 1] = value
    return Sheet(sheet.title, cells)


def _merged_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a read-only sheet, from its XML (read-only mode does not parse them).

    Uses openpyxl's ``_get_source`` (the sheet's XML stream; openpyxl is pinned).
    """
    with sheet._get_source() as source:
        xml = source.read()
    refs = _MERGE.findall(xml)
    return [range_boundaries(ref.decode()) for ref in refs]


def cell_text(value: object) -> str:
    """A cell's value as text: numbers without float noise, formulas as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(getattr(value, "text", value))
